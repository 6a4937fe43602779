"""Split a document into sentences, keeping character offsets for evidence."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Abbreviations that end with a period but do not end a sentence in news copy.
_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "gen",
    "lt",
    "col",
    "maj",
    "capt",
    "sgt",
    "adm",
    "sen",
    "rep",
    "gov",
    "pres",
    "prof",
    "rev",
    "hon",
    "jr",
    "sr",
    "no",
    "vs",
    "etc",
    "inc",
    "ltd",
    "co",
    "corp",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "u.s",
    "u.k",
    "u.n",
    "e.u",
    "a.m",
    "p.m",
    "approx",
    "dept",
    "est",
    "fig",
    "mt",
}

_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\s*[-•*]\s)")


@dataclass(frozen=True)
class Sentence:
    """A sentence of a document: its text and where it stands."""

    text: str
    start: int
    end: int
    paragraph: int
    index: int


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` in order, never crossing a paragraph break."""
    sentences: list[Sentence] = []
    pos = 0
    for para_no, match in enumerate([*_PARAGRAPH.finditer(text), None]):
        para_end = match.start() if match else len(text)
        _split_paragraph(text, pos, para_end, para_no, sentences)
        if match is not None:
            pos = match.end()
    return sentences


def _split_paragraph(text: str, start: int, end: int, para_no: int, out: list[Sentence]) -> None:
    chunk = text[start:end]
    begin = 0
    for m in _BOUNDARY.finditer(chunk):
        if _ends_with_abbreviation(chunk[begin : m.start() + 1]):
            continue
        _emit(text, start + begin, start + m.start() + 1, para_no, out)
        begin = m.end()
    _emit(text, start + begin, end, para_no, out)


def _ends_with_abbreviation(piece: str) -> bool:
    tail = re.search(r"([A-Za-z.]+)\.$", piece)
    if not tail:
        return False
    word = tail.group(1).lower().rstrip(".")
    # Single capital initials ("Harjit S. Sajjan") never end a sentence either.
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _emit(text: str, start: int, end: int, para_no: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(text[start:end], start, end, para_no, len(out)))
