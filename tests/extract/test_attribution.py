"""Who a statement comes from (``extract.attribution``), as FORMAT.md counts sources."""

from __future__ import annotations

from emptychair.extract.attribution import SourceMemory, find_sources
from emptychair.model import Source


def sources(sentence: str, people: list[tuple[int, int, str]] | None = None) -> list[Source]:
    return [s for _, s in find_sources(sentence, people or [])]


def kinds(found: list[Source]) -> list[str]:
    return [s.kind for s in found]


def person(sentence: str, name: str) -> list[tuple[int, int, str]]:
    at = sentence.index(name)
    return [(at, at + len(name), name)]


def test_according_to_two_conjoined_anonymous_sources() -> None:
    found = sources(
        "The minister will skip the talks, according to a U.S. official and a NATO diplomat."
    )
    assert kinds(found) == ["anonymous", "anonymous"]
    assert [s.descriptor for s in found] == ["a U.S. official", "a NATO diplomat"]


def test_two_sources_said_counts_two() -> None:
    found = sources("The premier will not travel to Kazan, two sources said.")
    assert kinds(found) == ["anonymous", "anonymous"]


def test_two_sources_descriptor_is_source() -> None:
    found = sources("The premier will not travel to Kazan, two sources said.")
    assert [s.descriptor for s in found] == ["source", "source"]


def test_five_people_familiar_with_the_plans() -> None:
    found = sources(
        "The king will attend the opening ceremony, five people familiar with the plans said."
    )
    assert kinds(found) == ["anonymous"] * 5


def test_three_officials_said_before_the_clause() -> None:
    found = sources("Three European officials said the chancellor would stay in Berlin.")
    assert kinds(found) == ["anonymous"] * 3


def test_the_kremlin_said_is_named() -> None:
    found = sources("The president will go to Johannesburg, the Kremlin said on Monday.")
    assert kinds(found) == ["named"]
    assert "Kremlin" in found[0].descriptor


def test_a_foreign_office_spokesman_is_named() -> None:
    found = sources("Lammy will be in Brussels for the talks, a Foreign Office spokesman said.")
    assert kinds(found) == ["named"]
    assert "Foreign Office" in found[0].descriptor


def test_white_house_announced_is_named() -> None:
    found = sources("The White House announced that the vice president would lead the delegation.")
    assert kinds(found) == ["named"]


def test_according_to_politico_is_named_outlet() -> None:
    found = sources("The defence secretary will skip the meeting, according to Politico.")
    assert kinds(found) == ["named"]
    assert found[0].descriptor == "Politico"


def test_told_reuters_counts_the_teller_not_reuters() -> None:
    found = sources("The chancellor will not go to the summit, an EU official told Reuters.")
    assert kinds(found) == ["anonymous"]
    assert all("Reuters" not in s.descriptor for s in found)
    assert found[0].descriptor == "an EU official"


def test_diplomats_said_is_one_anonymous_entry() -> None:
    found = sources("The foreign minister is unlikely to come, diplomats said.")
    assert kinds(found) == ["anonymous"]


def test_sources_say_is_one_anonymous_entry() -> None:
    found = sources("Sources say the prince will lead the delegation.")
    assert kinds(found) == ["anonymous"]


def test_official_on_condition_of_anonymity() -> None:
    found = sources(
        "The premier will skip the dinner, said an official who spoke on condition of anonymity."
    )
    assert kinds(found) == ["anonymous"]


def test_named_person_is_a_named_source() -> None:
    sentence = "The minister will attend, ministry spokeswoman Lin Yuhan said."
    found = sources(sentence, person(sentence, "Lin Yuhan"))
    assert kinds(found) == ["named"]
    assert "Lin Yuhan" in found[0].descriptor


def test_source_offset_points_into_sentence() -> None:
    sentence = "The envoy will go, according to a senior diplomat."
    [(at, source)] = find_sources(sentence, [])
    assert sentence[at:].startswith(source.descriptor)


def test_no_source_when_the_text_speaks_on_its_own_authority() -> None:
    assert sources("The prime minister will attend the summit in Lima next week.") == []


def test_analysts_are_not_a_source_of_attendance() -> None:
    assert sources("Analysts said the summit would achieve little.") == []


def descriptors(sentence: str) -> list[str]:
    return [s.descriptor for _, s in find_sources(sentence, [])]


def test_a_counted_plural_takes_the_article_its_sound_wants() -> None:
    assert descriptors("He will go, two U.S. officials said.") == ["a U.S. official"] * 2
    assert descriptors("He will go, two Italian aides said.") == ["an Italian aide"] * 2


def test_the_officials_again_are_the_officials_already_cited() -> None:
    memory = SourceMemory()
    first = memory.resolve(find_sources("He will go, according to two U.S. officials.", []))
    again = memory.resolve(find_sources("He will also speak, the officials said.", []))
    assert [s for _, s in again] == [s for _, s in first]
    assert [s for _, s in first] == [Source("anonymous", "a U.S. official")] * 2
    # Someone new, and "the" with no one of its kind cited before, stay as they are.
    other = memory.resolve(find_sources("A NATO diplomat said so.", []))
    other += memory.resolve(find_sources("The aides said so.", []))
    assert [s for _, s in other] == [
        Source("anonymous", "A NATO diplomat"),
        Source("anonymous", "The aides"),
    ]
