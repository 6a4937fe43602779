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

from emptychair.analyze.patterns import patterns
from emptychair.serve import catalog
from emptychair.serve.board import (
    LABELS,
    SYMBOLS,
    board_view,
    country_name,
    is_upcoming,
    meeting_lines,
    role_label,
)
from emptychair.serve.charts import level_chart
from emptychair.serve.country import country_view
from emptychair.serve.deps import PagingDep, StoreDep
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
Day = Annotated[dt.date | None, Query()]


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


@router.get("/", response_class=HTMLResponse)
def meetings_page(
    request: Request, store: StoreDep, paging: PagingDep, forum: str | None = None
) -> HTMLResponse:
    """Upcoming meetings (soonest first) and recent ones (newest first), with summaries."""
    found = queries.meetings(store, forum=forum or None)
    today = dt.date.today()
    upcoming = [m for m in found if is_upcoming(m, today)][::-1]
    recent = [m for m in found if not is_upcoming(m, today)]
    return render(
        request,
        "meetings.html",
        upcoming=meeting_lines(store, upcoming[:20]),
        recent=meeting_lines(store, paging.slice(recent)),
        total=len(recent),
        paging=paging,
        params={"forum": forum},
    )


@router.get("/meetings/{meeting_id}", response_class=HTMLResponse)
def board_page(
    request: Request, store: StoreDep, meeting_id: str, as_of: Day = None
) -> HTMLResponse:
    """One cell per member state, each linking to the claims behind it."""
    board = queries.meeting_board(store, meeting_id)
    if board is None:
        raise _not_found(f"no meeting {meeting_id}")
    return render(request, "board.html", view=board_view(board, as_of))


@router.get("/meetings/{meeting_id}/countries/{code}", response_class=HTMLResponse)
def timeline_page(
    request: Request,
    store: StoreDep,
    meeting_id: str,
    code: Annotated[str, Path(pattern="^[A-Za-z]{3}$")],
    as_of: Day = None,
) -> HTMLResponse:
    """A country's records at one meeting, each with its claim timeline."""
    board = queries.meeting_board(store, meeting_id)
    if board is None:
        raise _not_found(f"no meeting {meeting_id}")
    view = board_view(board, as_of)
    cell = next((c for c in view.cells if c.country == code.upper()), None)
    records = [r for r in view.records if r.country == code.upper()]
    return render(
        request, "timeline.html", view=view, cell=cell, code=code.upper(), records=records
    )


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
    found = queries.claims(store, filters)
    params = {
        "person": person,
        "country": country,
        "forum": forum,
        "meeting": meeting,
        "since": since,
        "until": until,
    }
    return render(
        request,
        "claims.html",
        claims=paging.slice(found),
        total=len(found),
        paging=paging,
        params=params,
    )


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
def countries_page(request: Request, store: StoreDep) -> HTMLResponse:
    """Countries with records."""
    return render(request, "countries.html", countries=catalog.countries(store))


@router.get("/countries/{code}", response_class=HTMLResponse)
def country_page(
    request: Request, store: StoreDep, code: Annotated[str, Path(pattern="^[A-Za-z]{3}$")]
) -> HTMLResponse:
    """Representation level per forum over time (SVG), and the country's streaks."""
    view = country_view(store, code)
    charts = [(s, level_chart(s.forum, s.points)) for s in view.series]
    return render(request, "country.html", view=view, charts=charts)


@router.get("/patterns", response_class=HTMLResponse)
def patterns_page(request: Request, store: StoreDep) -> HTMLResponse:
    """Current streaks and representation downgrades."""
    return render(request, "patterns.html", found=patterns(store))


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
