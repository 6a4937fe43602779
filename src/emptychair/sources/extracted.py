"""Reading back a Parquet output directory (``extract.output``): documents with their claims.

Parts are read one at a time, the documents file paired with the claims file of
the same name, so memory holds one part whatever the size of the directory.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from emptychair.extract.output import CLAIMS, DOCUMENTS
from emptychair.model import Claim, Document, Source
from emptychair.sources.errors import ReadError

Item = tuple[Document, list[Claim]]


def is_extracted_dir(path: Path) -> bool:
    """Whether ``path`` looks like Parquet output of ``emptychair extract``."""
    return (path / DOCUMENTS).is_dir()


def read_extracted(out: Path) -> Iterator[Item | ReadError]:
    """Every document of an output directory with its claims, in part order."""
    parts = sorted((out / DOCUMENTS).rglob("part-*.parquet"))
    if not parts:
        yield ReadError(str(out), None, "no documents/part-*.parquet files")
    for documents_file in parts:
        claims_file = out / CLAIMS / documents_file.relative_to(out / DOCUMENTS)
        try:
            documents = pq.read_table(documents_file).to_pylist()
            claims = pq.read_table(claims_file).to_pylist()
        except (OSError, pa.ArrowException) as exc:
            yield ReadError(str(documents_file), None, f"unreadable part: {exc}")
            continue
        yield from _pair(str(documents_file), documents, claims)


def extractor_versions(out: Path) -> set[str]:
    """The extractor versions recorded in an output directory's documents."""
    found: set[str] = set()
    for documents_file in (out / DOCUMENTS).rglob("part-*.parquet"):
        column = pq.read_table(documents_file, columns=["extractor"]).column("extractor")
        found.update(v for v in column.unique().to_pylist() if v)
    return found


def _pair(
    name: str, documents: list[dict[str, Any]], claims: list[dict[str, Any]]
) -> Iterator[Item | ReadError]:
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in claims:
        if row["ordinal"] is not None:
            by_doc[row["doc_id"]].append(row)
    for number, row in enumerate(documents, start=1):
        found = sorted(by_doc.get(row["doc_id"], []), key=lambda r: r["ordinal"])
        if len(found) != row["claims"]:
            message = (
                f"document {row['doc_id']!r}: {row['claims']} claims listed, {len(found)} found"
            )
            yield ReadError(name, number, message)
            continue
        document = Document(
            id=row["doc_id"],
            text=row["text"],
            published=row["published"],
            title=row["title"],
            url=row["url"],
            outlet=row["outlet"],
        )
        yield document, [_claim(r) for r in found]


def _claim(row: dict[str, Any]) -> Claim:
    return Claim(
        person=row["person"],
        country=row["country"],
        role=row["role"],
        forum=row["forum"],
        meeting_date=row["meeting_date"],
        status=row["status"],
        certainty=row["certainty"],
        representative=row["representative"],
        sources=tuple(
            Source(kind=s["kind"], descriptor=s["descriptor"]) for s in row["sources"] or ()
        ),
        evidence=row["evidence"] or "",
        evidence_start=row["evidence_start"],
        evidence_end=row["evidence_end"],
    )
