"""A poll against the local server: ingest once, survive failures, resume after a restart."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from emptychair.store import open_store
from emptychair.store.schema import claims, documents
from emptychair.watch.fetch import Fetcher, FetchPolicy
from emptychair.watch.loop import Event, Failed, NewClaims, Watcher
from emptychair.watch.state import WatchState

POLICY = FetchPolicy(timeout=0.5, attempts=2, backoff=0.01, max_bytes=100_000)


def _poll(server: Any, tmp_path: Path, events: list[Event]) -> Any:
    """One poll as a fresh process would do it: new fetcher, state and store handles."""
    feeds = [
        f"{server.base}/{name}"
        for name in ("error.xml", "good.xml", "malformed.xml", "huge.xml", "mixed.xml")
    ]
    store = open_store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    with WatchState(tmp_path / "state.sqlite3") as state:
        watcher = Watcher(Fetcher(POLICY), state, store, events.append, lambda: dt.date(2026, 2, 9))
        report = watcher.poll(feeds)
    with store.engine.connect() as connection:
        counts = (
            connection.scalar(select(func.count()).select_from(documents)),
            connection.scalar(select(func.count()).select_from(claims)),
        )
    store.close()
    return report, counts


def test_poll_ingests_new_articles_and_reports_failures(server: Any, tmp_path: Path) -> None:
    events: list[Event] = []
    report, (stored_documents, stored_claims) = _poll(server, tmp_path, events)
    assert stored_documents == 2 and stored_claims == 3
    ingested = {
        e.document.url: [c.person for c in e.claims] for e in events if isinstance(e, NewClaims)
    }
    assert ingested == {
        f"{server.base}/a1.html": ["Pete Hegseth"],
        f"{server.base}/a2.html": ["John Healey", "Boris Pistorius"],
    }
    failed = {e.url.removeprefix(server.base): e.message for e in events if isinstance(e, Failed)}
    assert set(failed) == {"/error.xml", "/malformed.xml", "/huge.xml", "/slow.html", "/huge.html"}
    assert "HTTP 500" in failed["/error.xml"] and "timed out" in failed["/slow.html"]
    assert (
        "too large" in failed["/huge.xml"] and "not an RSS or Atom feed" in failed["/malformed.xml"]
    )
    assert report.articles == 2 and len(report.failures) == 5


def test_a_restart_uses_conditional_get_and_ingests_nothing_twice(
    server: Any, tmp_path: Path
) -> None:
    _poll(server, tmp_path, [])
    events: list[Event] = []
    report, counts = _poll(server, tmp_path, events)
    assert counts == (2, 3)
    assert report.articles == 0 and report.not_modified == 1
    assert not [e for e in events if isinstance(e, NewClaims)]
    conditional = [h for p, h in server.requests if p == "/good.xml"][-1]
    assert conditional.get("If-None-Match") == '"good-v1"'
    assert server.statuses("/good.xml") == [200, 304]
    assert server.hits("/a1.html") == 1 and server.hits("/a2.html") == 1


def test_the_same_text_under_a_second_url_is_a_duplicate(server: Any, tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    with WatchState(tmp_path / "state.sqlite3") as state:
        report = Watcher(Fetcher(POLICY), state, store).poll([f"{server.base}/copies.xml"])
    store.close()
    assert report.articles == 1 and report.duplicates == 1
    assert server.hits("/a1.html") == 1 and server.hits("/copy.html") == 1
