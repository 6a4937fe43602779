"""The travel-records reader: every <trip> accounted for, bad ones named by file and id."""

from __future__ import annotations

import re
from pathlib import Path

from emptychair.sources.travels import Trip, TripError, read_trips

SHARED = Path(__file__).resolve().parents[3] / "shared"
if not SHARED.is_dir():
    SHARED = Path("/work/shared")
TRAVELS = SHARED / "data" / "travels"


def _count_trip_elements(folder: Path) -> int:
    """<trip> start tags counted as text, independently of any XML parser."""
    return sum(
        len(re.findall(r"<trip[\s>]", p.read_text(encoding="utf-8"))) for p in folder.glob("*.xml")
    )


def test_reader_reads_every_trip_element_of_the_records() -> None:
    for folder, expected in (("secretary-travels", 3439), ("president-travels", 832)):
        found = list(read_trips([TRAVELS / folder]))
        assert _count_trip_elements(TRAVELS / folder) == expected
        assert len(found) == expected
        assert all(isinstance(t, Trip) for t in found)


def test_the_issue_figures_count_the_trips_root_elements_too() -> None:
    # 3,473 and 853 are lines matching "<trip": each file's <trips> root adds one.
    for folder, lines in (("secretary-travels", 3473), ("president-travels", 853)):
        files = list((TRAVELS / folder).glob("*.xml"))
        matching = sum(
            sum("<trip" in line for line in f.read_text(encoding="utf-8").splitlines())
            for f in files
        )
        assert matching == lines
        assert matching - len(files) == _count_trip_elements(TRAVELS / folder)


def test_folder_skips_xml_that_is_not_trips() -> None:
    found = list(read_trips([TRAVELS]))
    assert len(found) == 3439 + 832  # presidents.xml and the code table add nothing


TRIP = """<trip role="{role}" who="doe-jane"><id>{id}</id><role>{role}</role><name>Jane Doe</name>
<start-date>{start}</start-date><end-date>{end}</end-date>{country}<locale>Brussels</locale>
<remarks>Attended the NATO Foreign Ministerial.</remarks></trip>"""


def write_trips(path: Path, *trips: dict[str, str]) -> Path:
    """A trips file of ``trips`` (keys: id, role, start, end, country as XML)."""
    body = "".join(
        TRIP.format(
            **{
                "role": "secretary",
                "start": "2014-04-01",
                "end": "2014-04-02",
                "country": '<country id="belgium">Belgium</country>',
                **t,
            }
        )
        for t in trips
    )
    path.write_text(f'<?xml version="1.0"?><trips>{body}</trips>', encoding="utf-8")
    return path


def test_malformed_trips_are_reported_with_file_and_id_and_the_rest_read(tmp_path: Path) -> None:
    path = write_trips(
        tmp_path / "doe.xml",
        {"id": "1"},
        {"id": "2", "start": ""},
        {"id": "3", "country": ""},
        {"id": "4", "end": "2014-03-01"},
        {"id": "5", "role": "ambassador"},
    )
    found = list(read_trips([path]))
    assert [type(t) for t in found] == [Trip, TripError, TripError, TripError, TripError]
    errors = [str(e) for e in found if isinstance(e, TripError)]
    assert errors[0] == f"{path}: trip 2: missing start-date"
    assert "trip 3: unknown country" in errors[1]
    assert "trip 4: end-date 2014-03-01 before start-date 2014-04-01" in errors[2]
    assert "trip 5: unknown role 'ambassador'" in errors[3]
    good = found[0]
    assert isinstance(good, Trip)
    assert (good.id, good.country_id, good.locale) == ("1", "belgium", "Brussels")


def test_unreadable_file_is_one_error_and_a_named_non_trips_file_another(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xml"
    broken.write_text("<trips><trip>", encoding="utf-8")
    other = tmp_path / "other.xml"
    other.write_text("<presidents/>", encoding="utf-8")
    found = list(read_trips([broken, other]))
    assert all(isinstance(e, TripError) and e.trip_id is None for e in found)
    assert [e.file for e in found if isinstance(e, TripError)] == [str(broken), str(other)]
    assert list(read_trips([tmp_path])) == found[:1]  # in a folder, other XML is passed over
