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
from emptychair.model import Certainty, Claim, Document, Role, Source, Status
from emptychair.reconcile import syndication
from emptychair.sources.errors import ReadError
from emptychair.store.bulk_signing import SignedItem


def is_extracted_dir(path: Path) -> bool:
    """Whether ``path`` looks like Parquet output of ``emptychair extract``."""
    return (path / DOCUMENTS).is_dir()


def read_extracted(out: Path) -> Iterator[SignedItem | ReadError]:
    """Every document of an output directory with its claims, in part order.

    Each item carries the signature and content hash the extraction stored
    (``SignedItem``), or None for output written before those columns existed.
    """
    parts = sorted((out / DOCUMENTS).rglob("part-*.parquet"))
    if not parts:
        yield ReadError(str(out), None, "no documents/part-*.parquet files")
    for documents_file in parts:
        claims_file = out / CLAIMS / documents_file.relative_to(out / DOCUMENTS)
        try:
            # Column lists, not row dicts: a dict per row costs more than the rest of reading.
            documents = pq.read_table(documents_file).to_pydict()
            claims = pq.read_table(claims_file).to_pydict()
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
    name: str, documents: dict[str, list[Any]], claims: dict[str, list[Any]]
) -> Iterator[SignedItem | ReadError]:
    by_doc: dict[str, list[Claim]] = defaultdict(list)
    ordinals: dict[str, list[int]] = defaultdict(list)
    for doc_id, ordinal, *fields in zip(
        claims["doc_id"], claims["ordinal"], *(claims[c] for c in _CLAIM_FIELDS), strict=True
    ):
        if ordinal is not None:
            by_doc[doc_id].append(_claim(*fields))
            ordinals[doc_id].append(ordinal)
    count = len(documents["doc_id"])
    minhashes = documents.get("minhash", [None] * count)
    shingles = documents.get("shingles", [None] * count)
    digests = documents.get("content_hash", [None] * count)
    for number, (doc_id, text, published, title, url, outlet, listed, *stored) in enumerate(
        zip(
            documents["doc_id"],
            documents["text"],
            documents["published"],
            documents["title"],
            documents["url"],
            documents["outlet"],
            documents["claims"],
            minhashes,
            shingles,
            digests,
            strict=True,
        ),
        start=1,
    ):
        found = by_doc.get(doc_id, [])
        if len(found) != listed:
            message = f"document {doc_id!r}: {listed} claims listed, {len(found)} found"
            yield ReadError(name, number, message)
            continue
        order = ordinals[doc_id]
        if order != sorted(order):
            found = [c for _, c in sorted(zip(order, found, strict=True), key=lambda p: p[0])]
        document = Document(
            id=doc_id, text=text, published=published, title=title, url=url, outlet=outlet
        )
        minhash, grams, digest = stored
        signature = (
            None if minhash is None or grams is None else syndication.Signature(minhash, grams)
        )
        yield SignedItem(document, found, signature, digest)


_CLAIM_FIELDS = (
    "person",
    "country",
    "role",
    "forum",
    "meeting_date",
    "status",
    "certainty",
    "representative",
    "sources",
    "evidence",
    "evidence_start",
    "evidence_end",
)


def _claim(
    person: str | None,
    country: str | None,
    role: Role,
    forum: str,
    meeting_date: str | None,
    status: Status,
    certainty: Certainty,
    representative: str | None,
    sources: list[dict[str, Any]] | None,
    evidence: str | None,
    evidence_start: int | None,
    evidence_end: int | None,
) -> Claim:
    return Claim(
        person=person,
        country=country,
        role=role,
        forum=forum,
        meeting_date=meeting_date,
        status=status,
        certainty=certainty,
        representative=representative,
        sources=tuple(Source(kind=s["kind"], descriptor=s["descriptor"]) for s in sources or ()),
        evidence=evidence or "",
        evidence_start=evidence_start,
        evidence_end=evidence_end,
    )
