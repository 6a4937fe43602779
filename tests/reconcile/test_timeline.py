"""Reconciliation per (meeting, country, role): supersession and contested records."""

from __future__ import annotations

import datetime as dt
import random

from emptychair.reconcile.timeline import Statement, reconcile, standing

D = dt.date


def s(claim_id: int, day: int, status: str, certainty: str, **extra: int) -> Statement:
    return Statement(claim_id, D(2025, 12, day), status, certainty, document_id=claim_id, **extra)


def test_later_and_firmer_supersedes() -> None:
    state = reconcile([s(1, 1, "absent", "expected"), s(2, 3, "absent", "reported")])
    assert (state.status, state.certainty, state.standing) == ("absent", "reported", {2})


def test_a_later_firmer_reversal_wins() -> None:
    state = reconcile([s(1, 1, "absent", "reported"), s(2, 5, "attend", "reported")])
    assert (state.status, state.contested) == ("attend", False)


def test_same_day_same_firmness_contradiction_is_contested() -> None:
    state = reconcile([s(1, 2, "absent", "reported"), s(2, 2, "attend", "reported")])
    assert state.status is None and state.contested
    assert state.statuses == ("attend", "absent")


def test_later_softer_against_earlier_firmer_is_contested_not_resolved() -> None:
    state = reconcile([s(1, 1, "attend", "reported"), s(2, 4, "absent", "possible")])
    assert state.contested and state.standing == {1, 2}


def test_softer_same_day_claim_is_superseded() -> None:
    kept = standing([s(1, 2, "absent", "possible"), s(2, 2, "absent", "expected")])
    assert [x.claim_id for x in kept] == [2]


def test_representative_comes_from_any_absence_claim_latest_first() -> None:
    state = reconcile(
        [s(1, 1, "absent", "expected", representative_id=9), s(2, 3, "absent", "reported")]
    )
    assert state.representative_id == 9


def test_no_representative_unless_absent() -> None:
    state = reconcile(
        [s(1, 1, "absent", "expected", representative_id=9), s(2, 3, "attend", "reported")]
    )
    assert state.representative_id is None


def test_copies_count_as_one_report() -> None:
    copies = [s(i, 1, "absent", "reported", group_id=1) for i in (1, 2, 3)]
    state = reconcile([*copies, s(4, 2, "absent", "reported", group_id=4)])
    assert (state.claims, state.documents, state.reports) == (4, 4, 2)


def test_standing_over_a_long_timeline_follows_its_definition() -> None:
    """A statement stands when it is the firmest of its day and firmer than every
    statement of a later day; hundreds of statements over many days, some undated."""
    rng = random.Random(7)
    rank = {"possible": 0, "expected": 1, "reported": 2}
    statements = [
        Statement(
            n,
            None if rng.random() < 0.05 else dt.date(2025, 1, 1) + dt.timedelta(rng.randrange(90)),
            rng.choice(["attend", "absent"]),
            rng.choice(list(rank)),
        )
        for n in range(600)
    ]

    def day(s: Statement) -> dt.date:
        return s.published or dt.date.min

    expected = {
        s.claim_id
        for s in statements
        if rank[s.certainty] == max(rank[t.certainty] for t in statements if day(t) == day(s))
        and all(rank[s.certainty] > rank[t.certainty] for t in statements if day(t) > day(s))
    }
    found = standing(statements)
    assert {s.claim_id for s in found} == expected
    assert [day(s) for s in found] == sorted((day(s) for s in found), reverse=True)
    assert reconcile(statements).standing == frozenset(expected)
