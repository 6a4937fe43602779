"""``emptychair watch``: follow RSS/Atom feeds and ingest what they bring."""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from emptychair.cli.app import app
from emptychair.cli.progress import counter
from emptychair.settings import load_settings
from emptychair.store import Store, open_store
from emptychair.watch.feeds import read_feed_list
from emptychair.watch.fetch import Fetcher, FetchPolicy
from emptychair.watch.loop import Event, Failed, NewClaims, PollReport, Watcher
from emptychair.watch.state import WatchState

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
STATE_FILE = "watch-state.sqlite3"


def parse_interval(value: str) -> float:
    """``90``, ``30s``, ``15m``, ``1h`` or ``1d`` as seconds."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", value)
    if not match or float(match[1]) <= 0:
        raise typer.BadParameter(f"{value!r} is not an interval like 30s, 15m or 1h")
    return float(match[1]) * _UNITS[match[2] or "s"]


@app.command()
def watch(
    feeds_file: Annotated[Path, typer.Argument(help="Feed URLs, one a line (# comments).")],
    interval: Annotated[str, typer.Option(help="Time between polls: 30s, 15m, 1h ...")] = "15m",
    once: Annotated[bool, typer.Option("--once", help="Poll once and exit (tests, cron).")] = False,
    db: Annotated[
        str | None, typer.Option("--db", help="Store URL (SQLite file or postgresql://...).")
    ] = None,
    state: Annotated[
        Path | None,
        typer.Option(help="State file: feed validators, articles seen (default: data dir)."),
    ] = None,
    timeout: Annotated[float, typer.Option(min=0.1, help="Seconds per HTTP request.")] = 20.0,
    attempts: Annotated[int, typer.Option(min=1, help="Tries per URL (with backoff).")] = 3,
    backoff: Annotated[float, typer.Option(min=0, help="Seconds before the first retry.")] = 1.0,
    max_bytes: Annotated[int, typer.Option(min=1, help="Largest response read.")] = 5_000_000,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress display.")] = False,
) -> None:
    """Poll RSS/Atom feeds; ingest each new article once; print new claims and patterns.

    Exits 1 after --once if any feed or article failed (the others are still processed).
    """
    seconds = parse_interval(interval)
    try:
        feeds = read_feed_list(feeds_file)
    except (OSError, UnicodeDecodeError) as exc:
        typer.echo(f"error: cannot read {feeds_file}: {exc}", err=True)
        raise typer.Exit(2) from exc
    if not feeds:
        typer.echo(f"error: no feed URLs in {feeds_file}", err=True)
        raise typer.Exit(2)
    policy = FetchPolicy(timeout=timeout, attempts=attempts, backoff=backoff, max_bytes=max_bytes)
    state_path = state or load_settings(db).data_dir / STATE_FILE
    with _store(db) as store, WatchState(state_path) as memory:
        fetcher = Fetcher(policy)
        try:
            if once:
                report = _poll(Watcher(fetcher, memory, store), feeds, quiet)
                raise typer.Exit(1 if report.failures else 0)
            while True:  # until interrupted; a failing poll never ends the watch
                started = time.monotonic()
                _poll(Watcher(fetcher, memory, store), feeds, quiet)
                time.sleep(max(0.0, seconds - (time.monotonic() - started)))
        except KeyboardInterrupt:
            typer.echo("stopped", err=True)
        finally:
            fetcher.close()


def _poll(watcher: Watcher, feeds: list[str], quiet: bool) -> PollReport:
    """One poll with a running count of articles (a backfill can be long)."""
    out = Console()
    with counter("polling", quiet) as progress:
        task = progress.add_task("poll", total=None, unit="articles", detail="")

        def show(event: Event) -> None:
            if isinstance(event, NewClaims):
                progress.advance(task)
            for line in describe(event):
                (out if not isinstance(event, Failed) else Console(stderr=True)).print(
                    line, markup=False, highlight=False, soft_wrap=True
                )

        watcher.on_event = show
        report = watcher.poll(feeds)
    Console(stderr=True).print(
        f"{report.feeds} feeds ({report.not_modified} unchanged), {report.articles} new articles, "
        f"{report.claims} claims, {report.duplicates} duplicates, {len(report.failures)} failures",
        highlight=False,
    )
    return report


def describe(event: Event) -> list[str]:
    """The lines printed for an event."""
    if isinstance(event, Failed):
        return [f"error: {'feed' if event.feed else 'article'} {event.url}: {event.message}"]
    if isinstance(event, NewClaims):
        head = f"{event.document.published} {event.document.title or event.document.id}"
        return [f"{head}: {len(event.claims)} claims"] + [
            f"  {c.person or c.role} ({c.country or '?'}) {c.status} {c.forum} "
            f"{c.meeting_date or ''} [{c.certainty}]".rstrip()
            for c in event.claims
        ]
    return [
        f"new streak: {s.country} missing {s.length} {s.family} meetings"
        f" (latest {s.meetings[-1].meeting})"
        for s in event.streaks
    ] + [
        f"new downgrade: {d.country} at {d.forum}: {d.before} ({d.before_level}) -> "
        f"{d.after} ({d.after_level})"
        for d in event.downgrades
    ]


def _store(db: str | None) -> Store:
    try:
        return open_store(db)
    except Exception as exc:  # the message is the help: bad URL, server down, no rights
        print(f"cannot open the store: {exc}", file=sys.stderr)
        raise typer.Exit(2) from exc
