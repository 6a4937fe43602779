"""Which meeting a claim is about: a forum plus a date window, resolved against known meetings.

Rules, in order:

* A claim with a day joins the forum's meeting whose window lies within
  ``DAY_TOLERANCE`` days of it (widening the window, up to ``MAX_SPAN`` days),
  else the forum's only month-level meeting of that month (which thereby gets
  its day: the two merge), else it starts a new meeting.
* A claim with only a month joins the forum's meeting in that month (the one
  nearest the document's publication when there are several; failing that, one
  within ``DAY_TOLERANCE`` days of the month), else starts a month-level meeting.
* A claim with no date joins the forum's next meeting when it starts after the
  publication date and within ``UPCOMING_DAYS`` of it ("ahead of the summit");
  otherwise it stays unattached. Undated claims that look back ("last year's
  summit") would otherwise land on the wrong meeting.

Meeting ids read ``<forum>-<YYYY-MM>``, with ``-DD`` when a forum has two
meetings in one month.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

DAY_TOLERANCE = 3
MAX_SPAN = 16
UPCOMING_DAYS = 60


@dataclass(frozen=True)
class MeetingDate:
    """A claim's ``meeting_date``: always a month, sometimes a day."""

    month: str
    day: dt.date | None = None


@dataclass(frozen=True)
class MeetingSpan:
    """A known meeting of one forum, as resolution sees it."""

    id: int
    month: str
    start: dt.date | None = None
    end: dt.date | None = None

    def first_day(self) -> dt.date:
        """The window's first day (the 1st of the month when only the month is known)."""
        return self.start or month_start(self.month)

    def last_day(self) -> dt.date:
        """The window's last day (the month's last when only the month is known)."""
        return self.end or month_end(self.month)


@dataclass(frozen=True)
class Resolution:
    """Where a dated claim goes: an existing meeting (``meeting_id``) or a new one (None).

    ``start``/``end`` are the meeting's window after the claim is added.
    """

    meeting_id: int | None
    month: str
    start: dt.date | None
    end: dt.date | None


@lru_cache(maxsize=1 << 16)
def parse_meeting_date(value: str) -> MeetingDate:
    """``YYYY-MM-DD`` or ``YYYY-MM`` to a MeetingDate; ValueError for anything else.

    Remembered: claims repeat few dates, and a bulk batch parses each of its
    claims' dates several times (checking, placing, reading ahead).
    """
    if len(value) == 7:
        month_start(value)
        return MeetingDate(month=value)
    day = dt.date.fromisoformat(value)
    return MeetingDate(month=value[:7], day=day)


def month_start(month: str) -> dt.date:
    """The first day of ``YYYY-MM``."""
    if len(month) != 7 or month[4] != "-":
        raise ValueError(f"meeting_date {month!r} is not YYYY-MM or YYYY-MM-DD")
    return dt.date(int(month[:4]), int(month[5:]), 1)


def month_end(month: str) -> dt.date:
    """The last day of ``YYYY-MM``."""
    first = month_start(month)
    following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def months_between(first: dt.date, last: dt.date) -> list[str]:
    """Every ``YYYY-MM`` from ``first``'s month to ``last``'s, inclusive."""
    months: list[str] = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def candidate_months(when: MeetingDate) -> list[str]:
    """The months whose meetings can take a claim of ``when`` (windows cross month ends)."""
    first = month_start(when.month) - dt.timedelta(days=MAX_SPAN)
    return months_between(first, month_end(when.month) + dt.timedelta(days=DAY_TOLERANCE))


def resolve(
    candidates: Sequence[MeetingSpan], when: MeetingDate, published: dt.date | None
) -> Resolution:
    """The meeting a claim dated ``when`` belongs to, among the forum's ``candidates``."""
    if when.day is not None:
        return _resolve_day(candidates, when.day)
    tolerance = dt.timedelta(days=DAY_TOLERANCE)
    first, last = month_start(when.month), month_end(when.month)
    # A meeting inside the month first; else one ending or starting just across its edge
    # (a dated meeting's window may be a single day of a longer conference).
    overlapping = [m for m in candidates if m.first_day() <= last and m.last_day() >= first] or [
        m
        for m in candidates
        if m.first_day() <= last + tolerance and m.last_day() >= first - tolerance
    ]
    if not overlapping:
        return Resolution(None, when.month, None, None)
    anchor = published or month_start(when.month)
    chosen = min(overlapping, key=lambda m: (abs((m.first_day() - anchor).days), m.first_day()))
    return Resolution(chosen.id, chosen.month, chosen.start, chosen.end)


def _resolve_day(candidates: Sequence[MeetingSpan], day: dt.date) -> Resolution:
    """Join the dated meeting around ``day``, give a month-level meeting its day, or start one."""
    tolerance = dt.timedelta(days=DAY_TOLERANCE)
    near = [
        m
        for m in candidates
        if m.start is not None
        and m.end is not None
        and m.start - tolerance <= day <= m.end + tolerance
        and (max(m.end, day) - min(m.start, day)).days < MAX_SPAN
    ]
    if near:
        chosen = min(near, key=lambda m: _distance(m, day))
        assert chosen.start is not None and chosen.end is not None
        start, end = min(chosen.start, day), max(chosen.end, day)
        return Resolution(chosen.id, start.strftime("%Y-%m"), start, end)
    month = day.strftime("%Y-%m")
    undated = [m for m in candidates if m.start is None and m.month == month]
    if len(undated) == 1:
        return Resolution(undated[0].id, month, day, day)
    return Resolution(None, month, day, day)


def _distance(meeting: MeetingSpan, day: dt.date) -> int:
    """Days between ``day`` and the meeting's window (0 inside it)."""
    if day < meeting.first_day():
        return (meeting.first_day() - day).days
    return max(0, (day - meeting.last_day()).days)


def upcoming_window(published: dt.date) -> tuple[dt.date, dt.date]:
    """The days an undated claim published on ``published`` may point to."""
    return published + dt.timedelta(days=1), published + dt.timedelta(days=UPCOMING_DAYS)


def resolve_undated(candidates: Sequence[MeetingSpan], published: dt.date | None) -> int | None:
    """The forum's next meeting after ``published`` within the window, or None."""
    if published is None:
        return None
    first, last = upcoming_window(published)
    ahead = [m for m in candidates if first <= m.first_day() <= last]
    if not ahead:
        return None
    return min(ahead, key=lambda m: m.first_day()).id


def meeting_slug(forum: str, month: str, day: dt.date | None, shares_month: bool) -> str:
    """The readable id: ``<forum>-<YYYY-MM>``, plus ``-DD`` when the month has two meetings."""
    if shares_month and day is not None:
        return f"{forum}-{month}-{day.day:02d}"
    return f"{forum}-{month}"
