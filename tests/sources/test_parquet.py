"""Parquet documents in, and Parquet output read back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from emptychair.extract.batch import Extraction
from emptychair.extract.output import Compression, OutputFormat, write_part
from emptychair.model import Claim, Document, Source, content_hash
from emptychair.reconcile import syndication
from emptychair.sources import ReadError, read_documents
from emptychair.sources.extracted import extractor_versions, read_extracted
from emptychair.sources.inputs import read_inputs
from emptychair.sources.parquet import read_parquet_file
from emptychair.store.bulk_signing import SignedItem


def _write(path: Path, rows: list[dict[str, object]]) -> str:
    pq.write_table(pa.Table.from_pylist(rows), path)
    return str(path)


def test_rows_become_documents_with_dates_of_any_kind(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "d.parquet",
        [
            {"id": 7, "text": "One.", "published": dt.datetime(2025, 3, 4, 12), "title": "T"},
            {"id": 8, "text": "Two.", "published": None, "title": None},
        ],
    )
    found = list(read_parquet_file(path, dt.date(2025, 1, 1)))
    assert found == [
        Document("7", "One.", dt.date(2025, 3, 4), "T"),
        Document("8", "Two.", dt.date(2025, 1, 1)),
    ]


def test_bad_rows_are_reported_by_row_number(tmp_path: Path) -> None:
    rows: list[dict[str, object]] = [
        {"id": "a", "text": "One.", "published": "2025-02-30"},
        {"id": "a", "text": "Again.", "published": "2025-02-01"},
        {"id": "", "text": "No id.", "published": None},
        {"id": "c", "text": "Fine.", "published": "2025-02-01"},
    ]
    found = list(read_parquet_file(_write(tmp_path / "d.parquet", rows), None))
    path = str(tmp_path / "d.parquet")
    assert found[:3] == [
        ReadError(path, 1, "published '2025-02-30' is not YYYY-MM-DD"),
        Document("a", "Again.", dt.date(2025, 2, 1)),
        ReadError(path, 3, "missing 'id'"),
    ]
    assert found[3] == Document("c", "Fine.", dt.date(2025, 2, 1))


def test_unusable_files(tmp_path: Path) -> None:
    no_text = _write(tmp_path / "no_text.parquet", [{"id": "a"}])
    (tmp_path / "junk.parquet").write_bytes(b"not parquet at all")
    empty = tmp_path / "empty.parquet"
    pq.write_table(
        pa.table({"id": pa.array([], pa.string()), "text": pa.array([], pa.string())}), empty
    )
    messages = [
        str(e)
        for e in read_inputs([no_text, tmp_path / "junk.parquet", empty, tmp_path / "gone.parquet"])
    ]
    assert messages[0] == f"{no_text}: missing column(s): text"
    assert messages[1].startswith(f"{tmp_path / 'junk.parquet'}: not a readable Parquet file")
    assert messages[2:] == [f"{empty}: empty file", f"{tmp_path / 'gone.parquet'}: no such file"]


CLAIM = Claim(
    person="Pete Hegseth",
    country="USA",
    role="defence_minister",
    forum="nato-defence-ministers",
    meeting_date="2026-02",
    status="absent",
    certainty="reported",
    representative="Elbridge Colby",
    sources=(Source("anonymous", "a U.S. official"), Source("named", "the Pentagon")),
    evidence="Hegseth will skip it.",
    evidence_start=10,
    evidence_end=31,
)


def test_output_round_trips_documents_and_claims(tmp_path: Path) -> None:
    done = [
        Extraction(
            Document("x", "Text x.", dt.date(2026, 2, 9), "Title", "https://e.org/x", "E"),
            [CLAIM, CLAIM],
        ),
        Extraction(Document("y", "Nothing here."), []),
    ]
    write_part(
        done, tmp_path, "part-000000", OutputFormat.parquet, Compression.gzip, "emptychair 9"
    )
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.parquet")) == [
        "claims/month=2026-02/part-000000.parquet",
        "claims/month=unknown/part-000000.parquet",
        "documents/month=2026-02/part-000000.parquet",
        "documents/month=unknown/part-000000.parquet",
    ]
    back = [item for item in read_extracted(tmp_path) if not isinstance(item, ReadError)]
    assert back == [(e.document, e.claims) for e in done]
    assert back[0][1][0].evidence_start == 10  # offsets are not compared by ==, so check them
    assert extractor_versions(tmp_path) == {"emptychair 9"}
    # Each document carries the signature syndication would compute from its text,
    # and the hash that says whether its content is stored already.
    assert [item.signature for item in back] == [
        syndication.signature(e.document.text) for e in done
    ]
    assert [item.digest for item in back] == [content_hash(e.document) for e in done]


def test_output_without_signature_columns_still_loads(tmp_path: Path) -> None:
    """Output written before the ``minhash`` and ``content_hash`` columns: items carry
    no signature and no hash (bulk ingest computes both, as for plain items)."""
    done = [Extraction(Document("x", "Text x.", dt.date(2026, 2, 9)), [CLAIM])]
    write_part(done, tmp_path, "part-000000", OutputFormat.parquet, Compression.none, "v")
    part = tmp_path / "documents" / "month=2026-02" / "part-000000.parquet"
    old = pq.read_table(part).drop_columns(["minhash", "shingles", "content_hash"])
    pq.write_table(old, part)
    back = [item for item in read_extracted(tmp_path) if not isinstance(item, ReadError)]
    assert back == [(done[0].document, [CLAIM])]
    assert isinstance(back[0], SignedItem) and back[0].signature is None
    assert back[0].digest is None


def test_a_part_missing_its_claims_is_reported(tmp_path: Path) -> None:
    done = [Extraction(Document("x", "Text x.", dt.date(2026, 2, 9)), [CLAIM])]
    write_part(done, tmp_path, "part-000000", OutputFormat.parquet, Compression.none, "v")
    (tmp_path / "claims" / "month=2026-02" / "part-000000.parquet").unlink()
    (error,) = list(read_extracted(tmp_path))
    assert isinstance(error, ReadError) and "unreadable part" in error.message


def test_read_documents_reads_parquet_beside_other_kinds(tmp_path: Path) -> None:
    path = _write(tmp_path / "d.parquet", [{"id": "p1", "text": "Body.", "published": None}])
    text = tmp_path / "t.txt"
    text.write_text("Plain text body.", encoding="utf-8")
    found = list(read_documents([path, str(text)], dt.date(2025, 5, 1)))
    assert [d.id for d in found if isinstance(d, Document)] == ["p1", "t.txt"]
