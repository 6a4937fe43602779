"""Plain-text files."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from emptychair.model import Document
from emptychair.sources import ReadError, read_documents

STORY = (
    "Defence chief to skip Brussels meeting\n"
    "\n"
    "The defence minister will not attend next week's NATO meeting, two officials said.\n"
    "\n"
    "Her deputy is expected to travel instead.\n"
)


def test_text_file_becomes_one_document(read_one) -> None:
    [doc] = read_one("report.txt", STORY)
    assert isinstance(doc, Document)
    assert doc.id == "report.txt"
    assert doc.title == "Defence chief to skip Brussels meeting"
    assert doc.text == STORY.strip()  # the headline stays in the text
    assert doc.published is None


def test_published_argument_dates_the_document(read_one) -> None:
    [doc] = read_one("report.txt", STORY, published=dt.date(2025, 6, 20))
    assert isinstance(doc, Document)
    assert doc.published == dt.date(2025, 6, 20)


def test_title_is_first_non_empty_line(read_one) -> None:
    [doc] = read_one("a.txt", "\n\n  Summit plans change  \nThe leaders will meet in May.\n")
    assert isinstance(doc, Document)
    assert doc.title == "Summit plans change"


def test_first_line_ending_with_period_is_no_title(read_one) -> None:
    [doc] = read_one("a.txt", "The president will attend the summit.\nMore follows.\n")
    assert isinstance(doc, Document)
    assert doc.title is None
    assert doc.text.startswith("The president will attend the summit.")


def test_long_first_line_is_no_title(read_one) -> None:
    line = "The foreign minister said " + "talks would go on " * 12
    assert len(line.strip()) >= 200
    [doc] = read_one("a.txt", line + "\nSecond line\n")
    assert isinstance(doc, Document)
    assert doc.title is None


def test_windows_line_endings_and_bom_are_normalised(read_one) -> None:
    data = "\ufeffTalks resume\r\n\r\nThe envoy arrived on Monday.\r\n".encode()
    [doc] = read_one("a.txt", data)
    assert isinstance(doc, Document)
    assert doc.text == "Talks resume\n\nThe envoy arrived on Monday."
    assert doc.title == "Talks resume"


def test_invalid_utf8_names_the_byte_offset(read_one) -> None:
    [error] = read_one("bad.txt", b"Ministers met in Oslo.\n\xffmore")
    assert isinstance(error, ReadError)
    assert error.line is None
    assert error.message == "not valid UTF-8 at byte 23"


def test_empty_and_blank_files_are_errors(read_one) -> None:
    [empty] = read_one("empty.txt", b"")
    [blank] = read_one("blank.txt", b" \n\t\r\n  ")
    assert isinstance(empty, ReadError) and empty.message == "empty file"
    assert isinstance(blank, ReadError) and blank.message == "empty file"


def test_nul_bytes_mean_binary(read_one) -> None:
    [error] = read_one("image.txt", b"GIF89a\x00\x01\x02 plenty of text after")
    assert isinstance(error, ReadError)
    assert error.message == "binary file (NUL bytes)"


def test_fifty_megabyte_file_is_read_whole(tmp_path: Path) -> None:
    paragraph = "The summit opened in Brussels with twenty-seven leaders present.\n\n"
    body = paragraph * (50_000_000 // len(paragraph))
    path = tmp_path / "big.txt"
    path.write_text("Long record\n\n" + body, encoding="utf-8")
    assert path.stat().st_size >= 49_000_000
    start = time.perf_counter()
    [doc] = read_documents([path])
    elapsed = time.perf_counter() - start
    assert isinstance(doc, Document)
    assert len(doc.text) == len("Long record\n\n" + body.strip())
    assert doc.title == "Long record"
    # Generous bound: one read and one decode take well under a second here.
    assert elapsed < 15
