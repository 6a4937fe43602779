"""Batches of documents with their content hashes and MinHash signatures, signed ahead.

A signature costs about half a millisecond of CPU per news-length document,
more than everything else bulk ingest does for a document with a few claims.
Extraction output computes it ahead (``extract.output``'s ``minhash`` column),
and its items arrive as ``SignedItem``; ``signed_batches`` computes the missing
ones before the writer lock is taken, only for documents not stored yet, and,
when there is more than one batch, in a child process that signs the next
batch while the caller writes this one. A thread reads the next batch (and
hashes the contents whose hash extraction did not carry, ``content_hash``
column) meanwhile too: the caller spends much of a batch waiting for the
database, with the GIL released.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Generator, Iterable, Iterator
from contextlib import suppress
from itertools import islice

from sqlalchemy import Engine, select

from emptychair.model import Claim, Document, content_hash
from emptychair.reconcile import syndication
from emptychair.store import bulk_child
from emptychair.store.bulk_rows import among, chunked
from emptychair.store.schema import documents
from emptychair.store.write import Item

Signatures = dict[str, syndication.Signature]


class SignedItem(tuple[Document, list[Claim]]):
    """An ``Item`` (it unpacks as one) that brings what extraction computed of its
    document: the MinHash signature (``syndication.signature``) and the content hash
    (``model.content_hash``), each None if it was not."""

    signature: syndication.Signature | None
    digest: str | None

    def __new__(
        cls,
        document: Document,
        claims: list[Claim],
        signature: syndication.Signature | None,
        digest: str | None = None,
    ) -> SignedItem:
        """The item ``(document, claims)`` carrying ``signature`` and ``digest``."""
        item = super().__new__(cls, (document, claims))
        item.signature, item.digest = signature, digest
        return item


Batch = tuple[list[Item], list[str], Signatures]
"""Items, their content hashes, and the signatures of those not stored, by content hash."""
Hashed = tuple[list[Item], list[str]]
"""Items and their content hashes."""


def sign(texts: dict[str, str]) -> Signatures:
    """The signature of each text, by key."""
    return {key: syndication.signature(text) for key, text in texts.items()}


def serve() -> None:
    """The signing process: dicts of texts in, their signatures out (``bulk_child``)."""
    bulk_child.serve(lambda texts: (True, sign(texts)))


def signed_batches(
    engine: Engine, items: Iterable[Item], size: int, background: bool = True
) -> Generator[Batch, None, None]:
    """``items`` in batches of ``size``, each with its content hashes and signatures.

    With ``background`` and more than one batch, a child process signs the next
    batch while the caller works on the current one.
    """
    with _Prefetched(items, size) as batches:
        yield from _signed(engine, batches, background)


def _signed(
    engine: Engine, batches: Iterator[Hashed], background: bool
) -> Generator[Batch, None, None]:
    # Batches that carry every signature go out as soon as they are read; from the
    # first that lacks some, the child signs each next one while this one is written.
    for batch, digests in batches:
        carried, texts = _unsigned(engine, batch, digests)
        if texts and background:
            yield from _signed_ahead(engine, (batch, digests), carried, texts, batches)
            return
        yield batch, digests, carried | sign(texts)


def _signed_ahead(
    engine: Engine,
    first: Hashed,
    carried: Signatures,
    texts: dict[str, str],
    batches: Iterator[Hashed],
) -> Generator[Batch, None, None]:
    second = next(batches, None)
    if second is None:
        yield *first, carried | sign(texts)
        return
    # Started on first need: output that carries every signature never spawns it.
    signer: bulk_child.ChildProcess | None = None
    Sent = tuple[list[Item], list[str], Signatures, bool]

    def send(hashed: Hashed) -> Sent:
        nonlocal signer
        batch, digests = hashed
        carried, texts = _unsigned(engine, batch, digests)
        if texts:
            signer = signer or bulk_child.ChildProcess(__name__)
            signer.send(texts)
        return batch, digests, carried, bool(texts)

    def receive(sent: Sent) -> Batch:
        batch, digests, carried, asked = sent
        if not asked:
            return batch, digests, carried
        assert signer is not None
        signed: Signatures = signer.receive()
        return batch, digests, carried | signed

    try:
        sent = send(second)
        yield *first, carried | sign(texts)  # while the child starts and signs the second
        for batch in batches:
            done = receive(sent)
            sent = send(batch)
            yield done
        yield receive(sent)
    finally:
        if signer is not None:
            signer.close()


class _Prefetched:
    """``items`` in hashed batches of ``size``, read one batch ahead by a thread.

    A context manager: leaving it stops the thread (an abandoned load does not
    go on reading), and an error raised while reading comes out of ``next``.
    """

    _END = object()

    def __init__(self, items: Iterable[Item], size: int) -> None:
        self._items, self._size = iter(items), size
        self._ready: queue.Queue[object] = queue.Queue(maxsize=1)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._read, name="bulk-prefetch", daemon=True)

    def __enter__(self) -> Iterator[Hashed]:
        self._thread.start()
        return self._batches()

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        with suppress(queue.Empty):  # unblock a reader waiting to hand over a batch
            self._ready.get_nowait()
        self._thread.join()

    def _read(self) -> None:
        try:
            while batch := list(islice(self._items, self._size)):
                self._put((batch, [_digest(item) for item in batch]))
                if self._stop.is_set():
                    return
        except BaseException as exc:  # handed to the consumer, which raises it
            self._put(exc)
            return
        self._put(self._END)

    def _put(self, value: object) -> None:
        while not self._stop.is_set():
            with suppress(queue.Full):
                self._ready.put(value, timeout=0.1)
                return

    def _batches(self) -> Iterator[Hashed]:
        while (value := self._ready.get()) is not self._END:
            if isinstance(value, BaseException):
                raise value
            yield value  # type: ignore[misc]


def _digest(item: Item) -> str:
    """The item's content hash: carried from extraction, or computed."""
    carried = item.digest if isinstance(item, SignedItem) else None
    return carried or content_hash(item[0])


def _unsigned(
    engine: Engine, batch: list[Item], digests: list[str]
) -> tuple[Signatures, dict[str, str]]:
    """The signatures the batch's items carry, and the texts of the documents that
    carry none and are not stored yet (the ones to sign), by content hash."""
    carried: Signatures = {}
    unsigned: dict[str, str] = {}
    for item, digest in zip(batch, digests, strict=True):
        signature = item.signature if isinstance(item, SignedItem) else None
        if signature is not None:
            carried[digest] = signature
        else:
            unsigned[digest] = item[0].text
    if not unsigned:
        return carried, unsigned
    with engine.connect() as connection:
        for part in chunked(sorted(unsigned)):
            for stored in connection.execute(
                select(documents.c.content_hash).where(
                    among(connection, documents.c.content_hash, part)
                )
            ).scalars():
                del unsigned[stored]
    return carried, unsigned
