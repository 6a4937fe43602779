"""Extract claims from many documents, one failure never stopping the rest."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TextIO

from emptychair.extract.pipeline import extract
from emptychair.model import Claim, Document
from emptychair.sources import ReadError, read_documents


@dataclass(frozen=True)
class Extraction:
    """A document and the claims found in it."""

    document: Document
    claims: list[Claim]

    def to_json(self) -> str:
        """The FORMAT.md output line: ``{"id": ..., "claims": [...]}``."""
        return json.dumps(
            {"id": self.document.id, "claims": [c.to_dict() for c in self.claims]},
            ensure_ascii=False,
        )


def extract_paths(
    paths: Iterable[str | Path],
    published: dt.date | None = None,
    stdin: TextIO | BinaryIO | None = None,
) -> Iterator[Extraction | ReadError]:
    """Read every path and extract each readable document, in input order.

    Unreadable input and documents the extractor fails on come out as
    ``ReadError`` items naming the file (and line, or document id).
    """
    for item in read_documents(paths, published=published, stdin=stdin):
        if isinstance(item, ReadError):
            yield item
            continue
        try:
            yield Extraction(item, extract(item))
        except Exception as exc:  # one bad document must not end the batch
            yield ReadError(item.id, None, f"extraction failed: {type(exc).__name__}: {exc}")
