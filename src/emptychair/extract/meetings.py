"""Find mentions of multilateral meetings and name their forum.

A forum is named outright ("the East Asia Summit", "COP26"), by a body and a kind
("NATO defence ministers' meeting", "G20 summit"), by a kind in a document whose
body is known ("the defence ministers' gathering" in a NATO story), or by
reference back ("the summit", "the talks") to the meeting last named.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from emptychair import vocab


@dataclass(frozen=True)
class MeetingMention:
    """Where a sentence speaks of a meeting, and which forum that is."""

    forum: str
    start: int
    end: int
    explicit: bool
    # One of the forum's other meetings ("east-asia-summit"); None for its main one.
    event: str | None = None


@dataclass(frozen=True)
class _Body:
    id: str
    pattern: re.Pattern[str]
    context: re.Pattern[str] | None
    kinds: dict[str, str | None]
    default: str | None


@dataclass(frozen=True)
class _Forums:
    bodies: list[_Body]
    names: list[tuple[str, str | None, re.Pattern[str]]]
    kinds: list[tuple[str, re.Pattern[str]]]
    noun: re.Pattern[str]
    anaphor: re.Pattern[str]


def _either(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


@cache
def _forums() -> _Forums:
    data: dict[str, Any] = vocab.load("forums")
    bodies = [
        _Body(
            id=b["id"],
            pattern=re.compile(rf"(?:{_either(b['patterns'])})(?![\w-])"),
            context=re.compile(rf"\b(?:{_either(b['context_patterns'])})\b")
            if b.get("context_patterns")
            else None,
            kinds=b["kinds"],
            default=b.get("default"),
        )
        for b in data["bodies"]
    ]
    names = [
        (n["forum"], n.get("event"), re.compile(rf"(?:{_either(n['patterns'])})(?![\w-])"))
        for n in data["names"]
    ]
    kinds = [
        (kind, re.compile(rf"\b(?:{_either(patterns)})(?![\w-])", re.IGNORECASE))
        for kind, patterns in data["kinds"].items()
    ]
    nouns = _either(data["meeting_nouns"])
    noun = re.compile(rf"\b(?:{nouns})\b", re.IGNORECASE)
    anaphor = re.compile(
        r"\b(?:the|this|that|this week['’]s|next week['’]s|the upcoming|the coming|the planned|"
        r"(?:last|this|next) (?:year|month)['’]s|"
        r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|tomorrow)['’]s|"
        r"the annual|the yearly|the two-day|the three-day|the four-day|the regional|the main|"
        r"the same|the previous|the following|its|their|these|those)\s+"
        rf"(?:[\w-]+\s+){{0,3}}?(?:{nouns})\b",
        re.IGNORECASE,
    )
    return _Forums(bodies, names, kinds, noun, anaphor)


@cache
def _mention_patterns() -> list[re.Pattern[str]]:
    f = _forums()
    return [b.pattern for b in f.bodies] + [p for _, _, p in f.names]


def may_mention_meeting(text: str) -> bool:
    """Whether a text may speak of a multilateral meeting at all.

    Plain substring tests run first: most news never names a meeting, and a
    substring search is far cheaper than the full patterns.
    """
    keywords: list[str] = vocab.load("forums")["keywords"]
    # One pattern at a time: each starts with a literal the engine scans for quickly,
    # which a single alternation of them all would not.
    listed = any(k in text for k in keywords) and any(
        next(_words(p, text), None) is not None for p in _mention_patterns()
    )
    if listed:
        return True
    # Substring tests first here too: the name before a kind word is looked for only
    # where one is.
    return any(k in text for k in _EVENT_KINDS) and next(_named_events(text), None) is not None


def _words(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """Matches of ``pattern`` that start a word.

    The patterns carry no leading look-behind, which would stop the regex engine
    from scanning for their first letters and make them many times slower.
    """
    for m in pattern.finditer(text):
        start = m.start()
        if start == 0 or not (text[start - 1].isalnum() or text[start - 1] in "-_"):
            yield m


def dominant_body(text: str) -> str | None:
    """The body a document speaks of most (NATO, G20 ...), to read bare kinds by."""
    counts: Counter[str] = Counter()
    # Meetings with names of their own (COP26, the General Assembly) compete too.
    named = sum(1 for _, _, p in _forums().names for _ in _words(p, text))
    for body in _forums().bodies:
        if body.id in ("au", "commonwealth", "eu"):
            continue  # Too often a word of other meanings or background.
        counts[body.id] = sum(1 for _ in _words(body.pattern, text))
    if not counts or counts.most_common(1)[0][1] <= named // 2:
        return None
    return counts.most_common(1)[0][0]


def find_meetings(
    sentence: str, body_context: str | None, previous: str | None
) -> list[MeetingMention]:
    """Meeting mentions in ``sentence``, in order.

    ``body_context`` is the document's dominant body; ``previous`` the forum last
    named before this sentence, which anaphors ("the summit") refer back to.
    """
    f = _forums()
    found: list[MeetingMention] = []

    def free(s: int, e: int) -> bool:
        return not any(s < m.end and m.start < e for m in found)

    for forum, event, pattern in f.names:
        for m in _words(pattern, sentence):
            if _MEMBERSHIP.search(sentence, max(0, m.start() - 40), m.start()):
                continue
            if free(m.start(), m.end()):
                found.append(MeetingMention(forum, m.start(), m.end(), True, event))
    # "the bloc's foreign ministers": the bloc the story is about.
    if body_context:
        context_body = next(b for b in f.bodies if b.id == body_context)
        for m in _BLOC.finditer(sentence):
            mention = _body_mention(sentence, m, context_body, f, body_context)
            if mention and free(mention.start, mention.end):
                found.append(mention)
    for body in f.bodies:
        for m in _words(body.pattern, sentence):
            mention = _body_mention(sentence, m, body, f, body_context)
            if mention and free(mention.start, mention.end):
                found.append(mention)
    if body_context:
        context = next(b for b in f.bodies if b.id == body_context)
        for kind, pattern in f.kinds:
            for m in pattern.finditer(sentence):
                kind_forum = context.kinds.get(kind)
                near_noun = f.noun.search(sentence, m.end(), min(len(sentence), m.end() + 25))
                allied = context.context and context.context.search(
                    sentence, max(0, m.start() - 20), m.start()
                )
                named = f.noun.search(m.group(0))  # "the leaders' summit"
                bare = m.group(0).lower() in ("summit", "summits", "leaders", "ministers")
                if bare:
                    # "to exclude him from a summit": an indefinite one is the body's own
                    # kind of meeting, and so is "the alliance's summit"; "the summit"
                    # refers back (the anaphors below).
                    indefinite = sentence[max(0, m.start() - 2) : m.start()] == "a "
                    if indefinite and kind_forum and free(m.start() - 2, m.end()):
                        found.append(MeetingMention(kind_forum, m.start() - 2, m.end(), False))
                    elif allied and kind_forum and free(m.start(), m.end()):
                        found.append(MeetingMention(kind_forum, m.start(), m.end(), True))
                    continue
                if kind_forum and (near_noun or allied or named) and free(m.start(), m.end()):
                    found.append(MeetingMention(kind_forum, m.start(), m.end(), True))
    for start, end, event in _named_events(sentence):
        if free(start, end):
            found.append(MeetingMention("other", start, end, True, event))
    for m in f.anaphor.finditer(sentence):
        if free(m.start(), m.end()):
            referent = _named_before(found, m.start()) or previous
            if referent:
                found.append(MeetingMention(referent, m.start(), m.end(), False))
    return sorted(found, key=lambda x: x.start)


# "the Belt and Road Forum", "the Financing for Development conference": a meeting with
# a name of its own that the vocabulary does not list is one of "other"'s.
_EVENT_KINDS = (
    "Forum",
    "Conference",
    "Summit",
    "Dialogue",
    "Congress",
    "forum",
    "conference",
    "summit",
)
_EVENT_KIND = re.compile(rf"\b(?:{'|'.join(_EVENT_KINDS)})\b")
# The name before the kind, looked for only where a kind word is: capitalised words,
# with "of", "for", "and" ... between them.
_EVENT_NAME = re.compile(
    r"(?<![\w'’.-])([A-Z][\w'’-]*(?: (?:(?:of|for|and|on|the|de|la) )*[A-Z][\w'’-]*)*)"
    # "the Ukraine peace summit": a topic word may stand between the name and the kind.
    r"(?: (?P<topic>peace|security|climate|nuclear|energy|investment|development|trade|health|"
    r"food|migration|reconstruction|recovery|donor|donors'|pledging))? $"
)
# Names that are no multilateral meeting's, or say only what kind of meeting it is.
_NOT_AN_EVENT_NAME = re.compile(
    r"\b(?:Party|Labour|Conservative|Democratic|Republican|National|Press|News|Church|"
    r"Investor|Earnings|Medical|Tech|Developers?|Shareholders?|Bishops)\b"
)
_GENERIC_NAME_WORDS = frozenset(
    (
        "The A An At In On For Of By With As This That Next Last Annual First Second Third "
        "Special Extraordinary Emergency "
        "Informal Leaders Leaders' Leaders’ Ministers Ministers' Ministers’ Ministerial Global "
        "International Regional High-Level Peace Security Climate Economic Investment Trade "
        "Business World Youth"
    ).split()
)


def _named_events(text: str) -> Iterator[tuple[int, int, str]]:
    """Where ``text`` names a meeting the vocabulary lacks, with its event slug
    ("belt-and-road-forum"); not a party's conference, nor words that only say what
    kind of meeting it is."""
    for kind in _EVENT_KIND.finditer(text):
        start = max(0, kind.start() - 80)
        name = _EVENT_NAME.search(text, start, kind.start())
        if name is None:
            continue
        words = name.group(1).split()
        while words and words[0] in ("The", "A", "An", "At", "In", "On"):
            words = words[1:]
        named = [w for w in words if w[0].isupper() and w not in _GENERIC_NAME_WORDS]
        # "the Washington summit", "the Vilnius summit": one word before a lower-case kind
        # is where a meeting is held, not its name ("the Ukraine peace summit" is one).
        if len(words) == 1 and kind.group(0).islower() and not name.group("topic"):
            continue
        if named and not _NOT_AN_EVENT_NAME.search(name.group(1)):
            slug = re.sub(r"[^a-z0-9]+", "-", " ".join([*words, kind.group(0)]).lower())
            yield name.start(1), kind.end(), slug.strip("-")


def _named_before(found: list[MeetingMention], before: int) -> str | None:
    earlier = [m for m in found if m.end <= before and m.explicit]
    return earlier[-1].forum if earlier else None


_PEOPLE = re.compile(
    r"(?:leaders|ministers|heads|diplomats|chiefs|governors|government)['’]?$", re.I
)
_GATHER = re.compile(
    # "G7 finance ministers and central bank governors gathered"
    r"^\s*(?:and\s+(?:[\w-]+\s+){1,4}?)?"
    r"(?:(?:will|to|would|who|that|are|were|have|had)\s+)?(?:meet|meets|met|meeting|gather|gathers|"
    r"gathered|gathering|convene|convenes|convened|convening|hold|held|holds|"
    # "NATO leaders opened their summit"
    r"open|opens|opened|opening|began|begin|begins)\b",
    re.I,
)


# "the permanent members of the Security Council": the body, not one of its meetings.
_MEMBERSHIP = re.compile(
    r"\b(?:members?|member (?:states|countries|nations)|seats?|membership)\s+(?:of|on|in)\s+"
    r"(?:the\s+)?$",
    re.I,
)
_BLOC = re.compile(r"\bbloc(?=['’]s\b)")
_ORDINARY = (
    r"(?:(?:\d+(?:st|nd|rd|th)|first|second|third|annual|yearly|ordinary|extraordinary|regular|"
    r"special|informal|emergency|biannual)\s+)*"
)


# "will join the EU foreign ministers by video": joining the ministers is joining their meeting.
_JOINED = re.compile(
    # "Lavrov told the G20 foreign ministers": people spoken to together are in session.
    r"\b(?:join|joins|joined|joining|brief|briefs|briefed|briefing|address|addresses|addressed|"
    r"addressing|told|tells|telling|warned|warns|urged|urges)\s+(?:the\s+|his\s+|her\s+|fellow\s+)*(?:other\s+)?$",
    re.I,
)


_KIND_BEFORE = re.compile(
    r"(?:^|\s)((?:[Ff]oreign|[Dd]efen[cs]e|[Ff]inance)\s+ministers|[Ll]eaders)\s+(?:from|of)\s+"
    r"(?:the\s+)?(?:other\s+)?$"
)
_MEMBERS = re.compile(r"\s+(?:countries|states|members|member states|nations|economies|allies)\b")
_HELD_TALKS = re.compile(
    r"\s+(?:wrapped up|wrap up|concluded|conclude|began|begin|opened|open|held|hold)\s+"
    r"(?:\w+\s+)?(?:talks|meetings?|a meeting|discussions)\b"
)


def _body_mention(
    sentence: str, m: re.Match[str], body: _Body, f: _Forums, body_context: str | None
) -> MeetingMention | None:
    """A meeting named by a body: "NATO defence ministers' meeting", "summit of the G7",
    "when G20 leaders meet", "the G20 in Johannesburg"."""
    after = sentence[m.end() : m.end() + 60]
    before = sentence[max(0, m.start() - 40) : m.start()]
    # "the African Union's 35th ordinary summit": ordinals and kinds of session between.
    prefix = re.match(r"(?:['’]s?)?\s*" + _ORDINARY, after)
    rest = after[prefix.end() if prefix else 0 :]
    kind, kind_text = None, ""
    for name, pattern in f.kinds:
        k = pattern.match(rest)
        if k:
            kind, kind_text = name, k.group(0)
            break
    tail = rest[len(kind_text) :]
    noun_after = f.noun.match(re.sub(r"^['’]?\s*", "", tail))
    noun_before = re.search(rf"({f.noun.pattern})\s+(?:of|with|for)\s+(?:the\s+)?$", before, re.I)
    end = m.end() + (prefix.end() if prefix else 0) + len(kind_text)
    # "the summit of the Group of Seven" is one mention, not an anaphor and a body.
    start = m.start() - (len(before) - noun_before.start()) if noun_before else m.start()
    lead = re.search(r"\b(?:the|a|this|next|last)\s+$", sentence[max(0, start - 8) : start])
    start -= len(lead.group(0)) if lead else 0
    if noun_after:
        end += len(tail) - len(re.sub(r"^['’]?\s*", "", tail)) + noun_after.end()
    # "EU leaders" are people; they make a meeting only when they meet.
    people = kind is not None and _PEOPLE.search(kind_text)
    joined = _JOINED.search(sentence, max(0, m.start() - 30), m.start())
    if people and not (noun_after or noun_before or joined or _GATHER.match(tail)):
        return None
    if kind is None:
        # "Defence ministers from NATO countries are meeting", "foreign ministers of the
        # G7 wrapped up talks": the kind before the body, and a meeting only when they meet.
        reverse = _KIND_BEFORE.search(before)
        member = _MEMBERS.match(after)
        held = after[member.end() if member else 0 :]
        if reverse and (_GATHER.match(held) or _HELD_TALKS.match(held)):
            for name, pattern in f.kinds:
                if pattern.match(reverse.group(1).lower()):
                    forum = body.kinds.get(name) or (body.default if name == "ministers" else None)
                    start = m.start() - (len(before) - reverse.start(1))
                    return MeetingMention(forum, start, m.end(), True) if forum else None
    if kind is None and noun_before and noun_before.group(1).lower().startswith("summit"):
        kind = "summit"
    if kind is None and noun_after and noun_after.group(0).lower().startswith("summit"):
        kind = "summit"
    if kind is not None:
        forum = body.kinds.get(kind)
        if forum is None and kind == "ministers":
            forum = body.default
        return MeetingMention(forum, start, end, True) if forum else None
    if noun_after or noun_before:
        return MeetingMention(body.default, start, end, True) if body.default else None
    # "the G20 in Johannesburg": a body that holds one kind of meeting is the meeting.
    placed = re.match(r"\s+(?:in|at|on|this|next|last)\b", after)
    if body.default and body.id != "eu" and placed and before.endswith("the "):
        return MeetingMention(body.default, m.start(), m.end(), True)
    # "his Brisbane G20 visit", "quitting Brisbane G20 early": a host city before it.
    city = re.search(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+\s+$", before)
    members = re.match(r"\s+(?:countries|members|nations|economies|states|presidency|chair)", after)
    if body.default and body.id != "eu" and city and not members:
        return MeetingMention(body.default, m.start() - (len(before) - city.start()), m.end(), True)
    return None
