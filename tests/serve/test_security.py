"""Hostile reports render inert on every page; SQL is never built from user text."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from emptychair.model import Claim, Document, Source
from emptychair.serve import create_app
from emptychair.store import open_store

from .conftest import make_settings

SCRIPT = "<script>alert(1)</script>"
IMG = '<img src=x onerror="alert(2)">'
JS_URL = "javascript:alert(3)"
MEETING = "nato-summit-2026-07"


class _Tags(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def _assert_inert(html: str, page: str) -> None:
    parser = _Tags()
    parser.feed(html)
    for tag, attrs in parser.tags:
        assert tag not in ("script", "iframe", "object", "embed", "img"), (page, tag)
        for name, value in attrs:
            assert not name.startswith("on"), (page, tag, name)
            if name in ("href", "src", "action", "formaction") and value:
                assert re.match(r"^(/|\?|#|https?://)", value), (page, name, value)
    assert SCRIPT not in html and "<img" not in html, page
    assert JS_URL not in re.findall(r'(?:href|src|action)="([^"]*)"', html), page


@pytest.fixture
def hostile_client(tmp_path: Path) -> TestClient:
    url = f"sqlite:///{tmp_path / 'hostile.sqlite3'}"
    evidence = f"{SCRIPT} {IMG} Hegseth will skip the summit. <a href='{JS_URL}'>x</a>"
    document = Document(
        id=f"evil-{SCRIPT}",
        text=evidence,
        published=dt.date(2026, 6, 1),
        title=f"Title {SCRIPT} {IMG}",
        url=JS_URL,
        outlet=f"Outlet {IMG}",
    )
    claim = Claim(
        person=f"Pete {SCRIPT}",
        country="USA",
        role="leader",
        forum="nato-summit",
        meeting_date="2026-07",
        status="absent",
        certainty="expected",
        representative=f"Rep {IMG}",
        sources=(Source("anonymous", f"an official {SCRIPT}"), Source("named", JS_URL)),
        evidence=evidence,
    )
    with open_store(url) as store:
        report = store.ingest([(document, [claim])], "test")
    assert report.claims_added == 1, report.rejected
    return TestClient(create_app(make_settings(url, tmp_path)))


def test_hostile_report_renders_inert_everywhere(hostile_client: TestClient) -> None:
    client = hostile_client
    doc_id = client.get("/api/documents").json()["items"][0]["id"]
    pages = [
        "/",
        f"/meetings/{MEETING}",
        f"/meetings/{MEETING}?as_of=2026-06-30",
        f"/meetings/{MEETING}/countries/USA",
        "/claims",
        "/claims?person=Pete",
        "/actors",
        "/actors/Pete",
        f"/actors/{SCRIPT}",
        "/countries",
        "/countries/USA",
        "/patterns",
        "/search?q=skip",
        f"/search?q={SCRIPT}",
        "/documents",
        f"/documents/{doc_id}",
        f"/nowhere/{SCRIPT}",
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code in (200, 404), page
        _assert_inert(response.text, page)
        assert "script-src" not in response.headers["content-security-policy"]
        assert "default-src 'none'" in response.headers["content-security-policy"]
    # The hostile text is shown, as text.
    timeline = client.get(f"/meetings/{MEETING}/countries/USA").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in timeline
    assert "onerror=" in timeline  # escaped inside text, not an attribute


def test_injection_attempts_are_plain_values(hostile_client: TestClient) -> None:
    client = hostile_client
    for value in ("' OR 1=1 --", '"; DROP TABLE claims; --'):
        assert client.get("/api/claims", params={"person": value}).json()["total"] == 0
        assert client.get("/api/search", params={"q": value}).status_code == 200
    for value in ("' OR 1=1 --", "%", "_"):  # LIKE wildcards are escaped too
        assert client.get("/api/actors", params={"name": value}).json()["total"] == 0
    assert client.get("/api/search", params={"q": 'skip" OR "x'}).status_code == 200
    assert client.get("/api/claims").json()["total"] == 1
    assert client.get("/api/claims?person=%00").status_code == 400


def test_no_sql_is_built_by_string_formatting() -> None:
    sources = Path(__file__).resolve().parents[2] / "src" / "emptychair" / "serve"
    for path in sources.glob("*.py"):
        code = path.read_text(encoding="utf-8")
        assert not re.search(r"(text|exec_driver_sql)\(\s*f[\"']", code), path
        assert not re.search(r"(text|exec_driver_sql)\([^)]*(%|\.format\()", code), path
