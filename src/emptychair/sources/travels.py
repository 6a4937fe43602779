"""Reader for the Office of the Historian's travel records (``travels/*.xml``).

Each ``<trip>`` is one stay of a US president or secretary of state in one
country. ``read_trips`` yields a ``Trip`` for every well-formed trip and a
``TripError`` (file and trip id) for every other one, so a batch never stops at
a bad record and no trip goes unaccounted for.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

HISTORIAN = "Office of the Historian, U.S. Department of State"
"""The named source of every claim read from these records."""

TRAVELLER_ROLES = {"president": "leader", "secretary": "foreign_minister"}
"""Travel-record role code (``code-tables/travel-role-codes.xml``) to FORMAT.md role."""

OFFICES = {"president": "President", "secretary": "Secretary of State"}


@dataclass(frozen=True)
class Trip:
    """One trip as the records give it, whitespace in text normalised."""

    file: str
    id: str
    role: str
    """``president`` or ``secretary``."""
    who: str
    """The traveller's id in the records (``clinton-hillary-rodham``)."""
    name: str
    start: dt.date
    end: dt.date
    country_id: str
    country: str
    locale: str
    remarks: str

    @property
    def key(self) -> tuple[str, ...]:
        """What makes two trips the same trip (ids aside): who, when, where and what."""
        return (
            self.who,
            self.start.isoformat(),
            self.end.isoformat(),
            self.country_id,
            self.locale,
            self.remarks,
        )


@dataclass(frozen=True)
class TripError:
    """A trip that cannot be read, or a file that holds none that can."""

    file: str
    trip_id: str | None
    message: str

    def __str__(self) -> str:
        """``file: trip <id>: message`` (or ``file: message`` for the whole file)."""
        if self.trip_id is None:
            return f"{self.file}: {self.message}"
        return f"{self.file}: trip {self.trip_id}: {self.message}"


def trip_files(paths: Iterable[str | Path]) -> list[Path]:
    """The XML files under ``paths`` (directories searched recursively), sorted, no repeats."""
    found: dict[Path, None] = {}
    for path in map(Path, paths):
        listed = sorted(path.rglob("*.xml")) if path.is_dir() else [path]
        found.update(dict.fromkeys(listed))
    return list(found)


def read_trips(paths: Iterable[str | Path]) -> Iterator[Trip | TripError]:
    """Every trip in ``paths``, in file order, with a TripError for each bad one.

    A directory contributes the XML files whose root is ``<trips>``; other XML
    beside them (schemas, code tables, the list of presidents) is not travel
    data and is passed over. A file named outright must be a trips file.
    """
    for path in map(Path, paths):
        explicit = not path.is_dir()
        for file in trip_files([path]):
            yield from _read_file(file, explicit)


def _read_file(file: Path, explicit: bool) -> Iterator[Trip | TripError]:
    name = str(file)
    try:
        root = ET.parse(file).getroot()
    except (OSError, ET.ParseError) as exc:
        yield TripError(name, None, f"cannot read: {exc}")
        return
    if root.tag != "trips":
        if explicit:
            yield TripError(name, None, f"root element is <{root.tag}>, not <trips>")
        return
    for position, element in enumerate(root.iter("trip"), start=1):
        yield _trip(name, position, element)


def _text(element: ET.Element, tag: str) -> str:
    """The normalised text of child ``tag`` ('' when missing)."""
    child = element.find(tag)
    return " ".join("".join(child.itertext()).split()) if child is not None else ""


def _trip(file: str, position: int, element: ET.Element) -> Trip | TripError:
    """One ``<trip>`` element checked and read; its position stands in for a missing id."""
    trip_id = _text(element, "id") or f"#{position} (no id)"
    problems: list[str] = []
    role = element.get("role") or _text(element, "role")
    if role not in TRAVELLER_ROLES:
        problems.append(f"unknown role {role!r}")
    dates: list[dt.date] = []
    for tag in ("start-date", "end-date"):
        value = _text(element, tag)
        try:
            dates.append(dt.date.fromisoformat(value))
        except ValueError:
            problems.append(f"missing or bad {tag} {value!r}" if value else f"missing {tag}")
    if len(dates) == 2 and dates[1] < dates[0]:
        problems.append(f"end-date {dates[1]} before start-date {dates[0]}")
    country = element.find("country")
    country_id = (country.get("id") or "").strip() if country is not None else ""
    if not country_id:
        problems.append("unknown country (no <country id=...>)")
    name = _text(element, "name")
    if not name:
        problems.append("no traveller <name>")
    if problems:
        return TripError(file, trip_id, "; ".join(problems))
    return Trip(
        file=file,
        id=trip_id,
        role=role,
        who=element.get("who") or name,
        name=name,
        start=dates[0],
        end=dates[1],
        country_id=country_id,
        country=_text(element, "country"),
        locale=_text(element, "locale"),
        remarks=_text(element, "remarks"),
    )
