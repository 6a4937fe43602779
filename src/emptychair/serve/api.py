"""The JSON API under /api/: the library's answers as JSON (or CSV), with an OpenAPI schema."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Annotated, Any, Generic, Literal, TypeVar

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response, status
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, Field, TypeAdapter, ValidationError
from starlette.concurrency import run_in_threadpool

from emptychair import __version__
from emptychair.analyze.patterns import Downgrade, Streak
from emptychair.extract import extract
from emptychair.model import Document
from emptychair.serve import catalog
from emptychair.serve import queries as web_queries
from emptychair.serve.board import BoardView, MeetingLine, board_view, meeting_lines
from emptychair.serve.country import CountryView, cached_patterns, country_view
from emptychair.serve.deps import CacheDep, Paging, PagingDep, StoreDep
from emptychair.serve.export import csv_response
from emptychair.serve.search import SearchResult, search
from emptychair.serve.security import require_read, require_write
from emptychair.sources.errors import UnreadableError
from emptychair.sources.html import html_document
from emptychair.sources.text import text_document
from emptychair.store import Store
from emptychair.store import read as queries
from emptychair.store.read import ActorHistory, ClaimFilter, Entry

T = TypeVar("T")
router = APIRouter(
    prefix="/api",
    tags=["api"],
    dependencies=[Depends(require_read)],
    responses={
        400: {"description": "A NUL byte in the query string."},
        401: {"description": "Missing or wrong bearer token (where one is required)."},
    },
)

Format = Annotated[
    Literal["json", "csv"], Query(alias="format", description="json (default) or csv.")
]
# Dates as strict YYYY-MM-DD text (pydantic alone would also take "0", a Unix time); the
# pattern admits only days some year has, so a valid-looking date is rarely refused
# (29 February of a common year still gets a 422 from ``_day``).
DAY_PATTERN = (
    r"^[1-9][0-9]{3}-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-9])"
    r"|(?:0[13-9]|1[0-2])-30|(?:0[13578]|1[02])-31)$"
)
Day = Annotated[
    str | None,
    Query(pattern=DAY_PATTERN, description="YYYY-MM-DD", json_schema_extra={"format": "date"}),
]
# Query text never holds NUL: the server refuses it (400), and the schema says so.
NO_NUL = r"^[^\x00]*$"
Responses = dict[int | str, dict[str, Any]]
CSV: Responses = {200: {"content": {"text/csv": {"schema": {"type": "string"}}}}}
UNAUTHORISED: Responses = {401: {"description": "Missing or wrong bearer token."}}
NOT_FOUND: Responses = {404: {"description": "Not in the store."}}
CountryCode = Annotated[str, Path(pattern="^[A-Za-z]{3}$", description="ISO alpha-3, e.g. USA.")]


class Page(BaseModel, Generic[T]):
    """One page of a list."""

    items: list[T]
    total: int
    limit: int
    offset: int


@dataclass(frozen=True)
class Person:
    """A person the store names."""

    name: str


class Ingested(BaseModel):
    """What ``POST /api/documents`` did."""

    id: str
    added: int
    replaced: int
    unchanged: int
    claims_added: int
    rejected: list[str]


def _invalid(where: tuple[str, ...], message: str, value: object) -> RequestValidationError:
    """A 422 in FastAPI's own shape, the one the schema documents for every operation."""
    return RequestValidationError(
        [{"type": "value_error", "loc": where, "msg": message, "input": value}]
    )


def _day(value: str | None, name: str) -> dt.date | None:
    """A ``Day`` parameter as a date; 422 if it names no calendar day (2026-02-30)."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _invalid(("query", name), f"no such day: {value}", value) from None


def _page(items: list[Any], total: int, paging: Paging, form: str, name: str) -> Any:
    if form == "csv":
        return csv_response(items, name)
    return Page[Any](items=items, total=total, limit=paging.limit, offset=paging.offset)


@router.get("/meetings", response_model=Page[MeetingLine], responses=CSV)
def list_meetings(
    store: StoreDep,
    paging: PagingDep,
    form: Format = "json",
    forum: Annotated[str | None, Query(pattern=NO_NUL, description="Forum id.")] = None,
    family: Annotated[str | None, Query(pattern=NO_NUL, description="Forum family.")] = None,
    since: Day = None,
    until: Day = None,
) -> Any:
    """Meetings, newest first, each with a one-line summary of who is missing."""
    found, total = web_queries.meetings(
        store,
        paging.limit,
        paging.offset,
        forum,
        family,
        _day(since, "since"),
        _day(until, "until"),
    )
    return _page(meeting_lines(store, found), total, paging, form, "meetings")


_board_json = TypeAdapter(BoardView)


@router.get("/meetings/{meeting_id}", response_model=BoardView, responses=NOT_FOUND)
async def get_meeting(
    store: StoreDep,
    cache: CacheDep,
    meeting_id: str,
    as_of: Day = None,
) -> Response:
    """A meeting's board: a cell per member state, and every record with its claim timeline."""
    day = _day(as_of, "as_of")

    def build() -> bytes | None:
        board = web_queries.board(store, meeting_id)
        # Serialised straight from the dataclasses: FastAPI would first copy the whole
        # view into dicts and validate every timeline entry against BoardView again.
        return None if board is None else _board_json.dump_json(board_view(board, day))

    body = await cache.aget(("api-board", meeting_id, day), build)
    if body is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no meeting {meeting_id!r}")
    return Response(body, media_type="application/json")


@router.get("/claims", response_model=Page[Entry], responses=CSV)
def list_claims(
    store: StoreDep,
    paging: PagingDep,
    form: Format = "json",
    person: Annotated[str | None, Query(pattern=NO_NUL, description="Name or part of one.")] = None,
    country: Annotated[
        str | None, Query(pattern=NO_NUL, description="ISO alpha-3, e.g. USA.")
    ] = None,
    forum: Annotated[str | None, Query(pattern=NO_NUL, description="Forum id.")] = None,
    claim_status: Annotated[
        Literal["attend", "absent", "virtual"] | None, Query(alias="status")
    ] = None,
    meeting: Annotated[str | None, Query(pattern=NO_NUL, description="Meeting id.")] = None,
    since: Day = None,
    until: Day = None,
) -> Any:
    """Stored claims, oldest publication first; since/until bound the publication date."""
    filters = ClaimFilter(
        person, country, forum, claim_status, meeting, _day(since, "since"), _day(until, "until")
    )
    found, total = web_queries.claims(store, filters, paging.limit, paging.offset)
    return _page(found, total, paging, form, "claims")


@router.get("/actors", response_model=Page[Person], responses=CSV)
def list_actors(
    store: StoreDep,
    paging: PagingDep,
    form: Format = "json",
    name: Annotated[str | None, Query(pattern=NO_NUL, description="Name or part of one.")] = None,
) -> Any:
    """People the store names, alphabetically."""
    names, total = catalog.people(store, name, paging.limit, paging.offset)
    return _page([Person(n) for n in names], total, paging, form, "actors")


@router.get("/actors/{name}", response_model=ActorHistory)
def get_actor(store: StoreDep, name: str) -> ActorHistory:
    """Every meeting the store links to people whose name contains ``name``."""
    return queries.actor_history(store, name)


@router.get("/countries", response_model=Page[catalog.CountryRow], responses=CSV)
def list_countries(
    store: StoreDep, cache: CacheDep, paging: PagingDep, form: Format = "json"
) -> Any:
    """Countries with records, with how many of them are absences."""
    # A grouped count over every record, one row per country: computed once, then sliced.
    found = cache.get(("countries",), lambda: catalog.countries(store))
    return _page(paging.slice(found), len(found), paging, form, "countries")


@router.get("/countries/{code}", response_model=CountryView)
def get_country(store: StoreDep, cache: CacheDep, code: CountryCode) -> CountryView:
    """A country's representation level per forum over time, and its absence streaks."""
    return country_view(store, code, cached_patterns(store, cache).streaks)


MinLength = Annotated[int, Query(ge=1, le=100, description="Shortest streak listed.")]


@router.get("/patterns/streaks", response_model=Page[Streak], responses=CSV)
def list_streaks(
    store: StoreDep,
    cache: CacheDep,
    paging: PagingDep,
    form: Format = "json",
    min_length: MinLength = 2,
) -> Any:
    """Countries missing their principal at consecutive meetings, longest first."""
    # Streaks are found in Python over the whole store: computed once, then sliced.
    found = cached_patterns(store, cache, min_length).streaks
    return _page(paging.slice(found), len(found), paging, form, "streaks")


@router.get("/patterns/downgrades", response_model=Page[Downgrade], responses=CSV)
def list_downgrades(
    store: StoreDep, cache: CacheDep, paging: PagingDep, form: Format = "json"
) -> Any:
    """Countries sending a lower level to a forum than to its previous meeting."""
    found = cached_patterns(store, cache).downgrades
    return _page(paging.slice(found), len(found), paging, form, "downgrades")


@router.get("/documents", response_model=Page[catalog.DocumentRow], responses=CSV)
def list_documents(store: StoreDep, paging: PagingDep, form: Format = "json") -> Any:
    """Stored documents, newest first."""
    rows, total = catalog.documents(store, paging.limit, paging.offset)
    return _page(rows, total, paging, form, "documents")


@router.get("/documents/{doc_id}", response_model=catalog.DocumentView, responses=NOT_FOUND)
def get_document(
    store: StoreDep, doc_id: Annotated[int, Path(ge=1, le=2**62)]
) -> catalog.DocumentView:
    """One document with its text and its claims."""
    found = catalog.document(store, doc_id)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no document {doc_id}")
    return found


@router.get("/search", response_model=SearchResult)
def search_store(
    store: StoreDep,
    paging: PagingDep,
    q: Annotated[str, Query(max_length=500, pattern=NO_NUL, description="Words to find.")] = "",
) -> SearchResult:
    """Documents (title and text) and claims (evidence) matching all the words of ``q``."""
    return search(store, q, paging.limit, paging.offset)


class DocumentIn(BaseModel, strict=True):
    """A posted document in the FORMAT.md shape (gold ``claims``, if any, are ignored)."""

    id: str = Field(min_length=1, max_length=200)
    text: str
    published: str | None = Field(default=None, pattern=DAY_PATTERN)
    title: str | None = None
    url: str | None = None
    outlet: str | None = None


def _document(body: bytes, media: str, doc_id: str | None, published: dt.date | None) -> Document:
    """The posted document: FORMAT.md JSON, plain text or an HTML page."""
    name = doc_id or "posted-" + hashlib.sha256(body).hexdigest()[:12]
    if media == "application/json":
        try:
            data = DocumentIn.model_validate_json(body).model_dump()
        except ValidationError as exc:
            raise RequestValidationError(exc.errors(include_url=False)) from None
        if published and not data.get("published"):
            data["published"] = published.isoformat()
        return Document.from_dict(data)
    if media == "text/plain":
        return text_document(name, body, published)
    if media == "text/html":
        return html_document(name, body, published)
    raise HTTPException(
        status.HTTP_415_UNSUPPORTED_MEDIA_TYPE, "send application/json, text/plain or text/html"
    )


def _ingest(store: Store, document: Document) -> Ingested:
    report = store.ingest([(document, extract(document))], f"emptychair {__version__}")
    return Ingested(
        id=document.id,
        added=report.added,
        replaced=report.replaced,
        unchanged=report.unchanged,
        claims_added=report.claims_added,
        rejected=list(report.rejected),
    )


@router.post(
    "/documents",
    status_code=status.HTTP_201_CREATED,
    response_model=Ingested,
    dependencies=[Depends(require_write)],
    responses={
        **UNAUTHORISED,
        413: {"description": "Body over the configured size."},
        415: {"description": "Unsupported content type."},
        422: {"description": "Not a readable document."},
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": DocumentIn.model_json_schema()},
                "text/plain": {"schema": {"type": "string"}},
                "text/html": {"schema": {"type": "string"}},
            },
        }
    },
)
async def post_document(
    request: Request,
    store: StoreDep,
    published: Day = None,
    doc_id: Annotated[
        str | None,
        Query(alias="id", max_length=200, pattern=NO_NUL, description="Document id (text, HTML)."),
    ] = None,
) -> Ingested:
    """Extract the claims of one document and store both (needs the bearer token)."""
    body = await request.body()
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    try:
        document = _document(body, media, doc_id, _day(published, "published"))
    except (ValueError, UnreadableError) as exc:  # bad JSON, bad date, unreadable text
        raise _invalid(("body",), str(exc), None) from None
    if document.published is None:
        raise _invalid(("query", "published"), "a publication date is needed", None)
    return await run_in_threadpool(_ingest, store, document)
