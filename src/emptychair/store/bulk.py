"""Bulk ingest: extracted output into the store in large batches, as ``store.write.ingest`` would.

``write.ingest`` pays per document: a round trip for each row, syndication
compared one candidate at a time, claims flushed before every meeting change.
``bulk_ingest`` keeps its rules and changes how they run. Per batch (thousands
of documents, one transaction):

1. Outside the writer lock, documents already stored are found by content hash
   and the MinHash signatures of the others taken from the items (extraction
   output carries them) or computed (``bulk_signing``: the next batch's in a
   child process while this one is written, and read by a thread meanwhile).
2. Under the lock, a few queries read what the batch can meet: stored
   documents by hash and URL, the signatures published within a week of the
   batch, the claims of documents about to be corrected, the meetings of the
   months the claims name and the undated claims waiting for one of them.
3. Every document is then decided in input order, in memory, exactly as
   ``write.ingest`` decides it (unchanged, added or corrected; its original;
   each claim's meeting, new or re-dated meetings, waiting claims adopted).
   Syndication groups, which only the documents' rows need, are worked out
   beside the decisions (``bulk_syndication``: in a child process for large
   batches).
4. The outcome is written set-wise: one COPY (PostgreSQL) or executemany
   (SQLite) per table, and the records of every touched (meeting, office)
   reconciled once. On PostgreSQL the documents' COPY runs while the batch is
   decided (``bulk_documents``) and the claims' while their rows are made.
   Where the role may, foreign keys are checked once for the batch rather than
   row by row (``bulk_references``).

The same input therefore leaves the same documents, claims, sources, meetings
and records as the ordinary path, a second run finds every document unchanged,
and a killed run leaves whole batches that a re-run skips.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing, contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, and_, bindparam, delete, select, update

from emptychair.model import Claim, Document
from emptychair.reconcile import syndication
from emptychair.reconcile.meetings import (
    UPCOMING_DAYS,
    month_end,
    month_start,
    parse_meeting_date,
)
from emptychair.reconcile.timeline import Statement
from emptychair.store.bulk_documents import BatchDocuments
from emptychair.store.bulk_lookups import BatchReferences
from emptychair.store.bulk_placement import (
    BatchPlacer,
    Pair,
    PlacedClaim,
    candidate_months,
    upcoming_months,
)
from emptychair.store.bulk_records import record_rows, replace_records, stored_statements
from emptychair.store.bulk_references import ReferenceChecks
from emptychair.store.bulk_rows import CopyStream, among, chunked, next_ids
from emptychair.store.bulk_signing import Signatures, signed_batches
from emptychair.store.bulk_syndication import (
    BatchGroups,
    GroupsInChild,
    GroupsInPlace,
    Stored,
)
from emptychair.store.engine import write_transaction
from emptychair.store.placement import place_claim
from emptychair.store.schema import claim_sources, claims, documents
from emptychair.store.write import (
    IngestReport,
    Item,
    claim_actor,
    claim_problem,
    signed_near,
    syndication_windows,
)

DEFAULT_BULK_BATCH = 5_000
CHILD_FROM = 1_000
"""Batches of this many documents or more get their syndication groups from a child
process (``background``); below it, starting one costs more than it saves."""
COLLECT_EVERY = 100_000
"""Documents loaded between two passes of the cyclic garbage collector (``_collector_paused``)."""

Progress = Callable[[IngestReport], None]

_CLAIM_COLUMNS = (
    "id",
    "document_id",
    "ordinal",
    "person_id",
    "office_id",
    "forum",
    "meeting_date",
    "meeting_id",
    "awaits_meeting",
    "status",
    "certainty",
    "representative_id",
    "evidence",
    "evidence_start",
    "evidence_end",
    "extractor_version",
)
_SOURCE_COLUMNS = ("claim_id", "ordinal", "kind", "descriptor")


@dataclass(eq=False)
class _NewClaim:
    """A claim of this batch, written at its end."""

    document: int
    ordinal: int
    claim: Claim
    person: int | None
    representative: int | None
    placed: PlacedClaim


def bulk_ingest(
    engine: Engine,
    items: Iterable[Item],
    extractor_version: str,
    batch_size: int = DEFAULT_BULK_BATCH,
    progress: Progress | None = None,
    background: bool = True,
) -> IngestReport:
    """Store ``items`` (a document with its claims each), ``batch_size`` documents a transaction.

    The result is the store ``write.ingest`` would leave; ``progress`` is called with
    each batch's report once it is committed. Items that carry their signature
    (``bulk_signing.SignedItem``) are not signed again; with ``background``, a second
    process computes the next batch's missing signatures while this one is written,
    and a third works out the syndication groups of batches of ``CHILD_FROM``
    documents or more.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    total = IngestReport()
    in_place, in_child = GroupsInPlace(), None
    # Closed on the way out, error or not, so no child process outlives the load.
    with (
        closing(signed_batches(engine, items, batch_size, background)) as batches,
        _collector_paused() as collect,
    ):
        try:
            for chunk, digests, signatures in batches:
                if background and len(chunk) >= CHILD_FROM and in_child is None:
                    in_child = GroupsInChild()
                done = _ingest_batch(
                    engine, chunk, digests, extractor_version, signatures, in_child or in_place
                )
                total += done
                if progress is not None:
                    progress(done)
                collect(done.documents)
        finally:
            if in_child is not None:
                in_child.close()
    return total


def _ingest_batch(
    engine: Engine,
    chunk: Sequence[Item],
    digests: Sequence[str],
    version: str,
    signatures: Signatures,
    groups: BatchGroups,
) -> IngestReport:
    """Read, decide and write one batch in its own transaction; its report."""
    with write_transaction(engine) as connection:
        batch = _BulkBatch(connection, version, signatures, groups)
        try:
            batch.read(chunk, digests)
            for (document, found), digest in zip(chunk, digests, strict=True):
                batch.document(document, found, digest)
            batch.write()
        finally:
            batch.docs.close()  # before the transaction ends, if the batch failed midway
    return IngestReport(**batch.tally, batches=1, rejected=tuple(batch.rejected))


@contextmanager
def _collector_paused() -> Iterator[Callable[[int], None]]:
    """Python's cyclic garbage collector off for the load; the block calls the function
    it is given with each batch's documents, and every ``COLLECT_EVERY`` documents
    the collector runs once.

    A batch holds hundreds of thousands of small objects until it ends, and the
    thread reading ahead as many more; the collector walked them again and again
    (a fifth of the load's time, and still a twelfth when it was paused only
    within each batch), while reference counting frees them when the batch is
    dropped. What it alone can free, reference cycles, is a few hundred objects a
    batch: one pass now and then keeps a long load's memory flat.
    """
    paused = gc.isenabled()
    gc.disable()
    since = 0

    def collect(documents: int) -> None:
        nonlocal since
        since += documents
        if since >= COLLECT_EVERY:
            gc.collect()
            since = 0

    try:
        yield collect
    finally:
        if paused:
            gc.enable()


class _BulkBatch:
    """One batch's transaction: what it read, what it decided, and then its writes."""

    def __init__(
        self,
        connection: Connection,
        version: str,
        signatures: Signatures,
        groups: BatchGroups,
    ) -> None:
        self.conn = connection
        self.version = version
        self.signatures = signatures
        self.groups = groups
        self.now = dt.datetime.now(dt.UTC)
        self.tally: Counter[str] = Counter()
        """``IngestReport``'s counts, added up as documents are decided."""
        self.rejected: list[str] = []
        self.touched: set[Pair] = set()
        if connection.dialect.name == "sqlite":
            # A corrected document may name as original one added later in the batch;
            # the rows are consistent at commit, not necessarily in insert order.
            connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
        self.checks = ReferenceChecks(connection)
        self.refs = BatchReferences(connection)
        self.placer = BatchPlacer(connection)
        self.docs = BatchDocuments(connection, self.checks)
        self.by_hash: dict[str, int] = {}
        self.by_url: dict[str, int] = {}
        self.hash_of: dict[int, str] = {}
        self.stored_claims: dict[int, list[PlacedClaim]] = {}
        """The stored claims of stored documents this batch may correct, by document."""
        self.emptied: set[int] = set()
        """Stored documents whose stored claims are deleted."""
        self.waiting: dict[int, PlacedClaim] = {}
        """Stored undated claims that meetings placed in this batch may adopt, by id."""
        self.new_claims: dict[int, list[_NewClaim]] = {}
        """This batch's claims, by document, in the order documents were decided."""
        self.problems: dict[int, str | None] = {}
        """``claim_problem`` of each claim object of the batch, by ``id`` (they outlive it)."""

    # ---- reading -------------------------------------------------------------

    def read(self, chunk: Sequence[Item], digests: Sequence[str]) -> None:
        """Read, in a few queries, every stored row the batch's documents and claims can meet."""
        urls = sorted({d.url for d, _ in chunk if d.url})
        for column, values in (
            (documents.c.content_hash, sorted(set(digests))),
            (documents.c.url, urls),
        ):
            for part in chunked(values):
                for doc_id, digest, url in self.conn.execute(
                    select(documents.c.id, documents.c.content_hash, documents.c.url).where(
                        among(self.conn, column, part)
                    )
                ):
                    self.by_hash[digest] = doc_id
                    self.hash_of[doc_id] = digest
                    if url is not None:
                        self.by_url[url] = doc_id
        # Stored documents a batch document may correct: same URL, other content.
        correctable = {
            self.by_url[d.url]
            for (d, _), digest in zip(chunk, digests, strict=True)
            if d.url in self.by_url and self.hash_of[self.by_url[d.url]] != digest
        }
        # Documents that may be stored by this batch: new content, or content a
        # correction earlier in the batch may free.
        fresh = [
            (d, found)
            for (d, found), digest in zip(chunk, digests, strict=True)
            if self.by_hash.get(digest, -1) in correctable or digest not in self.by_hash
        ]
        self.groups.begin(self._read_signatures(d.published for d, _ in fresh))
        self._read_stored_claims(sorted(correctable))
        valid = [(d, c) for d, found in fresh for c in found if self.problem(c) is None]
        self.refs.prepare(c for _, c in valid)
        months: dict[str, set[str]] = {}
        for document, claim in valid:
            wanted = months.setdefault(claim.forum, set())
            if claim.meeting_date is not None:
                wanted.update(candidate_months(parse_meeting_date(claim.meeting_date)))
            elif document.published is not None:
                wanted.update(upcoming_months(document.published))
        self.placer.load(months)
        self._read_waiting([c for _, c in valid])
        self.docs.start_copy()  # the connection is the documents' until ``write``

    def _read_signatures(self, days: Iterable[dt.date | None]) -> list[Stored]:
        """The stored documents this batch's may copy: signed, published within a week."""
        windows = syndication_windows(days)
        stored: list[Stored] = []
        for part in chunked(windows, 200):
            rows = self.conn.execute(
                signed_near(part).where(documents.c.shingles >= syndication.MIN_SHINGLES)
            )
            stored += [
                (doc_id, published, group or doc_id, syndication.Signature(minhash, shingles))
                for doc_id, published, group, minhash, shingles in rows
            ]
        return stored

    def _read_stored_claims(self, doc_ids: list[int]) -> None:
        """The claims of stored documents whose URL comes again (a correction may drop them)."""
        for part in chunked(doc_ids):
            rows = self.conn.execute(
                select(
                    claims.c.id,
                    claims.c.document_id,
                    claims.c.forum,
                    claims.c.office_id,
                    claims.c.meeting_id,
                    claims.c.awaits_meeting,
                    documents.c.published,
                )
                .join(documents, documents.c.id == claims.c.document_id)
                .where(claims.c.document_id.in_(part))
            )
            for claim_id, doc_id, forum, office, meeting, awaits, published in rows:
                placed = PlacedClaim(forum, office, published, meeting, awaits, stored_id=claim_id)
                self.stored_claims.setdefault(doc_id, []).append(placed)

    def _read_waiting(self, dated: Sequence[Claim]) -> None:
        """Stored undated claims that a meeting this batch creates or re-dates could adopt.

        Such a meeting starts within the candidate months of the batch's dated claims;
        a claim points ahead to it from up to ``UPCOMING_DAYS`` before.
        """
        spans = [
            candidate_months(parse_meeting_date(c.meeting_date))
            for c in dated
            if c.meeting_date is not None
        ]
        if not spans:
            return
        # ``YYYY-MM`` strings sort as their months do.
        first = month_start(min(months[0] for months in spans))
        last = month_end(max(months[-1] for months in spans))
        forums = sorted({c.forum for c in dated if c.meeting_date is not None})
        known = {p.stored_id: p for listed in self.stored_claims.values() for p in listed}
        months: dict[str, set[str]] = {}
        for part in chunked(forums):
            rows = self.conn.execute(
                select(claims.c.id, claims.c.forum, claims.c.office_id, documents.c.published)
                .join(documents, documents.c.id == claims.c.document_id)
                .where(
                    and_(
                        claims.c.forum.in_(part),
                        claims.c.meeting_id.is_(None),
                        claims.c.meeting_date.is_(None),
                        claims.c.awaits_meeting.is_(True),
                        documents.c.published.between(
                            first - dt.timedelta(days=UPCOMING_DAYS), last
                        ),
                    )
                )
            )
            for claim_id, forum, office, published in rows:
                placed = known.get(claim_id) or PlacedClaim(
                    forum, office, published, None, True, stored_id=claim_id
                )
                self.waiting[claim_id] = placed
                self.placer.wait(placed)
                months.setdefault(forum, set()).update(upcoming_months(published))
        self.placer.load(months)

    # ---- deciding ------------------------------------------------------------

    def problem(self, claim: Claim) -> str | None:
        """Why ``claim`` cannot be stored (``write.claim_problem``), worked out once."""
        key = id(claim)
        if key not in self.problems:
            self.problems[key] = claim_problem(claim)
        return self.problems[key]

    def document(self, document: Document, found: Sequence[Claim], digest: str) -> None:
        """Decide one document as ``write._write_document`` does, in memory."""
        self.tally["documents"] += 1
        if digest in self.by_hash:
            self.tally["unchanged"] += 1
            return
        prior = self.by_url.get(document.url) if document.url else None
        signature = self.signatures.get(digest) or syndication.signature(document.text)
        values = {
            "external_id": document.id,
            "content_hash": digest,
            "url": document.url,
            "outlet": document.outlet,
            "published": document.published,
            "title": document.title,
            "text": document.text,
            "extractor_version": self.version,
            "ingested_at": self.now,
            "shingles": signature.shingles,
            "minhash": signature.hashvalues,
        }
        if prior is not None:
            removed = self._drop_claims(prior)
            doc_id = prior
            self.docs.correct(doc_id, self.hash_of[doc_id], values)
            del self.by_hash[self.hash_of[doc_id]]
            self.tally.update(replaced=1, claims_removed=removed)
        else:
            doc_id = self.docs.add(values)
            self.tally["added"] += 1
        self.by_hash[digest] = doc_id
        self.hash_of[doc_id] = digest
        if document.url:
            self.by_url[document.url] = doc_id
        self.groups.decided((doc_id, document.published, prior, signature))
        self.tally["claims_added"] += self._claims(doc_id, document, found)

    def _drop_claims(self, doc_id: int) -> int:
        """Forget a document's claims (stored or new), remembering the records they fed."""
        dropped = [p.placed for p in self.new_claims.pop(doc_id, [])]
        if doc_id in self.stored_claims:
            dropped += self.stored_claims.pop(doc_id)
            self.emptied.add(doc_id)
        for placed in dropped:
            if placed.meeting is not None:
                self.touched.add((placed.meeting, placed.office))
            self.placer.forget(placed)
            placed.adopted = False  # deleted with its document: nothing to update
        return len(dropped)

    def _claims(self, doc_id: int, document: Document, found: Sequence[Claim]) -> int:
        """Place a document's claims as ``write._write_claims`` does; how many are kept."""
        refs = self.refs
        dated_actors = (
            {claim_actor(c) for c in found if c.meeting_date is not None}
            if any(c.meeting_date is None for c in found)
            else set()
        )
        kept: list[_NewClaim] = []
        for ordinal, claim in enumerate(found):
            problem = self.problem(claim)
            if problem is not None:
                self.rejected.append(f"document {document.id}: claim {ordinal + 1}: {problem}")
                continue
            forum = refs.forum(claim.forum)
            office = refs.office(claim.country, claim.role)
            when = parse_meeting_date(claim.meeting_date) if claim.meeting_date else None
            may_wait = when is None and claim_actor(claim) not in dated_actors
            meeting, awaits, adopted = place_claim(
                self.placer, forum, when, document.published, may_wait
            )
            self.touched.update(adopted)
            placed = PlacedClaim(forum, office, document.published, meeting, awaits)
            kept.append(
                _NewClaim(
                    doc_id,
                    ordinal,
                    claim,
                    refs.person(claim.person),
                    refs.person(claim.representative),
                    placed,
                )
            )
            if meeting is not None:
                self.touched.add((meeting, office))
        # Only now may a later meeting adopt them: the ordinary path writes a
        # document's claims after placing all of them.
        for new in kept:
            if new.placed.awaits:
                self.placer.wait(new.placed)
        self.new_claims[doc_id] = kept
        return len(kept)

    # ---- writing -------------------------------------------------------------

    def write(self) -> None:
        """Write everything decided, a statement or two per table, then the records.

        Most new documents went to the store as they were decided (``bulk_documents``;
        on SQLite they are inserted here); the rest wait for the syndication groups,
        asked for after everything that does not need them. On PostgreSQL the claims
        go to their ``COPY`` as their rows are made, and that and the sources' end in
        a thread (the driver waits for the server without the GIL) while the records
        are reconciled: from the stored claims, read before the new ones are
        written, and the new claims' statements taken from memory.
        """
        self.docs.finish_copy()
        meeting_ids = self.placer.write(self.checks)

        def meeting(value: int | None) -> int | None:
            return None if value is None else meeting_ids.get(value, value)

        touched = {meeting_ids.get(m, m) for m, _ in self.touched}
        self._drop_and_adopt_claims(meeting)
        statements = stored_statements(self.conn, touched)
        claim_ids = next_ids(self.conn, claims, sum(map(len, self.new_claims.values())))
        # Only now, the child having had all this time to work them out.
        group_of = self.groups.groups().__getitem__
        self.docs.write(group_of)
        claim_rows = CopyStream(self.conn, claims, _CLAIM_COLUMNS)
        try:
            source_rows = self._stream_claims(claim_ids, meeting, group_of, statements, claim_rows)
        except BaseException:
            claim_rows.abandon()
            raise

        def copy_claims() -> None:
            self.checks.note(claims, _CLAIM_COLUMNS, claim_rows.close())
            self.checks.insert(claim_sources, _SOURCE_COLUMNS, source_rows)

        with _beside(self.conn, copy_claims):
            rows = record_rows(statements)
        replace_records(self.conn, touched, rows, self.checks)
        self.checks.verify()

    def _drop_and_adopt_claims(self, meeting: Callable[[int | None], int | None]) -> None:
        """Delete the stored claims of corrected documents; move adopted waiting claims."""
        for part in chunked(sorted(self.emptied)):
            doomed = select(claims.c.id).where(claims.c.document_id.in_(part))
            self.conn.execute(delete(claim_sources).where(claim_sources.c.claim_id.in_(doomed)))
            self.conn.execute(delete(claims).where(claims.c.document_id.in_(part)))
        adopted = [p for p in self.waiting.values() if p.adopted]
        if adopted:
            moves = [{"claim_id": p.stored_id, "new_meeting": meeting(p.meeting)} for p in adopted]
            self.conn.execute(
                update(claims)
                .where(claims.c.id == bindparam("claim_id"))
                .values(meeting_id=bindparam("new_meeting"), awaits_meeting=False),
                moves,
            )
            self.checks.note(claims, ("meeting_id",), [(m["new_meeting"],) for m in moves])

    def _stream_claims(
        self,
        claim_ids: list[int],
        meeting: Callable[[int | None], int | None],
        group_of: Callable[[int], int],
        statements: dict[Pair, list[Statement]],
        out: CopyStream,
    ) -> list[tuple[Any, ...]]:
        """Write the batch's claims, numbered by ``claim_ids``, to ``out``; their
        sources' rows. Each placed claim's statement goes into ``statements``, after
        the stored ones."""
        pending = [new for listed in self.new_claims.values() for new in listed]
        said = []
        for claim_id, new in zip(claim_ids, pending, strict=True):
            claim, placed = new.claim, new.placed
            meeting_id = meeting(placed.meeting)
            out.put(
                (
                    claim_id,
                    new.document,
                    new.ordinal,
                    new.person,
                    placed.office,
                    placed.forum,
                    claim.meeting_date,
                    meeting_id,
                    placed.awaits,
                    claim.status,
                    claim.certainty,
                    new.representative,
                    claim.evidence,
                    claim.evidence_start,
                    claim.evidence_end,
                    self.version,
                )
            )
            said += [
                (claim_id, ordinal, source.kind, source.descriptor)
                for ordinal, source in enumerate(claim.sources)
            ]
            if meeting_id is not None:
                statements.setdefault((meeting_id, placed.office), []).append(
                    Statement(
                        claim_id=claim_id,
                        published=placed.published,
                        status=claim.status,
                        certainty=claim.certainty,
                        person_id=new.person,
                        representative_id=new.representative,
                        document_id=new.document,
                        group_id=group_of(new.document),
                    )
                )
        return said


@contextmanager
def _beside(connection: Connection, write: Callable[[], None]) -> Iterator[None]:
    """Run ``write`` beside the block: in a thread on PostgreSQL, where the driver
    waits for the server without the GIL, and the block must not use ``connection``;
    first, in this thread, on SQLite, whose writes hold the GIL anyway."""
    if connection.dialect.name != "postgresql":
        write()
        yield
        return
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="bulk-copy") as pool:
        written = pool.submit(write)
        yield  # an error here waits for the thread (leaving the pool) before it propagates
    written.result()
