"""Fold what a document says of each (actor, meeting) into one claim.

The document's final word wins: the firmest statement, and among equally firm
ones the latest. Sources gathered along the way are kept.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from emptychair.extract.actors import ROLE_RANK, Entity
from emptychair.extract.dates import DateMention
from emptychair.extract.text import Sentence
from emptychair.model import CERTAINTY_RANK, Claim, Source


@dataclass(frozen=True)
class Draft:
    """One attendance statement before the document's statements are folded."""

    entity: Entity
    forum: str
    status: str
    certainty: str
    representative: str | None
    sources: tuple[Source, ...]
    date: DateMention | None
    future: bool
    sentence: Sentence
    # "his absence": a noun that refers back to a statement rather than making one.
    nominal: bool = False
    # Which of the forum's meetings, where it holds more than one (meetings.py).
    event: str | None = None


def fold(drafts: list[Draft], forum_dates: dict[str, list[str]] | None = None) -> list[Claim]:
    """One claim per (actor, meeting), stand-ins dropped, in order of first mention.

    ``forum_dates`` holds the dates the document gives each forum elsewhere; a
    claim dated only by default (the publication month) takes the first of them.
    """
    drafts = [_dated(d, drafts, forum_dates or {}) for d in drafts]
    groups: dict[tuple[int, str, str, str], list[Draft]] = {}
    for draft in drafts:
        groups.setdefault(_key(draft, drafts), []).append(draft)
    claims = _standins_by_delegation([_one(group) for group in groups.values()])
    standins = {
        (c.representative, c.forum) for c in claims if c.status == "absent" and c.representative
    }
    return [c for c in claims if c.status != "attend" or (c.person, c.forum) not in standins]


def _standins_by_delegation(claims: list[Claim]) -> list[Claim]:
    """When a principal stays away and one other official of the same state, of no
    higher office, goes to that meeting, that official is the stand-in (and gets no
    claim of their own)."""
    out = list(claims)
    for i, absent in enumerate(claims):
        # States only: two EU or NATO officials are colleagues, not stand-ins.
        national = absent.country not in (None, "EUU", "NAT", "UNO")
        if absent.status != "absent" or absent.representative or not national:
            continue
        goers = {
            c.person
            for c in claims
            if c.status == "attend"
            and c.forum == absent.forum
            and c.person not in (None, absent.person)
            and c.country == absent.country
            and _same_month(c.meeting_date, absent.meeting_date)
            and ROLE_RANK[c.role] >= ROLE_RANK[absent.role]
        }
        if len(goers) == 1:
            out[i] = replace(absent, representative=goers.pop())
    return out


def _same_month(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a[:7] == b[:7]


def _dated(draft: Draft, drafts: list[Draft], forum_dates: dict[str, list[str]]) -> Draft:
    """A draft dated only by default takes the date the document gives that meeting:
    first one the same actor's other statements give, else the forum's."""
    if draft.date is None or draft.date.start >= 0:
        return draft
    own = [
        d.date.value
        for d in drafts
        if d.entity is draft.entity
        and d.forum == draft.forum
        and d.date
        and d.date.value
        and d.date.start >= 0
        and not d.date.past
    ]
    known = own or forum_dates.get(draft.forum, [])[:3]
    if not known:
        return draft
    return replace(draft, date=DateMention(-1, -1, max(known, key=len), past=False))


def _key(draft: Draft, drafts: list[Draft]) -> tuple[int, str, str, str]:
    return id(draft.entity), draft.forum, _instance(draft, drafts), draft.event or ""


def _instance(draft: Draft, drafts: list[Draft]) -> str:
    """Which meeting of the forum: its month, or the document's main one."""
    if draft.date and draft.date.value:
        return draft.date.value[:7]
    if draft.date and draft.date.past:
        return f"year {draft.date.year}" if draft.date.year else "past"
    dated = [
        d.date.value[:7]
        for d in drafts
        if d.forum == draft.forum and d.date and d.date.value and not d.date.past
    ]
    return dated[0] if dated else "main"


def _one(group: list[Draft]) -> Claim:
    statements = [d for d in group if not d.nominal] or group
    final = max(enumerate(statements), key=lambda p: (CERTAINTY_RANK[p[1].certainty], p[0]))[1]
    # Each sentence's sources once, however many of its statements cite them.
    cited: dict[int, dict[tuple[int, Source], Source]] = {}
    for draft in group:
        here = cited.setdefault(draft.sentence.index, {})
        for i, source in enumerate(draft.sources):
            here.setdefault((i, source), source)
    representative = next((d.representative for d in reversed(group) if d.representative), None)
    # An explicit date beats the default of the publication month.
    dates = [d.date.value for d in group if d.date and d.date.value]
    explicit = [d.date.value for d in group if d.date and d.date.value and d.date.start >= 0]
    date = max(explicit or dates, key=len) if dates else None
    entity = final.entity
    return Claim(
        person=entity.name,
        country=entity.country,
        role=entity.role or "official",  # type: ignore[arg-type]
        forum=final.forum,
        meeting_date=date,
        status=final.status,  # type: ignore[arg-type]
        certainty=final.certainty,  # type: ignore[arg-type]
        representative=representative if final.status == "absent" else None,
        sources=_dedupe(list(cited.values())),
        evidence=final.sentence.text,
        evidence_start=final.sentence.start,
        evidence_end=final.sentence.end,
    )


def _dedupe(by_sentence: list[dict[tuple[int, Source], Source]]) -> tuple[Source, ...]:
    """The sources of all the sentences: the same source cited in several sentences is
    one source, and a count ("two officials") is the largest any sentence gives, since
    a text names its sources again ("the officials said") rather than adding more."""
    counts: dict[Source, int] = {}
    for here in by_sentence:
        for source, n in Counter(here.values()).items():
            counts[source] = max(counts.get(source, 0), n if source.kind == "anonymous" else 1)
    return tuple(s for s, n in counts.items() for _ in range(n))
