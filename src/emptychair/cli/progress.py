"""A Rich progress display for long commands, silent under ``--quiet`` or off a terminal."""

from __future__ import annotations

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn


def counter(description: str, quiet: bool) -> Progress:
    """A running count (the total is unknown while inputs stream) on stderr.

    Disabled when ``quiet`` or when stderr is not a terminal, so pipes, logs and
    cron mail stay clean.
    """
    console = Console(stderr=True)
    return Progress(
        SpinnerColumn(),
        TextColumn(f"{description}: {{task.completed:,.0f}} {{task.fields[unit]}}"),
        TextColumn("{task.fields[detail]}"),
        TimeElapsedColumn(),
        console=console,
        disable=quiet or not console.is_terminal,
        transient=True,
    )
