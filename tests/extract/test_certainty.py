"""How sure a statement is (``extract.certainty``), from the words that frame it."""

from __future__ import annotations

import pytest

from emptychair.extract.certainty import certainty_of
from emptychair.extract.status import apply_negation


@pytest.mark.parametrize(
    "window",
    [
        " will ",
        " did ",
        "",
        " has ",
        " won't ",
        " did not ",
        " could not ",
        " confirmed he would ",
        " announced she will ",
        " has accepted the invitation and will ",
    ],
)
def test_reported(window: str) -> None:
    assert certainty_of(window) == "reported"


@pytest.mark.parametrize(
    "window",
    [
        " is expected to ",
        " plans to ",
        " is planning to ",
        " is likely to ",
        " will likely ",
        " is set to ",
        " is scheduled to ",
        " is due to ",
        " intends to ",
        " is not expected to ",
        " is unlikely to ",
        " is poised to ",
        " is slated to ",
    ],
)
def test_expected(window: str) -> None:
    assert certainty_of(window) == "expected"


@pytest.mark.parametrize(
    "window",
    [
        " may ",
        " might ",
        " could ",
        " is considering ",
        " is weighing whether to ",
        " has not decided whether to ",
        " may not ",
        " is mulling whether to ",
    ],
)
def test_possible(window: str) -> None:
    assert certainty_of(window) == "possible"


def test_not_expected_to_attend_is_absent_expected() -> None:
    window = " is not expected to "
    assert apply_negation("attend", window) == "absent"
    assert certainty_of(window) == "expected"


def test_wont_go_unless_is_possible() -> None:
    # certainty_of is given the words before the verb and a few after it
    assert certainty_of(" won't  unless all") == "possible"


def test_case_does_not_matter() -> None:
    assert certainty_of(" Is Expected To ") == "expected"
    assert certainty_of(" MAY ") == "possible"
