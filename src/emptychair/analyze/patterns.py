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
from itertools import compress, count, repeat
from operator import lt
from typing import NamedTuple

from sqlalchemy import Connection, String, cast, func, select

from emptychair.analyze.history import StreakContext, streak_contexts
from emptychair.reconcile.meetings import month_start
from emptychair.store import schema as db
from emptychair.store.handle import Store
from emptychair.store.read import Entry, pair_entries
from emptychair.store.records import LEVELS


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


class _Meeting(NamedTuple):
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
    """Every meeting of a series with a principal, by id, in date order (then slug)."""
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
    # Plain tuples: unpacking is several times faster than Row attribute access.
    found = [
        _Meeting(meeting_id, slug, forum, family, start or month_start(month))
        for meeting_id, slug, forum, month, start, family in rows
    ]
    found.sort(key=lambda m: (m.date, m.slug))
    return {m.id: m for m in found}


class _Absence(NamedTuple):
    meeting: _Meeting
    office_id: int
    country: str
    role: str
    certainty: str
    person_id: int | None
    stand_in_id: int | None


def _absences(connection: Connection, known: dict[int, _Meeting]) -> list[_Absence]:
    """Principals absent or expected absent, not contested, at meetings of ``known``."""
    # People's names are read later, for the absences that make streaks.
    rows = connection.execute(
        select(
            db.records.c.meeting_id,
            db.records.c.office_id,
            db.offices.c.country,
            db.offices.c.role,
            db.records.c.certainty,
            db.records.c.person_id,
            db.records.c.representative_id,
        )
        .join(db.offices, db.offices.c.id == db.records.c.office_id)
        .join(db.meetings, db.meetings.c.id == db.records.c.meeting_id)
        .join(db.forums, db.forums.c.id == db.meetings.c.forum)
        .where(
            db.records.c.status == "absent",
            db.records.c.certainty.in_(("reported", "expected")),
            db.offices.c.role == db.forums.c.principal_role,
            db.offices.c.country.is_not(None),
        )
    )
    return [_Absence(known[meeting_id], *rest) for meeting_id, *rest in rows]


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
    for meeting in known.values():
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
    named = {i for run in runs for a in run for i in (a.person_id, a.stand_in_id)}
    names = dict(
        connection.execute(
            select(db.people.c.id, db.people.c.name).where(
                db.people.c.id.in_(sorted(i for i in named if i is not None))
            )
        ).all()
    )
    contexts = streak_contexts(
        connection, [(r[0].country, r[0].meeting.family, len(r), r[0].meeting.date) for r in runs]
    )
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
                    person=names.get(a.person_id),
                    certainty=a.certainty,
                    stood_in=tuple(
                        dict.fromkeys(
                            ([stand_in] if (stand_in := names.get(a.stand_in_id)) else [])
                            + present.get((a.meeting.id, a.country), [])
                        )
                    ),
                    claims=tuple(behind[(a.meeting.id, a.office_id)]),
                )
                for a in run
            ),
            context=context,
        )
        for run, context in zip(runs, contexts, strict=True)
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
    )
    found: dict[tuple[int, str], list[str]] = defaultdict(list)
    for meeting_id, country, role, name, status in rows:
        if status == "attend" and (meeting_id, country) in where:
            label = role.replace("_", " ")
            found[(meeting_id, country)].append(f"{name} ({label})" if name else label)
    return found


def _downgrades(connection: Connection, known: dict[int, _Meeting]) -> list[Downgrade]:
    """Meetings where a country's in-person level fell below its previous one in the forum.

    Reads the levels ``store.records`` keeps per (meeting, country), then walks the
    meetings once in date order, remembering each (country, forum)'s last level.
    (A LAG() window over the same rows is slower on SQLite: it sorts them by strings.)
    """
    rep = db.representation
    # One row per meeting, its levels packed as "<country>,<level digit>,...": fetching a
    # row per (meeting, country) costs more than the whole walk.
    rows = connection.execute(
        select(
            rep.c.meeting_id,
            func.aggregate_strings(rep.c.country + "," + cast(rep.c.level, String), ","),
        ).group_by(rep.c.meeting_id)
    )
    packed: dict[int, str] = {meeting_id: levels for meeting_id, levels in rows}
    # Per forum, each country's last level (a digit) and the meeting it was at.
    levels: dict[str, dict[str, str]] = defaultdict(dict)
    slugs: dict[str, dict[str, str]] = defaultdict(dict)
    # The downgrades at each meeting, by its slug. Few objects beside the downgrades
    # themselves: every object kept brings the next full garbage collection closer.
    found: dict[str, list[Downgrade]] = {}
    for meeting in known.values():
        if meeting.id not in packed:
            continue
        last, where = levels[meeting.forum], slugs[meeting.forum]
        # Whole-meeting steps with map() and zip(), not a Python step per country: the
        # digits compare as strings, and a country not seen before compares with "".
        items = packed[meeting.id].split(",")
        countries, now = items[::2], items[1::2]
        was = list(map(last.get, countries, repeat("")))
        fell = sorted(compress(count(), map(lt, now, was)), key=countries.__getitem__)
        if fell:
            found[meeting.slug] = [
                Downgrade(
                    countries[i],
                    meeting.forum,
                    where[countries[i]],
                    _NAMES[was[i]],
                    meeting.slug,
                    _NAMES[now[i]],
                )
                for i in reversed(fell)
            ]
        last.update(zip(countries, now, strict=True))
        where.update(zip(countries, repeat(meeting.slug)))
    # Newest meeting slug first, then country, descending; built in that order per meeting
    # rather than sorting every downgrade (a country appears once per meeting).
    return [downgrade for slug in sorted(found, reverse=True) for downgrade in found[slug]]


_NAMES = {str(n): name for n, name in enumerate(LEVELS)}
