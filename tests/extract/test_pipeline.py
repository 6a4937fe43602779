"""The whole extractor (``extract.pipeline.extract``) on small documents written for these tests.

Each test states what FORMAT.md requires of the claims for one construction.
"""

from __future__ import annotations

import datetime as dt

import pytest

from emptychair.extract import extract
from emptychair.extract.meetings import may_mention_meeting
from emptychair.model import CERTAINTIES, ROLES, STATUSES, Claim, Document

FORUMS = {
    "nato-summit", "nato-foreign-ministers", "nato-defence-ministers", "g7-summit",
    "g7-ministers", "g20-summit", "g20-ministers", "eu-council", "eu-ministers",
    "asean-summit", "asean-ministers", "apec-leaders", "unga", "un-security-council",
    "brics-summit", "sco-summit", "cop", "quad", "munich-security-conference",
    "shangri-la-dialogue", "ukraine-defense-contact-group", "osce-ministers", "chogm",
    "au-summit", "other",
}  # fmt: skip


def run(text: str, published: dt.date | None, title: str | None = None) -> list[Claim]:
    return extract(Document(id="t", text=text, published=published, title=title))


def surname(claim: Claim) -> str | None:
    return claim.person.split()[-1] if claim.person else None


def about(claims: list[Claim], name: str) -> list[Claim]:
    """The claims whose person has this surname."""
    return [c for c in claims if surname(c) == name]


def only(claims: list[Claim], name: str) -> Claim:
    """The single claim of the document, which must be about this surname."""
    summary = [(c.person, c.forum, c.status, c.certainty) for c in claims]
    assert len(claims) == 1, summary
    assert surname(claims[0]) == name, summary
    return claims[0]


def summary(claims: list[Claim]) -> list[tuple[str | None, str, str, str]]:
    return [(c.person, c.forum, c.status, c.certainty) for c in claims]


# --- A basic claim, field by field -------------------------------------------------------------


def test_attend_claim_with_every_field() -> None:
    text = (
        "French President Emmanuel Macron will attend the G20 summit in Rio de Janeiro "
        "next month, the Elysee said."
    )
    c = only(run(text, dt.date(2024, 10, 15)), "Macron")
    assert c.person == "Emmanuel Macron"
    assert c.country == "FRA"
    assert c.role == "leader"
    assert c.forum == "g20-summit"
    assert c.meeting_date == "2024-11"
    assert c.status == "attend"
    assert c.certainty == "reported"
    assert c.representative is None
    assert [s.kind for s in c.sources] == ["named"]
    assert "Elysee" in c.sources[0].descriptor
    assert c.evidence == text


def test_absent_with_two_anonymous_sources() -> None:
    text = (
        "Canadian Foreign Minister Anita Anand will skip next week's meeting of NATO foreign "
        "ministers in Brussels, according to a Canadian official and a NATO diplomat."
    )
    c = only(run(text, dt.date(2025, 11, 26)), "Anand")
    assert (c.country, c.role, c.forum) == ("CAN", "foreign_minister", "nato-foreign-ministers")
    assert (c.status, c.certainty) == ("absent", "reported")
    assert c.meeting_date is not None and c.meeting_date.startswith("2025-12")
    assert [s.kind for s in c.sources] == ["anonymous", "anonymous"]


def test_virtual_by_video_link() -> None:
    text = "Indian Prime Minister Narendra Modi will join the BRICS summit by video link on Sunday."
    c = only(run(text, dt.date(2025, 7, 2)), "Modi")
    assert (c.country, c.forum, c.status, c.certainty) == (
        "IND",
        "brics-summit",
        "virtual",
        "reported",
    )
    assert c.representative is None


def test_will_not_attend_is_absent_reported_with_named_source() -> None:
    text = (
        "Argentine President Javier Milei will not attend the G20 summit in Johannesburg "
        "this weekend, his spokesman said."
    )
    c = only(run(text, dt.date(2025, 11, 19)), "Milei")
    assert (c.country, c.forum, c.status, c.certainty) == (
        "ARG",
        "g20-summit",
        "absent",
        "reported",
    )
    assert [s.kind for s in c.sources] == ["named"]


def test_document_without_publication_date_gives_no_relative_date() -> None:
    text = "French President Emmanuel Macron will attend the G20 summit in Rio next month."
    c = only(run(text, None), "Macron")
    assert c.meeting_date is None


def test_evidence_offsets_point_into_the_text() -> None:
    text = (
        "Leaders of the alliance gather in The Hague on Tuesday.\n\n"
        "Spanish Prime Minister Pedro Sanchez will skip the NATO summit, an aide said. "
        "Security is tight."
    )
    c = only(run(text, dt.date(2025, 6, 20)), "Sanchez")
    assert c.evidence_start is not None and c.evidence_end is not None
    assert text[c.evidence_start : c.evidence_end] == c.evidence
    assert c.evidence.startswith("Spanish Prime Minister Pedro Sanchez")


# --- Status and certainty, one verb at a time ------------------------------------------------

FRAME = "South African President Cyril Ramaphosa {} the BRICS summit in Kazan{}."


@pytest.mark.parametrize(
    ("words", "tail", "status", "certainty"),
    [
        ("will attend", " next week", "attend", "reported"),
        ("attended", " last month", "attend", "reported"),
        ("will take part in", "", "attend", "reported"),
        ("will be present at", "", "attend", "reported"),
        ("is expected to attend", "", "attend", "expected"),
        ("plans to attend", "", "attend", "expected"),
        ("is likely to attend", "", "attend", "expected"),
        ("is set to attend", "", "attend", "expected"),
        ("is scheduled to attend", "", "attend", "expected"),
        ("is due to attend", "", "attend", "expected"),
        ("will skip", "", "absent", "reported"),
        ("missed", " last month", "absent", "reported"),
        ("will forgo", "", "absent", "reported"),
        ("will stay away from", "", "absent", "reported"),
        ("will sit out", "", "absent", "reported"),
        ("pulled out of", "", "absent", "reported"),
        ("will boycott", "", "absent", "reported"),
        ("has cancelled his trip to", "", "absent", "reported"),
        ("will not attend", "", "absent", "reported"),
        ("did not attend", " last month", "absent", "reported"),
        ("won't attend", "", "absent", "reported"),
        ("intends to skip", "", "absent", "expected"),
        ("is not expected to attend", "", "absent", "expected"),
        ("is unlikely to attend", "", "absent", "expected"),
        ("may skip", "", "absent", "possible"),
        ("could skip", "", "absent", "possible"),
        ("is considering skipping", "", "absent", "possible"),
        ("is weighing whether to skip", "", "absent", "possible"),
        ("might not attend", "", "absent", "possible"),
        ("will take part virtually in", "", "virtual", "reported"),
        ("will dial in to", "", "virtual", "reported"),
        ("will address", " by video link", "virtual", "reported"),
        ("is expected to join", " virtually", "virtual", "expected"),
    ],
)
def test_status_and_certainty(words: str, tail: str, status: str, certainty: str) -> None:
    text = FRAME.format(words, tail)
    c = only(run(text, dt.date(2024, 10, 14)), "Ramaphosa")
    assert (c.forum, c.country, c.role) == ("brics-summit", "ZAF", "leader")
    assert (c.status, c.certainty) == (status, certainty)


def test_absence_noun_after_a_statement_keeps_one_claim() -> None:
    text = (
        "South African President Cyril Ramaphosa will skip the BRICS summit in Kazan. "
        "His absence will be felt, one diplomat said."
    )
    c = only(run(text, dt.date(2024, 10, 14)), "Ramaphosa")
    assert (c.status, c.certainty) == ("absent", "reported")


def test_possessive_absence_names_the_actor_and_meeting() -> None:
    text = "Ramaphosa's absence from the BRICS summit in Kazan surprised the hosts."
    c = only(run(text, dt.date(2024, 10, 24)), "Ramaphosa")
    assert (c.forum, c.status) == ("brics-summit", "absent")


def test_wont_go_unless_is_possible() -> None:
    text = (
        "Kenyan President William Ruto won't attend the Commonwealth Heads of Government "
        "Meeting unless the venue is changed, his office said."
    )
    c = only(run(text, dt.date(2024, 10, 1)), "Ruto")
    assert (c.forum, c.status, c.certainty) == ("chogm", "absent", "possible")


# --- Stand-ins -------------------------------------------------------------------------------


def test_will_send_vice_president_instead() -> None:
    text = (
        "Brazilian President Luiz Inacio Lula da Silva will skip COP29 in Baku and send Vice "
        "President Geraldo Alckmin instead, his office said."
    )
    claims = run(text, dt.date(2024, 11, 5))
    c = only(claims, "Silva")
    assert (c.country, c.forum, c.status) == ("BRA", "cop", "absent")
    assert c.representative is not None and c.representative.endswith("Alckmin")
    assert about(claims, "Alckmin") == []


def test_send_premier_instead() -> None:
    text = (
        "Chinese President Xi Jinping will skip the BRICS summit in Rio de Janeiro and will "
        "send Premier Li Qiang instead, the foreign ministry said."
    )
    claims = run(text, dt.date(2025, 7, 1))
    c = only(claims, "Jinping")
    assert (c.status, c.representative) == ("absent", "Li Qiang")
    assert about(claims, "Qiang") == []


def test_attend_in_someones_place() -> None:
    text = (
        "Deputy Foreign Minister Sergei Ryabkov will attend the OSCE Ministerial Council in "
        "Malta in Sergei Lavrov's place, Russian state media reported."
    )
    claims = run(text, dt.date(2024, 12, 2))
    c = only(claims, "Lavrov")
    assert (c.country, c.role, c.forum) == ("RUS", "foreign_minister", "osce-ministers")
    assert c.status == "absent"
    assert c.representative is not None and c.representative.endswith("Ryabkov")
    assert about(claims, "Ryabkov") == []


def test_represented_by() -> None:
    text = (
        "Mexican President Claudia Sheinbaum will be represented by Economy Minister Marcelo "
        "Ebrard at the APEC leaders' meeting in Gyeongju."
    )
    claims = run(text, dt.date(2025, 10, 20))
    c = only(claims, "Sheinbaum")
    assert (c.country, c.forum, c.status) == ("MEX", "apec-leaders", "absent")
    assert c.representative is not None and c.representative.endswith("Ebrard")
    assert about(claims, "Ebrard") == []


def test_stand_in_named_in_a_later_sentence() -> None:
    text = (
        "Chinese President Xi Jinping will not attend the BRICS summit in Rio de Janeiro, the "
        "foreign ministry said. Premier Li Qiang will represent China instead."
    )
    claims = run(text, dt.date(2025, 7, 1))
    c = only(claims, "Jinping")
    assert (c.status, c.representative) == ("absent", "Li Qiang")


def test_standin_whose_trip_is_described_still_gets_no_claim() -> None:
    text = (
        "Japanese Prime Minister Shigeru Ishiba will skip the NATO summit in The Hague and "
        "send Foreign Minister Takeshi Iwaya instead. Iwaya will fly to the Netherlands on "
        "Monday and attend the summit, officials said."
    )
    claims = run(text, dt.date(2025, 6, 20))
    c = only(claims, "Ishiba")
    assert c.status == "absent"
    assert c.representative is not None and c.representative.endswith("Iwaya")


# --- Reversals and the final word ------------------------------------------------------------


def test_planned_to_skip_but_will_attend_after_all() -> None:
    text = (
        "Slovak Prime Minister Robert Fico had planned to skip the European Council summit "
        "but will attend after all, his office said."
    )
    c = only(run(text, dt.date(2025, 6, 20)), "Fico")
    assert (c.forum, c.status, c.certainty) == ("eu-council", "attend", "reported")


def test_reversal_across_sentences() -> None:
    text = (
        "Hungarian Prime Minister Viktor Orban said on Monday he would boycott the EU summit "
        "in Brussels. On Wednesday, however, his spokesman said Orban would attend after all."
    )
    c = only(run(text, dt.date(2025, 3, 19)), "Orban")
    assert (c.forum, c.status, c.certainty) == ("eu-council", "attend", "reported")


def test_one_claim_with_the_stronger_certainty() -> None:
    text = (
        "Turkish President Recep Tayyip Erdogan is not expected to attend the SCO summit in "
        "Tianjin, diplomats said. Erdogan will skip the summit, his office confirmed on Friday."
    )
    c = only(run(text, dt.date(2025, 8, 22)), "Erdogan")
    assert (c.forum, c.status, c.certainty) == ("sco-summit", "absent", "reported")


def test_expected_to_attend_then_will_not_attend() -> None:
    text = (
        "Nigerian President Bola Tinubu was expected to attend the G20 summit in "
        "Johannesburg. His office said on Thursday that Tinubu will not attend, citing "
        "pressing matters at home."
    )
    c = only(run(text, dt.date(2025, 11, 20)), "Tinubu")
    assert (c.forum, c.status, c.certainty) == ("g20-summit", "absent", "reported")


def test_final_word_between_two_reported_statements() -> None:
    text = (
        "Brazilian President Luiz Inacio Lula da Silva will attend COP29 in Baku, his office "
        "said on Monday. On Thursday the office said Lula would not attend, citing a head injury."
    )
    c = only(run(text, dt.date(2024, 11, 8)), "Silva")
    assert (c.forum, c.status, c.certainty) == ("cop", "absent", "reported")


def test_cancelled_trip_then_video_link() -> None:
    text = (
        "Brazilian President Luiz Inacio Lula da Silva cancelled his trip to the BRICS summit "
        "in Kazan after a fall at home. He will join the summit by video link, his office said."
    )
    c = only(run(text, dt.date(2024, 10, 20)), "Silva")
    assert (c.forum, c.status, c.certainty) == ("brics-summit", "virtual", "reported")


# --- Coreference, kinds and anaphors ---------------------------------------------------------


def test_surname_in_a_later_sentence() -> None:
    text = (
        "Hungarian Prime Minister Viktor Orban has been invited to the EU summit in Brussels. "
        "Orban will not attend, a government spokesman said."
    )
    c = only(run(text, dt.date(2025, 3, 17)), "Orban")
    assert (c.country, c.forum, c.status) == ("HUN", "eu-council", "absent")
    assert [s.kind for s in c.sources] == ["named"]


def test_the_prime_minister_in_a_later_sentence() -> None:
    text = (
        "Japanese Prime Minister Shigeru Ishiba lands in Lima on Thursday. The prime minister "
        "will attend the APEC leaders' meeting before flying on to Rio."
    )
    c = only(run(text, dt.date(2024, 11, 12)), "Ishiba")
    assert (c.country, c.forum, c.status) == ("JPN", "apec-leaders", "attend")


def test_pronoun_subject_in_a_later_sentence() -> None:
    text = (
        "Indian Prime Minister Narendra Modi arrived in Kazan on Tuesday. He will attend the "
        "BRICS summit on Wednesday, the foreign ministry said."
    )
    c = only(run(text, dt.date(2024, 10, 22)), "Modi")
    assert (c.country, c.forum, c.status, c.certainty) == (
        "IND",
        "brics-summit",
        "attend",
        "reported",
    )
    assert c.meeting_date == "2024-10-23"


def test_the_minister_in_a_later_sentence() -> None:
    text = (
        "Swedish Defence Minister Pal Jonson was due in Brussels for the NATO defence "
        "ministers' meeting. The minister will now skip the meeting to deal with a crisis "
        "at home, his ministry said."
    )
    c = only(run(text, dt.date(2025, 2, 11)), "Jonson")
    assert (c.forum, c.status, c.certainty) == ("nato-defence-ministers", "absent", "reported")


def test_meeting_named_in_previous_sentence() -> None:
    text = (
        "The Shangri-La Dialogue opens in Singapore on Friday. Chinese Defence Minister "
        "Dong Jun is staying home this year. He will send a lower-level delegation, "
        "two people familiar with the matter said."
    )
    c = only(run(text, dt.date(2025, 5, 28)), "Jun")
    assert (c.country, c.role, c.forum, c.status) == (
        "CHN",
        "defence_minister",
        "shangri-la-dialogue",
        "absent",
    )


def test_kind_only_meeting_in_a_nato_story() -> None:
    text = (
        "NATO defence ministers meet in Brussels on Thursday to discuss spending targets. "
        "Swedish Defence Minister Pal Jonson will miss the defence ministers' gathering "
        "because of a budget debate at home."
    )
    c = only(run(text, dt.date(2025, 6, 2)), "Jonson")
    assert (c.country, c.role, c.forum, c.status) == (
        "SWE",
        "defence_minister",
        "nato-defence-ministers",
        "absent",
    )


def test_anaphor_the_conference() -> None:
    text = (
        "Brazil hosts the COP30 climate conference in Belem next month. Chinese Premier "
        "Li Qiang will attend the conference, state media said."
    )
    c = only(run(text, dt.date(2025, 10, 15)), "Qiang")
    assert (c.forum, c.status) == ("cop", "attend")
    assert c.meeting_date is not None and c.meeting_date.startswith("2025-11")


def test_headline_names_the_meeting_the_body_calls_the_summit() -> None:
    text = "French President Emmanuel Macron will skip the summit in Johannesburg, aides said."
    claims = run(text, dt.date(2025, 11, 18), title="Macron to miss G20 summit")
    c = only(claims, "Macron")
    assert (c.forum, c.status) == ("g20-summit", "absent")


def test_eu_commission_president_is_euu() -> None:
    text = "European Commission President Ursula von der Leyen will attend the G7 summit in Evian."
    c = only(run(text, dt.date(2026, 5, 20)), "Leyen")
    assert (c.country, c.role, c.forum, c.status) == ("EUU", "official", "g7-summit", "attend")


def test_nato_secretary_general_is_nat() -> None:
    text = "NATO Secretary General Mark Rutte will attend the European Council summit on Thursday."
    c = only(run(text, dt.date(2025, 6, 23)), "Rutte")
    assert (c.country, c.role, c.forum, c.status) == ("NAT", "official", "eu-council", "attend")


def test_two_actors_two_claims() -> None:
    text = (
        "German Chancellor Friedrich Merz will attend the G7 summit in Kananaskis, while "
        "Italian Prime Minister Giorgia Meloni will skip it, officials said."
    )
    claims = run(text, dt.date(2025, 6, 10))
    assert sorted(summary(claims)) == [
        ("Friedrich Merz", "g7-summit", "attend", "reported"),
        ("Giorgia Meloni", "g7-summit", "absent", "reported"),
    ]


# --- Unmistakable equivalents ----------------------------------------------------------------


def test_addressed_the_summit_is_attendance() -> None:
    text = (
        "Ukrainian President Volodymyr Zelensky addressed the European Council summit in "
        "Brussels on Thursday."
    )
    c = only(run(text, dt.date(2025, 3, 22)), "Zelensky")
    assert (c.country, c.forum, c.status) == ("UKR", "eu-council", "attend")


def test_met_on_the_sidelines_is_attendance() -> None:
    text = (
        "Canadian Prime Minister Mark Carney met Indian Prime Minister Narendra Modi on the "
        "sidelines of the G7 summit in Kananaskis."
    )
    claims = run(text, dt.date(2025, 6, 18))
    [carney] = about(claims, "Carney")
    assert (carney.forum, carney.status, carney.certainty) == ("g7-summit", "attend", "reported")


def test_left_early_is_still_attendance() -> None:
    text = (
        "Italian Prime Minister Giorgia Meloni attended the first day of the European Council "
        "summit but left before the dinner."
    )
    c = only(run(text, dt.date(2025, 10, 24)), "Meloni")
    assert (c.forum, c.status) == ("eu-council", "attend")


def test_missed_a_session_is_still_attendance() -> None:
    text = (
        "Greek Prime Minister Kyriakos Mitsotakis missed the opening session of the European "
        "Council summit but joined the talks in the afternoon."
    )
    c = only(run(text, dt.date(2025, 12, 19)), "Mitsotakis")
    assert (c.forum, c.status) == ("eu-council", "attend")


def test_accepted_an_invitation_is_reported() -> None:
    text = (
        "Mexican President Claudia Sheinbaum has accepted an invitation to attend the G7 "
        "summit in Evian, her office said."
    )
    c = only(run(text, dt.date(2026, 5, 4)), "Sheinbaum")
    assert (c.forum, c.status, c.certainty) == ("g7-summit", "attend", "reported")


def test_actor_speaking_for_themselves_is_a_named_source() -> None:
    text = (
        "Australian Prime Minister Anthony Albanese will skip the Commonwealth Heads of "
        'Government Meeting in Samoa. "I will be in Canberra for the budget," Albanese '
        "told reporters on Monday."
    )
    c = only(run(text, dt.date(2024, 10, 14)), "Albanese")
    assert (c.forum, c.status) == ("chogm", "absent")


def test_virtual_with_someone_else_in_person() -> None:
    text = (
        "Ukrainian President Volodymyr Zelensky will address the Ramstein meeting by video "
        "link, while Defence Minister Denys Shmyhal attends in person."
    )
    claims = run(text, dt.date(2025, 9, 8))
    [zelensky] = about(claims, "Zelensky")
    assert zelensky.forum == "ukraine-defense-contact-group"
    assert (zelensky.status, zelensky.representative) == ("virtual", None)
    [shmyhal] = about(claims, "Shmyhal")
    assert (shmyhal.forum, shmyhal.status) == ("ukraine-defense-contact-group", "attend")


# --- Dates on claims -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "published", "forum", "date"),
    [
        (
            "Spanish Prime Minister Pedro Sanchez attended the European Council summit in "
            "Brussels on Thursday.",
            dt.date(2025, 6, 28),
            "eu-council",
            "2025-06-26",
        ),
        (
            "Hungarian Foreign Minister Peter Szijjarto will skip the Dec. 3 session of NATO "
            "foreign ministers in Brussels.",
            dt.date(2025, 11, 25),
            "nato-foreign-ministers",
            "2025-12-03",
        ),
        (
            "Spanish Prime Minister Pedro Sanchez will attend the NATO summit in The Hague on "
            "June 24-25.",
            dt.date(2025, 6, 10),
            "nato-summit",
            "2025-06-24",
        ),
        (
            "Ukrainian President Petro Poroshenko attended the NATO summit in Newport on "
            "4 September 2014.",
            dt.date(2014, 9, 10),
            "nato-summit",
            "2014-09-04",
        ),
        (
            "Indian External Affairs Minister S. Jaishankar will skip this week's G20 foreign "
            "ministers' meeting in Johannesburg.",
            dt.date(2025, 2, 18),
            "g20-ministers",
            "2025-02",
        ),
    ],
)
def test_meeting_date(text: str, published: dt.date, forum: str, date: str) -> None:
    claims = run(text, published)
    assert len(claims) == 1, summary(claims)
    assert claims[0].forum == forum
    assert claims[0].meeting_date is not None
    assert claims[0].meeting_date.startswith(date)


def test_last_years_summit_has_no_date() -> None:
    text = "Slovak Prime Minister Robert Fico skipped last year's NATO summit in Washington."
    c = only(run(text, dt.date(2025, 6, 10)), "Fico")
    assert (c.forum, c.status) == ("nato-summit", "absent")
    assert c.meeting_date is None or c.meeting_date.startswith("2024")


def test_date_of_speech_is_not_the_meeting_date() -> None:
    text = (
        "Polish President Karol Nawrocki will attend the NATO summit in Ankara next July, "
        "his office said on Tuesday."
    )
    c = only(run(text, dt.date(2025, 12, 4)), "Nawrocki")
    assert c.meeting_date == "2026-07"


# --- No claim --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "published"),
    [
        pytest.param(
            "Australia will send a delegation to COP30 in Belem next month. Prime Minister "
            "Anthony Albanese missed the deadline to submit a new emissions target.",
            dt.date(2025, 10, 10),
            id="missed-the-deadline",
        ),
        pytest.param(
            "World leaders gather in Johannesburg this weekend for the first G20 summit on "
            "African soil. Host Cyril Ramaphosa, Chinese Premier Li Qiang and Indian Prime "
            "Minister Narendra Modi face a packed agenda on debt relief and climate finance. "
            "The summit opens on Saturday.",
            dt.date(2025, 11, 19),
            id="summit-preview",
        ),
        pytest.param(
            "Australian Foreign Minister Penny Wong met Japan's prime minister in Tokyo on "
            "Monday, a week before the ASEAN summit.",
            dt.date(2025, 10, 14),
            id="bilateral-meeting",
        ),
        pytest.param(
            "Spanish Prime Minister Pedro Sanchez flew to Beijing for talks with Xi Jinping on "
            "Friday, weeks before the G20 summit in Johannesburg.",
            dt.date(2025, 10, 14),
            id="bilateral-visit",
        ),
        pytest.param(
            "Dutch Prime Minister Dick Schoof set out his defence spending plans on Tuesday "
            "ahead of the NATO summit in The Hague.",
            dt.date(2025, 6, 17),
            id="ahead-of-summit",
        ),
        pytest.param(
            "German Chancellor Friedrich Merz travelled to Kyiv on Monday, days before the "
            "NATO summit in The Hague.",
            dt.date(2025, 6, 17),
            id="trip-before-summit",
        ),
        pytest.param(
            "Foreign ministers of the 27 member states meet on Monday for the Foreign Affairs "
            "Council in Luxembourg. It is rare for a foreign minister to miss such a meeting, "
            "one diplomat noted.",
            dt.date(2025, 10, 17),
            id="rare-to-miss",
        ),
        pytest.param(
            "Italian Prime Minister Giorgia Meloni declined to say on Friday whether she would "
            "attend the G20 summit in Johannesburg.",
            dt.date(2025, 11, 14),
            id="declined-to-say-whether",
        ),
        pytest.param(
            "Seven leaders stayed away from the BRICS summit in Rio de Janeiro.",
            dt.date(2025, 7, 8),
            id="unnamed-group",
        ),
        pytest.param(
            "US officials have skipped NATO meetings before, analysts noted.",
            dt.date(2025, 11, 20),
            id="general-statement",
        ),
        pytest.param(
            "Mexican President Claudia Sheinbaum never attends these G20 summits, her aides say.",
            dt.date(2025, 11, 20),
            id="general-habit",
        ),
        pytest.param(
            "Australian Prime Minister Anthony Albanese hopes to meet Chinese Premier Li Qiang "
            "on the sidelines of the East Asia Summit.",
            dt.date(2025, 10, 20),
            id="plans-to-meet-there",
        ),
        pytest.param(
            "The EU leaders' summit in Brussels ended without a deal on the budget.",
            dt.date(2025, 10, 24),
            id="meeting-without-actor",
        ),
    ],
)
def test_no_claim(text: str, published: dt.date) -> None:
    assert summary(run(text, published)) == []


def test_rare_to_miss_leaves_the_real_claim_alone() -> None:
    text = (
        "Hungarian Foreign Minister Peter Szijjarto will skip Monday's Foreign Affairs Council "
        "in Luxembourg. It is rare for a foreign minister to miss such a meeting, one "
        "diplomat noted."
    )
    c = only(run(text, dt.date(2025, 10, 17)), "Szijjarto")
    assert (c.country, c.forum, c.status) == ("HUN", "eu-ministers", "absent")


def test_document_without_any_meeting_is_prefiltered() -> None:
    text = (
        "Canadian Prime Minister Mark Carney will skip the opening of the hockey season to "
        "attend a funeral in Rome, his office said."
    )
    assert not may_mention_meeting(text)
    assert run(text, dt.date(2025, 10, 1)) == []


# --- Output shape ----------------------------------------------------------------------------


def test_every_field_is_in_the_format_vocabulary() -> None:
    texts = [
        FRAME.format(words, "")
        for words in ("will attend", "may skip", "is expected to join by video link")
    ] + [
        "Marco Rubio, the U.S. secretary of state, will skip the meeting of NATO foreign "
        "ministers, two sources said.",
    ]
    seen = 0
    for text in texts:
        for c in run(text, dt.date(2025, 11, 26)):
            seen += 1
            d = c.to_dict()
            assert d["role"] in ROLES
            assert d["forum"] in FORUMS
            assert d["status"] in STATUSES
            assert d["certainty"] in CERTAINTIES
            assert d["country"] is None or len(d["country"]) == 3
            for s in d["sources"]:
                assert s["kind"] in ("named", "anonymous")
                assert s["descriptor"]
    assert seen >= 4
