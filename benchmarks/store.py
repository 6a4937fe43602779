"""Store benchmark: ingest throughput, and board and patterns query times on a big store.

1. Ingest: the labelled corpus's documents, made unique and repeated, with their
   gold claims, through ``Store.ingest`` into a fresh SQLite file: claims/s.
2. Queries: a store of ``--claims`` claims over ``--meetings`` meetings is
   generated with bulk inserts (records and levels derived as ingest would), then
   ``meeting_board`` (with timelines, sources and evidence) and ``patterns``
   are timed: median and p95, beside the goals (p95 < 50 ms and < 500 ms), and
   the first ``patterns`` call of the process on its own. ``--reuse`` times a
   store an earlier run left at ``--db`` instead of generating it again.

Printed figures, with the load average, not a test:
``python benchmarks/store.py [--claims N] [--db URL [--reuse]]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, func, insert, select, true

from emptychair.analyze.patterns import patterns
from emptychair.model import ROLES, Claim, Document
from emptychair.reconcile import syndication
from emptychair.reconcile.timeline import Statement, reconcile
from emptychair.store import open_store, read
from emptychair.store import schema as db
from emptychair.store.lookups import forum_profile
from emptychair.store.records import refresh_levels

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev.jsonl"
GOAL_BOARD_MS = 50
GOAL_PATTERNS_MS = 500
FORUMS = [
    "nato-summit",
    "nato-foreign-ministers",
    "nato-defence-ministers",
    "g7-summit",
    "g20-summit",
    "eu-council",
    "asean-summit",
    "apec-leaders",
    "unga",
    "brics-summit",
    "cop",
    "shangri-la-dialogue",
    "ukraine-defense-contact-group",
    "osce-ministers",
    "g7-ministers",
    "quad",
]
STATUS_WEIGHTS = {"attend": 0.8, "absent": 0.15, "virtual": 0.05}
CERTAINTY_WEIGHTS = {"reported": 0.6, "expected": 0.3, "possible": 0.1}
CHUNK = 50_000


def ingest_throughput(documents: int) -> None:
    """Ingest ``documents`` corpus-derived documents into a fresh SQLite store."""
    base = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        base.append((Document.from_dict(data), [Claim.from_dict(c) for c in data["claims"]]))
    items = []
    for n in range(documents):
        document, claims = base[n % len(base)]
        unique = replace(document, id=f"{document.id}-{n}", text=f"{document.text}\n\nCopy {n}.")
        items.append((unique, claims))
    # Loading datasketch (and SciPy) takes seconds once per process: not throughput.
    syndication.signature("warm up")
    with tempfile.TemporaryDirectory() as folder, open_store(f"sqlite:///{folder}/i.db") as store:
        start = time.perf_counter()
        report = store.ingest(items, "bench")
        seconds = time.perf_counter() - start
    print(
        f"ingest (SQLite): {report.added} documents, {report.claims_added} claims in "
        f"{seconds:.1f} s = {report.claims_added / seconds:,.0f} claims/s "
        f"({report.added / seconds:,.0f} documents/s)"
    )


def _weighted(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), list(weights.values()))[0]


def generate(url: str, claims: int, meetings: int, seed: int = 7) -> None:
    """Fill an empty store with ``claims`` claims over ``meetings`` meetings, in bulk."""
    rng = random.Random(seed)
    countries = [f"C{a}{b}" for a in "ABCDEFGH" for b in "ABCDEFGH"][:60]
    per_meeting = claims // meetings
    with open_store(url) as store, store.engine.begin() as connection:
        _bulk(connection, db.countries, [{"code": c} for c in countries])
        _bulk(
            connection,
            db.forums,
            [
                {"id": f, "family": forum_profile(f)[0], "principal_role": forum_profile(f)[1]}
                for f in FORUMS
            ],
        )
        offices = [(c, r) for c in countries for r in ROLES]
        _bulk(
            connection,
            db.offices,
            [{"id": i + 1, "country": c, "role": r} for i, (c, r) in enumerate(offices)],
        )
        _bulk(
            connection,
            db.people,
            [{"id": i + 1, "name": f"{r} of {c}"} for i, (c, r) in enumerate(offices)],
        )
        meeting_rows: list[dict[str, Any]] = []
        for m in range(meetings):
            forum = FORUMS[m % len(FORUMS)]
            day = dt.date(2000, 1, 1) + dt.timedelta(days=(m // len(FORUMS)) * 60 + m % 28)
            meeting_rows.append(
                {
                    "id": m + 1,
                    "slug": f"{forum}-{day:%Y-%m-%d}",
                    "forum": forum,
                    "month": f"{day:%Y-%m}",
                    "start_date": day,
                    "end_date": day,
                }
            )
        _bulk(connection, db.meetings, meeting_rows)
        documents: list[dict[str, Any]] = []
        claim_rows: list[dict[str, Any]] = []
        source_rows: list[dict[str, Any]] = []
        statements: dict[tuple[int, int], list[Statement]] = defaultdict(list)
        now = dt.datetime.now(dt.UTC)
        for meeting in meeting_rows:
            # Each meeting: reports on about a hundred offices, most about principals.
            chosen = rng.sample(range(len(offices)), 100)
            for n in range(per_meeting):
                if n % 10 == 0:
                    doc_id = len(documents) + 1
                    published = meeting["start_date"] - dt.timedelta(days=rng.randint(-3, 30))
                    documents.append(
                        {
                            "id": doc_id,
                            "external_id": f"doc-{doc_id}",
                            "content_hash": f"{doc_id:064d}",
                            "published": published,
                            "title": f"Report {doc_id}",
                            "text": f"Synthetic report {doc_id}.",
                            "extractor_version": "bench",
                            "ingested_at": now,
                            "syndication_group": doc_id,
                            "shingles": 0,
                        }
                    )
                office = chosen[n % len(chosen)] + 1
                status = _weighted(rng, STATUS_WEIGHTS)
                certainty = _weighted(rng, CERTAINTY_WEIGHTS)
                claim_id = len(claim_rows) + 1
                claim_rows.append(
                    {
                        "id": claim_id,
                        "document_id": doc_id,
                        "ordinal": n % 10,
                        "person_id": office,
                        "office_id": office,
                        "forum": meeting["forum"],
                        "meeting_date": meeting["month"],
                        "meeting_id": meeting["id"],
                        "awaits_meeting": False,
                        "status": status,
                        "certainty": certainty,
                        "evidence": f"Evidence sentence for claim {claim_id}.",
                        "extractor_version": "bench",
                    }
                )
                if n % 2 == 0:
                    source_rows.append(
                        {
                            "claim_id": claim_id,
                            "ordinal": 0,
                            "kind": "anonymous",
                            "descriptor": "officials",
                        }
                    )
                statements[(meeting["id"], office)].append(
                    Statement(claim_id, published, status, certainty, office, None, doc_id, doc_id)
                )
        _bulk(connection, db.documents, documents)
        _bulk(connection, db.claims, claim_rows)
        _bulk(connection, db.claim_sources, source_rows)
        record_rows = []
        for (meeting_id, office_id), listed in statements.items():
            state = reconcile(listed)
            record_rows.append(
                {
                    "meeting_id": meeting_id,
                    "office_id": office_id,
                    "status": state.status,
                    "contested": state.contested,
                    "statuses": "|".join(state.statuses),
                    "certainty": state.certainty,
                    "person_id": state.person_id,
                    "claims": state.claims,
                    "documents": state.documents,
                    "reports": state.reports,
                    "first_published": state.first_published,
                    "last_published": state.last_published,
                }
            )
        _bulk(connection, db.records, record_rows)
        refresh_levels(connection, true())
    with open_store(url) as store, store.engine.begin() as connection:
        if store.backend == "postgresql":
            # Statistics, as autovacuum gathers after such a load (a server may run
            # without it): with none, PostgreSQL plans the queries as for empty tables.
            connection.exec_driver_sql("ANALYZE")


def _bulk(connection: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), CHUNK):
        connection.execute(insert(table), rows[start : start + CHUNK])


def timed(runs: int, call: Callable[[], object]) -> tuple[float, float]:
    """Median and p95 of ``runs`` calls, in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))]


def _stored_claims(url: str) -> int:
    with open_store(url) as store, store.engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(db.claims)).scalar_one())


def _load() -> str:
    return "load average {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def main() -> None:
    """Run both parts and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--meetings", type=int, default=2_000)
    parser.add_argument(
        "--ingest-documents", type=int, default=1_000, help="0 leaves out the ingest part"
    )
    parser.add_argument("--db", help="store URL for the generated store (default: a temp file)")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="time the store already at --db if it holds claims, rather than generating one",
    )
    args = parser.parse_args()
    print(_load())
    if args.ingest_documents:
        ingest_throughput(args.ingest_documents)
    with tempfile.TemporaryDirectory() as folder:
        url = args.db or f"sqlite:///{folder}/big.db"
        held = _stored_claims(url) if args.reuse and args.db else 0
        if held:
            print(f"reused the store at {args.db}: {held:,} claims")
        else:
            start = time.perf_counter()
            generate(url, args.claims, args.meetings)
            print(
                f"generated {args.claims:,} claims over {args.meetings:,} meetings "
                f"in {time.perf_counter() - start:.0f} s"
            )
        with open_store(url) as store:
            slugs = [m.id for m in read.meetings(store)]
            rng = random.Random(1)
            median, p95 = timed(100, lambda: read.meeting_board(store, rng.choice(slugs)))
            print(
                f"meeting board: median {median:.1f} ms, p95 {p95:.1f} ms "
                f"(goal p95 < {GOAL_BOARD_MS} ms)"
            )
            # The process's first call, apart: nothing read or compiled before it.
            start = time.perf_counter()
            found = patterns(store)
            first = (time.perf_counter() - start) * 1000
            median, p95 = timed(10, lambda: patterns(store))
            print(
                f"patterns: median {median:.0f} ms, p95 {p95:.0f} ms "
                f"(goal p95 < {GOAL_PATTERNS_MS} ms), first call {first:.0f} ms; "
                f"{len(found.streaks)} streaks, {len(found.downgrades)} downgrades"
            )
    print(_load())


if __name__ == "__main__":
    main()
