"""Input paths to documents: pick the reader for each file and keep going past bad ones."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

from emptychair.model import Document
from emptychair.sources.errors import ReadError, UnreadableError
from emptychair.sources.html import html_document
from emptychair.sources.jsonl import read_jsonl_file, read_jsonl_stream
from emptychair.sources.raw import SNIFF_BYTES, is_binary, load_bytes
from emptychair.sources.text import text_document

STDIN = "-"
JSONL_SUFFIXES = (".jsonl", ".json", ".ndjson", ".jsonl.gz", ".json.gz", ".ndjson.gz")
HTML_SUFFIXES = (".html", ".htm")
TEXT_SUFFIXES = (".txt",)

WholeFileReader = Callable[[str, bytes, dt.date | None], Document]


def read_documents(
    paths: Iterable[str | Path],
    published: dt.date | None = None,
    stdin: TextIO | BinaryIO | None = None,
) -> Iterator[Document | ReadError]:
    """Every document in ``paths``, in order, with a ReadError for each unreadable one.

    ``.txt`` files are plain text, ``.html``/``.htm`` pages have their main text
    extracted, ``.jsonl``/``.json``/``.ndjson`` (optionally ``.gz``) hold FORMAT.md
    documents one per line, ``.parquet`` files hold them one per row, and ``-``
    reads JSONL from ``stdin`` (default ``sys.stdin``). Other files are sniffed:
    markup is HTML, the rest text.

    ``published`` is the publication date of text and HTML files (instead of the
    page's own); for JSONL it only fills in lines that have none. Nothing raised
    by bad input leaves the iterator.
    """
    for path in paths:
        name = str(path)
        if name == STDIN:
            yield from _read_stdin(stdin if stdin is not None else sys.stdin, published)
        elif name.lower().endswith(JSONL_SUFFIXES):
            yield from read_jsonl_file(name, published)
        elif name.lower().endswith(".parquet"):
            # pyarrow loads only when a Parquet file is read.
            from emptychair.sources.parquet import read_parquet_file

            yield from read_parquet_file(name, published)
        else:
            yield _read_whole_file(name, published)


def _read_stdin(
    stream: TextIO | BinaryIO, published: dt.date | None
) -> Iterator[Document | ReadError]:
    """JSONL documents from standard input."""
    # A text stream's underlying bytes let one undecodable line fail on its own
    # instead of raising out of the loop.
    source: Iterable[bytes | str] = getattr(stream, "buffer", stream)
    lines = yield from read_jsonl_stream(STDIN, source, published)
    if lines == 0:
        yield ReadError(STDIN, None, "empty input")


def _read_whole_file(name: str, published: dt.date | None) -> Document | ReadError:
    """One text or HTML file as a document, or the reason it cannot be one."""
    path = Path(name)
    try:
        data = load_bytes(path)
        if not data or data.isspace():
            raise UnreadableError("empty file")
        if is_binary(data):
            raise UnreadableError("binary file (NUL bytes)")
        return _reader_for(name, data)(path.name, data, published)
    except UnreadableError as exc:
        return ReadError(name, None, str(exc))


def _reader_for(name: str, data: bytes) -> WholeFileReader:
    """The reader by suffix; for any other name, HTML if it looks like markup, else text."""
    lower = name.lower()
    if lower.endswith(TEXT_SUFFIXES):
        return text_document
    if lower.endswith(HTML_SUFFIXES):
        return html_document
    head = data[:SNIFF_BYTES].removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    if head.startswith(b"<") or b"<html" in head:
        return html_document
    return text_document
