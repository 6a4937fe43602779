"""``ingest``, ``meetings``, ``meeting``, ``actor``, ``claims``, ``patterns`` and ``info``.

Each command opens the store, calls one library function and prints what it
returns as a Rich table, JSON or CSV. ``--evidence`` adds the claims behind
every row: publication date, outlet, certainty, sources and evidence sentence.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json
import sys
from collections.abc import Iterator, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from emptychair import __version__
from emptychair.analyze.patterns import patterns
from emptychair.cli.app import app
from emptychair.cli.progress import counter
from emptychair.extract import extract
from emptychair.model import Claim, Document, Source
from emptychair.sources import ReadError, read_documents
from emptychair.sources.extracted import extractor_versions, is_extracted_dir, read_extracted
from emptychair.store import IngestReport, Store, open_store
from emptychair.store import read as queries
from emptychair.store.bulk import DEFAULT_BULK_BATCH
from emptychair.store.read import Entry, RecordRow
from emptychair.store.write import DEFAULT_BATCH


class Format(StrEnum):
    """How listings are printed."""

    table = "table"
    json = "json"
    csv = "csv"


Db = Annotated[
    str | None,
    typer.Option("--db", help="Store URL (SQLite file or postgresql://...); env EMPTYCHAIR_DB."),
]
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="table, json or csv.")]
Evidence = Annotated[
    bool, typer.Option("--evidence", "-e", help="Show the claims, sources and evidence behind.")
]
Day = Annotated[dt.datetime | None, typer.Option(formats=["%Y-%m-%d"], help="YYYY-MM-DD.")]


def _open(db: str | None) -> Store:
    try:
        return open_store(db)
    except Exception as exc:  # the message is the help: bad URL, server down, no rights
        print(f"cannot open the store: {exc}", file=sys.stderr)
        raise typer.Exit(2) from exc


def _day(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value else None


def _sources(sources: Sequence[Source]) -> str:
    return "; ".join(f"{s.kind}: {s.descriptor}" for s in sources)


def _jsonable(value: Any) -> Any:
    """JSON for what ``json`` cannot encode itself: dataclasses as objects, dates as text."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    return str(value)


def _print_json(value: Any) -> None:
    print(json.dumps(value, default=_jsonable, ensure_ascii=False, indent=2))


def _print_rows(rows: list[dict[str, Any]], form: Format, title: str | None = None) -> None:
    """Flat rows as a table or CSV."""
    if form is Format.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else ["empty"])
        writer.writeheader()
        writer.writerows({k: "" if v is None else v for k, v in r.items()} for r in rows)
        return
    table = Table(title=title, show_lines=False)
    for name in rows[0] if rows else ["(nothing)"]:
        table.add_column(name.replace("_", " "), overflow="fold")
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row.values()))
    Console().print(table)


def _entry_row(entry: Entry) -> dict[str, Any]:
    return {
        "published": entry.published,
        "document": entry.document,
        "outlet": entry.outlet,
        "person": entry.person,
        "country": entry.country,
        "role": entry.role,
        "meeting": entry.meeting or f"{entry.forum} {entry.meeting_date or '(undated)'}",
        "status": entry.status,
        "certainty": entry.certainty,
        "representative": entry.representative,
        "copy_of": entry.copy_of,
        "sources": _sources(entry.sources),
        "evidence": entry.evidence,
    }


def _record_row(record: RecordRow) -> dict[str, Any]:
    return {
        "meeting": record.meeting,
        "country": record.country,
        "role": record.role,
        "person": record.person,
        "status": record.status or "contested: " + " vs ".join(record.statuses),
        "certainty": record.certainty,
        "representative": record.representative,
        "claims": record.claims,
        "reports": record.reports,
        "copies": record.copies,
        "last_published": record.last_published,
    }


def _show(
    rows: Sequence[tuple[dict[str, Any], Sequence[Entry]]],
    form: Format,
    title: str,
    evidence: bool,
) -> None:
    """Rows with the claims behind each: CSV repeats the row per claim, tables nest them."""
    if form is Format.csv and evidence:
        _print_rows([row | _claim_columns(e) for row, behind in rows for e in behind], form)
        return
    _print_rows([row for row, _ in rows], form, title)
    if form is Format.table and evidence:
        for row, behind in rows:
            heading = " · ".join(str(v) for v in list(row.values())[:5] if v not in (None, ""))
            _print_rows([_claim_columns(e) for e in behind], form, heading)


def _claim_columns(entry: Entry) -> dict[str, Any]:
    """What a claim adds to a row under ``--evidence``."""
    return {
        "published": entry.published,
        "outlet": entry.outlet or entry.document,
        "said": f"{entry.status} ({entry.certainty})",
        "current": {True: "yes", False: "superseded", None: None}[entry.current],
        "copy_of": entry.copy_of,
        "sources": _sources(entry.sources),
        "evidence": entry.evidence,
    }


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Document files (JSONL, text, HTML) or -.")],
    db: Db = None,
    gold: Annotated[
        bool,
        typer.Option(help="Store the labelled 'claims' of JSONL documents instead of extracting."),
    ] = False,
    batch_size: Annotated[
        int | None,
        typer.Option(
            min=1,
            help=f"Documents per transaction (default {DEFAULT_BATCH}; "
            f"{DEFAULT_BULK_BATCH:,} with --bulk).",
        ),
    ] = None,
    extracted: Annotated[
        bool,
        typer.Option(
            help="PATHS are Parquet output directories of 'extract --engine dask': "
            "store their documents and claims as they are, without extracting again."
        ),
    ] = False,
    bulk: Annotated[
        bool | None,
        typer.Option(
            "--bulk/--no-bulk",
            help="Load in large batches, set-wise (COPY on PostgreSQL); the same store "
            "as without. Default: on with --extracted, off otherwise.",
        ),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress display (bulk loads).")
    ] = False,
) -> None:
    """Read documents, extract their claims and store both (again: no change)."""
    failures: list[str] = []
    items: Iterator[tuple[Document, list[Claim]]]
    if gold:
        items = _labelled(paths, failures)
        version = "gold"
    elif extracted:
        items = _from_extracted(paths, failures)
        versions = set().union(*(extractor_versions(p) for p in paths if is_extracted_dir(p)))
        version = " + ".join(sorted(versions)) or f"emptychair {__version__}"
    else:
        items = _extracted(paths, failures)
        version = f"emptychair {__version__}"
    with _open(db) as store:
        if bulk or (bulk is None and extracted):
            report = _bulk_load(store, items, version, batch_size or DEFAULT_BULK_BATCH, quiet)
        else:
            report = store.ingest(items, version, batch_size=batch_size or DEFAULT_BATCH)
    for problem in [*failures, *report.rejected]:
        print(problem, file=sys.stderr)
    print(
        f"{report.documents} documents: {report.added} added, {report.replaced} replaced, "
        f"{report.unchanged} unchanged; {report.claims_added} claims added, "
        f"{report.claims_removed} removed, {len(report.rejected)} rejected"
    )
    if failures:
        raise typer.Exit(1)


def _bulk_load(
    store: Store,
    items: Iterator[tuple[Document, list[Claim]]],
    version: str,
    batch_size: int,
    quiet: bool,
) -> IngestReport:
    """``Store.bulk_ingest`` with a running count of the documents committed."""
    with counter("ingesting", quiet) as progress:
        task = progress.add_task("ingest", total=None, unit="documents", detail="")
        claims = 0

        def advance(batch: IngestReport) -> None:
            nonlocal claims
            claims += batch.claims_added
            progress.update(task, advance=batch.documents, detail=f"{claims:,} claims added")

        return store.bulk_ingest(items, version, batch_size, advance)


def _extracted(
    paths: Sequence[Path], failures: list[str]
) -> Iterator[tuple[Document, list[Claim]]]:
    for found in read_documents(paths):
        if isinstance(found, ReadError):
            failures.append(str(found))
        else:
            yield found, extract(found)


def _from_extracted(
    paths: Sequence[Path], failures: list[str]
) -> Iterator[tuple[Document, list[Claim]]]:
    """Documents and claims of Parquet output directories (``sources.extracted``)."""
    for path in paths:
        if not is_extracted_dir(path):
            failures.append(str(ReadError(str(path), None, "not an extract output directory")))
            continue
        for found in read_extracted(path):
            if isinstance(found, ReadError):
                failures.append(str(found))
            else:
                yield found


def _labelled(paths: Sequence[Path], failures: list[str]) -> Iterator[tuple[Document, list[Claim]]]:
    """FORMAT.md JSONL documents with their gold claims."""
    for path in paths:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            failures.append(str(ReadError(str(path), None, str(exc))))
            continue
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                claims = [Claim.from_dict(c) for c in data.get("claims") or []]
                yield Document.from_dict(data), claims
            except (ValueError, KeyError, TypeError, AttributeError) as exc:
                failures.append(str(ReadError(str(path), number, f"{type(exc).__name__}: {exc}")))


@app.command("meetings")
def meetings_command(
    db: Db = None,
    forum: Annotated[str | None, typer.Option(help="Only this forum id.")] = None,
    family: Annotated[str | None, typer.Option(help="Only this family (nato, g7 ...).")] = None,
    since: Day = None,
    until: Day = None,
    form: FormatOption = Format.table,
) -> None:
    """The meetings the store knows, newest first."""
    with _open(db) as store:
        found = queries.meetings(store, forum, family, _day(since), _day(until))
    if form is Format.json:
        _print_json(found)
        return
    rows = [
        {
            "meeting": m.id,
            "forum": m.forum,
            "dates": f"{m.start} – {m.end}" if m.start and m.end != m.start else m.start or m.month,
            "records": m.records,
            "absent": m.absent,
            "claims": m.claims,
        }
        for m in found
    ]
    _print_rows(rows, form, "Meetings")


@app.command()
def meeting(
    meeting_id: Annotated[str, typer.Argument(help="e.g. nato-defence-ministers-2026-02")],
    db: Db = None,
    evidence: Evidence = False,
    form: FormatOption = Format.table,
) -> None:
    """Who comes to one meeting, who does not, who stands in, and how sure we are."""
    with _open(db) as store:
        board = queries.meeting_board(store, meeting_id)
    if board is None:
        print(f"no meeting {meeting_id!r}; see 'emptychair meetings'", file=sys.stderr)
        raise typer.Exit(1)
    if form is Format.json:
        _print_json(board)
        return
    rows = [(_record_row(r), r.timeline) for r in board.records]
    if form is Format.table:  # the meeting is the table's title
        rows = [({k: v for k, v in row.items() if k != "meeting"}, behind) for row, behind in rows]
    _show(rows, form, board.meeting.id, evidence)


@app.command()
def actor(
    name: Annotated[str, typer.Argument(help="A name or part of one, any case.")],
    db: Db = None,
    evidence: Evidence = False,
    form: FormatOption = Format.table,
) -> None:
    """Every meeting the store links to a person, and where they stood in for someone."""
    with _open(db) as store:
        history = queries.actor_history(store, name)
    if form is Format.json:
        _print_json(history)
        return
    if not history.names:
        print(f"nobody called {name!r} in the store", file=sys.stderr)
        raise typer.Exit(1)
    rows: list[tuple[dict[str, Any], Sequence[Entry]]] = []
    for appearance in history.appearances:
        record = appearance.record
        row = {
            "meeting": appearance.meeting or f"{appearance.forum} (no meeting date)",
            "person": appearance.person,
            "role": appearance.entries[0].role,
            "status": (record.status or "contested") if record else appearance.entries[-1].status,
            "certainty": record.certainty if record else appearance.entries[-1].certainty,
            "representative": record.representative if record else None,
            "claims": len(appearance.entries),
        }
        rows.append((row, appearance.entries))
    for entry in history.stand_ins:
        row = {
            "meeting": entry.meeting or entry.forum,
            "person": entry.representative,
            "role": f"stand-in for {entry.person or entry.country}",
            "status": "stands in",
            "certainty": entry.certainty,
            "representative": None,
            "claims": 1,
        }
        rows.append((row, [entry]))
    _show(rows, form, ", ".join(history.names), evidence)


@app.command("claims")
def claims_command(
    db: Db = None,
    person: Annotated[str | None, typer.Option(help="Name or part of one.")] = None,
    country: Annotated[str | None, typer.Option(help="ISO alpha-3, e.g. USA.")] = None,
    forum: Annotated[str | None, typer.Option(help="Forum id.")] = None,
    status: Annotated[str | None, typer.Option(help="attend, absent or virtual.")] = None,
    meeting_id: Annotated[str | None, typer.Option("--meeting", help="Meeting id.")] = None,
    since: Day = None,
    until: Day = None,
    limit: Annotated[int | None, typer.Option(min=1)] = None,
    evidence: Evidence = False,
    form: FormatOption = Format.table,
) -> None:
    """Stored claims, filtered; --since/--until bound the publication date."""
    filters = queries.ClaimFilter(
        person, country, forum, status, meeting_id, _day(since), _day(until), limit
    )
    with _open(db) as store:
        found = queries.claims(store, filters)
    if form is Format.json:
        _print_json(found)
        return
    hidden = set() if evidence else {"sources", "evidence"}
    rows = [{k: v for k, v in _entry_row(e).items() if k not in hidden} for e in found]
    _print_rows(rows, form, "Claims")


@app.command("patterns")
def patterns_command(
    db: Db = None,
    min_length: Annotated[int, typer.Option(min=1, help="Shortest streak shown.")] = 2,
    evidence: Evidence = False,
    form: FormatOption = Format.table,
) -> None:
    """Countries missing their principal at consecutive meetings; representation downgrades."""
    with _open(db) as store:
        found = patterns(store, min_length)
    if form is Format.json:
        _print_json(found)
        return
    rows = [
        (
            {
                "country": s.country,
                "family": s.family,
                "streak": s.length,
                "ongoing": "yes" if s.ongoing else "",
                "meeting": m.meeting,
                "missing": f"{m.person or m.role} ({m.role.replace('_', ' ')})",
                "certainty": m.certainty,
                "stood_in": ", ".join(m.stood_in),
                "context": s.context.text if s.context else "",
            },
            m.claims,
        )
        for s in found.streaks
        for m in s.meetings
    ]
    _show(rows, form, "Absence streaks", evidence)
    if form is Format.table:
        downgrades = [
            {
                "country": d.country,
                "forum": d.forum,
                "before": f"{d.before} ({d.before_level})",
                "after": f"{d.after} ({d.after_level})",
            }
            for d in found.downgrades
        ]
        _print_rows(downgrades, form, "Representation downgrades")


@app.command()
def info(db: Db = None, form: FormatOption = Format.table) -> None:
    """Where the store is and what it holds."""
    with _open(db) as store:
        found = queries.store_info(store)
    if form is Format.json:
        _print_json(found)
        return
    rows = [
        {"item": k.replace("_", " "), "value": ", ".join(v) if isinstance(v, tuple) else v}
        for k, v in dataclasses.asdict(found).items()
    ]
    _print_rows(rows, form, "Store")
