"""The web's own read queries: a meeting's board and pages of claims and meetings, in SQL.

``store.read`` answers for the CLI: whole lists, and boards built from per-record
condition lists. The server needs pages (``LIMIT``/``OFFSET`` in SQL, with a
count) and a board fetched by meeting id through fixed statements (compiled
once, so a request pays for executing them, not for building them), and its
timeline entries carry the document's internal id, so pages can link to
``/documents/{id}``. The rows are ``store.read``'s dataclasses.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    and_,
    bindparam,
    case,
    func,
    not_,
    or_,
    select,
    true,
)

from emptychair.model import Source
from emptychair.reconcile.timeline import Statement, standing
from emptychair.store import Store
from emptychair.store import schema as db
from emptychair.store.read import Board, ClaimFilter, Entry, MeetingRow, RecordRow, entry_fields

_person = db.people.alias("person")
_stand_in = db.people.alias("stand_in")
_original = db.documents.alias("original")


@dataclass(frozen=True)
class LinkedEntry(Entry):
    """An entry that knows its document's internal id (for ``/documents/{id}`` links)."""

    document_id: int | None = None


_ENTRIES = (
    select(
        db.claims.c.id,
        db.claims.c.office_id,
        db.claims.c.status,
        db.claims.c.certainty,
        db.documents.c.published,
        db.claims.c.forum,
        db.claims.c.meeting_date,
        db.claims.c.evidence,
        db.documents.c.external_id,
        db.documents.c.outlet,
        db.documents.c.title,
        db.documents.c.url,
        db.documents.c.syndication_group,
        db.documents.c.id,
        db.offices.c.country,
        db.offices.c.role,
        _person.c.name,
        _stand_in.c.name,
        db.meetings.c.slug,
        _original.c.external_id,
    )
    .join(db.documents, db.documents.c.id == db.claims.c.document_id)
    .join(db.offices, db.offices.c.id == db.claims.c.office_id)
    .outerjoin(_person, _person.c.id == db.claims.c.person_id)
    .outerjoin(_stand_in, _stand_in.c.id == db.claims.c.representative_id)
    .outerjoin(db.meetings, db.meetings.c.id == db.claims.c.meeting_id)
    .outerjoin(_original, _original.c.id == db.documents.c.syndication_group)
)
# Oldest publication first, as ``store.read`` lists claims (same NULL order per backend).
_ENTRY_ORDER = (db.documents.c.published, db.claims.c.id)
_SOURCES = select(
    db.claim_sources.c.claim_id, db.claim_sources.c.kind, db.claim_sources.c.descriptor
).order_by(db.claim_sources.c.claim_id, db.claim_sources.c.ordinal)

_MEETING = (
    select(
        db.meetings.c.id,
        db.meetings.c.slug,
        db.meetings.c.forum,
        db.forums.c.family,
        db.meetings.c.month,
        db.meetings.c.start_date,
        db.meetings.c.end_date,
        db.meetings.c.place,
    )
    .join(db.forums, db.forums.c.id == db.meetings.c.forum)
    .where(db.meetings.c.slug == bindparam("slug"))
)
_RECORDS = (
    select(
        db.records.c.office_id,
        db.offices.c.country,
        db.offices.c.role,
        _person.c.name,
        db.records.c.status,
        db.records.c.contested,
        db.records.c.statuses,
        db.records.c.certainty,
        _stand_in.c.name,
        db.records.c.claims,
        db.records.c.reports,
        db.records.c.documents,
        db.records.c.first_published,
        db.records.c.last_published,
    )
    .join(db.offices, db.offices.c.id == db.records.c.office_id)
    .outerjoin(_person, _person.c.id == db.records.c.person_id)
    .outerjoin(_stand_in, _stand_in.c.id == db.records.c.representative_id)
    .where(db.records.c.meeting_id == bindparam("meeting"))
    .order_by(db.offices.c.country, db.offices.c.role)
)
_BOARD_ENTRIES = _ENTRIES.where(db.claims.c.meeting_id == bindparam("meeting")).order_by(
    *_ENTRY_ORDER
)
_BOARD_SOURCES = _SOURCES.join(db.claims, db.claims.c.id == db.claim_sources.c.claim_id).where(
    db.claims.c.meeting_id == bindparam("meeting")
)


def _entry_rows(
    rows: Sequence[Any], sources: dict[int, tuple[Source, ...]], current: set[int] | None = None
) -> list[LinkedEntry]:
    """``_ENTRIES`` rows as entries; with ``current``, marked whether their id is in it."""
    found = []
    for claim_id, _office, *tail in rows:
        fields, doc_id = entry_fields(claim_id, tail, sources, current)
        found.append(LinkedEntry(**fields, document_id=doc_id))
    return found


def _sources(rows: Sequence[Any]) -> dict[int, tuple[Source, ...]]:
    found: dict[int, list[Source]] = defaultdict(list)
    for claim_id, kind, descriptor in rows:
        found[claim_id].append(Source(kind=kind, descriptor=descriptor))
    return {claim_id: tuple(listed) for claim_id, listed in found.items()}


def board(store: Store, slug: str) -> Board | None:
    """The board of meeting ``slug`` with every record's timeline (as ``read.meeting_board``).

    Four fixed statements keyed by the meeting id, whose claims the
    ``ix_claims_meeting_office`` index finds; tallies are summed from the records.
    """
    with store.engine.connect() as connection:
        meeting = connection.execute(_MEETING, {"slug": slug}).first()
        if meeting is None:
            return None
        key = {"meeting": meeting.id}
        records = connection.execute(_RECORDS, key).all()
        claim_rows = connection.execute(_BOARD_ENTRIES, key).all()
        sources = _sources(connection.execute(_BOARD_SOURCES, key).all())
    statements: dict[int, list[Statement]] = defaultdict(list)
    for claim_id, office, status, certainty, published, *_ in claim_rows:
        statements[office].append(Statement(claim_id, published, status, certainty))
    current = {s.claim_id for listed in statements.values() for s in standing(listed)}
    timelines: dict[int, list[LinkedEntry]] = defaultdict(list)
    for row, entry in zip(claim_rows, _entry_rows(claim_rows, sources, current), strict=True):
        timelines[row[1]].append(entry)
    rows = tuple(
        RecordRow(
            meeting=slug,
            country=country,
            role=role,
            person=person,
            status=status,
            contested=contested,
            statuses=tuple(statuses.split("|")) if statuses else (),
            certainty=certainty,
            representative=stand_in,
            claims=claims,
            reports=reports,
            copies=documents - reports,
            first_published=first,
            last_published=last,
            timeline=tuple(timelines.get(office_id, ())),
        )
        for (
            office_id,
            country,
            role,
            person,
            status,
            contested,
            statuses,
            certainty,
            stand_in,
            claims,
            reports,
            documents,
            first,
            last,
        ) in records
    )
    found = MeetingRow(
        id=meeting.slug,
        forum=meeting.forum,
        family=meeting.family,
        month=meeting.month,
        start=meeting.start_date,
        end=meeting.end_date,
        place=meeting.place,
        records=len(rows),
        claims=sum(r.claims for r in rows),
        absent=sum(r.status == "absent" for r in rows),
    )
    return Board(meeting=found, records=rows)


def _claim_condition(filters: ClaimFilter) -> ColumnElement[bool]:
    """``filters`` over ``_ENTRIES``' tables; the person is a substring, % and _ literal."""
    condition: ColumnElement[bool] = true()
    if filters.person:
        named = select(db.people.c.id).where(
            db.people.c.name.icontains(filters.person.strip(), autoescape=True)
        )
        condition = and_(condition, db.claims.c.person_id.in_(named))
    if filters.country:
        condition = and_(condition, db.offices.c.country == filters.country.upper())
    if filters.forum:
        condition = and_(condition, db.claims.c.forum == filters.forum)
    if filters.status:
        condition = and_(condition, db.claims.c.status == filters.status)
    if filters.meeting:
        condition = and_(condition, db.meetings.c.slug == filters.meeting)
    if filters.since:
        condition = and_(condition, db.documents.c.published >= filters.since)
    if filters.until:
        condition = and_(condition, db.documents.c.published <= filters.until)
    return condition


def claims(
    store: Store, filters: ClaimFilter, limit: int, offset: int
) -> tuple[list[LinkedEntry], int]:
    """A page of the claims matching ``filters``, oldest publication first, and their count."""
    condition = _claim_condition(filters)
    counted = (
        select(func.count(db.claims.c.id))
        .select_from(db.claims)
        .join(db.documents, db.documents.c.id == db.claims.c.document_id)
        .join(db.offices, db.offices.c.id == db.claims.c.office_id)
        .outerjoin(db.meetings, db.meetings.c.id == db.claims.c.meeting_id)
        .where(condition)
    )
    with store.engine.connect() as connection:
        total = int(connection.execute(counted).scalar_one())
        rows = connection.execute(
            _ENTRIES.where(condition).order_by(*_ENTRY_ORDER).limit(limit).offset(offset)
        ).all()
        ids = [r[0] for r in rows]
        sources = _sources(
            connection.execute(_SOURCES.where(db.claim_sources.c.claim_id.in_(ids))).all()
            if ids
            else []
        )
    return _entry_rows(rows, sources), total


def _meetings_page(
    connection: Connection, query: Select[Any], limit: int, offset: int, oldest_first: bool
) -> list[MeetingRow]:
    """The ``limit`` meetings of ``query`` (ids) from ``offset``, in order, with tallies."""
    keys = (db.meetings.c.month, db.meetings.c.start_date, db.meetings.c.slug)
    chosen = query.order_by(*(keys if oldest_first else (k.desc() for k in keys)))
    ids = list(connection.execute(chosen.limit(limit).offset(offset)).scalars())
    if not ids:
        return []
    tallies = (
        select(
            db.records.c.meeting_id,
            func.count().label("records"),
            func.sum(db.records.c.claims).label("claims"),
            func.sum(case((db.records.c.status == "absent", 1), else_=0)).label("absent"),
        )
        .where(db.records.c.meeting_id.in_(ids))
        .group_by(db.records.c.meeting_id)
        .subquery()
    )
    rows = connection.execute(
        select(
            db.meetings, db.forums.c.family, tallies.c.records, tallies.c.claims, tallies.c.absent
        )
        .join(db.forums, db.forums.c.id == db.meetings.c.forum)
        .outerjoin(tallies, tallies.c.meeting_id == db.meetings.c.id)
        .where(db.meetings.c.id.in_(ids))
    ).all()
    by_id = {
        r.id: MeetingRow(
            id=r.slug,
            forum=r.forum,
            family=r.family,
            month=r.month,
            start=r.start_date,
            end=r.end_date,
            place=r.place,
            records=r.records or 0,
            claims=r.claims or 0,
            absent=r.absent or 0,
        )
        for r in rows
    }
    return [by_id[i] for i in ids]


def _meetings_condition(
    forum: str | None,
    family: str | None,
    since: dt.date | None,
    until: dt.date | None,
    upcoming: bool | None,
    today: dt.date,
) -> ColumnElement[bool]:
    """``store.read.meetings``' filters, and (unless None) whether not yet ended by ``today``."""
    condition: ColumnElement[bool] = true()
    if forum:
        condition = and_(condition, db.meetings.c.forum == forum)
    if family:
        condition = and_(condition, db.forums.c.family == family)
    if since:
        condition = and_(condition, db.meetings.c.month >= since.strftime("%Y-%m"))
    if until:
        condition = and_(condition, db.meetings.c.month <= until.strftime("%Y-%m"))
    if upcoming is not None:
        # Not ended: its last known day is today or later; undated, its month is not past.
        last = func.coalesce(db.meetings.c.end_date, db.meetings.c.start_date)
        ahead = or_(
            last >= today,
            and_(last.is_(None), db.meetings.c.month >= today.strftime("%Y-%m")),
        )
        condition = and_(condition, ahead if upcoming else not_(ahead))
    return condition


def meetings(
    store: Store,
    limit: int,
    offset: int,
    forum: str | None = None,
    family: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    upcoming: bool | None = None,
    oldest_first: bool = False,
) -> tuple[list[MeetingRow], int]:
    """A page of meetings, newest first, filtered as ``store.read.meetings``, and their count.

    ``upcoming`` True keeps meetings not ended today, False the others (None: all);
    ``oldest_first`` reverses the order (the meetings page lists upcoming ones soonest first).
    """
    condition = _meetings_condition(forum, family, since, until, upcoming, dt.date.today())
    base = (
        select(db.meetings.c.id)
        .join(db.forums, db.forums.c.id == db.meetings.c.forum)
        .where(condition)
    )
    with store.engine.connect() as connection:
        total = int(
            connection.execute(select(func.count()).select_from(base.subquery())).scalar_one()
        )
        return _meetings_page(connection, base, limit, offset, oldest_first), total
