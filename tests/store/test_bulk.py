"""Bulk ingest: the store the ordinary path builds, idempotent, whole batches when killed."""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import random
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from tests.store.tables import Items, assert_same, counts, empty, snapshot

from emptychair.extract.batch import Extraction, extract_paths
from emptychair.extract.output import Compression, OutputFormat, write_part
from emptychair.model import Claim, Document, Source
from emptychair.reconcile import syndication
from emptychair.sources import ReadError
from emptychair.sources.extracted import read_extracted
from emptychair.store import Store, bulk, bulk_records, bulk_rows, bulk_signing, open_store
from emptychair.store import schema as db
from emptychair.store.bulk import bulk_ingest
from emptychair.store.bulk_signing import SignedItem
from emptychair.store.bulk_syndication import GroupsInChild, SignatureIndex

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
if not CORPUS.is_dir():
    CORPUS = Path("/work/shared/corpus")

FORUMS = ("nato-summit", "nato-foreign-ministers", "g20-summit", "g7-ministers")
COUNTRIES = ("AAA", "BBB", "CCC", "DDD")
ROLES = ("leader", "foreign_minister", "defence_minister", "deputy", "ambassador", "official")
BAD = Claim("X", "AAA", "leader", "nato-summit", "2021-13", "attend", "reported")


# ---- inputs -------------------------------------------------------------------


@pytest.fixture(scope="module")
def dev_extracted(tmp_path_factory: pytest.TempPathFactory) -> Items:
    """dev.jsonl through the extractor, written as Parquet output in three parts, read back."""
    out = tmp_path_factory.mktemp("extracted") / "out"
    done = [e for e in extract_paths([CORPUS / "dev.jsonl"]) if isinstance(e, Extraction)]
    for n, start in enumerate(range(0, len(done), 25)):
        part = done[start : start + 25]
        write_part(part, out, f"part-{n:06d}", OutputFormat.parquet, Compression.gzip, "test")
    items = [item for item in read_extracted(out) if not isinstance(item, ReadError)]
    assert len(items) == len(done) and sum(len(c) for _, c in items) > 100
    return items


def synthetic(seed: int, documents: int) -> Items:
    """Documents about a few forums' meetings that exercise every rule bulk ingest replays.

    Dated, month-only and undated claims (undated ones published before any meeting
    of their forum exists, so later meetings adopt them), syndicated copies, corrected
    re-publications of earlier URLs (within a batch and across batches), the same
    content again under another URL, undated documents and bad claims.
    """
    rng = random.Random(seed)
    items: Items = []
    for n in range(documents):
        forum = rng.choice(FORUMS)
        month = dt.date(2021, 1, 1) + dt.timedelta(days=rng.randrange(0, 700, 35))
        day = month + dt.timedelta(days=rng.randrange(0, 20))
        claims = []
        for ordinal in range(rng.randint(0, 5)):
            country, role = rng.choice(COUNTRIES), rng.choice(ROLES)
            when = rng.choice((f"{day:%Y-%m}", day.isoformat(), day.isoformat(), None, None))
            claims.append(
                Claim(
                    person=rng.choice((f"{role} of {country}", None)),
                    country=country,
                    role=role,  # type: ignore[arg-type]
                    forum=forum,
                    meeting_date=when,
                    status=rng.choice(("attend", "attend", "absent", "virtual")),  # type: ignore[arg-type]
                    certainty=rng.choice(("reported", "expected", "possible")),  # type: ignore[arg-type]
                    representative="Stand In" if ordinal % 3 == 0 else None,
                    sources=(Source("anonymous", "officials"), Source("named", "a minister"))[
                        : ordinal % 3
                    ],
                    evidence=f"Sentence {n}.{ordinal}.",
                    evidence_start=ordinal,
                    evidence_end=ordinal + 9,
                )
            )
        if n % 17 == 5:
            claims.append(BAD)
        words = " ".join(f"w{rng.randrange(60)}" for _ in range(80))
        text = f"Story {n} about {forum}: {words}"
        published: dt.date | None = day - dt.timedelta(days=rng.randint(-2, 50))
        if n > 10 and n % 7 == 0:  # a syndicated copy of an earlier story
            text, published = (
                items[n - 3][0].text + " Also carried here.",
                items[n - 3][0].published,
            )
        if n % 23 == 11:
            published = None
        url = f"https://example.org/{n % 40}" if n % 4 else None  # repeats: corrections
        items.append((Document(f"d{n}", text, published, f"T{n}", url, "Outlet"), claims))
    items.append(items[4])  # the same content again
    moved = replace(items[9][0], id="moved", url="https://elsewhere.example/9")
    items.append((moved, items[9][1]))  # same content, another URL: unchanged
    return items


# ---- the same store as the ordinary path -----------------------------------------


@pytest.mark.parametrize("batch_size", [7, 5000])
def test_dev_extracted_output_gives_the_store_the_ordinary_path_gives(
    store: Store, dev_extracted: Items, batch_size: int
) -> None:
    ordinary_report = store.ingest(dev_extracted, "v1")
    ordinary = snapshot(store)
    assert ordinary["records"] and ordinary["meetings"] and ordinary["sources"]
    empty(store)
    report = bulk_ingest(store.engine, dev_extracted, "v1", batch_size=batch_size)
    assert_same(snapshot(store), ordinary)
    assert (report.added, report.unchanged, report.claims_added, report.rejected) == (
        ordinary_report.added,
        ordinary_report.unchanged,
        ordinary_report.claims_added,
        ordinary_report.rejected,
    )


@pytest.mark.parametrize(("seed", "batch_size"), [(3, 1), (3, 6), (8, 25), (8, 1000)])
def test_corrections_copies_and_waiting_claims_replay_as_in_the_ordinary_path(
    store: Store, seed: int, batch_size: int
) -> None:
    items = synthetic(seed, 140)
    ordinary_report = store.ingest(items, "v1", batch_size=40)
    assert ordinary_report.replaced and ordinary_report.claims_removed and ordinary_report.rejected
    ordinary = snapshot(store)
    copies = [d for d in ordinary["documents"] if d[0] != d[-1]]
    undated_placed = [c for c in ordinary["claims"] if c[9] is None and c[2] is not None]
    assert copies and undated_placed, "the fixture exercises syndication and undated claims"
    empty(store)
    report = bulk_ingest(store.engine, items, "v1", batch_size=batch_size, background=False)
    assert_same(snapshot(store), ordinary)
    assert report.claims_removed == ordinary_report.claims_removed
    assert report.rejected == ordinary_report.rejected


@pytest.mark.parametrize("batch_size", [6, 1000])
def test_syndication_groups_worked_out_in_a_child_process_are_the_same(
    store: Store, batch_size: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    items = synthetic(8, 140)
    store.ingest(items, "v1", batch_size=40)
    ordinary = snapshot(store)
    empty(store)
    monkeypatch.setattr(bulk, "CHILD_FROM", 1)
    monkeypatch.setattr(GroupsInChild, "CHUNK", 4)  # many messages a batch
    bulk_ingest(store.engine, items, "v1", batch_size=batch_size)
    assert_same(snapshot(store), ordinary)
    assert children("bulk_syndication") == []


@pytest.mark.parametrize("split", [False, True])
def test_waiting_claims_join_the_meeting_a_later_document_dates(store: Store, split: bool) -> None:
    """An undated claim published before its forum's next meeting is known waits for it;
    the document that dates the meeting, in the same batch or a later one, adopts it."""
    ahead = Claim("Ann Example", "FRA", "leader", "g7-summit", None, "attend", "expected")
    dated = replace(ahead, person="Bo Example", country="DEU", meeting_date="2024-06-13")
    items: Items = [
        (Document("early", "The G7 leaders will meet in June.", dt.date(2024, 5, 1)), [ahead]),
        (Document("later", "The G7 summit opens on 13 June.", dt.date(2024, 6, 1)), [dated]),
    ]
    store.ingest(items, "v1", batch_size=1)
    ordinary = snapshot(store)
    early = next(c for c in ordinary["claims"] if c[0] == "early")
    assert early[2] == "g7-summit-2024-06" and early[3] is False  # adopted
    empty(store)
    if split:
        bulk_ingest(store.engine, items[:1], "v1")
        bulk_ingest(store.engine, items[1:], "v1")
    else:
        bulk_ingest(store.engine, items, "v1")
    assert_same(snapshot(store), ordinary)


def test_bulk_onto_a_store_the_ordinary_path_filled(store: Store) -> None:
    """Stored signatures, waiting claims and correctable documents are read, not only new ones."""
    items = synthetic(5, 160)
    store.ingest(items, "v1")
    ordinary = snapshot(store)
    empty(store)
    store.ingest(items[:70], "v1")
    bulk_ingest(store.engine, items[70:], "v1", batch_size=30, background=False)
    assert_same(snapshot(store), ordinary)


@pytest.mark.postgres
def test_rows_checked_one_by_one_give_the_same_store(pg_plain_url: str) -> None:
    """A role without the privilege to hand foreign-key checks to the batch
    (``bulk_references``) loads through the row triggers, to the same store."""
    items = synthetic(3, 140)
    with open_store(pg_plain_url) as store:
        empty(store)
        store.ingest(items, "v1", batch_size=40)
        ordinary = snapshot(store)
        empty(store)
        bulk_ingest(store.engine, items, "v1", batch_size=25, background=False)
        assert_same(snapshot(store), ordinary)


def test_small_in_lists_and_record_slices_change_nothing(
    sqlite_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    items = synthetic(9, 120)
    sqlite_store.ingest(items, "v1")
    ordinary = snapshot(sqlite_store)
    empty(sqlite_store)
    monkeypatch.setattr(bulk_rows, "IN_CHUNK", 3)
    monkeypatch.setattr(bulk_records, "_MEETINGS", 2)
    bulk_ingest(sqlite_store.engine, items, "v1", batch_size=50, background=False)
    assert_same(snapshot(sqlite_store), ordinary)


# ---- idempotent -----------------------------------------------------------------


def test_the_same_input_twice_changes_no_count(store: Store, dev_extracted: Items) -> None:
    first = bulk_ingest(store.engine, dev_extracted, "v1", batch_size=20)
    before = counts(store)
    assert before["claims"] == first.claims_added > 0
    again = bulk_ingest(store.engine, dev_extracted, "v1", batch_size=9)
    assert (again.added, again.replaced, again.claims_added) == (0, 0, 0)
    assert again.unchanged == len(dev_extracted)
    assert counts(store) == before
    # Nor does the ordinary path find anything new in what bulk stored.
    assert store.ingest(dev_extracted, "v1").unchanged == len(dev_extracted)
    assert counts(store) == before


# ---- bad rows -------------------------------------------------------------------


def test_bad_claims_are_reported_as_the_ordinary_path_reports_them(sqlite_store: Store) -> None:
    good = Claim("Ann Example", "FRA", "leader", "g7-summit", "2024-06-13", "attend", "reported")
    bad = [
        replace(good, role="emperor"),  # type: ignore[arg-type]
        replace(good, meeting_date="2024-02-30"),
        replace(good, country="FR"),
        replace(good, forum=""),
        replace(good, sources=(Source("rumour", "somebody"),)),  # type: ignore[arg-type]
    ]
    items: Items = [
        (Document("a", "Leaders meet in Apulia.", dt.date(2024, 6, 1)), [bad[0], good, bad[1]]),
        (Document("b", "More from Apulia.", dt.date(2024, 6, 2)), bad[2:]),
    ]
    ordinary = sqlite_store.ingest(items, "v1")
    empty(sqlite_store)
    report = bulk_ingest(sqlite_store.engine, items, "v1")
    assert report.rejected == ordinary.rejected and len(report.rejected) == 5
    assert report.rejected[0] == "document a: claim 1: unknown role 'emperor'"
    assert (report.added, report.claims_added) == (2, 1)
    with sqlite_store.engine.connect() as connection:
        stored = connection.execute(select(db.claims.c.ordinal)).scalars().all()
    assert stored == [1]  # the good claim, at its place in the document


# ---- batches ----------------------------------------------------------------------


def test_progress_hears_of_each_committed_batch(sqlite_store: Store, dev_extracted: Items) -> None:
    heard: list[int] = []

    def progress(batch: Any) -> None:
        heard.append(batch.documents)
        assert counts(sqlite_store)["documents"] > 0  # called after the commit

    total = bulk_ingest(sqlite_store.engine, dev_extracted, "v1", batch_size=20, progress=progress)
    assert heard == [20, 20, len(dev_extracted) - 40]
    assert total.batches == 3 and total.documents == len(dev_extracted)


def signing_children() -> list[int]:
    """Ids of this process's children running the signing loop (Linux ``/proc``)."""
    return children("bulk_signing")


def children(module: str) -> list[int]:
    """Ids of this process's children running ``module``'s loop (Linux ``/proc``)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            command = (entry / "cmdline").read_bytes()
        except (OSError, ValueError, IndexError):
            continue
        if parent == os.getpid() and module.encode() in command:
            found.append(int(entry.name))
    return found


def test_a_failed_load_keeps_its_committed_batches_and_no_child_process(
    sqlite_store: Store, dev_extracted: Items, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk, "CHILD_FROM", 1)

    def stop(batch: Any) -> None:
        assert signing_children(), "the next batch is being signed meanwhile"
        assert children("bulk_syndication"), "syndication groups come from a child"
        raise RuntimeError("stop")

    # Plain items, as older output without signatures gives: the child signs them.
    unsigned = [(document, claims) for document, claims in dev_extracted]
    with pytest.raises(RuntimeError, match="stop"):
        bulk_ingest(sqlite_store.engine, unsigned, "v1", batch_size=10, progress=stop)
    assert signing_children() == [] == children("bulk_syndication")
    assert counts(sqlite_store)["documents"] == 10


def test_the_cyclic_collector_pauses_for_the_load_and_runs_every_so_many_documents(
    sqlite_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []
    replace = bulk.replace_records

    def writing(*args: Any) -> None:
        seen.append(f"writing, collector {'on' if gc.isenabled() else 'off'}")
        replace(*args)

    monkeypatch.setattr(bulk, "replace_records", writing)
    monkeypatch.setattr(bulk, "COLLECT_EVERY", 20)
    monkeypatch.setattr(bulk.gc, "collect", lambda: seen.append("collected"))
    committed = lambda _: seen.append(f"committed, collector {'on' if gc.isenabled() else 'off'}")  # noqa: E731
    bulk_ingest(sqlite_store.engine, synthetic(4, 50)[:50], "v1", batch_size=10, progress=committed)
    batch = ["writing, collector off", "committed, collector off"]
    assert seen == (batch * 2 + ["collected"]) * 2 + batch
    assert gc.isenabled()

    def failing(*args: Any) -> None:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(bulk, "replace_records", failing)
    with pytest.raises(RuntimeError, match="went away"):
        bulk_ingest(sqlite_store.engine, synthetic(5, 20), "v1", batch_size=10)
    assert gc.isenabled()


def test_signatures_and_hashes_from_extraction_are_used_and_start_no_signing_process(
    sqlite_store: Store, dev_extracted: Items, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert all(
        isinstance(item, SignedItem) and item.signature and item.digest for item in dev_extracted
    )

    def refuse(*_: Any) -> Any:
        raise AssertionError("a carried signature or content hash was computed again")

    monkeypatch.setattr(syndication, "signature", refuse)
    monkeypatch.setattr(bulk_signing, "content_hash", refuse)

    def check(batch: Any) -> None:
        assert signing_children() == []

    report = bulk_ingest(sqlite_store.engine, dev_extracted, "v1", batch_size=10, progress=check)
    assert report.added == len(dev_extracted)


def test_batch_size_must_be_positive(sqlite_store: Store) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        bulk_ingest(sqlite_store.engine, [], "v1", batch_size=0)


# Bulk-loads a labelled JSONL file in batches; with a pause count, stops inside the
# transaction of that batch, after its rows are written and before the commit.
CHILD = """
import json, sys, time
from emptychair.model import Claim, Document
from emptychair.store import bulk, open_store

url, path, pause, batch = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
items = []
for line in open(path, encoding="utf-8"):
    data = json.loads(line)
    items.append((Document.from_dict(data), [Claim.from_dict(c) for c in data["claims"]]))
real, done = bulk._BulkBatch.write, []
def paused(self):
    real(self)
    done.append(1)
    if len(done) == pause:
        print("MID", flush=True)
        time.sleep(120)
bulk._BulkBatch.write = paused
with open_store(url) as store:
    print("READY", flush=True)
    store.bulk_ingest(items, "gold", batch_size=batch)
print("DONE", flush=True)
"""


@pytest.fixture
def corpus_jsonl(tmp_path: Path, corpus_items: Items) -> Iterator[tuple[Path, Items]]:
    subset = corpus_items[:30]
    path = tmp_path / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for document, claims in subset:
            data = {
                "id": document.id,
                "published": document.published.isoformat() if document.published else None,
                "title": document.title,
                "text": document.text,
                "claims": [c.to_dict() for c in claims],
            }
            out.write(json.dumps(data) + "\n")
    yield path, subset


def test_killed_mid_batch_leaves_whole_batches_and_a_rerun_completes(
    store_url: str, corpus_jsonl: tuple[Path, Items]
) -> None:
    path, subset = corpus_jsonl
    with open_store(store_url) as reference:
        reference.ingest(subset, "gold")
        expected = snapshot(reference)
        empty(reference)
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, store_url, str(path), "3", "5"],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert child.stdout is not None
    assert [child.stdout.readline().strip() for _ in range(2)] == ["READY", "MID"]
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    with open_store(store_url) as store:
        partial = snapshot(store)
        # Two whole batches committed (the seed repeated is one document), the third not at all.
        assert {d[0] for d in partial["documents"]} == {d.id for d, _ in subset[:10]}
        with store.engine.connect() as connection:
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
        assert behind == kept, "every record reflects exactly its claims"
        report = store.bulk_ingest(subset, "gold", batch_size=5)
        assert report.unchanged == 10
        assert_same(snapshot(store), expected)


# ---- syndication in one step --------------------------------------------------------


def test_the_signature_index_picks_the_original_find_original_picks() -> None:
    rng = random.Random(4)
    vocabulary = [f"w{n}" for n in range(120)]
    stories = [
        " ".join(rng.choice(vocabulary) for _ in range(rng.randint(20, 160))) for _ in range(12)
    ]
    index = SignatureIndex()
    known: list[tuple[int, dt.date, syndication.Signature]] = []
    day = dt.date(2024, 3, 1)
    for doc_id in range(1, 300):
        base = rng.choice(stories)
        words = base.split()
        cut = rng.randint(0, len(words) // 3)
        text = " ".join(words[cut:] + rng.sample(vocabulary, rng.randint(0, 30)))
        published = day + dt.timedelta(days=rng.randint(0, 40))
        signature = syndication.signature(text)
        exclude = rng.choice([None, *(k[0] for k in known[-5:])])
        window = [
            (other, sig)
            for other, when, sig in known
            if abs((when - published).days) <= syndication.WINDOW_DAYS and other != exclude
        ]
        assert index.original(signature, published, exclude) == syndication.find_original(
            signature, window
        )
        index.remember(doc_id, published, doc_id, signature)
        known.append((doc_id, published, signature))
    assert sum(index.original(s, d, None) is not None for _, d, s in known) > 100


def test_the_signature_index_follows_a_feed_with_corrections() -> None:
    """Mostly in publication order (lookups share a day), some late, and some documents
    remembered again under their id with new text and day (corrections)."""
    rng = random.Random(9)
    vocabulary = [f"w{n}" for n in range(150)]
    stories = [" ".join(rng.choices(vocabulary, k=rng.randint(30, 120))) for _ in range(15)]
    index = SignatureIndex()
    known: dict[int, tuple[dt.date, syndication.Signature]] = {}
    day = dt.date(2024, 5, 1)
    copies = corrections = 0
    for step in range(400):
        day += dt.timedelta(days=rng.random() < 0.1)
        published = day - dt.timedelta(days=rng.randint(0, 9) if rng.random() < 0.1 else 0)
        words = rng.choice(stories).split()
        text = " ".join(words[rng.randint(0, 8) :] + rng.sample(vocabulary, rng.randint(0, 20)))
        signature = syndication.signature(text)
        doc_id = rng.choice(list(known)) if known and rng.random() < 0.08 else step + 1
        exclude = doc_id if doc_id in known else None
        window = [
            (other, sig)
            for other, (when, sig) in known.items()
            if abs((when - published).days) <= syndication.WINDOW_DAYS and other != exclude
        ]
        found = index.original(signature, published, exclude)
        assert found == syndication.find_original(signature, window), step
        copies += found is not None
        corrections += exclude is not None
        index.remember(doc_id, published, doc_id, signature)
        known[doc_id] = (published, signature)
    assert copies > 100 and corrections > 10
