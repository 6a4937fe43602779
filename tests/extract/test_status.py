"""Attendance expressions (``extract.status``): verbs, nouns, stand-ins, negation."""

from __future__ import annotations

import itertools

import pytest

from emptychair.extract.status import Trigger, apply_negation, find_triggers, negated


def statuses(sentence: str) -> list[str]:
    return [t.status for t in find_triggers(sentence)]


def trigger_at(sentence: str, phrase: str) -> Trigger:
    """The trigger that covers the start of ``phrase`` in ``sentence``."""
    at = sentence.index(phrase)
    found = [t for t in find_triggers(sentence) if t.start <= at < t.end]
    assert found, f"no trigger on {phrase!r} in {find_triggers(sentence)}"
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("Kallas will skip the meeting in Oslo.", "skip"),
        ("Kallas is skipping the meeting in Oslo.", "skipping"),
        ("He missed the summit for the first time.", "missed"),
        ("She will miss Thursday's talks.", "miss"),
        ("The premier will forgo the gathering this year.", "forgo"),
        ("The president will stay away from the talks.", "stay away"),
        ("The chancellor stayed home rather than fly to Rio.", "stayed home"),
        ("Orban plans to sit out the summit.", "sit out"),
        ("Milei pulled out of the summit at the last minute.", "pulled out"),
        ("Three members will boycott the session.", "boycott"),
        ("Modi cancelled his trip to the summit.", "cancelled his trip"),
        ("The president called off his visit.", "called off his visit"),
        ("The king passed up the invitation.", "passed up"),
        ("He turned down the invitation to speak.", "turned down"),
        ("The minister will be absent from the talks.", "be absent"),
        ("She withdrew from the summit on Friday.", "withdrew"),
    ],
)
def test_absence_verbs(sentence: str, phrase: str) -> None:
    t = trigger_at(sentence, phrase)
    assert t.status == "absent"
    assert t.side == "subject"


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("The president will attend the summit.", "attend"),
        ("The president attended the summit.", "attended"),
        ("She will take part in the summit.", "take part"),
        ("He took part in the opening session.", "took part"),
        ("The premier will participate in the talks.", "participate"),
        ("The minister will be present at the signing.", "be present"),
        ("The foreign minister will join the talks in Geneva.", "join"),
        ("The king will travel to Baku for the conference.", "travel"),
        ("He addressed the assembly on Tuesday.", "addressed"),
        ("She will lead the delegation to Rome.", "lead the delegation"),
        ("The chancellor turned up at the dinner.", "turned up"),
        ("The prime minister arrived in Lima for the forum.", "arrived"),
    ],
)
def test_attendance_verbs(sentence: str, phrase: str) -> None:
    t = trigger_at(sentence, phrase)
    assert t.status == "attend"


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("The president will join the summit by video link.", "by video link"),
        ("He took part via videoconference.", "via videoconference"),
        ("She will address the meeting virtually.", "virtually"),
        ("The premier will dial in to the talks.", "dial in"),
        ("He joined remotely from his office.", "remotely"),
        ("The king spoke over a video link.", "over a video link"),
    ],
)
def test_virtual_expressions(sentence: str, phrase: str) -> None:
    assert trigger_at(sentence, phrase).status == "virtual"


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("His absence was noted by every delegation.", "absence"),
        ("The absence of Marco Rubio was striking.", "absence"),
        ("Her no-show angered the hosts.", "no-show"),
    ],
)
def test_absence_nouns_look_for_their_owner(sentence: str, phrase: str) -> None:
    t = trigger_at(sentence, phrase)
    assert t.status == "absent"
    assert t.side == "object"


def test_in_someones_place_is_a_standin() -> None:
    sentence = "Colby will attend in Hegseth's place."
    t = trigger_at(sentence, "in Hegseth's place")
    assert t.status == "absent"
    assert t.side == "standin"


def test_represented_by() -> None:
    sentence = "The president will be represented by his deputy."
    t = trigger_at(sentence, "be represented by")
    assert t.status == "absent"
    assert t.side == "represented"


def test_instead() -> None:
    sentence = "She will send her deputy instead."
    t = trigger_at(sentence, "instead")
    assert t.side == "represented"


def test_triggers_are_ordered_and_disjoint() -> None:
    sentence = "He will skip the dinner but attend the summit by video link."
    found = find_triggers(sentence)
    assert [t.status for t in found] == ["absent", "attend", "virtual"]
    for a, b in itertools.pairwise(found):
        assert a.end <= b.start


def test_no_trigger_in_plain_sentence() -> None:
    assert find_triggers("The ministers discussed trade and energy prices.") == []


def test_capitalised_miss_is_not_a_verb() -> None:
    assert statuses("Miss Universe was crowned in Mexico City.") == []


@pytest.mark.parametrize(
    ("window", "status", "expected"),
    [
        (" will not ", "attend", "absent"),
        (" won't ", "attend", "absent"),
        (" did not ", "attend", "absent"),
        (" has decided not to ", "attend", "absent"),
        (" is not expected to ", "attend", "absent"),
        (" is unlikely to ", "attend", "absent"),
        (" will no longer ", "attend", "absent"),
        (" did not ", "absent", "attend"),
        (" will not ", "absent", "attend"),
        (" will ", "attend", "attend"),
        (" will ", "absent", "absent"),
        (" is expected to ", "attend", "attend"),
    ],
)
def test_negation_flips_attend_and_absent(window: str, status: str, expected: str) -> None:
    assert apply_negation(status, window) == expected


def test_negation_found() -> None:
    assert negated(" will not ")
    assert negated(" couldn't ")
    assert not negated(" will probably ")
    assert not negated(" notably will ")
