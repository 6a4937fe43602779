"""Queries over a store holding the labelled corpus."""

from __future__ import annotations

import datetime as dt

from emptychair.model import Claim, Document
from emptychair.store import Store, read
from emptychair.store.engine import head_revision

Items = list[tuple[Document, list[Claim]]]


def test_meetings_newest_first_with_filters(store: Store, corpus_items: Items) -> None:
    store.ingest(corpus_items, "gold")
    listed = read.meetings(store)
    assert listed[0].id == "nato-defence-ministers-2026-02"
    assert [m.month for m in listed] == sorted((m.month for m in listed), reverse=True)
    nato = read.meetings(store, family="nato", since=dt.date(2025, 1, 1))
    assert [m.id for m in nato] == [
        "nato-defence-ministers-2026-02",
        "nato-foreign-ministers-2025-12",
        "nato-summit-2025-06",
    ]
    assert nato[1].absent == 1 and nato[1].records == 2


def test_meeting_board_shows_records_with_their_timelines(
    store: Store, corpus_items: Items
) -> None:
    store.ingest(corpus_items, "gold")
    board = read.meeting_board(store, "nato-foreign-ministers-2025-12")
    assert board is not None and board.meeting.start == dt.date(2025, 12, 3)
    usa = next(r for r in board.records if r.country == "USA")
    assert (usa.person, usa.status, usa.certainty) == ("Marco Rubio", "absent", "reported")
    assert usa.representative == "Christopher Landau"
    assert [e.document for e in usa.timeline] == ["a05", "a06", "a07", "seed-000"]
    assert [e.current for e in usa.timeline] == [False, False, False, True]
    assert usa.timeline[0].sources[0].kind == "anonymous"
    assert "Landau" in usa.timeline[0].evidence
    assert read.meeting_board(store, "nato-summit-1999-01") is None


def test_actor_history(store: Store, corpus_items: Items) -> None:
    store.ingest(corpus_items, "gold")
    history = read.actor_history(store, "hegseth")
    assert history.names == ("Pete Hegseth",)
    assert history.appearances[0].meeting == "nato-defence-ministers-2026-02"
    record = history.appearances[0].record
    assert record is not None and (record.status, record.certainty) == ("absent", "expected")
    landau = read.actor_history(store, "Landau")
    assert {e.person for e in landau.stand_ins} == {"Marco Rubio"}


def test_claims_filters(store: Store, corpus_items: Items) -> None:
    store.ingest(corpus_items, "gold")
    absent = read.claims(store, read.ClaimFilter(country="usa", status="absent"))
    assert absent and all(e.country == "USA" and e.status == "absent" for e in absent)
    recent = read.claims(
        store, read.ClaimFilter(forum="nato-foreign-ministers", since=dt.date(2025, 12, 2))
    )
    assert [e.document for e in recent] == ["a06", "a07", "a07", "seed-000"]
    assert len(read.claims(store, read.ClaimFilter(person="rubio", limit=2))) == 2
    assert (
        read.claims(store, read.ClaimFilter(meeting="nato-defence-ministers-2026-02"))[0].person
        == "Pete Hegseth"
    )


def test_info_counts(store: Store, corpus_items: Items) -> None:
    store.ingest(corpus_items, "gold")
    info = read.store_info(store)
    assert info.documents == len(corpus_items) - 1
    assert info.claims == sum(len(c) for _, c in corpus_items[1:])
    assert 0 < info.unattached < info.claims
    assert info.extractor_versions == ("gold",)
    assert info.revision == head_revision()
