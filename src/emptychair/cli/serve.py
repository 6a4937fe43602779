"""``serve``: the web pages and the JSON API over the store, with uvicorn."""

from __future__ import annotations

from typing import Annotated

import typer

from emptychair.cli.app import app
from emptychair.settings import load_settings


@app.command()
def serve(
    db: Annotated[
        str | None,
        typer.Option(
            "--db", help="Store URL (SQLite file or postgresql://...); env EMPTYCHAIR_DB."
        ),
    ] = None,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
) -> None:
    """Serve the meeting boards and the JSON API (/api/, schema at /docs) over HTTP."""
    import uvicorn  # here: the other commands need not pay for importing the web stack

    from emptychair.serve import create_app

    uvicorn.run(create_app(load_settings(db)), host=host, port=port, log_level="info")
