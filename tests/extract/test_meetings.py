"""Meeting mentions (``extract.meetings``): forum ids, kinds, anaphors, non-meetings."""

from __future__ import annotations

import pytest

from emptychair.extract.meetings import (
    MeetingMention,
    dominant_body,
    find_meetings,
    may_mention_meeting,
)


def forums(sentence: str, body: str | None = None, previous: str | None = None) -> list[str]:
    return [m.forum for m in find_meetings(sentence, body, previous)]


@pytest.mark.parametrize(
    ("sentence", "forum"),
    [
        (
            "Ministers arrive for the NATO defence ministers' meeting in Brussels.",
            "nato-defence-ministers",
        ),
        ("The Nato defense ministers meeting opens on Thursday.", "nato-defence-ministers"),
        ("He spoke at a meeting of NATO foreign ministers in Antalya.", "nato-foreign-ministers"),
        ("The NATO summit in Vilnius will be short.", "nato-summit"),
        ("She flew on to the G20 in Johannesburg.", "g20-summit"),
        ("The G20 summit opens on Saturday.", "g20-summit"),
        ("G20 finance ministers will gather in Washington.", "g20-ministers"),
        ("The G7 summit in the Rockies ended early.", "g7-summit"),
        ("Canada hosts a G7 foreign ministers' meeting in Niagara.", "g7-ministers"),
        ("The European Council summit starts at noon.", "eu-council"),
        ("Ministers discussed sanctions at the Foreign Affairs Council.", "eu-ministers"),
        ("The East Asia Summit opens in Vientiane on Friday.", "asean-summit"),
        ("The ASEAN summit in Kuala Lumpur drew a crowd.", "asean-summit"),
        ("He will attend the ASEAN Regional Forum.", "asean-ministers"),
        ("Negotiators at COP29 in Baku worked through the night.", "cop"),
        ("The delegation arrived for COP 28 in Dubai.", "cop"),
        ("She will address the UN General Assembly in New York.", "unga"),
        ("The Security Council met in emergency session.", "un-security-council"),
        (
            "Allies pledged more shells at the latest Ramstein meeting.",
            "ukraine-defense-contact-group",
        ),
        ("The Ukraine Defense Contact Group meets virtually.", "ukraine-defense-contact-group"),
        ("The Shangri-La Dialogue opens in Singapore on Friday.", "shangri-la-dialogue"),
        ("The BRICS summit in Kazan drew 20 leaders.", "brics-summit"),
        ("He spoke at the Munich Security Conference.", "munich-security-conference"),
        ("The SCO summit in Tianjin opens on Sunday.", "sco-summit"),
        ("The APEC leaders' meeting in Lima closed on Saturday.", "apec-leaders"),
        ("The OSCE Ministerial Council convenes in Malta.", "osce-ministers"),
        ("The Quad summit was postponed.", "quad"),
    ],
)
def test_forum_from_name_or_alias(sentence: str, forum: str) -> None:
    found = find_meetings(sentence, None, None)
    assert [m.forum for m in found] == [forum]
    assert found[0].explicit


def test_mention_span_covers_the_name() -> None:
    sentence = "Delegates gathered at COP29 in Baku."
    [m] = find_meetings(sentence, None, None)
    assert isinstance(m, MeetingMention)
    assert sentence[m.start : m.end] == "COP29"


def test_body_and_kind_span() -> None:
    sentence = "Ahead of the NATO summit in The Hague, allies argued."
    [m] = find_meetings(sentence, None, None)
    assert "NATO summit" in sentence[m.start : m.end]


def test_two_meetings_in_one_sentence_in_order() -> None:
    sentence = "After the G7 summit she flew straight to the NATO summit."
    assert forums(sentence) == ["g7-summit", "nato-summit"]


# Bare kinds need the document's dominant body.
def test_kind_only_with_body_context() -> None:
    sentence = "Sweden's minister will miss the defence ministers' gathering on Thursday."
    assert forums(sentence, "nato") == ["nato-defence-ministers"]


def test_kind_only_without_body_context_is_no_meeting() -> None:
    sentence = "Sweden's minister will miss the defence ministers' gathering on Thursday."
    assert forums(sentence, None) == []


def test_allied_foreign_ministers_in_a_nato_story() -> None:
    sentence = "Allied foreign ministers convene in Brussels next week."
    assert forums(sentence, "nato") == ["nato-foreign-ministers"]


def test_summit_kind_in_a_g20_story() -> None:
    assert "g20-summit" in forums("The leaders' summit closes on Sunday.", "g20")


# Anaphors refer back to the forum named last.
def test_anaphor_takes_previous_forum() -> None:
    found = find_meetings("The president will skip the summit.", None, "g7-summit")
    assert [m.forum for m in found] == ["g7-summit"]
    assert not found[0].explicit


def test_anaphor_without_previous_is_nothing() -> None:
    assert forums("The president will skip the summit.", None, None) == []


def test_anaphor_this_weeks_gathering() -> None:
    assert forums("Few expect much from this week's gathering.", None, "brics-summit") == [
        "brics-summit"
    ]


def test_anaphor_prefers_forum_named_earlier_in_the_sentence() -> None:
    sentence = "The BRICS summit opens on Tuesday, and the summit will last two days."
    assert forums(sentence, None, "g20-summit") == ["brics-summit", "brics-summit"]


# Bodies that speak are not meetings.
@pytest.mark.parametrize(
    "sentence",
    [
        "EU leaders said the sanctions would stay in place.",
        "NATO said it had seen no sign of a build-up.",
        "The G7 condemned the launch in a joint statement.",
        "EU leaders have long argued about the budget.",
        "NATO's secretary general warned of a long war.",
    ],
)
def test_body_speaking_is_no_meeting(sentence: str) -> None:
    assert forums(sentence) == []


def test_eu_leaders_meeting_is_the_european_council() -> None:
    assert forums("EU leaders will meet in Brussels next week.") == ["eu-council"]


def test_summit_of_eu_leaders() -> None:
    assert forums("He attended a summit of EU leaders in Brussels.") == ["eu-council"]


def test_prefilter_passes_meetings() -> None:
    assert may_mention_meeting("The ministers will meet at NATO headquarters.")
    assert may_mention_meeting("She will attend COP30 in Belem.")
    assert may_mention_meeting("The Shangri-La Dialogue opens on Friday.")
    assert may_mention_meeting("Leaders head to the G20 in Johannesburg.")


def test_prefilter_rejects_text_without_any_multilateral_body() -> None:
    assert not may_mention_meeting("The city council approved a new budget for parks.")
    assert not may_mention_meeting("The prime minister will skip the football final.")
    # Body names inside other words are not mentions.
    assert not may_mention_meeting("The SCOTUS ruling and the AUTOMATED NATOLIN depot.")


def test_dominant_body_is_the_most_mentioned() -> None:
    text = "NATO allies met. The G7 also spoke. NATO's chief said NATO would act."
    assert dominant_body(text) == "nato"


def test_dominant_body_of_text_without_bodies() -> None:
    assert dominant_body("The mayor opened a bridge.") is None


@pytest.mark.parametrize(
    "name",
    [
        "the East Asia Summit",
        "the U.S.-ASEAN summit",
        "the Climate summit in Baku",
        "the Pacific Islands Forum",
        "the Ukraine Defense Contact Group",
        "the OSCE Ministerial Council",
        "the Commonwealth Heads of Government Meeting",
    ],
)
def test_every_named_meeting_passes_the_fast_gate(name: str) -> None:
    assert may_mention_meeting(f"He will attend {name}.")
