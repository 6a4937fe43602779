"""The HTML pages over the sample store: what a reader sees, without JavaScript."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from .conftest import BOARD, FOUNDING_DAY


def _cell(html: str, country: str) -> str:
    match = re.search(rf'<li class="cell[^"]*" id="cell-{country}".*?</li>', html, re.S)
    assert match, f"no cell for {country}"
    return match.group(0)


def test_meetings_page_has_summaries_and_exports(client: TestClient) -> None:
    html = client.get("/").text
    assert "USA: defence minister absent, stand-in Elbridge Colby" in html
    assert f'href="/meetings/{BOARD}"' in html
    assert 'href="/api/meetings?format=csv' in html and 'href="/api/meetings?format=json' in html


def test_board_cells_have_text_labels(client: TestClient) -> None:
    html = client.get(f"/meetings/{BOARD}").text
    assert html.count('<li class="cell ') == 32
    usa = _cell(html, "USA")
    assert "deputy / stand-in" in usa and "Elbridge Colby" in usa
    assert "principal attending" in _cell(html, "GBR")
    assert "unknown" in _cell(html, "SWE")
    assert f'href="/meetings/{BOARD}/countries/USA"' in usa


def test_board_as_of_founding_day(client: TestClient) -> None:
    html = client.get(f"/meetings/{BOARD}", params={"as_of": FOUNDING_DAY}).text
    usa = _cell(html, "USA")
    assert "expected absent" in usa
    assert usa.count("(anonymous)") == 2
    assert f"/countries/USA?as_of={FOUNDING_DAY}" in usa


def test_timeline_groups_and_marks(client: TestClient) -> None:
    html = client.get(f"/meetings/{BOARD}/countries/USA").text
    evidence = re.findall(r'<blockquote class="evidence">(.*?)</blockquote>', html, re.S)
    assert len(evidence) == 2 and all("Hegseth" in e for e in evidence)
    assert "superseded" in html and "current" in html
    assert html.count('<span class="anon">anonymous</span>') == 4
    assert "seed-000" in html and "sample-002" in html
    assert client.get(f"/meetings/{BOARD}/countries/U").status_code == 422


def test_other_pages(client: TestClient) -> None:
    assert "Pete Hegseth" in client.get("/actors", params={"name": "pete"}).text
    actor = client.get("/actors/Hegseth").text
    assert BOARD in actor and "absent" in actor
    country = client.get("/countries/USA").text
    assert "<svg" in country and "nato-defence-ministers" in country
    assert "2 nato meetings in a row" in country
    patterns = client.get("/patterns").text
    assert "nato-foreign-ministers-2025-12" in patterns and "Christopher Landau" in patterns
    found = client.get("/search", params={"q": "Healey"}).text
    assert "Defence ministers meet at NATO headquarters" in found
    documents = client.get("/documents").text
    assert "Weather and markets" in documents
    claims = client.get("/claims", params={"person": "Rubio"}).text
    assert "Christopher Landau" in claims
    assert 'href="/api/claims?person=Rubio&amp;format=csv' in claims


def test_missing_page_is_html_404(client: TestClient) -> None:
    response = client.get("/meetings/nato-summit-1900-01")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "no meeting" in response.text
