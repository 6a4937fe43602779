"""Patterns: absence streaks across a forum family, and representation downgrades."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from emptychair.analyze.patterns import patterns
from emptychair.model import Claim, Document
from emptychair.store import Store

Items = list[tuple[Document, list[Claim]]]


def test_the_founding_pattern_comes_out_of_the_corpus(store: Store, corpus_items: Items) -> None:
    store.ingest(corpus_items, "gold")
    found = patterns(store)
    usa = [s for s in found.streaks if s.country == "USA" and s.family == "nato"]
    assert len(usa) == 1
    streak = usa[0]
    assert streak.length >= 2 and streak.ongoing
    meetings = [m.meeting for m in streak.meetings]
    assert meetings[-2:] == ["nato-foreign-ministers-2025-12", "nato-defence-ministers-2026-02"]
    rubio, hegseth = streak.meetings[-2:]
    assert (rubio.person, rubio.role, rubio.certainty) == (
        "Marco Rubio",
        "foreign_minister",
        "reported",
    )
    assert rubio.stood_in == ("Christopher Landau",)
    assert (hegseth.person, hegseth.certainty) == ("Pete Hegseth", "expected")
    assert {e.document for e in rubio.claims} >= {"a05", "a06", "a07", "seed-000"}
    assert all(e.evidence or e.document == "seed-000" for e in rubio.claims)


LEADER = Claim(
    person="Leader",
    country="XYZ",
    role="leader",
    forum="g20-summit",
    meeting_date=None,
    status="absent",
    certainty="reported",
)


def meeting_docs(claims_by_month: dict[str, list[Claim]]) -> Items:
    items: Items = []
    for month, claims in claims_by_month.items():
        published = dt.date.fromisoformat(f"{month}-01")
        dated = [replace(c, meeting_date=month) for c in claims]
        items.append((Document(id=month, text=f"report {month}", published=published), dated))
    return items


def test_a_meeting_without_word_on_the_principal_breaks_the_streak(store: Store) -> None:
    other = replace(LEADER, country="ABC", person="Other", status="attend")
    store.ingest(
        meeting_docs(
            {
                "2020-11": [LEADER],
                "2021-10": [other],  # nothing on XYZ: "in a row" cannot be claimed
                "2022-11": [LEADER],
                "2023-09": [replace(LEADER, certainty="expected")],
            }
        ),
        "v1",
    )
    (streak,) = patterns(store).streaks
    assert [m.meeting for m in streak.meetings] == ["g20-summit-2022-11", "g20-summit-2023-09"]
    assert streak.ongoing


def test_possible_absences_and_attendance_do_not_count(store: Store) -> None:
    store.ingest(
        meeting_docs(
            {
                "2020-11": [LEADER],
                "2021-10": [replace(LEADER, certainty="possible")],
                "2022-11": [LEADER],
                "2023-09": [replace(LEADER, status="attend")],
            }
        ),
        "v1",
    )
    assert patterns(store).streaks == ()
    assert len(patterns(store, min_length=1).streaks) == 2


def test_a_non_principal_absence_is_no_streak_and_stand_ins_are_named(store: Store) -> None:
    deputy = replace(LEADER, person="Deputy", role="deputy", status="attend")
    envoy = replace(LEADER, person="Envoy", role="official", status="absent")
    store.ingest(meeting_docs({"2022-11": [LEADER, deputy], "2023-09": [LEADER, envoy]}), "v1")
    (streak,) = patterns(store).streaks
    assert streak.meetings[0].stood_in == ("Deputy (deputy)",)
    assert streak.meetings[1].stood_in == ()


def test_representation_downgrade(store: Store) -> None:
    attend = replace(LEADER, status="attend")
    minister = replace(LEADER, person="FM", role="foreign_minister", status="attend")
    envoy = replace(LEADER, person="Amb", role="ambassador", status="attend")
    store.ingest(
        meeting_docs({"2021-10": [attend], "2022-11": [LEADER, minister], "2023-09": [envoy]}),
        "v1",
    )
    found = [(d.before_level, d.after_level, d.after) for d in patterns(store).downgrades]
    assert found == [
        ("minister", "ambassador", "g20-summit-2023-09"),
        ("principal", "minister", "g20-summit-2022-11"),
    ]
