"""Plain-text files: the whole file is the document's text."""

from __future__ import annotations

import datetime as dt

from emptychair.model import Document
from emptychair.sources.errors import UnreadableError
from emptychair.sources.raw import decode_utf8

# A first line this long is a paragraph, not a headline.
TITLE_MAX_CHARS = 200


def text_document(name: str, data: bytes, published: dt.date | None) -> Document:
    """A document from a UTF-8 text file's bytes, with its headline as title when it has one."""
    text = decode_utf8(data).replace("\r\n", "\n").strip()
    if not text:
        raise UnreadableError("empty file")
    return Document(id=name, text=text, published=published, title=_title(text))


def _title(text: str) -> str | None:
    """The first line, when it reads as a headline: short and not a finished sentence."""
    # Only the head is sliced, so a huge single-line file costs nothing here.
    first = text[: TITLE_MAX_CHARS + 1].split("\n", 1)[0].strip()
    if len(first) >= TITLE_MAX_CHARS or first.endswith("."):
        return None
    return first
