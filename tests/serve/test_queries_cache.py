"""The web's own queries (boards, pages in SQL) and its cache, dropped when the store changes."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from emptychair.cli import app as cli
from emptychair.model import Claim, Document
from emptychair.serve import create_app, queries
from emptychair.serve.cache import Marker, StoreCache, change_marker
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


def test_serve_workers_option(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers build their own app from the environment, which carries ``--db``."""
    ran: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda target, **options: ran.update(options, app=target))
    monkeypatch.setenv(DB_ENV, "sqlite:///before.db")  # restored after the test
    result = CliRunner().invoke(cli, ["serve", "--db", "sqlite:///x.db", "--workers", "3"])
    assert result.exit_code == 0, result.output
    assert ran["app"] == "emptychair.serve:create_app" and ran["factory"] is True
    assert ran["workers"] == 3
    assert os.environ[DB_ENV] == "sqlite:///x.db"
