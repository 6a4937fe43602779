"""read_documents: dispatch, sniffing, stdin, and carrying on past bad paths."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

from emptychair.model import Document
from emptychair.sources import ReadError, read_documents

STORY = "Leaders gather in The Hague\n\nThe prime minister will attend the summit, aides said.\n"
PAGE = (
    "<html><head><title>Summit opens</title></head><body><article>"
    "<p>The summit opened on Tuesday with thirty-two leaders in the hall.</p>"
    "</article></body></html>"
)


def jsonl(*docs: dict[str, object]) -> str:
    return "".join(json.dumps(doc) + "\n" for doc in docs)


def test_bad_paths_are_reported_and_good_ones_still_read(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(STORY, encoding="utf-8")
    folder = tmp_path / "folder"
    folder.mkdir()
    jsonl_folder = tmp_path / "looks.jsonl"
    jsonl_folder.mkdir()
    missing = tmp_path / "missing.txt"
    missing_jsonl = tmp_path / "missing.jsonl"
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")

    read = list(read_documents([missing, good, folder, missing_jsonl, jsonl_folder, page]))

    assert read[0] == ReadError(str(missing), None, "no such file")
    assert isinstance(read[1], Document) and read[1].id == "good.txt"
    assert read[2] == ReadError(str(folder), None, "is a directory")
    assert read[3] == ReadError(str(missing_jsonl), None, "no such file")
    assert read[4] == ReadError(str(jsonl_folder), None, "is a directory")
    assert isinstance(read[5], Document) and read[5].id == "page.html"
    assert len(read) == 6


def test_path_is_kept_as_given(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    [error] = read_documents(["sub/../nowhere.txt"])
    assert isinstance(error, ReadError)
    assert error.path == "sub/../nowhere.txt"
    assert str(error) == "sub/../nowhere.txt: no such file"


def test_read_error_string_forms() -> None:
    assert str(ReadError("docs.jsonl", 7, "missing 'text'")) == "docs.jsonl:7: missing 'text'"
    assert str(ReadError("a.txt", None, "empty file")) == "a.txt: empty file"


def test_unknown_suffix_text_is_read_as_text(read_one) -> None:
    [doc] = read_one("NOTES", STORY)
    assert isinstance(doc, Document)
    assert doc.id == "NOTES"
    assert doc.title == "Leaders gather in The Hague"
    assert doc.text == STORY.strip()


def test_unknown_suffix_markup_is_read_as_html(read_one) -> None:
    [doc] = read_one("page.php", "\n  " + PAGE)
    assert isinstance(doc, Document)
    assert doc.text == "The summit opened on Tuesday with thirty-two leaders in the hall."
    assert doc.title == "Summit opens"


def test_unknown_suffix_neither_text_nor_markup(read_one) -> None:
    [error] = read_one("blob.dat", b"\x89\xfe\xfa binary-ish but no NUL")
    assert isinstance(error, ReadError)
    assert error.message == "not valid UTF-8 at byte 0"
    [error] = read_one("blob.bin", b"\x7fELF\x02\x01\x01\x00\x00")
    assert isinstance(error, ReadError)
    assert error.message == "binary file (NUL bytes)"


def test_suffix_is_matched_case_insensitively(read_one) -> None:
    [doc] = read_one("PAGE.HTML", PAGE)
    assert isinstance(doc, Document)
    assert doc.text.startswith("The summit opened")
    [doc] = read_one("DOCS.JSONL", jsonl({"id": "x1", "text": "The minister attended."}))
    assert isinstance(doc, Document) and doc.id == "x1"


def test_published_sets_text_and_backs_up_jsonl(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    lines = tmp_path / "docs.jsonl"
    lines.write_text(
        jsonl(
            {"id": "dated", "published": "2025-06-24", "text": "The summit opened."},
            {"id": "undated", "text": "The summit closed."},
        ),
        encoding="utf-8",
    )
    day = dt.date(2025, 6, 25)
    read = list(read_documents([story, lines], published=day))
    assert all(isinstance(item, Document) for item in read)
    assert [(d.id, d.published) for d in read if isinstance(d, Document)] == [
        ("story.txt", day),
        ("dated", dt.date(2025, 6, 24)),
        ("undated", day),
    ]


def test_stdin_text_stream() -> None:
    stream = io.StringIO(jsonl({"id": "s1", "text": "The envoy flew to Riyadh."}, {"id": "s2"}))
    read = list(read_documents(["-"], stdin=stream))
    assert isinstance(read[0], Document) and read[0].id == "s1"
    assert read[1] == ReadError("-", 2, "missing 'text'")
    assert len(read) == 2


def test_stdin_bytes_with_a_bad_line() -> None:
    data = (
        jsonl({"id": "s1", "text": "The envoy flew to Riyadh."}).encode()
        + b'{"id": "s2", "text": "\xff"}\n'
        + jsonl({"id": "s3", "text": "The envoy flew home."}).encode()
    )
    read = list(read_documents(["-"], stdin=io.BytesIO(data)))
    assert [item.id for item in read if isinstance(item, Document)] == ["s1", "s3"]
    assert [item for item in read if isinstance(item, ReadError)] == [
        ReadError("-", 2, "not valid UTF-8 at byte 22 of the line")
    ]


def test_stdin_text_wrapper_reads_underlying_bytes() -> None:
    # Like sys.stdin: a strict UTF-8 text wrapper would raise out of the loop on the bad line.
    data = b'{"id": "s1", "text": "\xff"}\n' + jsonl({"id": "s2", "text": "Fine."}).encode()
    wrapper = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    read = list(read_documents(["-"], stdin=wrapper))
    assert read[0] == ReadError("-", 1, "not valid UTF-8 at byte 22 of the line")
    assert isinstance(read[1], Document) and read[1].id == "s2"


def test_stdin_defaults_to_sys_stdin(monkeypatch) -> None:
    data = jsonl({"id": "s1", "text": "The summit ended."}).encode()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    [doc] = read_documents(["-"])
    assert isinstance(doc, Document) and doc.id == "s1"


def test_empty_stdin() -> None:
    assert list(read_documents(["-"], stdin=io.StringIO(""))) == [
        ReadError("-", None, "empty input")
    ]
