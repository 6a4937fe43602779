"""Ingest: documents and their claims into the store, idempotently, one transaction per batch.

A document is known by its content hash and, when it has one, its URL. The same
content again is skipped and adds no claim; the same URL with new content is a
corrected re-publication whose claims replace the old ones. Each batch commits
as a whole, so a killed process leaves whole batches behind and a re-run skips
them and completes the rest.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from sqlalchemy import Connection, Engine, Select, bindparam, delete, insert, or_, select, update

from emptychair.model import (
    CERTAINTIES,
    ROLES,
    STATUSES,
    Claim,
    Document,
    Source,
    content_hash,
)
from emptychair.reconcile import syndication
from emptychair.reconcile.meetings import candidate_months, parse_meeting_date
from emptychair.store import placement, records
from emptychair.store.engine import write_transaction
from emptychair.store.lookups import Lookups
from emptychair.store.schema import claim_sources, claims, documents

DEFAULT_BATCH = 50
Item = tuple[Document, Sequence[Claim]]
Pair = tuple[int, int]

# Built once, so SQLAlchemy compiles them once rather than per document.
_INSERT_DOCUMENT = insert(documents).returning(documents.c.id)
_UPDATE_DOCUMENT = update(documents).where(documents.c.id == bindparam("doc_id"))
_INSERT_CLAIM = insert(claims).returning(claims.c.id, sort_by_parameter_order=True)


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


@dataclass(frozen=True)
class _Near:
    """A stored document as syndication compares it: when it appeared, its group, its MinHash."""

    published: dt.date
    group: int
    signature: syndication.Signature


@dataclass
class _Batch:
    """One batch's open transaction: its tallies, touched records, and what it has read.

    Everything is read up front, in a few queries for the whole batch, then kept
    current as documents are written; it is only valid while the writer lock is held.
    """

    connection: Connection
    lookups: Lookups
    placer: placement.Placer = field(init=False)
    report: IngestReport = field(default_factory=IngestReport)
    touched: set[Pair] = field(default_factory=set)
    by_hash: dict[str, int] = field(default_factory=dict)
    by_url: dict[str, int] = field(default_factory=dict)
    hash_of: dict[int, str] = field(default_factory=dict)
    near: dict[int, _Near] = field(default_factory=dict)
    """Documents with a MinHash published within the syndication window of the batch's."""
    near_on: dict[dt.date, set[int]] = field(default_factory=lambda: defaultdict(set))
    """The ids in ``near`` by publication day."""
    self_grouped: set[int] = field(default_factory=set)
    """New documents that copy nothing: their group is their own id, set at the end."""
    claims: list[dict[str, Any]] = field(default_factory=list)
    sources: list[tuple[Source, ...]] = field(default_factory=list)
    """Claims to insert (with their sources), in one statement, before claims are next read."""

    def __post_init__(self) -> None:
        self.placer = placement.Placer(self.connection, before_reading_claims=self.flush)

    def flush(self) -> None:
        """Insert the queued claims and their sources."""
        if not self.claims:
            return
        ids = self.connection.execute(_INSERT_CLAIM, self.claims).scalars()
        sources = [
            {"claim_id": claim_id, "ordinal": i, "kind": s.kind, "descriptor": s.descriptor}
            for claim_id, listed in zip(ids, self.sources, strict=True)
            for i, s in enumerate(listed)
        ]
        if sources:
            self.connection.execute(insert(claim_sources), sources)
        self.claims.clear()
        self.sources.clear()

    def remember(self, doc_id: int, near: _Near | None) -> None:
        """Record what syndication now knows of document ``doc_id`` (None: undated)."""
        old = self.near.pop(doc_id, None)
        if old is not None:
            self.near_on[old.published].discard(doc_id)
        if near is not None:
            self.near[doc_id] = near
            self.near_on[near.published].add(doc_id)


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
            batch = _start(connection, chunk)
            for document, found in chunk:
                _write_document(batch, document, found, extractor_version)
            _finish(batch)
        total += batch.report + IngestReport(batches=1)
    return total


def _chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """Items in lists of ``size``, read before the transaction opens (extraction is slow)."""
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _start(connection: Connection, chunk: Sequence[Item]) -> _Batch:
    """Open a batch: read the stored rows its documents and claims can meet, in a few queries."""
    batch = _Batch(connection, Lookups(connection))
    urls = sorted({d.url for d, _ in chunk if d.url})
    for doc_id, digest, url in connection.execute(
        select(documents.c.id, documents.c.content_hash, documents.c.url).where(
            or_(
                documents.c.content_hash.in_(sorted({content_hash(d) for d, _ in chunk})),
                documents.c.url.in_(urls),
            )
        )
    ):
        batch.by_hash[digest] = doc_id
        batch.hash_of[doc_id] = digest
        if url is not None:
            batch.by_url[url] = doc_id
    windows = syndication_windows(d.published for d, _ in chunk)
    if windows:
        for row in connection.execute(signed_near(windows)).all():
            batch.remember(
                row.id,
                _Near(
                    row.published,
                    row.syndication_group or row.id,
                    syndication.Signature(row.minhash, row.shingles),
                ),
            )
    valid = [(d, c) for d, found in chunk for c in found if claim_problem(c) is None]
    batch.lookups.prefetch(
        (c.forum for _, c in valid),
        ((c.country, c.role) for _, c in valid),
        (name for _, c in valid for name in (c.person, c.representative)),
    )
    months: dict[str, set[str]] = defaultdict(set)
    for document, claim in valid:
        if claim.meeting_date is not None:
            months[claim.forum].update(candidate_months(parse_meeting_date(claim.meeting_date)))
        elif document.published is not None:
            months[claim.forum].update(placement.undated_months(document.published))
    batch.placer.load(months)
    return batch


def syndication_windows(days: Iterable[dt.date | None]) -> list[tuple[dt.date, dt.date]]:
    """The syndication windows around ``days``, overlapping ones merged."""
    reach = dt.timedelta(days=syndication.WINDOW_DAYS)
    merged: list[tuple[dt.date, dt.date]] = []
    for day in sorted({d for d in days if d is not None}):
        if merged and day - reach <= merged[-1][1]:
            merged[-1] = (merged[-1][0], day + reach)
        else:
            merged.append((day - reach, day + reach))
    return merged


def signed_near(windows: Sequence[tuple[dt.date, dt.date]]) -> Select[Any]:
    """The stored signed documents published within ``windows``: those a new
    document may be a copy of."""
    return select(
        documents.c.id,
        documents.c.published,
        documents.c.syndication_group,
        documents.c.minhash,
        documents.c.shingles,
    ).where(
        documents.c.minhash.is_not(None),
        or_(*(documents.c.published.between(first, last) for first, last in windows)),
    )


def _finish(batch: _Batch) -> None:
    """Store the queued claims, give new originals their own group, rewrite touched records."""
    batch.flush()
    if batch.self_grouped:
        batch.connection.execute(
            update(documents)
            .where(documents.c.id.in_(sorted(batch.self_grouped)))
            .values(syndication_group=documents.c.id)
        )
    records.refresh(batch.connection, batch.touched)


def _write_document(
    batch: _Batch, document: Document, found: Sequence[Claim], version: str
) -> None:
    connection = batch.connection
    digest = content_hash(document)
    tally = IngestReport(documents=1)
    if digest in batch.by_hash:
        batch.report += tally + IngestReport(unchanged=1)
        return
    prior = batch.by_url.get(document.url) if document.url else None
    signature = syndication.signature(document.text)
    original = _original(batch, prior, document.published, signature)
    group = None if original is None else batch.near[original].group
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
        removed = _drop_claims(batch, prior)
        doc_id = prior
        group = doc_id if group is None else group
        connection.execute(
            _UPDATE_DOCUMENT, {**values, "syndication_group": group, "doc_id": doc_id}
        )
        batch.self_grouped.discard(doc_id)
        del batch.by_hash[batch.hash_of[doc_id]]
        tally += IngestReport(replaced=1, claims_removed=removed)
    else:
        doc_id = connection.execute(
            _INSERT_DOCUMENT, {**values, "syndication_group": group}
        ).scalar_one()
        if group is None:
            batch.self_grouped.add(doc_id)
            group = doc_id
        tally += IngestReport(added=1)
    batch.by_hash[digest] = doc_id
    batch.hash_of[doc_id] = digest
    if document.url:
        batch.by_url[document.url] = doc_id
    batch.remember(
        doc_id,
        None if document.published is None else _Near(document.published, group, signature),
    )
    added, rejected = _write_claims(batch, doc_id, document, found, version)
    batch.report += tally + IngestReport(claims_added=added, rejected=rejected)


def _drop_claims(batch: _Batch, doc_id: int) -> int:
    """Delete a document's claims (and their sources), remembering the records they fed."""
    connection = batch.connection
    batch.flush()  # the document may have been written earlier in this batch
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


def _original(
    batch: _Batch, exclude: int | None, published: dt.date | None, signature: syndication.Signature
) -> int | None:
    """The earlier document this one copies (not ``exclude``, itself when replaced), if any."""
    if published is None:
        return None
    reach = syndication.WINDOW_DAYS
    days = (published + dt.timedelta(days=n) for n in range(-reach, reach + 1))
    return syndication.find_original(
        signature,
        (
            (doc_id, batch.near[doc_id].signature)
            for day in days
            for doc_id in batch.near_on.get(day, ())
            if doc_id != exclude
        ),
    )


def claim_problem(claim: Claim) -> str | None:
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


def claim_actor(claim: Claim) -> tuple[str, str | None, str | None, str]:
    """Who and where a claim is about, for the one-claim-per-actor-and-meeting rule."""
    return claim.forum, claim.person, claim.country if claim.person is None else None, claim.role


def _write_claims(
    batch: _Batch,
    doc_id: int,
    document: Document,
    found: Sequence[Claim],
    version: str,
) -> tuple[int, tuple[str, ...]]:
    lookups = batch.lookups
    rejected: list[str] = []
    # One claim per (actor, meeting) per document: an undated claim beside a dated
    # one about the same actor and forum must be about another (earlier) meeting.
    dated_actors = {claim_actor(c) for c in found if c.meeting_date is not None}
    rows: list[dict[str, Any]] = []
    said: list[tuple[Source, ...]] = []
    for ordinal, claim in enumerate(found):
        problem = claim_problem(claim)
        if problem is not None:
            rejected.append(f"document {document.id}: claim {ordinal + 1}: {problem}")
            continue
        forum = lookups.forum(claim.forum)
        office = lookups.office(claim.country, claim.role)
        when = parse_meeting_date(claim.meeting_date) if claim.meeting_date else None
        may_wait = claim_actor(claim) not in dated_actors
        meeting, awaits, adopted = placement.place_claim(
            batch.placer, forum, when, document.published, may_wait
        )
        batch.touched.update(adopted)
        rows.append(
            {
                "document_id": doc_id,
                "ordinal": ordinal,
                "person_id": lookups.person(claim.person),
                "office_id": office,
                "forum": forum,
                "meeting_date": claim.meeting_date,
                "meeting_id": meeting,
                "awaits_meeting": awaits,
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
    batch.claims.extend(rows)
    batch.sources.extend(said)
    return len(rows), tuple(rejected)
