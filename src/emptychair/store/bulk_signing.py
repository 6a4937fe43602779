"""Batches of documents with their content hashes and MinHash signatures, signed ahead.

A signature costs about half a millisecond of CPU per news-length document,
more than everything else bulk ingest does for a document with a few claims.
``signed_batches`` computes them before the writer lock is taken, only for
documents not stored yet, and, when there is more than one batch, in a
child process that signs the next batch while the caller writes this one.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from collections.abc import Generator, Iterable, Iterator
from contextlib import suppress
from itertools import chain, islice

from sqlalchemy import Engine, select

from emptychair.reconcile import syndication
from emptychair.store.bulk_rows import among, chunked
from emptychair.store.schema import documents
from emptychair.store.write import Item, content_hash

Signatures = dict[str, syndication.Signature]
Batch = tuple[list[Item], list[str], Signatures]
"""Items, their content hashes, and the signatures of those not stored, by content hash."""


def sign(texts: dict[str, str]) -> Signatures:
    """The signature of each text, by key."""
    return {key: syndication.signature(text) for key, text in texts.items()}


def serve() -> None:
    """The signing process: pickled dicts of texts in on stdin, their signatures out."""
    requests, replies = sys.stdin.buffer, sys.stdout.buffer
    while True:
        try:
            texts = pickle.load(requests)
        except EOFError:
            return
        try:
            pickle.dump(sign(texts), replies, protocol=pickle.HIGHEST_PROTOCOL)
            replies.flush()
        except BrokenPipeError:
            return  # the parent gave up on this batch (it failed or was killed)


class _SigningProcess:
    """A child interpreter running ``serve``, one request in flight at a time.

    A plain subprocess rather than ``multiprocessing``: forking would copy the
    parent's database connections and threads, and spawning re-imports the
    caller's main script.
    """

    def __init__(self) -> None:
        self._child = subprocess.Popen(
            [sys.executable, "-c", "from emptychair.store.bulk_signing import serve; serve()"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)},
        )
        assert self._child.stdin is not None and self._child.stdout is not None
        self._requests, self._replies = self._child.stdin, self._child.stdout
        self._in_flight = False

    def submit(self, texts: dict[str, str]) -> None:
        """Send texts to sign; read the reply (``result``) before sending more."""
        pickle.dump(texts, self._requests, protocol=pickle.HIGHEST_PROTOCOL)
        self._requests.flush()
        self._in_flight = True

    def result(self) -> Signatures:
        """The signatures of the last texts sent."""
        try:
            signed: Signatures = pickle.load(self._replies)
        except EOFError:
            raise RuntimeError("the signing process ended unexpectedly") from None
        self._in_flight = False
        return signed

    def close(self) -> None:
        """End the child: at once if a reply is still due (the caller gave up on it),
        else by closing its input, which it reads to the end."""
        if self._in_flight:
            self._child.kill()
        with suppress(BrokenPipeError):  # a request cut short by an error, to a dead child
            self._requests.close()
        self._child.wait()
        self._replies.close()


def signed_batches(
    engine: Engine, items: Iterable[Item], size: int, background: bool = True
) -> Generator[Batch, None, None]:
    """``items`` in batches of ``size``, each with its content hashes and signatures.

    With ``background`` and more than one batch, a child process signs the next
    batch while the caller works on the current one.
    """
    batches = _batches(items, size)
    head = list(islice(batches, 2))
    if len(head) < 2 or not background:
        for batch in chain(head, batches):
            yield _signed_here(engine, batch)
        return
    first, second = head
    signer = _SigningProcess()
    try:
        digests, texts = _unsigned(engine, second)
        signer.submit(texts)
        yield _signed_here(engine, first)  # while the child starts and signs the second
        pending, pending_digests = second, digests
        for batch in batches:
            signed = signer.result()
            digests, texts = _unsigned(engine, batch)
            signer.submit(texts)
            yield pending, pending_digests, signed
            pending, pending_digests = batch, digests
        yield pending, pending_digests, signer.result()
    finally:
        signer.close()


def _batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _signed_here(engine: Engine, batch: list[Item]) -> Batch:
    digests, texts = _unsigned(engine, batch)
    return batch, digests, sign(texts)


def _unsigned(engine: Engine, batch: list[Item]) -> tuple[list[str], dict[str, str]]:
    """The batch's content hashes, and the texts of the documents not stored, by hash."""
    digests = [content_hash(document) for document, _ in batch]
    stored: set[str] = set()
    with engine.connect() as connection:
        for part in chunked(sorted(set(digests))):
            stored.update(
                connection.execute(
                    select(documents.c.content_hash).where(
                        among(connection, documents.c.content_hash, part)
                    )
                ).scalars()
            )
    texts = {
        digest: document.text
        for (document, _), digest in zip(batch, digests, strict=True)
        if digest not in stored
    }
    return digests, texts
