"""``records import``, ``calendar import`` and ``history`` from the command line."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from emptychair.cli import app

runner = CliRunner()

CALENDAR = (
    "forum,start_date,end_date,city,country,format,source\n"
    "nato-foreign-ministers,2014-04-01,2014-04-02,Brussels,BEL,formal,fixture\n"
    "nato-foreign-ministers,2014-06-25,2014-06-25,Brussels,BEL,formal,fixture\n"
)
TRIP = (
    '<trip role="secretary" who="kerry-john-forbes"><id>{id}</id><role>secretary</role>'
    "<name>John Forbes Kerry</name><start-date>{start}</start-date><end-date>2014-04-02"
    '</end-date><country id="belgium">Belgium</country><locale>Brussels</locale>'
    "<remarks>{remarks}</remarks></trip>"
)


@pytest.fixture
def records(tmp_path: Path) -> Path:
    """A trips file: one trip to a NATO meeting, its duplicate, one visit, one malformed trip."""
    trips = "".join(
        TRIP.format(id=i, start=start, remarks=remarks)
        for i, start, remarks in (
            ("1", "2014-03-31", "Attended the NATO Foreign Ministerial."),
            ("2", "2014-03-31", "Attended the NATO Foreign Ministerial."),
            ("3", "2014-04-02", "Met with Foreign Minister Reynders."),
            ("4", "", "Met with Prime Minister Di Rupo."),
        )
    )
    path = tmp_path / "kerry.xml"
    path.write_text(f"<trips>{trips}</trips>", encoding="utf-8")
    return path


def test_records_import_reports_every_trip_and_fails_on_a_malformed_one(
    records: Path, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    result = runner.invoke(app, ["records", "import", str(records), "--db", url])
    assert result.exit_code == 1
    assert (
        "4 trips read from 1 files: 1 with a meeting, 1 without, 1 duplicates, 1 malformed"
        in result.stdout
    )
    assert f"{records}: trip 4: missing start-date" in result.stderr
    assert f"duplicate, stored once: {records}: trip 2: repeats trip 1" in result.stderr
    again = runner.invoke(app, ["records", "import", str(records), "--db", url])
    assert "0 added, 0 replaced, 2 unchanged" in again.stdout


def test_history_lists_calendar_meetings_with_the_base_rate(records: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    calendar = tmp_path / "calendar.csv"
    calendar.write_text(CALENDAR + "nato-foreign-ministers,2014-13-01,,X,BEL,formal,\n")
    result = runner.invoke(app, ["calendar", "import", str(calendar), "--db", url])
    assert result.exit_code == 1 and f"{calendar}:4:" in result.stderr
    assert "2 calendar meetings: 2 added" in result.stdout
    runner.invoke(app, ["records", "import", str(records), "--db", url])
    args = ["history", "--country", "USA", "--forum", "nato-foreign-ministers", "--db", url]
    found = json.loads(runner.invoke(app, [*args, "--since", "2014", "--format", "json"]).stdout)
    mine = [
        r
        for r in found["rows"]
        if r["meeting"] in ("nato-foreign-ministers-2014-04", "nato-foreign-ministers-2014-06")
    ]
    assert [(r["verdict"], r["principal"]) for r in mine] == [
        ("attended", "John Kerry"),
        ("after records", None),  # the trips end on 2014-04-02
    ]
    out = runner.invoke(app, [*args, "--format", "csv", "--evidence"], env={"COLUMNS": "300"})
    assert out.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    kerry = next(r for r in rows if r["meeting"] == "nato-foreign-ministers-2014-04")
    assert kerry["sources"] == "named: Office of the Historian, U.S. Department of State"
    assert "NATO Foreign Ministerial" in kerry["evidence"]
    table = runner.invoke(app, [*args, "--since", "2014"], env={"COLUMNS": "300"})
    assert "The Secretary of State attended" in table.stdout
    assert "NATO foreign ministers' meetings since 2014." in table.stdout


def test_records_import_of_a_missing_path_is_a_clear_error(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    result = runner.invoke(app, ["records", "import", str(tmp_path / "nope"), "--db", url])
    assert result.exit_code == 2 and "no such file or folder" in result.stderr
