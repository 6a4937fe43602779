"""Bulk ingest throughput: extract output into PostgreSQL and SQLite, against Store.ingest.

1. Generates an output directory as ``emptychair extract --engine dask`` writes it
   (``OUT/documents`` and ``OUT/claims``, gzip Parquet parts partitioned by month):
   ``--docs`` news-length documents (the texts of ``benchmarks/corpus.py``, by
   default all about multilateral meetings), in publication order as a feed brings them, with
   ``--claims-per-doc`` claims each on average (``--with-claims 0.05``: only one
   document in 20 has any, as on the firehose). Claims name a scheduled meeting
   of one of 24 forums: most by its day, some by its month only, some undated
   ("ahead of the summit"); a share of documents are syndicated copies of an
   earlier one (same text plus a dateline, same claims). The parts are written
   with ``output.write_part``, as the Dask tasks write them, which computes each
   document's MinHash signature and content hash: that cost is extraction's, and
   is printed (the whole write, and a sample signed and hashed alone).
2. For PostgreSQL (``--db``: an empty database; default a fresh one created on
   127.0.0.1:5432 and dropped) and SQLite (a temporary file): times what
   ``emptychair ingest --extracted OUT/`` does (read the parts, ``Store.bulk_ingest``),
   then the same again (every document unchanged, no count moves).
3. Baseline, in the same run: the ordinary ``Store.ingest`` over the first
   ``--baseline-docs`` documents of the same output into a fresh store of each
   backend, and the ratio of the bulk claims/s to it.

The load average is printed before and after each bulk load, with the CPU time
of this process and of the signing child (if any), and the first load's split
by stage (read alone, then placement, COPY per table and records, timed by
wrapping those functions): this 2-core machine is shared, so run
it alone (``flock /tmp/bench.lock``). A report, not a test: it exits 0 whatever
the figures.

    flock /tmp/bench.lock .venv/bin/python benchmarks/bulk_ingest.py
    flock /tmp/bench.lock .venv/bin/python benchmarks/bulk_ingest.py --docs 5000 --json
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, func, select
from sqlalchemy.engine import make_url

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # ``benchmarks.corpus`` when run as a script

from benchmarks.corpus import MEETING_PREFIX, generate  # noqa: E402
from emptychair import vocab  # noqa: E402
from emptychair.extract.batch import Extraction  # noqa: E402
from emptychair.extract.output import Compression, OutputFormat, write_part  # noqa: E402
from emptychair.model import Claim, Document, Source, content_hash  # noqa: E402
from emptychair.reconcile import syndication  # noqa: E402
from emptychair.sources.extracted import read_extracted  # noqa: E402
from emptychair.store import (  # noqa: E402
    Store,
    bulk,
    bulk_lookups,
    bulk_references,
    bulk_rows,
    bulk_syndication,
    open_store,
)
from emptychair.store import schema as db  # noqa: E402
from emptychair.store.bulk import DEFAULT_BULK_BATCH  # noqa: E402
from emptychair.store.write import DEFAULT_BATCH  # noqa: E402

GOAL_CLAIMS_PER_S = 20_000
PG_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
PART_DOCS = 1_000
SIGN_SAMPLE = 2_000
"""Documents signed alone to measure the signing rate within extraction's write."""
FORUMS = [f for f in vocab.load("forum_families")["forums"] if f != "other"]
COUNTRIES = [c["iso3"] for c in vocab.load("countries")][:80]
ROLES = {
    "leader": 0.3,
    "foreign_minister": 0.25,
    "defence_minister": 0.15,
    "finance_minister": 0.05,
    "minister": 0.05,
    "deputy": 0.08,
    "ambassador": 0.07,
    "official": 0.05,
}
STATUSES = {"attend": 0.75, "absent": 0.18, "virtual": 0.07}
CERTAINTIES = {"reported": 0.55, "expected": 0.35, "possible": 0.1}
OUTLETS = ["Wire One", "Daily Ledger", "Capital Post", "Evening Star", "Harbour News"]


def _pick(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), list(weights.values()))[0]


def _schedule(rng: random.Random) -> dict[str, list[tuple[dt.date, dt.date]]]:
    """Each forum's meetings, 1-3 days long, every 45-150 days from late 2023 to 2027."""
    found: dict[str, list[tuple[dt.date, dt.date]]] = {}
    for forum in FORUMS:
        day, meetings = dt.date(2023, 10, 1) + dt.timedelta(days=rng.randrange(60)), []
        while day < dt.date(2027, 3, 1):
            meetings.append((day, day + dt.timedelta(days=rng.randrange(3))))
            day += dt.timedelta(days=rng.randrange(45, 150))
        found[forum] = meetings
    return found


def _claims(
    rng: random.Random,
    published: dt.date,
    schedule: dict[str, list[tuple[dt.date, dt.date]]],
    mean: float,
) -> list[Claim]:
    """Claims about one forum's meeting near ``published``: delegations, dated mostly by day."""
    forum = rng.choice(FORUMS)
    meeting = min(schedule[forum], key=lambda m: abs((m[0] - published).days - 20))
    count = max(1, round(rng.expovariate(1 / mean))) if mean > 0 else 0
    claims = []
    for _ in range(count):
        country, role = rng.choice(COUNTRIES), _pick(rng, ROLES)
        kind = rng.random()
        day = meeting[0] + dt.timedelta(days=rng.randrange((meeting[1] - meeting[0]).days + 1))
        when = day.isoformat() if kind < 0.75 else f"{day:%Y-%m}" if kind < 0.9 else None
        person = f"{role.replace('_', ' ').title()} {country} {meeting[0].year}"
        evidence = f"The {role.replace('_', ' ')} of {country} will be at the {forum} meeting."
        start = rng.randrange(2000)
        claims.append(
            Claim(
                person=person if rng.random() < 0.8 else None,
                country=country,
                role=role,  # type: ignore[arg-type]
                forum=forum,
                meeting_date=when,
                status=_pick(rng, STATUSES),  # type: ignore[arg-type]
                certainty=_pick(rng, CERTAINTIES),  # type: ignore[arg-type]
                representative=f"Envoy {country}" if rng.random() < 0.05 else None,
                sources=tuple(
                    Source("anonymous" if rng.random() < 0.6 else "named", "officials said")
                    for _ in range(rng.randrange(3))
                ),
                evidence=evidence,
                evidence_start=start,
                evidence_end=start + len(evidence),
            )
        )
    return claims


def generate_output(
    out: Path, docs: int, claims_per_doc: float, copies: float, seed: int, with_claims: float = 1.0
) -> dict[str, Any]:
    """Write an extract output directory; return what it holds.

    Only the meeting documents of the corpus (``with_claims`` of them) get claims.
    """
    rng = random.Random(seed)
    schedule = _schedule(rng)
    texts = sorted(
        generate(docs, seed=seed, meeting_share=with_claims), key=lambda d: (d.published, d.id)
    )
    items: list[Extraction] = []
    copied = 0
    for n, base in enumerate(texts):
        document = replace(base, url=f"https://news.example/{base.id}", outlet=rng.choice(OUTLETS))
        recent = items[-50:]
        if recent and rng.random() < copies:
            # A syndicated copy of a recent story: its text with a dateline, its claims.
            source = rng.choice(recent)
            document = replace(document, text=f"{source.document.text}\n\n(Wire copy {n}.)")
            items.append(Extraction(document, source.claims))
            copied += 1
            continue
        assert document.published is not None
        found = (
            _claims(rng, document.published, schedule, claims_per_doc)
            if document.id.startswith(MEETING_PREFIX)
            else []
        )
        items.append(Extraction(document, found))
    start_writing = time.perf_counter()
    for start in range(0, len(items), PART_DOCS):
        part = f"part-{start // PART_DOCS:06d}"
        write_part(
            items[start : start + PART_DOCS],
            out,
            part,
            OutputFormat.parquet,
            Compression.gzip,
            "benchmark",
        )
    write_seconds = time.perf_counter() - start_writing
    sample = [e.document.text for e in items[:SIGN_SAMPLE]]
    _, sign_seconds = timed(lambda: [syndication.signature(text) for text in sample])
    hashed = [e.document for e in items[:SIGN_SAMPLE]]
    _, hash_seconds = timed(lambda: [content_hash(document) for document in hashed])
    claims = sum(len(e.claims) for e in items)
    size = sum(f.stat().st_size for f in out.rglob("*.parquet"))
    return {
        "documents": len(items),
        "claims": claims,
        "copies": copied,
        "parquet_mb": size / 1e6,
        "write_seconds": write_seconds,
        "signatures_per_s": len(sample) / sign_seconds,
        "hashes_per_s": len(hashed) / hash_seconds,
    }


def items_of(out: Path, limit: int | None = None) -> Iterator[tuple[Document, list[Claim]]]:
    """The output's documents and claims as ``ingest --extracted`` reads them."""
    for n, item in enumerate(i for i in read_extracted(out) if isinstance(i, tuple)):
        if limit is not None and n >= limit:
            return
        yield item


def counts(store: Store) -> dict[str, int]:
    """Rows per table."""
    with store.engine.connect() as connection:
        return {
            table.name: connection.execute(select(func.count()).select_from(table)).scalar_one()
            for table in db.metadata.sorted_tables
        }


@contextmanager
def fresh_postgres(server: str) -> Iterator[str]:
    """A new, empty PostgreSQL database on ``server``, dropped afterwards."""
    base = make_url(server)
    name = f"emptychair_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def timed(call: Callable[[], Any]) -> tuple[Any, float]:
    """``call()`` and its wall-clock seconds."""
    start = time.perf_counter()
    result = call()
    return result, time.perf_counter() - start


@contextmanager
def stage_timer() -> Iterator[dict[str, float]]:
    """Seconds spent in bulk ingest's stages, by name, while the block runs.

    ``placement`` is reading what a batch meets and deciding its documents;
    ``COPY <table>`` each table's insert; ``records`` recomputing records, its
    own COPY excluded; ``write`` the whole write step, which includes waiting for
    the child's syndication groups and the batch's reference checks. On PostgreSQL
    the COPY of documents runs in a thread while the batch is decided, that of
    claims while their rows are made, and those of claims and sources while records
    are reconciled, so those stages overlap.
    """
    spent: dict[str, float] = {}
    patched: list[tuple[Any, str, Any]] = []

    def wrap(owner: Any, name: str, stage: Callable[..., str | None]) -> None:
        original = getattr(owner, name)

        def timed_call(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                key = stage(*args)
                if key is not None:
                    spent[key] = spent.get(key, 0.0) + time.perf_counter() - start

        patched.append((owner, name, original))
        setattr(owner, name, timed_call)

    def copy_stage(_: Any, table: Any, *rest: Any) -> str:
        return f"COPY {table.name}"

    def executemany_stage(connection: Any, table: Any, *rest: Any) -> str | None:
        # Named as on PostgreSQL, where ``insert_rows`` goes through ``copy_rows``.
        return None if connection.dialect.name == "postgresql" else copy_stage(None, table)

    wrap(bulk_rows, "copy_rows", copy_stage)
    for module in (bulk_lookups, bulk_references, bulk_rows):
        wrap(module, "insert_rows", executemany_stage)
    for name in ("stored_statements", "record_rows", "replace_records"):
        wrap(bulk, name, lambda *a: "records")
    wrap(bulk._BulkBatch, "read", lambda *a: "placement")
    wrap(bulk._BulkBatch, "document", lambda *a: "placement")
    wrap(bulk._BulkBatch, "write", lambda *a: "write")
    wrap(bulk_syndication.GroupsInChild, "groups", lambda *a: "waiting for syndication groups")
    wrap(bulk_references.ReferenceChecks, "verify", lambda *a: "reference checks")
    try:
        yield spent
    finally:
        for owner, name, original in reversed(patched):
            setattr(owner, name, original)
        spent["records"] = spent.get("records", 0.0) - spent.get("COPY records", 0.0)


def measure_bulk(url: str, out: Path, batch_size: int) -> dict[str, Any]:
    """Bulk-load the output into an empty store, then again; rates and the idempotency check."""
    _, read_seconds = timed(lambda: sum(1 for _ in items_of(out)))
    with open_store(url) as store:
        if any(counts(store).values()):
            raise SystemExit(f"{store.url} is not empty: the benchmark needs an empty store")
        with store.engine.connect() as connection:
            per_batch = bulk_references.batch_checks_allowed(connection)
        row_checks = "once per batch" if per_batch else "row by row"
        before = os.getloadavg()
        cpu = _cpu()
        with stage_timer() as stages:
            first, seconds = timed(
                lambda: store.bulk_ingest(items_of(out), "benchmark", batch_size)
            )
        used = tuple(b - a for a, b in zip(cpu, _cpu(), strict=True))
        rows = counts(store)
        again, again_seconds = timed(
            lambda: store.bulk_ingest(items_of(out), "benchmark", batch_size)
        )
        unchanged = counts(store) == rows
        after = os.getloadavg()
        backend = store.backend
    return {
        "backend": backend,
        "batch_size": batch_size,
        "documents": first.documents,
        "claims": first.claims_added,
        "seconds": seconds,
        "docs_per_s": first.documents / seconds,
        "claims_per_s": first.claims_added / seconds,
        "records": rows["records"],
        "meetings": rows["meetings"],
        "again_seconds": again_seconds,
        "again_unchanged": again.unchanged,
        "again_claims_added": again.claims_added,
        "counts_unchanged": unchanged,
        "load_before": before,
        "load_after": after,
        "cpu_seconds": used[0],
        "children_cpu_seconds": used[1],
        "row_checks": row_checks,
        "read_seconds": read_seconds,
        "stages": dict(sorted(stages.items(), key=lambda kv: -kv[1])),
    }


def _cpu() -> tuple[float, float]:
    """CPU seconds of this process and of its ended children (signing, syndication)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time(), children.ru_utime + children.ru_stime


def measure_ordinary(url: str, out: Path, docs: int) -> dict[str, Any]:
    """``Store.ingest`` (the ordinary path, its default batch) over the first ``docs`` documents."""
    with open_store(url) as store:
        report, seconds = timed(
            lambda: store.ingest(items_of(out, docs), "benchmark", DEFAULT_BATCH)
        )
    return {
        "documents": report.documents,
        "claims": report.claims_added,
        "seconds": seconds,
        "docs_per_s": report.documents / seconds,
        "claims_per_s": report.claims_added / seconds,
    }


Stores = Callable[[], AbstractContextManager[str]]


def run_backend(
    name: str, bulk_store: Stores, baseline_store: Stores, out: Path, args: argparse.Namespace
) -> dict[str, Any]:
    """Bulk then baseline on one backend, each in an empty store of its own."""
    print(f"[bulk] {name}: bulk load ...", file=sys.stderr, flush=True)
    with bulk_store() as url:
        bulk = measure_bulk(url, out, args.batch_size)
    print(f"[bulk] {name}: Store.ingest of {args.baseline_docs:,} documents ...", file=sys.stderr)
    with baseline_store() as url:
        ordinary = measure_ordinary(url, out, args.baseline_docs)
    ratio = bulk["claims_per_s"] / ordinary["claims_per_s"] if ordinary["claims"] else None
    docs_ratio = bulk["docs_per_s"] / ordinary["docs_per_s"]
    return {"bulk": bulk, "ordinary": ordinary, "ratio": ratio, "docs_ratio": docs_ratio}


def main(argv: list[str] | None = None) -> int:
    """Generate, measure both backends, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=40_000, help="generated documents")
    parser.add_argument("--claims-per-doc", type=float, default=5.0, help="mean claims a document")
    parser.add_argument(
        "--with-claims",
        type=float,
        default=1.0,
        help="share of documents with claims (the firehose: 0.05; the others have none)",
    )
    parser.add_argument("--copies", type=float, default=0.05, help="share of syndicated copies")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--batch-size", type=int, default=DEFAULT_BULK_BATCH, help="bulk: documents per transaction"
    )
    parser.add_argument(
        "--baseline-docs", type=int, default=1_000, help="documents for Store.ingest"
    )
    parser.add_argument(
        "--db", help="an EMPTY PostgreSQL database for the bulk load (default: a fresh one)"
    )
    parser.add_argument("--pg-server", default=PG_SERVER, help="where fresh databases are created")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead")
    args = parser.parse_args(argv)
    syndication.signature("warm up")  # datasketch loads SciPy once per process: not throughput
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch) / "out"
        print(f"[bulk] generating {args.docs:,} documents ...", file=sys.stderr, flush=True)
        generated, gen_seconds = timed(
            lambda: generate_output(
                out, args.docs, args.claims_per_doc, args.copies, args.seed, args.with_claims
            )
        )

        files = iter(range(2))

        @contextmanager
        def sqlite() -> Iterator[str]:
            yield f"sqlite:///{scratch}/store-{next(files)}.sqlite3"

        @contextmanager
        def given() -> Iterator[str]:
            yield args.db

        def postgres() -> AbstractContextManager[str]:
            return fresh_postgres(args.pg_server)

        results = {
            "postgresql": run_backend(
                "PostgreSQL", given if args.db else postgres, postgres, out, args
            ),
            "sqlite": run_backend("SQLite", sqlite, sqlite, out, args),
        }
    summary = {
        "cpus": os.cpu_count(),
        "load_average_end": os.getloadavg(),
        "generated": generated | {"seconds": gen_seconds},
        "results": results,
        "goal_claims_per_s": GOAL_CLAIMS_PER_S,
        "verdict": "PASS"
        if results["postgresql"]["bulk"]["claims_per_s"] >= GOAL_CLAIMS_PER_S
        else "FAIL",
    }
    if args.json:
        print(json.dumps(summary))
    else:
        _print(summary)
    return 0


def _print(summary: dict[str, Any]) -> None:
    g = summary["generated"]
    print(
        f"generated: {g['documents']:,} documents, {g['claims']:,} claims "
        f"({g['claims'] / g['documents']:.1f} a document), {g['copies']:,} syndicated copies, "
        f"{g['parquet_mb']:.0f} MB of gzip Parquet, in {g['seconds']:.0f} s (not timed)"
    )
    print(
        f"extraction output: parts written (signatures and content hashes included) in "
        f"{g['write_seconds']:.1f} s = {g['documents'] / g['write_seconds']:,.0f} docs/s; "
        f"signatures in extraction: {g['signatures_per_s']:,.0f} signatures/s on one core "
        f"({1000 / g['signatures_per_s']:.2f} ms a document, "
        f"{g['documents'] / g['signatures_per_s']:.1f} s of the write); content hashes: "
        f"{g['hashes_per_s']:,.0f}/s ({1000 / g['hashes_per_s']:.3f} ms a document, "
        f"{g['documents'] / g['hashes_per_s']:.1f} s of the write)"
    )
    for name, found in summary["results"].items():
        bulk, ordinary = found["bulk"], found["ordinary"]
        print(
            f"{name} bulk ({bulk['batch_size']:,} docs/transaction): "
            f"{bulk['documents']:,} documents, {bulk['claims']:,} claims in "
            f"{bulk['seconds']:.1f} s = {bulk['docs_per_s']:,.0f} docs/s, "
            f"{bulk['claims_per_s']:,.0f} claims/s; {bulk['meetings']:,} meetings, "
            f"{bulk['records']:,} records"
        )
        print(
            f"{name} bulk CPU: {bulk['cpu_seconds']:.1f} s in this process, "
            f"{bulk['children_cpu_seconds']:.1f} s in child processes (signing, syndication "
            f"groups; the database server's not counted); foreign keys checked "
            f"{bulk['row_checks']}"
        )
        split = ", ".join(f"{k} {v:.1f} s" for k, v in bulk["stages"].items())
        print(
            f"{name} bulk stages: read alone {bulk['read_seconds']:.1f} s (a thread overlaps "
            f"it with the load); {split}"
        )
        print(
            f"{name} bulk again: {bulk['again_unchanged']:,} unchanged, "
            f"{bulk['again_claims_added']} claims added, every count unchanged: "
            f"{bulk['counts_unchanged']}, in {bulk['again_seconds']:.1f} s"
        )
        print(
            f"{name} load average: {_load(bulk['load_before'])} before, "
            f"{_load(bulk['load_after'])} after"
        )
        print(
            f"{name} baseline Store.ingest ({DEFAULT_BATCH} docs/transaction, first "
            f"{ordinary['documents']:,} documents): {ordinary['claims']:,} claims in "
            f"{ordinary['seconds']:.1f} s = {ordinary['docs_per_s']:,.0f} docs/s, "
            f"{ordinary['claims_per_s']:,.0f} claims/s; bulk/baseline: "
            f"{found['ratio'] or 0:.1f}x claims/s, {found['docs_ratio']:.1f}x docs/s"
        )
    print(
        f"goal >= {summary['goal_claims_per_s']:,} claims/s into PostgreSQL: {summary['verdict']}"
    )
    print(
        f"load average at the end: {_load(summary['load_average_end'])} on {summary['cpus']} CPUs"
    )


def _load(values: tuple[float, float, float]) -> str:
    return " ".join(f"{v:.2f}" for v in values)


if __name__ == "__main__":
    sys.exit(main())
