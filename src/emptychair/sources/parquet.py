"""Parquet documents (FORMAT.md columns), streamed a row batch at a time.

A Parquet file of documents has the FORMAT.md fields as columns: ``id`` and
``text`` are required; ``published`` (a date, a timestamp or ``YYYY-MM-DD``
text), ``title``, ``url`` and ``outlet`` are used when present; anything else
(gold ``claims`` included) is never read. A bad row gives a ReadError whose
``line`` is the 1-based row number in the file, and reading goes on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from emptychair.model import Document
from emptychair.sources.errors import ReadError

PARQUET_SUFFIXES = (".parquet", ".parq")
REQUIRED = ("id", "text")
OPTIONAL = ("published", "title", "url", "outlet")
# Rows per batch read: enough to amortise Arrow's per-batch cost, small enough
# that a file of long articles never sits whole in memory.
BATCH_ROWS = 1024


def is_parquet(path: str) -> bool:
    """Whether the name says Parquet."""
    return path.lower().endswith(PARQUET_SUFFIXES)


def read_parquet_file(path: str, published: dt.date | None) -> Iterator[Document | ReadError]:
    """Every document of a Parquet file, with a ReadError per unreadable row or file.

    ``published`` fills in rows that have no date of their own, as for JSONL.
    """
    try:
        parquet = pq.ParquetFile(path)
    except FileNotFoundError:
        yield ReadError(path, None, "no such file")
        return
    except (OSError, pa.ArrowException) as exc:
        yield ReadError(path, None, f"not a readable Parquet file: {exc}")
        return
    names = set(parquet.schema_arrow.names)
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        yield ReadError(path, None, f"missing column(s): {', '.join(missing)}")
        return
    if parquet.metadata.num_rows == 0:
        yield ReadError(path, None, "empty file")
        return
    columns = [c for c in (*REQUIRED, *OPTIONAL) if c in names]
    first_seen: dict[str, int] = {}
    row = 0
    try:
        for batch in parquet.iter_batches(batch_size=BATCH_ROWS, columns=columns):
            for data in batch.to_pylist():
                row += 1
                yield _document(path, row, data, published, first_seen)
    except (OSError, pa.ArrowException) as exc:
        yield ReadError(path, row + 1, f"corrupt Parquet data: {exc}")


def _document(
    path: str,
    row: int,
    data: dict[str, Any],
    published: dt.date | None,
    first_seen: dict[str, int],
) -> Document | ReadError:
    """One row as a document, or the reason it is not one."""
    day = data.get("published")
    if isinstance(day, dt.datetime):  # a timestamp column: its calendar day
        data["published"] = day.date()
    try:
        document = Document.from_dict(data)
    except ValueError as exc:
        return ReadError(path, row, str(exc))
    if document.id in first_seen:
        return ReadError(
            path, row, f"duplicate id {document.id!r} (first on row {first_seen[document.id]})"
        )
    first_seen[document.id] = row
    if document.published is None and published is not None:
        document = replace(document, published=published)
    return document
