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
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import repeat
from typing import Any

from sqlalchemy import Connection, and_, func, select, union_all

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
class FamilyVerdicts:
    """A forum family's stored meetings, oldest first, and each country's verdicts there:
    the history rows' ``meeting``, ``start`` and ``verdict`` alone, for base rates."""

    meetings: tuple[str, ...]
    starts: tuple[dt.date, ...]
    verdicts: dict[str, tuple[str, ...]]
    """By country, one verdict per meeting."""


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


def _meetings(connection: Connection, forums: Collection[str]) -> list[tuple[dt.date, Any]]:
    """The stored meetings of ``forums`` with their calendar entries, by first day and slug."""
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
    meetings = [(m.cal_start or m.start_date or month_start(m.month), m) for m in found]
    meetings.sort(key=lambda pair: (pair[0], pair[1].slug))
    return meetings


def _travellers(countries: Collection[str], forums: Collection[str]) -> set[str]:
    """The travel records' roles (``president`` ...) of the principals of ``forums``."""
    return {
        RECORDED[(country, r)]
        for country in countries
        for f in forums
        if (country, r := _principal(f) or "") in RECORDED
    }


def _travels(
    connection: Connection, roles: Collection[str], first: dt.date, last: dt.date
) -> tuple[dict[str, tuple[dt.date, dt.date] | None], dict[str, list[TripRef]]]:
    """Per traveller role: the travel records' coverage, and the trips from ``first``
    to ``last`` by start."""
    coverage = {role: _coverage(connection, role) for role in roles}
    return coverage, {role: _trips(connection, role, first, last) for role in roles}


def meeting_rows(
    connection: Connection,
    country: str,
    forums: Sequence[str],
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[HistoryRow]:
    """The history rows of ``country`` at every stored meeting of ``forums``, oldest first."""
    return countries_rows(connection, [country], forums, since, until)[country]


def countries_rows(
    connection: Connection,
    countries: Sequence[str],
    forums: Sequence[str],
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> dict[str, list[HistoryRow]]:
    """``meeting_rows`` for several countries, reading the meetings and records once."""
    meetings = [
        (start, m)
        for start, m in _meetings(connection, forums)
        if (since is None or start >= since) and (until is None or start <= until)
    ]
    if not meetings:
        return {country: [] for country in countries}
    records: dict[tuple[str, int], list[RecordRow]] = defaultdict(list)
    slug_ids = {m.slug: m.id for _, m in meetings}
    condition = and_(
        db.records.c.meeting_id.in_(list(slug_ids.values())),
        db.offices.c.country.in_(list(countries)),
    )
    for record in record_rows(connection, condition):
        records[(record.country or "", slug_ids[record.meeting])].append(record)
    coverage, trips = _travels(
        connection,
        _travellers(countries, forums),
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
    nearby = _nearby(trips.get(traveller or "", []), start, end or start)
    own = next((r for r in records if r.role == principal_role), None)
    if own is not None:
        verdict, principal = _record_verdict(own.status, own.certainty), own.person
    else:
        verdict = _unrecorded_verdict(m, start, nearby, coverage.get(traveller or ""))
        principal = nearby[0].name if verdict == "at venue" else None
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


def _nearby(journeys: list[TripRef], start: dt.date, last: dt.date) -> list[TripRef]:
    """The trips (of ``journeys``, by start) from the day before ``start`` to the day
    after ``last``."""
    # Look only at trips that began near the meeting, not at every trip on record.
    first = bisect_left(journeys, start - _LONGEST_TRIP, key=lambda t: t.start)
    stop = bisect_right(journeys, last + dt.timedelta(days=1), key=lambda t: t.start)
    return [
        t
        for t in journeys[first:stop]
        if t.start <= last + dt.timedelta(days=1) and t.end >= start - dt.timedelta(days=1)
    ]


def _record_verdict(status: str | None, certainty: str) -> str:
    """What the principal's record at a meeting says (``status`` None: contested)."""
    if status is None:
        return "contested"
    if status == "absent":
        return "possible" if certainty == "possible" else "absent"
    return "attended" if status == "attend" else "virtual"


def _unrecorded_verdict(
    meeting: Any,
    start: dt.date,
    trips: list[TripRef],
    coverage: tuple[dt.date, dt.date] | None,
) -> str:
    """What the travel records (``trips`` near the meeting, ``coverage``) say of a principal
    the store has no record of at a meeting."""
    if coverage is None:
        return "no word"
    if meeting.format == "virtual":
        return "virtual meeting"
    if meeting.country == "USA":
        return "at home"
    if start > coverage[1]:
        return "after records"
    city = (meeting.city or meeting.place or "").lower()
    if city and any(city in t.place.lower() for t in trips):
        return "at venue"
    return "no trip"


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


def family_verdicts(
    connection: Connection, wanted: Mapping[str, Collection[str]]
) -> dict[str, FamilyVerdicts]:
    """The verdicts of ``countries_rows`` for the principals of ``wanted`` countries (by
    family) at every stored meeting of the family, by family.

    Reads only the principals' records, once for all families, and builds no rows.
    """
    known: dict[str, Any] = vocab.load("forum_families")["forums"]
    role_of = {
        f: entry["principal"]
        for f, entry in known.items()
        if entry["family"] in wanted and entry["principal"]
    }
    family_of = {f: known[f]["family"] for f in role_of}
    listed: dict[str, list[tuple[dt.date, Any]]] = {family: [] for family in wanted}
    for start, m in _meetings(connection, role_of):
        listed[family_of[m.forum]].append((start, m))
    said = _principal_records(connection, wanted, family_of, role_of)
    found: dict[str, FamilyVerdicts] = {}
    for family, names in wanted.items():
        meetings = listed[family]
        forums = [f for f in role_of if family_of[f] == family]
        travellers = _travellers(names, forums)
        coverage, trips = (
            _travels(
                connection,
                travellers,
                meetings[0][0] - dt.timedelta(days=1),
                meetings[-1][0] + dt.timedelta(days=30),
            )
            if meetings and travellers
            else ({}, {})
        )
        ids = [m.id for _, m in meetings]
        verdicts: dict[str, tuple[str, ...]] = {}
        for country in names:
            records = said.get(country, {})
            if any((country, role_of[f]) in RECORDED for f in forums):
                verdicts[country] = tuple(
                    records.get(m.id) or _travel_verdict(country, start, m, trips, coverage)
                    for start, m in meetings
                )
            else:
                # No travel records to consult: a meeting without a record has no word.
                verdicts[country] = tuple(map(records.get, ids, repeat("no word")))
        found[family] = FamilyVerdicts(
            tuple(m.slug for _, m in meetings), tuple(start for start, _ in meetings), verdicts
        )
    return found


def _travel_verdict(
    country: str,
    start: dt.date,
    m: Any,
    trips: dict[str, list[TripRef]],
    coverage: dict[str, tuple[dt.date, dt.date] | None],
) -> str:
    """``_unrecorded_verdict`` at meeting ``m`` for ``country``'s principal."""
    traveller = RECORDED.get((country, _principal(m.forum) or ""), "")
    nearby = _nearby(trips.get(traveller, []), start, m.cal_end or m.end_date or start)
    return _unrecorded_verdict(m, start, nearby, coverage.get(traveller))


def _principal_records(
    connection: Connection,
    wanted: Mapping[str, Collection[str]],
    family_of: Mapping[str, str],
    role_of: Mapping[str, str],
) -> dict[str, dict[int, str]]:
    """What the principal's record of each ``wanted`` country at each meeting of its family
    says (``_record_verdict``), by country and meeting id; ``family_of`` and ``role_of``
    give the forums with principals."""
    forums: dict[tuple[str, str], list[str]] = defaultdict(list)
    for forum, family in family_of.items():
        forums[(family, role_of[forum])].append(forum)
    offices = connection.execute(
        select(db.offices.c.id, db.offices.c.country, db.offices.c.role).where(
            db.offices.c.country.in_(sorted({c for names in wanted.values() for c in names})),
            db.offices.c.role.in_(sorted(set(role_of.values()))),
        )
    ).all()
    office_of = {(country, role): office_id for office_id, country, role in offices}
    parts = []
    for (family, role), listed in forums.items():
        held = [office_of[(c, role)] for c in sorted(wanted[family]) if (c, role) in office_of]
        if held:
            parts.append(
                select(
                    db.records.c.meeting_id,
                    db.records.c.office_id,
                    db.records.c.status,
                    db.records.c.certainty,
                ).where(
                    db.records.c.meeting_id.in_(
                        select(db.meetings.c.id).where(db.meetings.c.forum.in_(listed))
                    ),
                    db.records.c.office_id.in_(held),
                )
            )
    if not parts:
        return {}
    # A part per (family, role) lets SQLite probe the (meeting, office) index with just
    # those meetings and offices; one query joining meetings and offices for all of them
    # reads every record of the meetings instead.
    country_of = {office_id: country for office_id, country, _ in offices}
    said: dict[str, dict[int, str]] = defaultdict(dict)
    for meeting_id, office_id, status, certainty in connection.execute(union_all(*parts)):
        said[country_of[office_id]][meeting_id] = _record_verdict(status, certainty)
    return said


def streak_contexts(
    connection: Connection, streaks: Sequence[tuple[str, str, int, dt.date]]
) -> list[StreakContext]:
    """``streak_context`` of each (country, family, length, first day), reading the store
    once for all of them."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for country, family, _, _ in streaks:
        wanted[family].add(country)
    verdicts = family_verdicts(connection, wanted)
    coverage = [c for c in (_coverage(connection, r) for r in ("president", "secretary")) if c]
    usa = (
        f"travel records of the President and Secretary of State to {max(c[1] for c in coverage)}"
        if coverage
        else "no official records"
    )
    return [
        _context(
            country,
            family,
            length,
            first,
            verdicts[family],
            usa if country == "USA" else "no official records",
        )
        for country, family, length, first in streaks
    ]


def streak_context(
    connection: Connection, country: str, family: str, length: int, first: dt.date
) -> StreakContext:
    """How often ``country``'s principal missed ``length`` consecutive ``family`` meetings
    before ``first`` (a meeting with no word ends a run, as in ``analyze.patterns``)."""
    return streak_contexts(connection, [(country, family, length, first)])[0]


def _context(
    country: str, family: str, length: int, first: dt.date, said: FamilyVerdicts, covered: str
) -> StreakContext:
    """The context of one streak from the family's verdicts (``said``) on its country;
    ``covered`` names the official records that judge the country."""
    # The meetings are by first day: the earlier ones come first.
    earlier = bisect_left(said.starts, first)
    verdicts = said.verdicts[country][:earlier]
    runs: list[list[int]] = [[]]
    for n, verdict in enumerate(verdicts):
        if verdict in ABSENT:
            runs[-1].append(n)
        elif runs[-1]:
            runs.append([])
    found = [run for run in runs if len(run) >= length]
    judged = sum(v in ABSENT or v in PRESENT for v in verdicts)
    caveat = (
        f"{judged} of {earlier} earlier {family} meetings could be judged for {country} "
        f"({covered}, and news reports); a meeting with no word ends a run."
    )
    if found:
        last = found[-1]
        text = f"first time since {said.starts[last[-1]]:%B %Y}"
        if len(found) > 1:
            text += f" ({len(found)} such streaks since {said.starts[0].year})"
    elif earlier:
        text = f"never in the records since {said.starts[0].year}"
    else:
        text = "no earlier meetings in the store"
    return StreakContext(
        text=text,
        caveat=caveat,
        occurrences=len(found),
        previous=tuple(said.meetings[n] for n in found[-1]) if found else (),
        judged=judged,
        earlier=earlier,
    )
