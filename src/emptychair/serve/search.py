"""Full-text search over documents (title and text) and claims (evidence sentences).

SQLite: FTS5 indexes over the documents and claims tables (external content,
so the text is not stored twice), created by the serve layer on first use and
rebuilt when the store has changed since (ingest does not know of them).
PostgreSQL: ``to_tsvector``/``websearch_to_tsquery`` at read time, no schema
change. Every query is parameterised; user text only ever travels as a bound value.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, cast, func, select, text
from sqlalchemy.dialects.postgresql import REGCONFIG

from emptychair.serve.catalog import DocumentRow, documents
from emptychair.store import Store
from emptychair.store import schema as db
from emptychair.store.engine import write_transaction
from emptychair.store.read import Entry, entries

EXCERPT_CHARS = 160
_TOKEN = re.compile(r"\w+", re.UNICODE)
_CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_documents "
    "USING fts5(title, text, content='documents', content_rowid='id')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_claims "
    "USING fts5(evidence, content='claims', content_rowid='id')",
)
_REBUILD = (
    "INSERT INTO search_documents(search_documents) VALUES ('rebuild')",
    "INSERT INTO search_claims(search_claims) VALUES ('rebuild')",
)
_DOC_MATCH = text(
    "SELECT rowid FROM search_documents WHERE search_documents MATCH :q ORDER BY rank"
)
_CLAIM_MATCH = text("SELECT rowid FROM search_claims WHERE search_claims MATCH :q ORDER BY rank")
_lock = threading.Lock()
_indexed: dict[str, tuple[Any, ...]] = {}


@dataclass(frozen=True)
class DocumentHit:
    """A document matching the query, with an excerpt around the first match."""

    document: DocumentRow
    excerpt: str


@dataclass(frozen=True)
class SearchResult:
    """Matching documents and claims, each a page of its own list."""

    query: str
    documents: tuple[DocumentHit, ...]
    total_documents: int
    claims: tuple[Entry, ...]
    total_claims: int


def terms(query: str) -> list[str]:
    """The words of a query (punctuation and operators dropped)."""
    return _TOKEN.findall(query)


def _fts_query(words: list[str]) -> str:
    # Each word a quoted FTS5 string, so nothing the user types is FTS5 syntax.
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def _signature(connection: Connection) -> tuple[Any, ...]:
    """What changes whenever ingest adds, replaces or removes a document or claim."""
    return tuple(
        connection.execute(
            select(
                select(func.count(db.documents.c.id)).scalar_subquery(),
                select(func.max(db.documents.c.ingested_at)).scalar_subquery(),
                select(func.count(db.claims.c.id)).scalar_subquery(),
                select(func.max(db.claims.c.id)).scalar_subquery(),
            )
        ).one()
    )


def _ensure_index(store: Store) -> None:
    """Create the FTS5 tables if missing and rebuild them if the store changed."""
    with _lock:
        with store.engine.connect() as connection:
            signature = _signature(connection)
        if _indexed.get(store.url) == signature:
            return
        with write_transaction(store.engine) as connection:
            for statement in (*_CREATE, *_REBUILD):
                connection.exec_driver_sql(statement)
        _indexed[store.url] = signature


def _sqlite_ids(store: Store, words: list[str]) -> tuple[list[int], list[int]]:
    _ensure_index(store)
    with store.engine.connect() as connection:
        q = _fts_query(words)
        docs = connection.execute(_DOC_MATCH, {"q": q}).scalars().all()
        claims = connection.execute(_CLAIM_MATCH, {"q": q}).scalars().all()
    return list(docs), list(claims)


def _postgres_ids(store: Store, query: str) -> tuple[list[int], list[int]]:
    english = cast("english", REGCONFIG)
    tsquery = func.websearch_to_tsquery(english, bindparam("q", query))
    doc_vector = func.to_tsvector(
        english, func.coalesce(db.documents.c.title, "") + " " + db.documents.c.text
    )
    claim_vector = func.to_tsvector(english, db.claims.c.evidence)
    with store.engine.connect() as connection:
        docs = connection.execute(
            select(db.documents.c.id)
            .where(doc_vector.bool_op("@@")(tsquery))
            .order_by(func.ts_rank(doc_vector, tsquery).desc(), db.documents.c.id)
        ).scalars()
        claims = connection.execute(
            select(db.claims.c.id)
            .where(claim_vector.bool_op("@@")(tsquery))
            .order_by(func.ts_rank(claim_vector, tsquery).desc(), db.claims.c.id)
        ).scalars()
        return list(docs), list(claims)


def excerpt(body: str, words: list[str]) -> str:
    """About ``EXCERPT_CHARS`` of ``body`` around the first of ``words`` it contains."""
    lower = body.lower()
    positions = [p for p in (lower.find(w.lower()) for w in words) if p >= 0]
    start = max(0, min(positions, default=0) - EXCERPT_CHARS // 3)
    piece = " ".join(body[start : start + EXCERPT_CHARS].split())
    return ("… " if start else "") + piece + (" …" if start + EXCERPT_CHARS < len(body) else "")


def search(store: Store, query: str, limit: int = 20, offset: int = 0) -> SearchResult:
    """Documents and claims matching ``query``, best first, ``limit`` of each from ``offset``."""
    words = terms(query)
    if not words:
        return SearchResult(query, (), 0, (), 0)
    if store.backend == "sqlite":
        doc_ids, claim_ids = _sqlite_ids(store, words)
    else:
        doc_ids, claim_ids = _postgres_ids(store, " ".join(words))
    page_docs = doc_ids[offset : offset + limit]
    page_claims = claim_ids[offset : offset + limit]
    rows, _ = documents(store, len(page_docs) or 1, 0, ids=page_docs)
    rank = {doc_id: n for n, doc_id in enumerate(page_docs)}
    rows.sort(key=lambda r: rank[r.id])
    with store.engine.connect() as connection:
        texts: dict[int, str] = {
            doc_id: body
            for doc_id, body in connection.execute(
                select(db.documents.c.id, db.documents.c.text).where(
                    db.documents.c.id.in_(page_docs)
                )
            )
        }
        found = entries(connection, db.claims.c.id.in_(page_claims)) if page_claims else []
    order = {claim_id: n for n, claim_id in enumerate(page_claims)}
    found.sort(key=lambda e: order[e.claim_id])
    return SearchResult(
        query=query,
        documents=tuple(
            DocumentHit(r, excerpt(f"{r.title or ''} {texts.get(r.id, '')}", words)) for r in rows
        ),
        total_documents=len(doc_ids),
        claims=tuple(found),
        total_claims=len(claim_ids),
    )
