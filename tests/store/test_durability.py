"""A killed ingest leaves a consistent store a re-run completes; concurrent ones lose nothing."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from emptychair.model import Claim, Document
from emptychair.store import Store, open_store
from emptychair.store import schema as db

# Ingests a labelled JSONL file, saying READY once the store is open; with a pause
# count, stops after that many documents (mid-batch, inside the open transaction)
# and waits to be killed.
CHILD = """
import json, sys, time
from emptychair.model import Claim, Document
from emptychair.store import open_store, write

url, path, pause, batch = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
items = []
for line in open(path, encoding="utf-8"):
    data = json.loads(line)
    items.append((Document.from_dict(data), [Claim.from_dict(c) for c in data["claims"]]))
if pause > 0:
    real, done = write._write_document, []
    def paused(*args, **kwargs):
        real(*args, **kwargs)
        done.append(1)
        if len(done) == pause:
            print("MID", flush=True)
            time.sleep(120)
    write._write_document = paused
with open_store(url) as store:
    print("READY", flush=True)
    store.ingest(items, "gold", batch_size=batch)
print("DONE", flush=True)
"""

Items = list[tuple[Document, list[Claim]]]


def write_jsonl(path: Path, items: Items) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for document, claims in items:
            data = {
                "id": document.id,
                "published": document.published.isoformat() if document.published else None,
                "title": document.title,
                "text": document.text,
                "claims": [c.to_dict() for c in claims],
            }
            out.write(json.dumps(data) + "\n")
    return path


def child(url: str, path: Path, pause: int = 0, batch: int = 10) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, url, str(path), str(pause), str(batch)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def snapshot(store: Store) -> dict[str, object]:
    """Counts, claims per document, and records checked against their claims."""
    with store.engine.connect() as connection:
        per_document = dict(
            connection.execute(
                select(db.documents.c.external_id, func.count(db.claims.c.id))
                .outerjoin(db.claims, db.claims.c.document_id == db.documents.c.id)
                .group_by(db.documents.c.external_id)
            ).all()
        )
        behind = set(
            connection.execute(
                select(db.claims.c.meeting_id, db.claims.c.office_id, func.count())
                .where(db.claims.c.meeting_id.is_not(None))
                .group_by(db.claims.c.meeting_id, db.claims.c.office_id)
            ).all()
        )
        kept = set(
            connection.execute(
                select(db.records.c.meeting_id, db.records.c.office_id, db.records.c.claims)
            ).all()
        )
        meetings = connection.execute(select(db.meetings.c.slug)).scalars().all()
        sources = connection.execute(select(func.count(db.claim_sources.c.id))).scalar_one()
    assert behind == kept, "every record reflects exactly its claims"
    return {
        "per_document": per_document,
        "meetings": sorted(meetings),
        "records": len(kept),
        "sources": sources,
    }


@pytest.fixture(scope="module")
def subset(corpus_items: Items) -> Items:
    """Enough documents for several batches (the seed twice included), few enough to be quick."""
    return corpus_items[:30]


@pytest.fixture(scope="module")
def reference(subset: Items, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The store one clean ingest of ``subset`` produces."""
    path = tmp_path_factory.mktemp("reference") / "reference.sqlite3"
    with open_store(f"sqlite:///{path}") as clean:
        clean.ingest(subset, "gold")
        return snapshot(clean)


def test_killed_mid_batch_then_rerun(
    store_url: str, tmp_path: Path, subset: Items, reference: dict[str, object]
) -> None:
    path = write_jsonl(tmp_path / "corpus.jsonl", subset)
    killed = child(store_url, path, pause=13, batch=5)
    assert killed.stdout is not None
    assert [killed.stdout.readline().strip() for _ in range(2)] == ["READY", "MID"]
    killed.send_signal(signal.SIGKILL)
    killed.wait(timeout=30)
    with open_store(store_url) as store:
        partial = snapshot(store)
        # Two whole batches committed, the third not at all.
        assert set(partial["per_document"]) == {d.id for d, _ in subset[:10]}  # type: ignore[call-overload]
        store.ingest(subset, "gold", batch_size=5)  # the re-run
        assert snapshot(store) == reference


def test_two_ingests_at_once_lose_nothing(
    store_url: str, tmp_path: Path, subset: Items, reference: dict[str, object]
) -> None:
    """This process and a child ingest overlapping halves at the same time."""
    other = child(store_url, write_jsonl(tmp_path / "first.jsonl", subset[:20]), batch=2)
    assert other.stdout is not None
    assert other.stdout.readline().strip() == "READY"
    with open_store(store_url) as store:
        store.ingest(subset[10:], "gold", batch_size=2)
        out, _ = other.communicate(timeout=120)
        assert other.returncode == 0 and out.strip() == "DONE"
        assert snapshot(store) == reference
