"""History and base rates: the full travel records once, and a small fixture calendar pinned."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from emptychair.analyze.history import history, streak_context
from emptychair.analyze.patterns import patterns
from emptychair.model import Claim, Document
from emptychair.records import import_travels
from emptychair.store import Store, open_store
from emptychair.store import schema as db
from emptychair.store.calendar import CalendarRow, import_calendar, packaged_calendar

TRAVELS = Path(__file__).resolve().parents[3] / "shared" / "data" / "travels"
if not TRAVELS.is_dir():
    TRAVELS = Path("/work/shared/data/travels")
Full = tuple[Store, list[Any]]
"""The store and [first import, second import, counts before, counts after]."""
_TRIP = re.compile(r"<trip[\s>].*?</trip>", re.S)


def _field(trip: str, tag: str) -> str:
    found = re.search(rf"<{tag}[^>]*>(.*?)</{tag}>", trip, re.S)
    return " ".join(found.group(1).split()) if found else ""


def _raw_trips(folder: Path) -> list[dict[str, str]]:
    """Trips parsed with regular expressions: independent of the importer's XML reader."""
    return [
        {tag: _field(t, tag) for tag in ("id", "start-date", "end-date", "locale", "remarks")}
        for f in sorted(folder.glob("*.xml"))
        for t in _TRIP.findall(f.read_text(encoding="utf-8"))
    ]


def _counts(store: Store) -> tuple[int, ...]:
    with store.engine.connect() as connection:
        return tuple(
            connection.execute(select(func.count()).select_from(t)).scalar_one()
            for t in (db.documents, db.claims, db.meetings, db.records, db.official_trips)
        )


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Full]:
    """A SQLite store holding every travel record, imported twice (the reports of both)."""
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('travels') / 'store.sqlite3'}")
    first = import_travels(store, [TRAVELS])
    before = _counts(store)
    second = import_travels(store, [TRAVELS])
    yield store, [first, second, before, _counts(store)]
    store.close()


def test_import_counts_reconcile_exactly_with_the_xml(full: Full) -> None:
    _, (report, *_) = full
    expected = len(_raw_trips(TRAVELS / "secretary-travels")) + len(
        _raw_trips(TRAVELS / "president-travels")
    )
    assert expected == 3439 + 832
    assert report.read == expected
    assert report.read == (
        report.with_meeting
        + report.without_meeting
        + len(report.duplicates)
        + len(report.malformed)
    )
    assert report.malformed == () and report.failed_files == () and not report.failed
    assert [d.split(": ", 1)[1] for d in report.duplicates] == [
        "trip 4019: repeats trip 3992",
        "trip 4020: repeats trip 3993",
    ]
    assert report.with_meeting > 300 and report.claims >= report.with_meeting
    assert report.ingest.added == report.read - len(report.duplicates)


def test_reimport_changes_no_count(full: Full) -> None:
    _, (first, second, before, after) = full
    assert before == after
    assert after[0] == after[4] == first.read - len(first.duplicates)
    assert (second.ingest.added, second.ingest.claims_added, second.calendar.added) == (0, 0, 0)
    assert (second.read, second.with_meeting, second.duplicates) == (
        first.read,
        first.with_meeting,
        first.duplicates,
    )


def test_secretary_attendance_matches_the_travel_records_both_ways(
    full: Full,
) -> None:
    store, _ = full
    found = history(
        store, "USA", "nato-foreign-ministers", dt.date(2010, 1, 1), dt.date(2024, 12, 31)
    )
    trips = _raw_trips(TRAVELS / "secretary-travels")
    day = dt.timedelta(days=1)
    calendar = {
        (r.start, r.city) for r in packaged_calendar() if r.forum == "nato-foreign-ministers"
    }
    assert len(found.rows) == len([c for c in calendar if c[0].year <= 2024]) == 38
    for row in found.rows:
        assert row.end is not None and row.city
        there = [
            t
            for t in trips
            if dt.date.fromisoformat(t["start-date"]) <= row.end + day
            and dt.date.fromisoformat(t["end-date"]) >= row.start - day
            and row.city in t["locale"]
            and "NATO" in t["remarks"]
        ]
        assert row.present == bool(there), (row.meeting, row.verdict, there)
    verdicts = {r.meeting: (r.verdict, r.principal) for r in found.rows}
    assert verdicts["nato-foreign-ministers-2014-04"] == ("attended", "John Kerry")
    assert verdicts["nato-foreign-ministers-2017-12"] == ("attended", "Rex Tillerson")
    assert verdicts["nato-foreign-ministers-2022-11"] == ("attended", "Antony Blinken")
    assert verdicts["nato-foreign-ministers-2019-04"] == ("at home", None)  # Washington
    assert verdicts["nato-foreign-ministers-2020-12"] == ("virtual meeting", None)
    assert verdicts["nato-foreign-ministers-2023-05"][0] == "at venue"  # Oslo, NATO unnamed
    attended = next(r for r in found.rows if r.meeting == "nato-foreign-ministers-2014-04")
    assert any("attended the NATO Foreign Ministerial" in e.evidence for e in attended.evidence)
    assert found.sentence == (
        f"The Secretary of State attended {found.attended} of 38 NATO foreign ministers' "
        "meetings since 2010."
    )


# The small fixture: seven foreign ministers' meetings and three trips of one secretary.
_CALENDAR = [
    ("2014-04-01", "2014-04-02", "Brussels", "BEL", "formal"),  # attended, forum named
    ("2014-06-25", "2014-06-25", "Brussels", "BEL", "formal"),  # no trip
    ("2014-12-02", "2014-12-02", "Washington", "USA", "formal"),  # at home
    ("2015-05-13", "2015-05-14", "Antalya", "TUR", "virtual"),  # by video
    ("2015-12-01", "2015-12-02", "Brussels", "BEL", "formal"),  # attended, body only
    ("2016-05-19", "2016-05-20", "Brussels", "BEL", "formal"),  # after the records
    ("2016-12-06", "2016-12-07", "Brussels", "BEL", "formal"),  # after the records
]
_TRIPS = [
    ("1", "2014-03-31", "2014-04-02", "Brussels", "Attended the NATO Foreign Ministerial."),
    ("2", "2014-06-20", "2014-06-21", "Paris", "Met with Foreign Minister Fabius."),
    ("3", "2015-12-01", "2015-12-02", "Brussels", "Attended a NATO Ministerial Meeting."),
]


@pytest.fixture
def small(store: Store, tmp_path: Path) -> Store:
    import_calendar(
        store.engine,
        [
            CalendarRow(
                "nato-foreign-ministers",
                dt.date.fromisoformat(s),
                dt.date.fromisoformat(e),
                city,
                country,
                form,
                "fixture",
            )
            for s, e, city, country, form in _CALENDAR
        ],
    )
    trips = "".join(
        f'<trip role="secretary" who="kerry-john-forbes"><id>{i}</id><role>secretary</role>'
        f"<name>John Forbes Kerry</name><start-date>{s}</start-date><end-date>{e}</end-date>"
        f'<country id="x">X</country><locale>{place}</locale><remarks>{remarks}</remarks></trip>'
        for i, s, e, place, remarks in _TRIPS
    )
    (tmp_path / "kerry.xml").write_text(f"<trips>{trips}</trips>", encoding="utf-8")
    report = import_travels(store, [tmp_path / "kerry.xml"], calendar=False)
    assert (report.read, report.with_meeting, report.without_meeting) == (3, 2, 1)
    return store


def test_base_rate_sentence_on_a_small_calendar(small: Store) -> None:
    found = history(
        small, "USA", "nato-foreign-ministers", dt.date(2014, 1, 1), dt.date(2017, 1, 1)
    )
    assert [r.verdict for r in found.rows] == [
        "attended",
        "no trip",
        "at home",
        "virtual meeting",
        "attended",
        "after records",
        "after records",
    ]
    assert found.sentence == (
        "The Secretary of State attended 2 of 7 NATO foreign ministers' meetings since 2014."
    )
    assert found.breakdown == (
        "The other 5: 2 after the travel records end; 1 held at home: no trip to record; "
        "1 no trip to the meeting in the travel records; 1 held by video: no trip to record."
    )
    assert "to 2015-12-02" in found.caveat
    assert [t.trip_id for t in found.rows[1].trips] == []  # trip 2 ended before the meeting
    assert found.rows[0].principal == "John Kerry"


def _absent(day: str) -> tuple[Document, list[Claim]]:
    claim = Claim(
        person="John Kerry",
        country="USA",
        role="foreign_minister",
        forum="nato-foreign-ministers",
        meeting_date=day,
        status="absent",
        certainty="reported",
    )
    return Document(
        id=day, text=f"Kerry skipped the meeting {day}.", published=dt.date(2017, 1, 1)
    ), [claim]


def test_streak_context_on_a_small_calendar(small: Store) -> None:
    small.ingest([_absent("2016-05-19"), _absent("2016-12-06")], "test")
    [streak] = patterns(small).streaks
    assert [m.meeting for m in streak.meetings] == [
        "nato-foreign-ministers-2016-05",
        "nato-foreign-ministers-2016-12",
    ]
    assert streak.context is not None
    assert streak.context.text == "never in the records since 2014"
    assert (streak.context.occurrences, streak.context.judged, streak.context.earlier) == (0, 3, 5)
    assert streak.context.caveat.startswith("3 of 5 earlier nato meetings could be judged for USA")
    with small.engine.connect() as connection:
        once = streak_context(connection, "USA", "nato", 1, dt.date(2016, 5, 19))
    assert once.text == "first time since June 2014"
    assert once.previous == ("nato-foreign-ministers-2014-06",)
