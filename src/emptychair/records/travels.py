"""Import the travel records: each trip a document, its meetings attend claims by the traveller.

A trip's remarks are terse and have no subject ("Attended the NATO Foreign
Ministerial."), so the document put to the extractor names the traveller first
("Secretary of State John Forbes Kerry attended the NATO Foreign Ministerial.").
Claims the extractor makes about the traveller are kept, in the traveller's
name, office and country, certainty ``reported``, with the Office of the
Historian as their named source and the trip's dates as the meeting date
(the calendar meeting's start when the trip overlaps one). Claims about anyone
else are set aside and counted: the records speak for the traveller. When the
extractor names a forum in the remarks but makes no claim of it, the importer
makes the attend claim itself; when the remarks name the body ("a NATO Ministerial
Meeting"), the calendar meeting of that body in the trip's city and dates whose
principal is the traveller is the one attended. Every trip is counted: read, with a meeting,
without, duplicate (stored once) or malformed (reported with file and id).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert, select, update

from emptychair import __version__, vocab
from emptychair.extract import extract
from emptychair.extract.meetings import dominant_body, find_meetings
from emptychair.model import Claim, Document, Role, Source
from emptychair.reconcile.meetings import DAY_TOLERANCE
from emptychair.sources.travels import (
    HISTORIAN,
    OFFICES,
    TRAVELLER_ROLES,
    Trip,
    TripError,
    read_trips,
)
from emptychair.store.calendar import CalendarReport, calendar_spans, import_calendar
from emptychair.store.engine import write_transaction
from emptychair.store.handle import Store
from emptychair.store.schema import documents, official_trips
from emptychair.store.write import IngestReport

COUNTRY = "USA"
RECORDS_URL = "https://history.state.gov/departmenthistory/travels"
SOURCE = Source(kind="named", descriptor=HISTORIAN)
Spans = dict[str, list[tuple[dt.date, dt.date, str]]]
# Remarks open with a past-tense verb ("Attended", "Met with", "Co-chaired") or not
# ("Official visit.", "Vacation."); only the first kind reads on after a subject.
_IRREGULAR = {
    "met", "led", "held", "made", "gave", "took", "spoke", "paid", "went", "began", "flew",
    "saw", "sat", "was", "had", "left", "came", "brought", "sought", "laid", "attends", "meets",
}  # fmt: skip
_PAST = re.compile(r"(?:[a-z]+-)?[a-z]+ed")


@dataclass(frozen=True)
class TravelImport:
    """What one import of travel records did; every ``<trip>`` read lands in one count."""

    files: int = 0
    """Trip files read (and files that failed)."""
    read: int = 0
    """``<trip>`` elements read (malformed ones included)."""
    with_meeting: int = 0
    """Trips stored with at least one meeting claim."""
    without_meeting: int = 0
    duplicates: tuple[str, ...] = ()
    """Trips repeating an earlier one (same traveller, dates, place, remarks): stored once."""
    malformed: tuple[str, ...] = ()
    """Trips that cannot be read, each as ``file: trip <id>: problem``."""
    failed_files: tuple[str, ...] = ()
    """Files that cannot be read at all."""
    claims: int = 0
    built: int = 0
    """Claims the importer made itself: the extractor named the forum but made no claim, or
    named only the body (NATO) of a calendar meeting in the trip's city and dates."""
    set_aside: int = 0
    """Extractor claims about someone other than the traveller, not stored."""
    ingest: IngestReport = field(default_factory=IngestReport)
    calendar: CalendarReport = field(default_factory=CalendarReport)

    @property
    def failed(self) -> bool:
        """Whether anything could not be read or stored."""
        return bool(self.malformed or self.failed_files or self.ingest.rejected)


def _canonical_name(trip: Trip) -> str:
    """The name ``vocab/people.json`` uses for the traveller, else the records' own."""
    surname = trip.name.split()[-1].lower()
    role = TRAVELLER_ROLES[trip.role]
    month = trip.start.strftime("%Y-%m")
    for person in vocab.load("people"):
        if (
            person.get("country") == COUNTRY
            and person.get("role") == role
            and person["name"].split()[-1].lower() == surname
            and (person.get("from") or "") <= month <= (person.get("to") or "9999")
        ):
            return str(person["name"])
    return trip.name


def trip_text(trip: Trip) -> str:
    """The remarks with the traveller as their subject, as the extractor reads them."""
    subject = f"{OFFICES[trip.role]} {trip.name}"
    remarks = trip.remarks
    first = remarks.split(" ", 1)[0].rstrip(",.;:").lower()
    if first and (_PAST.fullmatch(first) or first in _IRREGULAR):
        return f"{subject} {remarks[0].lower()}{remarks[1:]}"
    place = ", ".join(p for p in (trip.locale, trip.country) if p)
    return f"{subject} visited {place}." + (f" {remarks}" if remarks else "")


def trip_document(trip: Trip) -> Document:
    """The document a trip is stored as: unique per trip (title and URL name it)."""
    place = ", ".join(p for p in (trip.locale, trip.country) if p)
    return Document(
        id=f"travels/{trip.role}/{trip.id}",
        text=trip_text(trip),
        published=trip.start,
        title=f"{OFFICES[trip.role]} {trip.name}: {place}, {trip.start} to {trip.end}",
        # The fragment is the records' trip id, making the URL one trip's key.
        url=f"{RECORDS_URL}/{trip.role}/{trip.who}#trip-{trip.id}",
        outlet=HISTORIAN,
    )


def _meeting_day(forum: str, trip: Trip, spans: Spans) -> dt.date:
    """The calendar meeting's first day when the trip overlaps one, else the trip's."""
    tolerance = dt.timedelta(days=DAY_TOLERANCE)
    near = [
        start
        for start, end, _ in spans.get(forum, [])
        if start <= trip.end + tolerance and end >= trip.start - tolerance
    ]
    return min(near, key=lambda d: abs((d - trip.start).days)) if near else trip.start


def _about_traveller(claim: Claim, trip: Trip) -> bool:
    if claim.person:
        return claim.person.split()[-1].lower() in trip.name.lower().split()
    return claim.country in (COUNTRY, None) and claim.role == TRAVELLER_ROLES[trip.role]


def trip_claims(trip: Trip, spans: Spans | None = None) -> tuple[list[Claim], int, int]:
    """The trip's claims, how many the importer built, and how many were set aside.

    ``spans``: calendar meetings by forum (``store.calendar.calendar_spans``).
    """
    spans = spans or {}
    document = trip_document(trip)
    found = extract(Document(id=document.id, text=document.text, published=trip.start))
    mine = [c for c in found if _about_traveller(c, trip)]
    person = _canonical_name(trip)
    role: Role = "leader" if trip.role == "president" else "foreign_minister"
    claims: dict[str, Claim] = {}
    for claim in mine:
        claims.setdefault(
            claim.forum,
            Claim(
                person=person,
                country=COUNTRY,
                role=role,
                forum=claim.forum,
                meeting_date=_meeting_day(claim.forum, trip, spans).isoformat(),
                status=claim.status,
                certainty="reported",
                representative=claim.representative if claim.status == "absent" else None,
                sources=(SOURCE,),
                evidence=claim.evidence or trip.remarks,
                evidence_start=claim.evidence_start,
                evidence_end=claim.evidence_end,
            ),
        )
    built = 0
    if not claims:
        for mention in find_meetings(trip.remarks, None, None):
            if mention.forum not in claims:
                built += 1
                claims[mention.forum] = Claim(
                    person=person,
                    country=COUNTRY,
                    role=role,
                    forum=mention.forum,
                    meeting_date=_meeting_day(mention.forum, trip, spans).isoformat(),
                    status="attend",
                    certainty="reported",
                    sources=(SOURCE,),
                    evidence=trip.remarks,
                )
    for forum, day in _calendar_meetings(trip, spans):
        if forum not in claims:
            built += 1
            claims[forum] = Claim(
                person=person,
                country=COUNTRY,
                role=role,
                forum=forum,
                meeting_date=day.isoformat(),
                status="attend",
                certainty="reported",
                sources=(SOURCE,),
                evidence=trip.remarks,
            )
    return list(claims.values()), built, len(found) - len(mine)


def _calendar_meetings(trip: Trip, spans: Spans) -> list[tuple[str, dt.date]]:
    """Calendar meetings of the body the remarks name, in the trip's city during the trip,
    whose principal is the traveller: "Attended a NATO Ministerial Meeting" (or "a joint
    meeting of NATO Foreign and Defense Ministers") in Brussels during the foreign
    ministers' meeting names no forum, or another, but the calendar does."""
    body = dominant_body(trip.remarks)
    if body is None:
        return []
    role = TRAVELLER_ROLES[trip.role]
    families = vocab.load("forum_families")["forums"]
    return [
        (forum, start)
        for forum, listed in spans.items()
        if families.get(forum, {}).get("family") == body
        and families[forum].get("principal") == role
        for start, end, city in listed
        if city
        and city.lower() in trip.locale.lower()
        and start <= trip.end + dt.timedelta(days=1)
        and end >= trip.start - dt.timedelta(days=1)
    ]


def import_travels(
    store: Store, paths: Iterable[str | Path], batch_size: int = 200, calendar: bool = True
) -> TravelImport:
    """Import the travel records under ``paths`` into ``store``; again changes nothing.

    The packaged calendar goes in first (adding what the store lacks, correcting
    nothing), so claims land on its meetings; ``calendar`` False leaves it out.
    """
    paths = list(paths)
    added = import_calendar(store.engine, correct=False) if calendar else CalendarReport()
    with store.engine.connect() as connection:
        spans = calendar_spans(connection)
    seen: dict[tuple[str, ...], Trip] = {}
    kept: list[Trip] = []
    duplicates: list[str] = []
    malformed: list[str] = []
    failed_files: list[str] = []
    read = 0
    files: set[str] = set()
    for found in read_trips(paths):
        files.add(found.file)
        if isinstance(found, TripError):
            if found.trip_id is None:
                failed_files.append(str(found))
                continue
            read += 1
            malformed.append(str(found))
            continue
        read += 1
        first = seen.setdefault(found.key, found)
        if first is not found:
            duplicates.append(f"{found.file}: trip {found.id}: repeats trip {first.id}")
            continue
        kept.append(found)
    items: list[tuple[Document, Sequence[Claim]]] = []
    with_meeting = built = set_aside = 0
    for trip in kept:
        claims, made, aside = trip_claims(trip, spans)
        items.append((trip_document(trip), claims))
        with_meeting += bool(claims)
        built += made
        set_aside += aside
    report = store.ingest(items, f"emptychair {__version__}", batch_size=batch_size)
    _store_trips(store.engine, kept)
    return TravelImport(
        files=len(files),
        read=read,
        with_meeting=with_meeting,
        without_meeting=len(kept) - with_meeting,
        duplicates=tuple(duplicates),
        malformed=tuple(malformed),
        failed_files=tuple(failed_files),
        claims=sum(len(c) for _, c in items),
        built=built,
        set_aside=set_aside,
        ingest=report,
        calendar=added,
    )


def _store_trips(engine: Engine, trips: Sequence[Trip]) -> None:
    """Keep each trip's details beside its document (insert new, update changed)."""
    with write_transaction(engine) as connection:
        existing = {r.trip_id: r for r in connection.execute(select(official_trips)).all()}
        document_ids: dict[str, int] = {}
        urls = [trip_document(t).url for t in trips]
        for start in range(0, len(urls), 500):
            chunk = [u for u in urls[start : start + 500] if u]
            rows = connection.execute(
                select(documents.c.url, documents.c.id).where(documents.c.url.in_(chunk))
            )
            document_ids.update({url: doc_id for url, doc_id in rows})
        fresh: list[dict[str, Any]] = []
        for trip, url in zip(trips, urls, strict=True):
            values: dict[str, Any] = {
                "trip_id": trip.id,
                "file": Path(trip.file).name,
                "role": trip.role,
                "who": trip.who,
                "name": trip.name,
                "start_date": trip.start,
                "end_date": trip.end,
                "country_id": trip.country_id,
                "country": trip.country,
                "locale": trip.locale,
                "remarks": trip.remarks,
                "document_id": document_ids.get(url or ""),
            }
            before = existing.get(trip.id)
            if before is None:
                fresh.append(values)
            elif any(getattr(before, k) != v for k, v in values.items()):
                connection.execute(
                    update(official_trips).where(official_trips.c.id == before.id).values(**values)
                )
        if fresh:
            connection.execute(insert(official_trips), fresh)
