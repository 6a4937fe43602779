"""Writing a batch run's output: partitioned Parquet tables or JSON Lines part files.

Parquet output (``OUT/``), Hive-partitioned by the documents' publication month::

    OUT/documents/month=2025-11/part-000003.parquet   one row per document
    OUT/claims/month=2025-11/part-000003.parquet      one row per claim, and one
                                                       per document without claims

Both tables of a part hold the same documents, so a reader can pair them file by
file; ``month`` is ``YYYY-MM`` or ``unknown``. The columns:

``documents``: ``doc_id`` (string), ``published`` (date32), ``title``, ``url``,
``outlet``, ``text`` (strings), ``claims`` (int32: how many), ``extractor``
(string: the extractor version that produced them), ``minhash`` (binary) and
``shingles`` (int32): the text's ``reconcile.syndication.signature``, and
``content_hash`` (string: ``model.content_hash``), computed here, where documents
are spread over workers, so that storing the output does not have to (absent
from output written before the columns existed; readers then compute them).

``claims``: ``doc_id`` (string), ``ordinal`` (int32: the claim's position in the
document's output; null on the row of a document without claims), the FORMAT.md
fields ``person``, ``country``, ``role``, ``forum``, ``meeting_date``, ``status``,
``certainty``, ``representative``, ``evidence`` (strings; all null on a
no-claims row), ``sources`` (list of struct ``kind``, ``descriptor``), and
``evidence_start``/``evidence_end`` (int32, the evidence's offsets in the text).

JSON Lines output: ``OUT/part-000003.jsonl[.gz]``, one line per document exactly
as ``emptychair extract`` writes it; the parts in name order are the input order.

Every file is written under a temporary name and renamed, so a killed run leaves
whole parts only.
"""

from __future__ import annotations

import gzip
import os
from collections import defaultdict
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from emptychair.extract.batch import Extraction
from emptychair.model import content_hash
from emptychair.reconcile import syndication


class OutputFormat(StrEnum):
    """What a batch run writes."""

    parquet = "parquet"
    jsonl = "jsonl"


class Compression(StrEnum):
    """gzip (JSON Lines: ``.jsonl.gz``; Parquet: the gzip codec), zstd (Parquet only) or none."""

    gzip = "gzip"
    zstd = "zstd"
    none = "none"


def default_compression(form: OutputFormat) -> Compression:
    """zstd for Parquet (gzip made writing a part cost as much as extracting it),
    gzip for JSON Lines (what every tool reads)."""
    return Compression.zstd if form is OutputFormat.parquet else Compression.gzip


DOCUMENTS = "documents"
CLAIMS = "claims"
UNKNOWN_MONTH = "unknown"

_SOURCE = pa.struct([("kind", pa.string()), ("descriptor", pa.string())])
DOCUMENT_SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()),
        ("published", pa.date32()),
        ("title", pa.string()),
        ("url", pa.string()),
        ("outlet", pa.string()),
        ("text", pa.string()),
        ("claims", pa.int32()),
        ("extractor", pa.string()),
        ("minhash", pa.binary()),
        ("shingles", pa.int32()),
        ("content_hash", pa.string()),
    ]
)
CLAIM_SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()),
        ("ordinal", pa.int32()),
        ("person", pa.string()),
        ("country", pa.string()),
        ("role", pa.string()),
        ("forum", pa.string()),
        ("meeting_date", pa.string()),
        ("status", pa.string()),
        ("certainty", pa.string()),
        ("representative", pa.string()),
        ("sources", pa.list_(_SOURCE)),
        ("evidence", pa.string()),
        ("evidence_start", pa.int32()),
        ("evidence_end", pa.int32()),
    ]
)


def write_part(
    extractions: Sequence[Extraction],
    out: Path,
    part: str,
    form: OutputFormat,
    compression: Compression,
    extractor: str,
) -> None:
    """Write one part (a batch of documents) under ``out`` in the chosen format."""
    if form is OutputFormat.jsonl:
        _write_jsonl(extractions, out, part, compression)
    else:
        _write_parquet(extractions, out, part, compression, extractor)


def month_of(extraction: Extraction) -> str:
    """The partition a document goes to: its publication month, or ``unknown``."""
    day = extraction.document.published
    return f"{day:%Y-%m}" if day else UNKNOWN_MONTH


def _write_jsonl(
    extractions: Sequence[Extraction], out: Path, part: str, compression: Compression
) -> None:
    if compression is Compression.zstd:
        raise ValueError("zstd compresses Parquet output only; JSON Lines take gzip or none")
    lines = "".join(e.to_json() + "\n" for e in extractions).encode("utf-8")
    if compression is Compression.gzip:
        # mtime=0: the same input gives byte-identical output.
        _atomic_write(out / f"{part}.jsonl.gz", gzip.compress(lines, mtime=0))
    else:
        _atomic_write(out / f"{part}.jsonl", lines)


def _write_parquet(
    extractions: Sequence[Extraction],
    out: Path,
    part: str,
    compression: Compression,
    extractor: str,
) -> None:
    by_month: dict[str, list[Extraction]] = defaultdict(list)
    for extraction in extractions:
        by_month[month_of(extraction)].append(extraction)
    codec = compression.value
    for month, group in sorted(by_month.items()):
        documents = pa.Table.from_pylist(
            [_document_row(e, extractor) for e in group], DOCUMENT_SCHEMA
        )
        claims = pa.Table.from_pylist([row for e in group for row in _claim_rows(e)], CLAIM_SCHEMA)
        # Claims first: a reader pairs by the documents file, so it only sees whole parts.
        _atomic_table(claims, out / CLAIMS / f"month={month}" / f"{part}.parquet", codec)
        _atomic_table(documents, out / DOCUMENTS / f"month={month}" / f"{part}.parquet", codec)


def _document_row(extraction: Extraction, extractor: str) -> dict[str, Any]:
    document = extraction.document
    signature = syndication.signature(document.text)
    return {
        "doc_id": document.id,
        "published": document.published,
        "title": document.title,
        "url": document.url,
        "outlet": document.outlet,
        "text": document.text,
        "claims": len(extraction.claims),
        "extractor": extractor,
        "minhash": signature.hashvalues,
        "shingles": signature.shingles,
        "content_hash": content_hash(document),
    }


def _claim_rows(extraction: Extraction) -> list[dict[str, Any]]:
    doc_id = extraction.document.id
    if not extraction.claims:
        return [{"doc_id": doc_id, "ordinal": None, "sources": None}]
    return [
        claim.to_dict()
        | {
            "doc_id": doc_id,
            "ordinal": ordinal,
            "evidence_start": claim.evidence_start,
            "evidence_end": claim.evidence_end,
        }
        for ordinal, claim in enumerate(extraction.claims)
    ]


def _atomic_table(table: pa.Table, path: Path, codec: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    pq.write_table(table, partial, compression=codec)
    os.replace(partial, path)


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_bytes(data)
    os.replace(partial, path)
