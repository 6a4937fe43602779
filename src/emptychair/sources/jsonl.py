"""JSON Lines documents (FORMAT.md), streamed one line at a time."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import zlib
from collections.abc import Generator, Iterable, Iterator
from dataclasses import replace
from typing import Any

from emptychair.model import Document
from emptychair.sources.errors import ReadError
from emptychair.sources.raw import SNIFF_BYTES, is_binary, os_error_message

_BOM = "\ufeff"


def read_jsonl_file(path: str, published: dt.date | None) -> Iterator[Document | ReadError]:
    """Every document of a ``.jsonl`` file (gzipped when the name ends in ``.gz``).

    A broken line gives a ReadError with its line number and reading goes on;
    ``published`` stands in for a line that has no date of its own.
    """
    try:
        with _open(path) as stream:
            if is_binary(stream.read(SNIFF_BYTES)):
                yield ReadError(path, None, "binary file (NUL bytes)")
                return
            stream.seek(0)
            lines = yield from read_jsonl_stream(path, stream, published)
    except (OSError, EOFError, zlib.error) as exc:
        yield ReadError(path, None, _stream_error_message(exc))
        return
    if lines == 0:
        yield ReadError(path, None, "empty file")


def read_jsonl_stream(
    name: str, stream: Iterable[bytes | str], published: dt.date | None
) -> Generator[Document | ReadError, None, int]:
    """Every document of an open JSONL stream; returns how many non-blank lines it held.

    A byte stream is best: each line is decoded on its own, so one line of bad
    UTF-8 costs that line only.
    """
    first_seen: dict[str, int] = {}
    lines = 0
    for number, raw in enumerate(stream, start=1):
        if isinstance(raw, bytes):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                lines += 1
                yield ReadError(name, number, f"not valid UTF-8 at byte {exc.start} of the line")
                continue
        else:
            line = raw
        if number == 1:
            line = line.removeprefix(_BOM)
        if not line.strip():
            continue
        lines += 1
        try:
            document = _parse(line)
        except ValueError as exc:
            yield ReadError(name, number, str(exc))
            continue
        if document.id in first_seen:
            message = f"duplicate id {document.id!r} (first on line {first_seen[document.id]})"
            yield ReadError(name, number, message)
            continue
        first_seen[document.id] = number
        if document.published is None and published is not None:
            document = replace(document, published=published)
        yield document
    return lines


def _parse(line: str) -> Document:
    """One line as a document; ValueError carries the message for the ReadError."""
    try:
        data: Any = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"line is not JSON: {exc.msg} (column {exc.colno})") from None
    except (ValueError, RecursionError) as exc:  # e.g. integers past Python's digit limit
        raise ValueError(f"line is not JSON: {exc}") from None
    if not isinstance(data, dict):
        raise ValueError("line is not a JSON object")
    if "text" not in data:
        raise ValueError("missing 'text'")
    return Document.from_dict(data)


def _open(path: str) -> gzip.GzipFile | io.BufferedReader:
    """The file as bytes, decompressed on the fly when it is gzipped."""
    if path.lower().endswith(".gz"):
        return gzip.open(path, "rb")
    return open(path, "rb")


def _stream_error_message(exc: OSError | EOFError | zlib.error) -> str:
    """A short human message for a file that fails while being opened or streamed."""
    if isinstance(exc, gzip.BadGzipFile):
        return "not a gzip file"
    if isinstance(exc, EOFError):
        return "gzip data ends early (truncated file)"
    if isinstance(exc, zlib.error):
        return f"corrupt gzip data: {exc}"
    return os_error_message(exc)
