"""Queries: meetings, a meeting's board, an actor's history, claims, and what the store holds.

Every function returns frozen dataclasses; each claim row (``Entry``) carries
its evidence sentence and sources, so any listing can show them on request.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, and_, case, func, select, true

from emptychair.model import Source
from emptychair.reconcile.timeline import Statement, standing
from emptychair.store import schema as db
from emptychair.store.engine import current_revision
from emptychair.store.handle import Store

Pair = tuple[int, int]

# A claim's person, stand-in and original report, joined to timeline rows under these
# names (the web's queries select the same columns).
PERSON = db.people.alias("person")
STAND_IN = db.people.alias("stand_in")
ORIGINAL = db.documents.alias("original")
# What a timeline entry shows, in ``entry_fields``' order.
ENTRY_COLUMNS = (
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
    PERSON.c.name,
    STAND_IN.c.name,
    db.meetings.c.slug,
    ORIGINAL.c.external_id,
)


@dataclass(frozen=True)
class MeetingRow:
    """One meeting and how much the store knows of it."""

    id: str
    forum: str
    family: str
    month: str
    start: dt.date | None
    end: dt.date | None
    place: str | None
    records: int
    claims: int
    absent: int
    """Records whose current status is ``absent``."""


@dataclass(frozen=True)
class Entry:
    """One claim with its document: a line of a timeline or of a claims listing."""

    claim_id: int
    document: str
    published: dt.date | None
    outlet: str | None
    title: str | None
    url: str | None
    person: str | None
    country: str | None
    role: str
    forum: str
    meeting: str | None
    meeting_date: str | None
    status: str
    certainty: str
    representative: str | None
    sources: tuple[Source, ...]
    evidence: str
    copy_of: str | None
    """The document this one copies (syndication), None for an original report."""
    current: bool | None = None
    """In a timeline: whether no later, firmer claim supersedes this one."""


@dataclass(frozen=True)
class RecordRow:
    """The reconciled state of one (meeting, country, role), with the claims behind it."""

    meeting: str
    country: str | None
    role: str
    person: str | None
    status: str | None
    """None when contested."""
    contested: bool
    statuses: tuple[str, ...]
    certainty: str
    representative: str | None
    claims: int
    reports: int
    """Independent reports (syndicated copies count once)."""
    copies: int
    first_published: dt.date | None
    last_published: dt.date | None
    timeline: tuple[Entry, ...] = ()


@dataclass(frozen=True)
class Board:
    """A meeting and every record of who comes and who does not."""

    meeting: MeetingRow
    records: tuple[RecordRow, ...]


@dataclass(frozen=True)
class Appearance:
    """A person at one meeting: the record of their office there and the claims about them."""

    meeting: str | None
    """None for claims not attached to a meeting (no date given)."""
    forum: str
    date: str | None
    person: str
    record: RecordRow | None
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class ActorHistory:
    """Everything the store says about the people matching a name."""

    query: str
    names: tuple[str, ...]
    appearances: tuple[Appearance, ...]
    stand_ins: tuple[Entry, ...]
    """Claims naming them as the representative of someone absent."""


@dataclass(frozen=True)
class ClaimFilter:
    """Which claims to list; ``since``/``until`` bound the publication date."""

    person: str | None = None
    country: str | None = None
    forum: str | None = None
    status: str | None = None
    meeting: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    limit: int | None = None


@dataclass(frozen=True)
class StoreInfo:
    """What a store is and holds."""

    url: str
    backend: str
    revision: str | None
    documents: int
    copies: int
    """Documents found to copy an earlier one (syndication)."""
    claims: int
    unattached: int
    """Claims with no meeting: undated, and no upcoming meeting of their forum known."""
    meetings: int
    records: int
    contested: int
    people: int
    extractor_versions: tuple[str, ...]


def _meeting_rows(connection: Connection, condition: ColumnElement[bool]) -> list[MeetingRow]:
    # Tallies only over the chosen meetings: the records table is the big one.
    tallies = (
        select(
            db.records.c.meeting_id,
            func.count().label("records"),
            func.sum(db.records.c.claims).label("claims"),
            func.sum(case((db.records.c.status == "absent", 1), else_=0)).label("absent"),
        )
        .join(db.meetings, db.meetings.c.id == db.records.c.meeting_id)
        .join(db.forums, db.forums.c.id == db.meetings.c.forum)
        .where(condition)
        .group_by(db.records.c.meeting_id)
        .subquery()
    )
    rows = connection.execute(
        select(
            db.meetings, db.forums.c.family, tallies.c.records, tallies.c.claims, tallies.c.absent
        )
        .join(db.forums, db.forums.c.id == db.meetings.c.forum)
        .outerjoin(tallies, tallies.c.meeting_id == db.meetings.c.id)
        .where(condition)
        .order_by(
            db.meetings.c.month.desc(), db.meetings.c.start_date.desc(), db.meetings.c.slug.desc()
        )
    )
    return [
        MeetingRow(
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
    ]


def meetings(
    store: Store,
    forum: str | None = None,
    family: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[MeetingRow]:
    """The meetings the store knows, newest first, optionally of one forum or family."""
    condition: ColumnElement[bool] = true()
    if forum:
        condition = and_(condition, db.meetings.c.forum == forum)
    if family:
        condition = and_(condition, db.forums.c.family == family)
    if since:
        condition = and_(condition, db.meetings.c.month >= since.strftime("%Y-%m"))
    if until:
        condition = and_(condition, db.meetings.c.month <= until.strftime("%Y-%m"))
    with store.engine.connect() as connection:
        return _meeting_rows(connection, condition)


def entries(connection: Connection, condition: ColumnElement[bool]) -> list[Entry]:
    """Claims matching ``condition`` as entries, oldest publication first."""
    return [entry for _, entry in _keyed_entries(connection, condition)]


def _keyed_entries(
    connection: Connection, condition: ColumnElement[bool], mark: bool = False
) -> list[tuple[Pair | None, Entry]]:
    """Entries with the (meeting, office) record each belongs to (None if unattached).

    With ``mark``, each entry's ``current`` flag says whether it stands in its record.
    """
    rows = connection.execute(
        select(db.claims.c.id, db.claims.c.meeting_id, db.claims.c.office_id, *ENTRY_COLUMNS)
        .join(db.documents, db.documents.c.id == db.claims.c.document_id)
        .join(db.offices, db.offices.c.id == db.claims.c.office_id)
        .outerjoin(PERSON, PERSON.c.id == db.claims.c.person_id)
        .outerjoin(STAND_IN, STAND_IN.c.id == db.claims.c.representative_id)
        .outerjoin(db.meetings, db.meetings.c.id == db.claims.c.meeting_id)
        .outerjoin(ORIGINAL, ORIGINAL.c.id == db.documents.c.syndication_group)
        .where(condition)
        .order_by(db.documents.c.published, db.claims.c.id)
    ).all()
    sources = _sources(connection, [r[0] for r in rows])
    current = _standing_ids([tuple(r[:6]) for r in rows]) if mark else None
    keyed: list[tuple[Pair | None, Entry]] = []
    for claim_id, meeting_id, office_id, *tail in rows:
        fields, _ = entry_fields(claim_id, tail, sources, current)
        keyed.append(((meeting_id, office_id) if meeting_id is not None else None, Entry(**fields)))
    return keyed


def entry_fields(
    claim_id: int,
    tail: Sequence[Any],
    sources: dict[int, tuple[Source, ...]],
    current: set[int] | None,
) -> tuple[dict[str, Any], int]:
    """An ``Entry``'s fields from a timeline row's columns after its ids (status ...
    original, in the order ``pair_entries`` selects them), and the row's document id."""
    # Plain tuples: unpacking is several times faster than Row attribute access.
    (
        status,
        certainty,
        published,
        forum,
        meeting_date,
        evidence,
        external_id,
        outlet,
        title,
        url,
        group,
        doc_id,
        country,
        role,
        person,
        stand_in,
        slug,
        original,
    ) = tail
    fields = {
        "claim_id": claim_id,
        "document": external_id,
        "published": published,
        "outlet": outlet,
        "title": title,
        "url": url,
        "person": person,
        "country": country,
        "role": role,
        "forum": forum,
        "meeting": slug,
        "meeting_date": meeting_date,
        "status": status,
        "certainty": certainty,
        "representative": stand_in,
        "sources": sources.get(claim_id, ()),
        "evidence": evidence,
        "copy_of": original if group not in (None, doc_id) else None,
        "current": None if current is None else claim_id in current,
    }
    return fields, doc_id


def _sources(connection: Connection, claim_ids: Sequence[int]) -> dict[int, tuple[Source, ...]]:
    found: dict[int, list[Source]] = defaultdict(list)
    for start in range(0, len(claim_ids), 1000):
        rows = connection.execute(
            select(
                db.claim_sources.c.claim_id, db.claim_sources.c.kind, db.claim_sources.c.descriptor
            )
            .where(db.claim_sources.c.claim_id.in_(claim_ids[start : start + 1000]))
            .order_by(db.claim_sources.c.claim_id, db.claim_sources.c.ordinal)
        )
        for row in rows:
            found[row.claim_id].append(Source(kind=row.kind, descriptor=row.descriptor))
    return {claim_id: tuple(listed) for claim_id, listed in found.items()}


def _standing_ids(rows: Sequence[tuple[Any, ...]]) -> set[int]:
    """Ids of claims no later, firmer claim of their record supersedes.

    ``rows``: (id, meeting id, office id, status, certainty, published, ...).
    """
    grouped: dict[Pair, list[Statement]] = defaultdict(list)
    for claim_id, meeting_id, office_id, status, certainty, published, *_ in rows:
        grouped[(meeting_id, office_id)].append(
            Statement(claim_id=claim_id, published=published, status=status, certainty=certainty)
        )
    return {s.claim_id for listed in grouped.values() for s in standing(listed)}


def record_rows(
    connection: Connection, condition: ColumnElement[bool], with_timeline: bool = True
) -> list[RecordRow]:
    """Records matching ``condition`` (over records, offices, meetings), with timelines."""
    rows = connection.execute(
        select(
            db.records,
            db.meetings.c.slug,
            db.offices.c.country,
            db.offices.c.role,
            PERSON.c.name.label("person"),
            STAND_IN.c.name.label("stand_in"),
        )
        .join(db.meetings, db.meetings.c.id == db.records.c.meeting_id)
        .join(db.offices, db.offices.c.id == db.records.c.office_id)
        .outerjoin(PERSON, PERSON.c.id == db.records.c.person_id)
        .outerjoin(STAND_IN, STAND_IN.c.id == db.records.c.representative_id)
        .where(condition)
        .order_by(db.meetings.c.month, db.meetings.c.slug, db.offices.c.country, db.offices.c.role)
    ).all()
    timelines: dict[Pair, list[Entry]] = defaultdict(list)
    if with_timeline and rows:
        for entry in pair_entries(connection, [(r.meeting_id, r.office_id) for r in rows]):
            timelines[entry[0]].append(entry[1])
    return [
        RecordRow(
            meeting=r.slug,
            country=r.country,
            role=r.role,
            person=r.person,
            status=r.status,
            contested=r.contested,
            statuses=tuple(r.statuses.split("|")) if r.statuses else (),
            certainty=r.certainty,
            representative=r.stand_in,
            claims=r.claims,
            reports=r.reports,
            copies=r.documents - r.reports,
            first_published=r.first_published,
            last_published=r.last_published,
            timeline=tuple(timelines[(r.meeting_id, r.office_id)]),
        )
        for r in rows
    ]


def pair_entries(connection: Connection, pairs: Iterable[Pair]) -> list[tuple[Pair, Entry]]:
    """Entries of the claims behind each (meeting, office) pair, ``current`` marked."""
    wanted = set(pairs)
    # The pairs' claim ids first, then those claims by id: with the pairs named in SQL
    # (a row-value IN), PostgreSQL expects a row or two and joins them by reading whole
    # tables once per claim.
    found = connection.execute(
        select(db.claims.c.id, db.claims.c.meeting_id, db.claims.c.office_id).where(
            db.claims.c.meeting_id.in_(sorted({meeting for meeting, _ in wanted})),
            db.claims.c.office_id.in_(sorted({office for _, office in wanted})),
        )
    )
    ids = sorted(claim_id for claim_id, meeting, office in found if (meeting, office) in wanted)
    return [
        (pair, entry)
        for pair, entry in _keyed_entries(connection, db.claims.c.id.in_(ids), mark=True)
        if pair is not None
    ]


def meeting_board(store: Store, meeting_id: str, with_timeline: bool = True) -> Board | None:
    """The board of the meeting ``meeting_id`` (``<forum>-<YYYY-MM>[-DD]``), None if unknown."""
    with store.engine.connect() as connection:
        found = _meeting_rows(connection, db.meetings.c.slug == meeting_id)
        if not found:
            return None
        rows = record_rows(connection, db.meetings.c.slug == meeting_id, with_timeline)
    return Board(meeting=found[0], records=tuple(rows))


def actor_history(store: Store, name: str) -> ActorHistory:
    """Every meeting the store links to people whose name contains ``name`` (any case)."""
    with store.engine.connect() as connection:
        matched = connection.execute(
            select(db.people.c.id, db.people.c.name).where(
                db.people.c.name.icontains(name.strip(), autoescape=True)
            )
        ).all()
        ids = [r.id for r in matched]
        about = entries(connection, db.claims.c.person_id.in_(ids))
        stood_in = entries(connection, db.claims.c.representative_id.in_(ids))
        # The records of the offices they held at those meetings, without timelines.
        held = (
            select(db.claims.c.meeting_id, db.claims.c.office_id)
            .where(db.claims.c.person_id.in_(ids), db.claims.c.meeting_id.is_not(None))
            .distinct()
            .subquery()
        )
        their_records = db.records.c.id.in_(
            select(db.records.c.id).join(
                held,
                and_(
                    held.c.meeting_id == db.records.c.meeting_id,
                    held.c.office_id == db.records.c.office_id,
                ),
            )
        )
        record_of: dict[tuple[str | None, str | None, str], RecordRow] = {
            (r.meeting, r.country, r.role): r
            for r in record_rows(connection, their_records, with_timeline=False)
        }
    groups: dict[tuple[str | None, ...], list[Entry]] = defaultdict(list)
    for entry in about:
        where = entry.meeting or f"{entry.forum} {entry.meeting_date or 'undated'}"
        groups[(where, entry.country, entry.role, entry.person)].append(entry)
    appearances = [
        Appearance(
            meeting=listed[0].meeting,
            forum=listed[0].forum,
            date=listed[0].meeting_date,
            person=listed[0].person or name,
            record=record_of.get((listed[0].meeting, listed[0].country, listed[0].role)),
            entries=tuple(listed),
        )
        for listed in groups.values()
    ]
    appearances.sort(key=lambda a: (a.date or "", a.meeting or ""), reverse=True)
    return ActorHistory(
        query=name,
        names=tuple(sorted(r.name for r in matched)),
        appearances=tuple(appearances),
        stand_ins=tuple(stood_in),
    )


def claim_condition(filters: ClaimFilter) -> ColumnElement[bool]:
    """``filters`` as SQL over claims joined to their documents, offices and meetings;
    the person is a substring of the name, with % and _ taken literally."""
    condition: ColumnElement[bool] = true()
    if filters.person:
        person = db.people.c.name.icontains(filters.person.strip(), autoescape=True)
        named = select(db.people.c.id).where(person)
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


def claims(store: Store, filters: ClaimFilter = ClaimFilter()) -> list[Entry]:
    """Claims matching ``filters``, oldest publication first."""
    with store.engine.connect() as connection:
        found = entries(connection, claim_condition(filters))
    return found[: filters.limit] if filters.limit is not None else found


def store_info(store: Store) -> StoreInfo:
    """Counts and identity of the store."""
    with store.engine.connect() as connection:

        def count(query: Select[int]) -> int:
            return int(connection.execute(query).scalar_one())

        claim_count = select(func.count(db.claims.c.id))
        record_count = select(func.count(db.records.c.id))
        versions = connection.execute(
            select(db.documents.c.extractor_version)
            .distinct()
            .order_by(db.documents.c.extractor_version)
        ).scalars()
        return StoreInfo(
            url=store.url,
            backend=store.backend,
            revision=current_revision(connection),
            documents=count(select(func.count(db.documents.c.id))),
            copies=count(
                select(func.count(db.documents.c.id)).where(
                    db.documents.c.syndication_group != db.documents.c.id
                )
            ),
            claims=count(claim_count),
            unattached=count(claim_count.where(db.claims.c.meeting_id.is_(None))),
            meetings=count(select(func.count(db.meetings.c.id))),
            records=count(record_count),
            contested=count(record_count.where(db.records.c.contested.is_(True))),
            people=count(select(func.count(db.people.c.id))),
            extractor_versions=tuple(versions),
        )
