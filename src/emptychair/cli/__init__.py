"""Command line: parse arguments, call the library, print. Nothing else lives here."""

from emptychair.cli import extract as _extract  # noqa: F401  (registers commands)
from emptychair.cli import record as _record  # noqa: F401
from emptychair.cli import records as _records  # noqa: F401
from emptychair.cli import serve as _serve  # noqa: F401
from emptychair.cli import watch as _watch  # noqa: F401
from emptychair.cli.app import app


def main() -> None:
    """Entry point of the ``emptychair`` command."""
    app()


__all__ = ["app", "main"]
