"""Regular expressions compiled once from the reference data in ``emptychair.vocab``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from emptychair import vocab

# Lowercase words that may stand inside a person's name ("Lula da Silva", "bin Salman").
PARTICLES = frozenset(
    "da de del della der di do dos du van von bin bint ibn al el la le ben y af zu den ter".split()
)

_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿāăąćčďđēęěğīıľłńňōőœřśşšťūůűźżžșț"
_WORD = f"[{_UPPER}](?:['’][{_UPPER}])?[{_UPPER}{_LOWER}]*[{_LOWER}](?:-[{_UPPER}{_LOWER}]+)*"
_HYPHEN_PARTICLE = f"(?:al|el|bin|ibn|ben)-[{_UPPER}][{_LOWER}]+"
# Initials written together ("JD Vance") count when a capitalised word follows.
_INITIALS = f"(?<![\\w.])[{_UPPER}]{{2,3}}(?=\\s+[{_UPPER}][{_LOWER}])"
NAME_TOKEN = f"(?:{_WORD}|{_HYPHEN_PARTICLE}|[{_UPPER}]\\.|{_INITIALS})"
# A run of capitalised words, with name particles between them.
NAME_RUN = re.compile(
    f"{NAME_TOKEN}(?:\\s+(?:(?:{'|'.join(sorted(PARTICLES))})\\s+)*{NAME_TOKEN})*"
    f"(?:,?\\s+(?:Jr\\.|Sr\\.|III|II|IV))?"
)


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True) if w)


@dataclass(frozen=True)
class Countries:
    """Country names and adjectives with their ISO alpha-3 codes."""

    by_form: dict[str, str]
    name_re: re.Pattern[str]
    # Names and seats of government, not capitals: a capital is as often a venue.
    state_re: re.Pattern[str]
    adjective_re: re.Pattern[str]
    ambiguous: frozenset[str]

    def code(self, form: str) -> str | None:
        """ISO code for a name, adjective, capital or seat of government."""
        return self.by_form.get(form.strip().rstrip("’'").removesuffix("’s").removesuffix("'s"))


@cache
def countries() -> Countries:
    """Compiled country vocabulary."""
    by_form: dict[str, str] = {}
    names: list[str] = []
    states: list[str] = []
    adjectives: list[str] = []
    ambiguous: set[str] = set()
    for entry in vocab.load("countries"):
        code = entry["iso3"]
        for key in ("names", "capitals", "seats"):
            for form in entry.get(key, []):
                by_form.setdefault(form, code)
                names.append(form)
                if key != "capitals":
                    states.append(form)
        for form in entry.get("adjectives", []) + entry.get("demonyms", []):
            by_form.setdefault(form, code)
        adjectives.extend(entry.get("adjectives", []))
        if entry.get("ambiguous"):
            ambiguous.update(entry.get("names", []))
    return Countries(
        by_form=by_form,
        name_re=re.compile(f"(?<![\\w.])(?:the )?({_alternation(names)})(?![\\w])"),
        state_re=re.compile(f"(?<![\\w.])(?:the )?({_alternation(states)})(?![\\w])"),
        adjective_re=re.compile(f"(?<![\\w.])({_alternation(adjectives)})(?![\\w-])"),
        ambiguous=frozenset(ambiguous),
    )


@dataclass(frozen=True)
class Title:
    """One title pattern and the role (and sometimes the country) it implies."""

    pattern: str
    role: str
    country: str | None


@cache
def titles() -> list[Title]:
    """Title patterns, longest first so the most specific wins."""
    out = [Title(t["pattern"], t["role"], t.get("country")) for t in vocab.load("titles")["titles"]]
    return sorted(out, key=lambda t: _literal_length(t.pattern), reverse=True)


def _literal_length(pattern: str) -> int:
    """How many characters a pattern surely matches: optional parts and look-arounds
    do not count."""
    required = _without_lookarounds(pattern)
    required = re.sub(r"\(\?:[^()]*\)\?", "", required)
    return len(re.sub(r"[\\()?:|\[\]+*]", "", required))


def _without_lookarounds(pattern: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(pattern):
        if pattern.startswith(("(?!", "(?=", "(?<!", "(?<="), i):
            depth = 0
            while i < len(pattern):
                depth += {"(": 1, ")": -1}.get(pattern[i], 0)
                i += 1
                if depth == 0:
                    break
            continue
        out.append(pattern[i])
        i += 1
    return "".join(out)


@cache
def title_re() -> re.Pattern[str]:
    """Any title, as a named group per entry (``t0``, ``t1`` ...), case-insensitive."""
    parts = [f"(?P<t{i}>{t.pattern})" for i, t in enumerate(titles())]
    return re.compile(f"(?<![\\w-])(?:{'|'.join(parts)})(?![\\w-])", re.IGNORECASE)


def title_of(match: re.Match[str]) -> Title:
    """The Title whose group matched in a ``title_re`` match."""
    group = match.lastgroup or ""
    return titles()[int(group[1:])]


@cache
def honorifics() -> frozenset[str]:
    """Honorifics that mark the next word as a person's name ("Mr Erdogan")."""
    return frozenset(vocab.load("titles")["honorifics"])


@cache
def non_name_words() -> frozenset[str]:
    """Capitalised words that are never part of a person's name."""
    words = set(_STOP_WORDS.split())
    for title in titles():
        words.update(w for w in re.findall(r"[a-z]+", title.pattern) if len(w) > 2)
    # Of place names, only the one-word ones: "Paz" or "Jose" alone is a name, "La Paz"
    # and "San Jose" are places (``place_phrases``).
    words.update(form.lower() for form in countries().by_form if " " not in form)
    return frozenset(words)


@cache
def place_phrases() -> re.Pattern[str]:
    """Country, capital and demonym forms of more than one word ("United States", "La Paz")."""
    forms = sorted((f for f in countries().by_form if " " in f), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, forms)) + r")(?![\w-])")


_STOP_WORDS = """
the a an and but or in on at of for to from by with as after before since while when where
this that these those his her its their our my your he she it they we you i there here
monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday
january february march april june july august september october november december
sept oct nov dec
nato eu un g7 g20 asean apec brics sco osce quad cop summit council assembly conference
ministerial ministerials meeting meetings session talks dialogue forum
alliance union organisation organization forum group commission parliament congress senate
ministry department office house government cabinet administration agency committee
court bank fund party army navy force forces guard security defense defence foreign state
affairs national international federal central european western eastern northern southern
north south east west world global united nations new old great city island islands
republic kingdom democratic people's peoples federation
reuters ap afp bloomberg politico associated press news times post journal agency tass
x twitter facebook telegram instagram
also however meanwhile although though despite neither nor not no yes if so then still
because since while when whenever once unless until whether where why how what who which yet
thus hence indeed instead moreover nevertheless nonetheless even only just now tonight
last next other some many most all both several few such every each any
mr mrs ms dr sir
chief head spokesman spokeswoman spokesperson official officials diplomat diplomats
sources source leaders leader ministers minister president secretary prime premier
general chancellor king queen prince pope vice deputy ambassador envoy
"""
