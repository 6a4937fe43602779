"""The firehose corpus generator: deterministic, the right mix, the right length, clean haystack.

Fast (about a second) and free of timing assertions; the benchmark itself is
``benchmarks/firehose.py``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # repo root: ``benchmarks``

from benchmarks.corpus import (
    MEETING_PREFIX,
    NEWS_PREFIX,
    generate,
    read_jsonl,
    write_jsonl,
)

# Written independently of the generator's own check, on purpose.
ACRONYMS = re.compile(r"\b(?:NATO|G7|G8|G20|EU|UN|ASEAN|BRICS|APEC|OSCE|SCO|CHOGM|COP ?\d+|Quad)\b")
PHRASES = re.compile(
    r"summit|ministerial|general assembly|security council|european council|united nations"
    r"|african union|commonwealth|shangri-la|munich security|ramstein|contact group"
    r"|climate conference|defen[cs]e ministers|foreign ministers|finance ministers"
    r"|leaders' meeting|group of (?:seven|twenty)|alliance|multilateral",
    re.IGNORECASE,
)
N = 200


@pytest.fixture(scope="module")
def docs() -> list:
    return generate(N, seed=7)


def test_deterministic_for_a_seed(docs: list) -> None:
    again = generate(N, seed=7)
    assert [(d.id, d.title, d.published, d.text) for d in docs] == [
        (d.id, d.title, d.published, d.text) for d in again
    ]
    other = generate(N, seed=8)
    assert [d.text for d in other] != [d.text for d in docs]


def test_about_one_in_twenty_mentions_a_meeting(docs: list) -> None:
    meeting = [d for d in docs if d.id.startswith(MEETING_PREFIX)]
    ordinary = [d for d in docs if d.id.startswith(NEWS_PREFIX)]
    assert len(meeting) == round(N * 0.05) == 10
    assert len(meeting) + len(ordinary) == N
    assert len({d.id for d in docs}) == N
    # Every meeting document does name a meeting (the generator's claim sentences do).
    for doc in meeting:
        assert ACRONYMS.search(doc.text) or PHRASES.search(doc.text), doc.id
    assert sum(d.id.startswith(MEETING_PREFIX) for d in generate(100, meeting_share=0.2)) == 20


def test_news_length_with_paragraphs_title_and_date(docs: list) -> None:
    for doc in docs:
        words = len(doc.text.split())
        assert 400 <= words <= 900, (doc.id, words)
        assert doc.text.count("\n\n") >= 3, doc.id
        assert doc.title
        assert doc.published is not None and 2024 <= doc.published.year <= 2026
        assert "{" not in doc.text and "}" not in doc.text, doc.id  # no unfilled slot


def test_ordinary_documents_never_mention_a_meeting(docs: list) -> None:
    for doc in generate(600, seed=3) + docs:
        if not doc.id.startswith(NEWS_PREFIX):
            continue
        for field in (doc.title or "", doc.text):
            hit = ACRONYMS.search(field) or PHRASES.search(field)
            assert hit is None, (doc.id, hit.group(0) if hit else None)


def test_jsonl_round_trip(docs: list, tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    assert write_jsonl(docs[:20], path) == 20
    back = read_jsonl(path)
    assert [(d.id, d.title, d.published, d.text) for d in back] == [
        (d.id, d.title, d.published, d.text) for d in docs[:20]
    ]
    assert len(read_jsonl(path, limit=5)) == 5
