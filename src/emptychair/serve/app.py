"""``create_app``: one FastAPI app serving the HTML pages and the JSON API over one store."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from emptychair import __version__
from emptychair.serve import api, pages
from emptychair.serve.cache import StoreCache, change_marker, reads_never_wait
from emptychair.serve.security import Guard
from emptychair.settings import Settings, load_settings
from emptychair.store import open_store

DESCRIPTION = (
    "Who actually shows up at international meetings: meetings, boards, claims, actors, "
    "countries, patterns and documents. Reads are open unless the server requires its "
    "bearer token for them; `POST /api/documents` always needs it."
)


def create_app(settings: Settings | None = None) -> FastAPI:
    """The app over the store of ``settings`` (default: ``load_settings()``), opened now."""
    settings = settings or load_settings()
    store = open_store(settings.database_url)
    pages.compile_templates()
    cache = StoreCache(change_marker(store), inline=reads_never_wait(store))

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        # What is loaded by now (modules, templates, vocabularies) lives as long as the
        # server: frozen, the collector's full passes skip it. Unfrozen, each pass took
        # ~80 ms, stalling every request in flight (the slowest 5% of cold boards).
        gc.freeze()
        yield
        gc.unfreeze()  # collectable again: an app may stop in a process that goes on
        cache.close()
        store.close()

    app = FastAPI(
        title="emptychair", version=__version__, description=DESCRIPTION, lifespan=lifespan
    )
    app.state.settings = settings
    app.state.store = store
    app.state.cache = cache
    app.add_middleware(Guard, max_body_bytes=settings.max_body_bytes)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static")
    app.add_exception_handler(HTTPException, _error_page)
    return app


async def _error_page(request: Request, exc: Exception) -> Response:
    """Errors as JSON under /api/, as an HTML page elsewhere."""
    assert isinstance(exc, HTTPException)
    if request.url.path.startswith("/api/") or request.url.path.startswith("/static/"):
        return await http_exception_handler(request, exc)
    return pages.render(
        request,
        "error.html",
        exc.status_code,
        exc.headers,
        status=exc.status_code,
        detail=exc.detail,
    )
