"""Ingest: documents and their claims into the store, idempotently, one transaction per batch.

A document is known by its content hash and, when it has one, its URL. The same
content again is skipped and adds no claim; the same URL with new content is a
corrected re-publication whose claims replace the old ones. Each batch commits
as a whole, so a killed process leaves whole batches behind and a re-run skips
them and completes the rest.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from sqlalchemy import Connection, Engine, delete, insert, select, update

from emptychair.model import CERTAINTIES, ROLES, STATUSES, Claim, Document, Source
from emptychair.reconcile import syndication
from emptychair.reconcile.meetings import parse_meeting_date
from emptychair.store import placement, records
from emptychair.store.engine import write_transaction
from emptychair.store.lookups import Lookups
from emptychair.store.schema import claim_sources, claims, documents

DEFAULT_BATCH = 50
Item = tuple[Document, Sequence[Claim]]
Pair = tuple[int, int]


@dataclass(frozen=True)
class IngestReport:
    """What one ingest did."""

    documents: int = 0
    """Documents offered."""
    added: int = 0
    replaced: int = 0
    """Corrected re-publications (same URL, new content) whose claims were replaced."""
    unchanged: int = 0
    """Documents already stored (same content or same URL and content): nothing added."""
    claims_added: int = 0
    claims_removed: int = 0
    batches: int = 0
    rejected: tuple[str, ...] = ()
    """Claims not stored, each with the reason."""

    def __add__(self, other: IngestReport) -> IngestReport:
        return IngestReport(
            documents=self.documents + other.documents,
            added=self.added + other.added,
            replaced=self.replaced + other.replaced,
            unchanged=self.unchanged + other.unchanged,
            claims_added=self.claims_added + other.claims_added,
            claims_removed=self.claims_removed + other.claims_removed,
            batches=self.batches + other.batches,
            rejected=self.rejected + other.rejected,
        )


@dataclass
class _Batch:
    """Tallies and touched records of one batch, while its transaction is open."""

    report: IngestReport = field(default_factory=IngestReport)
    touched: set[Pair] = field(default_factory=set)


def content_hash(document: Document) -> str:
    """SHA-256 of the title and text, whitespace-normalised: what "same content" means."""
    body = " ".join((document.title or "").split()) + "\n" + " ".join(document.text.split())
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def ingest(
    engine: Engine,
    items: Iterable[Item],
    extractor_version: str,
    batch_size: int = DEFAULT_BATCH,
) -> IngestReport:
    """Store ``items`` (a document with its claims each), ``batch_size`` documents a transaction."""
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    total = IngestReport()
    for chunk in _chunks(items, batch_size):
        with write_transaction(engine) as connection:
            batch = _Batch()
            lookups = Lookups(connection)
            for document, found in chunk:
                _write_document(connection, lookups, batch, document, found, extractor_version)
            records.refresh(connection, batch.touched)
        total += batch.report + IngestReport(batches=1)
    return total


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """Items in lists of ``size``, read before the transaction opens (extraction is slow)."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _write_document(
    connection: Connection,
    lookups: Lookups,
    batch: _Batch,
    document: Document,
    found: Sequence[Claim],
    version: str,
) -> None:
    digest = content_hash(document)
    tally = IngestReport(documents=1)
    same = connection.execute(
        select(documents.c.id).where(documents.c.content_hash == digest)
    ).scalar()
    prior = None
    if same is None and document.url:
        prior = connection.execute(
            select(documents.c.id).where(documents.c.url == document.url)
        ).scalar()
    if same is not None:
        batch.report += tally + IngestReport(unchanged=1)
        return
    signature = syndication.signature(document.text)
    values = {
        "external_id": document.id,
        "content_hash": digest,
        "url": document.url,
        "outlet": document.outlet,
        "published": document.published,
        "title": document.title,
        "text": document.text,
        "extractor_version": version,
        "ingested_at": dt.datetime.now(dt.UTC),
        "shingles": signature.shingles,
        "minhash": signature.hashvalues,
    }
    if prior is not None:
        removed = _drop_claims(connection, batch, prior)
        connection.execute(update(documents).where(documents.c.id == prior).values(**values))
        doc_id = prior
        tally += IngestReport(replaced=1, claims_removed=removed)
    else:
        doc_id = connection.execute(
            insert(documents).values(**values).returning(documents.c.id)
        ).scalar_one()
        tally += IngestReport(added=1)
    group = _syndication_group(connection, doc_id, document.published, signature)
    connection.execute(
        update(documents).where(documents.c.id == doc_id).values(syndication_group=group)
    )
    added, rejected = _write_claims(connection, lookups, batch, doc_id, document, found, version)
    batch.report += tally + IngestReport(claims_added=added, rejected=rejected)


def _drop_claims(connection: Connection, batch: _Batch, doc_id: int) -> int:
    """Delete a document's claims (and their sources), remembering the records they fed."""
    old = connection.execute(
        select(claims.c.id, claims.c.meeting_id, claims.c.office_id).where(
            claims.c.document_id == doc_id
        )
    ).all()
    batch.touched.update((r.meeting_id, r.office_id) for r in old if r.meeting_id is not None)
    ids = [r.id for r in old]
    if ids:
        connection.execute(delete(claim_sources).where(claim_sources.c.claim_id.in_(ids)))
        connection.execute(delete(claims).where(claims.c.id.in_(ids)))
    return len(ids)


def _syndication_group(
    connection: Connection, doc_id: int, published: dt.date | None, signature: syndication.Signature
) -> int:
    """The group of the earlier document this one copies, else its own id."""
    if published is None:
        return doc_id
    window = dt.timedelta(days=syndication.WINDOW_DAYS)
    rows = connection.execute(
        select(
            documents.c.id,
            documents.c.syndication_group,
            documents.c.minhash,
            documents.c.shingles,
        ).where(
            documents.c.id != doc_id,
            documents.c.minhash.is_not(None),
            documents.c.published.between(published - window, published + window),
        )
    ).all()
    groups = {r.id: r.syndication_group or r.id for r in rows}
    original = syndication.find_original(
        signature, ((r.id, syndication.Signature(r.minhash, r.shingles)) for r in rows)
    )
    return doc_id if original is None else groups[original]


def _problem(claim: Claim) -> str | None:
    """Why ``claim`` cannot be stored, or None."""
    if claim.role not in ROLES:
        return f"unknown role {claim.role!r}"
    if claim.status not in STATUSES:
        return f"unknown status {claim.status!r}"
    if claim.certainty not in CERTAINTIES:
        return f"unknown certainty {claim.certainty!r}"
    if not claim.forum:
        return "no forum"
    if claim.country is not None and len(claim.country) != 3:
        return f"country {claim.country!r} is not a 3-letter code"
    if any(s.kind not in ("named", "anonymous") for s in claim.sources):
        return "source kind is not 'named' or 'anonymous'"
    if claim.meeting_date is not None:
        try:
            parse_meeting_date(claim.meeting_date)
        except ValueError as exc:
            return str(exc)
    return None


def _actor(claim: Claim) -> tuple[str, str | None, str | None, str]:
    """Who and where a claim is about, for the one-claim-per-actor-and-meeting rule."""
    return claim.forum, claim.person, claim.country if claim.person is None else None, claim.role


def _write_claims(
    connection: Connection,
    lookups: Lookups,
    batch: _Batch,
    doc_id: int,
    document: Document,
    found: Sequence[Claim],
    version: str,
) -> tuple[int, tuple[str, ...]]:
    rejected: list[str] = []
    # One claim per (actor, meeting) per document: an undated claim beside a dated
    # one about the same actor and forum must be about another (earlier) meeting.
    dated_actors = {_actor(c) for c in found if c.meeting_date is not None}
    rows: list[dict[str, Any]] = []
    said: list[tuple[Source, ...]] = []
    for ordinal, claim in enumerate(found):
        problem = _problem(claim)
        if problem is not None:
            rejected.append(f"document {document.id}: claim {ordinal + 1}: {problem}")
            continue
        forum = lookups.forum(claim.forum)
        office = lookups.office(claim.country, claim.role)
        awaits = False
        meeting: int | None
        if claim.meeting_date is not None:
            meeting, adopted = placement.place(
                connection, forum, parse_meeting_date(claim.meeting_date), document.published
            )
            batch.touched.update(adopted)
        else:
            awaits = _actor(claim) not in dated_actors
            meeting = (
                placement.place_undated(connection, forum, document.published) if awaits else None
            )
        rows.append(
            {
                "document_id": doc_id,
                "ordinal": ordinal,
                "person_id": lookups.person(claim.person),
                "office_id": office,
                "forum": forum,
                "meeting_date": claim.meeting_date,
                "meeting_id": meeting,
                "awaits_meeting": awaits and meeting is None,
                "status": claim.status,
                "certainty": claim.certainty,
                "representative_id": lookups.person(claim.representative),
                "evidence": claim.evidence,
                "evidence_start": claim.evidence_start,
                "evidence_end": claim.evidence_end,
                "extractor_version": version,
            }
        )
        said.append(claim.sources)
        if meeting is not None:
            batch.touched.add((meeting, office))
    if rows:
        ids = connection.execute(
            insert(claims).returning(claims.c.id, sort_by_parameter_order=True), rows
        ).scalars()
        sources = [
            {"claim_id": claim_id, "ordinal": i, "kind": s.kind, "descriptor": s.descriptor}
            for claim_id, listed in zip(ids, said, strict=True)
            for i, s in enumerate(listed)
        ]
        if sources:
            connection.execute(insert(claim_sources), sources)
    return len(rows), tuple(rejected)
