"""Who a sentence says its statement comes from.

Named sources are people, institutions on the record ("the Kremlin said", "a
Foreign Office spokesman") and outlets whose reports are cited ("according to
Politico"). Anonymous ones are described by category ("two U.S. officials",
"people familiar with the matter"); a number in front counts that many entries.
"""

from __future__ import annotations

import re
from functools import cache

from emptychair import vocab
from emptychair.model import Source

_SAY = (
    r"(?:said|says|say|told|tells|confirmed|confirms|announced|announces|reported|reports|"
    r"wrote|writes|indicated|added|stated|stressed|insisted|noted|explained|disclosed|revealed)"
)
_NUMBERS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "2": 2, "3": 3, "4": 4, "5": 5, "6": 6, "7": 7, "8": 8, "9": 9, "10": 10,
}  # fmt: skip
_ANONYMOUS_HEAD = re.compile(
    r"\b(?:officials?|diplomats?|sources?|person|people|aides?|insiders?|officers?|advisers?|"
    r"advisors?|figures?|members?|individuals?|observers?|staffers?)\b",
    re.I,
)
_ANONYMOUS_MARK = re.compile(
    r"\b(?:familiar|briefed|anonymity|not named|unnamed|not authori[sz]ed|declined to be named|"
    r"who asked not|requested anonymity|knowledge of|know about|close to)\b",
    re.I,
)
_ON_RECORD = re.compile(
    r"\b(?:spokes(?:man|woman|person)|press secretary|office|ministry|government|department|"
    r"embassy|presidency|palace|statement|press release|Kremlin|White House|State Department|"
    r"Pentagon|Foreign Office|Elysee|Élysée|Downing Street|list of speakers|programme|schedule|"
    r"agenda)\b"
)
_NOT_A_SOURCE = re.compile(
    r"(?:it|this|that|there|he|she|they|we|i|you|reporters|officials had|analysts|experts|"
    r"critics|observers|if|when|once|unless|as|although|though|while|before|after|until|"
    r"because)\b"
)
_CLAUSE_START = re.compile(r"(?:^|[,;:(—–]|\bthat\b|\band\b(?= [a-z]))\s*")


@cache
def _outlets() -> re.Pattern[str]:
    names = sorted(vocab.load("outlets"), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b")


def find_sources(sentence: str, people: list[tuple[int, int, str]]) -> list[tuple[int, Source]]:
    """Sources named in ``sentence`` with the offset where each is cited.

    ``people`` holds the (start, end, name) of persons recognised in the sentence,
    so a named source can be given by its full name.
    """
    phrases: list[tuple[int, str]] = []
    for m in re.finditer(r"\b(?:according to|citing)\s+([^;,]+?)(?=[;,]|[.!?\"”]*$)", sentence):
        phrases.append((m.start(1), m.group(1)))
    for m in re.finditer(
        rf"(?:,|^|\bthat)\s*([^,;:]{{2,120}}?)\s+"
        rf"(?:has |have |had |also |later |earlier |then )?{_SAY}\b",
        sentence,
    ):
        phrases.append((m.start(1), m.group(1)))
    # Inverted only after a comma or a quote: '..., said the official.'
    for m in re.finditer(
        rf"[,\"”’]\s*{_SAY}\s+((?:the|a|an|one|two|three|four|five)\s[^,;]{{2,80}}?|[A-Z][^,;]{{2,60}}?)(?=[,;]|[.!?\"”]*$)",
        sentence,
    ):
        if re.match(
            r"(?:said|says|say|told|added|stressed|insisted|noted|explained)$",
            m.group(0).lstrip(',"”’ ').split()[0],
        ):
            phrases.append((m.start(1), m.group(1)))
    sources: list[tuple[int, Source]] = []
    for start, phrase in phrases:
        for piece in _split_conjoined(phrase):
            sources.extend((start, s) for s in _classify(piece.strip(), people))
    return sources


_WHEN = re.compile(
    r"^(?:on|last|earlier|later|late|early|in|by)\s+(?:[\w-]+\s+){0,2}?"
    r"(?=(?:his|her|its|their|the|a|an)\b)",
    re.I,
)


def _split_conjoined(phrase: str) -> list[str]:
    # "a U.S. official and a NATO diplomat", "four people ... as well as a U.S. defense official"
    parts = re.split(
        r"\s+(?:and|as well as|plus)\s+(?=(?:a|an|one|two|three|four|five|the)\b)", phrase
    )
    return [p for p in parts if p]


def _classify(phrase: str, people: list[tuple[int, int, str]]) -> list[Source]:
    phrase = re.sub(r"^(?:also|however|but|and|then|meanwhile)\s+", "", phrase, flags=re.I)
    # "On Sunday his office said": the time of saying is not part of who said it.
    phrase = _WHEN.sub("", phrase)
    phrase = phrase.strip(" \"'“”’")
    if (
        not phrase
        or len(phrase) > 140
        or re.search(r"\b(?:but|and then|while)\b|\b(?:and|or)$", phrase)
    ):
        return []
    lowered = phrase.lower()
    if _NOT_A_SOURCE.match(lowered):
        return []
    if lowered == "reporters":
        return []
    full = phrase
    phrase = re.split(
        r"\s+(?:familiar|who|speaking|with knowledge|briefed|close to|knowledgeable)\b|:", phrase
    )[0]
    lowered = phrase.lower()
    outlet = _outlets().search(phrase)
    if outlet and not _ANONYMOUS_HEAD.search(phrase):
        return [Source("named", phrase)]
    name = next((n for _, _, n in people if n in phrase), None)
    if name and not _ANONYMOUS_MARK.search(phrase):
        return [Source("named", phrase)]
    head = _ANONYMOUS_HEAD.search(phrase)
    spokesperson = re.search(r"spokes|press secretary", lowered)
    if (
        _ON_RECORD.search(phrase)
        and (spokesperson or not head)
        and not _ANONYMOUS_MARK.search(phrase)
    ):
        return [Source("named", phrase)]
    if head:
        count = 1
        number = re.match(r"(?:the\s+)?(\w+)\s", lowered)
        if number and number.group(1) in _NUMBERS:
            count = _NUMBERS[number.group(1)]
        if re.match(r"one of (?:the|them|those)", lowered):
            return []
        descriptor = _singular(phrase) if count > 1 else phrase
        # "two sources said": FORMAT.md names a bare count by its noun, "source".
        if count > 1 and re.fullmatch(r"\w+\s+\w+", full):
            descriptor = _singular(phrase).split()[-1]
        return [Source("anonymous", descriptor) for _ in range(count)]
    # "Politico", "the Saudi Press Agency": a proper name speaking on the record.
    if (
        re.match(r"(?:the\s+)?[A-Z]", phrase)
        and len(phrase.split()) <= 6
        and not re.search(r"\b(?:who|which|that)\b", phrase)
    ):
        return [Source("named", phrase)]
    return []


def _singular(phrase: str) -> str:
    rest = re.sub(r"^(?:the\s+)?\w+\s+", "", phrase, count=1)
    # "an aide", but "a U.S. official", "a Ukrainian diplomat", "a EU source".
    vowel = re.match(r"[aeiouAEIOU]", rest) and not re.match(r"U\.|U[A-Z]|Uk|Uni|Eu|EU|One", rest)
    text = ("an " if vowel else "a ") + rest
    text = re.sub(r"\bpeople\b", "person", text)
    return re.sub(
        r"\b(official|diplomat|source|aide|insider|officer|adviser|advisor)s\b", r"\1", text
    )


_HEAD_NOUN = re.compile(
    r"\b(official|diplomat|source|aide|person|people|officer|adviser|advisor|insider)s?\b", re.I
)
_DEFINITE = re.compile(r"(?:the|those|these|both)\s+(?:[\w.-]+\s+){0,2}?", re.I)


class SourceMemory:
    """The anonymous sources a document has cited, so that "the officials said" names
    again the "two U.S. officials" of an earlier sentence instead of a new source."""

    def __init__(self) -> None:
        self._last: dict[str, tuple[Source, ...]] = {}

    def resolve(self, cited: list[tuple[int, Source]]) -> list[tuple[int, Source]]:
        """``cited`` (one sentence's sources, by position) with definite mentions of
        earlier anonymous sources replaced by those sources; remembers the new ones."""
        out: list[tuple[int, Source]] = []
        fresh: dict[str, list[Source]] = {}
        for at, source in cited:
            head = _HEAD_NOUN.search(source.descriptor) if source.kind == "anonymous" else None
            noun = head.group(1).lower().replace("people", "person") if head else None
            definite = head and _DEFINITE.fullmatch(source.descriptor, 0, head.start())
            if noun and definite and noun in self._last:
                out += [(at, s) for s in self._last[noun]]
                continue
            if noun and not definite:
                fresh.setdefault(noun, []).append(source)
            out.append((at, source))
        self._last.update((noun, tuple(listed)) for noun, listed in fresh.items())
        return out
