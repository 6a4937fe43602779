"""HTML pages: the main text and metadata, as trafilatura extracts them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import trafilatura
from trafilatura.settings import Document as Extraction
from trafilatura.xml import xmltotxt

from emptychair.model import Document, parse_day
from emptychair.sources.errors import UnreadableError
from emptychair.sources.raw import decode_utf8

# Metadata dates only: the extensive search also takes dates named in the body
# ("on 3 March"), and a wrong publication date misplaces every relative date.
_DATE_PARAMS: dict[str, Any] = {"extensive_search": False, "original_date": True}


def html_document(name: str, data: bytes, published: dt.date | None) -> Document:
    """A document from an HTML page's main text; ``published`` overrides the page's own date."""
    markup: str | bytes
    try:
        markup = decode_utf8(data)
    except UnreadableError:
        markup = data  # trafilatura then honours the page's declared charset
    try:
        extraction = trafilatura.bare_extraction(
            markup,
            include_comments=False,
            include_tables=False,
            with_metadata=True,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as exc:  # lxml and trafilatura fail in many ways on broken markup
        raise UnreadableError(f"HTML could not be parsed: {exc}") from None
    if not isinstance(extraction, Extraction):
        raise UnreadableError("no main text found")
    text = _paragraphs(extraction)
    if not text:
        raise UnreadableError("no main text found")
    return Document(
        id=name,
        text=text,
        published=published if published is not None else _day(extraction.date),
        title=extraction.title or None,
        url=extraction.url or None,
        outlet=extraction.sitename or None,
    )


def _paragraphs(extraction: Extraction) -> str:
    """The main text's blocks, separated by blank lines as FORMAT.md wants."""
    if extraction.body is None:
        return ""
    # trafilatura's own text output puts one newline between blocks, the same as a <br>.
    blocks = (xmltotxt(block, include_formatting=False).strip() for block in extraction.body)
    return "\n\n".join(block for block in blocks if block)


def _day(value: str | None) -> dt.date | None:
    """The extracted date as a day, or None when there is none or it is malformed."""
    if not value:
        return None
    try:
        return parse_day(value[:10])
    except ValueError:
        return None
