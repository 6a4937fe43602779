"""Comparing two stores table by table, by readable keys: the bulk path against the ordinary one."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from emptychair.model import Claim, Document
from emptychair.store import Store
from emptychair.store import schema as db

Items = list[tuple[Document, list[Claim]]]


def snapshot(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Everything stored, by readable keys (ids differ between two stores), sorted."""
    person = db.people.alias("person")
    deputy = db.people.alias("deputy")
    original = db.documents.alias("original")
    queries = {
        "documents": select(
            db.documents.c.external_id,
            db.documents.c.content_hash,
            db.documents.c.url,
            db.documents.c.outlet,
            db.documents.c.published,
            db.documents.c.title,
            db.documents.c.text,
            db.documents.c.shingles,
            db.documents.c.minhash,
            original.c.external_id,
        ).join(original, original.c.id == db.documents.c.syndication_group),
        "claims": select(
            db.documents.c.external_id,
            db.claims.c.ordinal,
            db.meetings.c.slug,
            db.claims.c.awaits_meeting,
            db.offices.c.country,
            db.offices.c.role,
            person.c.name,
            deputy.c.name,
            db.claims.c.forum,
            db.claims.c.meeting_date,
            db.claims.c.status,
            db.claims.c.certainty,
            db.claims.c.evidence,
            db.claims.c.evidence_start,
            db.claims.c.evidence_end,
        )
        .join(db.documents, db.documents.c.id == db.claims.c.document_id)
        .join(db.offices, db.offices.c.id == db.claims.c.office_id)
        .outerjoin(db.meetings, db.meetings.c.id == db.claims.c.meeting_id)
        .outerjoin(person, person.c.id == db.claims.c.person_id)
        .outerjoin(deputy, deputy.c.id == db.claims.c.representative_id),
        "sources": select(
            db.documents.c.external_id,
            db.claims.c.ordinal,
            db.claim_sources.c.ordinal,
            db.claim_sources.c.kind,
            db.claim_sources.c.descriptor,
        )
        .join(db.claims, db.claims.c.id == db.claim_sources.c.claim_id)
        .join(db.documents, db.documents.c.id == db.claims.c.document_id),
        "meetings": select(
            db.meetings.c.slug,
            db.meetings.c.forum,
            db.meetings.c.month,
            db.meetings.c.start_date,
            db.meetings.c.end_date,
        ),
        "records": select(
            db.meetings.c.slug,
            db.offices.c.country,
            db.offices.c.role,
            db.records.c.status,
            db.records.c.contested,
            db.records.c.statuses,
            db.records.c.certainty,
            person.c.name,
            deputy.c.name,
            db.records.c.claims,
            db.records.c.documents,
            db.records.c.reports,
            db.records.c.first_published,
            db.records.c.last_published,
        )
        .join(db.meetings, db.meetings.c.id == db.records.c.meeting_id)
        .join(db.offices, db.offices.c.id == db.records.c.office_id)
        .outerjoin(person, person.c.id == db.records.c.person_id)
        .outerjoin(deputy, deputy.c.id == db.records.c.representative_id),
        "levels": select(
            db.meetings.c.slug, db.representation.c.country, db.representation.c.level
        ).join(db.meetings, db.meetings.c.id == db.representation.c.meeting_id),
        "people": select(db.people.c.name),
        "offices": select(db.offices.c.country, db.offices.c.role),
        "forums": select(db.forums.c.id, db.forums.c.family, db.forums.c.principal_role),
    }
    with store.engine.connect() as connection:
        return {
            name: sorted((tuple(row) for row in connection.execute(query)), key=repr)
            for name, query in queries.items()
        }


def counts(store: Store) -> dict[str, int]:
    """Rows per table."""
    with store.engine.connect() as connection:
        return {
            t.name: connection.execute(select(func.count()).select_from(t)).scalar_one()
            for t in db.metadata.sorted_tables
        }


def empty(store: Store) -> None:
    with store.engine.begin() as connection:
        for table in reversed(db.metadata.sorted_tables):
            connection.execute(table.delete())


def assert_same(bulk: dict[str, list[Any]], ordinary: dict[str, list[Any]]) -> None:
    """Table by table, so a failure names the table."""
    for table in ordinary:
        assert bulk[table] == ordinary[table], table
