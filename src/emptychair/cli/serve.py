"""``serve``: the web pages and the JSON API over the store, with uvicorn."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from emptychair.cli.app import app
from emptychair.settings import DB_ENV


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
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            max=64,
            help="Server processes sharing the port (about one per core); each keeps its "
            "own cache, dropped whenever the store changes.",
        ),
    ] = 1,
    access_log: Annotated[
        bool, typer.Option(help="Log every request (off saves a little time per request).")
    ] = True,
) -> None:
    """Serve the meeting boards and the JSON API (/api/, schema at /docs) over HTTP."""
    # Here: the other commands need not pay for importing the web stack.
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    from emptychair.serve.listener import TcpConfig

    if db is not None:
        # Each worker process builds its own app from the settings, so the store URL
        # travels through the environment they inherit.
        os.environ[DB_ENV] = db
    config = TcpConfig(
        "emptychair.serve:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        access_log=access_log,
        log_level="info",
        # Pinned dependencies, named so a missing one fails loudly instead of falling
        # back to the pure-Python parser and asyncio's loop (about half the speed).
        http="httptools",
        loop="uvloop",
    )
    try:
        if workers > 1:
            Multiprocess(config, sockets=[config.bind_socket()]).run()
        else:
            uvicorn.Server(config).run()
    except KeyboardInterrupt:
        pass
