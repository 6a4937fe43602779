"""The Dask engine: the local engine's output, claim for claim, in parts, errors collected."""

from __future__ import annotations

import gzip
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from distributed import LocalCluster
from typer.testing import CliRunner

from emptychair.cli import app
from emptychair.extract.batch import Extraction, extract_paths
from emptychair.extract.dask_engine import DaskOptions, run
from emptychair.extract.output import OutputFormat
from emptychair.reconcile import syndication
from emptychair.sources import ReadError
from emptychair.sources.extracted import read_extracted

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
if not CORPUS.is_dir():
    CORPUS = Path("/work/shared/corpus")
DEV = CORPUS / "dev.jsonl"

Key = tuple[str, str]


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """One in-process cluster for the module: threads, so it starts in about a second."""
    with LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def local_claims() -> Counter[Key]:
    """What the local engine finds on dev.jsonl, as (document id, claim JSON); one
    document may hold two equal claims (two meetings of a forum dated only by year)."""
    found = [e for e in extract_paths([DEV]) if isinstance(e, Extraction)]
    return Counter(
        (e.document.id, json.dumps(c.to_dict(), sort_keys=True)) for e in found for c in e.claims
    )


def _keys(doc_id: str, claims: list[dict[str, Any]]) -> list[Key]:
    return [(doc_id, json.dumps(c, sort_keys=True)) for c in claims]


def test_parquet_output_matches_the_local_engine(
    scheduler: str, local_claims: Counter[Key], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    report = run([DEV], out, "test", DaskOptions(scheduler, batch_size=20))
    assert report.errors == []
    read = [item for item in read_extracted(out) if not isinstance(item, ReadError)]
    got = Counter(k for doc, claims in read for k in _keys(doc.id, [c.to_dict() for c in claims]))
    assert local_claims and got == local_claims
    # Every document is accounted for, those without claims included.
    documents = pq.read_table(out / "documents").column("doc_id").to_pylist()
    claim_rows = pq.read_table(out / "claims")
    with_no_claims = [
        d
        for d, o in zip(*claim_rows.select(["doc_id", "ordinal"]).to_pydict().values(), strict=True)
        if o is None
    ]
    assert sorted(documents) == sorted(
        json.loads(line)["id"] for line in DEV.read_text().splitlines() if line.strip()
    )
    assert with_no_claims and set(with_no_claims) == set(documents) - {d for d, _ in local_claims}
    assert claim_rows.num_rows == local_claims.total() + len(with_no_claims)
    # The signature column is what syndication computes from each text, for every document.
    texts = {d.id: d.text for d, _ in read}
    signed = pq.read_table(out / "documents", columns=["doc_id", "minhash", "shingles"])
    rows = signed.to_pylist()
    assert len(rows) == len(texts)
    for row in rows:
        expected = syndication.signature(texts[row["doc_id"]])
        assert (row["minhash"], row["shingles"]) == (expected.hashvalues, expected.shingles)


def test_jsonl_output_is_the_local_engines_lines(scheduler: str, tmp_path: Path) -> None:
    local = {e.to_json() for e in extract_paths([DEV]) if isinstance(e, Extraction)}
    out = tmp_path / "out"
    run([DEV], out, "test", DaskOptions(scheduler, batch_size=25), form=OutputFormat.jsonl)
    parts = sorted(out.glob("part-*.jsonl.gz"))
    assert len(parts) == 3
    lines = [ln for p in parts for ln in gzip.decompress(p.read_bytes()).decode().splitlines()]
    assert len(lines) == len(local) and set(lines) == local


def test_batches_load_the_vocabulary_once_per_worker(scheduler: str, tmp_path: Path) -> None:
    report = run([DEV], tmp_path / "out", "test", DaskOptions(scheduler, batch_size=20))
    assert [p.part for p in report.parts] == ["part-000000", "part-000001", "part-000002"]
    # Loads counted after each batch: no batch after the first loaded anything.
    assert len({(p.worker_pid, p.vocab_loads) for p in report.parts}) == 1
    assert report.parts[0].vocab_loads > 0


MACRON = "French President Emmanuel Macron will attend the G20 summit in Johannesburg next week."


def test_directories_globs_and_parquet_with_bad_input_reported(
    scheduler: str, tmp_path: Path
) -> None:
    day1, day2 = tmp_path / "in" / "day=1", tmp_path / "in" / "day=2"
    day1.mkdir(parents=True)
    day2.mkdir()
    good = {"id": "a", "published": "2025-11-14", "text": MACRON}
    (day1 / "news.jsonl").write_text(json.dumps(good) + "\n{broken\n", encoding="utf-8")
    (day1 / "_SUCCESS").write_text("", encoding="utf-8")
    rows = [{"id": "b", "published": "2025-11-15", "text": MACRON}, {"id": "c", "text": None}]
    pq.write_table(pa.Table.from_pylist(rows), day2 / "news.parquet")
    report = run(
        [tmp_path / "in", tmp_path / "missing.jsonl", str(tmp_path / "none-*.jsonl")],
        tmp_path / "out",
        "test",
        DaskOptions(scheduler),
    )
    assert report.documents == 2 and report.claims == 2
    not_json = "line is not JSON: Expecting property name enclosed in double quotes (column 2)"
    assert sorted(str(e) for e in report.errors) == sorted(
        [
            f"{day1 / 'news.jsonl'}:2: {not_json}",
            f"{day2 / 'news.parquet'}:2: document c: 'text' must be a string",
            f"{tmp_path / 'missing.jsonl'}: no such file",
            f"{tmp_path / 'none-*.jsonl'}: no files match",
        ]
    )


def test_refuses_an_output_directory_in_use(scheduler: str, tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "old").write_text("x", encoding="utf-8")
    with pytest.raises(ValueError, match="not an empty directory"):
        run([DEV], tmp_path / "out", "test", DaskOptions(scheduler))


def test_cli_dask_engine_reports_failures_and_ingests_its_output(
    scheduler: str, local_claims: Counter[Key], tmp_path: Path
) -> None:
    runner = CliRunner()
    out, db = tmp_path / "out", f"sqlite:///{tmp_path / 's.sqlite3'}"
    args = ["extract", "--engine", "dask", "--scheduler", scheduler, "-o", str(out)]
    result = runner.invoke(app, [*args, str(DEV), str(tmp_path / "gone.jsonl")])
    assert result.exit_code == 1
    assert f"error: {tmp_path / 'gone.jsonl'}: no such file" in result.stderr
    assert "1 input(s) failed" in result.stderr
    first = runner.invoke(app, ["ingest", "--extracted", str(out), "--db", db])
    assert first.exit_code == 0, first.output
    assert f"{local_claims.total()} claims added" in first.stdout
    again = runner.invoke(app, ["ingest", "--extracted", str(out), "--db", db])
    assert "0 added" in again.stdout and "0 claims added" in again.stdout


def test_cli_local_engine_refuses_dask_options(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["extract", "--workers", "4", str(DEV)])
    assert result.exit_code == 2
    assert "need --engine dask" in result.stderr


def test_parquet_parts_are_zstd_by_default_and_jsonl_refuses_zstd(
    scheduler: str, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    run([DEV], out, "test", DaskOptions(scheduler, batch_size=60))
    part = next((out / "documents").rglob("*.parquet"))
    assert pq.ParquetFile(part).metadata.row_group(0).column(0).compression == "ZSTD"
    args = ["extract", "--engine", "dask", "--scheduler", scheduler, "--format", "jsonl"]
    result = CliRunner().invoke(
        app, [*args, "--compression", "zstd", "-o", str(tmp_path / "j"), str(DEV)]
    )
    assert result.exit_code == 2 and "zstd is for Parquet" in result.stderr
