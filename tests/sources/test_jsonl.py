"""JSON Lines documents: per-line errors, streaming, gzip."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from emptychair.model import Document
from emptychair.sources import ReadError, read_documents
from emptychair.sources.jsonl import read_jsonl_stream


def line(**fields: object) -> bytes:
    return json.dumps(fields).encode() + b"\n"


GOOD_1 = line(id="a1", published="2025-06-20", title="Hegseth to skip", text="He will skip it.")
GOOD_2 = line(id="a2", published="2025-06-21", title=None, text="The envoy attended.")
GOOD_3 = line(id="a3", text="The chancellor will attend.", claims=[{"forum": "nato-summit"}])

MIXED = b"".join(
    [
        GOOD_1,  # 1
        b'{"id": "b1", "text": \n',  # 2: broken JSON
        b"\n",  # 3: blank, skipped
        b'{"id": "b2", "text": "caf\xe9 talks"}\n',  # 4: Latin-1 byte, not UTF-8
        GOOD_2,  # 5
        line(id="a1", text="A second story under the same id."),  # 6: duplicate
        line(id="b3", title="No body"),  # 7: no text
        line(id="b4", published="2025-13-01", text="Bad date."),  # 8
        b'["a", "list"]\n',  # 9: not an object
        line(text="Who am I?"),  # 10: no id
        GOOD_3,  # 11, with gold claims to ignore
    ]
)


def items(path: Path, **kwargs: Any) -> tuple[list[Document], list[ReadError]]:
    read = list(read_documents([path], **kwargs))
    return (
        [x for x in read if isinstance(x, Document)],
        [x for x in read if isinstance(x, ReadError)],
    )


def test_broken_lines_are_reported_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_bytes(MIXED)
    docs, errors = items(path)
    assert [d.id for d in docs] == ["a1", "a2", "a3"]
    assert [(e.path, e.line) for e in errors] == [
        (str(path), 2),
        (str(path), 4),
        (str(path), 6),
        (str(path), 7),
        (str(path), 8),
        (str(path), 9),
        (str(path), 10),
    ]
    messages = [e.message for e in errors]
    assert messages[0].startswith("line is not JSON: Expecting value")
    assert messages[1:] == [
        "not valid UTF-8 at byte 25 of the line",
        "duplicate id 'a1' (first on line 1)",
        "missing 'text'",
        "published '2025-13-01' is not YYYY-MM-DD",
        "line is not a JSON object",
        "missing 'id'",
    ]


def test_first_of_duplicate_ids_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_bytes(MIXED)
    docs, _ = items(path)
    first = docs[0]
    assert first.text == "He will skip it."
    assert first.title == "Hegseth to skip"
    assert first.published == dt.date(2025, 6, 20)


def test_published_is_only_a_fallback(tmp_path: Path) -> None:
    path = tmp_path / "docs.json"
    path.write_bytes(GOOD_1 + GOOD_3)
    docs, errors = items(path, published=dt.date(2024, 1, 15))
    assert errors == []
    assert [d.published for d in docs] == [dt.date(2025, 6, 20), dt.date(2024, 1, 15)]


def test_gzipped_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl.gz"
    path.write_bytes(gzip.compress(GOOD_1 + GOOD_2))
    docs, errors = items(path)
    assert errors == []
    assert [d.id for d in docs] == ["a1", "a2"]


def test_truncated_gzip_keeps_what_came_before(tmp_path: Path) -> None:
    body = b"".join(line(id=f"n{i}", text=f"Report number {i} on the summit.") for i in range(2000))
    packed = gzip.compress(body)
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(packed[: len(packed) // 2])
    docs, errors = items(path)
    assert len(docs) > 0
    assert [d.id for d in docs] == [f"n{i}" for i in range(len(docs))]
    assert errors == [ReadError(str(path), None, "gzip data ends early (truncated file)")]


def test_file_that_is_not_gzip(tmp_path: Path) -> None:
    path = tmp_path / "plain.jsonl.gz"
    path.write_bytes(GOOD_1)
    assert items(path) == ([], [ReadError(str(path), None, "not a gzip file")])


def test_empty_and_blank_jsonl(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.jsonl"
    blank.write_bytes(b"\n  \n\r\n")
    _, errors = items(empty)
    assert errors == [ReadError(str(empty), None, "empty file")]
    _, errors = items(blank)
    assert errors == [ReadError(str(blank), None, "empty file")]


def test_binary_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "data.jsonl"
    path.write_bytes(GOOD_1 + b"\x00\x01\x02\x03" * 10)
    assert items(path) == ([], [ReadError(str(path), None, "binary file (NUL bytes)")])


def test_byte_order_mark_on_first_line(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD_1)
    docs, errors = items(path)
    assert errors == []
    assert [d.id for d in docs] == ["a1"]


def test_stream_is_consumed_line_by_line() -> None:
    def lines() -> Iterator[bytes]:
        yield GOOD_1
        raise AssertionError("read past the first document")

    reader = read_jsonl_stream("feed", lines(), None)
    first = next(reader)
    assert isinstance(first, Document) and first.id == "a1"


def test_large_file_is_streamed_not_loaded(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    text = "Officials said the minister would attend the summit in person. " * 15
    with path.open("wb") as out:
        for i in range(20_000):
            out.write(line(id=f"d{i}", text=text))
    size = path.stat().st_size
    assert size > 15_000_000
    tracemalloc.start()
    try:
        count = sum(1 for item in read_documents([path]) if isinstance(item, Document))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 20_000
    # The id index grows with the file; the text never sits in memory all at once.
    assert peak < size / 4
