"""Documents written while a bulk batch is decided: corrections, freed hashes, failures."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import psycopg
import pytest
from sqlalchemy import select
from tests.store.tables import Items, assert_same, counts, empty, snapshot

from emptychair.model import Claim, Document
from emptychair.store import Store, bulk, open_store
from emptychair.store import schema as db
from emptychair.store.bulk import bulk_ingest

DAY = dt.date(2024, 3, 1)
CLAIM = Claim("Ann Example", "FRA", "leader", "g7-summit", "2024-06-13", "attend", "expected")


def story(doc_id: str, url: str, text: str) -> tuple[Document, list[Claim]]:
    return Document(doc_id, text, DAY, "A title", url, "Outlet"), [CLAIM]


def texts(store: Store) -> dict[str | None, str]:
    with store.engine.connect() as connection:
        return dict(
            connection.execute(select(db.documents.c.url, db.documents.c.external_id)).all()
        )


def test_a_hash_a_correction_frees_is_taken_within_the_same_batch(store: Store) -> None:
    """A stored document corrected, then its old content under another URL; a document
    added and corrected within the batch, then its first content again elsewhere."""
    stored = [story("s", "https://a.example/s", "The stored story, first version.")]
    batch: Items = [
        story("s2", "https://a.example/s", "The stored story, corrected."),
        story("t", "https://a.example/t", "The stored story, first version."),
        story("n", "https://a.example/n", "A new story, first version."),
        story("n2", "https://a.example/n", "A new story, corrected."),
        story("m", "https://a.example/m", "A new story, first version."),
    ]
    store.ingest(stored + batch, "v1")
    ordinary = snapshot(store)
    empty(store)
    bulk_ingest(store.engine, stored, "v1")
    report = bulk_ingest(store.engine, batch, "v1")
    assert (report.added, report.replaced) == (3, 2)
    assert_same(snapshot(store), ordinary)
    assert texts(store) == {
        "https://a.example/s": "s2",
        "https://a.example/t": "t",
        "https://a.example/n": "n2",
        "https://a.example/m": "m",
    }


def test_copies_written_as_they_came_get_their_group(store: Store) -> None:
    body = "A wire story about the summit: " + " ".join(f"word{n}" for n in range(150))
    items: Items = [
        story("first", "https://a.example/1", body),
        story("copy", "https://b.example/1", body + " (Carried here.)"),
    ]
    store.ingest(items, "v1")
    ordinary = snapshot(store)
    empty(store)
    bulk_ingest(store.engine, items, "v1")
    assert_same(snapshot(store), ordinary)
    with store.engine.connect() as connection:
        groups = dict(
            connection.execute(
                select(db.documents.c.external_id, db.documents.c.syndication_group)
            ).all()
        )
        first = connection.execute(
            select(db.documents.c.id).where(db.documents.c.external_id == "first")
        ).scalar_one()
    assert groups == {"first": first, "copy": first}


def documents_threads() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name.startswith("bulk-copy")]


def test_a_batch_failing_while_documents_are_written_leaves_nothing_and_no_thread(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    items = [story(f"d{n}", f"https://a.example/{n}", f"Story number {n}.") for n in range(8)]
    bulk_ingest(store.engine, items[:2], "v1")
    before = counts(store)
    decide = bulk._BulkBatch.document
    seen: list[str] = []

    def failing(self: Any, document: Document, *rest: Any) -> None:
        seen.append(document.id)
        if len(seen) == 4:
            raise RuntimeError("the extractor output is corrupt")
        decide(self, document, *rest)

    monkeypatch.setattr(bulk._BulkBatch, "document", failing)
    with pytest.raises(RuntimeError, match="corrupt"):
        bulk_ingest(store.engine, items[2:], "v1")
    assert counts(store) == before
    assert documents_threads() == []


@pytest.mark.postgres
def test_a_document_row_postgresql_refuses_fails_its_batch(pg_database: str) -> None:
    """The COPY's own error (a value too long for its column) ends the batch."""
    with open_store(pg_database) as store:
        empty(store)
        refused(store)


def refused(store: Store) -> None:
    bulk_ingest(store.engine, [story("ok", "https://a.example/ok", "A fine story.")], "v1")
    before = counts(store)
    too_long = [story("bad", "https://a.example/" + "x" * 2100, "A story at a long URL.")]
    with pytest.raises(psycopg.errors.StringDataRightTruncation):
        bulk_ingest(store.engine, too_long, "v1")
    assert counts(store) == before
    assert documents_threads() == []
