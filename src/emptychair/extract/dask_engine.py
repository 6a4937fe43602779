"""The Dask engine: the same extraction as ``extract.batch``, on a cluster, written as parts.

The driver reads the inputs (reading JSON or Parquet is some hundred times faster
than extracting, so one reader keeps many workers busy) and ships documents in
batches: a task per batch amortises Dask's per-task cost, and each worker
process loads the vocabularies once (``functools.cache``) and keeps them for
every batch it runs. Each task extracts its batch and writes it as one part
(``extract.output``), so only counts and errors come back. At most a few
batches per worker are in flight, so memory stays flat however large the input.

Output is what the local engine produces, document for document: a document
the extractor fails on becomes the same ``ReadError`` as in ``extract_paths``.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from distributed import Client, Future, LocalCluster, wait

from emptychair import vocab
from emptychair.extract.batch import Extraction
from emptychair.extract.output import Compression, OutputFormat, default_compression, write_part
from emptychair.extract.pipeline import extract
from emptychair.model import Document
from emptychair.sources.errors import ReadError
from emptychair.sources.inputs import read_inputs

DEFAULT_BATCH = 200
# Batches queued per worker: enough that a worker never waits for the driver.
IN_FLIGHT_PER_WORKER = 3


@dataclass(frozen=True)
class PartResult:
    """What one task reports back: its counts, its failures, and where it ran."""

    part: str
    documents: int
    claims: int
    errors: tuple[ReadError, ...]
    worker_pid: int
    vocab_loads: int
    """Vocabulary files this worker process had loaded when the batch was done."""


@dataclass
class RunReport:
    """What a whole run did."""

    documents: int = 0
    claims: int = 0
    parts: list[PartResult] = field(default_factory=list)
    errors: list[ReadError] = field(default_factory=list)


@dataclass(frozen=True)
class DaskOptions:
    """Where to run: a running scheduler's address, or a LocalCluster of ``workers`` processes."""

    scheduler: str | None = None
    workers: int = 2
    processes: bool = True
    batch_size: int = DEFAULT_BATCH


def extract_batch(
    documents: list[Document],
    out: str,
    part: str,
    form: OutputFormat,
    compression: Compression,
    extractor: str,
) -> PartResult:
    """The task: extract a batch, write it as one part, report counts and failures."""
    done: list[Extraction] = []
    errors: list[ReadError] = []
    for document in documents:
        try:
            done.append(Extraction(document, extract(document)))
        except Exception as exc:  # one bad document must not end the batch
            errors.append(
                ReadError(document.id, None, f"extraction failed: {type(exc).__name__}: {exc}")
            )
    write_part(done, Path(out), part, form, compression, extractor)
    return PartResult(
        part=part,
        documents=len(done),
        claims=sum(len(e.claims) for e in done),
        errors=tuple(errors),
        worker_pid=os.getpid(),
        vocab_loads=vocab.load.cache_info().misses,
    )


def run(
    inputs: Iterable[str | Path],
    out: Path,
    extractor: str,
    options: DaskOptions = DaskOptions(),
    form: OutputFormat = OutputFormat.parquet,
    compression: Compression | None = None,
    published: dt.date | None = None,
    progress: Callable[[PartResult], None] | None = None,
) -> RunReport:
    """Extract every document of ``inputs`` on a cluster, writing parts under ``out``.

    Unreadable files, lines and rows, failed documents and failed batches are
    collected in the report's ``errors``; the rest of the run goes on.
    ``progress`` is called once per finished part. ``out`` must be empty or
    new: parts left by an earlier run would mix with this one's (ValueError).
    """
    compression = compression or default_compression(form)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ValueError(f"{out} is not an empty directory")
    out.mkdir(parents=True, exist_ok=True)
    report = RunReport()
    with _client(options) as client:
        limit = IN_FLIGHT_PER_WORKER * max(1, len(client.scheduler_info()["workers"]))
        pending: dict[Future[PartResult], str] = {}

        def collect(finished: Iterable[Future[PartResult]]) -> None:
            for future in finished:
                _record(report, pending.pop(future), future, progress)

        for number, batch in enumerate(
            _batches(read_inputs(inputs, published), options.batch_size, report)
        ):
            part = f"part-{number:06d}"
            future = client.submit(
                extract_batch, batch, str(out), part, form, compression, extractor, pure=False
            )
            pending[future] = part
            if len(pending) >= limit:
                collect(_wait(list(pending), "FIRST_COMPLETED"))
        collect(_wait(list(pending), "ALL_COMPLETED"))
    report.parts.sort(key=lambda r: r.part)
    return report


def _batches(
    found: Iterator[Document | ReadError], size: int, report: RunReport
) -> Iterator[list[Document]]:
    """Documents in lists of ``size``; read errors go straight to the report."""
    batch: list[Document] = []
    for item in found:
        if isinstance(item, ReadError):
            report.errors.append(item)
            continue
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _record(
    report: RunReport,
    part: str,
    future: Future[PartResult],
    progress: Callable[[PartResult], None] | None,
) -> None:
    """Fold one finished task into the report; a failed task is one error for its part."""
    try:
        result: PartResult = future.result()
    except Exception as exc:  # a worker lost or a write failed: that part only
        report.errors.append(ReadError(part, None, f"batch failed: {type(exc).__name__}: {exc}"))
        return
    report.documents += result.documents
    report.claims += result.claims
    report.errors.extend(result.errors)
    report.parts.append(result)
    if progress:
        progress(result)


def _wait(futures: list[Future[PartResult]], until: str) -> set[Future[PartResult]]:
    """The finished futures once ``until`` (FIRST_COMPLETED or ALL_COMPLETED) holds."""
    done: set[Future[PartResult]] = wait(futures, return_when=until).done  # type: ignore[no-untyped-call]
    return done


# distributed's constructors and ``wait`` carry no annotations, hence the ignores below.
@contextmanager
def _client(options: DaskOptions) -> Iterator[Client]:
    """A client on the given scheduler, or on a LocalCluster closed afterwards."""
    if options.scheduler:
        with Client(options.scheduler) as client:  # type: ignore[no-untyped-call]
            yield client
        return
    cluster = LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=options.workers,
        threads_per_worker=1,
        processes=options.processes,
        dashboard_address=None,
    )
    with cluster, Client(cluster) as client:  # type: ignore[no-untyped-call]
        yield client
