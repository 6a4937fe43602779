"""People and offices in a document, and which of them each phrase refers to.

A person is recognised by a title ("U.S. Defense Secretary Pete Hegseth"), an
appositive ("Marco Rubio, the U.S. secretary of state"), an honorific ("Mr
Erdogan") or the reference list of office holders. Later mentions (a surname,
"the minister", "he") resolve to the people already met in the document.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from functools import cache

from emptychair import vocab
from emptychair.extract import lexicon

# Titles too vague to stand for a person on their own ("the official").
_WEAK_ROLES_WORDS = re.compile(
    r"^(?:official|general|(?:press )?secretary|spokes\w+|leader|minister|envoy)$", re.I
)
_QUALIFIERS = (
    r"(?:(?:former|then|then-|new|newly[- ]installed|current|acting|outgoing|incoming|top|"
    r"senior|interim|caretaker|the|its|his|her|their|newly|recently|elected|appointed|"
    r"embattled|beleaguered|veteran|hardline|ailing|visiting|powerful|influential|"
    r"controversial|popular|unpopular|"
    # "junta-appointed", "long-serving", "Moscow-friendly": compound adjectives
    r"[A-Za-z]+-[a-z]+(?:-[a-z]+)?)\s+)*"
)
# A bare title that refers back, and the end of the roles it may stand for.
_REFERS_BACK = {"minister": "minister", "leader": "leader"}
_PRONOUN = re.compile(r"\b(?:he|she|his|her|him|He|She|His|Her|Him)\b")
# "him", or "her" where no noun follows: "represented her at the summit".
_OBJECT_PRONOUN = re.compile(r"him\b|her(?=\s*(?:[,.;:]|$|(?:at|in|on|to|as|for|from)\b))")


_PREPOSITION = re.compile(
    r"\b(?:under|with|to|for|from|against|about|of|on|at|by|like|than|between|including|"
    r"meet|met|see|saw|invite|invited|urged|asked|told|called|thanked|welcomed|telephoned|phoned|"
    r"visited|praised|critici[sz]ed|congratulated|greeted|received|hosted|accompanied|blamed|"
    r"pressed|persuaded|replaced)\s+(?:the\s+)?(?:(?!(?:that|who|which|and|but)\b)[\w.’'-]+\s+){0,2}?$",
    re.I,
)

_CONJUNCT = re.compile(
    r"([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,4})(?:\s*,\s*|\s+and\s+|\s+or\s+)"
    r"(?:[A-Z][\w.’'-]*\s+){0,2}$"
)


@dataclass(eq=False)
class Entity:
    """A person (or an office whose holder is unnamed) that a document speaks of."""

    name: str | None
    role: str | None = None
    country: str | None = None
    confirmed: bool = False  # seen with a title, an honorific or in the reference list
    aliases: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)  # as written: "premier", "president"
    mentions: int = 0  # how often the document has named this person so far


@dataclass(frozen=True)
class ActorMention:
    """A phrase in a sentence that refers to an entity."""

    start: int
    end: int
    entity: Entity
    kind: str  # "name", "alias", "title", "pronoun", "pair", "group"


@dataclass(frozen=True)
class Holder:
    """An office holder from the reference list."""

    name: str
    country: str | None
    role: str
    start: str
    end: str | None


@cache
def _holders() -> dict[str, list[Holder]]:
    index: dict[str, list[Holder]] = {}
    try:
        rows = vocab.load("people")
    except FileNotFoundError:
        return index
    for row in rows:
        holder = Holder(row["name"], row.get("country"), row["role"], row["from"], row.get("to"))
        for form in [row["name"], *row.get("aliases", [])]:
            index.setdefault(_fold(form), []).append(holder)
    return index


def _fold(name: str) -> str:
    # "Harjit S. Sajjan" is "Harjit Sajjan": middle initials vary between reports.
    name = re.sub(r"\s[A-Z]\.(?=\s)", "", name)
    return re.sub(r"\s+", " ", name.strip()).lower()


@cache
def _surnames() -> dict[str, list[Holder]]:
    index: dict[str, list[Holder]] = {}
    for spells in _holders().values():
        for holder in spells:
            words = _fold(holder.name).split()
            # Chinese, Korean and Cambodian names put the family name first ("Xi").
            surname = words[0] if holder.country in _FAMILY_NAME_FIRST else words[-1]
            if holder not in index.setdefault(surname, []):
                index[surname].append(holder)
    return index


_FAMILY_NAME_FIRST = frozenset({"CHN", "KOR", "PRK", "TWN", "SGP", "KHM", "VNM"})


def lookup_holder(name: str, when: dt.date | None) -> Holder | None:
    """The office a known person held at ``when`` (the latest one otherwise).

    A lone surname ("Biden") resolves only when one office holder of that name
    was in office at ``when``.
    """
    spells = _holders().get(_fold(name))
    if not spells and " " not in name.strip() and when is not None:
        month = f"{when.year:04d}-{when.month:02d}"
        names = {
            h.name
            for h in _surnames().get(_fold(name), [])
            if h.start <= month and (h.end is None or month <= h.end)
        }
        if len(names) == 1:
            spells = _holders().get(_fold(names.pop()))
    if not spells:
        return None
    if when is not None:
        month = f"{when.year:04d}-{when.month:02d}"
        current = [h for h in spells if h.start <= month and (h.end is None or month <= h.end)]
        if current:
            # Someone holding two offices at once is reported in the higher one.
            return min(current, key=lambda h: ROLE_RANK.get(h.role, 3))
    return max(spells, key=lambda h: h.start)


_GENERIC_TITLES = frozenset(
    ["leader", "minister", "official", "head of state", "head of government", "top diplomat"]
)
# One office written two ways: "the premier" is the prime minister named before.
_SAME_TITLE = {"premier": "prime minister", "pm": "prime minister", "p.m.": "prime minister"}


# How senior an office is, for choosing between offices and spotting stand-ins.
ROLE_RANK = {
    "leader": 0,
    "foreign_minister": 1,
    "defence_minister": 1,
    "finance_minister": 1,
    "deputy": 2,
    "minister": 2,
    "ambassador": 3,
    "official": 3,
}


class Registry:
    """The people of one document, in the order they appear."""

    def __init__(self, published: dt.date | None) -> None:
        self.published = published
        self.entities: list[Entity] = []
        self.topic: Entity | None = None

    def by_name(self, name: str) -> Entity | None:
        """The entity with this full name or whose name contains this word."""
        folded = _fold(name)
        for entity in reversed(self.entities):
            if entity.name and (_fold(entity.name) == folded or folded in entity.aliases):
                return entity
        # "Premier Li" in a headline, "Premier Li Qiang" in the text: one person.
        words = set(folded.split())
        for entity in reversed(self.entities):
            if entity.name and " " not in entity.name and _fold(entity.name) in words:
                return entity
        return None

    def by_office(
        self, role: str, country: str | None, title: str | None = None, named: bool = False
    ) -> Entity | None:
        """The entity most recently seen in this office.

        "the premier" is not the president seen before: a specific title must
        agree with the titles the entity was given.
        """
        title = _SAME_TITLE.get(title, title) if title else None
        specific = title is not None and title not in _GENERIC_TITLES
        for entity in reversed(self.entities):
            if entity.role != role or (country is not None and entity.country != country):
                continue
            # With the state named ("the Russian president") role and state suffice.
            unsure = country is None and (entity.titles or entity.name)
            if specific and title not in entity.titles and unsure:
                continue
            if named and entity.name is not None:
                continue
            return entity
        return None

    def last_two(self, kind: str) -> list[Entity]:
        """The two people of a kind ("leaders", "ministers") most recently named."""
        role = {"leaders": "leader", "presidents": "leader", "prime ministers": "leader"}
        wanted = role.get(kind)
        found: list[Entity] = []
        for entity in reversed(self.entities):
            if entity.name and entity.confirmed and (wanted is None or entity.role == wanted):
                found.append(entity)
            if len(found) == 2:
                return found[::-1]
        return []

    def salient(self, role_end: str) -> Entity | None:
        """ "the minister": the one the text is about, else the one it has named most
        often (the latest of those), not merely the last one named in passing."""
        if self.topic is not None and (self.topic.role or "").endswith(role_end):
            return self.topic
        named = [e for e in self.entities if e.name and (e.role or "").endswith(role_end)]
        if not named:
            return None
        return max(reversed(named), key=lambda e: e.mentions)

    def add(
        self,
        name: str | None,
        role: str | None,
        country: str | None,
        confirmed: bool,
        title: str | None = None,
    ) -> Entity:
        """Register a mention, merging with a person already known."""
        # "King Salman" is known by title and name together: not the Crown Prince
        # Mohammed bin Salman met before.
        titled = lookup_holder(f"{title} {name}", self.published) if name and title else None
        if titled is not None and name and " " not in name:
            name = titled.name
        holder = titled or (lookup_holder(name, self.published) if name else None)
        if holder:
            confirmed = True
            role = role or holder.role
            country = country or holder.country
        if name:
            entity = self.by_name(name)
            # "the U.S. secretary of state ... Marco Rubio": the office gets its name.
            if entity is None and role and country:
                entity = self.by_office(role, country, title, named=True)
            elif entity is None and role:
                # "its top diplomat ... Wunna Maung Lwin, foreign minister of the junta":
                # the one unnamed holder of that office met so far gets the name.
                unnamed = [e for e in self.entities if e.name is None and e.role == role]
                entity = unnamed[0] if len(unnamed) == 1 else None
        else:
            entity = self.by_office(role or "", country, title)
        if entity is None:
            entity = Entity(name=name)
            self.entities.append(entity)
        if name:
            if entity.name is None or len(name) > len(entity.name):
                entity.name = name
            if holder and " " not in name and entity.name == name:
                entity.name = holder.name  # "President Biden" is Joe Biden
            entity.aliases.update(_alias_forms(entity.name or name))
        entity.role = entity.role or role
        # A title's country beats a guess from the reference list.
        entity.country = country or entity.country
        entity.confirmed = entity.confirmed or confirmed
        entity.mentions += 1
        if title:
            entity.titles.add(_SAME_TITLE.get(title, title))
        return entity


def _alias_forms(name: str) -> set[str]:
    tokens = [t for t in re.split(r"\s+", name) if t.lower() not in lexicon.PARTICLES]
    tokens = [t for t in tokens if not re.fullmatch(r"[A-Z]\.|Jr\.|Sr\.|I+|IV", t)]
    forms = {t.lower() for t in tokens if len(t) > 1}
    if len(tokens) >= 2:
        forms.add(" ".join(tokens[-2:]).lower())
    # "Ursula von der Leyen" is "Von der Leyen" at the start of a sentence.
    words = name.split()
    particle = next((i for i, w in enumerate(words) if i and w.lower() in lexicon.PARTICLES), None)
    if particle is not None:
        forms.add(" ".join(words[particle:]).lower())
    return forms


def find_actors(sentence: str, registry: Registry) -> list[ActorMention]:
    """The people and offices ``sentence`` mentions, resolved against ``registry``."""
    mentions: list[ActorMention] = []

    def free(s: int, e: int) -> bool:
        return not any(s < m.end and m.start < e for m in mentions)

    for t in lexicon.title_re().finditer(sentence):
        if free(t.start(), t.end()):
            mention = _titled(sentence, t, registry)
            if mention is not None:
                mentions.append(mention)
    non_names = lexicon.non_name_words()
    for run in lexicon.NAME_RUN.finditer(sentence):
        start, end, name = _trim(sentence, run.start(), run.end(), non_names)
        if not name or not free(start, end):
            continue
        mention = _named(sentence, start, end, name, registry)
        if mention is not None:
            mentions.append(mention)
    named = sorted((m for m in mentions if m.entity.name), key=lambda m: m.start)
    for p in _PRONOUN.finditer(sentence):
        if not free(p.start(), p.end()):
            continue
        # "Xie said he would go": a pronoun binds to the person named before it in
        # the sentence, else to the person the text is about.
        earlier = [m for m in named if m.end <= p.start()]
        # ... the subject named before it, not an object ("to see PM Lee, and he will").
        subjects = [m for m in earlier if not governed(sentence, m)]
        if subjects:
            referent: Entity | None = subjects[-1].entity
        else:
            referent = registry.topic or (earlier[-1].entity if earlier else None)
        # "Shettima represented him": an object pronoun is never its own clause's subject.
        subject = subjects[-1] if subjects else None
        if (
            subject is not None
            and _OBJECT_PRONOUN.match(sentence, p.start())
            and not re.search(r"[,;:]|\band\b", sentence[subject.end : p.start()])
        ):
            others = [m.entity for m in earlier if m.entity is not subject.entity]
            topic = registry.topic if registry.topic is not subject.entity else None
            referent = others[-1] if others else topic
        if referent is not None:
            mentions.append(ActorMention(p.start(), p.end(), referent, "pronoun"))
    for group in _GROUP.finditer(sentence):
        # "his counterparts from Japan, Italy and Britain", "heads of state from Nigeria
        # and Kenya": one office per state, its holder unnamed.
        role = _GROUP_ROLES.get(group.group(1).lower())
        if role is None:
            # "his counterparts": the office of the person named just before.
            met = [m.entity for m in mentions if m.end <= group.start() and m.entity.name]
            counterpart = met[-1] if met else registry.topic
            role = counterpart.role if counterpart else None
        for state in _states_listed(sentence, group.end()):
            code = lexicon.countries().code(state.group(1))
            if role and code and free(state.start(1), state.end(1)):
                entity = registry.add(None, role, code, True)
                mentions.append(ActorMention(state.start(1), state.end(1), entity, "group"))
    for pair in _PAIR.finditer(sentence):
        # "the two leaders": the last two people of that kind the text named.
        if free(pair.start(), pair.end()):
            for entity in registry.last_two(pair.group(1)):
                mentions.append(ActorMention(pair.start(), pair.end(), entity, "pair"))
    mentions.sort(key=lambda m: m.start)
    mentions = _appositives_joined(sentence, mentions)
    _place_by_context(sentence, mentions, registry)
    return mentions


# What may stand between a name and a title set off after it: ", the president's senior ".
_APPOSITION_OPEN = re.compile(r"\s*,\s+(?:who (?:is|was)\s+)?[^,;()]{0,40}$")
_APPOSITION_CLOSE = re.compile(r"\s*(?:,|\)|\s[-–—]\s|$)")


def _appositives_joined(sentence: str, mentions: list[ActorMention]) -> list[ActorMention]:
    """A bare title set off after a name ("John Podesta, the president's senior
    climate adviser, will go") is that person again, not an office of its own."""
    joined = list(mentions)
    for i, m in enumerate(mentions):
        if m.kind != "title" or m.entity.name:
            continue
        before = mentions[i - 1] if i > 0 else None
        after = mentions[i + 1] if i + 1 < len(mentions) else None
        if (
            before is not None
            and _same_person(m, before)
            and _APPOSITION_OPEN.fullmatch(sentence, before.end, m.start)
            and _APPOSITION_CLOSE.match(sentence, m.end)
        ):
            joined[i] = replace(m, entity=before.entity)
        # "will send his deputy, Ivan Havryliuk": the name set off after the title.
        elif (
            after is not None
            and _same_person(m, after)
            and re.fullmatch(r",\s+", sentence[m.end : after.start])
            and _APPOSITION_CLOSE.match(sentence, after.end)
        ):
            joined[i] = replace(m, entity=after.entity)
    return joined


def _same_person(title: ActorMention, named: ActorMention) -> bool:
    """Whether a bare title may be an apposition of a named mention beside it."""
    return (
        named.kind in ("name", "alias")
        and bool(named.entity.name)
        and title.entity.country in (None, named.entity.country)
    )


_GROUP = re.compile(
    r"\b(counterparts|heads of state|heads of government|leaders|presidents|prime ministers|"
    r"foreign ministers|defen[cs]e ministers|finance ministers)\s+(?:from|of)\s+(?=[A-Z])",
    re.I,
)
_GROUP_ROLES = {
    "heads of state": "leader",
    "heads of government": "leader",
    "leaders": "leader",
    "presidents": "leader",
    "prime ministers": "leader",
    "foreign ministers": "foreign_minister",
    "defence ministers": "defence_minister",
    "defense ministers": "defence_minister",
    "finance ministers": "finance_minister",
}


def _states_listed(sentence: str, at: int) -> list[re.Match[str]]:
    """The states named one after another from ``at``: "Japan, Italy and Britain"."""
    found: list[re.Match[str]] = []
    pos = at
    while True:
        state = lexicon.countries().state_re.match(sentence, pos)
        if state is None:
            return found
        found.append(state)
        glue = re.compile(r",\s*(?:and\s+)?|\s+and\s+").match(sentence, state.end())
        if glue is None:
            return found
        pos = glue.end()


_MONTH_NAMES = frozenset(
    "January February March April May June July August September October November December".split()
)
_PAIR = re.compile(
    r"\b[Tt]he two (leaders|presidents|men|women|ministers|prime ministers|heads of state)\b"
)


def _place_by_context(sentence: str, mentions: list[ActorMention], registry: Registry) -> None:
    """Give a country to people the text names without one.

    "Trump's Ukraine envoy" and "his vice president" serve the possessor's state;
    failing that, the country the sentence names nearest before the person.
    """
    c = lexicon.countries()
    for m in mentions:
        if m.entity.country is not None or m.kind == "pronoun":
            continue
        owner = re.search(
            r"([A-Z][\w-]+)['’]s\s+(?:[\w-]+\s+){0,3}$|\b(his|her)\s+(?:[\w-]+\s+){0,3}$",
            sentence[max(0, m.start - 50) : m.start],
        ) or re.match(r",\s+([A-Z][\w-]+)['’]s\s", sentence[m.end :])
        if owner and owner.group(1):
            known = registry.by_name(owner.group(1))
            m.entity.country = known.country if known else None
        elif owner:
            # "Bolsonaro nor his vice president": his is the person named just before.
            earlier = [x.entity for x in mentions if x.end <= m.start and x.entity.name]
            referent = earlier[-1] if earlier else registry.topic
            if referent is not None and referent is not m.entity:
                m.entity.country = referent.country
        if m.entity.country is None:
            near = max(0, m.start - 60)
            named = [*c.adjective_re.finditer(sentence, near, m.start)]
            named += [*c.state_re.finditer(sentence, near, m.start)]
            named = [x for x in named if not _a_place(sentence, x)]
            if named:
                nearest = max(named, key=lambda x: x.start())
                m.entity.country = c.code(nearest.group(1))
            else:
                # Failing that, the one state the sentence names, if it names only one.
                states = [*c.state_re.finditer(sentence), *c.adjective_re.finditer(sentence)]
                # "Cambodian foreign ministry spokesperson Chum Sounry": another's state.
                others = [x.start for x in mentions if x is not m]
                anywhere = {
                    c.code(x.group(1))
                    for x in states
                    if not _a_place(sentence, x)
                    and not any(0 <= at - x.end() <= 40 for at in others)
                }
                if len(anywhere) == 1:
                    m.entity.country = anywhere.pop()


def _a_place(sentence: str, state: re.Match[str]) -> bool:
    """ "in Addis Ababa, the Ethiopian capital", "ambassador to Ethiopia": a state
    named as a place someone is in or goes to, not as the state someone serves."""
    before = sentence[max(0, state.start() - 30) : state.start()]
    after = sentence[state.end() : state.end() + 20]
    return bool(_TO_A_PLACE.search(before) or _PLACE_NOUN.match(after))


_TO_A_PLACE = re.compile(
    r"\b(?:in|to|at|into|across|near|visiting|visit to|trip to|capital of|city of)\s+"
    r"(?:the\s+)?$"
)
_PLACE_NOUN = re.compile(r"\s+(?:capital|city|soil|border|territory)\b")


def _trim(sentence: str, start: int, end: int, non_names: frozenset[str]) -> tuple[int, int, str]:
    """Drop capitalised words that cannot be part of a name from both ends of a run."""
    text = sentence[start:end]
    tokens = list(re.finditer(r"\S+", text))
    places = [m.span() for m in lexicon.place_phrases().finditer(text)]
    keep = [
        tok
        for tok in tokens
        if tok.group(0).lower().strip(",") not in non_names
        and not any(s <= tok.start() < e for s, e in places)
    ]
    # A sentence's first word is capitalised whatever it is: "Calling Xi", "Should Xi".
    word = tokens[0].group(0)
    opener = re.search(r"(?:ing|ed|ly)$", word) or word.lower() in _OPENERS
    if keep and keep[0] is tokens[0] and opener and _sentence_initial(sentence, start):
        keep = keep[1:]
    if not keep:
        return start, start, ""
    # Only a contiguous stretch counts: a stop word inside ends the name.
    first = tokens.index(keep[0])
    last = first
    while last + 1 < len(tokens) and tokens[last + 1] in keep:
        last += 1
    # "Shanghai Cooperation Organisation", "Gulf Cooperation Council": words before an
    # institution's noun are its name, not a person's.
    if last + 1 < len(tokens) and tokens[last + 1].group(0).strip(",").lower() in _INSTITUTIONS:
        return start, start, ""
    s, e = start + tokens[first].start(), start + tokens[last].end()
    name = sentence[s:e].rstrip(",")
    return s, s + len(name), name


_INSTITUTIONS = frozenset(
    (
        "organisation organization council union league alliance forum dialogue conference "
        "summit commission committee bank fund assembly treaty agency institute foundation"
    ).split()
)
_OPENERS = frozenset(
    (
        "should could would will can may might must did does do has have had is are was were "
        "asked despite during following amid without with within among even only yet so "
        "earlier later meanwhile separately instead still now then there here both"
    ).split()
)


def _sentence_initial(sentence: str, start: int) -> bool:
    return not sentence[:start].strip(" \"'“‘(-—–•*")


def _named(
    sentence: str, start: int, end: int, name: str, registry: Registry
) -> ActorMention | None:
    before = sentence[max(0, start - 6) : start]
    # "on May 31", "June 4": a month before a day is a date, not a surname.
    if name in _MONTH_NAMES and re.match(r"\s+\d", sentence[end:]):
        return None
    honorific = re.search(r"\b(?:Mr|Mrs|Ms|Dr|Sir|Dame)\.?\s$", before)
    known = registry.by_name(name)
    if known is not None:
        if " " not in name and known.name and " " in known.name:
            known.mentions += 1
            return ActorMention(start, end, known, "alias")
        return ActorMention(start, end, registry.add(name, None, None, False), "name")
    country, role = _appositive(sentence, end)
    possessor = _possessor_country(sentence, start)
    # "in Rio de Janeiro", "at Sochi": untitled words after "in" or "at" name a place,
    # unless someone of that name holds an office ("in Lavrov's absence" is possessive).
    at_place = re.search(r"\b(?:in|at)\s+$", sentence[:start]) and not sentence[end:].startswith(
        ("'", "’")
    )
    if at_place and not (honorific or role) and lookup_holder(name, registry.published) is None:
        return None
    # Two or more name words make a person; one word needs a title or an honorific.
    confirmed = bool(honorific or role or possessor or " " in name)
    if not confirmed and lookup_holder(name, registry.published) is None:
        return None
    entity = registry.add(name, role, country or possessor, confirmed)
    return ActorMention(start, end, entity, "name")


def _appositive(sentence: str, end: int) -> tuple[str | None, str | None]:
    """Country and role from ", the U.S. secretary of state," or "of Qatar" after a name."""
    after = sentence[end : end + 90]
    # ", the U.S. secretary of state", " - foreign minister of the junta -"
    m = re.match(r"(?:,|\s[-–—])\s+(?:who\s+(?:is|was|heads|leads)\s+)?" + _QUALIFIERS, after)
    if m:
        rest = after[m.end() :]
        country, rest_after = _leading_country(rest)
        rest_after = re.sub("^" + _QUALIFIERS, "", rest_after)
        t = lexicon.title_re().match(rest_after)
        # ", the president's senior adviser": the possessor's title is not this person's.
        while t and re.match(r"['’]s\s", rest_after[t.end() :]):
            rest_after = re.sub("^" + _QUALIFIERS, "", rest_after[t.end() + 2 :].lstrip())
            t = lexicon.title_re().match(rest_after)
        # ", Deputy Foreign Minister Sergey Ryabkov": that title belongs to the next name.
        if t and not re.match(r",?\s+" + lexicon.NAME_TOKEN, rest_after[t.end() :]):
            title = lexicon.title_of(t)
            tail = rest_after[t.end() :]
            country = country or _of_country(tail) or title.country
            return country, title.role
    of = re.match(r"\s+of\s+((?:the\s+)?[A-Z][\w ]+)", after)
    if of:
        return lexicon.countries().code(of.group(1).removeprefix("the ")), None
    return None, None


def _leading_country(text: str) -> tuple[str | None, str]:
    c = lexicon.countries()
    m = re.match(r"(?:the\s+)?([A-Z][\w.’' -]*?)(?:['’]s)?\s+", text)
    if m:
        for cut in range(len(m.group(1)), 0, -1):
            code = c.code(m.group(1)[:cut])
            if code and m.group(1)[:cut] == m.group(1)[:cut].rstrip():
                rest = text[m.start(1) + cut :]
                rest = re.sub(r"^['’]s", "", rest).lstrip()
                return code, rest
    return None, text


def _of_country(text: str) -> str | None:
    m = re.match(r"\s+of\s+(?:the\s+)?([A-Z][\w]*(?:\s+[A-Z][\w]*)*)", text)
    return lexicon.countries().code(m.group(1)) if m else None


def _possessor_country(sentence: str, start: int) -> str | None:
    """ "Japan's Shinzo Abe": the country named just before a name."""
    m = re.search(
        r"([A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)['’]s?\s+$", sentence[max(0, start - 40) : start]
    )
    return lexicon.countries().code(m.group(1)) if m else None


def _titled(sentence: str, t: re.Match[str], registry: Registry) -> ActorMention | None:
    title = lexicon.title_of(t)
    before = sentence[max(0, t.start() - 60) : t.start()]
    country = _country_before(before) or _of_country(sentence[t.end() : t.end() + 40])
    country = country or title.country or _possessor_state(before, registry)
    after = sentence[t.end() :]
    of_country = re.match(r"\s+of\s+(?:the\s+)?[A-Z][\w]*(?:\s+[A-Z][\w]*)*", after)
    offset = of_country.end() if of_country and _of_country(after) else 0
    # "Deputy Prime Minister and Defence Minister Richard Marles": one person, two titles.
    if re.match(r"\s+and\s+", after) and lexicon.title_re().match(after.split(" and ", 1)[1]):
        return None
    named = re.match(r",?\s+(" + lexicon.NAME_RUN.pattern + ")", after[offset:])
    if named:
        name_start = t.end() + offset + named.start(1)
        _, _, name = _trim(
            sentence, name_start, t.end() + offset + named.end(1), lexicon.non_name_words()
        )
        if name and sentence.find(name, name_start) == name_start:
            entity = registry.add(name, title.role, country, True, t.group(0).lower())
            return ActorMention(t.start(), name_start + len(name), entity, "name")
    # "Marco Rubio, the U.S. secretary of state": the title describes the name before it.
    if re.search(r"[A-Za-z]\s*,\s+" + _QUALIFIERS + r"(?:[A-Z][\w.’']*\s+)*$", before):
        return None
    # "a Chinese president", "No foreign minister": nobody in particular.
    if re.search(r"\b(?:a|an|any|every|no|each|another)\s+(?:[A-Z][\w.’'-]*\s+)*$", before, re.I):
        return None
    if _WEAK_ROLES_WORDS.match(t.group(0)):
        # "The minister will return", "the 78-year-old leader": a vague title only
        # refers back to someone met.
        word = t.group(0).lower()
        if re.search(r"\bthe\s+(?:\d+-year-old\s+)?$", before, re.I) and word in _REFERS_BACK:
            known = registry.salient(_REFERS_BACK[word])
            return ActorMention(t.start(), t.end(), known, "title") if known else None
        return None
    definite = re.search(r"(?:\bthe|\bits|['’]s|[A-Z][\w.]*)\s+" + _QUALIFIERS + r"$", before)
    if not definite and not country:
        return None
    written = t.group(0).lower()
    entity = registry.by_office(title.role, country, written) or registry.add(
        None, title.role, country, True, written
    )
    return ActorMention(t.start(), t.end(), entity, "title")


def _possessor_state(before: str, registry: Registry) -> str | None:
    """ "Rubio's deputy": the state of the person named as the office's holder's superior."""
    m = re.search(r"\b([A-Z][\w-]+)['’]s\s+$", before)
    owner = registry.by_name(m.group(1)) if m else None
    return owner.country if owner else None


def _country_before(before: str) -> str | None:
    """The country an adjective or possessive just before a title names."""
    c = lexicon.countries()
    m = re.search(
        r"(?:^|[\s(])((?:the\s+)?[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*?)(?:['’]s)?\s+"
        + _QUALIFIERS
        + r"$",
        before,
    )
    if not m:
        return None
    phrase = m.group(1).removeprefix("the ")
    words = phrase.split()
    for i in range(len(words)):
        code = c.code(" ".join(words[i:]))
        if code:
            return code
    return None


def governed(text: str, mention: ActorMention) -> bool:
    """Whether a mention stands after a preposition or a verb ("to see PM Lee"), so
    it is not what the sentence is about."""
    if mention.kind == "pronoun" and text[mention.start : mention.end].lower() in ("he", "she"):
        return False
    before = text[: mention.start]
    # "talks between Fidan and Greek Foreign Minister X": the second of a pair shares
    # the first one's place.
    pair = _CONJUNCT.search(before)
    if pair:
        before = before[: pair.start(1)]
    return bool(_PREPOSITION.search(before))
