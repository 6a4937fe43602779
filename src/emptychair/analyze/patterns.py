"""Patterns over reconciled records: absence streaks and representation downgrades.

*Streak*: consecutive meetings of a forum family (NATO summits and ministerials
together, G7, G20 ...) at which a country's principal for that meeting (the
leader at a summit, the foreign minister at a foreign ministers' meeting ...)
was absent or expected absent. "Consecutive" is among the family's meetings the
store knows, in date order: a known meeting where the principal attended, or
where the store has no word on the principal, ends the streak. Possible
absences and contested records do not count. Series without a single principal
(``g7-ministers``, ``quad`` ...) are left out; see ``vocab/forum_families.json``.

*Downgrade*: within one forum, a country represented in person at a lower level
than at its previous meeting with a known level (principal > other minister >
deputy > ambassador).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import Connection, String, cast, func, select

from emptychair.analyze.history import StreakContext, family_rows, streak_context
from emptychair.reconcile.meetings import month_start
from emptychair.store import schema as db
from emptychair.store.handle import Store
from emptychair.store.read import Entry, pair_entries
from emptychair.store.records import LEVELS

_stand_in = db.people.alias("stand_in")


@dataclass(frozen=True)
class StreakMeeting:
    """One meeting of a streak: who was missing, who stood in, and the claims behind it."""

    meeting: str
    forum: str
    date: dt.date
    """The meeting's first day (the 1st of its month when only the month is known)."""
    role: str
    person: str | None
    certainty: str
    stood_in: tuple[str, ...]
    """The named stand-in, and anyone else of the country recorded attending."""
    claims: tuple[Entry, ...]


@dataclass(frozen=True)
class Streak:
    """A country's principal missing from consecutive meetings of a forum family."""

    country: str
    family: str
    length: int
    ongoing: bool
    """The streak reaches the family's latest meeting the store knows."""
    meetings: tuple[StreakMeeting, ...]
    context: StreakContext | None = None
    """How often such a streak happened before (``analyze.history.streak_context``)."""


@dataclass(frozen=True)
class Downgrade:
    """A country sending a lower level to a forum than to its previous meeting."""

    country: str
    forum: str
    before: str
    before_level: str
    after: str
    after_level: str


@dataclass(frozen=True)
class Patterns:
    """Everything ``patterns`` finds."""

    streaks: tuple[Streak, ...]
    downgrades: tuple[Downgrade, ...]


@dataclass(frozen=True)
class _Meeting:
    id: int
    slug: str
    forum: str
    family: str
    date: dt.date


def patterns(store: Store, min_length: int = 2) -> Patterns:
    """Absence streaks of at least ``min_length`` meetings, longest first, and downgrades."""
    with store.engine.connect() as connection:
        sequence = _family_meetings(connection)
        return Patterns(
            streaks=tuple(_streaks(connection, sequence, min_length)),
            downgrades=tuple(_downgrades(connection, sequence)),
        )


def _family_meetings(connection: Connection) -> dict[int, _Meeting]:
    """Every meeting of a series with a principal, by id."""
    rows = connection.execute(
        select(
            db.meetings.c.id,
            db.meetings.c.slug,
            db.meetings.c.forum,
            db.meetings.c.month,
            db.meetings.c.start_date,
            db.forums.c.family,
        )
        .join(db.forums, db.forums.c.id == db.meetings.c.forum)
        .where(db.forums.c.principal_role.is_not(None))
    )
    return {
        r.id: _Meeting(r.id, r.slug, r.forum, r.family, r.start_date or month_start(r.month))
        for r in rows
    }


@dataclass(frozen=True)
class _Absence:
    meeting: _Meeting
    office_id: int
    country: str
    role: str
    certainty: str
    person: str | None
    stand_in: str | None


def _absences(connection: Connection, known: dict[int, _Meeting]) -> list[_Absence]:
    """Principals absent or expected absent, not contested, at meetings of ``known``."""
    rows = connection.execute(
        select(
            db.records.c.meeting_id,
            db.records.c.office_id,
            db.records.c.certainty,
            db.offices.c.country,
            db.offices.c.role,
            db.people.c.name,
            _stand_in.c.name.label("stand_in"),
        )
        .join(db.offices, db.offices.c.id == db.records.c.office_id)
        .join(db.meetings, db.meetings.c.id == db.records.c.meeting_id)
        .join(db.forums, db.forums.c.id == db.meetings.c.forum)
        .outerjoin(db.people, db.people.c.id == db.records.c.person_id)
        .outerjoin(_stand_in, _stand_in.c.id == db.records.c.representative_id)
        .where(
            db.records.c.status == "absent",
            db.records.c.certainty.in_(("reported", "expected")),
            db.offices.c.role == db.forums.c.principal_role,
            db.offices.c.country.is_not(None),
        )
    )
    return [
        _Absence(
            known[r.meeting_id], r.office_id, r.country, r.role, r.certainty, r.name, r.stand_in
        )
        for r in rows
    ]


def _runs(
    absences: list[_Absence], position: dict[int, int], min_length: int
) -> list[list[_Absence]]:
    """Maximal runs of absences at consecutive family positions, per country and family."""
    grouped: dict[tuple[str, str], list[_Absence]] = defaultdict(list)
    for absence in absences:
        grouped[(absence.country, absence.meeting.family)].append(absence)
    runs: list[list[_Absence]] = []
    for found in grouped.values():
        found.sort(key=lambda a: position[a.meeting.id])
        run: list[_Absence] = []
        for absence in found:
            if run and position[absence.meeting.id] != position[run[-1].meeting.id] + 1:
                runs.append(run)
                run = []
            run.append(absence)
        runs.append(run)
    return [run for run in runs if len(run) >= min_length]


def _streaks(connection: Connection, known: dict[int, _Meeting], min_length: int) -> list[Streak]:

    order: dict[str, list[_Meeting]] = defaultdict(list)
    for meeting in sorted(known.values(), key=lambda m: (m.date, m.slug)):
        order[meeting.family].append(meeting)
    position = {m.id: i for listed in order.values() for i, m in enumerate(listed)}
    runs = _runs(_absences(connection, known), position, min_length)
    if not runs:
        return []
    behind: dict[tuple[int, int], list[Entry]] = defaultdict(list)
    pairs = [(a.meeting.id, a.office_id) for run in runs for a in run]
    for pair, entry in pair_entries(connection, pairs):
        behind[pair].append(entry)
    present = _attendees(connection, {(a.meeting.id, a.country) for run in runs for a in run})
    # The streaks' context: one reading of the store per family, for all its countries.
    countries: dict[str, set[str]] = defaultdict(set)
    for run in runs:
        countries[run[0].meeting.family].add(run[0].country)
    histories = {
        family: family_rows(connection, sorted(names), family)
        for family, names in countries.items()
    }
    streaks = [
        Streak(
            country=run[0].country,
            family=run[0].meeting.family,
            length=len(run),
            ongoing=order[run[0].meeting.family][-1] == run[-1].meeting,
            meetings=tuple(
                StreakMeeting(
                    meeting=a.meeting.slug,
                    forum=a.meeting.forum,
                    date=a.meeting.date,
                    role=a.role,
                    person=a.person,
                    certainty=a.certainty,
                    stood_in=tuple(
                        dict.fromkeys(
                            ([a.stand_in] if a.stand_in else [])
                            + present.get((a.meeting.id, a.country), [])
                        )
                    ),
                    claims=tuple(behind[(a.meeting.id, a.office_id)]),
                )
                for a in run
            ),
            context=streak_context(
                connection,
                run[0].country,
                run[0].meeting.family,
                len(run),
                run[0].meeting.date,
                histories[run[0].meeting.family][run[0].country],
            ),
        )
        for run in runs
    ]
    streaks.sort(key=lambda s: (-s.length, -s.meetings[-1].date.toordinal(), s.country))
    return streaks


def _attendees(
    connection: Connection, where: set[tuple[int, str]]
) -> dict[tuple[int, str], list[str]]:
    """Who of each (meeting, country) is recorded attending in person, as "Name (role)"."""
    if not where:
        return {}
    # The status is checked here, not in SQL: there SQLite would pick the status index
    # and read every attendance record rather than those of the few meetings asked for.
    rows = connection.execute(
        select(
            db.records.c.meeting_id,
            db.offices.c.country,
            db.offices.c.role,
            db.people.c.name,
            db.records.c.status,
        )
        .join(db.offices, db.offices.c.id == db.records.c.office_id)
        .outerjoin(db.people, db.people.c.id == db.records.c.person_id)
        .where(
            db.records.c.meeting_id.in_(sorted({m for m, _ in where})),
            db.offices.c.country.in_(sorted({c for _, c in where})),
        )
        .order_by(db.offices.c.role)
    ).all()
    found: dict[tuple[int, str], list[str]] = defaultdict(list)
    for row in rows:
        if row.status == "attend" and (row.meeting_id, row.country) in where:
            label = row.role.replace("_", " ")
            found[(row.meeting_id, row.country)].append(
                f"{row.name} ({label})" if row.name else label
            )
    return found


def _downgrades(connection: Connection, known: dict[int, _Meeting]) -> list[Downgrade]:
    """Meetings where a country's in-person level fell below its previous one in the forum.

    Reads the levels ``store.records`` keeps per (meeting, country), then walks the
    meetings once in date order, remembering each (country, forum)'s last level.
    (A LAG() window over the same rows is slower on SQLite: it sorts them by strings.)
    """
    rep = db.representation
    # One row per meeting, its levels packed as "<level digit><country>,...": fetching a
    # row per (meeting, country) costs more than the whole walk.
    rows = connection.execute(
        select(
            rep.c.meeting_id,
            func.aggregate_strings(cast(rep.c.level, String) + rep.c.country, ","),
        ).group_by(rep.c.meeting_id)
    ).all()
    packed: dict[int, str] = {meeting_id: levels for meeting_id, levels in rows}
    # Per forum, each country's last meeting and level so far.
    last: dict[str, dict[str, tuple[str, int]]] = defaultdict(dict)
    found = []
    for meeting in sorted(known.values(), key=lambda m: (m.date, m.slug)):
        if meeting.id not in packed:
            continue
        in_forum = last[meeting.forum]
        for item in packed[meeting.id].split(","):
            level, country = int(item[0]), item[1:]
            before = in_forum.get(country)
            if before is not None and level < before[1]:
                was, now = LEVELS[before[1]], LEVELS[level]
                found.append(Downgrade(country, meeting.forum, before[0], was, meeting.slug, now))
            in_forum[country] = (meeting.slug, level)
    found.sort(key=lambda d: (d.after, d.country), reverse=True)
    return found
