"""News constructions the pipeline reads end to end, each in sentences written for the test."""

from __future__ import annotations

import datetime as dt

import pytest

from emptychair.extract import extract
from emptychair.model import Claim, Document

WHEN = dt.date(2025, 10, 20)


def claims(text: str, published: dt.date = WHEN, title: str | None = None) -> list[Claim]:
    return extract(Document("t", text, published, title=title))


def by_person(found: list[Claim]) -> dict[str | None, Claim]:
    return {c.person: c for c in found}


def test_coordinated_subjects_each_get_a_claim() -> None:
    found = claims(
        "At the G20 summit in Johannesburg, Brazilian President Luiz Inacio Lula da Silva, "
        "Indian Prime Minister Narendra Modi and Turkish President Recep Tayyip Erdogan "
        "will all be present."
    )
    assert {c.person for c in found if c.status == "attend"} == {
        "Luiz Inacio Lula da Silva",
        "Narendra Modi",
        "Recep Tayyip Erdogan",
    }


def test_neither_nor_negates_both() -> None:
    found = by_person(
        claims(
            "Neither Argentina's President Javier Milei nor his foreign minister, Pablo "
            "Quirno, is going to the G20 summit."
        )
    )
    assert found["Javier Milei"].status == "absent"
    assert found["Pablo Quirno"].status == "absent"
    assert found["Pablo Quirno"].country == "ARG"


def test_so_will_copies_the_statement() -> None:
    found = by_person(
        claims(
            "German Chancellor Friedrich Merz will attend the EU summit, and so will "
            "Italy's Giorgia Meloni."
        )
    )
    assert found["Giorgia Meloni"].status == "attend"
    assert found["Giorgia Meloni"].forum == "eu-council"


def test_not_in_contrast_names_the_absent_and_the_stand_in() -> None:
    found = claims(
        "Vice Premier Ding Xuexiang, not President Xi Jinping, will lead China at the "
        "APEC leaders' meeting in Gyeongju, the foreign ministry said."
    )
    assert len(found) == 1
    assert (found[0].person, found[0].status, found[0].representative) == (
        "Xi Jinping",
        "absent",
        "Ding Xuexiang",
    )


def test_the_absentee_noun() -> None:
    found = claims(
        "The most notable absentee at the ASEAN summit in Kuala Lumpur is Myanmar's junta "
        "chief Min Aung Hlaing."
    )
    assert [(c.person, c.status) for c in found] == [("Min Aung Hlaing", "absent")]


def test_whose_attendance_is_confirmed() -> None:
    found = claims(
        "Talks at the COP30 climate summit may include Keir Starmer, the British prime "
        "minister, whose attendance is already confirmed."
    )
    assert [(c.person, c.status, c.certainty) for c in found] == [
        ("Keir Starmer", "attend", "reported")
    ]


def test_a_habit_is_no_claim() -> None:
    assert claims("Russian President Vladimir Putin skips the G7 summit every year.") == []


def test_second_consecutive_year_also_says_last_year() -> None:
    found = claims(
        "Chinese President Xi Jinping will skip the G20 summit for a second consecutive year, "
        "the foreign ministry said."
    )
    assert sorted((c.status, c.meeting_date or "") for c in found) == [
        ("absent", ""),
        ("absent", "2025-10"),
    ]


def test_travel_to_the_venue_is_attending_its_meeting() -> None:
    found = by_person(
        claims(
            "NATO leaders gather for their summit in The Hague on Tuesday.\n\n"
            "Spanish Prime Minister Pedro Sanchez will fly to The Hague on Monday night.",
            dt.date(2025, 6, 20),
        )
    )
    assert found["Pedro Sanchez"].forum == "nato-summit"
    assert found["Pedro Sanchez"].status == "attend"


def test_the_speaker_is_not_the_subject_of_what_is_said() -> None:
    found = claims(
        "Mexican President Claudia Sheinbaum said the country's exports go to G20 economies "
        "as well."
    )
    assert found == []


def test_a_supposition_is_no_claim() -> None:
    found = claims(
        "A diplomat said it would be a setback if Brazilian President Luiz Inacio Lula da "
        "Silva stayed away from the BRICS summit."
    )
    assert found == []


def test_asked_to_represent_him() -> None:
    found = claims(
        "Kenyan President William Ruto will not attend the African Union summit; he asked "
        "Deputy President Kithure Kindiki to represent him, his office said."
    )
    ruto = by_person(found)["William Ruto"]
    assert (ruto.status, ruto.representative) == ("absent", "Kithure Kindiki")
    assert "Kithure Kindiki" not in by_person(found)


def test_a_stand_in_inferred_from_the_delegation() -> None:
    found = by_person(
        claims(
            "Chinese President Xi Jinping will not attend the BRICS summit in Rio de Janeiro. "
            "Premier Li Qiang will lead the Chinese delegation, the foreign ministry said."
        )
    )
    assert found["Xi Jinping"].representative == "Li Qiang"
    assert "Li Qiang" not in found


@pytest.mark.parametrize(
    "sentence",
    [
        "The finance minister missed the deadline for the budget ahead of the G7 summit.",
        "Japan's Prime Minister Shigeru Ishiba skipped the gala dinner at the G20 summit.",
    ],
)
def test_missing_something_else_is_not_missing_the_meeting(sentence: str) -> None:
    assert [c for c in claims(sentence) if c.status == "absent"] == []


def test_a_later_meeting_named_after_the_statement() -> None:
    found = claims(
        "Pakistani Prime Minister Shehbaz Sharif withdrew on Tuesday.\n\n"
        "He had been due to speak at the Organisation of Islamic Cooperation summit in "
        "Jeddah this week."
    )
    assert [(c.person, c.status) for c in found] == [("Shehbaz Sharif", "absent")]


def test_a_factbox_heading_gives_its_items_a_status() -> None:
    found = by_person(
        claims(
            "Who is going to the COP30 climate summit in Belem.\n\n"
            "NOT COMING\n\n"
            "- Argentina's President Javier Milei.\n\n"
            "COMING\n\n"
            "- British Prime Minister Keir Starmer, with Energy Secretary Ed Miliband.",
            dt.date(2025, 11, 5),
        )
    )
    assert found["Javier Milei"].status == "absent"
    assert found["Keir Starmer"].status == "attend"
    assert found["Ed Miliband"].status == "attend"
    assert {c.forum for c in found.values()} == {"cop"}


def test_the_two_leaders_are_the_last_two_named() -> None:
    found = claims(
        "Brazilian President Luiz Inacio Lula da Silva spoke with South African President "
        "Cyril Ramaphosa by phone on Monday.\n\n"
        "The two leaders last met on the sidelines of the BRICS summit in Kazan last October.",
        dt.date(2025, 3, 10),
    )
    assert {(c.person, c.status, c.forum) for c in found} == {
        ("Luiz Inacio Lula da Silva", "attend", "brics-summit"),
        ("Cyril Ramaphosa", "attend", "brics-summit"),
    }
    assert {c.meeting_date for c in found} == {"2024-10"}


def test_a_proviso_before_the_subject_is_no_claim() -> None:
    found = claims(
        "The talks could resume at the SCO summit in Tianjin, provided the Indian prime "
        "minister goes.",
        dt.date(2025, 7, 2),
    )
    assert found == []


def test_people_who_go_with_the_subject_attend_too() -> None:
    found = claims(
        "French President Emmanuel Macron will attend the NATO summit with Defence Minister "
        "Sebastien Lecornu and Foreign Minister Jean-Noel Barrot.",
        dt.date(2025, 6, 1),
    )
    assert {(c.person, c.status) for c in found} == {
        ("Emmanuel Macron", "attend"),
        ("Sebastien Lecornu", "attend"),
        ("Jean-Noel Barrot", "attend"),
    }


def test_meeting_with_someone_is_not_going_with_them() -> None:
    found = claims(
        "Japanese Prime Minister Shigeru Ishiba will attend the G7 summit to meet with U.S. "
        "President Donald Trump.",
        dt.date(2025, 6, 1),
    )
    assert [(c.person, c.status) for c in found] == [("Shigeru Ishiba", "attend")]


def test_offices_named_by_their_states_only() -> None:
    found = claims(
        "Heads of state from Ghana, Kenya and Senegal are among those present at the African "
        "Union summit in Addis Ababa.",
        dt.date(2025, 2, 15),
    )
    assert {(c.person, c.country, c.role, c.status) for c in found} == {
        (None, "GHA", "leader", "attend"),
        (None, "KEN", "leader", "attend"),
        (None, "SEN", "leader", "attend"),
    }


def test_a_month_before_a_day_is_not_a_person() -> None:
    found = claims(
        "Singapore's Prime Minister Lawrence Wong will open the Shangri-La Dialogue with the "
        "keynote on May 30.",
        dt.date(2025, 5, 20),
    )
    assert [c.person for c in found] == ["Lawrence Wong"]


def test_a_nominative_pronoun_after_a_place_is_the_subject() -> None:
    found = claims(
        "Indonesian President Prabowo Subianto will skip the APEC summit in Lima. When the "
        "pandemic kept everyone home he joined the leaders by video link in 2021."
    )
    assert ("Prabowo Subianto", "virtual") in {(c.person, c.status) for c in found}


def test_years_listed_together_are_separate_meetings() -> None:
    found = claims(
        "Brazilian President Luiz Inacio Lula da Silva will miss the G20 summit in Rio. "
        "He took part by video in 2020, when Riyadh was the host, and in 2021."
    )
    virtual = [c for c in found if c.status == "virtual"]
    assert len(virtual) == 2 and all(c.meeting_date is None for c in virtual)
    one_year = claims(
        "Brazilian President Luiz Inacio Lula da Silva will miss the G20 summit in Rio. "
        "He took part by video in 2021."
    )
    assert len([c for c in one_year if c.status == "virtual"]) == 1


def test_the_minister_is_the_one_the_story_keeps_naming() -> None:
    found = claims(
        "Turkish Foreign Minister Hakan Fidan has arrived in Brussels for the NATO foreign "
        "ministers' meeting. Fidan will hold talks with allies. Earlier, an aide said no "
        "talks between Fidan and Greek Foreign Minister Giorgos Gerapetritis were planned. "
        "The minister's last trip to New York was in September 2024, when he came for the "
        "UN General Assembly.",
        dt.date(2025, 12, 2),
    )
    unga = [c for c in found if c.forum == "unga"]
    assert [(c.person, c.status) for c in unga] == [("Hakan Fidan", "attend")]


def test_a_part_of_the_meeting_is_the_meeting() -> None:
    found = claims(
        "Slovenia holds the rotating presidency of the UN Security Council this month. "
        "Slovenian Foreign Minister Tanja Fajon chaired an open debate on the protection of "
        "civilians on Tuesday."
    )
    assert [(c.person, c.forum, c.status) for c in found] == [
        ("Tanja Fajon", "un-security-council", "attend")
    ]
    elsewhere = claims(
        "The G7 summit opens in Canada on Sunday. Italian Prime Minister Giorgia Meloni "
        "chaired a cabinet meeting on Friday."
    )
    assert elsewhere == []


def test_leaving_a_meeting_is_having_attended_it() -> None:
    found = claims(
        "Hungarian Prime Minister Viktor Orban left the EU summit in Brussels early on "
        "Thursday. Danish Prime Minister Mette Frederiksen left Copenhagen for the summit "
        "on Wednesday."
    )
    assert {(c.person, c.status) for c in found} == {
        ("Viktor Orban", "attend"),
        ("Mette Frederiksen", "attend"),
    }


def test_a_plan_in_the_past_perfect_was_overtaken() -> None:
    found = claims(
        "Kenyan President William Ruto had been due to address the UN climate summit in "
        "Belem, but his environment minister went instead.",
        dt.date(2025, 11, 12),
    )
    assert [c for c in found if c.status == "attend"] == []


def test_a_standin_for_an_earlier_meeting_is_not_this_ones() -> None:
    found = claims(
        "Chinese President Xi Jinping will skip the SCO summit in Astana, the agency said. "
        "In 2022 his premier went instead, a diplomat said."
    )
    [xi] = found
    assert xi.status == "absent" and xi.representative is None


def test_the_capital_of_the_host_country_is_the_venue() -> None:
    found = claims(
        "Leaders meet this week at the ASEAN summit in Malaysia. Thai Prime Minister Anutin "
        "Charnvirakul was unable to go to Kuala Lumpur because of border fighting."
    )
    assert [(c.person, c.forum, c.status) for c in found] == [
        ("Anutin Charnvirakul", "asean-summit", "absent")
    ]


def test_the_arrival_city_becomes_the_venue() -> None:
    found = claims(
        "Japanese Foreign Minister Takeshi Iwaya reached Kuala Lumpur on Thursday for talks "
        "with ASEAN foreign ministers. Indian External Affairs Minister Subrahmanyam "
        "Jaishankar was in Kuala Lumpur too.",
        dt.date(2025, 7, 10),
    )
    assert {(c.person, c.forum, c.status) for c in found} == {
        ("Takeshi Iwaya", "asean-ministers", "attend"),
        ("Subrahmanyam Jaishankar", "asean-ministers", "attend"),
    }


def test_a_leading_participle_takes_the_main_subject() -> None:
    found = claims(
        "The UN General Assembly's high-level week began on Tuesday. Opening the general "
        "debate, Brazilian President Luiz Inacio Lula da Silva said multilateralism was "
        "under threat.",
        dt.date(2025, 9, 23),
    )
    assert [(c.person, c.forum, c.status) for c in found] == [
        ("Luiz Inacio Lula da Silva", "unga", "attend")
    ]


def test_a_pronoun_after_an_object_refers_to_the_subject() -> None:
    found = claims(
        "Vice President JD Vance arrives in Munich on Friday for the security conference. "
        "There he is scheduled to see Chancellor Friedrich Merz, and he will then fly to "
        "Brussels for the NATO defence ministers' meeting.",
        dt.date(2025, 2, 10),
    )
    nato = [c for c in found if c.forum == "nato-defence-ministers"]
    assert [c.person for c in nato] == ["JD Vance"]


def test_ordinal_and_ordinary_sessions_name_the_meeting() -> None:
    found = claims(
        "Ghana's President John Mahama is attending the African Union's 38th ordinary summit "
        "session in Addis Ababa.",
        dt.date(2025, 2, 15),
    )
    assert [(c.person, c.forum, c.status) for c in found] == [
        ("John Mahama", "au-summit", "attend")
    ]


def test_unnamed_offices_survive_an_absence_without_a_standin() -> None:
    found = claims(
        "Heads of state from Ghana and Kenya are among those present at the African Union "
        "summit in Addis Ababa. South Africa's President Cyril Ramaphosa is missing.",
        dt.date(2025, 2, 15),
    )
    assert {(c.person, c.country, c.status) for c in found} == {
        (None, "GHA", "attend"),
        (None, "KEN", "attend"),
        ("Cyril Ramaphosa", "ZAF", "absent"),
    }


def test_the_state_a_meeting_is_held_in_is_not_the_attendees_state() -> None:
    found = claims(
        "President Mamadi Doumbouya is not attending the African Union summit, which opened "
        "this morning in Addis Ababa, the Ethiopian capital. Guinea's ambassador to Ethiopia "
        "is representing President Doumbouya.",
        dt.date(2025, 2, 15),
    )
    assert [(c.person, c.country, c.status) for c in found] == [
        ("Mamadi Doumbouya", "GIN", "absent")
    ]


def test_the_premier_is_the_prime_minister_named_before() -> None:
    found = claims(
        "Prime Minister Mikhail Mishustin, not President Vladimir Putin, will lead Russia at "
        'the SCO summit in Tianjin, the Kremlin said. "It is the premier who will head '
        "Russia's delegation,\" a spokesman said.",
        dt.date(2025, 8, 20),
    )
    assert {(c.person, c.status) for c in found} == {("Vladimir Putin", "absent")}


def test_a_host_city_before_the_body_names_the_meeting() -> None:
    found = claims(
        "Reports that Saudi Crown Prince Mohammed bin Salman is leaving his Osaka G20 visit "
        "early are wrong, an aide said. The crown prince landed in Osaka on Thursday.",
        dt.date(2019, 6, 28),
    )
    assert [(c.person, c.forum, c.status) for c in found] == [
        ("Mohammed bin Salman", "g20-summit", "attend")
    ]


def test_urging_someone_to_come_is_no_claim() -> None:
    found = claims(
        "German Chancellor Friedrich Merz said he had urged Ukrainian President Volodymyr "
        "Zelensky to come to the EU summit in Brussels."
    )
    assert found == []


def test_not_there_is_absent() -> None:
    found = claims(
        "Zambia's President Hakainde Hichilema was not there when the African Union summit "
        "opened in Addis Ababa this morning.",
        dt.date(2025, 2, 15),
    )
    assert [(c.person, c.status) for c in found] == [("Hakainde Hichilema", "absent")]


def test_accompanying_someone_is_going_where_they_go() -> None:
    found = claims(
        "Vice President Kamala Harris will attend the ASEAN summit in Jakarta. National "
        "Security Adviser Jake Sullivan is accompanying Harris.",
        dt.date(2023, 9, 4),
    )
    assert {(c.person, c.forum, c.status) for c in found} == {
        ("Kamala Harris", "asean-summit", "attend"),
        ("Jake Sullivan", "asean-summit", "attend"),
    }
    nobody_known = claims(
        "Indonesian President Joko Widodo will host the ASEAN summit in Jakarta. Foreign "
        "Minister Retno Marsudi is accompanying the queen on a state visit."
    )
    assert "Retno Marsudi" not in {c.person for c in nobody_known}


def test_a_new_verb_phrase_after_with_is_not_company() -> None:
    found = claims(
        "Chinese President Xi Jinping will not attend the summit in Lima with Pacific leaders "
        "and will send Premier Li Qiang instead, the foreign ministry said of the APEC "
        "meeting.",
        dt.date(2024, 11, 1),
    )
    assert {(c.person, c.status) for c in found} == {("Xi Jinping", "absent")}


def test_turned_the_forum_down_after_but() -> None:
    found = claims(
        "The Kuala Lumpur Summit opens on Thursday. King Salman of Saudi Arabia was invited "
        "but turned the forum down.",
        dt.date(2019, 12, 17),
    )
    assert [(c.person, c.country, c.status) for c in found] == [
        ("Salman bin Abdulaziz", "SAU", "absent")
    ]


def test_title_and_name_together_identify_the_office_holder() -> None:
    found = claims(
        "Crown Prince Mohammed bin Salman will attend the G20 summit in Osaka. King Salman "
        "will skip the Arab League summit in Tunis.",
        dt.date(2019, 3, 20),
    )
    assert {(c.person, c.forum, c.status) for c in found} == {
        ("Mohammed bin Salman", "g20-summit", "attend"),
        ("Salman bin Abdulaziz", "other", "absent"),
    }


def test_a_principal_who_sends_a_minister_stays_away() -> None:
    found = claims(
        "Leaders gather in Apia for the Commonwealth summit on Friday. Fiji's Prime Minister "
        "Sitiveni Rabuka is sending Foreign Minister Lionel Aingimea.",
        dt.date(2024, 10, 21),
    )
    assert [(c.person, c.status, c.representative) for c in found] == [
        ("Sitiveni Rabuka", "absent", "Lionel Aingimea")
    ]


def test_a_government_that_will_not_send_its_minister() -> None:
    found = claims(
        "Chile's President Gabriel Boric will skip the Ibero-American Summit in Cuenca. "
        "Nor will his government send Foreign Minister Alberto van Klaveren.",
        dt.date(2024, 11, 12),
    )
    assert {(c.person, c.status) for c in found} == {
        ("Gabriel Boric", "absent"),
        ("Alberto van Klaveren", "absent"),
    }


def test_excluded_from_a_meeting_is_absent() -> None:
    active = claims(
        "The African Union has shut Niger's foreign minister Bakary Yaou Sangare out of the "
        "African Union summit in Addis Ababa.",
        dt.date(2024, 7, 15),
    )
    assert [(c.person, c.status) for c in active] == [("Bakary Yaou Sangare", "absent")]
    passive = claims(
        "Russian President Vladimir Putin was barred from the APEC summit in Lima.",
        dt.date(2024, 11, 10),
    )
    assert [(c.person, c.status) for c in passive] == [("Vladimir Putin", "absent")]


def test_a_verb_left_out_after_a_hedge() -> None:
    found = claims(
        "It is not clear whether Argentine President Javier Milei will come to the G20 "
        "summit in Johannesburg, but two officials said he was unlikely to.",
        dt.date(2025, 11, 10),
    )
    [milei] = found
    assert (milei.status, milei.certainty, len(milei.sources)) == ("absent", "expected", 2)


def test_the_blocs_meeting_is_the_storys_bloc() -> None:
    found = claims(
        "ASEAN will keep Myanmar's junta out of its talks. Thai Foreign Minister Maris "
        "Sangiampongsa will skip a gathering of the bloc's foreign ministers.",
        dt.date(2025, 1, 10),
    )
    assert [(c.person, c.forum) for c in found] == [("Maris Sangiampongsa", "asean-ministers")]


def test_an_indefinite_summit_is_the_bodys_summit() -> None:
    found = claims(
        "ASEAN foreign ministers met in Jakarta. The bloc last year moved to exclude junta "
        "leader Min Aung Hlaing from a summit.",
        dt.date(2022, 2, 3),
    )
    assert [(c.person, c.forum, c.status) for c in found] == [
        ("Min Aung Hlaing", "asean-summit", "absent")
    ]


def test_a_speaker_is_not_the_one_his_refers_to() -> None:
    found = claims(
        "Myanmar's foreign minister Than Swe will not be invited to the ASEAN foreign "
        "ministers' retreat, spokesman Chum Sounry told AFP. Myanmar has been asked to send "
        "a non-political official in his place, he added.",
        dt.date(2025, 1, 10),
    )
    assert "Chum Sounry" not in {c.person for c in found}


def test_advisers_are_officials() -> None:
    found = claims(
        "Those due to attend the COP30 climate summit in Belem include Environment Minister "
        "Steffi Lemke and climate adviser Jennifer Morgan.",
        dt.date(2025, 11, 1),
    )
    assert {c.person for c in found} == {"Steffi Lemke", "Jennifer Morgan"}


def test_people_doing_something_at_a_meeting_the_sentence_opens_with() -> None:
    found = claims(
        "Xi Jinping will skip the G20 summit in Johannesburg. At last year's summit in Rio, "
        "Lula and Xi signed a dozen agreements.",
        dt.date(2025, 11, 10),
    )
    rio = {(c.person, c.status) for c in found if c.meeting_date is None}
    assert rio == {("Luiz Inacio Lula da Silva", "attend"), ("Xi Jinping", "attend")}


def test_came_to_power_is_no_arrival() -> None:
    found = claims(
        "It would be the first G20 summit Xi Jinping has missed since he came to power.",
        dt.date(2023, 9, 1),
    )
    [xi] = found
    assert (xi.status, xi.certainty) == ("absent", "expected")


def test_an_inverted_condition_is_no_claim() -> None:
    found = claims(
        "Should Xi Jinping decide against travelling to Delhi, he and Biden could meet at the "
        "APEC summit in November.",
        dt.date(2023, 9, 1),
    )
    assert found == []


def test_hoping_someone_comes_is_only_possible() -> None:
    found = claims(
        "French President Emmanuel Macron said he hoped Brazilian President Luiz Inacio Lula "
        "da Silva would come to the G7 summit in Evian.",
        dt.date(2025, 2, 1),
    )
    [lula] = [c for c in found if c.person == "Luiz Inacio Lula da Silva"]
    assert (lula.status, lula.certainty) == ("attend", "possible")


def test_two_meetings_of_one_forum_are_two_claims() -> None:
    found = claims(
        "Trump skips East Asia Summit. U.S. President Donald Trump was in Manila for the "
        "ASEAN Summit on Monday, but he missed the East Asia Summit on Tuesday. The summit "
        "went ahead without him.",
        dt.date(2017, 11, 14),
    )
    assert sorted((c.forum, c.status) for c in found) == [
        ("asean-summit", "absent"),
        ("asean-summit", "attend"),
    ]
    one = claims(
        "Trump to skip East Asia Summit. U.S. President Donald Trump will not be at the "
        "summit in Angeles. Skipping the gathering sends a signal, experts said.",
        dt.date(2017, 10, 24),
    )
    assert [(c.forum, c.status) for c in one] == [("asean-summit", "absent")]


def test_a_source_cited_after_one_statement_is_not_the_nexts() -> None:
    found = by_person(
        claims(
            "French Armed Forces Minister Catherine Vautrin is expected to attend the NATO "
            "defence ministers' meeting, a French diplomat said, while Poland's Wladyslaw "
            "Kosiniak-Kamysz may join by video link.",
        )
    )
    vautrin, pole = found["Catherine Vautrin"], found["Wladyslaw Kosiniak-Kamysz"]
    assert vautrin.role == "defence_minister" and len(vautrin.sources) == 1
    assert pole.status == "virtual" and pole.sources == ()
    framed = by_person(
        claims(
            "A French diplomat said Catherine Vautrin, France's armed forces minister, would "
            "attend the NATO defence ministers' meeting, while Poland's Wladyslaw "
            "Kosiniak-Kamysz may join by video link."
        )
    )
    assert len(framed["Wladyslaw Kosiniak-Kamysz"].sources) == 1


def test_the_day_a_statement_was_made_is_neither_source_nor_meeting_date() -> None:
    [carney] = claims(
        "Canadian Prime Minister Mark Carney had said he would skip the G20 summit in "
        "Johannesburg. On Sunday his office said he will attend after all.",
        dt.date(2025, 11, 17),
    )
    assert carney.status == "attend" and carney.meeting_date == "2025-11"
    assert "his office" in [s.descriptor for s in carney.sources]


def test_with_someone_staying_away() -> None:
    found = claims(
        "EU foreign ministers met in Brussels on Monday for the Foreign Affairs Council, "
        "with Hungarian Foreign Minister Peter Szijjarto staying away from the talks. His "
        "state secretary attended in his place, a spokesperson said.",
        dt.date(2025, 3, 17),
    )
    assert [(c.person, c.status) for c in found] == [("Peter Szijjarto", "absent")]


def test_an_office_met_unnamed_gets_its_holders_name() -> None:
    found = claims(
        "ASEAN has shut Myanmar's top diplomat out of the ASEAN foreign ministers' retreat. "
        "Members would not invite Than Swe - foreign minister of the junta - a Cambodian "
        "foreign ministry spokesperson told AFP.",
        dt.date(2025, 1, 10),
    )
    assert [(c.person, c.country, c.role, c.status) for c in found] == [
        ("Than Swe", "MMR", "foreign_minister", "absent")
    ]


def test_a_meeting_named_by_who_meets_is_the_whole_meeting() -> None:
    # "missed a session of the summit" is partial attendance; "a meeting of NATO
    # defence ministers" is the meeting itself.
    found = claims(
        "Dutch Defence Minister Ruben Brekelmans is set to miss a meeting of NATO defence "
        "ministers in Brussels next week, officials said.",
        dt.date(2025, 2, 5),
    )
    assert [(c.person, c.forum, c.status, c.certainty) for c in found] == [
        ("Ruben Brekelmans", "nato-defence-ministers", "absent", "expected")
    ]


def test_the_members_of_a_body_are_not_its_meeting() -> None:
    found = by_person(
        claims(
            "Chancellor Friedrich Merz will speak at the UN General Assembly next week. He is "
            "the only leader of the big members of the Security Council to go; Prime "
            "Minister Keir Starmer is staying home.",
            dt.date(2025, 9, 15),
        )
    )
    assert {(p, c.forum, c.status) for p, c in found.items()} == {
        ("Friedrich Merz", "unga", "attend"),
        ("Keir Starmer", "unga", "absent"),
    }


def test_one_who_joins_by_video_is_not_absent_when_someone_goes_in_his_place() -> None:
    found = by_person(
        claims(
            "South African President Cyril Ramaphosa will join the SCO summit by video link, "
            "his spokesman said. Foreign Minister Ronald Lamola will attend in his place.",
            dt.date(2025, 8, 25),
        )
    )
    assert (found["Cyril Ramaphosa"].status, found["Cyril Ramaphosa"].representative) == (
        "virtual",
        None,
    )
    assert found["Ronald Lamola"].status == "attend"


def test_a_title_set_off_after_a_name_is_that_person() -> None:
    found = by_person(
        claims(
            "Prime Minister Anthony Albanese will not go to the APEC summit. Penny Wong, the "
            "prime minister's closest ally in cabinet and Australia's foreign minister, "
            "will lead the Australian delegation.",
            dt.date(2025, 10, 20),
        )
    )
    assert found["Anthony Albanese"].status == "absent"
    assert found["Anthony Albanese"].representative == "Penny Wong"


def test_an_adviser_of_the_president_is_no_president() -> None:
    found = by_person(
        claims(
            "Jake Sullivan, the president's national security adviser, attended the G20 "
            "summit in Rio.",
            dt.date(2024, 11, 19),
        )
    )
    assert found["Jake Sullivan"].role == "official"


def test_an_object_pronoun_is_not_the_subject_of_its_own_clause() -> None:
    found = by_person(
        claims(
            "Kenyan President William Ruto did not attend the African Union summit. Deputy "
            "President Kithure Kindiki represented him, State House said.",
            dt.date(2025, 2, 17),
        )
    )
    assert list(found) == ["William Ruto"]
    assert found["William Ruto"].representative == "Kithure Kindiki"


def test_a_gerund_after_before_shares_the_subject() -> None:
    found = claims(
        "Japanese Prime Minister Shigeru Ishiba will fly to Rio for the G20 summit after "
        "attending the APEC leaders' meeting in Lima, officials said.",
        dt.date(2024, 11, 12),
    )
    assert {(c.person, c.forum, c.status) for c in found} == {
        ("Shigeru Ishiba", "g20-summit", "attend"),
        ("Shigeru Ishiba", "apec-leaders", "attend"),
    }


def test_skipping_talks_with_someone_is_not_skipping_the_meeting() -> None:
    found = claims(
        "Chinese Premier Li Qiang attended the G20 summit in Rio on Monday but skipped a "
        "meeting with the Argentine president.",
        dt.date(2024, 11, 19),
    )
    assert [(c.person, c.status) for c in found] == [("Li Qiang", "attend")]


def test_hosting_an_online_summit_is_taking_part_remotely() -> None:
    found = claims(
        "Brazilian President Luiz Inacio Lula da Silva chaired the virtual BRICS summit on Monday.",
        dt.date(2025, 9, 9),
    )
    assert [(c.person, c.status) for c in found] == [("Luiz Inacio Lula da Silva", "virtual")]


def test_an_earlier_report_overtaken_is_no_claim() -> None:
    found = claims(
        "Polish President Andrzej Duda will attend the EU summit in person, his office said, "
        "after initial reports that he would take part by video link.",
        dt.date(2025, 3, 17),
    )
    assert [(c.person, c.status) for c in found] == [("Andrzej Duda", "attend")]


def test_withdrawing_something_else_from_an_agreement_is_not_withdrawing() -> None:
    found = claims(
        "Canadian Prime Minister Mark Carney will attend the COP30 climate summit in Belem. "
        "President Donald Trump withdrew the United States from the Paris accord.",
        dt.date(2025, 11, 3),
    )
    assert [c.person for c in found] == ["Mark Carney"]


def test_hosting_a_weekday_s_virtual_meeting_is_remote() -> None:
    found = claims(
        "Defence Secretary John Healey will host Thursday's virtual meeting of the Ukraine "
        "Defense Contact Group from London, the ministry said.",
        dt.date(2025, 4, 7),
    )
    assert [(c.person, c.status, c.meeting_date) for c in found] == [
        ("John Healey", "virtual", "2025-04-10")
    ]


def test_leaving_before_the_end_is_attending() -> None:
    found = by_person(
        claims(
            "Czech Prime Minister Petr Fiala attended the European Council summit on Thursday, "
            "while Slovak Prime Minister Robert Fico left before the end.",
            dt.date(2025, 3, 21),
        )
    )
    assert {p: c.status for p, c in found.items()} == {
        "Petr Fiala": "attend",
        "Robert Fico": "attend",
    }


def test_a_stand_in_named_before_the_absence_in_one_sentence() -> None:
    found = claims(
        "Trade Minister Todd McClay will represent New Zealand at the APEC summit in Lima, "
        "as Prime Minister Christopher Luxon stays home for the budget.",
        dt.date(2024, 11, 11),
    )
    assert [(c.person, c.status, c.representative) for c in found] == [
        ("Christopher Luxon", "absent", "Todd McClay")
    ]


def test_a_trip_under_way_points_to_the_coming_weekday() -> None:
    found = claims(
        "Lithuanian Foreign Minister Kestutis Budrys is heading to Brussels for a meeting of "
        "NATO foreign ministers starting Wednesday.",
        dt.date(2025, 11, 30),
    )
    assert [(c.person, c.meeting_date) for c in found] == [("Kestutis Budrys", "2025-12-03")]


def test_her_after_the_verb_is_someone_else_too() -> None:
    found = claims(
        "Estonian Prime Minister Kristen Michal skipped the EU summit. Foreign Minister "
        "Margus Tsahkna represented her at the talks, the government said.",
        dt.date(2025, 6, 27),
    )
    assert [(c.person, c.representative) for c in found] == [("Kristen Michal", "Margus Tsahkna")]


def test_due_in_a_city_for_the_meeting_is_expected_to_attend() -> None:
    found = claims(
        "Finnish Defence Minister Antti Hakkanen is due in Brussels on Wednesday for the "
        "meeting of NATO defence ministers.",
        dt.date(2025, 6, 2),
    )
    assert [(c.person, c.status, c.certainty, c.meeting_date) for c in found] == [
        ("Antti Hakkanen", "attend", "expected", "2025-06-04")
    ]


def test_arriving_ahead_of_a_meeting_is_arriving_for_it() -> None:
    found = claims(
        "Norwegian Prime Minister Jonas Gahr Store landed in The Hague on Monday ahead of the "
        "NATO summit.",
        dt.date(2025, 6, 24),
    )
    assert [(c.person, c.forum, c.status) for c in found] == [
        ("Jonas Gahr Store", "nato-summit", "attend")
    ]


def test_joined_at_the_meeting_by_someone() -> None:
    found = claims(
        "Kenyan President William Ruto will be joined at the COP30 summit by Environment "
        "Minister Deborah Barasa.",
        dt.date(2025, 11, 5),
    )
    assert {(c.person, c.status) for c in found} == {
        ("William Ruto", "attend"),
        ("Deborah Barasa", "attend"),
    }


def test_the_one_sent_named_after_a_possessive_noun() -> None:
    found = claims(
        "Philippine Defence Secretary Gilberto Teodoro will skip the ADMM-Plus meeting, his "
        "office said, and will instead send his undersecretary, Irineo Espino.",
        dt.date(2025, 11, 1),
    )
    assert [(c.person, c.status, c.representative) for c in found] == [
        ("Gilberto Teodoro", "absent", "Irineo Espino")
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Chile's foreign minister, Ana Soto, flew in for the OSCE ministerial on Thursday.",
        "Chile's foreign minister, Ana Soto, jetted in to attend the OSCE ministerial.",
        "Chile's foreign minister, Ana Soto, was also present at the OSCE ministerial.",
        "Chile's foreign minister, Ana Soto, made her debut at the OSCE ministerial on Thursday.",
    ],
)
def test_idioms_of_turning_up(sentence: str) -> None:
    (found,) = claims(sentence)
    assert (found.person, found.forum, found.status) == ("Ana Soto", "osce-ministers", "attend")


@pytest.mark.parametrize("verb", ["will not travel to Lima for", "will skip"])
def test_with_someone_going_in_his_place_is_a_stand_in_not_company(verb: str) -> None:
    found = claims(
        f"Peruvian President Carlos Rivas {verb} the APEC leaders' meeting, with Trade "
        "Minister Elena Paz going in his stead."
    )
    assert [(c.person, c.status, c.representative) for c in found] == [
        ("Carlos Rivas", "absent", "Elena Paz")
    ]


def test_words_of_a_place_of_several_words_may_be_a_name() -> None:
    """ "San Jose" and "Santo Domingo" are places; Jose Domingo is a minister."""
    (found,) = claims("Foreign Minister Jose Domingo will attend the G20 summit in Santo Domingo.")
    assert (found.person, found.role) == ("Jose Domingo", "foreign_minister")
    assert found.status == "attend"


@pytest.mark.parametrize(
    ("sentence", "certainty"),
    [
        ("Chile's President Ana Soto has ruled out attending the G20 summit.", "reported"),
        ("Chile's President Ana Soto has no plans to attend the G20 summit.", "expected"),
        ("Chile's President Ana Soto was a no-show at the G20 summit on Saturday.", "reported"),
    ],
)
def test_ruling_out_having_no_plans_and_a_no_show_are_absences(
    sentence: str, certainty: str
) -> None:
    (found,) = claims(sentence)
    assert (found.person, found.status, found.certainty) == ("Ana Soto", "absent", certainty)


@pytest.mark.parametrize(
    "sentence",
    [
        "Chile's President Ana Soto has accepted an invitation to the G20 summit.",
        "For the G20 summit, the hosts invited Chile's President Ana Soto, who has accepted.",
    ],
)
def test_accepting_an_invitation_is_attending(sentence: str) -> None:
    (found,) = claims(sentence)
    assert (found.person, found.status, found.certainty) == ("Ana Soto", "attend", "reported")


def test_speaking_on_his_behalf_is_standing_in_and_reading_a_text_is_not() -> None:
    found = claims(
        "Chile's President Ana Soto did not travel to the UN General Assembly. Foreign "
        "Minister Luis Vidal spoke on her behalf in the general debate."
    )
    assert [(c.person, c.status, c.representative) for c in found] == [
        ("Ana Soto", "absent", "Luis Vidal")
    ]
    errand = claims(
        "Chile's President Ana Soto spoke at the G20 summit. Her aide read a statement "
        "out on her behalf at a side event."
    )
    assert [(c.person, c.status) for c in errand] == [("Ana Soto", "attend")]


def test_a_meeting_of_two_after_the_summit_is_not_company() -> None:
    found = claims(
        "Chile's President Ana Soto landed in Lima for the APEC leaders' meeting and a "
        "long-awaited summit with Peruvian President Jose Ruiz."
    )
    assert [(c.person, c.status) for c in found] == [("Ana Soto", "attend")]


def test_the_state_first_and_the_people_after_the_verb() -> None:
    found = claims(
        "Absent from the G20 summit on Saturday were Chile's President Ana Soto and "
        "Peru's Jose Ruiz. Also attending were Bolivian President Luis Arce and "
        "Uruguayan President Yamandu Orsi."
    )
    assert {(c.person, c.status) for c in found} == {
        ("Ana Soto", "absent"),
        ("Jose Ruiz", "absent"),
        ("Luis Arce", "attend"),
        ("Yamandu Orsi", "attend"),
    }


@pytest.mark.parametrize(
    "meeting", ["the Munich security conference", "the security conference in Munich"]
)
def test_the_munich_conference_named_in_lower_case(meeting: str) -> None:
    (found,) = claims(f"Britain's Foreign Secretary Tom Ward will attend {meeting}.")
    assert (found.forum, found.status) == ("munich-security-conference", "attend")


def test_expected_at_the_meeting_is_expected_attendance() -> None:
    (found,) = claims(
        "Chile's foreign minister, Ana Soto, is also expected at the OSCE ministerial."
    )
    assert (found.person, found.status, found.certainty) == ("Ana Soto", "attend", "expected")


@pytest.mark.parametrize(
    "sentence",
    [
        "Chile's President Ana Soto left the G20 summit early and did not attend "
        "Sunday's sessions.",
        "Chile's President Ana Soto arrived late at the G20 summit but took part in the "
        "working dinner.",
    ],
)
def test_part_of_a_meeting_attended_or_not_is_attending(sentence: str) -> None:
    (found,) = claims(sentence)
    assert (found.person, found.status) == ("Ana Soto", "attend")


def test_asking_someone_to_lead_the_delegation_is_no_statement() -> None:
    found = claims(
        "Chile's President Ana Soto is considering skipping the COP30 talks. She has asked "
        "Environment Minister Luis Vidal to prepare to lead the delegation."
    )
    assert [(c.person, c.status, c.certainty) for c in found] == [
        ("Ana Soto", "absent", "possible")
    ]


def test_a_council_or_organisation_is_no_person_who_sends() -> None:
    (found,) = claims(
        "Chile's President Ana Soto is skipping the Shanghai Cooperation Organisation summit, "
        "sending Foreign Minister Luis Vidal."
    )
    assert (found.person, found.status, found.representative) == (
        "Ana Soto",
        "absent",
        "Luis Vidal",
    )


def test_joining_a_head_of_government_for_the_summit() -> None:
    found = claims(
        "Chile's President Ana Soto will join Peruvian President Jose Ruiz in Lima on "
        "Saturday for the APEC leaders' meeting."
    )
    assert {(c.person, c.status) for c in found} == {
        ("Ana Soto", "attend"),
        ("Jose Ruiz", "attend"),
    }


def test_running_the_meeting_named_before() -> None:
    found = by_person(
        claims(
            "The Ukraine Defense Contact Group meets in Brussels on Wednesday. Chile's "
            "Defence Minister Ana Soto will attend, but Peru's Defence Minister Jose Ruiz "
            "will run it."
        )
    )
    assert found["Jose Ruiz"].status == "attend"
    assert found["Jose Ruiz"].forum == "ukraine-defense-contact-group"


@pytest.mark.parametrize(
    "second",
    [
        "Chile's President Ana Soto arrived saying she would not block the deal.",
        "Chile's President Ana Soto arrived on Friday.",
        "Chile's President Ana Soto will join them for lunch.",
    ],
)
def test_arriving_and_joining_them_at_the_meeting_the_text_is_about(second: str) -> None:
    (found,) = claims(f"EU leaders meet in Brussels on Thursday for a two-day summit. {second}")
    assert (found.person, found.forum, found.status) == ("Ana Soto", "eu-council", "attend")


def test_as_will_another_says_the_same_of_them() -> None:
    found = by_person(
        claims(
            "Chile's President Ana Soto will also be at the G20 summit, her office said, as "
            "will Peru's President Jose Ruiz."
        )
    )
    assert found["Jose Ruiz"].status == "attend" and found["Jose Ruiz"].forum == "g20-summit"


def test_leaving_before_it_ends_and_skipping_the_final_day_is_attending() -> None:
    (found,) = claims(
        "Chile's President Ana Soto arrived for the G20 summit on Saturday. She will leave "
        "before the summit ends, skipping the final day."
    )
    assert (found.person, found.status) == ("Ana Soto", "attend")


def test_the_officials_named_again_count_once() -> None:
    found = by_person(
        claims(
            "Chile's Defence Minister Ana Soto will chair the NATO defence ministers' meeting, "
            "according to two officials. Peru's Defence Minister Jose Ruiz will attend the "
            "meeting too, the officials said."
        )
    )
    assert len(found["Ana Soto"].sources) == len(found["Jose Ruiz"].sources) == 2


def test_an_office_after_is_says_what_the_subject_is() -> None:
    found = claims(
        "Ana Soto spoke to reporters on Monday. Now she is NATO deputy secretary-general "
        "and will attend the alliance's summit in June."
    )
    assert [(c.person, c.forum, c.status) for c in found] == [("Ana Soto", "nato-summit", "attend")]


def test_a_sentence_opening_with_if_is_a_supposition() -> None:
    (found,) = claims(
        "If Chile's President Ana Soto travels to the G20 summit, she will meet Peru's "
        "President Jose Ruiz there."
    )
    assert (found.person, found.status, found.certainty) == ("Ana Soto", "attend", "possible")


@pytest.mark.parametrize(
    "sentence",
    [
        "Chile's President Ana Soto made a surprise appearance at the G20 summit on Sunday.",
        "The G20 summit opened with Peru's President Jose Ruiz, followed by Chile's President "
        "Ana Soto, who gave her first address to the leaders.",
        "The G20 summit opens on Friday. Chile's President Ana Soto is due to speak on Saturday.",
    ],
)
def test_appearing_and_speaking(sentence: str) -> None:
    found = by_person(claims(sentence))
    assert found["Ana Soto"].status == "attend" and found["Ana Soto"].forum == "g20-summit"


def test_a_compound_adjective_before_the_office() -> None:
    (found,) = claims(
        "Chile's newly-appointed foreign minister will not be allowed to attend the OSCE "
        "ministerial."
    )
    assert (found.person, found.country, found.role, found.status) == (
        None,
        "CHL",
        "foreign_minister",
        "absent",
    )


def test_an_aside_about_the_actor_neither_hedges_nor_habituates_the_verb() -> None:
    (cancelled,) = claims(
        "Chile's President Ana Soto, who had planned to attend the G20 summit, cancelled her "
        "trip on medical advice."
    )
    assert (cancelled.status, cancelled.certainty) == ("absent", "reported")
    standin = by_person(
        claims(
            "At the G20 summit, Foreign Minister Luis Vidal is standing in for Chile's "
            "President Ana Soto, who rarely travels to such gatherings now."
        )
    )
    assert (standin["Ana Soto"].status, standin["Ana Soto"].representative) == (
        "absent",
        "Luis Vidal",
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "NATO foreign ministers meet in Brussels on Tuesday. Chile's Foreign Minister Ana "
        "Soto is attending what is likely to be her last ministerial.",
        "Chile's Foreign Minister Ana Soto will chair her first NATO foreign ministers' meeting.",
        "Chile's Foreign Minister Ana Soto delivered a blistering speech at the NATO foreign "
        "ministers' meeting.",
    ],
)
def test_the_meeting_as_a_free_relative_a_possessive_or_after_an_adjective(
    sentence: str,
) -> None:
    (found,) = claims(sentence)
    assert (found.forum, found.status) == ("nato-foreign-ministers", "attend")


def test_failing_to_deliver_a_planned_speech_elsewhere_is_no_absence() -> None:
    found = claims(
        "Chile's President Ana Soto attended the G20 summit. On Tuesday she failed to "
        "deliver a planned speech at a business forum in the city."
    )
    assert [(c.person, c.status) for c in found] == [("Ana Soto", "attend")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Chile's President Ana Soto arrived in Beijing to attend the Belt and Road Forum.",
        "Chile's President Ana Soto opened the Financing for Development conference in "
        "Seville on Monday.",
    ],
)
def test_a_meeting_with_a_name_the_vocabulary_lacks_is_other(sentence: str) -> None:
    (found,) = claims(sentence)
    assert (found.person, found.forum, found.status) == ("Ana Soto", "other", "attend")


@pytest.mark.parametrize(
    "sentence",
    [
        "Chile's President Ana Soto skipped the Labour Party Conference.",
        "Chile's President Ana Soto gave a press conference in Rio for the summit.",
    ],
)
def test_a_party_conference_or_a_press_conference_is_no_meeting(sentence: str) -> None:
    assert [c for c in claims(sentence) if c.forum == "other"] == []


def test_two_named_meetings_of_other_are_two_meetings() -> None:
    found = claims(
        "Chile's President Ana Soto attended the Belt and Road Forum in May and skipped the "
        "Financing for Development Conference in June."
    )
    assert sorted((c.forum, c.status) for c in found) == [("other", "absent"), ("other", "attend")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Chile's President Ana Soto welcomed leaders to Santiago for the APEC leaders' meeting.",
        "At the APEC leaders' meeting, Chile's President Ana Soto told the leaders that trade "
        "must stay open.",
        "Chile's President Ana Soto told the APEC leaders that trade must stay open.",
    ],
)
def test_welcoming_and_telling_the_leaders_is_taking_part(sentence: str) -> None:
    (found,) = claims(sentence)
    assert (found.person, found.forum, found.status) == ("Ana Soto", "apec-leaders", "attend")


def test_earlier_reports_that_said_otherwise_are_overtaken() -> None:
    (found,) = claims(
        "Chile's President Ana Soto will attend the G20 summit in person, after earlier "
        "reports said she would join by video link."
    )
    assert (found.status, found.certainty) == ("attend", "reported")


@pytest.mark.parametrize(
    "opening",
    [
        "Defence ministers from NATO countries are meeting in Brussels on Thursday.",
        "Defence ministers of the NATO allies wrapped up talks in Brussels on Thursday.",
    ],
)
def test_the_kind_of_ministers_before_the_body_that_meets(opening: str) -> None:
    (found,) = claims(f"{opening} Chile's Defence Minister Ana Soto joined in person.")
    assert (found.forum, found.status) == ("nato-defence-ministers", "attend")


def test_ministers_of_a_body_who_do_not_meet_are_no_meeting() -> None:
    assert claims("Foreign ministers from NATO countries criticised the plan on Monday.") == []


def test_a_topic_word_between_the_name_and_the_kind() -> None:
    (found,) = claims(
        "Chile's President Ana Soto won't be in attendance at the Ukraine peace summit."
    )
    assert (found.forum, found.status) == ("other", "absent")


def test_being_invited_to_attend_is_no_statement() -> None:
    assert claims("Chile's Defence Minister Ana Soto was invited to attend the NATO summit.") == []


def test_two_stand_ins_the_first_named_represents_the_absent() -> None:
    found = by_person(
        claims(
            "Chile's President Jose Ruiz won't be at the G20 summit. Foreign Minister Ana "
            "Soto and Finance Minister Luis Vidal will attend in his place."
        )
    )
    assert (found["Jose Ruiz"].status, found["Jose Ruiz"].representative) == (
        "absent",
        "Ana Soto",
    )
    assert "Ana Soto" not in found


@pytest.mark.parametrize(
    ("opening", "forum"),
    [
        (
            "G7 finance ministers and central bank governors gathered in Stresa on Friday.",
            "g7-ministers",
        ),
        ("NATO leaders opened their anniversary summit in Washington on Tuesday.", "nato-summit"),
    ],
)
def test_the_people_of_a_body_who_gather_or_open_a_meeting(opening: str, forum: str) -> None:
    found = by_person(
        claims(
            f"{opening} Chile's Finance Minister Ana Soto urged her counterparts to act. "
            "Peru's Finance Minister Jose Ruiz flew in after a visit to Beijing."
        )
    )
    assert {n: (c.forum, c.status) for n, c in found.items()} == {
        "Ana Soto": (forum, "attend"),
        "Jose Ruiz": (forum, "attend"),
    }


def test_opening_a_meeting_named_by_its_acronym_and_hosting_one_that_is_called_off() -> None:
    (opened,) = claims("Chile's President Ana Soto will open COP31 on Friday with a speech.")
    assert (opened.forum, opened.status) == ("cop", "attend")
    assert claims("Chile's President Ana Soto said Chile would not be able to host COP25.") == []


def test_a_city_before_summit_is_where_it_is_held_not_its_name() -> None:
    found = claims(
        "NATO leaders opened their summit in Vilnius on Tuesday. Chile's President Ana Soto "
        "spoke at the Vilnius summit on Tuesday."
    )
    assert [(c.forum, c.status) for c in found] == [("nato-summit", "attend")]


def test_a_surname_with_particles_at_the_start_of_a_sentence_is_the_same_person() -> None:
    found = claims(
        "European Commission President Ursula von der Leyen attended the EU summit on "
        "Thursday. Von der Leyen will also attend the G20 summit in November."
    )
    assert [c.person for c in found] == ["Ursula von der Leyen"] * 2


def test_sending_someone_rather_than_the_principal() -> None:
    found = by_person(
        claims(
            "Chile sent Foreign Minister Luis Vidal to the G20 summit rather than President "
            "Ana Soto."
        )
    )
    assert (found["Ana Soto"].status, found["Ana Soto"].representative) == ("absent", "Luis Vidal")


def test_the_leaders_dinner_is_part_of_the_meeting() -> None:
    (found,) = claims(
        "Chile's President Ana Soto spent a day at the NATO summit but did not attend the "
        "leaders' dinner on Tuesday."
    )
    assert (found.forum, found.status) == ("nato-summit", "attend")


def test_in_munich_for_the_security_conference() -> None:
    found = claims(
        "Chile's Foreign Minister Ana Soto will be in Munich for the security conference. "
        "Peru's Foreign Minister Jose Ruiz is also expected to speak."
    )
    assert {(c.person, c.forum, c.certainty) for c in found} == {
        ("Ana Soto", "munich-security-conference", "reported"),
        ("Jose Ruiz", "munich-security-conference", "expected"),
    }


def test_not_travelling_is_absent_and_instead_of_travelling_is_not_attending() -> None:
    (home,) = claims(
        "The COP30 talks open on Monday. Chile's President Ana Soto is not travelling."
    )
    assert home.status == "absent"
    (video,) = claims(
        "Chile's Foreign Minister Ana Soto joined the G7 ministers' talks by video link "
        "instead of travelling."
    )
    assert video.status == "virtual"


def test_walking_out_of_a_ministerial_meeting_is_having_been_there() -> None:
    (found,) = claims(
        "Chile's Foreign Minister Ana Soto walked out of the OSCE ministerial meeting in Malta."
    )
    assert (found.forum, found.status) == ("osce-ministers", "attend")


def test_a_named_superior_s_deputy_is_a_deputy_of_that_state() -> None:
    found = by_person(
        claims(
            "Chile's Foreign Minister Ana Soto skipped the G20 foreign ministers' meeting. "
            "Soto's deputy, Luis Vidal, did not go either."
        )
    )
    assert (found["Luis Vidal"].role, found["Luis Vidal"].country) == ("deputy", "CHL")
    assert found["Luis Vidal"].status == "absent"
