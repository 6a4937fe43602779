"""Ingest: idempotent, replaces corrected re-publications, one transaction per batch."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from emptychair.model import Claim, Document, Source
from emptychair.store import Store
from emptychair.store import schema as db

TABLES = [db.documents, db.claims, db.claim_sources, db.meetings, db.records, db.people]

RUBIO = Claim(
    person="Marco Rubio",
    country="USA",
    role="foreign_minister",
    forum="nato-foreign-ministers",
    meeting_date="2025-12-03",
    status="absent",
    certainty="expected",
    representative="Christopher Landau",
    sources=(Source("anonymous", "a U.S. official"),),
    evidence="Rubio plans to skip the meeting.",
)


def counts(store: Store) -> dict[str, int]:
    """Rows per table."""
    with store.engine.connect() as connection:
        return {
            t.name: connection.execute(select(func.count()).select_from(t)).scalar_one()
            for t in TABLES
        }


def doc(text: str, url: str | None = None, published: str = "2025-11-28") -> Document:
    return Document(
        id="d", text=text, published=dt.date.fromisoformat(published), url=url, outlet="Wire"
    )


def test_corpus_is_stored_once_however_often_it_is_ingested(
    store: Store, corpus_items: list[tuple[Document, list[Claim]]]
) -> None:
    first = store.ingest(corpus_items, "gold", batch_size=7)
    # dev.jsonl repeats the seed document: same content, stored once.
    assert first.unchanged == 1
    assert first.added == len(corpus_items) - 1
    expected_claims = sum(len(c) for _, c in corpus_items[1:])
    assert first.claims_added == expected_claims
    before = counts(store)
    assert before["claims"] == expected_claims
    again = store.ingest(corpus_items, "gold", batch_size=11)
    assert (again.added, again.claims_added, again.unchanged) == (0, 0, len(corpus_items))
    assert counts(store) == before


def test_same_content_under_another_url_adds_nothing(store: Store) -> None:
    store.ingest([(doc("Rubio will skip it.", url="https://a/1"), [RUBIO])], "v1")
    report = store.ingest([(doc("Rubio  will skip\nit.", url="https://b/2"), [RUBIO])], "v1")
    assert report.unchanged == 1
    assert counts(store)["claims"] == 1


def test_corrected_republication_replaces_its_claims(store: Store) -> None:
    url = "https://example.org/rubio"
    store.ingest([(doc("Rubio is expected to skip.", url=url), [RUBIO])], "v1")
    attending = replace(RUBIO, status="attend", certainty="reported", representative=None)
    report = store.ingest([(doc("Correction: Rubio will attend.", url=url), [attending])], "v1")
    assert (report.replaced, report.claims_removed, report.claims_added) == (1, 1, 1)
    assert counts(store)["documents"] == 1
    with store.engine.connect() as connection:
        assert connection.execute(select(db.claims.c.status)).scalars().all() == ["attend"]
        record = connection.execute(select(db.records)).one()
    assert (record.status, record.claims, record.representative_id) == ("attend", 1, None)


def test_a_replacement_that_drops_every_claim_drops_the_record(store: Store) -> None:
    url = "https://example.org/gone"
    store.ingest([(doc("Rubio is expected to skip.", url=url), [RUBIO])], "v1")
    store.ingest([(doc("Nothing to see.", url=url), [])], "v1")
    assert counts(store)["records"] == 0
    assert counts(store)["claim_sources"] == 0


def test_bad_claims_are_reported_and_the_rest_stored(store: Store) -> None:
    bad = [replace(RUBIO, meeting_date="December"), replace(RUBIO, status="maybe")]  # type: ignore[arg-type]
    report = store.ingest([(doc("text"), [RUBIO, *bad])], "v1")
    assert report.claims_added == 1
    assert len(report.rejected) == 2
    assert "claim 2" in report.rejected[0]


def test_everything_a_claim_says_is_kept(store: Store) -> None:
    claim = replace(RUBIO, evidence_start=3, evidence_end=40)
    store.ingest([(doc("Rubio plans to skip the meeting."), [claim])], "extractor 9")
    with store.engine.connect() as connection:
        row = connection.execute(select(db.claims)).one()
        sources = connection.execute(select(db.claim_sources)).all()
    assert (row.meeting_date, row.status, row.certainty) == ("2025-12-03", "absent", "expected")
    assert (row.evidence_start, row.evidence_end, row.extractor_version) == (3, 40, "extractor 9")
    assert [(s.kind, s.descriptor) for s in sources] == [("anonymous", "a U.S. official")]


def test_batch_size_must_be_positive(store: Store) -> None:
    with pytest.raises(ValueError, match="batch_size"):
        store.ingest([], "v1", batch_size=0)
