"""Find date expressions in a sentence and resolve them against the publication date.

News dates are mostly partial ("Dec. 3", "next month", "on Wednesday", "last
December"); each resolves to the nearest fitting calendar date, in the direction
the words point ("last", "next", past or future tense).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip

_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_DIRECTION = r"(?:(?P<dir>last|next|this|previous|coming|early|mid|late|mid-|early-|late-)\s*)?"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
_PATTERNS = [
    # "Dec. 3", "September 9-10", "Nov 14 and 15, 2017"
    re.compile(
        _DIRECTION + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?"
        r"(?:\s*(?:-|–|to|and)\s*\d{1,2})?(?![\d:])" + _YEAR
    ),
    # "3 September 2014", "16-17 November"
    re.compile(
        r"(?<![\d-])(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:\s*(?:-|–|to|and)\s*\d{1,2})?\s+"
        + _MONTH
        + _YEAR
    ),
    # "last December", "in April", "February's", "mid-November", "September 2023"
    re.compile(r"\b" + _DIRECTION + _MONTH + r"(?![\w])" + _YEAR),
    re.compile(
        r"\b(?P<rel>next|this|last|coming|the following|the previous|previous|later this|"
        r"earlier this|early next|late next|late last|early last|mid-?next)\s+"
        r"(?P<unit>week|month|year|weekend)(?:['’]s)?",
        re.I,
    ),
    re.compile(r"\b(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"),
    re.compile(r"\b(?P<iso>(?:19|20)\d\d-\d\d-\d\d)\b"),
    re.compile(r"\b(?P<today>today|tomorrow|yesterday|tonight)\b"),
    re.compile(r"(?<![\w$€£-])(?:in|of|since|year|for)\s+(?P<bareyear>(?:19|20)\d\d)(?![\w-])"),
    # "the 2021 and 2022 summits": a year standing before a meeting noun.
    re.compile(r"(?<![\w$€£.,-])(?P<bareyear>(?:19|20)\d\d)(?![\w%-])(?!\s*(?:to|-)\s*\d)"),
]


@dataclass(frozen=True)
class DateMention:
    """A date expression in a sentence: where it is and what it resolves to."""

    start: int
    end: int
    value: str | None
    past: bool  # the words point back in time ("last year's", "in 2017")
    year_only: bool = False
    year: int | None = None  # for a year with no month: "in 2021", "last year"


def find_dates(
    text: str, published: dt.date | None, future: bool | None = None
) -> list[DateMention]:
    """Date expressions in ``text``, resolved against ``published`` where possible.

    ``future`` says whether the sentence speaks of what is to come (True), what
    has happened (False) or cannot tell (None); it picks the direction of bare
    weekdays and months.
    """
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            mention = _resolve(m, published, future)
            if mention is not None:
                found.append(mention)
                taken.append((m.start(), m.end()))
    return sorted(found, key=lambda d: d.start)


def _resolve(
    m: re.Match[str], published: dt.date | None, future: bool | None
) -> DateMention | None:
    groups = m.groupdict()
    if groups.get("iso"):
        return DateMention(m.start(), m.end(), groups["iso"], past=False)
    if groups.get("bareyear"):
        year = int(groups["bareyear"])
        past = published is not None and year < published.year
        return DateMention(m.start(), m.end(), None, past=past, year_only=True, year=year)
    if published is None:
        return None
    if groups.get("today"):
        shift = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1}[groups["today"]]
        day = published + dt.timedelta(days=shift)
        # Days ago is still this week's meeting: "past" is for earlier ones.
        return DateMention(m.start(), m.end(), day.isoformat(), past=False)
    if groups.get("weekday"):
        return _weekday(m, published, future)
    if groups.get("rel"):
        return _relative(m, published)
    month = MONTHS[groups["month"].lower().rstrip(".")]
    direction = (groups.get("dir") or "").strip("-").lower()
    year = (
        int(groups["year"])
        if groups.get("year")
        else _year_for(month, published, direction, future)
    )
    if groups.get("day"):
        day_no = int(groups["day"])
        try:
            value = dt.date(year, month, day_no).isoformat()
        except ValueError:
            return None
    else:
        # A bare "May" is far more often the verb than the month: only after a
        # preposition ("in May", "by May") is it the month.
        preposition = re.search(
            r"\b(?:in|by|until|since|from|of|before|after)\s+$", m.string[: m.start()]
        )
        if (
            groups["month"] == "May"
            and not groups.get("year")
            and not direction
            and not preposition
        ):
            return None
        # "Dong Jun", "Theresa May": a month word after a name word is part of the name,
        # and an abbreviation alone ("Jun", "Mar") is rarely a date.
        abbreviated = len(groups["month"]) <= 4 and groups["month"] not in ("May", "June", "July")
        after_name = re.search(
            r"\b(?!(?:In|By|Until|Till|Since|From|Of|Before|After|Through|During|For|On|"
            r"Early|Late|Mid|Last|Next|This|That|Each|Every)\b)[A-Z][a-z]+\s+$",
            m.string[: m.start()],
        )
        if not groups.get("year") and not direction and (abbreviated or after_name):
            return None
        value = f"{year:04d}-{month:02d}"
    past = direction in ("last", "previous") or (year, month) < (published.year, published.month)
    return DateMention(m.start(), m.end(), value, past=past)


def _year_for(month: int, published: dt.date, direction: str, future: bool | None) -> int:
    year = published.year
    if direction in ("last", "previous"):
        return year if month < published.month else year - 1
    if direction in ("next", "coming"):
        return year if month > published.month else year + 1
    # Nearest occurrence, leaning towards the sentence's tense.
    delta = month - published.month
    if delta > 6 or (delta > 0 and future is False and delta > 3):
        return year - 1
    if delta < -6 or (delta < 0 and future is True and delta < -3):
        return year + 1
    return year


def _relative(m: re.Match[str], published: dt.date) -> DateMention:
    rel = m.group("rel").lower().replace("-", "")
    unit = m.group("unit").lower()
    back = "last" in rel or "previous" in rel
    ahead = "next" in rel or "coming" in rel or "following" in rel
    if unit == "year":
        year = published.year - 1 if back else published.year + 1 if ahead else published.year
        return DateMention(m.start(), m.end(), None, past=back, year_only=True, year=year)
    if unit == "month":
        month = published.month + (1 if ahead else -1 if back else 0)
        year = published.year + (month - 1) // 12
        month = (month - 1) % 12 + 1
        return DateMention(m.start(), m.end(), f"{year:04d}-{month:02d}", past=back)
    days = 7 if ahead else -7 if back else 0
    day = published + dt.timedelta(days=days)
    return DateMention(m.start(), m.end(), f"{day.year:04d}-{day.month:02d}", past=back)


def _weekday(m: re.Match[str], published: dt.date, future: bool | None) -> DateMention:
    target = WEEKDAYS[m.group("weekday").lower()]
    ahead = (target - published.weekday()) % 7
    behind = (published.weekday() - target) % 7
    prefix = m.string[max(0, m.start() - 6) : m.start()].lower()
    if "last" in prefix:
        shift = -(behind or 7)
    elif "next" in prefix:
        shift = ahead or 7
    elif future is True:
        shift = ahead
    elif future is False:
        shift = -behind
    else:
        shift = ahead if ahead <= behind else -behind
    day = published + dt.timedelta(days=shift)
    # "on Monday" in a report of what happened is the meeting just held, not an
    # earlier one; only "last Monday" points back past it.
    return DateMention(m.start(), m.end(), day.isoformat(), past="last" in prefix)
