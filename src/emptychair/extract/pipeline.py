"""Compose the extraction steps: document in, claims out.

For each sentence: find the people (``actors``), the meetings (``meetings``),
the attendance expressions (``status``), their hedges (``certainty``), the
sources (``attribution``) and the dates (``dates``); link each expression to
its people (``linking``) and its meeting; then fold what the document says of
each (actor, meeting) into one claim holding its final word (``merge``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from emptychair.extract import lexicon, merge
from emptychair.extract.actors import ActorMention, Entity, Registry, find_actors, governed
from emptychair.extract.attribution import SourceMemory, find_sources
from emptychair.extract.certainty import certainty_of
from emptychair.extract.dates import DateMention, find_dates
from emptychair.extract.linking import CLAUSE_BREAK, Link, clause_start, coordinated_after, link
from emptychair.extract.meetings import (
    MeetingMention,
    dominant_body,
    find_meetings,
    may_mention_meeting,
)
from emptychair.extract.status import TRAVEL, Trigger, apply_negation, find_triggers
from emptychair.extract.text import Sentence, split_sentences
from emptychair.model import Claim, Document, Source

# "It is very rare for a secretary of state to miss ...": a remark on habit, not a claim.
_GENERIC = re.compile(
    r"\b(?:it is|it was|it would be|it's|is it)\s+(?:\w+\s+){0,2}(?:rare|unusual|unprecedented|"
    r"common|normal|odd|typical|uncommon|customary|usual|unheard of)\b[^.]*?\bfor\b",
    re.I,
)
# A habit is no claim: "stay away from these meetings every year", "went to just one".
_HABIT = re.compile(
    r"\b(?:every|each) (?:year|time|summit|meeting|session)\b|\b(?:always|never|usually|typically|"
    r"routinely|regularly|habitually|tends? to|rarely|seldom)\b|"
    r"\b(?:went to|attended|missed|skipped|managed|made it to)\s+(?:just |only |all but )?"
    r"(?:one|two|three|half|some|most|all|none|a few|several)\b(?! of the)",
    re.I,
)
# "for a second consecutive year": this absence and the one before.
_REPEATED = re.compile(
    r"\b(?:second|third|fourth|fifth) (?:consecutive|straight|successive|year|time|summit|meeting)"
    r"(?: (?:year|time|summit|meeting))?(?: in a row)?\b",
    re.I,
)
# A plan the text says was given up ("had initially intended to skip").
# ... and a plan put in the past perfect, which news uses for plans overtaken:
# "he had been due to address the summit, but ...".
# "after earlier reports that he would join by video": a word since overtaken.
_SUPERSEDED = re.compile(
    r"\b(?:earlier|initial|previous|original|first)\s+(?:media\s+)?(?:reports?|plans?|"
    r"suggestions?|indications?|expectations?|announcements?)\s+(?:that|of|said|suggested|"
    r"indicated|had)\b"
)
# ", who had planned to attend,": closed before the verb it stands in front of ...
_ASIDE_CLAUSE = re.compile(r",\s*(?:who|which)\b[^,]*,")
# ... or, after the verb, running to the end: ", who rarely travels now."
_TRAILING_ASIDE = re.compile(r",\s*(?:who|which)\b[^,]*(?:,|$)")
_ABANDONED = re.compile(
    r"\b(?:initially|originally|at first|had been (?:due|scheduled|slated|set|meant) to|"
    r"had (?:planned|intended) to)\b",
    re.I,
)
# "declined to say whether he would attend": a question, not a claim.
_OPEN_QUESTION = re.compile(r"\bwhether\b", re.I)
# ... unless the actor is weighing it: "has not decided yet whether to attend".
_WEIGHING = re.compile(
    r"\b(?:decid|consider|weigh|mull|think|thought|work|unsure|undecided)\w*(?:\s+\w+){0,2}\s+whether\b",
    re.I,
)
_PLACE_BEFORE = re.compile(
    r"\b(?:the|his|her|its|their|this year's)\s+([A-Z][a-z]+(?: [A-Z][a-z]+)?)\s+"
    r"(?=(?:[A-Z][\w-]+\s+)?(?:summit|meeting|gathering|talks|conference|G-?\d+|[A-Z]{2,}))"
)
# Things one misses or attends that are not meetings.
_NOT_AN_EVENT = re.compile(
    r"\s+(?:the|a|an|his|her|their|its|this|that)\s+(?:[\w-]+\s+)?(?:deadline|speech|dinner|lunch|"
    r"luncheon|breakfast|reception|photo|vote|flight|plane|train|chance|opportunity|target|goal|"
    r"payment|call|appointment|ceremony|funeral|wedding|parade|match|game|concert|service)s?\b",
    re.I,
)
# "skipping a planned meeting with Zelenskiy": talks with someone, not the forum.
_WITH_SOMEONE = re.compile(
    r"\s+(?:the|a|an|his|her|their|its)\s+(?:[a-z-]+\s+){0,2}?"
    r"(?:meeting|talks|session|sit-down|encounter|call)\s+with\b"
)
# "hosted the virtual summit": a meeting held online is joined remotely.
_ONLINE_MEETING = re.compile(r"\b(?:virtual|online|video)\b", re.I)
# "last week's deadly floods": a date that belongs to another noun.
_DATE_OF_SOMETHING_ELSE = re.compile(
    r"['’]s\s+(?!(?:[\w-]+\s+){0,2}?(?:summits?|meetings?|talks|gatherings?|conference|session|"
    r"ministerial|forum|retreat|council|assembly)\b)"
)
_SECTION = re.compile(
    r"(?:WHO IS )?(?:NOT )?(?:COMING|GOING|ATTENDING|ABSENT|STAYING (?:AWAY|HOME)|SKIPPING|"
    r"CONFIRMED)(?:[A-Z ,]*)"
)
_LIST_ITEM = re.compile(r"[-•*–]\s")
_CALLED_OFF = re.compile(
    r"\b(?:dropped|scrapped|cancell?ed|abandoned|shelved|ditched) (?:\w+ )?plans?|"
    r"\bdecided against|\bdeclined|\brefused|\bpulled out|\bturned down",
    re.I,
)
# What may follow an attendance verb whose meeting was named in an earlier sentence.
_OPEN_OBJECT = re.compile(
    r"\s*(?:[,.;:)\"”]|$|(?:it|them|either|in person|after all|as well|too|himself|herself|at all|"
    r"this (?:time|year|week)|again|and|but|or|because|due|amid|over|until|since|if|unless|as|"
    r"after|from|overnight|late|early|"
    r"instead|in his place|in her place|by video|virtually|online|there|include|includes|"
    r"included|are|were|among|yesterday|today|earlier|later|overnight|last \w+|what|"
    r"on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|[A-Z][a-z]+ \d))\b)",
    re.I,
)
# Verbs (and verb + preposition) that take an object: what follows them is what is
# attended or missed, so it must not be some other event.
_TAKES_OBJECT = re.compile(
    r"\b(?:attend(?:s|ed|ing)?|skip\w*|miss(?:es|ed|ing)?|join(?:s|ed|ing)?|boycott\w*|snub\w*|"
    r"forg?o(?:es|ing|ne)?|forego\w*|forewent|withdr[a-z]*|address(?:es|ed|ing)?|chair(?:s|ed|ing)?|"
    r"host(?:s|ed|ing)?|lead(?:s|ing)?|led|head(?:s|ed|ing)?|sit out|sat out|up|down|to|in|at|"
    r"for|from|into|on|of)\s*$",
    re.I,
)
_FUTURE = re.compile(
    r"\b(?:will|won['’]t|shall|(?:is|are) (?:to|due|set|expected|scheduled|slated|planning|going|"
    r"heading|travell?ing|flying|leaving)|"
    r"plans?|intends?|next|upcoming|coming|tomorrow|set for|scheduled for)\b",
    re.I,
)
_VENUE = re.compile(
    r"\s+(?:in|at)\s+(?:the\s+)?(?:(?:[\w-]+\s+){1,2}(?:capital|city),?\s+|city of\s+)?"
    r"([A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,2})"
)
# A part of a meeting, named without the meeting: "the day's first session".
_MEETING_PART = re.compile(
    r"\s+(?:the|a|an|its|this|that|their)\s+(?:(?:day['’]s|ministerial|plenary|opening|closing|"
    r"first|second|third|final|last|main|working|high-level|open|quarterly|special|emergency|"
    r"informal|formal|full|leaders['’]|morning|afternoon|evening|summit['’]s|meeting['’]s)\s+){0,3}"
    r"(?:sessions?|debate|plenary|retreat|deliberations|proceedings|discussions|talks)\b",
    re.I,
)
# What may stand between two years of one list: "2020 and 2021", "2020, when ..., and in 2021".
_YEAR_GLUE = re.compile(r"\s*(?:,|,?\s*and|,\s*[^,.;]{1,50},\s*and)\s+(?:in\s+)?")
_HOPED = re.compile(
    r"\b(?:hopes?|hoped|hoping|wish(?:es|ed)?|would like)\b(?:\s+that)?\s+[^,;]{0,60}$"
)
# Where a sentence turns to another statement: "..., while", "; ", ", whereas".
_CONTRAST = re.compile(r";|,\s+(?:while|whereas)\b")
_PLANNED_MEETING = re.compile(
    r"\b(?:will|would|to|could|may|might|shall|hopes?|plans?|expects?)\s+(?:\w+\s+){0,2}?"
    r"(?:meet|see|hold talks|talk|sit down)\b"
)
_WOULD_BE = re.compile(r"\b(?:it|this|that)\s+would\s+(?:be|mark)\b", re.I)
# A sentence that opens at a meeting: "At last year's gathering in Bali, ..."
_AT_THE_MEETING = re.compile(
    r"(?:At|During|On the sidelines of|On the margins of)\s+(?=(?:the|last|this|that|a)\b)"
)
# "..., spokesperson Chum Sounry told AFP": who speaks is a source, not the topic.
_SPEAKER = re.compile(r"\s*(?:said|says|told|tells|added|announced|wrote|noted)\b")
_ARRIVAL = re.compile(
    r"\b(?:arrived|arrives|arriving|arrive|reached|reaches|landed|lands|travell?ed|flew|flies|"
    r"headed|heads) (?:in |at |to )?([A-Z][\w-]+(?: [A-Z][\w-]+)?)(?: on \w+| \w+day)? for\s+"
)
_ARRIVED = re.compile(r"(?:arriv|land|reach|touch)\w*")
_CONDITION = re.compile(r"\b(?:unless|provided|as long as|only if|if)\b", re.I)
_OPENING_CONDITION = re.compile(r"\s*(?:If|Unless|Should|Provided|As long as)\b[^,;]{3,}?,")
_SO_TOO = re.compile(
    r"\b(?:(?:and|but) so|,? as) (?:will|would|did|does|is|was|has|have)\s+(?:the\s+)?", re.I
)
_INSTEAD = re.compile(r"\binstead\b(?! of)", re.I)
_TIED = re.compile(
    r"(?:\s+(?:of|by)\s+[^,;]{0,60}?)?\s+(?:from|at|in)\s+"
    r"(?:the\s+|this\s+|next\s+|last\s+)?(?:[\w’'-]+\s+){0,3}"
)
_TIME_REFERENCE = re.compile(
    r"(?:ahead of|before|after|following|on the eve of|in the run-up to|since|until|"
    r"in the lead-up to|in preparation for|preparations for)\s+"
    # ... but "before going on to the summit" is going there.
    r"(?![a-z]+ing\b)(?:the\s+|this\s+|next\s+|last\s+|a\s+)?(?:[\w’'-]+\s+){0,5}$",
    re.I,
)
_SAID_NEXT = re.compile(
    r",?\s+(?:(?:the|his|her|its|their|a|an)\s+)?(?:[\w’'-]+\s+){0,3}?"
    r"(?:said|says|told|announced|confirmed)\b"
)
_SPEECH = re.compile(
    r"\b(?:said|says|told|announced|confirmed|reported|wrote|added|stated|briefing|spoke|"
    r"speaking|interview|statement|press conference|tweeted|posted)\b"
    r"(?:\s+\w+){0,3}?\s+(?:on\s+)?$",
    re.I,
)


def extract(document: Document) -> list[Claim]:
    """Every attendance claim the document makes, one per (actor, meeting)."""
    text = document.text
    title = document.title or ""
    if not may_mention_meeting(text) and not may_mention_meeting(title):
        return []
    reader = _Reader(document, dominant_body(f"{title}\n{text}"))
    reader.read_headline(title)
    for sentence in split_sentences(text):
        reader.read(sentence)
    return merge.fold(reader.drafts, reader.forum_dates)


class _Reader:
    """Reads a document sentence by sentence, keeping what coreference needs."""

    def __init__(self, document: Document, body: str | None) -> None:
        self.document = document
        self.body = body
        self.registry = Registry(document.published)
        # The meeting the story is about (headline, else first named), and the one
        # named last with the sentence that named it: "the summit" two paragraphs on
        # is the story's meeting again, not a side remark's.
        self.story_forum: str | None = None
        self.previous_forum: str | None = None
        self.previous_at = -1
        self.drafts: list[merge.Draft] = []
        # Dates the document gives each forum anywhere, for claims that give none.
        self.forum_dates: dict[str, list[str]] = {}
        # Where the document says each meeting is held ("the summit in Vilnius").
        self.venues: dict[str, str] = {}
        # Sentences read before any meeting was named: "X withdrew on Tuesday. ... the
        # Kuala Lumpur Summit" names the meeting after the fact.
        self.pending: list[tuple[Sentence, list[ActorMention], list[DateMention], bool]] = []
        # The status a factbox heading gives the list items under it.
        self.section: str | None = None
        # Stand-ins named without whom they stand in for, attached at the sentence's end.
        self.standins: list[tuple[Trigger, list[ActorMention], str, str, list[DateMention]]] = []
        self.sources = SourceMemory()
        # Which meeting of each forum the story is about: "the summit" is that one
        # unless a sentence names another ("the East Asia Summit").
        self.events: dict[str, str | None] = {}

    def read_headline(self, title: str) -> None:
        """A headline names the meeting the story is about; its claims come from the body."""
        named = [m for m in find_meetings(title, self.body, None) if m.explicit]
        for m in named:
            self.events.setdefault(m.forum, m.event)
        if named:
            self.story_forum = self.previous_forum = named[0].forum

    def read(self, sentence: Sentence) -> None:
        """Take in one sentence: its claims, and what later sentences refer back to."""
        text = sentence.text
        heading = _SECTION.fullmatch(text)
        if heading:
            # A factbox heading: "NOT COMING, OR NOT YET CONFIRMED", "COMING".
            self.section = "absent" if re.search(r"\bNOT\b|ABSENT|STAY|SKIP", text) else "attend"
            return
        if sentence.index - self.previous_at > 1 and self.story_forum:
            self.previous_forum = self.story_forum
        meetings = find_meetings(text, self.body, self.previous_forum)
        actors = find_actors(text, self.registry)
        future = bool(_FUTURE.search(text))
        dates = [
            d
            for d in find_dates(text, self.document.published, future)
            if not _speech_date(text, d)
        ]
        self._learn_meetings(text, meetings, dates)
        if meetings or self.previous_forum:
            self._statements(sentence, actors, meetings, dates, future)
        elif len(self.pending) < 3:
            self.pending.append((sentence, actors, dates, future))
        named = [m for m in meetings if m.explicit]
        for m in named:
            self.events.setdefault(m.forum, m.event)
        # "ahead of the summit" places something in time, "the 2023 G20 summit" looks
        # back; either still tells what the story is about when nothing else has.
        current = [m for m in named if not _time_reference(text, m) and not _past(dates, m)]
        if current or (named and self.previous_forum is None):
            self.previous_forum = (current or named)[-1].forum
            self.previous_at = sentence.index
            self.story_forum = self.story_forum or self.previous_forum
        # The person a sentence is about is its subject, not one it mentions in passing.
        subjects = [
            a
            for a in actors
            if a.kind in ("name", "alias")
            and a.entity.name
            and not governed(text, a)
            and not _SPEAKER.match(text, a.end)
        ]
        if subjects:
            self.registry.topic = subjects[0].entity
        elif self.registry.topic is None:
            # Until a subject is met, whoever the text names first is what it is about.
            named_any = [a for a in actors if a.kind in ("name", "alias") and a.entity.name]
            self.registry.topic = named_any[0].entity if named_any else None
        if self.previous_forum and self.pending:
            for earlier, earlier_actors, earlier_dates, earlier_future in self.pending:
                self._statements(earlier, earlier_actors, [], earlier_dates, earlier_future)
            self.pending = []

    def _statements(
        self,
        sentence: Sentence,
        actors: list[ActorMention],
        meetings: list[MeetingMention],
        dates: list[DateMention],
        future: bool,
    ) -> None:
        """The attendance statements of one sentence, added to the document's drafts."""
        text = sentence.text
        people = [(a.start, a.end, a.entity.name) for a in actors if a.entity.name]
        # The outlet that published the report is not its source.
        outlet = (self.document.outlet or "").lower()
        cited = self.sources.resolve(
            [
                (at, s)
                for at, s in find_sources(text, people)
                if not outlet or outlet not in s.descriptor.lower()
            ]
        )
        sources = tuple(s for _, s in cited)
        triggers = find_triggers(text)
        found: list[merge.Draft] = []
        for trigger in triggers:
            own = _sources_for(text, trigger, triggers, cited)
            found += self._claims(sentence, trigger, actors, meetings, dates, own, future)
        if not found:
            found = self._listed(sentence, actors, sources) or self._there(
                sentence, actors, meetings, dates, sources
            )
        self.drafts += found + self._elsewhere(text, found) + self._so_too(text, actors, found)
        for standin in self.standins:
            self._attach_standin(*standin)
        self.standins = []

    def _there(
        self,
        sentence: Sentence,
        actors: list[ActorMention],
        meetings: list[MeetingMention],
        dates: list[DateMention],
        sources: tuple[Source, ...],
    ) -> list[merge.Draft]:
        """ "At last year's gathering in Bali, Biden and Xi held talks": whoever the
        sentence has doing something at a meeting it opens with was there."""
        text = sentence.text
        opening = _AT_THE_MEETING.match(text)
        meeting = next((m for m in meetings if opening and m.start == opening.end()), None)
        if meeting is None:
            return []
        comma = text.find(",", meeting.end)
        main = [a for a in actors if comma >= 0 and a.start > comma and a.entity.name]
        if not main or governed(text, main[0]) or _SPEAKER.match(text, main[0].end):
            return []
        date = _date_near(dates, meeting.start)
        if date is None or (date.value is None and not date.past):
            date = self._default_date(dates)
        return [
            merge.Draft(
                entity=a.entity,
                forum=meeting.forum,
                status="attend",
                certainty="reported",
                representative=None,
                sources=sources,
                date=date,
                future=False,
                sentence=sentence,
            )
            for a in coordinated_after(main, text)
        ]

    def _listed(
        self, sentence: Sentence, actors: list[ActorMention], sources: tuple[Source, ...]
    ) -> list[merge.Draft]:
        """A list item under a factbox heading ("COMING", "NOT COMING") takes its status."""
        if self.section is None or self.previous_forum is None:
            return []
        if not _LIST_ITEM.match(sentence.text):
            return []
        people = [a.entity for a in actors if a.kind == "name" and a.entity.name]
        return [
            merge.Draft(
                entity=entity,
                forum=self.previous_forum,
                status=self.section,
                certainty="reported",
                representative=None,
                sources=sources,
                date=self._default_date([]),
                future=False,
                sentence=sentence,
            )
            for entity in dict.fromkeys(people)
        ]

    def _elsewhere(self, text: str, found: list[merge.Draft]) -> list[merge.Draft]:
        """ "Modi is instead going to the BRICS summit": going elsewhere instead is
        staying away from the meeting the story is about."""
        story = self.previous_forum
        if story is None or not _INSTEAD.search(text):
            return []
        return [
            replace(d, forum=story, status="absent", date=None, representative=None)
            for d in found
            if d.status == "attend" and d.forum != story and not (d.date and d.date.past)
        ]

    def _so_too(
        self, text: str, actors: list[ActorMention], found: list[merge.Draft]
    ) -> list[merge.Draft]:
        """ "Biden will attend the summit, and so will Morrison", "..., as will X": the
        same again."""
        too = _SO_TOO.search(text)
        if too is None or not found:
            return []
        first = [a for a in actors if a.start >= too.end() and a.start - too.end() < 40]
        if not first or first[0].entity is found[0].entity:
            return []
        return [replace(found[0], entity=first[0].entity, sources=(), representative=None)]

    def _learn_meetings(
        self, text: str, meetings: list[MeetingMention], dates: list[DateMention]
    ) -> None:
        # "reached Vientiane on Saturday for talks with ASEAN's foreign ministers"
        for arrival in _ARRIVAL.finditer(text):
            named = [m for m in meetings if arrival.end() <= m.start <= arrival.end() + 40]
            if named:
                self.venues.setdefault(arrival.group(1), named[0].forum)
        for mention in meetings:
            venue = _VENUE.match(text, mention.end)
            if venue:
                self.venues.setdefault(venue.group(1), mention.forum)
            # "the New Delhi meeting", "the Brisbane G20": a place named before the meeting.
            before = _PLACE_BEFORE.search(text, max(0, mention.start - 30), mention.end)
            if before and before.end(1) <= mention.end:
                self.venues.setdefault(before.group(1), mention.forum)
            near = _date_near(dates, mention.start)
            if near and near.value and not near.past:
                self.forum_dates.setdefault(mention.forum, []).append(near.value)

    def _claims(
        self,
        sentence: Sentence,
        trigger: Trigger,
        actors: list[ActorMention],
        meetings: list[MeetingMention],
        dates: list[DateMention],
        sources: tuple[Source, ...],
        future: bool,
    ) -> list[merge.Draft]:
        text = sentence.text
        generic = _GENERIC.search(text, 0, trigger.start)
        if generic and generic.end() <= trigger.start:
            return []
        if _NOT_AN_EVENT.match(text, trigger.end) or _WITH_SOMEONE.match(text, trigger.end):
            return []  # "missed the deadline", "skipped the gala dinner"
        # "hopes to meet Li on the sidelines of the summit": a plan to meet someone
        # there says nothing of taking part (FORMAT.md); "met Li on the sidelines" does.
        sidelines = re.search(
            r"\b(?:sidelines|margins|fringes)\b", text[trigger.start : trigger.end]
        )
        if sidelines and _PLANNED_MEETING.search(
            text, clause_start(text, trigger.start), trigger.end
        ):
            return []
        located = self._locate(trigger, actors, meetings, text)
        if located is None:
            return []
        forum, meeting_at, named_here = located
        here = next((m for m in meetings if m.start == meeting_at and m.explicit), None)
        event = here.event if here else self.events.get(forum)
        linked = link(trigger, actors, text, self.registry.topic)
        if not linked.actors:
            if trigger.side == "represented":
                # Once the sentence is read: "X will represent Australia, as Albanese
                # stays home" names the absence after its stand-in.
                self.standins.append((trigger, actors, text, forum, dates))
            return []
        # "X, who had planned to attend, cancelled his trip": an aside about the actor
        # does not hedge or negate the verb after it.
        window = _ASIDE_CLAUSE.sub(",", text[linked.window_start : trigger.start])
        if trigger.side in ("object", "without"):
            # Only the words on the noun itself hedge it: "his likely absence".
            window = " ".join(window.split()[-2:])
        clause = text[clause_start(text, trigger.start) : trigger.start]
        clause_end = CLAUSE_BREAK.search(text, trigger.end)
        # "Li stands in for Xi, who rarely travels now": the aside's habit is not the claim.
        own_clause = _TRAILING_ASIDE.sub(
            ",", text[trigger.start : clause_end.start() if clause_end else len(text)]
        )
        if _ABANDONED.search(window) or _HABIT.search(clause) or _HABIT.search(own_clause):
            return []
        if _OPEN_QUESTION.search(clause) and not _WEIGHING.search(clause):
            return []
        if _SUPERSEDED.search(clause):
            return []
        if trigger.status == "attend" and _CALLED_OFF.search(window):
            return []  # "dropped plans to attend": the absence trigger speaks for it.
        status = trigger.status
        # "has not decided whether to attend": the negation is on the deciding.
        if (
            trigger.negatable
            and trigger.side in ("subject", "sent")
            and not _WEIGHING.search(clause)
        ):
            status = apply_negation(status, window)
        if trigger.side == "sent" and linked.representative:
            status = "absent"  # the sender stays away; the one sent stands in
        if (
            status == "attend"
            and named_here
            and _ONLINE_MEETING.search(text, trigger.end, meeting_at)
        ):
            status = "virtual"
        after = re.split(r"[,:;.!?]", text[trigger.end : trigger.end + 12])[0]
        certainty = certainty_of(window + " " + after)
        # "is due in Brussels for the meeting": the hedge runs on into the trigger.
        if certainty == "reported" and re.search(r"\b(?:due|expected)\s*$", window):
            certainty = "expected"
        # "Biden hopes Xi will come": a hope about someone else's plans.
        if _HOPED.search(text, clause_start(text, trigger.start), linked.window_start):
            certainty = "possible"
        # "It would be the first G-20 meeting Xi has missed": the frame hedges it.
        if certainty == "reported" and _WOULD_BE.search(clause):
            certainty = "expected"
        # "won't attend unless the venue is changed": a condition after the verb.
        end = clause_end.start() if clause_end else len(text)
        if _CONDITION.search(text, trigger.end, end):
            certainty = "possible"
        # "If Putin goes to Kazan, he will meet Xi there": the whole sentence is supposed.
        if _OPENING_CONDITION.match(text):
            certainty = "possible"
        # A date in a sentence that does not name the meeting is rarely its date,
        # but "in 2021" or "last year" still says which meeting it was not.
        if named_here:
            date = _date_near(dates, meeting_at)
        else:
            # "In April, ... he chose to dial in", "took part on Monday": a date before
            # the verb, or just after it, is when it happened.
            near = [d for d in dates if d.end <= trigger.start or d.start - trigger.end < 25]
            near = [d for d in near if not _DATE_OF_SOMETHING_ELSE.match(text, d.end)]
            date = near[-1] if near else None
        if date is None or (date.value is None and not date.past):
            date = self._default_date(dates)
        # A noun that refers back ("his absence") brings no sources of its own.
        cited = sources if named_here or trigger.side != "object" else ()
        # An office with neither a holder's name nor a country identifies nobody.
        actors_known = [a for a in linked.actors if a.name or a.country]
        representative = linked.representative
        present = self._present_for_remote(linked, actors, forum)
        if present is not None:
            # One who joins by video is not absent: "X goes in his place" puts X there.
            actors_known, status, representative = [present], "attend", None
        # "took part by video in 2020 and 2021": one meeting each year.
        dated = _coordinated_years(text, dates, date) if date else [date]
        if _REPEATED.search(text) and trigger.side != "object":
            dated.append(DateMention(-1, -1, None, past=True))
        return [
            merge.Draft(
                entity=actor,
                forum=forum,
                status=status,
                certainty=certainty,
                representative=representative,
                sources=cited,
                date=when,
                future=future,
                sentence=sentence,
                nominal=trigger.side == "object",
                event=event,
            )
            for actor in actors_known
            for when in dated
        ]

    def _present_for_remote(
        self, linked: Link, actors: list[ActorMention], forum: str
    ) -> Entity | None:
        """The stand-in of a principal the document already has joining ``forum`` by
        video: FORMAT.md makes the principal virtual and the one present an attendee."""
        if not linked.representative:
            return None
        remote = any(
            d.forum == forum and d.status == "virtual" and d.entity in linked.actors
            for d in self.drafts
        )
        named = [a.entity for a in actors if a.entity.name == linked.representative]
        return named[0] if remote and named else None

    def _locate(
        self,
        trigger: Trigger,
        actors: list[ActorMention],
        meetings: list[MeetingMention],
        text: str,
    ) -> tuple[str, int, bool] | None:
        """The forum a trigger speaks of, where it is named, and whether this sentence names it.

        In order: a meeting named in the trigger's clause; the meeting held at the
        place travelled to; for "his absence", the meeting his absence was reported
        for; the meeting the text spoke of last, when nothing else follows the verb.
        """
        if text.startswith("accompan", trigger.start):
            # "X is accompanying the president": to the meeting the president goes to.
            led = [a.entity for a in actors if 0 <= a.start - trigger.end <= 12]
            went = [d for d in self.drafts if led and d.entity is led[0] and d.status == "attend"]
            return (went[-1].forum, trigger.end, False) if went else None
        # "sitting out Rio": a verb whose object is a meeting's venue.
        place = re.match(r"\s*([A-Z][\w-]+(?: [A-Z][\w-]+)*)", text[trigger.end :])
        held_there = self._venue(place.group(1)) if place else None
        if held_there:
            return held_there, trigger.end, True
        meeting = _meeting_for(trigger, meetings, text)
        if meeting is not None:
            return meeting.forum, meeting.start, True
        # "arrived in Vilnius ahead of the NATO summit": arriving before a meeting is
        # arriving for it.
        ahead = [m for m in meetings if m.start >= trigger.end and m.explicit]
        if ahead and _ARRIVED.match(text, trigger.start):
            return ahead[0].forum, ahead[0].start, True
        # "was not there when the summit opened": "there" is the meeting named next.
        later = [m for m in meetings if m.start >= trigger.end]
        if text.endswith("there", trigger.start, trigger.end) and later:
            return later[0].forum, later[0].start, True
        travel = re.compile(TRAVEL).match(text, trigger.start)
        if travel:
            place = re.compile(r"[A-Z][\w-]+(?: [A-Z][\w-]+)*").match(text, travel.end())
            forum = self._venue(place.group(0)) if place else None
            return (forum, trigger.end, True) if forum else None
        # "Kazan will also host Xi": the clause names the place a meeting is held.
        start = clause_start(text, trigger.start)
        end_at = CLAUSE_BREAK.search(text, trigger.end)
        clause = text[start : end_at.start() if end_at else len(text)]
        for venue, forum in self.venues.items():
            if re.search(rf"\b{re.escape(venue)}\b", clause):
                return forum, trigger.end, True
        if trigger.side == "object":
            owners = link(trigger, actors, text).actors
            mine = [d for d in self.drafts if d.entity in owners and d.status == trigger.status]
            if mine:
                return mine[-1].forum, trigger.end, False
            # "... whose attendance is confirmed" in a sentence about the summit.
            if meetings:
                nearest = min(meetings, key=lambda m: abs(m.start - trigger.start))
                return nearest.forum, nearest.start, True
        if self.previous_forum is None:
            return None
        # "attended a government session", "skipped a gala dinner": another event.
        # ("will be in the Ethiopian capital" names a place, and places are not events.)
        takes_object = _TAKES_OBJECT.search(text, trigger.start, trigger.end)
        # ... nor are people: "will host China's Xi Jinping".
        person = any(0 <= a.start - trigger.end <= 12 for a in actors)
        be_in = text.startswith("be ", trigger.start) or person
        # "chaired a ministerial debate", "attend the opening session": a part of the
        # meeting in question is that meeting.
        part = _MEETING_PART.match(text, trigger.end)
        if takes_object and not be_in and not part and not _OPEN_OBJECT.match(text[trigger.end :]):
            return None
        return self.previous_forum, trigger.end, False

    def _venue(self, place: str) -> str | None:
        """The forum held at ``place``: a venue named before, or the country whose
        capital it is ("in Cambodia" ... "to Phnom Penh"), or the other way round."""
        if place in self.venues:
            return self.venues[place]
        code = lexicon.countries().code(place)
        if code is None:
            return None
        for venue, forum in self.venues.items():
            if lexicon.countries().code(venue) == code:
                return forum
        return None

    def _default_date(self, dates: list[DateMention]) -> DateMention | None:
        """A meeting spoken of with no date of its own is, in news, the current one."""
        published = self.document.published
        if published is None or any(d.past for d in dates):
            return None
        return DateMention(-1, -1, f"{published.year:04d}-{published.month:02d}", past=False)

    def _attach_standin(
        self,
        trigger: Trigger,
        actors: list[ActorMention],
        text: str,
        forum: str,
        dates: list[DateMention],
    ) -> None:
        """Name the stand-in on the absence already reported for that forum
        ("Landau will represent the United States instead"), unless the sentence
        speaks of an earlier meeting ("In 2023 ... his minister went instead")."""
        if any(d.past and d.end <= trigger.start for d in dates):
            return
        clause = clause_start(text, trigger.start)
        before = [a for a in actors if clause <= a.start and a.end <= trigger.start]
        # "China will be represented by Premier Li Qiang"
        phrase = text[trigger.start : trigger.end]
        by = phrase.endswith("by") or re.match(r"\s*by\s", text[trigger.end :])
        after = [a for a in actors if a.start >= trigger.end and a.entity.name]
        named = after[:1] if by else before[-1:]
        if not named or not named[0].entity.name:
            return
        standin = named[0].entity
        for i in range(len(self.drafts) - 1, -1, -1):
            draft = self.drafts[i]
            same_side = standin.country is None or draft.entity.country in (None, standin.country)
            if draft.forum == forum and draft.status == "absent" and same_side:
                if draft.entity is not standin:
                    self.drafts[i] = replace(draft, representative=standin.name)
                return


def _meeting_for(
    trigger: Trigger, meetings: list[MeetingMention], text: str
) -> MeetingMention | None:
    """The meeting named nearest after the trigger in its clause, else before it."""
    meetings = [m for m in meetings if not _time_reference(text, m)]
    if trigger.side == "object":
        # "absence from the NATO meeting": only a meeting tied to the noun is its own.
        tied = [m for m in meetings if _TIED.fullmatch(text, trigger.end, m.start)]
        return tied[0] if tied else None
    clause_end = CLAUSE_BREAK.search(text, trigger.end)
    limit = clause_end.start() if clause_end else len(text)
    after = [m for m in meetings if trigger.start <= m.start < limit]
    if after:
        return after[0]
    before = [m for m in meetings if m.end <= trigger.end]
    return before[-1] if before else None


def _past(dates: list[DateMention], mention: MeetingMention) -> bool:
    """ "the 2023 G20 summit", "last year's summit": a meeting of an earlier year."""
    near = _date_near(dates, mention.start)
    if near is None:
        return False
    return near.past and near.value is None and abs(near.start - mention.start) < 25


def _time_reference(text: str, mention: MeetingMention) -> bool:
    """ "ahead of the NATO summit": a meeting named to place something in time."""
    return bool(_TIME_REFERENCE.search(text, max(0, mention.start - 50), mention.start))


def _sources_for(
    text: str, trigger: Trigger, triggers: list[Trigger], cited: list[tuple[int, Source]]
) -> tuple[Source, ...]:
    """The sources behind one statement of a sentence that may make several.

    "A will skip, a diplomat said, while B may join by video": a source cited after
    a statement vouches for its own part of the sentence; one that opens the
    sentence ("A diplomat said A will skip, while B ...") frames all of it.
    """
    part = _part_of(text, trigger.start)
    own: list[Source] = []
    for at, source in cited:
        if _part_of(text, at) == part:
            own.append(source)
            continue
        frames = not any(
            t.start < at and _part_of(text, t.start) == _part_of(text, at) for t in triggers
        )
        if frames and at < trigger.start:
            own.append(source)
    return tuple(own)


def _part_of(text: str, at: int) -> int:
    """Which contrasted part of a sentence position ``at`` falls in."""
    return len(_CONTRAST.findall(text, 0, at))


def _coordinated_years(
    text: str, dates: list[DateMention], date: DateMention
) -> list[DateMention | None]:
    """The years listed with ``date`` ("in 2020 and 2021", "in 2020, when Russia was
    the host, and in 2021"), ``date`` alone when it is not a year in such a list."""
    years = [d for d in dates if d.year_only and d.past]
    if date not in years:
        return [date]
    i = years.index(date)
    start = end = i
    while start > 0 and _YEAR_GLUE.fullmatch(text, years[start - 1].end, years[start].start):
        start -= 1
    while end + 1 < len(years) and _YEAR_GLUE.fullmatch(text, years[end].end, years[end + 1].start):
        end += 1
    return list(years[start : end + 1])


def _date_near(dates: list[DateMention], at: int) -> DateMention | None:
    """The date written closest to a meeting mention, if it is close enough to be its date."""
    near = [d for d in dates if abs(d.start - at) <= 80]
    return min(near, key=lambda d: abs(d.start - at)) if near else None


def _speech_date(text: str, date: DateMention) -> bool:
    """Dates of when something was said, or a dateline, are not dates of meetings."""
    if _SPEECH.search(text, max(0, date.start - 40), date.start):
        return True
    if re.match(r"\s*,?\s*(?:\(|[-—–]\s)", text[date.end :]) and date.start < 40:
        return True
    # "On Sunday his office said ...": a date opening a sentence about a statement.
    if re.fullmatch(r"\s*(?:On|on)?\s*", text[: date.start]) and _SAID_NEXT.match(text, date.end):
        return True
    return bool(re.match(r"\s*,?\s*(?:said|told|announced)\b", text[date.end :]))
