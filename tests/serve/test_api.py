"""The JSON API over a real store holding the sample, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from fastapi.testclient import TestClient

from emptychair.serve import create_app

from .conftest import BOARD, FOUNDING_DAY, MAX_BODY, TOKEN, make_settings

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def test_meetings_list_with_summaries_and_paging(client: TestClient) -> None:
    body = client.get("/api/meetings").json()
    assert body["total"] == 2
    assert [m["id"] for m in body["items"]] == [BOARD, "nato-foreign-ministers-2025-12"]
    assert body["items"][0]["summary"] == "USA: defence minister absent, stand-in Elbridge Colby"
    second = client.get("/api/meetings", params={"limit": 1, "offset": 1}).json()
    assert [m["id"] for m in second["items"]] == ["nato-foreign-ministers-2025-12"]
    assert (second["total"], second["limit"], second["offset"]) == (2, 1, 1)
    assert client.get("/api/meetings", params={"forum": "g7-summit"}).json()["total"] == 0


def test_meetings_csv(client: TestClient) -> None:
    response = client.get("/api/meetings", params={"format": "csv"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["id"] for r in rows] == [BOARD, "nato-foreign-ministers-2025-12"]
    assert rows[1]["summary"] == "USA: foreign minister absent, stand-in Christopher Landau"


def test_board_has_a_cell_per_ally(client: TestClient) -> None:
    board = client.get(f"/api/meetings/{BOARD}").json()
    assert board["organisation"] == "NATO"
    members = [c for c in board["cells"] if c["member"]]
    assert len(members) == 32
    cells = {c["country"]: c for c in board["cells"]}
    assert cells["USA"]["status"] == "stand-in"
    assert "Elbridge Colby" in cells["USA"]["detail"]
    assert cells["GBR"]["label"] == "principal attending"
    assert cells["FRA"]["label"] == "unknown"
    usa = next(r for r in board["records"] if r["country"] == "USA")
    assert [e["certainty"] for e in usa["timeline"]] == ["expected", "reported"]
    assert [e["current"] for e in usa["timeline"]] == [False, True]


def test_board_as_of_the_founding_document(client: TestClient) -> None:
    board = client.get(f"/api/meetings/{BOARD}", params={"as_of": FOUNDING_DAY}).json()
    cells = {c["country"]: c for c in board["cells"]}
    usa = cells["USA"]
    assert (usa["status"], usa["label"]) == ("expected-absent", "expected absent")
    assert [s["kind"] for s in usa["sources"]] == ["anonymous", "anonymous"]
    assert cells["GBR"]["status"] == "unknown"  # Healey's attendance was reported later


def test_unknown_meeting_is_404(client: TestClient) -> None:
    assert client.get("/api/meetings/nato-summit-1900-01").status_code == 404


def test_claims_filters_as_the_cli(client: TestClient) -> None:
    usa = client.get("/api/claims", params={"country": "usa"}).json()
    assert usa["total"] == 4  # Hegseth twice, Rubio twice (the founding text recalls him)
    assert {c["person"] for c in usa["items"]} == {"Pete Hegseth", "Marco Rubio"}
    attending = client.get("/api/claims", params={"status": "attend"}).json()["items"]
    assert {c["person"] for c in attending} >= {"John Healey"}
    assert all(c["status"] == "attend" for c in attending)
    dated = client.get("/api/claims", params={"since": "2026-02-01", "meeting": BOARD}).json()
    assert [c["document"] for c in dated["items"]] == ["sample-002", "sample-002"]
    assert client.get("/api/claims", params={"status": "maybe"}).status_code == 422
    rows = list(
        csv.DictReader(io.StringIO(client.get("/api/claims?format=csv&person=hegseth").text))
    )
    assert [r["certainty"] for r in rows] == ["expected", "reported"]
    assert rows[0]["sources"].startswith("anonymous: ")


def test_actors(client: TestClient) -> None:
    names = client.get("/api/actors", params={"name": "heg"}).json()
    assert names["items"] == [{"name": "Pete Hegseth"}]
    history = client.get("/api/actors/Hegseth").json()
    assert history["names"] == ["Pete Hegseth"]
    assert [a["meeting"] for a in history["appearances"]] == [BOARD]
    colby = client.get("/api/actors/Colby").json()
    assert [e["person"] for e in colby["stand_ins"]] == ["Pete Hegseth"]


def test_countries_and_patterns(client: TestClient) -> None:
    codes = [c["code"] for c in client.get("/api/countries").json()["items"]]
    assert "USA" in codes and "GBR" in codes
    usa = client.get("/api/countries/USA").json()
    forums = {s["forum"]: s for s in usa["series"]}
    assert forums["nato-defence-ministers"]["points"][0]["level"] == "deputy"
    assert [s["length"] for s in usa["streaks"]] == [2]
    assert client.get("/api/countries/US").status_code == 422
    streaks = client.get("/api/patterns/streaks").json()
    assert streaks["total"] == 1 and streaks["items"][0]["country"] == "USA"
    assert client.get("/api/patterns/downgrades").json()["total"] == 0
    assert client.get("/api/patterns/streaks?format=csv").text.startswith("country,family,length")


def test_documents_and_search(client: TestClient) -> None:
    listed = client.get("/api/documents").json()
    assert listed["total"] == 4
    newest = listed["items"][0]
    assert newest["external_id"] == "sample-002" and newest["claims"] == 2
    one = client.get(f"/api/documents/{newest['id']}").json()
    assert "Elbridge Colby" in one["text"]
    assert len(one["claims"]) == 2
    assert client.get("/api/documents/999999").status_code == 404
    found = client.get("/api/search", params={"q": "Colby"}).json()
    assert [h["document"]["external_id"] for h in found["documents"]] == ["sample-002"]
    assert "Colby" in found["documents"][0]["excerpt"]
    assert found["total_claims"] == 1 and found["claims"][0]["person"] == "Pete Hegseth"
    assert client.get("/api/search", params={"q": "zanzibar"}).json()["total_documents"] == 0


def test_post_needs_the_token(client: TestClient) -> None:
    document = {"id": "x", "published": "2026-02-10", "text": "Nothing here."}
    assert client.post("/api/documents", json=document).status_code == 401
    wrong = {"Authorization": "Bearer nope"}
    assert client.post("/api/documents", json=document, headers=wrong).status_code == 401
    assert client.get("/api/documents").json()["total"] == 4


def test_post_json_document_is_extracted_and_stored(client: TestClient) -> None:
    document = {
        "id": "posted-1",
        "published": "2026-02-11",
        "title": "Pistorius goes to Brussels",
        "text": "German Defence Minister Boris Pistorius will attend the NATO defence "
        "ministers' meeting in Brussels on Thursday, his ministry said.",
    }
    response = client.post("/api/documents", json=document, headers=AUTH)
    assert response.status_code == 201, response.text
    assert response.json()["added"] == 1 and response.json()["claims_added"] >= 1
    cells = {c["country"]: c for c in client.get(f"/api/meetings/{BOARD}").json()["cells"]}
    assert cells["DEU"]["status"] == "principal"
    again = client.post("/api/documents", json=document, headers=AUTH).json()
    assert again["unchanged"] == 1


def test_post_text_needs_a_date(client: TestClient) -> None:
    text = "Italy's Defence Minister Guido Crosetto will skip the NATO defence ministers' meeting."
    headers = AUTH | {"Content-Type": "text/plain"}
    assert client.post("/api/documents", content=text, headers=headers).status_code == 422
    posted = client.post(
        "/api/documents?published=2026-02-01&id=crosetto", content=text, headers=headers
    )
    assert posted.status_code == 201, posted.text
    assert posted.json()["id"] == "crosetto"
    html = "<html><body><article><p>" + text + "</p></article></body></html>"
    page = client.post(
        "/api/documents?published=2026-02-02",
        content=html,
        headers=AUTH | {"Content-Type": "text/html"},
    )
    assert page.status_code == 201, page.text
    bad = client.post(
        "/api/documents", content=b"{", headers=AUTH | {"Content-Type": "application/json"}
    )
    assert bad.status_code == 422
    odd = client.post("/api/documents", content=b"x", headers=AUTH | {"Content-Type": "image/png"})
    assert odd.status_code == 415


def test_oversized_body_is_413(client: TestClient) -> None:
    big = {"id": "big", "published": "2026-02-10", "text": "word " * MAX_BODY}
    response = client.post("/api/documents", json=big, headers=AUTH)
    assert response.status_code == 413

    def chunks() -> object:
        for _ in range(MAX_BODY // 1000 + 2):
            yield b"a" * 1000

    streamed = client.post(
        "/api/documents?published=2026-02-01",
        content=chunks(),  # type: ignore[arg-type]
        headers=AUTH | {"Content-Type": "text/plain"},
    )
    assert streamed.status_code == 413
    assert client.get("/api/documents").json()["total"] == 4


def test_reads_can_require_the_token(sample_url: str, tmp_path: Path) -> None:
    app = create_app(make_settings(sample_url, tmp_path, require_token_for_reads=True))
    with TestClient(app) as client:
        assert client.get("/api/meetings").status_code == 401
        assert client.get(f"/meetings/{BOARD}").status_code == 401
        assert client.get("/api/meetings", headers=AUTH).status_code == 200
        assert client.get(f"/meetings/{BOARD}", headers=AUTH).status_code == 200


def test_writes_refused_without_a_configured_token(sample_url: str, tmp_path: Path) -> None:
    app = create_app(make_settings(sample_url, tmp_path, token=None))
    with TestClient(app) as client:
        document = json.dumps({"id": "x", "published": "2026-02-10", "text": "Hi."})
        response = client.post(
            "/api/documents", content=document, headers=AUTH | {"Content-Type": "application/json"}
        )
        assert response.status_code == 401
