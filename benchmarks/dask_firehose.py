"""Dask engine throughput on the firehose corpus: 1 worker against 2, on this machine.

Builds (or reads) the firehose corpus (``benchmarks/corpus.py``, default 5,000
documents) and, for 1 and then 2 worker processes (one thread each), starts a
``LocalCluster``, warms every worker (imports and vocabularies loaded, as a
long-running cluster would have them), then times ``dask_engine.run`` over the
corpus file end to end: the driver reading the JSONL, shipping batches,
extraction on the workers, and the Parquet parts written. It prints documents,
seconds, documents/s for each, the ratio 2/1 against the goal (>= 1.7x), and,
per worker process, how many vocabulary files it loaded over the whole run
(the same small number whatever the document count: loaded once, not per document).
With ``--ingest-db URL`` (an empty store), it then bulk-loads the 2-worker
output through ``Store.ingest`` and prints documents/s and claims/s, and the
time of a second, idempotent load (every document unchanged).

This is a report, not a test: it exits 0 whatever the figures.

    python benchmarks/dask_firehose.py                    # 5,000 generated docs
    python benchmarks/dask_firehose.py --docs 2000 --batch-size 100 --json
    python benchmarks/dask_firehose.py --corpus my.jsonl  # any FORMAT.md JSON Lines file
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # ``benchmarks.corpus`` when run as a script

GOAL = 1.7


def warm(path: str) -> int:
    """Run on a worker: import the extractor and extract one document (vocabularies load)."""
    from emptychair.extract import extract
    from emptychair.model import Document
    from emptychair.sources import read_documents

    extract(next(d for d in read_documents([path]) if isinstance(d, Document)))
    return os.getpid()


def measure_ingest(out: Path, url: str, batch_size: int) -> dict[str, Any]:
    """Bulk-load a Parquet output directory into an empty store, then again (all unchanged)."""
    from emptychair.sources.extracted import read_extracted
    from emptychair.store import open_store

    def items() -> Any:
        return (item for item in read_extracted(out) if isinstance(item, tuple))

    with open_store(url) as store:
        start = time.perf_counter()
        first = store.ingest(items(), "benchmark", batch_size=batch_size)
        seconds = time.perf_counter() - start
        start = time.perf_counter()
        again = store.ingest(items(), "benchmark", batch_size=batch_size)
        again_seconds = time.perf_counter() - start
        backend = store.backend
    return {
        "backend": backend,
        "batch_size": batch_size,
        "documents": first.documents,
        "added": first.added,
        "claims_added": first.claims_added,
        "seconds": seconds,
        "docs_per_s": first.documents / seconds,
        "claims_per_s": first.claims_added / seconds,
        "rerun_unchanged": again.unchanged,
        "rerun_claims_added": again.claims_added,
        "rerun_seconds": again_seconds,
    }


def measure(
    corpus: Path, workers: int, batch_size: int, keep: Path | None = None
) -> dict[str, Any]:
    """One cluster of ``workers`` processes; the timed run over the corpus."""
    from distributed import Client, LocalCluster

    from emptychair.extract.dask_engine import DaskOptions, run

    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        client.run(warm, str(corpus))
        options = DaskOptions(cluster.scheduler_address, batch_size=batch_size)
        with tempfile.TemporaryDirectory() as scratch:
            start, cpu = time.perf_counter(), time.process_time()
            report = run([corpus], keep or Path(scratch) / "out", "benchmark", options)
            seconds = time.perf_counter() - start
            driver_cpu = time.process_time() - cpu
    loads: dict[int, set[int]] = {}
    for part in report.parts:
        loads.setdefault(part.worker_pid, set()).add(part.vocab_loads)
    return {
        "workers": workers,
        "docs": report.documents,
        "claims": report.claims,
        "errors": len(report.errors),
        "parts": len(report.parts),
        "seconds": seconds,
        "docs_per_s": report.documents / seconds,
        "driver_cpu_seconds": driver_cpu,
        "vocab_loads_per_worker": {str(pid): sorted(v) for pid, v in loads.items()},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=5000, help="generated documents")
    parser.add_argument("--corpus", help="read this FORMAT.md JSON Lines file instead")
    parser.add_argument("--batch-size", type=int, default=200, help="documents per task")
    parser.add_argument("--meeting-share", type=float, default=0.05, help="generator's mix")
    parser.add_argument(
        "--ingest-db",
        help="also bulk-load the 2-worker output into this EMPTY store (postgresql://...)",
    )
    parser.add_argument("--ingest-batch", type=int, default=1000, help="documents per transaction")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        if args.corpus:
            corpus = Path(args.corpus)
        else:
            from benchmarks.corpus import generate, write_jsonl

            corpus = Path(scratch) / "firehose.jsonl"
            print(f"[dask] generating {args.docs} documents ...", file=sys.stderr, flush=True)
            # A firehose arrives in time order and archives are partitioned by date, so
            # a batch holds a day or two, not every month of the corpus (the output is
            # partitioned by month: shuffled dates would write a file per month per batch).
            docs = generate(args.docs, meeting_share=args.meeting_share)
            write_jsonl(sorted(docs, key=lambda d: d.published or dt.date.min), corpus)
        results = []
        out = Path(scratch) / "out"
        for workers in (1, 2):
            print(f"[dask] {workers} worker(s) ...", file=sys.stderr, flush=True)
            results.append(measure(corpus, workers, args.batch_size, out if workers == 2 else None))
        ingest = None
        if args.ingest_db:
            print("[dask] ingesting the output ...", file=sys.stderr, flush=True)
            ingest = measure_ingest(out, args.ingest_db, args.ingest_batch)
    ratio = results[1]["docs_per_s"] / results[0]["docs_per_s"]
    summary = {
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg(),
        "batch_size": args.batch_size,
        "runs": results,
        "ratio": ratio,
        "goal": GOAL,
        "verdict": "PASS" if ratio >= GOAL else "FAIL",
        "ingest": ingest,
    }
    if args.json:
        print(json.dumps(summary))
        return 0
    print(f"{'workers':>7} {'docs':>6} {'claims':>6} {'parts':>5} {'seconds':>8} {'docs/s':>8}")
    for r in results:
        print(
            f"{r['workers']:>7} {r['docs']:>6} {r['claims']:>6} {r['parts']:>5} "
            f"{r['seconds']:>8.1f} {r['docs_per_s']:>8.1f}"
        )
        for pid, loads in r["vocab_loads_per_worker"].items():
            print(f"        worker pid {pid}: vocabulary files loaded after each batch: {loads}")
    print(f"ratio 2/1 workers: {ratio:.2f}x (goal >= {GOAL}x): {summary['verdict']}")
    if ingest:
        print(
            f"ingest ({ingest['backend']}, {ingest['batch_size']} docs/transaction): "
            f"{ingest['documents']} documents, {ingest['claims_added']} claims in "
            f"{ingest['seconds']:.1f} s = {ingest['docs_per_s']:.0f} docs/s, "
            f"{ingest['claims_per_s']:.0f} claims/s; again: {ingest['rerun_unchanged']} unchanged, "
            f"{ingest['rerun_claims_added']} claims added in {ingest['rerun_seconds']:.1f} s"
        )
    print(f"load average at the end: {summary['load_average']} on {summary['cpus']} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
