"""``emptychair extract`` and ``emptychair eval``."""

from __future__ import annotations

import datetime as dt
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from emptychair import __version__
from emptychair.cli.app import app
from emptychair.cli.progress import counter
from emptychair.evaluate import evaluate_file, format_report
from emptychair.extract import dask_engine
from emptychair.extract.batch import extract_paths
from emptychair.extract.output import Compression, OutputFormat, default_compression
from emptychair.sources import ReadError


class Engine(StrEnum):
    """Where ``extract`` runs."""

    local = "local"
    dask = "dask"


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
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write JSON lines here (default stdout); with --engine dask, a new directory.",
        ),
    ] = None,
    engine: Annotated[
        Engine, typer.Option(help="local (this process) or dask (a cluster, output parts).")
    ] = Engine.local,
    scheduler: Annotated[
        str | None, typer.Option(help="Dask: a running scheduler (default: a local cluster).")
    ] = None,
    workers: Annotated[
        int, typer.Option(min=1, help="Dask: worker processes of the local cluster.")
    ] = 2,
    output_format: Annotated[
        OutputFormat | None,
        typer.Option("--format", help="Dask: parquet (default; tables) or jsonl (parts)."),
    ] = None,
    compression: Annotated[
        Compression | None,
        typer.Option(help="Dask: zstd (Parquet's default), gzip (JSON Lines' default) or none."),
    ] = None,
    batch_size: Annotated[
        int, typer.Option(min=1, help="Dask: documents per task and per output part.")
    ] = dask_engine.DEFAULT_BATCH,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Dask: no progress display.")
    ] = False,
) -> None:
    """Extract attendance claims: one JSON line per document, as FORMAT.md defines.

    With --engine dask, inputs may be directories and globs of JSONL(.gz) and
    Parquet files, and OUT/ gets Parquet tables or JSON Lines parts (docs/scaling.md).
    """
    day = published.date() if published else None
    if engine is Engine.dask:
        options = dask_engine.DaskOptions(scheduler, workers, batch_size=batch_size)
        form = output_format or OutputFormat.parquet
        if form is OutputFormat.jsonl and compression is Compression.zstd:
            typer.echo(
                "error: --compression zstd is for Parquet; JSON Lines take gzip or none", err=True
            )
            raise typer.Exit(2)
        chosen = compression or default_compression(form)
        _extract_on_dask(paths, output, day, options, form, chosen, quiet)
        return
    dask_only = [scheduler, output_format, compression]
    if any(v is not None for v in dask_only) or workers != 2 or quiet:
        typer.echo(
            "error: --scheduler, --workers, --format, --compression, --quiet need --engine dask",
            err=True,
        )
        raise typer.Exit(2)
    failures = 0
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
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


def _extract_on_dask(
    paths: list[str],
    output: Path | None,
    day: dt.date | None,
    options: dask_engine.DaskOptions,
    form: OutputFormat,
    compression: Compression,
    quiet: bool,
) -> None:
    """Run the Dask engine; print every failure to stderr, then a summary."""
    if output is None:
        typer.echo("error: --engine dask needs -o OUT/ (a new directory)", err=True)
        raise typer.Exit(2)
    with counter("extracting", quiet) as progress:
        task = progress.add_task("extract", total=None, unit="documents", detail="")

        def advance(part: dask_engine.PartResult) -> None:
            progress.update(task, advance=part.documents, detail=f"{part.part} done")

        try:
            report = dask_engine.run(
                paths, output, f"emptychair {__version__}", options, form, compression, day, advance
            )
        except (ValueError, OSError) as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from exc
    for error in report.errors:
        typer.echo(f"error: {error}", err=True)
    typer.echo(
        f"{report.documents} documents, {report.claims} claims in {len(report.parts)} parts "
        f"under {output}",
        err=True,
    )
    if report.errors:
        typer.echo(f"{len(report.errors)} input(s) failed", err=True)
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
