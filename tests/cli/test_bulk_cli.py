"""``emptychair ingest --extracted`` bulk-loads; ``--bulk``/``--no-bulk`` choose the path."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from emptychair.cli import app
from emptychair.extract.batch import Extraction, extract_paths
from emptychair.extract.output import Compression, OutputFormat, write_part
from emptychair.store import handle

runner = CliRunner()


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory, corpus_files: list[Path]) -> Path:
    """dev.jsonl extracted, as Parquet output in three parts."""
    folder = tmp_path_factory.mktemp("bulk") / "out"
    done = [e for e in extract_paths([corpus_files[1]]) if isinstance(e, Extraction)]
    for n, start in enumerate(range(0, len(done), 25)):
        part = done[start : start + 25]
        write_part(part, folder, f"part-{n:06d}", OutputFormat.parquet, Compression.none, "t 1")
    return folder


def invoke(*args: str) -> Any:
    return runner.invoke(app, list(args), env={"COLUMNS": "300"})


def listing(db: str, command: str) -> Any:
    result = invoke(command, "--db", db, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def info(db: str) -> dict[str, Any]:
    found: dict[str, Any] = listing(db, "info")
    return {k: v for k, v in found.items() if k != "url"}


def test_extracted_output_is_bulk_loaded_once(
    out: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object) -> None:
        raise AssertionError("the ordinary path was used")

    monkeypatch.setattr(handle, "ingest", refuse)
    db = f"sqlite:///{tmp_path / 's.sqlite3'}"
    first = invoke("ingest", "--extracted", str(out), "--db", db, "--batch-size", "10", "-q")
    assert first.exit_code == 0, first.output
    stored = info(db)
    assert f"{stored['documents']} documents: {stored['documents']} added" in first.stdout
    assert f"{stored['claims']} claims added" in first.stdout and stored["records"] > 0
    again = invoke("ingest", "--extracted", str(out), "--db", db)
    assert again.exit_code == 0, again.output
    assert "0 added" in again.stdout and "0 claims added" in again.stdout
    assert info(db) == stored


def test_no_bulk_builds_the_same_store(out: Path, tmp_path: Path) -> None:
    bulk, ordinary = (f"sqlite:///{tmp_path / name}" for name in ("b.sqlite3", "o.sqlite3"))
    assert invoke("ingest", "--extracted", str(out), "--db", bulk).exit_code == 0
    assert invoke("ingest", "--extracted", str(out), "--db", ordinary, "--no-bulk").exit_code == 0
    assert info(bulk) == info(ordinary)
    for command in ("meetings", "claims", "patterns"):
        assert listing(bulk, command) == listing(ordinary, command), command


def test_gold_documents_load_in_bulk_too(corpus_files: list[Path], tmp_path: Path) -> None:
    bulk, ordinary = (f"sqlite:///{tmp_path / name}" for name in ("b.sqlite3", "o.sqlite3"))
    files = list(map(str, corpus_files))
    loaded = invoke("ingest", "--gold", "--bulk", "--db", bulk, *files)
    assert loaded.exit_code == 0, loaded.output
    assert "59 added" in loaded.stdout and "1 unchanged" in loaded.stdout
    assert invoke("ingest", "--gold", "--db", ordinary, *files).exit_code == 0
    assert info(bulk) == info(ordinary)
    assert listing(bulk, "claims") == listing(ordinary, "claims")


def test_an_unreadable_part_is_reported_and_the_others_loaded(out: Path, tmp_path: Path) -> None:
    broken = tmp_path / "out"
    for path in out.rglob("*.parquet"):
        copy = broken / path.relative_to(out)
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_bytes(path.read_bytes())
    lost = sorted((broken / "claims").rglob("part-000001.parquet"))
    for path in lost:
        path.write_bytes(b"not parquet")
    db = f"sqlite:///{tmp_path / 's.sqlite3'}"
    result = invoke("ingest", "--extracted", str(broken), "--db", db)
    assert result.exit_code == 1
    assert result.stderr.count("unreadable part") == len(lost) > 0
    stored = info(db)
    assert 0 < stored["documents"] < 59
    assert f"{stored['documents']} documents: {stored['documents']} added" in result.stdout
