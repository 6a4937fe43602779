"""Sentence splitting (``extract.text``): abbreviations, initials, paragraphs, offsets.

(Named ``test_sentences`` so it does not clash with ``tests/sources/test_text.py``.)
"""

from __future__ import annotations

import pytest

from emptychair.extract.text import Sentence, split_sentences


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_two_plain_sentences() -> None:
    text = "The ministers met in Oslo. They agreed on nothing."
    assert texts(text) == ["The ministers met in Oslo.", "They agreed on nothing."]


@pytest.mark.parametrize(
    "text",
    [
        "Officials from the U.S. State Department flew to Riga for the talks.",
        "Talks with the U.S. President Joe Biden dragged on into the night.",
        "Mr. Okafor said the U.N. envoy would return on Dec. 3 with a new draft.",
        "Mrs. Lindqvist and Dr. Haddad joined Gen. Moreau at the dinner.",
        "A portrait of John F. Kennedy hangs in the hall where the envoys met.",
        "Harjit S. Sajjan and Lt. Col. Amara Diallo greeted Sen. Whitcombe at the airport.",
        "The session opens at 9 a.m. Brussels time on Monday.",
    ],
)
def test_abbreviations_and_initials_do_not_end_a_sentence(text: str) -> None:
    assert texts(text) == [text]


def test_abbreviation_inside_then_real_boundary() -> None:
    text = "Ms. Varga arrived on Sept. 14 for the U.N. meeting. Her deputy came a day later."
    assert texts(text) == [
        "Ms. Varga arrived on Sept. 14 for the U.N. meeting.",
        "Her deputy came a day later.",
    ]


def test_question_exclamation_and_closing_quote() -> None:
    text = '"Will he come?" one envoy asked. Nobody knew! "We shall see," she said. It rained.'
    assert texts(text) == [
        '"Will he come?" one envoy asked.',
        "Nobody knew!",
        '"We shall see," she said.',
        "It rained.",
    ]


def test_sentence_starting_with_a_number() -> None:
    assert texts("The vote was close. 14 states abstained.") == [
        "The vote was close.",
        "14 states abstained.",
    ]


def test_paragraph_break_ends_a_sentence_even_without_a_full_stop() -> None:
    text = "Leaders gather in Lisbon\n\nThe talks open on Friday. Security is tight."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Leaders gather in Lisbon",
        "The talks open on Friday.",
        "Security is tight.",
    ]
    assert [s.paragraph for s in sentences] == [0, 1, 1]


def test_paragraph_numbers_and_indexes_count_up() -> None:
    text = "One. Two.\n\nThree.\n\n\n   Four. Five."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["One.", "Two.", "Three.", "Four.", "Five."]
    assert [s.paragraph for s in sentences] == [0, 0, 1, 2, 2]
    assert [s.index for s in sentences] == [0, 1, 2, 3, 4]


def test_no_sentence_crosses_a_paragraph_break() -> None:
    text = "The summit ended with Mr.\n\nNobody expected a deal."
    for s in split_sentences(text):
        assert "\n\n" not in s.text


def test_offsets_point_to_the_sentence_in_the_text() -> None:
    text = (
        "  Gen. Okoro arrived late.  He left early!\n\n"
        "Sen. Price, of the U.S. delegation, said so on Dec. 3.   \n\nThe end?"
    )
    sentences = split_sentences(text)
    assert len(sentences) == 4
    for s in sentences:
        assert isinstance(s, Sentence)
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip()
    assert sentences[2].text == "Sen. Price, of the U.S. delegation, said so on Dec. 3."


def test_empty_and_blank_text_give_no_sentences() -> None:
    assert split_sentences("") == []
    assert split_sentences("  \n\n \n") == []
