"""The web's own read queries: a meeting's board and pages of claims and meetings, in SQL.

``store.read`` answers for the CLI: whole lists, and boards built from per-record
condition lists. The server needs pages (``LIMIT``/``OFFSET`` in SQL, with a
count) and a board fetched by its slug in one fixed statement (compiled once, so
a request pays for executing it, not for building it), whole or, for the board
page, only what its cells need; its timeline entries carry the document's internal
id, so pages can link to ``/documents/{id}``. The rows are ``store.read``'s
dataclasses.
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
from emptychair.serve.board import StandingSources
from emptychair.store import Store
from emptychair.store import schema as db
from emptychair.store.read import (
    ENTRY_COLUMNS,
    ORIGINAL,
    PERSON,
    STAND_IN,
    Board,
    ClaimFilter,
    Entry,
    MeetingRow,
    RecordRow,
    claim_condition,
    entry_fields,
)


@dataclass(frozen=True)
class LinkedEntry(Entry):
    """An entry that knows its document's internal id (for ``/documents/{id}`` links)."""

    document_id: int | None = None


_ENTRIES = (
    select(db.claims.c.id, db.claims.c.office_id, *ENTRY_COLUMNS)
    .join(db.documents, db.documents.c.id == db.claims.c.document_id)
    .join(db.offices, db.offices.c.id == db.claims.c.office_id)
    .outerjoin(PERSON, PERSON.c.id == db.claims.c.person_id)
    .outerjoin(STAND_IN, STAND_IN.c.id == db.claims.c.representative_id)
    .outerjoin(db.meetings, db.meetings.c.id == db.claims.c.meeting_id)
    .outerjoin(ORIGINAL, ORIGINAL.c.id == db.documents.c.syndication_group)
)
# Oldest publication first, as ``store.read`` lists claims (same NULL order per backend).
_ENTRY_ORDER = (db.documents.c.published, db.claims.c.id)
_SOURCES = select(
    db.claim_sources.c.claim_id, db.claim_sources.c.kind, db.claim_sources.c.descriptor
).order_by(db.claim_sources.c.claim_id, db.claim_sources.c.ordinal)


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


# A board in one statement: the meeting (by its slug's unique index), its records
# (outer joined: a meeting with none is still found), each record's claims (by
# ``ix_claims_meeting_office``) and each claim's sources (outer joined: one row per
# source). Ordered by record, then as timelines are, so each record's rows and each
# claim's rows are adjacent: grouping them is one pass.
_record_person = db.people.alias("record_person")
_record_stand_in = db.people.alias("record_stand_in")
_MEETING_COLUMNS = (
    db.meetings.c.id,
    db.meetings.c.slug,
    db.meetings.c.forum,
    db.forums.c.family,
    db.meetings.c.month,
    db.meetings.c.start_date,
    db.meetings.c.end_date,
    db.meetings.c.place,
)
_RECORD_COLUMNS = (
    db.records.c.office_id,
    db.offices.c.country,
    db.offices.c.role,
    _record_person.c.name,
    db.records.c.status,
    db.records.c.contested,
    db.records.c.statuses,
    db.records.c.certainty,
    _record_stand_in.c.name,
    db.records.c.claims,
    db.records.c.reports,
    db.records.c.documents,
    db.records.c.first_published,
    db.records.c.last_published,
)
_RECORD = len(_MEETING_COLUMNS)  # where a row's record columns start
_CLAIM = _RECORD + len(_RECORD_COLUMNS)  # where its claim columns start
# What standing and copies need: id, status, certainty, published, group, document.
_CLAIM_FACTS = (
    db.claims.c.id,
    db.claims.c.status,
    db.claims.c.certainty,
    db.documents.c.published,
    db.documents.c.syndication_group,
    db.documents.c.id,
)
_SOURCE_COLUMNS = (db.claim_sources.c.kind, db.claim_sources.c.descriptor)


def _board_statement(claim_columns: Sequence[Any], entries: bool) -> Select[Any]:
    """The board statement selecting ``claim_columns``; ``entries`` joins what timeline
    entries show (the claim's people, its document's original)."""
    claim = and_(
        db.claims.c.meeting_id == db.meetings.c.id,
        db.claims.c.office_id == db.records.c.office_id,
    )
    query = (
        select(*_MEETING_COLUMNS, *_RECORD_COLUMNS, *claim_columns, *_SOURCE_COLUMNS)
        .join(db.forums, db.forums.c.id == db.meetings.c.forum)
        .outerjoin(db.records, db.records.c.meeting_id == db.meetings.c.id)
        .outerjoin(db.offices, db.offices.c.id == db.records.c.office_id)
        .outerjoin(_record_person, _record_person.c.id == db.records.c.person_id)
        .outerjoin(_record_stand_in, _record_stand_in.c.id == db.records.c.representative_id)
        .outerjoin(db.claims, claim)
        .outerjoin(db.documents, db.documents.c.id == db.claims.c.document_id)
    )
    if entries:
        query = (
            query.outerjoin(PERSON, PERSON.c.id == db.claims.c.person_id)
            .outerjoin(STAND_IN, STAND_IN.c.id == db.claims.c.representative_id)
            .outerjoin(ORIGINAL, ORIGINAL.c.id == db.documents.c.syndication_group)
        )
    return (
        query.outerjoin(db.claim_sources, db.claim_sources.c.claim_id == db.claims.c.id)
        .where(db.meetings.c.slug == bindparam("slug"))
        .order_by(
            db.offices.c.country,
            db.offices.c.role,
            db.records.c.office_id,
            *_ENTRY_ORDER,
            db.claim_sources.c.ordinal,
        )
    )


# Timeline entries: the claim's id, then ``entry_fields``' columns (the record's office
# and meeting are the claim's, so they are selected again rather than joined again).
_BOARD = _board_statement(
    (db.claims.c.id, *ENTRY_COLUMNS),
    entries=True,
)
_BOARD_FACTS = _board_statement(_CLAIM_FACTS, entries=False)


@dataclass
class _Grouped:
    """A board statement's rows grouped: the meeting, and per record its row and claims."""

    meeting: Any
    records: list[tuple[Any, list[Any]]]
    """Each record's first row and one row per claim (in timeline order)."""
    sources: dict[int, tuple[Source, ...]]
    """Each claim's sources, by claim id."""


def _grouped(rows: Sequence[Any]) -> _Grouped | None:
    """The rows of ``_BOARD`` or ``_BOARD_FACTS`` grouped; None for no rows (no meeting)."""
    if not rows:
        return None
    records: list[tuple[Any, list[Any]]] = []
    sources: dict[int, list[Source]] = defaultdict(list)
    office: Any = None
    claim: Any = None
    for row in rows:
        if row[_RECORD] is None:
            continue  # the meeting's only row when it has no records
        if row[_RECORD] != office:
            office, claim = row[_RECORD], None
            records.append((row, []))
        if row[_CLAIM] is not None and row[_CLAIM] != claim:
            claim = row[_CLAIM]
            records[-1][1].append(row)
        if row[-2] is not None:
            sources[claim].append(Source(kind=row[-2], descriptor=row[-1]))
    return _Grouped(rows[0], records, {c: tuple(listed) for c, listed in sources.items()})


def _standing(claims: Sequence[Any]) -> set[int]:
    """Ids of the claims standing in their record (its rows, from the claim columns on)."""
    if len(claims) == 1:
        return {claims[0][_CLAIM]}  # a record's only claim always stands: most have one
    statements = [
        Statement(claim_id, published, status, certainty)
        for claim_id, status, certainty, published in (row[_CLAIM : _CLAIM + 4] for row in claims)
    ]
    return {s.claim_id for s in standing(statements)}


def _record(slug: str, row: Any, timeline: tuple[LinkedEntry, ...] = ()) -> RecordRow:
    """The record in a board row's record columns."""
    (
        _office,
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
    ) = row[_RECORD:_CLAIM]
    return RecordRow(
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
        timeline=timeline,
    )


def _board(row: Any, records: tuple[RecordRow, ...]) -> Board:
    """A board of ``records`` at the meeting of a board row, its tallies summed from them."""
    _id, slug, forum, family, month, start, end, place = row[:_RECORD]
    return Board(
        meeting=MeetingRow(
            id=slug,
            forum=forum,
            family=family,
            month=month,
            start=start,
            end=end,
            place=place,
            records=len(records),
            claims=sum(r.claims for r in records),
            absent=sum(r.status == "absent" for r in records),
        ),
        records=records,
    )


def board(store: Store, slug: str) -> Board | None:
    """The board of meeting ``slug`` with every record's timeline (as ``read.meeting_board``),
    in one statement."""
    with store.engine.connect() as connection:
        found = _grouped(connection.execute(_BOARD, {"slug": slug}).all())
    if found is None:
        return None
    records = []
    for row, claims in found.records:
        current = _standing(claims)
        timeline = []
        for claim in claims:
            fields, doc_id = entry_fields(
                claim[_CLAIM], claim[_CLAIM + 1 : -2], found.sources, current
            )
            timeline.append(LinkedEntry(**fields, document_id=doc_id))
        records.append(_record(slug, row, tuple(timeline)))
    return _board(found.meeting, tuple(records))


def board_facts(store: Store, slug: str) -> tuple[Board, StandingSources] | None:
    """The board of meeting ``slug`` without timelines, and what its cells show of them:
    the sources of each record's standing original reports (``board.board_view``'s
    ``standing_sources``). Fetches a few columns of each claim instead of whole entries."""
    with store.engine.connect() as connection:
        found = _grouped(connection.execute(_BOARD_FACTS, {"slug": slug}).all())
    if found is None:
        return None
    records = []
    sources: dict[tuple[str | None, str], tuple[Source, ...]] = {}
    for row, claims in found.records:
        record = _record(slug, row)
        current = _standing(claims)
        # An original report: its syndication group is itself, or it has none (as in
        # ``entry_fields``, whose entries name no ``copy_of`` then).
        sources[(record.country, record.role)] = tuple(
            source
            for claim_id, *_, group, document in (
                c[_CLAIM : _CLAIM + len(_CLAIM_FACTS)] for c in claims
            )
            if claim_id in current and group in (None, document)
            for source in found.sources.get(claim_id, ())
        )
        records.append(record)
    return _board(found.meeting, tuple(records)), sources


def claims(
    store: Store, filters: ClaimFilter, limit: int, offset: int
) -> tuple[list[LinkedEntry], int]:
    """A page of the claims matching ``filters``, oldest publication first, and their count."""
    condition = claim_condition(filters)
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
