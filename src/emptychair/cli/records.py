"""``records import``, ``calendar import`` and ``history``: official records and base rates."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from emptychair.analyze.history import HistoryRow, history
from emptychair.cli.app import app
from emptychair.cli.record import Db, Evidence, Format, FormatOption, _open, _print_json, _show
from emptychair.records import import_travels
from emptychair.store.calendar import CalendarError, import_calendar, parse_calendar

records_app = typer.Typer(help="Official records: the US travel records as claims.")
calendar_app = typer.Typer(help="The meeting calendar: known meetings with their dates.")
app.add_typer(records_app, name="records")
app.add_typer(calendar_app, name="calendar")


@records_app.command("import")
def records_import(
    paths: Annotated[
        list[Path], typer.Argument(help="Travel records: the travels/ folder or its XML files.")
    ],
    db: Db = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Documents per transaction.")] = 200,
) -> None:
    """Import the Office of the Historian's travel records (again: no change)."""
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        print(f"no such file or folder: {', '.join(missing)}", file=sys.stderr)
        raise typer.Exit(2)
    with _open(db) as store:
        report = import_travels(store, paths, batch_size=batch_size)
    for problem in (*report.failed_files, *report.malformed, *report.ingest.rejected):
        print(problem, file=sys.stderr)
    for duplicate in report.duplicates:
        print(f"duplicate, stored once: {duplicate}", file=sys.stderr)
    print(
        f"{report.read} trips read from {report.files} files: {report.with_meeting} with a "
        f"meeting, {report.without_meeting} without, {len(report.duplicates)} duplicates, "
        f"{len(report.malformed)} malformed"
    )
    print(
        f"{report.claims} claims ({report.built} built from the trip, {report.set_aside} about "
        f"others set aside); documents: {report.ingest.added} added, "
        f"{report.ingest.replaced} replaced, {report.ingest.unchanged} unchanged"
    )
    if report.failed:
        raise typer.Exit(1)


@calendar_app.command("import")
def calendar_import(
    file: Annotated[
        Path | None, typer.Argument(help="Calendar CSV; none: the packaged calendar.")
    ] = None,
    db: Db = None,
) -> None:
    """Add or correct calendar meetings (columns: forum,start_date,end_date,city,country,
    format,source); bad rows are reported by line and the rest imported."""
    rows = None
    problems: list[str] = []
    if file is not None:
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            print(f"{file}: {exc}", file=sys.stderr)
            raise typer.Exit(2) from exc
        rows, problems = parse_calendar(text, str(file))
    with _open(db) as store:
        try:
            report = import_calendar(store.engine, rows)
        except CalendarError as exc:
            problems.extend(exc.problems)
            report = None
    for problem in problems:
        print(problem, file=sys.stderr)
    if report is not None:
        print(
            f"{report.rows} calendar meetings: {report.added} added, {report.adopted} dated "
            f"meetings claims had made ({report.merged} merged), {report.updated} updated, "
            f"{report.unchanged} unchanged"
        )
    if problems:
        raise typer.Exit(1)


def _history_row(row: HistoryRow) -> dict[str, Any]:
    dates = f"{row.start} – {row.end}" if row.end and row.end != row.start else str(row.start)
    return {
        "meeting": row.meeting,
        "dates": dates,
        "place": row.city,
        "format": row.format,
        "principal": row.principal,
        "principal_present": "yes" if row.present else "no",
        "verdict": row.note if row.counted else f"{row.note} (not in the calendar: not counted)",
        "represented": "; ".join(row.represented),
        "trips": " | ".join(f"{t.start}–{t.end} {t.place}: {t.remarks}" for t in row.trips),
    }


@app.command("history")
def history_command(
    country: Annotated[str, typer.Option(help="ISO alpha-3, e.g. USA.")],
    forum: Annotated[str, typer.Option(help="Forum id, e.g. nato-foreign-ministers.")],
    since: Annotated[int | None, typer.Option(help="First year, e.g. 1990.")] = None,
    db: Db = None,
    evidence: Evidence = False,
    form: FormatOption = Format.table,
) -> None:
    """Every meeting of a forum, who represented the country, and the base rate."""
    with _open(db) as store:
        # The calendar lists the meetings nobody reported on.
        import_calendar(store.engine, correct=False)
        found = history(store, country, forum, dt.date(since, 1, 1) if since else None)
    if form is Format.json:
        _print_json(found)
        return
    rows = [(_history_row(r), r.evidence) for r in found.rows]
    if not evidence:
        rows = [({k: v for k, v in row.items() if k != "trips"}, behind) for row, behind in rows]
    _show(rows, form, f"{found.country} at {found.forum}", evidence)
    if form is Format.table:
        print(found.sentence)
        if found.breakdown:
            print(found.breakdown)
        print(found.caveat)
    else:
        print(f"# {found.sentence} {found.breakdown} {found.caveat}", file=sys.stderr)
