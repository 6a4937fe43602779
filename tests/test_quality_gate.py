"""The quality gate: the extractor's dev-set scores may not fall below pinned floors."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from emptychair.evaluate import evaluate_file
from emptychair.extract import extract
from emptychair.model import Claim, Document

FLOORS = json.loads((Path(__file__).parent / "eval_floors.json").read_text())
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def _corpus(name: str) -> Path:
    path = CORPUS / name
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: CI must run beside shared/")
        pytest.skip(f"{path} not found: the labelled corpus lives in ../shared/corpus")
    return path


@pytest.fixture(scope="module")
def scores() -> dict[str, float]:
    return evaluate_file(_corpus("dev.jsonl")).scores.to_dict()


@pytest.mark.parametrize("metric", [k for k in FLOORS if not k.startswith("_")])
def test_score_stays_above_floor(scores: dict[str, float], metric: str) -> None:
    assert scores[metric] >= FLOORS[metric], f"{metric} {scores[metric]:.3f} < {FLOORS[metric]}"


def test_seed_yields_exactly_its_two_gold_claims() -> None:
    data = json.loads(_corpus("seed.jsonl").read_text(encoding="utf-8").splitlines()[0])
    gold = [Claim.from_dict(c) for c in data["claims"]]
    got = extract(Document.from_dict(data))
    key = lambda c: (c.person, c.country, c.role, c.forum, c.status, c.certainty)  # noqa: E731
    assert sorted(map(key, got)) == sorted(map(key, gold))
    by_person = {c.person: c for c in got}
    assert by_person["Pete Hegseth"].meeting_date == "2026-02"
    assert by_person["Marco Rubio"].meeting_date == "2025-12"
    assert [s.kind for s in by_person["Pete Hegseth"].sources] == ["anonymous", "anonymous"]
    assert by_person["Marco Rubio"].sources == ()
    assert all(c.evidence and c.evidence in data["text"] for c in got)


def test_reports_written_outside_the_dev_set_stay_above_their_floor() -> None:
    """``extract/data/outside.jsonl``: 113 reports written for the extractor's kinds of
    failure (other events, other wording than dev.jsonl's). The rules were fitted to them,
    so the floor guards what was fixed; it says nothing of reports never seen."""
    scores = evaluate_file(Path(__file__).parent / "extract" / "data" / "outside.jsonl").scores
    assert (scores.documents, scores.gold) == (113, 190)
    assert scores.f1 >= 0.94 and scores.precision >= 0.96 and scores.recall >= 0.93
