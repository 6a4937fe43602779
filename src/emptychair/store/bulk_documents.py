"""The documents of one bulk batch, written while the batch is decided.

A document row carries the whole text, and the documents' ``COPY`` was the
longest write of a batch, while the connection sat idle as the batch was
decided. So each new document goes, once decided, into a ``bulk_rows.CopyStream``
(on PostgreSQL a ``COPY`` that a thread runs meanwhile; deciding needs no
connection: ``BatchReferences.prepare`` and ``BatchPlacer.load`` read everything
first). Two of its values are settled later:

- its id is handed out at once, from the table's next one on; the batch moves
  the sequence past the block before commit (every writer holds the writer lock);
- its syndication group, which a child works out meanwhile, is written as the
  document itself, and the few copies' groups are set by one ``UPDATE`` at the end.

Kept for the end instead: a document whose content hash a correction earlier in
the batch frees, since the old row holds it until that correction is written. A
document streamed and then corrected later in the batch is rewritten at the end
like a stored one.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, bindparam, update

from emptychair.store.bulk_references import ReferenceChecks
from emptychair.store.bulk_rows import CopyStream, Row, first_free_id, reserve_ids
from emptychair.store.schema import documents

COLUMNS = (
    "id",
    "external_id",
    "content_hash",
    "url",
    "outlet",
    "published",
    "title",
    "text",
    "extractor_version",
    "ingested_at",
    "syndication_group",
    "shingles",
    "minhash",
)
Values = dict[str, Any]
"""A document's row by column, without ``id`` and ``syndication_group``."""


_GROUP_AT = COLUMNS.index("syndication_group")
_BEFORE_GROUP = itemgetter(*COLUMNS[1:_GROUP_AT])
_AFTER_GROUP = itemgetter(*COLUMNS[_GROUP_AT + 1 :])


def _row(doc_id: int, values: Values, group: int) -> Row:
    # Once per new document, in the thread that decides them: no dict built per row.
    return (doc_id, *_BEFORE_GROUP(values), group, *_AFTER_GROUP(values))


class BatchDocuments:
    """New and corrected documents of one batch: numbered when decided, written
    then (``start_copy``) or at the end (``write``)."""

    def __init__(self, connection: Connection, checks: ReferenceChecks) -> None:
        """Take the batch's first document id; the caller holds the writer lock."""
        self._conn = connection
        self._checks = checks
        self.first = first_free_id(connection, documents)
        """Ids from here on are documents this batch adds."""
        self._next = self.first
        self._kept: dict[int, Values] = {}
        """New rows written at the end, by id."""
        self._streamed: list[int] = []
        self._corrected: dict[int, Values] = {}
        """Rows already in the table (stored, or streamed) to rewrite, by id."""
        self._freed: set[str] = set()
        self._copy: CopyStream | None = None

    def start_copy(self) -> None:
        """From now on, write new rows as they are added (``bulk_rows.CopyStream``); the
        caller leaves the connection alone until ``write`` (or ``close``)."""
        self._copy = CopyStream(self._conn, documents, COLUMNS)

    def add(self, values: Values) -> int:
        """Number a new document, and write it now if it may be; its id."""
        doc_id = self._next
        self._next += 1
        if self._copy is not None and values["content_hash"] not in self._freed:
            self._copy.put(_row(doc_id, values, doc_id))
            self._streamed.append(doc_id)
        else:
            self._kept[doc_id] = values
        return doc_id

    def correct(self, doc_id: int, old_hash: str, values: Values) -> None:
        """Give the document ``doc_id`` (stored, or added earlier in the batch) new values."""
        if doc_id in self._kept:
            self._kept[doc_id] = values
            return
        self._corrected[doc_id] = values
        self._freed.add(old_hash)

    def finish_copy(self) -> None:
        """End the ``COPY`` of the rows written as they came: the connection is free again."""
        if self._copy is not None:
            self._checks.note(documents, COLUMNS, self._copy.close())
            self._copy = None

    def write(self, group_of: Callable[[int], int]) -> None:
        """Write the rest, with their syndication groups (``group_of`` a document's id)."""
        self.finish_copy()
        if self._next > self.first:
            reserve_ids(self._conn, documents, self._next - 1)
        by_id = update(documents).where(documents.c.id == bindparam("doc_id"))
        if self._corrected:
            # Free the old content hashes first: a new row may take one of them.
            self._conn.execute(
                by_id.values(content_hash=bindparam("free_hash")),
                [{"doc_id": d, "free_hash": f"~{d}"} for d in self._corrected],
            )
        kept = [_row(d, values, group_of(d)) for d, values in self._kept.items()]
        self._checks.insert(documents, COLUMNS, kept)
        copies = (d for d in self._streamed if d not in self._corrected)
        groups = [(d, group_of(d)) for d in copies if group_of(d) != d]
        if groups:
            self._conn.execute(
                by_id.values(syndication_group=bindparam("new_group")),
                [{"doc_id": d, "new_group": group} for d, group in groups],
            )
        if self._corrected:
            changes = [
                dict(zip([f"new_{c}" for c in COLUMNS], _row(d, values, group_of(d)), strict=True))
                | {"doc_id": d}
                for d, values in self._corrected.items()
            ]
            self._conn.execute(
                by_id.values({c: bindparam(f"new_{c}") for c in COLUMNS[1:]}), changes
            )
            groups += [(change["doc_id"], change["new_syndication_group"]) for change in changes]
        self._checks.note(documents, ("id", "syndication_group"), groups)

    def close(self) -> None:
        """End a copy still running (the batch failed before ``write``): its error, if
        any, gives way to the one that ends the batch."""
        if self._copy is not None:
            self._copy.abandon()
            self._copy = None
