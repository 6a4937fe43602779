"""Date expressions (``extract.dates``), resolved against a publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from emptychair.extract.dates import DateMention, find_dates

# A Wednesday.
WED = dt.date(2025, 6, 18)


def one(text: str, published: dt.date | None = WED, future: bool | None = None) -> DateMention:
    found = find_dates(text, published, future)
    assert len(found) == 1, found
    return found[0]


def test_next_month() -> None:
    d = one("The envoys will reconvene in Geneva next month.", future=True)
    assert d.value == "2025-07"
    assert not d.past


def test_next_month_rolls_over_the_year() -> None:
    d = one("Ministers meet again next month.", published=dt.date(2024, 12, 5), future=True)
    assert d.value == "2025-01"


def test_last_month() -> None:
    d = one("He stayed away from the talks last month.", future=False)
    assert d.value == "2025-05"
    assert d.past


def test_last_december_is_the_previous_year() -> None:
    d = one("She skipped the gathering last December.", future=False)
    assert d.value == "2024-12"
    assert d.past


def test_this_december_is_ahead() -> None:
    d = one("The leaders convene this December in Rome.", future=True)
    assert d.value == "2025-12"
    assert not d.past


def test_on_thursday_future() -> None:
    d = one("The premier will fly to Brussels on Thursday.", future=True)
    assert d.value == "2025-06-19"
    assert not d.past


def test_on_thursday_past() -> None:
    d = one("The premier flew to Brussels on Thursday.", future=False)
    assert d.value == "2025-06-12"
    # Days ago is the meeting just held, not an earlier one ...
    assert not d.past


def test_last_thursday_points_back() -> None:
    # ... while "last Thursday" says so.
    d = one("The premier flew to Brussels last Thursday.", future=False)
    assert d.value == "2025-06-12"
    assert d.past


def test_next_monday() -> None:
    d = one("They meet next Monday.", future=True)
    assert d.value == "2025-06-23"


def test_the_dec_3_session() -> None:
    d = one("She will miss the Dec. 3 session in Vienna.", dt.date(2025, 11, 20), future=True)
    assert d.value == "2025-12-03"
    assert "Dec. 3" in "She will miss the Dec. 3 session in Vienna."[d.start : d.end]


def test_dec_3_after_new_year_leans_back_when_the_sentence_is_past() -> None:
    d = one("He skipped the Dec. 3 session.", dt.date(2026, 1, 12), future=False)
    assert d.value == "2025-12-03"
    assert d.past


def test_day_range_takes_its_first_day() -> None:
    d = one("The alliance meets on June 24-25 in The Hague.", dt.date(2025, 5, 30), future=True)
    assert d.value == "2025-06-24"


def test_day_range_with_en_dash_and_year() -> None:
    d = one("The summit runs November 22–23, 2025, in Johannesburg.", dt.date(2025, 10, 1))
    assert d.value == "2025-11-22"


def test_day_month_year() -> None:
    text = "Leaders gathered in Newport on 3 September 2014 for the summit."
    d = one(text, dt.date(2025, 3, 1), future=False)
    assert d.value == "2014-09-03"
    assert d.past
    assert text[d.start : d.end].startswith("3 September 2014")


def test_day_month_without_year() -> None:
    d = one("Ministers meet on 14 October in Luxembourg.", dt.date(2025, 9, 29), future=True)
    assert d.value == "2025-10-14"


def test_month_day_with_year() -> None:
    d = one("The talks on July 9, 2023, went badly.", WED, future=False)
    assert d.value == "2023-07-09"
    assert d.past


def test_last_years_summit_is_past_with_no_value() -> None:
    d = one("Unlike last year's summit, this one will be short.")
    assert d.value is None
    assert d.past
    assert d.year_only


def test_next_years_meeting_is_ahead_with_no_value() -> None:
    d = one("Next year's meeting is in Ankara.")
    assert d.value is None
    assert not d.past


def test_this_weeks_meeting_is_the_current_month() -> None:
    d = one("She will skip this week's meeting of finance ministers.", future=True)
    assert d.value is not None
    assert d.value.startswith("2025-06")
    assert not d.past


def test_next_week_crossing_a_month_end() -> None:
    d = one("Talks resume next week.", dt.date(2025, 6, 28), future=True)
    assert d.value is not None
    assert d.value.startswith("2025-07")


def test_iso_date() -> None:
    d = one("The council meets on 2025-10-02.")
    assert d.value == "2025-10-02"


def test_tomorrow_and_yesterday() -> None:
    found = find_dates("He arrived yesterday and leaves tomorrow.", WED)
    assert [d.value for d in found] == ["2025-06-17", "2025-06-19"]
    assert [d.past for d in found] == [False, False]


@pytest.mark.parametrize(
    "text",
    [
        "Theresa May will attend the summit.",
        "May the talks succeed, the envoy said.",
        "The prime minister may attend, aides said.",
        "Officials said she may yet decide to go.",
    ],
)
def test_may_that_is_not_a_month(text: str) -> None:
    assert find_dates(text, WED, True) == []


@pytest.mark.parametrize(
    "text",
    [
        "Defence Minister Dong Jun will not attend, the organisers said.",
        "Ambassador Lee Jan told reporters the envoy would go.",
        "The Mar meeting was cancelled, aides said.",
    ],
)
def test_a_month_word_in_a_name_or_abbreviated_alone_is_no_date(text: str) -> None:
    assert find_dates(text, WED, True) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("In April, when the group convened, he chose to dial in.", "2025-04"),
        ("Officials expect him in Brussels in June.", "2025-06"),
        ("The ministers meet on Jun. 24.", "2025-06-24"),
    ],
)
def test_months_that_are_dates(text: str, value: str) -> None:
    assert one(text, future=True).value == value


def test_may_with_a_day_is_a_month() -> None:
    d = one("The ministers meet on May 12.", dt.date(2025, 4, 2), future=True)
    assert d.value == "2025-05-12"


def test_late_may_is_a_month() -> None:
    d = one("The summit is planned for late May.", dt.date(2025, 2, 10), future=True)
    assert d.value == "2025-05"


def test_in_may_is_a_month() -> None:
    d = one("Leaders will meet in May in Tirana.", dt.date(2025, 2, 10), future=True)
    assert d.value == "2025-05"


def test_several_dates_come_in_order() -> None:
    text = "Having skipped last December's talks, he will attend on Thursday."
    found = find_dates(text, WED, True)
    assert [d.value for d in found] == ["2024-12", "2025-06-19"]


def test_no_publication_date_resolves_no_relative_date() -> None:
    for d in find_dates("They meet next month, on Thursday, in late May.", None, True):
        assert d.value is None


def test_no_date_in_plain_text() -> None:
    assert find_dates("The ministers will attend the summit.", WED, True) == []
