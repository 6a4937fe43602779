"""Listings the library has no query for yet: documents, people, countries (Core, paged)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Row, case, func, select, true

from emptychair.store import Store
from emptychair.store import schema as db
from emptychair.store.read import Entry, entries


@dataclass(frozen=True)
class DocumentRow:
    """A stored document, without its text."""

    id: int
    external_id: str
    published: dt.date | None
    title: str | None
    outlet: str | None
    url: str | None
    claims: int
    copy_of: int | None
    """The id of the original this document copies, None for an original."""


@dataclass(frozen=True)
class DocumentView:
    """A stored document with its text and its claims."""

    document: DocumentRow
    text: str
    claims: tuple[Entry, ...]


@dataclass(frozen=True)
class CountryRow:
    """A country the store has records for."""

    code: str
    records: int
    absent: int


_claim_counts = (
    select(db.claims.c.document_id, func.count().label("n"))
    .group_by(db.claims.c.document_id)
    .subquery()
)
_documents = select(
    db.documents.c.id,
    db.documents.c.external_id,
    db.documents.c.published,
    db.documents.c.title,
    db.documents.c.outlet,
    db.documents.c.url,
    func.coalesce(_claim_counts.c.n, 0).label("claims"),
    db.documents.c.syndication_group,
    db.documents.c.text,
).outerjoin(_claim_counts, _claim_counts.c.document_id == db.documents.c.id)


def _row(r: Row[*tuple[Any, ...]]) -> DocumentRow:
    group = r.syndication_group
    return DocumentRow(
        id=r.id,
        external_id=r.external_id,
        published=r.published,
        title=r.title,
        outlet=r.outlet,
        url=r.url,
        claims=int(r.claims),
        copy_of=group if group not in (None, r.id) else None,
    )


def documents(
    store: Store, limit: int, offset: int, ids: list[int] | None = None
) -> tuple[list[DocumentRow], int]:
    """A page of documents, newest first (only ``ids`` if given), and how many there are."""
    where: ColumnElement[bool] = db.documents.c.id.in_(ids) if ids is not None else true()
    with store.engine.connect() as connection:
        total = connection.execute(select(func.count(db.documents.c.id)).where(where)).scalar_one()
        rows = connection.execute(
            _documents.where(where)
            .order_by(db.documents.c.published.desc(), db.documents.c.id.desc())
            .limit(limit)
            .offset(offset)
        ).all()
    return [_row(r) for r in rows], int(total)


def document(store: Store, doc_id: int) -> DocumentView | None:
    """One document with its text and claims, None if unknown."""
    with store.engine.connect() as connection:
        row = connection.execute(_documents.where(db.documents.c.id == doc_id)).first()
        if row is None:
            return None
        found = entries(connection, db.claims.c.document_id == doc_id)
    return DocumentView(document=_row(row), text=row.text, claims=tuple(found))


def people(store: Store, name: str | None, limit: int, offset: int) -> tuple[list[str], int]:
    """A page of people's names in alphabetical order (containing ``name`` if given)."""
    where: ColumnElement[bool] = (
        db.people.c.name.icontains(name.strip(), autoescape=True) if name else true()
    )
    with store.engine.connect() as connection:
        total = connection.execute(select(func.count(db.people.c.id)).where(where)).scalar_one()
        names = connection.execute(
            select(db.people.c.name)
            .where(where)
            .order_by(db.people.c.name)
            .limit(limit)
            .offset(offset)
        ).scalars()
        return list(names), int(total)


def countries(store: Store) -> list[CountryRow]:
    """Every country with records, with how many and how many absent."""
    with store.engine.connect() as connection:
        rows = connection.execute(
            select(
                db.offices.c.country,
                func.count(db.records.c.id),
                func.sum(case((db.records.c.status == "absent", 1), else_=0)),
            )
            .join(db.records, db.records.c.office_id == db.offices.c.id)
            .where(db.offices.c.country.is_not(None))
            .group_by(db.offices.c.country)
            .order_by(db.offices.c.country)
        ).all()
    return [CountryRow(code, int(n), int(absent or 0)) for code, n, absent in rows]
