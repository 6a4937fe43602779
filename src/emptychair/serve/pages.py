"""The HTML pages: server-rendered with Jinja2, no JavaScript needed.

Each route calls the library (or a serve helper over it) and renders one
template. List pages link to the same list in the API as CSV and JSON.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path as FilePath
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, status
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from emptychair.analyze.history import history
from emptychair.serve import catalog
from emptychair.serve import queries as web_queries
from emptychair.serve.board import (
    LABELS,
    SYMBOLS,
    board_view,
    country_name,
    meeting_lines,
    role_label,
)
from emptychair.serve.charts import level_chart
from emptychair.serve.country import base_rates, cached_patterns, country_view
from emptychair.serve.deps import CacheDep, PagingDep, StoreDep
from emptychair.serve.search import search
from emptychair.serve.security import require_read, safe_url
from emptychair.store import read as queries
from emptychair.store.read import ClaimFilter

router = APIRouter(dependencies=[Depends(require_read)], include_in_schema=False)


def _segment(value: object) -> str:
    """A value as one URL path segment (slashes included in the quoting)."""
    return quote(str(value), safe="")


def _environment() -> Environment:
    # Autoescape everything: store text (titles, names, evidence) is untrusted.
    env = Environment(
        loader=FileSystemLoader(FilePath(__file__).parent / "templates"),
        # Compiled once (``compile_templates``): no file check on every render.
        auto_reload=False,
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        safe_url=safe_url,
        segment=_segment,
        role=role_label,
        country=country_name,
        query=lambda params: urlencode({k: v for k, v in params.items() if v not in (None, "")}),
    )
    env.globals.update(labels=LABELS, symbols=SYMBOLS)
    return env


templates = Jinja2Templates(env=_environment())


def compile_templates() -> None:
    """Compile every template now, so no request waits for it."""
    for name in templates.env.list_templates():
        templates.env.get_template(name)


Day = Annotated[dt.date | None, Query()]
Code = Annotated[str, Path(pattern="^[A-Za-z]{3}$", description="ISO alpha-3, e.g. USA.")]
UPCOMING_SHOWN = 20


def render(
    request: Request,
    name: str,
    status_code: int = 200,
    headers: Mapping[str, str] | None = None,
    **context: Any,
) -> HTMLResponse:
    """``templates/<name>`` with ``context``, as an HTML response."""
    return templates.TemplateResponse(
        request, name, context, status_code=status_code, headers=headers
    )


def _not_found(what: str) -> HTTPException:
    return HTTPException(status.HTTP_404_NOT_FOUND, what)


def _html(name: str, **context: Any) -> bytes:
    """``templates/<name>`` rendered with ``context`` (no request: cached pages are shared)."""
    return templates.env.get_template(name).render(context).encode()


@router.get("/", response_class=HTMLResponse)
def meetings_page(
    request: Request, store: StoreDep, paging: PagingDep, forum: str | None = None
) -> HTMLResponse:
    """Upcoming meetings (soonest first) and recent ones (newest first), with summaries."""
    upcoming, _ = web_queries.meetings(
        store, UPCOMING_SHOWN, 0, forum=forum or None, upcoming=True, oldest_first=True
    )
    recent, total = web_queries.meetings(
        store, paging.limit, paging.offset, forum=forum or None, upcoming=False
    )
    return render(
        request,
        "meetings.html",
        upcoming=meeting_lines(store, upcoming),
        recent=meeting_lines(store, recent),
        total=total,
        paging=paging,
        params={"forum": forum},
    )


@router.get("/meetings/{meeting_id}", response_class=HTMLResponse)
async def board_page(
    store: StoreDep, cache: CacheDep, meeting_id: str, as_of: Day = None
) -> HTMLResponse:
    """One cell per member state, each linking to the claims behind it."""

    def build() -> bytes | None:
        if as_of is not None:
            board = web_queries.board(store, meeting_id)
            return None if board is None else _html("board.html", view=board_view(board, as_of))
        # The board now shows no timelines: what its cells take from them is fetched alone.
        found = web_queries.board_facts(store, meeting_id)
        if found is None:
            return None
        facts, sources = found
        return _html("board.html", view=board_view(facts, standing_sources=sources))

    body = await cache.aget(("board-page", meeting_id, as_of), build)
    if body is None:
        raise _not_found(f"no meeting {meeting_id}")
    return HTMLResponse(body)


@router.get("/meetings/{meeting_id}/countries/{code}", response_class=HTMLResponse)
async def timeline_page(
    store: StoreDep,
    cache: CacheDep,
    meeting_id: str,
    code: Annotated[str, Path(pattern="^[A-Za-z]{3}$")],
    as_of: Day = None,
) -> HTMLResponse:
    """A country's records at one meeting, each with its claim timeline."""
    code = code.upper()

    def build() -> bytes | None:
        board = web_queries.board(store, meeting_id)
        if board is None:
            return None
        view = board_view(board, as_of)
        return _html(
            "timeline.html",
            view=view,
            cell=next((c for c in view.cells if c.country == code), None),
            code=code,
            records=[r for r in view.records if r.country == code],
        )

    body = await cache.aget(("timeline-page", meeting_id, code, as_of), build)
    if body is None:
        raise _not_found(f"no meeting {meeting_id}")
    return HTMLResponse(body)


@router.get("/claims", response_class=HTMLResponse)
def claims_page(
    request: Request,
    store: StoreDep,
    paging: PagingDep,
    person: str | None = None,
    country: str | None = None,
    forum: str | None = None,
    meeting: str | None = None,
    since: Day = None,
    until: Day = None,
) -> HTMLResponse:
    """Stored claims, filtered as the CLI's ``claims`` command filters them."""
    filters = ClaimFilter(
        person or None, country or None, forum or None, None, meeting or None, since, until
    )
    found, total = web_queries.claims(store, filters, paging.limit, paging.offset)
    params = {
        "person": person,
        "country": country,
        "forum": forum,
        "meeting": meeting,
        "since": since,
        "until": until,
    }
    return render(request, "claims.html", claims=found, total=total, paging=paging, params=params)


@router.get("/actors", response_class=HTMLResponse)
def actors_page(
    request: Request, store: StoreDep, paging: PagingDep, name: str | None = None
) -> HTMLResponse:
    """People the store names, with a search box."""
    names, total = catalog.people(store, name, paging.limit, paging.offset)
    return render(
        request, "actors.html", names=names, total=total, paging=paging, params={"name": name}
    )


@router.get("/actors/{name}", response_class=HTMLResponse)
def actor_page(request: Request, store: StoreDep, name: str) -> HTMLResponse:
    """A person's attendance history across meetings, and where they stood in."""
    return render(request, "actor.html", history=queries.actor_history(store, name))


@router.get("/countries", response_class=HTMLResponse)
def countries_page(request: Request, store: StoreDep, cache: CacheDep) -> HTMLResponse:
    """Countries with records."""
    found = cache.get(("countries",), lambda: catalog.countries(store))
    return render(request, "countries.html", countries=found)


@router.get("/countries/{code}", response_class=HTMLResponse)
def country_page(request: Request, store: StoreDep, cache: CacheDep, code: Code) -> HTMLResponse:
    """Representation level per forum over time (SVG), its streaks, links to its histories."""
    view = country_view(store, code, cached_patterns(store, cache).streaks)
    charts = [(s, level_chart(s.forum, s.points)) for s in view.series]
    return render(request, "country.html", view=view, charts=charts)


@router.get("/countries/{code}/history/{forum}", response_class=HTMLResponse)
def history_page(
    request: Request,
    store: StoreDep,
    cache: CacheDep,
    code: Code,
    forum: Annotated[str, Path(pattern="^[a-z0-9-]{1,64}$")],
) -> HTMLResponse:
    """Every meeting of ``forum`` for the country: who went, the evidence, the base rate."""
    code = code.upper()
    found = cache.get(
        ("history", code, forum, dt.date.today()), lambda: history(store, code, forum)
    )
    return render(request, "history.html", history=found)


@router.get("/patterns", response_class=HTMLResponse)
def patterns_page(request: Request, store: StoreDep, cache: CacheDep) -> HTMLResponse:
    """Current streaks (with how often they happened before, and base rates) and downgrades."""
    found = cached_patterns(store, cache)
    return render(
        request, "patterns.html", found=found, streaks=base_rates(store, cache, found.streaks)
    )


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    store: StoreDep,
    paging: PagingDep,
    q: Annotated[str, Query(max_length=500)] = "",
) -> HTMLResponse:
    """Documents and claims matching the words of ``q``."""
    return render(
        request,
        "search.html",
        result=search(store, q, paging.limit, paging.offset),
        paging=paging,
        params={"q": q},
    )


@router.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request, store: StoreDep, paging: PagingDep) -> HTMLResponse:
    """Stored documents, newest first."""
    rows, total = catalog.documents(store, paging.limit, paging.offset)
    return render(request, "documents.html", documents=rows, total=total, paging=paging, params={})


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document_page(
    request: Request, store: StoreDep, doc_id: Annotated[int, Path(ge=1, le=2**62)]
) -> HTMLResponse:
    """One document's text and the claims found in it."""
    found = catalog.document(store, doc_id)
    if found is None:
        raise _not_found(f"no document {doc_id}")
    return render(request, "document.html", found=found)
