"""Many inputs for a batch run: directories and globs expanded, Parquet read beside the rest.

A date-partitioned archive is a directory tree (``news/day=2025-11-14/part-0.parquet``)
or a glob over one (``news/2025-*/*.jsonl.gz``); both become the files they hold,
in sorted order, so a run is reproducible.
"""

from __future__ import annotations

import datetime as dt
import glob
from collections.abc import Iterable, Iterator
from pathlib import Path

from emptychair.model import Document
from emptychair.sources.errors import ReadError
from emptychair.sources.parquet import PARQUET_SUFFIXES, is_parquet, read_parquet_file
from emptychair.sources.read import JSONL_SUFFIXES, read_documents

BATCH_SUFFIXES = JSONL_SUFFIXES + PARQUET_SUFFIXES
_GLOB_CHARS = frozenset("*?[")


def expand_inputs(inputs: Iterable[str | Path]) -> Iterator[str | ReadError]:
    """Each input as the files it names; a ReadError for a glob or directory with none.

    Directories are walked for JSONL(.gz) and Parquet files (others, such as
    ``_SUCCESS`` markers, are skipped); globs are matched recursively (``**``).
    A plain path is passed on as given, so a missing file is reported by its reader.
    """
    for given in inputs:
        name = str(given)
        if Path(name).is_dir():
            found = sorted(
                str(p) for p in Path(name).rglob("*") if p.is_file() and _is_batch_input(p.name)
            )
            if not found:
                yield ReadError(name, None, "directory holds no JSONL or Parquet files")
        elif _GLOB_CHARS & set(name):
            found = sorted(p for p in glob.glob(name, recursive=True) if Path(p).is_file())
            if not found:
                yield ReadError(name, None, "no files match")
        else:
            found = [name]
        yield from found


def read_inputs(
    inputs: Iterable[str | Path], published: dt.date | None = None
) -> Iterator[Document | ReadError]:
    """Every document of every input (after ``expand_inputs``), Parquet included."""
    for path in expand_inputs(inputs):
        if isinstance(path, ReadError):
            yield path
        elif is_parquet(path):
            yield from read_parquet_file(path, published)
        else:
            yield from read_documents([path], published=published)


def _is_batch_input(name: str) -> bool:
    return name.lower().endswith(BATCH_SUFFIXES)
