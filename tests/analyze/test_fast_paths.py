"""``patterns`` and the streaks' context read only what they need; a plain reading agrees.

* ``family_verdicts`` (the principals' records alone, no rows built) gives the verdicts
  of the history rows ``meeting_rows`` builds from every record and trip.
* ``patterns`` gives what a straightforward reading of every record gives: the
  streaks (with their claims, stand-ins and context) and the downgrades.

Both on a generated store with calendar meetings, travel records, possible absences,
contested records and stand-ins (on each backend), and on the corpus with every travel
record (SQLite).
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, select, true

from emptychair import vocab
from emptychair.analyze.history import family_verdicts, meeting_rows, streak_context
from emptychair.analyze.patterns import Downgrade, Patterns, Streak, StreakMeeting, patterns
from emptychair.model import Claim, Document, Source
from emptychair.reconcile.meetings import month_start
from emptychair.records import import_travels
from emptychair.store import Store, open_store
from emptychair.store import schema as db
from emptychair.store.calendar import CalendarRow, import_calendar
from emptychair.store.lookups import forum_profile
from emptychair.store.read import RecordRow, record_rows
from emptychair.store.records import LEVELS

Items = list[tuple[Document, list[Claim]]]
TRAVELS = Path(__file__).resolve().parents[3] / "shared" / "data" / "travels"
if not TRAVELS.is_dir():
    TRAVELS = Path("/work/shared/data/travels")

FORUMS = (
    "nato-summit",
    "nato-foreign-ministers",
    "nato-defence-ministers",
    "g20-summit",
    "g7-summit",
    "g7-ministers",
)
COUNTRIES = ("USA", "DEU", "FRA", "JPN")
ROLES = ("leader", "foreign_minister", "defence_minister", "deputy", "ambassador", "official")
MINISTERS = ("leader", "foreign_minister", "defence_minister", "finance_minister", "minister")
STATUSES = ("attend", "attend", "attend", "virtual", "absent")
CITIES = (("Brussels", "BEL"), ("Washington", "USA"), ("Paris", "FRA"), ("Tokyo", "JPN"))


def generated(seed: int) -> tuple[list[CalendarRow], str, Items]:
    """A calendar, travel records (XML) and claims about a few forums over eight years.

    Principals are mostly absent or attending in runs, so streaks of every length come
    out; some claims are possible absences, some disagree (contested records), some name
    a stand-in; a few meetings are known only from claims.
    """
    rng = random.Random(seed)
    calendar: list[CalendarRow] = []
    days: list[tuple[str, dt.date]] = []
    for forum in FORUMS:
        for n in range(16):
            day = dt.date(2010, 1, 5) + dt.timedelta(days=180 * n + 20 * FORUMS.index(forum))
            days.append((forum, day))
            if n % 5 != 4:  # the others come from claims alone
                city, country = rng.choice(CITIES)
                form = "virtual" if n % 7 == 3 else "formal"
                calendar.append(CalendarRow(forum, day, day, city, country, form, "fixture"))
    trips = "".join(
        f'<trip role="{role}" who="w"><id>{role[0]}{n}</id><role>{role}</role><name>T {n}</name>'
        f"<start-date>{day - dt.timedelta(days=1)}</start-date><end-date>{day}</end-date>"
        f'<country id="x">X</country><locale>{rng.choice(CITIES)[0]}</locale>'
        f"<remarks>{rng.choice(('Attended the NATO meeting.', 'Met the king.'))}</remarks></trip>"
        for n, (forum, day) in enumerate(days)
        for role in ("president", "secretary")
        if rng.random() < 0.3 and day.year < 2016
    )
    items: Items = []
    absent: dict[tuple[str, str], bool] = defaultdict(bool)
    days.sort(key=lambda pair: pair[1])
    for n, (forum, day) in enumerate(days):
        claims = []
        family, principal = forum_profile(forum)
        for country in COUNTRIES:
            if rng.random() < 0.1:
                continue  # no word on this country
            key = (family, country)
            if rng.random() < 0.3:
                absent[key] = not absent[key]
            others = [r for r in ROLES if r != principal]
            for role in [principal or "leader", *rng.sample(others, 2)]:
                status = "absent" if role == principal and absent[key] else rng.choice(STATUSES)
                certainty = rng.choice(("reported",) * 4 + ("expected", "possible"))
                claims.append(
                    Claim(
                        person=f"{role} of {country}" if rng.random() < 0.8 else None,
                        country=country,
                        role=role,  # type: ignore[arg-type]
                        forum=forum,
                        meeting_date=day.isoformat() if n % 3 else f"{day:%Y-%m}",
                        status=status,  # type: ignore[arg-type]
                        certainty=certainty,  # type: ignore[arg-type]
                        representative=f"Envoy of {country}" if rng.random() < 0.3 else None,
                        sources=(Source("anonymous", "officials"),),
                        evidence=f"Sentence {n} on {country}.",
                    )
                )
                if rng.random() < 0.1:  # a later report disagrees: contested
                    other = "attend" if status == "absent" else "absent"
                    claims.append(
                        Claim(
                            f"{role} of {country}",
                            country,
                            role,  # type: ignore[arg-type]
                            forum,
                            day.isoformat(),
                            other,  # type: ignore[arg-type]
                            certainty,  # type: ignore[arg-type]
                        )
                    )
        published = day - dt.timedelta(days=rng.randint(0, 9))
        items.append((Document(f"g{n}", f"Report {n} on {forum}.", published), claims))
    return calendar, f"<trips>{trips}</trips>", items


def fill(store: Store, tmp_path: Path, seed: int) -> None:
    """Put ``generated(seed)`` into ``store``."""
    calendar, trips, items = generated(seed)
    import_calendar(store.engine, calendar)
    (tmp_path / "trips.xml").write_text(trips, encoding="utf-8")
    import_travels(store, [tmp_path / "trips.xml"], calendar=False)
    store.ingest(items, "fixture")


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory: pytest.TempPathFactory, corpus_items: Items) -> Iterator[Store]:
    """A SQLite store with the corpus, the packaged calendar and every travel record."""
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('fast') / 'store.sqlite3'}")
    import_travels(store, [TRAVELS])
    store.ingest(corpus_items, "gold")
    yield store
    store.close()


def _families() -> dict[str, list[str]]:
    """The forums with a principal of each family (``vocab/forum_families.json``)."""
    found: dict[str, list[str]] = defaultdict(list)
    for forum, entry in vocab.load("forum_families")["forums"].items():
        if entry["principal"]:
            found[entry["family"]].append(forum)
    return found


def _countries(connection: Connection) -> list[str]:
    return sorted(
        c for c in connection.execute(select(db.offices.c.country).distinct()).scalars() if c
    )


def assert_verdicts_match_history(store: Store) -> None:
    """``family_verdicts`` of every country and family equals the history rows' verdicts."""
    with store.engine.connect() as connection:
        countries = _countries(connection)
        families = _families()
        fast = family_verdicts(connection, {family: countries for family in families})
        judged = 0
        for family, forums in families.items():
            said = fast[family]
            for country in countries:
                rows = meeting_rows(connection, country, forums)
                expected = [(r.meeting, r.start, r.verdict) for r in rows]
                found = list(zip(said.meetings, said.starts, said.verdicts[country], strict=True))
                assert found == expected, (family, country)
                judged += sum(r.verdict not in ("no word", "contested", "possible") for r in rows)
    assert judged, "the store has verdicts to compare"


def reference_patterns(store: Store, min_length: int) -> Patterns:
    """``patterns`` from every record with its timeline, walked meeting by meeting."""
    with store.engine.connect() as connection:
        forums = {
            forum: (family, role)
            for forum, family, role in connection.execute(
                select(db.forums.c.id, db.forums.c.family, db.forums.c.principal_role)
            )
            if role
        }
        dated = [
            (m.start_date or month_start(m.month), m.slug, m.forum)
            for m in connection.execute(select(db.meetings))
            if m.forum in forums
        ]
        dated.sort()
        records: dict[tuple[str, str], list[RecordRow]] = defaultdict(list)
        for record in record_rows(connection, true()):
            if record.country:
                records[(record.meeting, record.country)].append(record)
        streaks = [
            replace_context(connection, streak)
            for streak in _reference_streaks(dated, forums, records, min_length)
        ]
        downgrades = _reference_downgrades(dated, forums, records)
    streaks.sort(key=lambda s: (-s.length, -s.meetings[-1].date.toordinal(), s.country))
    return Patterns(tuple(streaks), tuple(downgrades))


def _reference_streaks(
    dated: list[tuple[dt.date, str, str]],
    forums: dict[str, tuple[str, str]],
    records: dict[tuple[str, str], list[RecordRow]],
    min_length: int,
) -> list[Streak]:
    streaks = []
    for family in sorted({family for family, _ in forums.values()}):
        order = [(day, slug, forum) for day, slug, forum in dated if forums[forum][0] == family]
        for country in sorted({c for _, c in records}):
            runs: list[list[tuple[dt.date, str, str, RecordRow]]] = [[]]
            for day, slug, forum in order:
                own = [r for r in records[(slug, country)] if r.role == forums[forum][1]]
                if own and own[0].status == "absent" and own[0].certainty != "possible":
                    runs[-1].append((day, slug, forum, own[0]))
                elif runs[-1]:
                    runs.append([])
            for run in runs:
                if len(run) >= min_length:
                    streaks.append(_reference_streak(country, family, run, order, records))
    return streaks


def _reference_streak(
    country: str,
    family: str,
    run: list[tuple[dt.date, str, str, RecordRow]],
    order: list[tuple[dt.date, str, str]],
    records: dict[tuple[str, str], list[RecordRow]],
) -> Streak:
    meetings = []
    for day, slug, forum, own in run:
        present = [
            f"{r.person} ({r.role.replace('_', ' ')})" if r.person else r.role.replace("_", " ")
            for r in sorted(records[(slug, country)], key=lambda r: r.role)
            if r.status == "attend"
        ]
        stand_in = [own.representative] if own.representative else []
        meetings.append(
            StreakMeeting(
                slug,
                forum,
                day,
                own.role,
                own.person,
                own.certainty,
                tuple(dict.fromkeys(stand_in + present)),
                own.timeline,
            )
        )
    return Streak(country, family, len(run), order[-1][1] == run[-1][1], tuple(meetings))


def replace_context(connection: Connection, streak: Streak) -> Streak:
    """The streak with its context, from the one-streak ``streak_context``."""
    context = streak_context(
        connection, streak.country, streak.family, streak.length, streak.meetings[0].date
    )
    return Streak(
        streak.country, streak.family, streak.length, streak.ongoing, streak.meetings, context
    )


def _reference_downgrades(
    dated: list[tuple[dt.date, str, str]],
    forums: dict[str, tuple[str, str]],
    records: dict[tuple[str, str], list[RecordRow]],
) -> list[Downgrade]:
    countries: dict[str, set[str]] = defaultdict(set)
    for slug, country in records:
        countries[slug].add(country)
    series: dict[tuple[str, str], list[tuple[str, int]]] = defaultdict(list)
    for _, slug, forum in dated:
        for country in sorted(countries[slug]):
            ranks = [
                LEVELS.index(
                    "principal"
                    if r.role == forums[forum][1]
                    else "minister"
                    if r.role in MINISTERS
                    else r.role
                )
                for r in records[(slug, country)]
                if r.status == "attend"
                and (r.role in MINISTERS or r.role in ("deputy", "ambassador"))
            ]
            if ranks:
                series[(country, forum)].append((slug, max(ranks)))
    found = [
        Downgrade(country, forum, before, LEVELS[was], after, LEVELS[now])
        for (country, forum), levels in series.items()
        for (before, was), (after, now) in pairwise(levels)
        if now < was
    ]
    found.sort(key=lambda d: (d.after, d.country), reverse=True)
    return found


def assert_same_patterns(found: Patterns, expected: Patterns) -> None:
    """Equal, but for the order of streaks that tie on length, last date and country."""
    key = [(-s.length, -s.meetings[-1].date.toordinal(), s.country) for s in found.streaks]
    assert key == sorted(key)
    assert sorted(map(repr, found.streaks)) == sorted(map(repr, expected.streaks))
    assert found.downgrades == expected.downgrades


@pytest.mark.parametrize("seed", [1, 2])
def test_generated_store_patterns_match_a_plain_reading(
    store: Store, tmp_path: Path, seed: int
) -> None:
    fill(store, tmp_path, seed)
    assert_verdicts_match_history(store)
    for min_length in (1, 2, 3):
        found = patterns(store, min_length)
        expected = reference_patterns(store, min_length)
        assert_same_patterns(found, expected)
    assert len(patterns(store, 2).streaks) >= 3 and patterns(store).downgrades
    contexts = {s.context.text.split(" ")[0] for s in patterns(store).streaks if s.context}
    assert contexts >= {"first", "never"}, contexts


def test_corpus_and_travel_records_patterns_match_a_plain_reading(corpus_store: Store) -> None:
    assert_verdicts_match_history(corpus_store)
    for min_length in (1, 2):
        assert_same_patterns(
            patterns(corpus_store, min_length), reference_patterns(corpus_store, min_length)
        )
    usa = [s for s in patterns(corpus_store).streaks if s.country == "USA"]
    assert usa and all(s.context for s in usa)


def _verdict_kinds(store: Store) -> set[str]:
    with store.engine.connect() as connection:
        countries = _countries(connection)
        found = family_verdicts(connection, {f: countries for f in _families()})
    return {v for said in found.values() for listed in said.verdicts.values() for v in listed}


def test_the_fixtures_reach_every_kind_of_verdict(
    corpus_store: Store, sqlite_store: Store, tmp_path: Path
) -> None:
    fill(sqlite_store, tmp_path, 1)
    kinds = _verdict_kinds(corpus_store) | _verdict_kinds(sqlite_store)
    expected: set[Any] = {
        "attended",
        "virtual",
        "absent",
        "possible",
        "contested",
        "no trip",
        "at venue",
        "virtual meeting",
        "at home",
        "after records",
        "no word",
    }
    assert kinds == expected
