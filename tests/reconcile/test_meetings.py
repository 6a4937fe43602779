"""Meeting resolution: claims to meeting instances, merging, readable ids."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import select

from emptychair.model import Claim, Document
from emptychair.reconcile.meetings import (
    MeetingDate,
    MeetingSpan,
    meeting_slug,
    parse_meeting_date,
    resolve,
    resolve_undated,
)
from emptychair.store import Store
from emptychair.store import schema as db

D = dt.date


def test_parse_meeting_date() -> None:
    assert parse_meeting_date("2025-12") == MeetingDate("2025-12")
    assert parse_meeting_date("2025-12-03") == MeetingDate("2025-12", D(2025, 12, 3))
    for bad in ("2025", "December 2025", "2025-13", "2025-02-30"):
        with pytest.raises(ValueError):
            parse_meeting_date(bad)


def test_a_day_joins_the_meeting_around_it_and_widens_it() -> None:
    summit = MeetingSpan(1, "2025-06", D(2025, 6, 24), D(2025, 6, 24))
    found = resolve([summit], MeetingDate("2025-06", D(2025, 6, 25)), None)
    assert (found.meeting_id, found.start, found.end) == (1, D(2025, 6, 24), D(2025, 6, 25))


def test_a_day_far_from_known_meetings_starts_a_new_one() -> None:
    early = MeetingSpan(1, "2025-06", D(2025, 6, 3), D(2025, 6, 3))
    found = resolve([early], MeetingDate("2025-06", D(2025, 6, 20)), None)
    assert found.meeting_id is None and found.start == D(2025, 6, 20)


def test_a_day_gives_a_month_level_meeting_its_day() -> None:
    month = MeetingSpan(7, "2025-12")
    found = resolve([month], MeetingDate("2025-12", D(2025, 12, 3)), None)
    assert (found.meeting_id, found.start) == (7, D(2025, 12, 3))


def test_a_month_joins_the_meeting_in_that_month_nearest_publication() -> None:
    early = MeetingSpan(1, "2025-06", D(2025, 6, 3), D(2025, 6, 3))
    late = MeetingSpan(2, "2025-06", D(2025, 6, 24), D(2025, 6, 25))
    assert resolve([early, late], MeetingDate("2025-06"), D(2025, 6, 20)).meeting_id == 2
    assert resolve([early, late], MeetingDate("2025-06"), D(2025, 5, 1)).meeting_id == 1
    assert resolve([], MeetingDate("2025-06"), None).meeting_id is None


def test_a_month_reaches_a_meeting_starting_just_before_it() -> None:
    cop = MeetingSpan(1, "2021-10", D(2021, 10, 31), D(2021, 10, 31))
    assert resolve([cop], MeetingDate("2021-11"), None).meeting_id == 1


def test_undated_claims_only_point_ahead() -> None:
    summit = MeetingSpan(1, "2025-06", D(2025, 6, 24), D(2025, 6, 25))
    assert resolve_undated([summit], D(2025, 6, 4)) == 1
    assert resolve_undated([summit], D(2025, 6, 30)) is None  # looking back: unknown meeting
    assert resolve_undated([summit], D(2025, 1, 4)) is None  # too far ahead
    assert resolve_undated([summit], None) is None


def test_slugs() -> None:
    assert meeting_slug("g7-summit", "2025-06", D(2025, 6, 15), False) == "g7-summit-2025-06"
    assert meeting_slug("g7-summit", "2025-06", D(2025, 6, 5), True) == "g7-summit-2025-06-05"


CLAIM = Claim(
    person="Marco Rubio",
    country="USA",
    role="foreign_minister",
    forum="nato-foreign-ministers",
    meeting_date="2025-12",
    status="absent",
    certainty="expected",
)


def doc(doc_id: str, published: str) -> Document:
    return Document(id=doc_id, text=f"text of {doc_id}", published=D.fromisoformat(published))


def slugs(store: Store) -> list[str]:
    with store.engine.connect() as connection:
        return sorted(connection.execute(select(db.meetings.c.slug)).scalars())


def test_month_and_day_claims_merge_into_one_meeting(store: Store) -> None:
    store.ingest([(doc("a", "2025-11-20"), [CLAIM])], "v1")
    store.ingest([(doc("b", "2025-12-01"), [replace(CLAIM, meeting_date="2025-12-03")])], "v1")
    assert slugs(store) == ["nato-foreign-ministers-2025-12"]
    with store.engine.connect() as connection:
        meeting = connection.execute(select(db.meetings)).one()
        record = connection.execute(select(db.records)).one()
    assert meeting.start_date == D(2025, 12, 3)
    assert record.claims == 2


def test_two_meetings_in_a_month_get_days_in_their_ids(store: Store) -> None:
    first = replace(CLAIM, meeting_date="2025-12-03")
    second = replace(CLAIM, meeting_date="2025-12-20")
    store.ingest([(doc("a", "2025-11-20"), [first]), (doc("b", "2025-12-10"), [second])], "v1")
    assert slugs(store) == [
        "nato-foreign-ministers-2025-12-03",
        "nato-foreign-ministers-2025-12-20",
    ]


def test_undated_claim_waits_for_its_meeting(store: Store) -> None:
    undated = replace(CLAIM, meeting_date=None, person="Andrii Sybiha", country="UKR")
    store.ingest([(doc("a", "2025-11-20"), [undated])], "v1")
    with store.engine.connect() as connection:
        assert connection.execute(select(db.claims.c.meeting_id)).scalar() is None
    store.ingest([(doc("b", "2025-11-28"), [replace(CLAIM, meeting_date="2025-12-03")])], "v1")
    with store.engine.connect() as connection:
        attached = connection.execute(select(db.claims.c.meeting_id)).scalars().all()
        assert None not in attached
        assert len(connection.execute(select(db.records)).all()) == 2


def test_undated_claim_beside_a_dated_one_for_the_same_actor_stays_loose(store: Store) -> None:
    dated = replace(CLAIM, meeting_date="2025-12-03")
    earlier = replace(CLAIM, meeting_date=None, status="attend", certainty="reported")
    store.ingest([(doc("a", "2025-11-20"), [dated, earlier])], "v1")
    with store.engine.connect() as connection:
        rows = connection.execute(select(db.claims.c.meeting_date, db.claims.c.meeting_id)).all()
    attached = {date: meeting is not None for date, meeting in rows}
    assert attached == {"2025-12-03": True, None: False}
