"""The record commands: thin over the library, every listing as a table, JSON or CSV."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from emptychair.cli import app, record
from emptychair.model import Claim, Document

runner = CliRunner()


def run(*args: str) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    return result.stdout


def as_json(*args: str) -> Any:
    return json.loads(run(*args, "--format", "json"))


def as_csv(*args: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(run(*args, "--format", "csv"))))


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, corpus_files: list[Path]) -> str:
    """A SQLite store holding the labelled corpus."""
    url = f"sqlite:///{tmp_path_factory.mktemp('cli') / 'store.sqlite3'}"
    out = run("ingest", "--gold", "--db", url, *map(str, corpus_files))
    assert "59 added" in out and "1 unchanged" in out
    return url


def test_ingesting_again_changes_no_count(db: str, corpus_files: list[Path]) -> None:
    before = as_json("info", "--db", db)
    out = run("ingest", "--gold", "--db", db, *map(str, corpus_files))
    assert "0 added" in out and "0 claims added" in out
    assert as_json("info", "--db", db) == before


def test_meetings(db: str) -> None:
    listed = as_json("meetings", "--db", db, "--family", "nato")
    assert listed[0]["id"] == "nato-defence-ministers-2026-02"
    rows = as_csv("meetings", "--db", db, "--forum", "nato-summit")
    assert [r["meeting"] for r in rows] == ["nato-summit-2025-06", "nato-summit-2023-07"]
    assert "nato-foreign-ministers-2025-12" in run("meetings", "--db", db)


def test_meeting_board_with_evidence(db: str) -> None:
    table = run("meeting", "nato-foreign-ministers-2025-12", "--db", db, "--evidence")
    assert "Christopher Landau" in table and "superseded" in table
    rows = as_csv("meeting", "nato-foreign-ministers-2025-12", "--db", db, "--evidence")
    rubio = [r for r in rows if r["person"] == "Marco Rubio"]
    assert len(rubio) == 4 and rubio[0]["sources"].startswith("anonymous: a U.S. official")
    board = as_json("meeting", "nato-foreign-ministers-2025-12", "--db", db)
    assert {r["country"] for r in board["records"]} == {"USA", "UKR"}


def test_unknown_meeting_fails(db: str) -> None:
    result = runner.invoke(app, ["meeting", "nato-summit-1066-10", "--db", db])
    assert result.exit_code == 1 and "no meeting" in result.output


def test_actor_claims_patterns(db: str) -> None:
    history = as_json("actor", "Hegseth", "--db", db)
    assert history["names"] == ["Pete Hegseth"]
    assert "stand-in for Marco Rubio" in run("actor", "Landau", "--db", db)
    rows = as_csv("claims", "--db", db, "--country", "USA", "--status", "absent", "--evidence")
    assert rows and all(r["country"] == "USA" for r in rows) and "evidence" in rows[0]
    found = as_json("patterns", "--db", db)
    usa = [s for s in found["streaks"] if s["country"] == "USA"]
    assert usa[0]["meetings"][-1]["meeting"] == "nato-defence-ministers-2026-02"
    assert "USA" in run("patterns", "--db", db, "--evidence")


def test_info_table(db: str) -> None:
    out = run("info", "--db", db)
    assert "revision" in out and "sqlite" in out


def test_ingest_reports_bad_input_by_file_and_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []

    def fake_extract(document: Document) -> list[Claim]:
        seen.append(document.id)
        return []

    monkeypatch.setattr(record, "extract", fake_extract)
    bad = tmp_path / "reports.jsonl"
    good = '{"id": "ok", "published": "2025-01-02", "text": "Fine."}'
    bad.write_text(good + "\n{not json\n", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    result = runner.invoke(app, ["ingest", "--db", url, str(bad)])
    assert result.exit_code == 1
    assert f"{bad}:2" in result.stderr
    assert seen == ["ok"] and "1 added" in result.stdout
    gold = runner.invoke(app, ["ingest", "--gold", "--db", url, str(bad)])
    assert gold.exit_code == 1 and f"{bad}:2" in gold.stderr
