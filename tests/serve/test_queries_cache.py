"""The web's own queries (boards, pages in SQL) and its cache, dropped when the store changes."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import os
import random
import socket
import threading
from pathlib import Path
from typing import Any

import pytest
import uvicorn
import uvicorn.supervisors
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from emptychair.cli import app as cli
from emptychair.model import Claim, Document, Source
from emptychair.serve import create_app, queries
from emptychair.serve.board import board_view
from emptychair.serve.cache import Marker, StoreCache, change_marker, reads_never_wait
from emptychair.settings import DB_ENV
from emptychair.store import open_store, read
from emptychair.store.read import ClaimFilter

from .conftest import BOARD, TOKEN, make_settings

AUTH = {"Authorization": f"Bearer {TOKEN}"}
Items = list[tuple[Document, list[Claim]]]


def _without_ids(value: Any) -> Any:
    plain = dataclasses.asdict(value)
    for record in plain["records"]:
        for entry in record["timeline"]:
            entry.pop("document_id", None)
    return plain


def test_board_query_matches_the_library(sample_url: str) -> None:
    with open_store(sample_url) as store:
        for meeting in read.meetings(store):
            mine = queries.board(store, meeting.id)
            assert mine is not None
            assert _without_ids(mine) == _without_ids(read.meeting_board(store, meeting.id))
            ids = {e.document: e.document_id for r in mine.records for e in r.timeline}
            assert all(isinstance(i, int) for i in ids.values())
        assert queries.board(store, "nato-summit-1900-01") is None


def _reports(seed: int = 5, documents: int = 60) -> Items:
    """Stories on two summits: offices reported several times with sources, by
    certainty and over days (superseded and contested records), and copies."""
    rng = random.Random(seed)
    items: Items = []
    for n in range(documents):
        day = dt.date(2025, 6, 24) + dt.timedelta(days=-60 + 365 * (n % 2))
        claims = [
            Claim(
                person=f"{role} of {country}",
                country=country,
                role=role,  # type: ignore[arg-type]
                forum="nato-summit",
                meeting_date=day.isoformat(),
                status=rng.choice(("attend", "absent", "virtual")),
                certainty=rng.choice(("reported", "expected", "possible")),
                representative="Stand In" if ordinal == 2 else None,
                sources=tuple(
                    Source(rng.choice(("named", "anonymous")), f"source {k}")
                    for k in range(rng.randint(0, 2))
                ),
                evidence=f"Sentence {n}.{ordinal}.",
            )
            for ordinal, (country, role) in enumerate(
                rng.sample([(c, r) for c in ("USA", "FRA", "AUS") for r in ("leader", "deputy")], 3)
            )
        ]
        text = f"Story {n}: " + " ".join(f"w{rng.randrange(80)}" for _ in range(80))
        published: dt.date | None = day - dt.timedelta(days=rng.randint(-2, 12))
        if n >= 10 and n % 5 == 0:  # a syndicated copy of an earlier story
            text, published = (
                items[n - 4][0].text + " Also carried here.",
                items[n - 4][0].published,
            )
        items.append((Document(f"d{n}", text, published, f"T{n}", None, "Outlet"), claims))
    return items


def test_boards_of_reported_meetings_match_the_library(store_url: str) -> None:
    """Copies, several sources per claim, superseded and contested records: the web's
    board is the library's, and the board fetched without timelines has the same cells."""
    with open_store(store_url) as store:
        store.ingest(_reports(), "test")
        boards = [queries.board(store, m.id) for m in read.meetings(store)]
        entries = [e for b in boards if b for r in b.records for e in r.timeline]
        assert len(boards) == 2 and any(e.copy_of for e in entries)
        assert any(len(e.sources) > 1 for e in entries) and not all(e.current for e in entries)
        assert any(r.contested for b in boards if b for r in b.records)
        for mine in boards:
            assert mine is not None
            slug = mine.meeting.id
            assert _without_ids(mine) == _without_ids(read.meeting_board(store, slug))
            found = queries.board_facts(store, slug)
            assert found is not None
            facts, sources = found
            full, lean = board_view(mine), board_view(facts, standing_sources=sources)
            assert (lean.meeting, lean.organisation, lean.cells) == (
                full.meeting,
                full.organisation,
                full.cells,
            )
            assert any(c.sources for c in lean.cells)
            assert [dataclasses.replace(r, timeline=()) for r in mine.records] == list(
                facts.records
            )
            with pytest.raises(ValueError):
                board_view(facts, dt.date(2025, 6, 1), sources)
        assert queries.board_facts(store, "nato-summit-1900-01") is None


def test_claims_are_paged_in_sql(sample_url: str) -> None:
    with open_store(sample_url) as store:
        everything = read.claims(store)
        found, total = queries.claims(store, ClaimFilter(), 1000, 0)
        assert [e.claim_id for e in found] == [e.claim_id for e in everything]
        assert total == len(everything)
        pages = [queries.claims(store, ClaimFilter(), 2, offset)[0] for offset in (0, 2, 4)]
        assert [e.claim_id for page in pages for e in page] == [e.claim_id for e in everything[:6]]
        # % and _ are literal characters of a name, not wildcards.
        assert queries.claims(store, ClaimFilter(person="%"), 10, 0) == ([], 0)
        assert queries.claims(store, ClaimFilter(person="Pete_Hegseth"), 10, 0) == ([], 0)
        assert queries.claims(store, ClaimFilter(person="pete hegseth"), 10, 0)[1] == 2


def test_meetings_are_paged_in_sql(sample_url: str) -> None:
    with open_store(sample_url) as store:
        everything = read.meetings(store)
        first, total = queries.meetings(store, 1, 0)
        second, _ = queries.meetings(store, 1, 1)
        assert first + second == everything and total == len(everything)
        oldest, _ = queries.meetings(store, 5, 0, oldest_first=True)
        assert oldest == everything[::-1]
        past, _ = queries.meetings(store, 5, 0, upcoming=False)
        ahead, _ = queries.meetings(store, 5, 0, upcoming=True)
        assert {m.id for m in past + ahead} == {m.id for m in everything}


def test_api_claims_pages_and_escapes(client: TestClient) -> None:
    body = client.get("/api/claims", params={"limit": 2, "offset": 1}).json()
    every = client.get("/api/claims", params={"limit": 500}).json()
    assert body["items"] == every["items"][1:3] and body["total"] == every["total"]
    assert client.get("/api/claims", params={"person": "_"}).json()["total"] == 0
    html = client.get("/claims", params={"person": "%"}).text
    assert "No claims." in html


def test_timeline_links_to_stored_documents(client: TestClient) -> None:
    documents = client.get("/api/documents").json()["items"]
    ids = {d["external_id"]: d["id"] for d in documents}
    html = client.get(f"/meetings/{BOARD}/countries/USA").text
    assert f'href="/documents/{ids["seed-000"]}"' in html
    assert f'href="/documents/{ids["sample-002"]}"' in html
    claims = client.get("/claims", params={"person": "Hegseth"}).text
    assert f'href="/documents/{ids["sample-002"]}"' in claims


def test_posting_a_document_refreshes_cached_boards(
    store_url: str, sample_items: Items, tmp_path: Path
) -> None:
    later = next(item for item in sample_items if item[0].id == "sample-002")
    with open_store(store_url) as store:
        store.ingest([item for item in sample_items if item is not later], "test")
    app = create_app(make_settings(store_url, tmp_path))
    with TestClient(app) as client:
        path = f"/meetings/{BOARD}"
        before = client.get(path).text
        assert client.get(path).text == before  # served from the cache
        cells = {c["country"]: c for c in client.get(f"/api{path}").json()["cells"]}
        assert cells["USA"]["status"] == "expected-absent"
        document = later[0]
        posted = client.post(
            "/api/documents",
            json={
                "id": document.id,
                "text": document.text,
                "published": str(document.published),
                "title": document.title,
                "url": document.url,
                "outlet": document.outlet,
            },
            headers=AUTH,
        )
        assert posted.status_code == 201, posted.text
        cells = {c["country"]: c for c in client.get(f"/api{path}").json()["cells"]}
        assert cells["USA"]["status"] == "stand-in"
        assert "Elbridge Colby" in client.get(path).text


def test_writes_by_another_process_refresh_cached_boards(
    store_url: str, sample_items: Items, tmp_path: Path
) -> None:
    """A write through another handle (the CLI, another worker) drops the cache too."""
    with TestClient(create_app(make_settings(store_url, tmp_path))) as client:
        assert client.get(f"/api/meetings/{BOARD}").status_code == 404
        with open_store(store_url) as other:
            other.ingest(sample_items, "test")
        assert client.get(f"/api/meetings/{BOARD}").json()["organisation"] == "NATO"


def test_cache_keeps_values_while_the_marker_holds(sample_url: str) -> None:
    with open_store(sample_url) as store:
        marker = change_marker(store)
        assert marker() is not None and marker() == marker()
        cache = StoreCache(marker, max_entries=2)
        calls: list[str] = []

        def compute(key: str) -> str:
            calls.append(key)
            return key.upper()

        for key in ("a", "a", "b", "c", "a"):
            assert cache.get(key, lambda key=key: compute(key)) == key.upper()  # type: ignore[misc]
        assert calls == ["a", "b", "c", "a"]  # "a" was pushed out by "b" and "c"
        assert cache.get("none", lambda: None) is None
        cache.close()
        assert marker() is not None  # reconnects after close, as the engine does
    uncached = StoreCache(Marker())
    uncached.get("a", lambda: compute("a"))
    uncached.get("a", lambda: compute("a"))
    assert calls[-2:] == ["a", "a"]


def test_cache_computes_on_the_loop_only_where_reads_never_wait(store_url: str) -> None:
    """SQLite (WAL) views are computed on the event loop; PostgreSQL's in a worker thread."""
    with open_store(store_url) as store:
        inline = reads_never_wait(store)
        assert inline == (store.backend == "sqlite")
    here = threading.get_ident()
    for computes_inline in (True, False):
        cache = StoreCache(Marker(), inline=computes_inline)
        assert (asyncio.run(cache.aget("thread", threading.get_ident)) == here) is computes_inline


def test_serve_workers_option(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers build their own app from the environment, which carries ``--db``, and
    share one listening socket marked TCP (serve/listener.py)."""
    ran: dict[str, Any] = {}

    class Supervisor:
        def __init__(self, config: uvicorn.Config, sockets: list[socket.socket]) -> None:
            ran.update(config=config, sockets=sockets)

        def run(self) -> None:
            ran["ran"] = True

    monkeypatch.setattr(uvicorn.supervisors, "Multiprocess", Supervisor)
    monkeypatch.setenv(DB_ENV, "sqlite:///before.db")  # restored after the test
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    args = ["serve", "--db", "sqlite:///x.db", "--workers", "3", "--port", str(port)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    config, [sock] = ran["config"], ran["sockets"]
    sock.close()
    assert config.app == "emptychair.serve:create_app" and config.factory is True
    assert config.workers == 3 and ran["ran"] and sock.proto == socket.IPPROTO_TCP
    assert (config.http, config.loop) == ("httptools", "uvloop")
    assert os.environ[DB_ENV] == "sqlite:///x.db"
