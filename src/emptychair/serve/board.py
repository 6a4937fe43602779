"""Meeting boards as people read them: one cell per member state, a status and a text label.

A cell folds a country's records at one meeting into one answer: did the
principal (the leader at a summit, the defence minister at a defence
ministers' meeting ...) come, send someone, join by video, or stay away?
Membership (who gets a cell even when the store knows nothing) comes from
``vocab/memberships.json``; a board can also be seen as it stood on a past
day (``as_of``), re-reconciling each record from the claims published by then.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from emptychair.model import Source
from emptychair.reconcile.meetings import month_start
from emptychair.reconcile.timeline import Statement, reconcile
from emptychair.store import Store
from emptychair.store import schema as db
from emptychair.store.read import Board, Entry, MeetingRow, RecordRow, record_rows
from emptychair.vocab import load

StandingSources = Mapping[tuple[str | None, str], tuple[Source, ...]]
"""Sources of each record's standing original reports, by the record's (country, role)."""
MINISTERS = ("leader", "foreign_minister", "defence_minister", "finance_minister", "minister")
# Chart and cell levels, lowest first; "virtual" is the principal taking part remotely.
LEVELS = ("absent", "official", "ambassador", "deputy", "minister", "virtual", "principal")
LABELS = {
    "principal": "principal attending",
    "stand-in": "deputy / stand-in",
    "virtual": "virtual",
    "absent": "absent",
    "expected-absent": "expected absent",
    "contested": "contested",
    "unknown": "unknown",
}
# A symbol per status, so the board reads without colour (and in print).
SYMBOLS = {
    "principal": "●",
    "stand-in": "◐",
    "virtual": "◇",
    "absent": "○",
    "expected-absent": "◌",
    "contested": "?",
    "unknown": "·",
}


@dataclass(frozen=True)
class Member:
    """A member state of an organisation, with when it joined (and left)."""

    country: str
    joined: dt.date
    left: dt.date | None = None


@dataclass(frozen=True)
class Organisation:
    """An organisation whose meetings have a known membership."""

    id: str
    name: str
    forums: tuple[str, ...]
    members: tuple[Member, ...]


@dataclass(frozen=True)
class Cell:
    """One country at one meeting: its status as a key, a text label and what backs it."""

    country: str
    name: str
    member: bool
    status: str
    """principal, stand-in, virtual, absent, expected-absent, contested or unknown."""
    label: str
    detail: str
    """Who: "Pete Hegseth (defence minister); stand-in Elbridge Colby"."""
    level: str | None
    """The highest level present (see ``LEVELS``), None when unknown or contested."""
    sources: tuple[Source, ...]
    """Sources of the standing claims about the principal (or whoever the cell is about)."""
    claims: int


@dataclass(frozen=True)
class BoardView:
    """A board with its cells: members first (in membership order), then anyone else reported."""

    meeting: MeetingRow
    as_of: dt.date | None
    organisation: str | None
    cells: tuple[Cell, ...]
    records: tuple[RecordRow, ...]


@cache
def organisations() -> dict[str, Organisation]:
    """Every organisation of ``vocab/memberships.json``, by id."""
    found = {}
    for key, data in load("memberships")["organisations"].items():
        members = tuple(
            Member(
                m["country"],
                dt.date.fromisoformat(m["joined"]),
                dt.date.fromisoformat(m["left"]) if m.get("left") else None,
            )
            for m in data["members"]
        )
        found[key] = Organisation(key, data["name"], tuple(data["forums"]), members)
    return found


@cache
def _organisation_of() -> dict[str, Organisation]:
    return {forum: org for org in organisations().values() for forum in org.forums}


def organisation_for(forum: str) -> Organisation | None:
    """The organisation whose membership a forum's meetings have, if known."""
    return _organisation_of().get(forum)


def members_on(forum: str, day: dt.date) -> tuple[str, ...] | None:
    """Countries belonging to ``forum``'s organisation on ``day``; None if membership unknown."""
    organisation = organisation_for(forum)
    if organisation is None:
        return None
    return tuple(
        m.country
        for m in organisation.members
        if m.joined <= day and (m.left is None or m.left > day)
    )


@cache
def country_names() -> dict[str, str]:
    """Country names by ISO alpha-3 code (and EUU, NAT, UNO)."""
    return {c["iso3"]: c["name"] for c in load("countries")}


def country_name(code: str | None) -> str:
    """A country's name, or its code when the vocabulary has none."""
    if code is None:
        return "unknown country"
    return country_names().get(code, code)


@cache
def principal_roles(forum: str) -> tuple[str, ...]:
    """The roles whose presence counts as the principal's at ``forum`` (any minister if none)."""
    principal = load("forum_families")["forums"].get(forum, {}).get("principal")
    return (principal,) if principal else MINISTERS


def role_label(role: str) -> str:
    """``defence_minister`` as "defence minister"."""
    return role.replace("_", " ")


def meeting_day(meeting: MeetingRow) -> dt.date:
    """The meeting's first day, or the 1st of its month."""
    return meeting.start or month_start(meeting.month)


def _level(role: str) -> str:
    if role in MINISTERS:
        return "minister"
    return role if role in LEVELS else "official"


def _who(record: RecordRow) -> str:
    role = role_label(record.role)
    return f"{record.person} ({role})" if record.person else role


def _standing_sources(record: RecordRow) -> tuple[Source, ...]:
    """Sources of the record's standing original reports (copies repeat their original)."""
    standing = [e for e in record.timeline if e.current and e.copy_of is None]
    return tuple(s for e in standing for s in e.sources)


def cell_for(
    country: str,
    forum: str,
    records: Sequence[RecordRow],
    member: bool,
    standing_sources: StandingSources | None = None,
) -> Cell:
    """The cell of ``country`` at a meeting of ``forum``, from its records there.

    The cell's sources come from the records' timelines, or from ``standing_sources``
    when given (records fetched without timelines, ``queries.board_facts``).
    """
    roles = principal_roles(forum)
    principals = [r for r in records if r.role in roles]
    others = [r for r in records if r.role not in roles]
    present = [r for r in others if r.status == "attend"]
    stand_ins = [r.person or role_label(r.role) for r in present]

    def make(status: str, about: RecordRow | None, level: str | None, extra: str = "") -> Cell:
        detail = _who(about) if about else "; ".join(_who(r) for r in present)
        return Cell(
            country=country,
            name=country_name(country),
            member=member,
            status=status,
            label=LABELS[status],
            detail=detail + extra,
            level=level,
            sources=(
                ()
                if about is None
                else _standing_sources(about)
                if standing_sources is None
                else standing_sources.get((about.country, about.role), ())
            ),
            claims=sum(r.claims for r in records),
        )

    by_status = {r.status: r for r in principals}
    if "attend" in by_status:
        return make("principal", by_status["attend"], "principal")
    if "virtual" in by_status:
        return make("virtual", by_status["virtual"], "virtual")
    if "absent" in by_status:
        absent = by_status["absent"]
        replacements = list(
            dict.fromkeys(([absent.representative] if absent.representative else []) + stand_ins)
        )
        extra = f"; stand-in {', '.join(replacements)}" if replacements else ""
        level = max((_level(r.role) for r in present), key=LEVELS.index, default="absent")
        if absent.certainty != "reported":
            return make("expected-absent", absent, level, extra)
        if replacements:
            return make("stand-in", absent, level if present else "deputy", extra)
        return make("absent", absent, "absent")
    contested = next((r for r in principals if r.contested), None)
    if contested is not None:
        return make("contested", contested, None, f": {' vs '.join(contested.statuses)}")
    if present:
        top = max(present, key=lambda r: LEVELS.index(_level(r.role)))
        return make("stand-in", None, _level(top.role))
    return make("unknown", None, None)


def as_of(records: Iterable[RecordRow], day: dt.date) -> tuple[RecordRow, ...]:
    """The records as they stood on ``day``: only claims published by then, re-reconciled."""
    result = []
    for record in records:
        seen = [e for e in record.timeline if e.published is not None and e.published <= day]
        if seen:
            result.append(_reconciled(record, seen))
    return tuple(result)


def _reconciled(record: RecordRow, seen: Sequence[Entry]) -> RecordRow:
    # Statements want integer ids for people and documents; names and external ids map to them.
    ids: dict[str, int] = {}

    def number(value: str | None) -> int | None:
        return None if value is None else ids.setdefault(value, len(ids) + 1)

    statements = [
        Statement(
            claim_id=e.claim_id,
            published=e.published,
            status=e.status,
            certainty=e.certainty,
            person_id=number(e.person),
            representative_id=number(e.representative),
            document_id=number(e.document) or 0,
            group_id=number(e.copy_of or e.document) or 0,
        )
        for e in seen
    ]
    state = reconcile(statements)
    names = {value: key for key, value in ids.items()}
    return dataclasses.replace(
        record,
        person=names.get(state.person_id) if state.person_id else record.person,
        status=state.status,
        contested=state.contested,
        statuses=state.statuses,
        certainty=state.certainty,
        representative=names.get(state.representative_id) if state.representative_id else None,
        claims=state.claims,
        reports=state.reports,
        copies=state.documents - state.reports,
        first_published=state.first_published,
        last_published=state.last_published,
        timeline=tuple(dataclasses.replace(e, current=e.claim_id in state.standing) for e in seen),
    )


def board_view(
    board: Board, day: dt.date | None = None, standing_sources: StandingSources | None = None
) -> BoardView:
    """Cells for every member state (unknown where the store is silent), then other countries.

    ``standing_sources``: the cells' sources for a board fetched without timelines
    (``queries.board_facts``; not with ``day``, which re-reconciles the timelines).
    """
    if day and standing_sources is not None:
        raise ValueError("a board as of a day needs its timelines")
    meeting = board.meeting
    records = as_of(board.records, day) if day else board.records
    by_country: dict[str | None, list[RecordRow]] = defaultdict(list)
    for record in records:
        by_country[record.country].append(record)
    members = members_on(meeting.forum, meeting_day(meeting)) or ()
    others = sorted((c for c in by_country if c is not None and c not in members), key=country_name)
    forum, given = meeting.forum, standing_sources
    cells = [cell_for(c, forum, by_country.get(c, []), True, given) for c in members]
    cells += [cell_for(c, forum, by_country[c], False, given) for c in others]
    organisation = organisation_for(meeting.forum)
    return BoardView(
        meeting=meeting,
        as_of=day,
        organisation=organisation.name if organisation else None,
        cells=tuple(cells),
        records=records,
    )


_SUMMARY_WORDS = {
    "expected-absent": "expected absent",
    "absent": "absent",
    "stand-in": "absent",
    "virtual": "attending virtually",
    "contested": "contested",
}


def summary(forum: str, records: Sequence[RecordRow], most: int = 3) -> str:
    """Who is missing, in a line: "USA: defence minister expected absent, stand-in X"."""
    by_country: dict[str, list[RecordRow]] = defaultdict(list)
    for record in records:
        if record.country is not None:
            by_country[record.country].append(record)
    parts = []
    roles = principal_roles(forum)
    for country in sorted(by_country):
        principals = [r for r in by_country[country] if r.role in roles]
        missing = next((r for r in principals if r.status in ("absent", "virtual")), None)
        missing = missing or next((r for r in principals if r.contested), None)
        if missing is None:
            continue
        cell = cell_for(country, forum, by_country[country], True)
        if cell.status not in _SUMMARY_WORDS:
            continue
        text = f"{country}: {role_label(missing.role)} {_SUMMARY_WORDS[cell.status]}"
        if missing.status == "absent" and missing.certainty == "possible":
            text = f"{country}: {role_label(missing.role)} possibly absent"
        stand_in = missing.representative
        parts.append(text + (f", stand-in {stand_in}" if stand_in else ""))
    if not parts:
        return "no absence reported" if records else "no claims yet"
    shown = "; ".join(parts[:most])
    return shown + (f"; and {len(parts) - most} more" if len(parts) > most else "")


@dataclass(frozen=True)
class MeetingLine(MeetingRow):
    """A meeting with its one-line summary of who is missing."""

    summary: str


def meeting_lines(store: Store, rows: Sequence[MeetingRow]) -> list[MeetingLine]:
    """``rows`` with their summaries, in one query for all their records."""
    if not rows:
        return []
    with store.engine.connect() as connection:
        found = record_rows(
            connection, db.meetings.c.slug.in_([m.id for m in rows]), with_timeline=False
        )
    by_meeting: dict[str, list[RecordRow]] = defaultdict(list)
    for record in found:
        by_meeting[record.meeting].append(record)
    return [
        MeetingLine(**dataclasses.asdict(m), summary=summary(m.forum, by_meeting[m.id]))
        for m in rows
    ]
