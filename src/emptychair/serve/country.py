"""A country over time: its representation level at each meeting, per forum, and its streaks."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from emptychair.analyze.history import History, history
from emptychair.analyze.patterns import Patterns, Streak, patterns
from emptychair.serve.board import cell_for, meeting_day, members_on
from emptychair.serve.cache import StoreCache
from emptychair.store import Store
from emptychair.store import schema as db
from emptychair.store.read import RecordRow, meetings, record_rows


@dataclass(frozen=True)
class Point:
    """The country at one meeting: the cell's status and the level it had there."""

    meeting: str
    date: dt.date
    status: str
    label: str
    level: str | None
    detail: str


@dataclass(frozen=True)
class Series:
    """One forum's meetings for the country, oldest first."""

    forum: str
    points: tuple[Point, ...]


@dataclass(frozen=True)
class CountryView:
    """Everything the country page shows."""

    code: str
    series: tuple[Series, ...]
    streaks: tuple[Streak, ...]


def cached_patterns(store: Store, cache: StoreCache, min_length: int = 2) -> Patterns:
    """``analyze.patterns.patterns`` of the store as it is, computed once per change."""
    return cache.get(("patterns", min_length), lambda: patterns(store, min_length))


def base_rates(
    store: Store, cache: StoreCache, streaks: Sequence[Streak]
) -> list[tuple[Streak, tuple[History, ...]]]:
    """Each streak with the history of its country at each forum of its meetings.

    Only histories with counted meetings are kept: their ``sentence`` is the base
    rate ("The Secretary of State attended 32 of 42 NATO foreign ministers' meetings
    since 2010.").
    """

    def known(country: str, forum: str) -> History | None:
        found = cache.get(
            # Today too: a history runs to today, and the store need not change overnight.
            ("history", country, forum, dt.date.today()),
            lambda: history(store, country, forum),
        )
        return found if found.meetings else None

    rated = []
    for streak in streaks:
        forums = dict.fromkeys(m.forum for m in streak.meetings)
        found = (known(streak.country, forum) for forum in forums)
        rated.append((streak, tuple(h for h in found if h is not None)))
    return rated


def country_view(store: Store, code: str, streaks: Sequence[Streak]) -> CountryView:
    """Representation per forum over time, and the country's absence streaks (of ``streaks``)."""
    code = code.upper()
    known = {m.id: m for m in meetings(store)}
    with store.engine.connect() as connection:
        rows = record_rows(connection, db.offices.c.country == code, with_timeline=False)
    by_meeting: dict[str, list[RecordRow]] = defaultdict(list)
    for record in rows:
        by_meeting[record.meeting].append(record)
    per_forum: dict[str, list[Point]] = defaultdict(list)
    for slug, records in by_meeting.items():
        meeting = known[slug]
        day = meeting_day(meeting)
        member = code in (members_on(meeting.forum, day) or ())
        cell = cell_for(code, meeting.forum, records, member)
        per_forum[meeting.forum].append(
            Point(slug, day, cell.status, cell.label, cell.level, cell.detail)
        )
    series = tuple(
        Series(forum, tuple(sorted(points, key=lambda p: (p.date, p.meeting))))
        for forum, points in sorted(per_forum.items())
    )
    return CountryView(
        code=code, series=series, streaks=tuple(s for s in streaks if s.country == code)
    )
