"""History and base rates: every meeting of a forum, who represented a country, and how often.

For each meeting of a forum (calendar meetings and any others claims made) the
history gives the country's records (from official records and news reports),
whether its principal attended, and, where no claim says, what the travel
records show instead: no trip abroad at the time, a trip to the host city whose
remarks do not name the meeting, or nothing to show because the meeting was
held at home, by video, or after the records end. ``streak_context`` uses the
same verdicts to say how often an absence streak happened before.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Connection, and_, func, or_, select

from emptychair import vocab
from emptychair.reconcile.meetings import month_start
from emptychair.store import schema as db
from emptychair.store.handle import Store
from emptychair.store.read import Entry, RecordRow, record_rows

# The travel records (``sources.travels``) cover these offices of the USA.
RECORDED = {("USA", "leader"): "president", ("USA", "foreign_minister"): "secretary"}
PRESENT = ("attended", "virtual")
ABSENT = ("absent", "no trip")
NOTES = {
    "attended": "attended",
    "virtual": "took part by video",
    "absent": "absent",
    "possible": "possibly absent",
    "contested": "contested",
    "no trip": "no trip to the meeting in the travel records",
    "at venue": "in the host city then; the records' remarks do not name the meeting",
    "virtual meeting": "held by video: no trip to record",
    "at home": "held at home: no trip to record",
    "after records": "after the travel records end",
    "no word": "no word in the store",
}
_OFFICES = {
    ("USA", "leader"): "The President",
    ("USA", "foreign_minister"): "The Secretary of State",
    ("USA", "defence_minister"): "The Secretary of Defense",
}
_FORUMS = {
    "nato-summit": "NATO summits",
    "nato-foreign-ministers": "NATO foreign ministers' meetings",
    "nato-defence-ministers": "NATO defence ministers' meetings",
}


@dataclass(frozen=True)
class TripRef:
    """A trip of the travel records around a meeting's dates."""

    trip_id: str
    name: str
    start: dt.date
    end: dt.date
    place: str
    remarks: str


@dataclass(frozen=True)
class HistoryRow:
    """One meeting: the country's representation there, and the evidence."""

    meeting: str
    forum: str
    start: dt.date
    end: dt.date | None
    city: str | None
    venue: str | None
    """ISO alpha-3 of the host country (calendar meetings)."""
    format: str | None
    in_calendar: bool
    principal_role: str | None
    principal: str | None
    verdict: str
    """``attended``, ``virtual``, ``absent``, ``possible``, ``contested``, ``no trip``,
    ``at venue``, ``virtual meeting``, ``at home``, ``after records`` or ``no word``."""
    note: str
    represented: tuple[str, ...]
    """Everyone of the country recorded there: ``Name (role): status``."""
    records: tuple[RecordRow, ...]
    trips: tuple[TripRef, ...]
    counted: bool = True
    """In the base rate: a calendar meeting, or one from before the calendar starts (a
    meeting claims made inside the calendar's years but missing from it is shown, not
    counted)."""

    @property
    def present(self) -> bool:
        """Whether the principal took part (in person or by video)."""
        return self.verdict in PRESENT

    @property
    def evidence(self) -> tuple[Entry, ...]:
        """The claims behind the row's records."""
        return tuple(e for r in self.records for e in r.timeline)


@dataclass(frozen=True)
class History:
    """Every meeting of a forum for one country, with the base rate."""

    country: str
    forum: str
    since: dt.date | None
    rows: tuple[HistoryRow, ...]
    attended: int
    meetings: int
    sentence: str
    """The base rate: "The Secretary of State attended N of M ... since YYYY."."""
    breakdown: str
    caveat: str


@dataclass(frozen=True)
class StreakContext:
    """How often a streak like this one happened before, and what the records cover."""

    text: str
    """"first time since March 2017" or "never in the records since 2010"."""
    caveat: str
    occurrences: int
    """Earlier runs of at least as many consecutive absences."""
    previous: tuple[str, ...]
    """The meetings of the latest earlier run."""
    judged: int
    """Earlier meetings whose principal's presence is known."""
    earlier: int


def _label(role: str) -> str:
    return role.replace("_", " ")


def office_name(country: str, role: str) -> str:
    """ "The Secretary of State", or "DEU's foreign minister"."""
    return _OFFICES.get((country, role), f"{country}'s {_label(role)}")


def _principal(forum: str) -> str | None:
    entry: dict[str, Any] = vocab.load("forum_families")["forums"].get(forum, {})
    return entry.get("principal")


def _coverage(connection: Connection, role: str | None) -> tuple[dt.date, dt.date] | None:
    """First and last day of the travel records for a traveller role, if any are stored."""
    if role is None:
        return None
    first, last = connection.execute(
        select(
            func.min(db.official_trips.c.start_date), func.max(db.official_trips.c.end_date)
        ).where(db.official_trips.c.role == role)
    ).one()
    return (first, last) if first is not None else None


def _trips(connection: Connection, role: str, first: dt.date, last: dt.date) -> list[TripRef]:
    rows = connection.execute(
        select(db.official_trips)
        .where(
            db.official_trips.c.role == role,
            db.official_trips.c.start_date <= last,
            db.official_trips.c.end_date >= first,
        )
        .order_by(db.official_trips.c.start_date, db.official_trips.c.trip_id)
    )
    return [
        TripRef(
            r.trip_id,
            r.name,
            r.start_date,
            r.end_date,
            ", ".join(p for p in (r.locale, r.country) if p),
            r.remarks,
        )
        for r in rows
    ]


def meeting_rows(
    connection: Connection,
    country: str,
    forums: Sequence[str],
    since: dt.date | None = None,
    until: dt.date | None = None,
    with_timeline: bool = True,
) -> list[HistoryRow]:
    """The history rows of ``country`` at every stored meeting of ``forums``, oldest first.

    ``with_timeline=False`` leaves out the claims behind each record, for callers that
    need only the verdicts.
    """
    return countries_rows(connection, [country], forums, since, until, with_timeline)[country]


def countries_rows(
    connection: Connection,
    countries: Sequence[str],
    forums: Sequence[str],
    since: dt.date | None = None,
    until: dt.date | None = None,
    with_timeline: bool = True,
) -> dict[str, list[HistoryRow]]:
    """``meeting_rows`` for several countries, reading the meetings and records once.

    Without timelines only the principals' records are read: enough for verdicts.
    """
    cal = db.calendar_meetings
    found = connection.execute(
        select(
            db.meetings.c.id,
            db.meetings.c.slug,
            db.meetings.c.forum,
            db.meetings.c.month,
            db.meetings.c.start_date,
            db.meetings.c.end_date,
            db.meetings.c.place,
            cal.c.id.label("calendar_id"),
            cal.c.start_date.label("cal_start"),
            cal.c.end_date.label("cal_end"),
            cal.c.city,
            cal.c.country,
            cal.c.format,
        )
        .outerjoin(cal, cal.c.meeting_id == db.meetings.c.id)
        .where(db.meetings.c.forum.in_(list(forums)))
    ).all()
    meetings = []
    for m in found:
        start = m.cal_start or m.start_date or month_start(m.month)
        if (since is None or start >= since) and (until is None or start <= until):
            meetings.append((start, m))
    meetings.sort(key=lambda pair: (pair[0], pair[1].slug))
    if not meetings:
        return {country: [] for country in countries}
    records: dict[tuple[str, int], list[RecordRow]] = defaultdict(list)
    slug_ids = {m.slug: m.id for _, m in meetings}
    condition = and_(
        db.records.c.meeting_id.in_(list(slug_ids.values())),
        db.offices.c.country.in_(list(countries)),
    )
    if not with_timeline:
        # Verdicts rest on the principal's record alone: read no other office's.
        principals = [
            and_(db.meetings.c.forum == f, db.offices.c.role == role)
            for f in forums
            if (role := _principal(f))
        ]
        condition = and_(condition, or_(*principals))
    for record in record_rows(connection, condition, with_timeline=with_timeline):
        records[(record.country or "", slug_ids[record.meeting])].append(record)
    coverage: dict[str, tuple[dt.date, dt.date] | None] = {}
    trips: dict[str, list[TripRef]] = {}
    for role in {
        RECORDED[(country, r)]
        for country in countries
        for f in forums
        if (country, r := _principal(f) or "") in RECORDED
    }:
        coverage[role] = _coverage(connection, role)
        trips[role] = _trips(
            connection,
            role,
            meetings[0][0] - dt.timedelta(days=1),
            meetings[-1][0] + dt.timedelta(days=30),
        )
    return {
        country: [
            _row(country, start, m, records[(country, m.id)], trips, coverage)
            for start, m in meetings
        ]
        for country in countries
    }


_LONGEST_TRIP = dt.timedelta(days=366)  # the longest trip on record is 212 days


def _row(
    country: str,
    start: dt.date,
    m: Any,
    records: list[RecordRow],
    trips: dict[str, list[TripRef]],
    coverage: dict[str, tuple[dt.date, dt.date] | None],
) -> HistoryRow:
    principal_role = _principal(m.forum)
    end = m.cal_end or m.end_date
    traveller = RECORDED.get((country, principal_role or ""))
    journeys = trips.get(traveller or "", [])
    # Look only at trips that began near the meeting, not at every trip on record.
    first = bisect_left(journeys, start - _LONGEST_TRIP, key=lambda t: t.start)
    last = bisect_right(journeys, (end or start) + dt.timedelta(days=1), key=lambda t: t.start)
    nearby = [
        t
        for t in journeys[first:last]
        if t.start <= (end or start) + dt.timedelta(days=1)
        and t.end >= start - dt.timedelta(days=1)
    ]
    verdict, principal = _verdict(
        records, principal_role, m, start, nearby, coverage.get(traveller or "")
    )
    return HistoryRow(
        meeting=m.slug,
        forum=m.forum,
        start=start,
        end=end,
        city=m.city or m.place,
        venue=m.country,
        format=m.format,
        in_calendar=m.calendar_id is not None,
        principal_role=principal_role,
        principal=principal,
        verdict=verdict,
        note=NOTES[verdict],
        represented=tuple(
            f"{r.person or office_name(country, r.role)} ({_label(r.role)}): "
            f"{r.status or 'contested'}"
            for r in records
        ),
        records=tuple(records),
        trips=tuple(nearby),
    )


def _verdict(
    records: list[RecordRow],
    role: str | None,
    meeting: Any,
    start: dt.date,
    trips: list[TripRef],
    coverage: tuple[dt.date, dt.date] | None,
) -> tuple[str, str | None]:
    """What the store says of the principal at one meeting, and their name if known."""
    own = next((r for r in records if r.role == role), None)
    if own is not None:
        if own.status is None:
            return "contested", own.person
        if own.status == "absent":
            return ("possible" if own.certainty == "possible" else "absent"), own.person
        return ("attended" if own.status == "attend" else "virtual"), own.person
    if coverage is None:
        return "no word", None
    if meeting.format == "virtual":
        return "virtual meeting", None
    if meeting.country == "USA":
        return "at home", None
    if start > coverage[1]:
        return "after records", None
    city = (meeting.city or meeting.place or "").lower()
    if city and any(city in t.place.lower() for t in trips):
        return "at venue", trips[0].name
    return "no trip", None


def history(
    store: Store,
    country: str,
    forum: str,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> History:
    """Every meeting of ``forum`` from ``since`` to ``until`` (default today) for ``country``."""
    country = country.upper()
    until = until or dt.date.today()
    with store.engine.connect() as connection:
        rows = meeting_rows(connection, country, [forum], since, until)
        calendar_start = connection.execute(
            select(func.min(db.calendar_meetings.c.start_date)).where(
                db.calendar_meetings.c.forum == forum
            )
        ).scalar()
        role = _principal(forum)
        coverage = _coverage(connection, RECORDED.get((country, role or "")))
    rows = [
        replace(r, counted=False)
        if calendar_start and not r.in_calendar and r.start >= calendar_start
        else r
        for r in rows
    ]
    counted = [r for r in rows if r.counted]
    attended = sum(r.verdict == "attended" for r in counted)
    office = office_name(country, role) if role else f"{country}'s principal"
    year = since.year if since else rows[0].start.year if rows else until.year
    sentence = (
        f"{office} attended {attended} of {len(counted)} {_FORUMS.get(forum, forum + ' meetings')} "
        f"since {year}."
    )
    counts: dict[str, int] = defaultdict(int)
    for row in counted:
        if row.verdict != "attended":
            counts[row.verdict] += 1
    breakdown = "; ".join(f"{n} {NOTES[v]}" for v, n in sorted(counts.items()))
    return History(
        country=country,
        forum=forum,
        since=since,
        rows=tuple(rows),
        attended=attended,
        meetings=len(counted),
        sentence=sentence,
        breakdown=f"The other {len(counted) - attended}: {breakdown}." if counts else "",
        caveat=_caveat(coverage, calendar_start, since),
    )


def _caveat(
    coverage: tuple[dt.date, dt.date] | None, calendar_start: dt.date | None, since: dt.date | None
) -> str:
    parts = []
    if coverage:
        parts.append(
            "Official attendance comes from the Office of the Historian's records of the "
            f"President's and Secretary of State's trips abroad ({coverage[0].year} to "
            f"{coverage[1]}); a meeting at home or by video leaves no trip to record."
        )
    else:
        parts.append("No official records cover this office: only news reports in the store.")
    if calendar_start is None:
        parts.append("The calendar lists no meetings of this forum: only meetings claims name.")
    elif since is None or since < calendar_start:
        parts.append(
            f"The calendar starts {calendar_start}: before it, only meetings someone is "
            "recorded at are known, so earlier meetings missed by all are not counted."
        )
    return " ".join(parts)


def family_rows(
    connection: Connection, countries: Sequence[str], family: str
) -> dict[str, list[HistoryRow]]:
    """Verdicts for ``countries`` at every stored meeting of a forum family, oldest first."""
    forums = [
        f
        for f, entry in vocab.load("forum_families")["forums"].items()
        if entry["family"] == family and entry["principal"]
    ]
    return countries_rows(connection, countries, forums, with_timeline=False)


def streak_context(
    connection: Connection,
    country: str,
    family: str,
    length: int,
    first: dt.date,
    rows: list[HistoryRow] | None = None,
) -> StreakContext:
    """How often ``country``'s principal missed ``length`` consecutive ``family`` meetings
    before ``first`` (a meeting with no word ends a run, as in ``analyze.patterns``).

    ``rows`` are the ``family_rows`` of that country and family when the caller has them:
    several streaks of one country then share one reading of the store.
    """
    if rows is None:
        rows = family_rows(connection, [country], family)[country]
    earlier = [r for r in rows if r.start < first]
    runs: list[list[HistoryRow]] = [[]]
    for row in earlier:
        if row.verdict in ABSENT:
            runs[-1].append(row)
        elif runs[-1]:
            runs.append([])
    found = [run for run in runs if len(run) >= length]
    judged = sum(r.verdict in ABSENT or r.verdict in PRESENT for r in earlier)
    coverage = [
        c for c in (_coverage(connection, role) for role in ("president", "secretary")) if c
    ]
    covered = (
        f"travel records of the President and Secretary of State to {max(c[1] for c in coverage)}"
        if country == "USA" and coverage
        else "no official records"
    )
    caveat = (
        f"{judged} of {len(earlier)} earlier {family} meetings could be judged for {country} "
        f"({covered}, and news reports); a meeting with no word ends a run."
    )
    if found:
        last = found[-1]
        text = f"first time since {last[-1].start:%B %Y}"
        if len(found) > 1:
            text += f" ({len(found)} such streaks since {earlier[0].start.year})"
    elif earlier:
        text = f"never in the records since {earlier[0].start.year}"
    else:
        text = "no earlier meetings in the store"
    return StreakContext(
        text=text,
        caveat=caveat,
        occurrences=len(found),
        previous=tuple(r.meeting for r in found[-1]) if found else (),
        judged=judged,
        earlier=len(earlier),
    )
