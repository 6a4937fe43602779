"""People and offices (``extract.actors``): titles, appositives, honorifics, coreference."""

from __future__ import annotations

import datetime as dt

import pytest

from emptychair.extract.actors import ActorMention, Registry, find_actors, lookup_holder

WHEN = dt.date(2025, 3, 10)


def people(sentence: str, registry: Registry | None = None) -> list[ActorMention]:
    return find_actors(sentence, registry or Registry(WHEN))


def only_person(sentence: str, registry: Registry | None = None) -> ActorMention:
    found = [m for m in people(sentence, registry) if m.kind != "pronoun"]
    assert len(found) == 1, [(m.entity.name, m.kind) for m in found]
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "name", "role", "country"),
    [
        ("Chinese President Xi Jinping will travel to Kazan.", "Xi Jinping", "leader", "CHN"),
        (
            "U.S. Defense Secretary Pete Hegseth arrived late.",
            "Pete Hegseth",
            "defence_minister",
            "USA",
        ),
        (
            "Britain's foreign secretary, David Lammy, will be there.",
            "David Lammy",
            "foreign_minister",
            "GBR",
        ),
        (
            "Brazilian Foreign Minister Mauro Vieira said little.",
            "Mauro Vieira",
            "foreign_minister",
            "BRA",
        ),
        (
            "German Chancellor Friedrich Merz flew in overnight.",
            "Friedrich Merz",
            "leader",
            "DEU",
        ),
        (
            "Japan's Defense Minister Gen Nakatani landed in Singapore.",
            "Gen Nakatani",
            "defence_minister",
            "JPN",
        ),
        (
            "Indian External Affairs Minister S. Jaishankar spoke next.",
            "S. Jaishankar",
            "foreign_minister",
            "IND",
        ),
        (
            "Treasury Secretary Scott Bessent left the room.",
            "Scott Bessent",
            "finance_minister",
            "USA",
        ),
        (
            "South African Deputy President Paul Mashatile stood in.",
            "Paul Mashatile",
            "deputy",
            "ZAF",
        ),
        pytest.param(
            "The Kenyan ambassador to the UN, Erastus Lokaale, read a statement.",
            "Erastus Lokaale",
            "ambassador",
            "KEN",
        ),
    ],
)
def test_title_and_name_with_country(sentence: str, name: str, role: str, country: str) -> None:
    m = only_person(sentence)
    assert m.entity.name == name
    assert m.entity.role == role
    assert m.entity.country == country
    assert m.kind == "name"


@pytest.mark.parametrize(
    ("sentence", "published", "name"),
    [
        pytest.param(
            "Chinese Defence Minister Dong Jun stayed in Beijing.",
            dt.date(2025, 5, 30),
            "Dong Jun",
        ),
        pytest.param(
            "British Prime Minister Theresa May flew to Brussels.",
            dt.date(2018, 10, 17),
            "Theresa May",
        ),
        ("Defence Minister Pal Jonson arrived in Brussels.", WHEN, "Pal Jonson"),
    ],
)
def test_name_words_that_look_like_month_abbreviations(
    sentence: str, published: dt.date, name: str
) -> None:
    m = only_person(sentence, Registry(published))
    assert m.entity.name == name


def test_mention_span_covers_title_and_name() -> None:
    sentence = "On Monday, Chinese President Xi Jinping left Beijing."
    m = only_person(sentence)
    assert sentence[m.start : m.end].endswith("Xi Jinping")


def test_appositive_gives_role_and_country() -> None:
    m = only_person("Marco Rubio, the U.S. secretary of state, will fly to Brussels.")
    assert m.entity.name == "Marco Rubio"
    assert m.entity.role == "foreign_minister"
    assert m.entity.country == "USA"


def test_appositive_with_country_possessive() -> None:
    m = only_person("Ana Pereira, Portugal's defence minister, did not travel.")
    assert m.entity.name == "Ana Pereira"
    assert m.entity.role == "defence_minister"
    assert m.entity.country == "PRT"


def test_eu_institution_is_euu() -> None:
    m = only_person("European Commission President Ursula von der Leyen will attend.")
    assert m.entity.name == "Ursula von der Leyen"
    assert m.entity.country == "EUU"
    assert m.entity.role == "official"


def test_nato_secretary_general_is_nat() -> None:
    m = only_person("NATO Secretary General Mark Rutte will be in Kyiv.")
    assert m.entity.name == "Mark Rutte"
    assert m.entity.country == "NAT"
    assert m.entity.role == "official"


def test_un_secretary_general_is_uno() -> None:
    m = only_person("U.N. Secretary-General Antonio Guterres will speak first.")
    assert m.entity.name == "Antonio Guterres"
    assert m.entity.country == "UNO"
    assert m.entity.role == "official"


def test_honorific_makes_a_single_word_a_person() -> None:
    found = people("Mr Erdogan said he would go.")
    named = [m for m in found if m.kind != "pronoun"]
    assert len(named) == 1
    assert named[0].entity.name is not None
    assert named[0].entity.name.split()[-1] == "Erdogan"
    # On the reference list, he is Turkey's president.
    assert named[0].entity.country == "TUR"
    pronouns = [m for m in found if m.kind == "pronoun"]
    assert pronouns and pronouns[0].entity is named[0].entity


def test_honorific_for_an_unknown_person() -> None:
    m = only_person("Ms Okonkwo declined to comment.")
    assert m.entity.name == "Okonkwo"


def test_a_lone_unknown_capitalised_word_is_nobody() -> None:
    assert [m for m in people("Brussels braced for a long night.") if m.entity.name] == []


def test_coreference_surname_title_and_pronoun() -> None:
    registry = Registry(dt.date(2024, 11, 10))
    first = only_person("Japanese Prime Minister Shigeru Ishiba arrived in Lima.", registry)
    registry.topic = first.entity
    ishiba = first.entity
    assert ishiba.name == "Shigeru Ishiba"
    assert ishiba.country == "JPN"

    second = only_person("Ishiba will fly home on Sunday.", registry)
    assert second.entity is ishiba
    assert second.kind == "alias"

    third = people("The prime minister is tired.", registry)
    assert [m.entity for m in third] == [ishiba]
    assert third[0].kind == "title"

    fourth = people("He will skip the dinner.", registry)
    assert [m.entity for m in fourth] == [ishiba]
    assert fourth[0].kind == "pronoun"


def test_the_foreign_secretary_resolves_to_the_one_met_before() -> None:
    registry = Registry(WHEN)
    lammy = only_person("British Foreign Secretary David Lammy flew to Ottawa.", registry).entity
    found = people("The foreign secretary will return on Friday.", registry)
    assert [m.entity for m in found] == [lammy]


def test_the_minister_resolves_to_the_minister_met_before() -> None:
    registry = Registry(WHEN)
    jonson = only_person("Swedish Defence Minister Pal Jonson flew to Brussels.", registry).entity
    found = people("The minister will return on Friday.", registry)
    assert [m.entity for m in found] == [jonson]


def test_pronoun_binds_to_the_name_before_it_in_the_sentence() -> None:
    registry = Registry(WHEN)
    registry.topic = only_person("Chinese President Xi Jinping is in Moscow.", registry).entity
    found = people("Italian Prime Minister Giorgia Meloni said she would go.", registry)
    meloni = next(m.entity for m in found if m.kind == "name")
    she = next(m for m in found if m.kind == "pronoun")
    assert she.entity is meloni


def test_two_people_in_one_sentence_stay_apart() -> None:
    found = people(
        "French President Emmanuel Macron and German Chancellor Olaf Scholz met in Paris.",
        Registry(dt.date(2024, 5, 1)),
    )
    named = [m.entity for m in found if m.kind == "name"]
    assert [e.name for e in named] == ["Emmanuel Macron", "Olaf Scholz"]
    assert [e.country for e in named] == ["FRA", "DEU"]


@pytest.mark.parametrize(
    "sentence",
    [
        "It is rare for a Chinese president to miss such a meeting.",
        pytest.param(
            "No foreign minister has ever skipped it.",
        ),
        pytest.param(
            "Any prime minister would have gone.",
        ),
        pytest.param(
            "Each defence minister will speak for five minutes.",
        ),
    ],
)
def test_indefinite_titles_are_nobody(sentence: str) -> None:
    assert people(sentence) == []


def test_office_without_name_is_an_entity_when_definite() -> None:
    found = people("The Brazilian president will not travel.")
    assert len(found) == 1
    entity = found[0].entity
    assert entity.name is None
    assert entity.role == "leader"
    assert entity.country == "BRA"


def test_lookup_holder_full_name_by_date() -> None:
    holder = lookup_holder("Joe Biden", dt.date(2023, 5, 1))
    assert holder is not None
    assert holder.country == "USA"
    assert holder.role == "leader"


def test_lookup_holder_earlier_office() -> None:
    holder = lookup_holder("Joe Biden", dt.date(2012, 5, 1))
    assert holder is not None
    assert holder.role == "deputy"


def test_lookup_holder_alias() -> None:
    holder = lookup_holder("Joseph R. Biden", dt.date(2022, 1, 20))
    assert holder is not None
    assert holder.name == "Joe Biden"


def test_lookup_holder_unique_surname_resolves() -> None:
    holder = lookup_holder("Biden", dt.date(2023, 5, 1))
    assert holder is not None
    assert holder.name == "Joe Biden"
    assert holder.role == "leader"


def test_lookup_holder_surname_shared_at_that_date_does_not_resolve() -> None:
    # Wang Yi (foreign minister) and Wang Qishan (vice president) both held office.
    assert lookup_holder("Wang", dt.date(2019, 6, 1)) is None


def test_lookup_holder_unknown_person() -> None:
    assert lookup_holder("Zorbland Quux", WHEN) is None


def test_registry_surname_resolves_to_reference_list_holder() -> None:
    registry = Registry(dt.date(2023, 9, 1))
    m = only_person("President Biden will fly to New Delhi.", registry)
    assert m.entity.name == "Joe Biden"
    assert m.entity.country == "USA"
    assert m.entity.role == "leader"


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        # "La Paz", "San Jose" and "Santo Domingo" are places; their words alone are names.
        ("Bolivia's foreign minister, Fernando Paz, arrived in La Paz.", "Fernando Paz"),
        ("Costa Rica's President Jose Domingo spoke in San Jose.", "Jose Domingo"),
        # Untitled words after "in" or "at" name a place, not a second person.
        ("Premier Wen Lan will take part in the summit, in Rio de Janeiro, next week.", "Wen Lan"),
        ("Premier Wen Lan arrived at Porto Alegre on Friday.", "Wen Lan"),
    ],
)
def test_places_of_several_words(sentence: str, name: str) -> None:
    m = only_person(sentence)
    assert m.entity.name == name
