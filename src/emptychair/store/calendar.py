"""The meeting calendar: known meetings with their dates, put into the store before any claim.

A calendar row (forum, start, end, city, country, format, source) becomes a
meeting of the store with those dates, or fixes the dates of the meeting that
claims already made for it (merging any others the claims split it into).
Claims then resolve onto it through ``store.placement`` like onto any meeting.
The packaged calendar is ``vocab/calendar.csv``; users extend or correct it with
their own CSV of the same columns. Importing is idempotent.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

from sqlalchemy import Connection, Engine, delete, insert, select, update

from emptychair import vocab
from emptychair.reconcile.meetings import DAY_TOLERANCE
from emptychair.store import placement
from emptychair.store import records as reconciled
from emptychair.store.engine import write_transaction
from emptychair.store.lookups import Lookups
from emptychair.store.schema import calendar_meetings, claims, meetings, records

COLUMNS = ("forum", "start_date", "end_date", "city", "country", "format", "source")
FORMATS = ("formal", "informal", "virtual")
Pair = tuple[int, int]


@dataclass(frozen=True)
class CalendarRow:
    """One meeting the calendar knows."""

    forum: str
    start: dt.date
    end: dt.date
    city: str
    country: str
    """ISO 3166-1 alpha-3 of the venue."""
    format: str
    source: str
    """The pages or records the row rests on."""


@dataclass(frozen=True)
class CalendarReport:
    """What one calendar import did."""

    rows: int = 0
    added: int = 0
    """New meetings."""
    adopted: int = 0
    """Meetings that claims had made, now dated by the calendar."""
    updated: int = 0
    """Calendar meetings whose dates or details changed."""
    unchanged: int = 0
    merged: int = 0
    """Meetings folded into a calendar meeting (claims had split one meeting in several)."""


class CalendarError(ValueError):
    """A calendar file with bad rows; ``problems`` names each by file and line."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = tuple(problems)


def packaged_calendar() -> list[CalendarRow]:
    """The calendar shipped with emptychair (``vocab/calendar.csv``)."""
    text = (resources.files("emptychair") / "vocab" / "calendar.csv").read_text(encoding="utf-8")
    rows, problems = parse_calendar(text, "vocab/calendar.csv")
    if problems:
        raise CalendarError(problems)
    return rows


def parse_calendar(text: str, name: str) -> tuple[list[CalendarRow], list[str]]:
    """Rows of a calendar CSV and a ``name:line: problem`` for each row that is not one."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in COLUMNS if c != "source" and c not in (reader.fieldnames or [])]
    if missing:
        return [], [f"{name}: missing column(s) {', '.join(missing)}"]
    forums: dict[str, object] = vocab.load("forum_families")["forums"]
    rows: list[CalendarRow] = []
    problems: list[str] = []
    for line, raw in enumerate(reader, start=2):
        value = {k: (raw.get(k) or "").strip() for k in COLUMNS}
        try:
            start = dt.date.fromisoformat(value["start_date"])
            end = dt.date.fromisoformat(value["end_date"] or value["start_date"])
        except ValueError as exc:
            problems.append(f"{name}:{line}: {exc}")
            continue
        problem = (
            f"unknown forum {value['forum']!r}"
            if value["forum"] not in forums
            else f"end_date {end} before start_date {start}"
            if end < start
            else f"format {value['format']!r} is not one of {', '.join(FORMATS)}"
            if value["format"] not in FORMATS
            else f"country {value['country']!r} is not an ISO alpha-3 code"
            if value["country"] and not (len(value["country"]) == 3 and value["country"].isalpha())
            else None
        )
        if problem:
            problems.append(f"{name}:{line}: {problem}")
            continue
        rows.append(
            CalendarRow(
                forum=value["forum"],
                start=start,
                end=end,
                city=value["city"],
                country=value["country"].upper(),
                format=value["format"],
                source=value["source"],
            )
        )
    return rows, problems


def import_calendar(
    engine: Engine, rows: Sequence[CalendarRow] | None = None, correct: bool = True
) -> CalendarReport:
    """Put ``rows`` (default: the packaged calendar) into the store, in one transaction.

    With ``correct`` False, calendar meetings already stored are left as they are (so
    loading the packaged calendar never undoes a user's correction).
    """
    rows = packaged_calendar() if rows is None else rows
    report = CalendarReport(rows=len(rows))
    tally: dict[str, int] = defaultdict(int)
    with write_transaction(engine) as connection:
        lookups = Lookups(connection)
        months: dict[str, set[str]] = defaultdict(set)
        touched: set[Pair] = set()
        placed: list[tuple[str, int]] = []
        for row in sorted(rows, key=lambda r: (r.forum, r.start)):
            forum = lookups.forum(row.forum)
            meeting_id, outcome, old_months, pairs, merged = _place(connection, row, correct)
            tally[outcome] += 1
            tally["merged"] += merged
            months[forum].update(old_months | {_month(row.start)})
            touched |= pairs
            placed.append((forum, meeting_id))
        for forum, changed in months.items():
            placement._reslug(connection, forum, changed)
        for forum, meeting_id in placed:
            touched |= placement._adopt_undated(connection, forum, meeting_id)
        reconciled.refresh(connection, touched)
    return CalendarReport(
        rows=report.rows,
        added=tally["added"],
        adopted=tally["adopted"],
        updated=tally["updated"],
        unchanged=tally["unchanged"],
        merged=tally["merged"],
    )


def calendar_spans(connection: Connection) -> dict[str, list[tuple[dt.date, dt.date, str]]]:
    """Every calendar meeting's (start, end, city), by forum."""
    found: dict[str, list[tuple[dt.date, dt.date, str]]] = defaultdict(list)
    rows = connection.execute(
        select(
            calendar_meetings.c.forum,
            calendar_meetings.c.start_date,
            calendar_meetings.c.end_date,
            calendar_meetings.c.city,
        )
    )
    for forum, start, end, city in rows:
        found[forum].append((start, end, city or ""))
    return dict(found)


def _month(day: dt.date) -> str:
    return day.strftime("%Y-%m")


def _place(
    connection: Connection, row: CalendarRow, correct: bool
) -> tuple[int, str, set[str], set[Pair], int]:
    """Where ``row`` goes: (meeting id, outcome, months it touched, records to refresh,
    meetings merged into it)."""
    tolerance = dt.timedelta(days=DAY_TOLERANCE)
    first, last = row.start - tolerance, row.end + tolerance
    details = {
        "forum": row.forum,
        "start_date": row.start,
        "end_date": row.end,
        "city": row.city or None,
        "country": row.country or None,
        "format": row.format,
        "source": row.source,
    }
    known = connection.execute(
        select(calendar_meetings).where(
            calendar_meetings.c.forum == row.forum,
            calendar_meetings.c.start_date <= last,
            calendar_meetings.c.end_date >= first,
        )
    ).all()
    if known:
        # A corrected row: the calendar meeting within the tolerance of it.
        entry = min(known, key=lambda k: abs((k.start_date - row.start).days))
        if not correct:
            return entry.meeting_id, "unchanged", set(), set(), 0
        current = {k: getattr(entry, k) for k in details}
        old_month, moved = _pin(connection, entry.meeting_id, row)
        if current == details and not moved:
            return entry.meeting_id, "unchanged", set(), set(), 0
        connection.execute(
            update(calendar_meetings).where(calendar_meetings.c.id == entry.id).values(**details)
        )
        return entry.meeting_id, "updated", {old_month}, set(), 0
    calendared = select(calendar_meetings.c.meeting_id)
    candidates = connection.execute(
        select(meetings.c.id, meetings.c.month, meetings.c.start_date, meetings.c.end_date).where(
            meetings.c.forum == row.forum,
            meetings.c.id.not_in(calendared),
            meetings.c.month.in_({_month(first), _month(row.start), _month(last)}),
        )
    ).all()
    # Meetings claims made for this one: dated near it, or only a month and that month.
    matching = [
        m
        for m in candidates
        if (m.start_date is not None and m.start_date <= last and m.end_date >= first)
        or (m.start_date is None and m.month == _month(row.start))
    ]
    if not matching:
        meeting_id = connection.execute(
            insert(meetings)
            .values(
                slug=f"~{uuid.uuid4().hex}",
                forum=row.forum,
                month=_month(row.start),
                start_date=row.start,
                end_date=row.end,
                place=row.city or None,
            )
            .returning(meetings.c.id)
        ).scalar_one()
        connection.execute(insert(calendar_meetings).values(meeting_id=meeting_id, **details))
        return meeting_id, "added", set(), set(), 0
    target = min(matching, key=lambda m: abs(((m.start_date or row.start) - row.start).days))
    pairs: set[Pair] = set()
    for other in matching:
        if other.id != target.id:
            pairs |= _merge(connection, other.id, target.id)
    _pin(connection, target.id, row)
    connection.execute(insert(calendar_meetings).values(meeting_id=target.id, **details))
    return target.id, "adopted", {m.month for m in matching}, pairs, len(matching) - 1


def _pin(connection: Connection, meeting_id: int, row: CalendarRow) -> tuple[str, bool]:
    """Give the meeting the calendar's dates and place; return its old month and if it moved.

    Claims dated a day or two off widen a meeting (``reconcile.meetings``); the
    calendar's dates win back on every import.
    """
    before = connection.execute(
        select(
            meetings.c.month, meetings.c.start_date, meetings.c.end_date, meetings.c.place
        ).where(meetings.c.id == meeting_id)
    ).one()
    wanted = (_month(row.start), row.start, row.end, row.city or before.place)
    if tuple(before) != wanted:
        connection.execute(
            update(meetings)
            .where(meetings.c.id == meeting_id)
            .values(month=wanted[0], start_date=row.start, end_date=row.end, place=wanted[3])
        )
    return str(before.month), tuple(before) != wanted


def _merge(connection: Connection, source: int, target: int) -> set[Pair]:
    """Move the claims of meeting ``source`` onto ``target`` and drop ``source``."""
    offices = connection.execute(
        select(claims.c.office_id).where(claims.c.meeting_id == source).distinct()
    ).scalars()
    pairs = {(target, office) for office in offices}
    connection.execute(
        update(claims).where(claims.c.meeting_id == source).values(meeting_id=target)
    )
    connection.execute(delete(records).where(records.c.meeting_id == source))
    connection.execute(delete(meetings).where(meetings.c.id == source))
    return pairs
