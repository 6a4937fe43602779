"""``emptychair extract`` and ``emptychair eval``."""

from __future__ import annotations

import datetime as dt
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from emptychair.cli.app import app
from emptychair.evaluate import evaluate_file, format_report
from emptychair.extract.batch import extract_paths
from emptychair.sources import ReadError


class ReportFormat(StrEnum):
    """How ``eval`` prints its scores."""

    text = "text"
    json = "json"


@app.command("extract")
def extract_command(
    paths: Annotated[
        list[str],
        typer.Argument(help="Files (.txt, .html, .jsonl[.gz]); '-' reads JSONL from stdin."),
    ],
    published: Annotated[
        dt.datetime | None,
        typer.Option(formats=["%Y-%m-%d"], help="Publication date for .txt/.html (YYYY-MM-DD)."),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write JSON lines here (default stdout).")
    ] = None,
) -> None:
    """Extract attendance claims: one JSON line per document, as FORMAT.md defines."""
    failures = 0
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        day = published.date() if published else None
        for item in extract_paths(paths, published=day, stdin=sys.stdin):
            if isinstance(item, ReadError):
                failures += 1
                typer.echo(f"error: {item}", err=True)
            else:
                out.write(item.to_json() + "\n")
    finally:
        if output:
            out.close()
    if failures:
        typer.echo(f"{failures} input(s) failed", err=True)
        raise typer.Exit(1)


@app.command("eval")
def eval_command(
    gold: Annotated[
        Path, typer.Argument(help="Labelled JSONL file (FORMAT.md documents with claims).")
    ],
    errors: Annotated[
        bool, typer.Option("--errors", help="List every miss, spurious claim and wrong field.")
    ] = False,
    format: Annotated[
        ReportFormat, typer.Option("--format", help="text or json.")
    ] = ReportFormat.text,
) -> None:
    """Score the extractor on a labelled file (it never sees the gold claims)."""
    try:
        evaluation = evaluate_file(gold)
    except (OSError, ValueError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc
    if format is ReportFormat.json:
        report: dict[str, object] = {"scores": evaluation.scores.to_dict()}
        if errors:
            report["errors"] = [e.describe() for e in evaluation.errors]
        typer.echo(json.dumps(report, indent=2))
    else:
        typer.echo(format_report(evaluation, errors=errors))
