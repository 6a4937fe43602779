"""Tests for emptychair.evaluate: matching rules, accuracies and the file runner."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from emptychair.evaluate import (
    ErrorItem,
    Evaluation,
    evaluate_file,
    format_report,
    match_claims,
    score,
    surname,
)
from emptychair.model import Claim, Document, Source

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
)
HEGSETH = Claim(
    person="Pete Hegseth",
    country="USA",
    role="defence_minister",
    forum="nato-defence-ministers",
    meeting_date="2026-02",
    status="absent",
    certainty="expected",
)


def one_doc(gold: list[Claim], predicted: list[Claim]) -> Evaluation:
    return score({"d1": gold}, {"d1": predicted})


def test_exact_match() -> None:
    ev = one_doc([RUBIO, HEGSETH], [HEGSETH, RUBIO])
    s = ev.scores
    assert (s.documents, s.gold, s.predicted, s.matched) == (1, 2, 2, 2)
    assert (s.precision, s.recall, s.f1) == (1.0, 1.0, 1.0)
    assert (s.certainty, s.representative, s.meeting_date, s.anonymous) == (1.0, 1.0, 1.0, 1.0)
    assert ev.errors == ()


def test_surname_rules() -> None:
    assert surname("Gordan Grlić Radman") == surname("Grlić Radman") == "radman"
    assert surname("  Radosław SIKÓRSKI ") == surname("Sikorski")
    assert surname("Zelensky") != surname("Zelenskyy")
    assert surname(None) is None
    assert surname("   ") is None


def test_surname_match_with_different_first_names() -> None:
    pred = replace(RUBIO, person="M. Rubio")
    assert one_doc([RUBIO], [pred]).scores.matched == 1
    accented = replace(RUBIO, person="Gordan Grlić Radman", country="HRV")
    assert one_doc([accented], [replace(accented, person="grlic radman")]).scores.matched == 1


def test_different_surname_does_not_match() -> None:
    zelensky = replace(RUBIO, person="Volodymyr Zelensky", country="UKR", role="leader")
    ev = one_doc([zelensky], [replace(zelensky, person="Volodymyr Zelenskyy")])
    assert ev.scores.matched == 0
    assert [e.kind for e in ev.errors] == ["missed", "spurious"]


def test_named_gold_not_matched_by_unnamed_prediction() -> None:
    assert one_doc([RUBIO], [replace(RUBIO, person=None)]).scores.matched == 0


def test_null_person_gold_matched_by_role() -> None:
    gold = replace(RUBIO, person=None)
    assert one_doc([gold], [RUBIO]).scores.matched == 1
    assert one_doc([gold], [gold]).scores.matched == 1


def test_null_person_gold_not_matched_when_role_differs() -> None:
    gold = replace(RUBIO, person=None)
    assert one_doc([gold], [replace(RUBIO, role="deputy")]).scores.matched == 0


@pytest.mark.parametrize(
    "change",
    [{"country": "GBR"}, {"country": None}, {"forum": "eu-ministers"}, {"status": "attend"}],
)
def test_key_field_mismatch_prevents_match(change: dict[str, Any]) -> None:
    assert one_doc([RUBIO], [replace(RUBIO, **change)]).scores.matched == 0


def test_claims_only_match_within_their_document() -> None:
    ev = score({"d1": [RUBIO], "d2": []}, {"d1": [], "d2": [RUBIO]})
    assert ev.scores.documents == 2
    assert ev.scores.matched == 0
    assert [(e.doc_id, e.kind) for e in ev.errors] == [("d1", "missed"), ("d2", "spurious")]


def test_each_gold_matched_at_most_once() -> None:
    ev = one_doc([RUBIO], [RUBIO, RUBIO])
    s = ev.scores
    assert (s.gold, s.predicted, s.matched) == (1, 2, 1)
    assert [e.kind for e in ev.errors] == ["spurious"]


def test_optimal_matching_beats_greedy() -> None:
    trump = Claim(
        person="Donald Trump",
        country="USA",
        role="leader",
        forum="g7-summit",
        meeting_date="2025-06",
        status="attend",
        certainty="reported",
    )
    unnamed_leader = replace(trump, person=None)
    # Greedy in gold order would give the unnamed gold to "Trump" (first candidate)
    # and leave the named gold without a partner.
    gold = [unnamed_leader, trump]
    predicted = [trump, unnamed_leader]
    assert match_claims(gold, predicted) == [(0, 1), (1, 0)]
    assert one_doc(gold, predicted).scores.matched == 2


def test_equal_count_matchings_prefer_secondary_agreement() -> None:
    gold = [RUBIO, replace(RUBIO, certainty="reported", meeting_date="2026-04")]
    predicted = [replace(RUBIO, certainty="reported", meeting_date="2026-04-03"), RUBIO]
    assert match_claims(gold, predicted) == [(0, 1), (1, 0)]
    ev = one_doc(gold, predicted)
    assert ev.scores.certainty == 1.0
    assert ev.errors == ()


def test_certainty_and_representative_accuracy() -> None:
    gold = [RUBIO, HEGSETH]
    predicted = [
        replace(RUBIO, certainty="reported", representative="Chris LANDAU"),
        replace(HEGSETH, representative="Elbridge Colby"),
    ]
    ev = one_doc(gold, predicted)
    s = ev.scores
    assert (s.certainty_correct, s.certainty_total, s.certainty) == (1, 2, 0.5)
    # Rubio: surname Landau agrees; Hegseth: null vs "Colby" differs.
    assert (s.representative_correct, s.representative_total) == (1, 2)
    described = [e.describe() for e in ev.errors]
    assert described == [
        "d1 field certainty: gold expected, predicted reported (Marco Rubio)",
        "d1 field representative: gold none, predicted Elbridge Colby (Pete Hegseth)",
    ]


def test_representative_null_vs_named_differs() -> None:
    ev = one_doc([RUBIO], [replace(RUBIO, representative=None)])
    assert (ev.scores.representative_correct, ev.scores.representative_total) == (0, 1)


def test_meeting_date_month_only_and_skipped_without_gold_date() -> None:
    gold = [
        RUBIO,  # 2025-12-03
        HEGSETH,  # 2026-02
        replace(HEGSETH, forum="nato-summit", meeting_date="2026-07-07"),
        replace(HEGSETH, forum="g7-ministers", meeting_date=None),
    ]
    predicted = [
        replace(RUBIO, meeting_date="2025-12"),  # same month, less precise: right
        replace(HEGSETH, meeting_date="2026-02-12"),  # same month, more precise: right
        replace(HEGSETH, forum="nato-summit", meeting_date=None),  # missing: wrong
        replace(HEGSETH, forum="g7-ministers", meeting_date="2026-03"),  # not counted
    ]
    s = one_doc(gold, predicted).scores
    assert s.matched == 4
    assert (s.meeting_date_correct, s.meeting_date_total) == (2, 3)
    assert s.meeting_date == pytest.approx(2 / 3)


def test_meeting_date_wrong_month() -> None:
    s = one_doc([RUBIO], [replace(RUBIO, meeting_date="2025-11-03")]).scores
    assert (s.meeting_date_correct, s.meeting_date_total) == (0, 1)


def test_anonymous_count() -> None:
    two_anonymous = (Source("anonymous", "a U.S. official"), Source("anonymous", "a diplomat"))
    gold = [replace(RUBIO, sources=two_anonymous), HEGSETH]
    predicted = [
        # Descriptors and named sources do not count; only the anonymous number does.
        replace(
            RUBIO,
            sources=(
                Source("anonymous", "officials"),
                Source("named", "the State Department"),
                Source("anonymous", "a source"),
            ),
        ),
        replace(HEGSETH, sources=(Source("anonymous", "a U.S. official"),)),
    ]
    ev = one_doc(gold, predicted)
    assert (ev.scores.anonymous_correct, ev.scores.anonymous_total) == (1, 2)
    assert [e.describe() for e in ev.errors] == [
        "d1 field anonymous: gold 0, predicted 1 (Pete Hegseth)"
    ]


def test_precision_recall_f1_arithmetic() -> None:
    others = [replace(HEGSETH, forum=f) for f in ("nato-summit", "g7-summit", "unga")]
    # Gold 4, predicted 2 (one right, one wrong), matched 1.
    ev = one_doc([RUBIO, *others], [RUBIO, replace(HEGSETH, forum="cop")])
    s = ev.scores
    assert (s.gold, s.predicted, s.matched) == (4, 2, 1)
    assert s.precision == 0.5
    assert s.recall == 0.25
    assert s.f1 == pytest.approx(2 * 0.5 * 0.25 / (0.5 + 0.25))
    assert sum(e.kind == "missed" for e in ev.errors) == 3
    assert sum(e.kind == "spurious" for e in ev.errors) == 1


def test_empty_scores_are_zero() -> None:
    s = score({"d1": []}, {}).scores
    assert (s.documents, s.matched, s.precision, s.recall, s.f1, s.certainty) == (
        1,
        0,
        0.0,
        0.0,
        0.0,
        0.0,
    )
    assert s.certainty_total == 0


def test_error_lines_and_report() -> None:
    ev = score(
        {"a05": [RUBIO]},
        {"a05": [replace(HEGSETH, person="Pete Hegseth")]},
    )
    assert [e.describe() for e in ev.errors] == [
        "a05 missed: Marco Rubio USA foreign_minister absent nato-foreign-ministers 2025-12-03",
        "a05 spurious: Pete Hegseth USA defence_minister absent nato-defence-ministers 2026-02",
    ]
    report = format_report(ev)
    assert report.splitlines() == [
        "documents 1  gold 1  predicted 1  matched 0",
        "precision 0.000  recall 0.000  F1 0.000",
        "certainty 0.000 (0/0)  representative 0.000 (0/0)  meeting_date 0.000 (0/0)"
        "  anonymous 0.000 (0/0)",
    ]
    with_errors = format_report(ev, errors=True).splitlines()
    assert with_errors[4:] == [e.describe() for e in ev.errors]


def test_unnamed_actor_in_error_lines() -> None:
    gold = replace(RUBIO, person=None, country=None)
    item = ErrorItem("x", "field", "certainty", gold, replace(gold, certainty="possible"))
    assert (
        item.describe()
        == "x field certainty: gold expected, predicted possible (foreign_minister ?)"
    )
    missed = ErrorItem("x", "missed", None, replace(gold, meeting_date=None), None)
    assert missed.describe() == (
        "x missed: (unnamed) ? foreign_minister absent nato-foreign-ministers (no date)"
    )


def labelled_line(doc_id: str, claims: list[Claim]) -> str:
    return json.dumps(
        {
            "id": doc_id,
            "published": "2025-11-25",
            "title": "t",
            "text": f"text of {doc_id}",
            "claims": [c.to_dict() for c in claims],
        }
    )


def test_evaluate_file_runs_extractor_without_gold(tmp_path: Path) -> None:
    path = tmp_path / "dev.jsonl"
    path.write_text(
        labelled_line("a", [RUBIO]) + "\n\n" + labelled_line("b", [HEGSETH]) + "\n",
        encoding="utf-8",
    )
    seen: list[Document] = []

    def fake_extract(document: Document) -> list[Claim]:
        # The extractor sees a Document, which has no place for gold claims.
        assert type(document) is Document
        assert not hasattr(document, "claims")
        seen.append(document)
        return [RUBIO] if document.id == "a" else []

    ev = evaluate_file(path, extractor=fake_extract)
    assert [d.id for d in seen] == ["a", "b"]
    assert seen[0].text == "text of a"
    s = ev.scores
    assert (s.documents, s.gold, s.predicted, s.matched) == (2, 2, 1, 1)
    assert [(e.doc_id, e.kind) for e in ev.errors] == [("b", "missed")]


@pytest.mark.parametrize(
    "bad",
    [
        "{not json",
        json.dumps({"id": "c", "text": "x"}),  # no gold claims
        json.dumps({"id": "c", "text": "x", "claims": [{"person": "A"}]}),  # claim lacks role
        json.dumps({"text": "x", "claims": []}),  # no id
        json.dumps(["a list"]),
    ],
)
def test_evaluate_file_malformed_line_names_line(tmp_path: Path, bad: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(labelled_line("a", [RUBIO]) + "\n" + bad + "\n", encoding="utf-8")
    calls: list[str] = []

    def fake_extract(document: Document) -> list[Claim]:
        calls.append(document.id)
        return []

    with pytest.raises(ValueError, match=r"bad\.jsonl:2: malformed line"):
        evaluate_file(path, extractor=fake_extract)
    assert calls == []  # the file is checked before anything is extracted


def test_evaluate_file_duplicate_id(tmp_path: Path) -> None:
    path = tmp_path / "dup.jsonl"
    path.write_text(labelled_line("a", []) + "\n" + labelled_line("a", []) + "\n")
    with pytest.raises(ValueError, match=r"dup\.jsonl:2: .*duplicate document id 'a'"):
        evaluate_file(path, extractor=lambda d: [])
