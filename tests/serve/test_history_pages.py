"""Streak context and base rates on the Patterns page, and the country's history pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from emptychair.model import Claim, Document
from emptychair.serve import create_app
from emptychair.store import open_store

from .conftest import make_settings

FORUM = "nato-foreign-ministers"


def _report(day: str, status: str, meeting: str, n: int) -> tuple[Document, list[Claim]]:
    """A report that the Secretary of State attends (or skips) the meeting of ``meeting``."""
    verb = "will attend" if status == "attend" else "will skip"
    text = f"Secretary of State Marco Rubio {verb} the NATO foreign ministers' meeting ({n})."
    claim = Claim(
        person="Marco Rubio",
        country="USA",
        role="foreign_minister",
        forum=FORUM,
        meeting_date=meeting,
        status=status,  # type: ignore[arg-type]
        certainty="reported",
        evidence=text,
    )
    document = Document(
        id=f"history-{n}", text=text, published=dt.date.fromisoformat(day), outlet="Wire"
    )
    return document, [claim]


@pytest.fixture
def history_client(store_url: str, tmp_path: Path) -> Iterator[TestClient]:
    """A store where the USA's foreign minister missed two meetings, attended one, then
    missed the last two: a streak with an earlier one like it."""
    items = [
        _report("2023-04-01", "absent", "2023-04", 1),
        _report("2023-07-01", "absent", "2023-07", 2),
        _report("2023-12-01", "attend", "2023-12", 3),
        _report("2024-04-01", "absent", "2024-04", 4),
        _report("2024-12-01", "absent", "2024-12", 5),
    ]
    with open_store(store_url) as store:
        store.ingest(items, "test")
    with TestClient(create_app(make_settings(store_url, tmp_path))) as client:
        yield client


def test_patterns_page_shows_context_and_base_rate(history_client: TestClient) -> None:
    html = history_client.get("/patterns").text
    assert "first time since July 2023" in html
    assert "The Secretary of State attended 1 of 5 NATO foreign ministers&#39; meetings" in html
    assert f'href="/countries/USA/history/{FORUM}"' in html
    assert 'href="/meetings/nato-foreign-ministers-2023-07"' in html  # the earlier streak


def test_country_page_links_its_history(history_client: TestClient) -> None:
    html = history_client.get("/countries/USA").text
    assert f'href="/countries/USA/history/{FORUM}"' in html
    assert "first time since July 2023" in html


def test_history_page(history_client: TestClient) -> None:
    html = history_client.get(f"/countries/usa/history/{FORUM}").text
    assert "The Secretary of State attended 1 of 5" in html
    assert html.count('<tr class="verdict-absent">') == 4
    assert html.count('<tr class="verdict-attended">') == 1
    assert history_client.get("/countries/USA/history/No%20Such").status_code == 422


def test_never_before(sample_url: str, tmp_path: Path) -> None:
    """The sample's streak has no earlier meeting; each forum still gets its base rate."""
    with TestClient(create_app(make_settings(sample_url, tmp_path))) as client:
        html = client.get("/patterns").text
    assert "no earlier meetings in the store" in html
    assert "The Secretary of Defense attended 0 of 1 NATO defence ministers&#39;" in html
