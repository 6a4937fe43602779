"""The calendar: rows checked, meetings in the store before claims, claims landing on them."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from sqlalchemy import func, select

from emptychair.model import Claim, Document
from emptychair.sources.travels import Trip, read_trips
from emptychair.store import Store
from emptychair.store.calendar import (
    CalendarRow,
    import_calendar,
    packaged_calendar,
    parse_calendar,
)
from emptychair.store.read import meetings
from emptychair.store.schema import calendar_meetings, claims
from emptychair.store.schema import meetings as meeting_table

TRAVELS = Path(__file__).resolve().parents[3] / "shared" / "data" / "travels"
if not TRAVELS.is_dir():
    TRAVELS = Path("/work/shared/data/travels")


def _row(forum: str, start: str, end: str, city: str = "Brussels") -> CalendarRow:
    return CalendarRow(
        forum, dt.date.fromisoformat(start), dt.date.fromisoformat(end), city, "BEL", "formal", ""
    )


def test_packaged_calendar_covers_nato_2010_to_2026_and_keeps_sources() -> None:
    rows = packaged_calendar()
    assert len(rows) == 107
    by_forum = {f: [r for r in rows if r.forum == f] for f in {r.forum for r in rows}}
    assert set(by_forum) == {"nato-summit", "nato-foreign-ministers", "nato-defence-ministers"}
    assert min(r.start for r in rows).year == 2010 and max(r.start for r in rows).year == 2026
    assert all(r.source for r in rows)
    assert len({(r.forum, r.start) for r in rows}) == len(rows)


def test_rows_resting_on_the_travel_records_match_a_trip() -> None:
    # The facts file left these rows' source empty ("from the travel records"): each
    # must match a trip of the principal, in the host city, naming NATO, on those dates.
    trips = [t for t in read_trips([TRAVELS]) if isinstance(t, Trip)]
    checked = 0
    for row in packaged_calendar():
        found = re.findall(r"trip (\d+) \(", row.source)
        if not row.source.startswith("Office of the Historian"):
            continue
        role = "president" if row.forum == "nato-summit" else "secretary"
        matching = [
            t
            for t in trips
            if t.id in found
            and t.role == role
            and t.start <= row.end
            and t.end >= row.start
            and row.city in t.locale
            and "NATO" in t.remarks
        ]
        assert matching, row
        checked += 1
    assert checked == 35


def test_bad_rows_are_named_by_line_and_the_rest_kept() -> None:
    text = (
        "forum,start_date,end_date,city,country,format,source\n"
        "nato-summit,2030-07-01,2030-07-02,Oslo,NOR,formal,x\n"
        "nato-sumit,2030-07-01,2030-07-02,Oslo,NOR,formal,\n"
        "nato-summit,2030-07-05,2030-07-01,Oslo,NOR,formal,\n"
        "nato-summit,2030-13-01,,Oslo,NOR,formal,\n"
        "nato-summit,2030-08-01,,Oslo,NOR,hybrid,\n"
    )
    rows, problems = parse_calendar(text, "mine.csv")
    assert [r.start for r in rows] == [dt.date(2030, 7, 1)]
    assert [p.split(": ")[0] for p in problems] == [
        "mine.csv:3",
        "mine.csv:4",
        "mine.csv:5",
        "mine.csv:6",
    ]
    assert "unknown forum 'nato-sumit'" in problems[0]


def test_calendar_meetings_exist_before_claims_and_reimport_changes_nothing(store: Store) -> None:
    first = import_calendar(store.engine)
    assert (first.added, first.unchanged) == (107, 0)
    listed = meetings(store, forum="nato-foreign-ministers")
    assert len(listed) == 42 and all(m.records == 0 for m in listed)
    assert any(m.id == "nato-foreign-ministers-2025-12" for m in listed)
    again = import_calendar(store.engine)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 107)
    with store.engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(meeting_table)).scalar() == 107


def _claim(day: str) -> Claim:
    return Claim(
        person="Marco Rubio",
        country="USA",
        role="foreign_minister",
        forum="nato-foreign-ministers",
        meeting_date=day,
        status="absent",
        certainty="reported",
    )


def test_claims_resolve_onto_calendar_meetings(store: Store) -> None:
    import_calendar(store.engine, [_row("nato-foreign-ministers", "2025-12-03", "2025-12-03")])
    doc = Document(id="d1", text="Rubio will skip it.", published=dt.date(2025, 11, 20))
    store.ingest([(doc, [_claim("2025-12-03"), _claim("2025-12")])], "test")
    with store.engine.connect() as connection:
        calendar_id = connection.execute(select(calendar_meetings.c.meeting_id)).scalar_one()
        placed = set(connection.execute(select(claims.c.meeting_id)).scalars())
    assert placed == {calendar_id}


def test_calendar_adopts_and_merges_meetings_claims_made(store: Store) -> None:
    doc = Document(id="d1", text="Two reports.", published=dt.date(2025, 11, 20))
    other = Document(id="d2", text="Another report.", published=dt.date(2025, 11, 21))
    store.ingest([(doc, [_claim("2025-12-01")]), (other, [_claim("2025-12-05")])], "test")
    assert len(meetings(store, forum="nato-foreign-ministers")) == 2  # 4 days apart: split
    report = import_calendar(
        store.engine, [_row("nato-foreign-ministers", "2025-12-03", "2025-12-03")]
    )
    assert (report.adopted, report.merged) == (1, 1)
    [meeting] = meetings(store, forum="nato-foreign-ministers")
    assert (meeting.id, meeting.start, meeting.end, meeting.place) == (
        "nato-foreign-ministers-2025-12",
        dt.date(2025, 12, 3),
        dt.date(2025, 12, 3),
        "Brussels",
    )
    assert (meeting.records, meeting.claims, meeting.absent) == (1, 2, 1)


def test_a_widened_calendar_meeting_gets_its_dates_back(store: Store) -> None:
    row = _row("nato-foreign-ministers", "2025-12-03", "2025-12-03")
    import_calendar(store.engine, [row])
    doc = Document(id="d1", text="A report.", published=dt.date(2025, 11, 20))
    store.ingest([(doc, [_claim("2025-12-01")])], "test")  # placement widens it to the 1st
    assert import_calendar(store.engine, [row]).updated == 1
    [meeting] = meetings(store, forum="nato-foreign-ministers")
    assert (meeting.start, meeting.end) == (dt.date(2025, 12, 3), dt.date(2025, 12, 3))
