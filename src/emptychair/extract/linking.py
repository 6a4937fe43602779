"""Link an attendance expression to the people it speaks of.

Subjects stand before verbs ("Hegseth will skip"), possessors before nouns
("Hegseth's absence"), objects after nouns ("the absence of Rubio"), and
stand-in constructions name two people ("Colby will attend in Hegseth's place",
"Trump will send Pence instead", "represented by his deputy").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from emptychair.extract.actors import ROLE_RANK, ActorMention, Entity, governed
from emptychair.extract.status import Trigger

CLAUSE_BREAK = re.compile(
    r";|:\s|\s[—–-]\s|\beven though\b|\bbut\b|\bwhile\b|\bwhereas\b|\balthough\b|\bthough\b|"
    r"\bbecause\b|\bafter\b|\bbefore\b|\bso that\b|\bas\b(?= [a-z]+ [a-z]+ed\b)|\bwhen\b|"
    r"\bwhere\b|\bsince\b"
)
# "is not expected to pledge aid and will take part": each verb phrase has its own hedges.
_COORDINATED = re.compile(
    r"\b(?:and|but)\b(?=\s+(?:will|would|is|was|are|were|has|had|did|does|plans|intends|may|might|"
    r"could|can|also|then|later|[a-z]+ed|took|went|flew|made|met|left|spoke|came|sent|gave|"
    r"held|led|sat|stood|kept)\b)"
)
# What may stand between the members of a list of people: commas, "and", an appositive,
# and the country word of the next member ("Modi and South African president Ramaphosa").
# "the PM's decision to sit out the summit": the possessor is the one who decides.
_DECISION = re.compile(
    r"['’]s?\s+(?:\w+\s+)?(?:decision|plan|plans|choice|refusal|move|intention|bid|failure|"
    r"readiness|willingness|wish)\s+(?:not\s+)?to\s+$"
)
# "The two leaders' last encounter came on the margins of the summit"
_ENCOUNTER = re.compile(
    r"['’]s?\s+(?:\w+\s+){0,2}(?:encounter|meeting|talks|visit|trip|arrival)\s+(?:\w+\s+){0,2}$"
)
_SAID = re.compile(
    r"\b(?:said|says|told|tells|announced|added|noted|argued|warned|explained|insisted|stressed|"
    r"confirmed|confirms|reported|wrote|tweeted|posted|indicated)\b"
    r"(?!\s+(?:that\s+)?(?:he|she|it|they)\b)"
)
_LIST_GLUE = re.compile(
    r"\s*(?:,\s*(?:and\s+|nor\s+)?|and\s+|nor\s+|,\s+[^,;]{1,70}?,\s*(?:and\s+|nor\s+)?)"
    r"(?:(?:his|her|their|its)\s+)?"
    r"(?:[A-Z][\w.’'-]*(?:['’]s)?\s+){0,2}"
)


_PARTICIPLE = re.compile(r"\s*(?:(?:After|While|Before|On|Upon|Since)\s+)?")
# ", his ministry said, and will ...": an attribution set off in commas is an aside.
_ASIDE = re.compile(r",\s+[^,;]{0,60}?\b(?:said|says|told \w+|added)\s*,")
_NAMED_AFTER = re.compile(r"\s+(?:[a-z][\w -]{0,40},\s+)?")
_HANGING = re.compile(r"\b(?:before|after|while|when|since|then|besides)\s+$")
_ASKED = re.compile(r"\b(?:asked|asks|ask|told|tells|invited|invites|chose|picked|sent|sends)\b")
_SUPPOSING = re.compile(
    r"(?:\b(?:if|provided|providing|unless|as long as|in case)|^\s*(?:Should|Were|Had))\s+"
    r"(?:the\s+)?(?:[A-Z][\w.’'-]*\s+)*$"
)
_VERB_BETWEEN = re.compile(
    r"\b(?:will|would|shall|can|could|may|might|must|is|are|was|were|has|have|had|said|says|"
    r"send|sends|sent|sending|to)\b"
)
_PASSIVE = re.compile(r"\s+(?:was|were|is|are|be|been|being|has been|had been)\s+(?:\w+\s+)?")
_REQUESTED = re.compile(
    r"\b(?:pressed|urged|urging|urges|advised|encouraged|begged|pleaded with|called on|"
    r"appealed to|implored|persuade|persuading|asked|asks|asking|told|instructed|ordered|"
    r"tasked|directed)\s+(?:[\w.’'-]+\s+){1,4}to\s+(?:(?:prepare|get ready) to\s+|\w+\s+)?$",
    re.I,
)
# "X was invited to attend": asked to, which says nothing of going.
_INVITED = re.compile(
    r"(?:,[^,]*,)?\s+(?:has\s+|have\s+|had\s+)?(?:been|was|were|is|are)\s+(?:also\s+)?"
    r"(?:invited|asked|urged|pressed|encouraged)\s+to\s+"
)
_COMPANY = re.compile(
    r"\b(?:together with|along with|alongside|accompanied by|"
    r"join(?:s|ed|ing)?(?=\s+(?:[A-Z][\w.]*['’]s\s+|[A-Z][a-z]+\s+)?"
    r"(?:President|Prime Minister|Premier|Chancellor|King|Queen)\b)|"
    r"joined(?:\s+(?:at|in|on)\s+[^,.;]{1,60}?)?\s+by|"
    # "with" alone, but not "meet with", "talks with": those are other people.
    r"(?<!met )(?<!meet )(?<!meets )(?<!meeting )(?<!talks )(?<!talk )(?<!spoke )with)\b",
    re.I,
)
_MEETING_OF_TWO = re.compile(
    r"\b(?:a|an)\s+(?:[\w-]+\s+){0,2}(?:summit|meeting|call|talks|sitdown|encounter)\s+$",
    re.I,
)
# "he is NATO secretary-general and will attend": an office after a copula says
# what the subject is; it is not another subject.
_PREDICATE = re.compile(
    r"\b(?:is|are|was|were|be|been|became|becomes|remains|remained)\s+(?:now\s+|also\s+|still\s+)?"
    r"(?:the\s+|a\s+|an\s+)?(?:[A-Z][\w.'’-]*\s+){0,3}$"
)
_HOSTS = re.compile(r"(?:host|hosts|hosted|hosting|welcome|welcomes|welcomed|welcoming)\s+")
_INCLUDES = re.compile(
    r"[^.;:]{0,60}?\b(?:include|includes|included|including|are|were|will be|is|was|"
    r"among them|among whom|such as)\s+"
    r"(?:the\s+)?(?=[A-Z])"
)


@dataclass(frozen=True)
class Link:
    """Whom a trigger is about, who stands in, and where its hedging words start."""

    actors: tuple[Entity, ...]
    representative: str | None
    window_start: int


def clause_start(text: str, at: int) -> int:
    """Where the clause holding position ``at`` begins."""
    start = 0
    for m in CLAUSE_BREAK.finditer(text, 0, at):
        start = m.end()
    return start


def link(
    trigger: Trigger, actors: list[ActorMention], text: str, topic: Entity | None = None
) -> Link:
    """The people ``trigger`` speaks of (none when it speaks of nobody identifiable).

    ``topic`` is the person the text was about before this sentence: "in his place"
    never means the subject's own place, so there it refers to the topic.
    """
    clause = clause_start(text, trigger.start)
    # "He has not travelled since May and is likely to join by video": a verb phrase
    # joined by "and" shares the subject of the clause before.
    shared = _COORDINATED.search(text, max(0, clause - 5), trigger.end)
    scope = 0 if shared else clause
    before = [a for a in actors if scope <= a.start and a.end <= trigger.start]
    after = [a for a in actors if a.start >= trigger.end]
    subjects = [
        a
        for a in before
        if not _is_object(text, a, trigger)
        and not (a.entity.name is None and _PREDICATE.search(text, 0, a.start))
        and (
            not _possessive(text, a)
            or _DECISION.match(text, a.end, trigger.start)
            or _ENCOUNTER.match(text, a.end, trigger.start)
        )
    ]
    # "X said Chile's exports go to ...": the speaker is not the subject of what was said.
    said = [
        a
        for a in subjects
        if _SAID.search(text, a.end, trigger.start)
        and _SAID.search(_ASIDE.sub(",", text[a.end : trigger.start]))
    ]
    subjects = [a for a in subjects if a not in said]
    nobody = Link((), None, clause)
    if trigger.side == "object":
        owner = _owner(trigger, before, after, text)
        return Link((owner.entity,), None, clause) if owner else nobody
    if trigger.side == "inverted":
        # "Absent from the summit were X and Y": the people listed after the verb.
        named = [a for a in after if a.entity.name or a.kind == "group"]
        if not named:
            return nobody
        return Link(tuple(a.entity for a in coordinated_after(named, text)), None, clause)
    if trigger.side == "without":
        first = after[0] if after and after[0].start - trigger.end < 40 else None
        return Link((first.entity,), None, clause) if first else nobody
    subject = subjects[-1] if subjects else None
    participle = _PARTICIPLE.fullmatch(text, 0, trigger.start) and re.match(
        r"\w+ing\b", text[trigger.start : trigger.end]
    )
    if subject is None and trigger.side == "subject" and participle:
        # "Opening the first session, Lao Foreign Minister X said ...": a participle
        # clause shares the subject of the main clause after it.
        comma = text.find(",", trigger.end)
        main = [a for a in after if comma >= 0 and a.start > comma and a.kind != "group"]
        main = [a for a in main if not governed(text, a) and not _possessive(text, a)]
        subject = main[0] if main else None
    # "will fly to Kuala Lumpur before going on to Seoul": a gerund after a
    # conjunction shares the subject of the clause it hangs from.
    hanging = None
    if subject is None and trigger.side == "subject" and not participle:
        gerund = re.match(r"\w+ing\b", text[trigger.start : trigger.end])
        hanging = _HANGING.search(text, 0, trigger.start) if gerund else None
    if hanging is not None:
        main = [
            a
            for a in actors
            if a.end <= hanging.start() and not governed(text, a) and not _possessive(text, a)
        ]
        subject = main[0] if main else None
    if trigger.side == "standin":
        # "Colby will attend in Hegseth's place": the absent one is named in the phrase.
        named = [a for a in actors if trigger.start <= a.start < trigger.end + 40]
        absent = named[0].entity if named else None
        # "Harris and Sullivan will attend in his place": the first named stands in.
        goers = _coordinated(subjects, text) if subject else []
        going = {g.entity for g in goers}
        if absent is not None and absent in going:
            # "Putin said he would not go and that Lavrov would go in his place"
            others = [a.entity for a in actors if a.end <= goers[0].start and a.entity.name]
            others = [e for e in others if e not in going]
            fallback = others[-1] if others else topic
            absent = fallback if named[0].kind == "pronoun" else None
        if absent is None or absent in going:
            return nobody
        return Link((absent,), goers[0].entity.name if goers else None, clause)
    if trigger.side == "represented":
        return _represented(trigger, subject, before, after, text, clause)
    if trigger.side == "sent":
        return _sent(trigger, subject, after, text, clause)
    if trigger.side == "excluded":
        # "shut its top diplomat out of the retreat": the one between verb and "out of";
        # "X was barred from the summit": the subject of a passive.
        cut = re.search(r"\b(?:from|out of)\b", text[trigger.end :])
        limit = trigger.end + (cut.start() if cut else 0)
        inside = [a for a in after if a.start < limit and a.kind != "pronoun"]
        if inside:
            return Link((inside[0].entity,), None, clause)
        passive = subject and _PASSIVE.fullmatch(text, subject.end, trigger.start)
        return Link((subject.entity,), None, clause) if subject and passive else nobody
    if trigger.side == "contrast":
        # "Medvedev, not Putin, will lead Russia at the summit"
        named = [a for a in after if a.start - trigger.end < 20]
        if named and subject and named[0].entity is not subject.entity:
            return Link((named[0].entity,), subject.entity.name, clause)
        return nobody
    # "it would be a disaster if Zelenskyy stayed away": a supposition, not a claim.
    if subject is not None and _SUPPOSING.search(text[clause : subject.start]):
        return nobody
    # "she had pressed Zelenskyy to come": a request, not a statement that anyone goes.
    if trigger.side == "subject" and (
        _REQUESTED.search(text, clause, trigger.start)
        or (subject and _INVITED.fullmatch(text, subject.end, trigger.start))
    ):
        return nobody
    if subject is None:
        # "those due to attend include Energy Secretary X, Agriculture Secretary Y and Z",
        # "Kazan will also host China's Xi Jinping and Iran's president"
        listed = _INCLUDES.match(text, trigger.end) or _HOSTS.match(text, trigger.start)
        if listed:
            members = [a for a in after if a.start >= listed.end() and not _possessive(text, a)]
            if members and members[0].start - listed.end() < 40:
                group = coordinated_after(members, text)
                return Link(tuple(a.entity for a in group), None, clause)
        return nobody
    # Earlier members of a list join the subject even after a preposition:
    # "a setback for Starmer and King Charles, who are both making the journey".
    members = [
        a
        for a in before
        if a is not subject
        and a.kind != "pronoun"
        and (a.end <= subject.start or (a.start, a.end) == (subject.start, subject.end))
    ]
    # ", and he will fly": a pronoun after a comma starts a clause of its own.
    if subject.kind == "pronoun" and re.search(r",\s*(?:and\s+)?$", text[: subject.start]):
        members = []
    group = _coordinated([*members, subject], text)
    # "X had suggested he would stay away": a hedge may stand before a pronoun subject.
    start = group[0].start
    if subject.kind == "pronoun":
        start = max(clause, start - 30)
    window = max(subject.end, clause) if not shared else shared.end()
    window = min(window, start) if subject.kind == "pronoun" else window
    if re.search(r"\bneither\b", text[clause : group[0].start], re.I):
        window = clause  # "Neither X nor Y is going"
    for m in _COORDINATED.finditer(text, window, trigger.start):
        window = m.end()
    return Link(tuple(a.entity for a in group + _companions(trigger, after, text)), None, window)


def _companions(trigger: Trigger, after: list[ActorMention], text: str) -> list[ActorMention]:
    """ "X is in town for the summit, together with a line-up of leaders - among them A,
    B and C", "Biden, who was joined by the prime ministers ... - A, B and C": the people
    who go with the subject share what is said of it."""
    if trigger.status != "attend":
        return []
    company = _COMPANY.search(text, trigger.start, trigger.end + 90)
    # "for the APEC meeting and a long-awaited summit with Biden": a meeting of two,
    # where "the NATO summit with his ministers" is company.
    if company is None or _MEETING_OF_TWO.search(text, 0, company.start()):
        return []
    listed = [a for a in after if a.start >= company.end() and (a.entity.name or a.kind == "group")]
    listed = [a for a in listed if not _possessive(text, a)]
    if not listed or listed[0].start - company.end() > 70:
        return []
    # "with Asia-Pacific leaders and will send X": a new verb phrase, not company.
    if _VERB_BETWEEN.search(text, company.end(), listed[0].start):
        return []
    # "with Harris going in his place": X is the subject of its own -ing verb.
    if re.match(r"\s+\w+ing\b", text[listed[0].end :]):
        return []
    return coordinated_after(listed, text)


def _represented(
    trigger: Trigger,
    subject: ActorMention | None,
    before: list[ActorMention],
    after: list[ActorMention],
    text: str,
    clause: int,
) -> Link:
    phrase = text[trigger.start : trigger.end]
    nobody = Link((), None, clause)
    if subject is None:
        return nobody
    # "is represented at the talks by his deputy, Christopher Landau"
    by = re.compile(r"\bby\b").search(text, trigger.start, trigger.end + 40)
    if re.search(r"\brepresented(?: by)?$", phrase) and by:
        others = [a for a in after if a.start > by.start() and a.entity is not subject.entity]
        if others and others[0].entity.name:
            return Link((subject.entity,), others[0].entity.name, clause)
    # "Iwaya, who represents Prime Minister Shigeru Ishiba"
    represented = after[0] if after and after[0].start - trigger.end < 3 else None
    representing = re.search(r"\b(?:represent|replac)", phrase)
    if representing and represented is not None and represented.kind == "pronoun":
        # "Trump asked Pence to represent him": him is the asker, the one asked goes.
        if _ASKED.search(text, clause, trigger.start):
            asked = [a for a in before if a.entity is not subject.entity and a.entity.name]
            return Link((subject.entity,), asked[-1].entity.name, clause) if asked else nobody
        # "His foreign minister, X, will represent him": him is the one met before.
        if represented.entity is not subject.entity and subject.entity.name:
            return Link((represented.entity,), subject.entity.name, clause)
        return nobody
    if (
        representing
        and represented
        and represented.entity.name
        and represented.entity is not subject.entity
    ):
        return Link((represented.entity,), subject.entity.name, clause)
    # "Trump will send Vice President Mike Pence instead"
    send = re.search(r"\b(?:send|sends|sent|sending|dispatch\w*)\b", text[clause : trigger.start])
    if send:
        send_at = clause + send.start()
        sender = [a for a in before if a.end <= send_at]
        sent = [a for a in before if a.start >= send_at and a.entity.name and a.kind != "pronoun"]
        if sender and sent:
            return Link((sender[-1].entity,), sent[0].entity.name, clause)
    return nobody


def _sent(
    trigger: Trigger,
    subject: ActorMention | None,
    after: list[ActorMention],
    text: str,
    clause: int,
) -> Link:
    """ "Salwai is sending Climate Change Minister Regenvanu": a principal who sends
    someone of lower office stays away; "it will send X" (a state, a government): X goes."""
    nobody = Link((), None, clause)
    sent = after[0] if after and after[0].start - trigger.end <= 12 else None
    # "send his deputy, Ivan Havryliuk": the one sent is named after the noun.
    if sent is not None and sent.kind == "pronoun" and len(after) > 1:
        named = _NAMED_AFTER.fullmatch(text, sent.end, after[1].start)
        sent = after[1] if named else sent
    if sent is None or sent.kind == "pronoun" or not (sent.entity.name or sent.entity.country):
        return nobody
    sender = subject.entity if subject and subject.kind != "group" else None
    if sender is None or sender is sent.entity:
        return Link((sent.entity,), None, clause)
    outranks = ROLE_RANK.get(sender.role or "official", 3) < ROLE_RANK.get(
        sent.entity.role or "official", 3
    )
    if outranks and sent.entity.name:
        return Link((sender,), sent.entity.name, clause)
    return nobody


def _owner(
    trigger: Trigger, before: list[ActorMention], after: list[ActorMention], text: str
) -> ActorMention | None:
    """Whose absence: "Hegseth's planned absence", "his absence", "the absence of
    Marco Rubio", "Biden, whose attendance is confirmed"."""
    for a in reversed(before):
        if re.fullmatch(r",\s+(?:[^,]{0,40},\s+)?whose\s+(?:own\s+)?", text[a.end : trigger.start]):
            return a
        gap = text[a.end : trigger.start]
        pronoun = a.kind == "pronoun" and text[a.start : a.end].lower() in ("his", "her")
        if (pronoun and re.fullmatch(r"\s+(?:\w+\s+){0,2}", gap)) or re.fullmatch(
            r"['’]s?\s+(?:\w+\s+){0,2}", gap
        ):
            return a
    if after and re.fullmatch(
        r"\s+(?:of|by)\s+(?:the\s+)?(?:[A-Z][\w.’'-]*\s+)?", text[trigger.end : after[0].start]
    ):
        return after[0]
    return None


def _coordinated(subjects: list[ActorMention], text: str) -> list[ActorMention]:
    """ "Rubio, Vance and Kellogg will all be present": every member of a listed subject."""
    group = [subjects[-1]]
    for prev in reversed(subjects[:-1]):
        same_phrase = (prev.start, prev.end) == (group[0].start, group[0].end)  # "the two"
        if not same_phrase and not _LIST_GLUE.fullmatch(text, prev.end, group[0].start):
            break
        if prev.entity not in [g.entity for g in group]:
            group.insert(0, prev)
    return group


def coordinated_after(members: list[ActorMention], text: str) -> list[ActorMention]:
    """The people listed from ``members[0]`` on: "A, B and C"."""
    group = [members[0]]
    for nxt in members[1:]:
        if not _LIST_GLUE.fullmatch(text, group[-1].end, nxt.start):
            break
        group.append(nxt)
    return group


def _possessive(text: str, mention: ActorMention) -> bool:
    """ "Trump's envoy": a possessor modifies a noun and is no subject."""
    if mention.kind == "pronoun":
        return text[mention.start : mention.end].lower() in ("his", "her")
    return text[mention.end : mention.end + 2] in ("'s", "’s") or text[mention.end] in "'’"


def _is_object(text: str, mention: ActorMention, trigger: Trigger) -> bool:
    """Whether a mention is the object of a preposition or verb, not a subject."""
    # "Heads of state from Nigeria and Kenya": the state stands for its office.
    if mention.kind == "group" or not governed(text, mention):
        return False
    # "... by President X, who will attend": the relative clause is about X.
    if re.match(r",\s+who\b", text[mention.end : trigger.start]):
        return False
    # "with Marco Rubio staying away", "with Harris going in his place": X is the
    # subject of the -ing verb after it.
    absolute = re.search(r"\bwith(?:out)?\s+(?:\S+\s+){0,2}$", text[: mention.start])
    gap = text[mention.end : trigger.start]
    gerund = (
        re.match(r"\w+ing\b", text[trigger.start : trigger.end])
        if not gap.strip()
        else re.fullmatch(r"\s+\w+ing\s+", gap)
    )
    return not (absolute and gerund)
