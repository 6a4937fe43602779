"""Integrity checks for the country vocabulary (src/emptychair/vocab/countries.json)."""

from __future__ import annotations

import functools
import importlib.resources
import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

COUNTRIES_JSON = Path(__file__).parents[2] / "src/emptychair/vocab/countries.json"

STRING_FIELDS = ("names", "adjectives", "demonyms", "capitals", "seats")

# The 193 member states of the United Nations, as ISO 3166-1 alpha-3 codes.
_UN_MEMBER_CODES = """
    AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN
    BOL BIH BWA BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI
    CIV HRV CUB CYP CZE PRK COD DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI
    FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN
    IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU
    LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MDA MCO MNG MNE MAR MOZ MMR NAM
    NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT
    KOR ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM
    ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK TZA THA TLS TGO TON TTO TUN TUR TKM TUV
    UGA UKR ARE GBR USA URY UZB VUT VEN VNM YEM ZMB ZWE
"""
UN_MEMBERS = frozenset(_UN_MEMBER_CODES.split())

# Non-member states and the pseudo-codes of FORMAT.md.
EXTRAS = frozenset({"VAT", "PSE", "TWN", "XKX", "EUU", "NAT", "UNO"})

# Strings that deliberately belong to more than one entry; the extractor must use
# context to choose. Keys are casefolded, accent-stripped forms.
ALLOWED_SHARED = {
    # News writes bare "Congo" and "Congolese" for both Congos (AP's "Congo" is the DRC,
    # the Republic of the Congo's own short name is "Congo").
    "congo": {"COG", "COD"},
    "congolese": {"COG", "COD"},
    # Brussels is Belgium's capital and the usual metonym for the EU institutions.
    "brussels": {"BEL", "EUU"},
}

# Entries whose main name is also a common word, a person's name or a US state.
MUST_BE_AMBIGUOUS = {"TCD", "JOR", "GEO", "TUR", "GIN", "NER", "COG", "COD"}


@functools.cache
def _load() -> list[dict[str, Any]]:
    with COUNTRIES_JSON.open(encoding="utf-8") as fh:
        data = json.load(fh)
    assert isinstance(data, list)
    return data


@pytest.fixture(scope="module")
def entries() -> list[dict[str, Any]]:
    return _load()


def _key(s: str) -> str:
    folded = unicodedata.normalize("NFKD", s.replace("\u2019", "'"))
    return "".join(c for c in folded if not unicodedata.combining(c)).casefold()


def _index(entries: list[dict[str, Any]]) -> dict[str, set[str]]:
    index: dict[str, set[str]] = defaultdict(set)
    for e in entries:
        for field in STRING_FIELDS:
            for s in e[field]:
                index[_key(s)].add(e["iso3"])
    return index


def test_packaged_copy_matches_when_importable() -> None:
    try:
        ref = importlib.resources.files("emptychair") / "vocab" / "countries.json"
    except ModuleNotFoundError:
        pytest.skip("emptychair is not importable")
    assert json.loads(ref.read_text(encoding="utf-8")) == _load()


def test_schema(entries: list[dict[str, Any]]) -> None:
    for e in entries:
        assert set(e) == {"iso3", "name", *STRING_FIELDS, "ambiguous"}, e.get("iso3")
        assert isinstance(e["ambiguous"], bool)
        assert isinstance(e["name"], str) and e["name"] in e["names"]
        for field in STRING_FIELDS:
            values = e[field]
            assert isinstance(values, list), (e["iso3"], field)
            assert len(values) == len(set(values)), (e["iso3"], field)
            for s in values:
                assert isinstance(s, str) and s and s == s.strip(), (e["iso3"], field, s)
        assert e["names"], e["iso3"]
        assert e["adjectives"], e["iso3"]


def test_codes_are_three_uppercase_letters_and_unique(entries: list[dict[str, Any]]) -> None:
    codes = [e["iso3"] for e in entries]
    assert all(re.fullmatch(r"[A-Z]{3}", c) for c in codes)
    assert len(codes) == len(set(codes))


def test_all_un_members_and_extras_present(entries: list[dict[str, Any]]) -> None:
    assert len(UN_MEMBERS) == 193
    codes = {e["iso3"] for e in entries}
    assert codes == UN_MEMBERS | EXTRAS
    assert len(entries) == 200


def test_no_string_maps_to_two_entries(entries: list[dict[str, Any]]) -> None:
    clashes = {
        k: v for k, v in _index(entries).items() if len(v) > 1 and ALLOWED_SHARED.get(k) != v
    }
    assert clashes == {}
    index = _index(entries)
    for k, v in ALLOWED_SHARED.items():
        assert index[k] == v, k


def test_ambiguous_flags(entries: list[dict[str, Any]]) -> None:
    flagged = {e["iso3"] for e in entries if e["ambiguous"]}
    assert flagged >= MUST_BE_AMBIGUOUS
    assert not flagged & {"USA", "CHN", "GBR", "RUS", "FRA", "DEU", "EUU", "NAT", "UNO"}


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("U.S.", "USA"),
        ("US", "USA"),
        ("America", "USA"),
        ("Washington", "USA"),
        ("Pentagon", "USA"),
        ("White House", "USA"),
        ("Britain", "GBR"),
        ("U.K.", "GBR"),
        ("Great Britain", "GBR"),
        ("British", "GBR"),
        ("Downing Street", "GBR"),
        ("Foreign Office", "GBR"),
        ("Chinese", "CHN"),
        ("PRC", "CHN"),
        ("Beijing", "CHN"),
        ("Zhongnanhai", "CHN"),
        ("Slovak", "SVK"),
        ("Slovakian", "SVK"),
        ("Kremlin", "RUS"),
        ("Russian Federation", "RUS"),
        ("Ukraine", "UKR"),
        ("Kyiv", "UKR"),
        ("South Korea", "KOR"),
        ("Republic of Korea", "KOR"),
        ("ROK", "KOR"),
        ("South Korean", "KOR"),
        ("Blue House", "KOR"),
        ("North Korea", "PRK"),
        ("DPRK", "PRK"),
        ("Dutch", "NLD"),
        ("the Netherlands", "NLD"),
        ("Holland", "NLD"),
        ("Mexico", "MEX"),
        ("Vatican", "VAT"),
        ("Holy See", "VAT"),
        ("Türkiye", "TUR"),
        ("Turkiye", "TUR"),
        ("Turkey", "TUR"),
        ("Turkish", "TUR"),
        ("Czechia", "CZE"),
        ("Czech", "CZE"),
        ("Ivory Coast", "CIV"),
        ("Côte d'Ivoire", "CIV"),
        ("Cote d'Ivoire", "CIV"),
        ("Burma", "MMR"),
        ("Iranian", "IRN"),
        ("Saudi", "SAU"),
        ("UAE", "ARE"),
        ("Emirati", "ARE"),
        ("Philippine", "PHL"),
        ("Filipino", "PHL"),
        ("New Zealand", "NZL"),
        ("Bosnia", "BIH"),
        ("Bosnian", "BIH"),
        ("Macedonia", "MKD"),
        ("Macedonian", "MKD"),
        ("German", "DEU"),
        ("Élysée", "FRA"),
        ("Elysee", "FRA"),
        ("Quai d'Orsay", "FRA"),
        ("Kantei", "JPN"),
        ("Taiwan", "TWN"),
        ("Chinese Taipei", "TWN"),
        ("Kosovo", "XKX"),
        ("Palestinian", "PSE"),
        ("European Union", "EUU"),
        ("EU", "EUU"),
        ("European Commission", "EUU"),
        ("European Council", "EUU"),
        ("Commission", "EUU"),
        ("NATO", "NAT"),
        ("North Atlantic Treaty Organization", "NAT"),
        ("United Nations", "UNO"),
        ("UN", "UNO"),
        ("U.N.", "UNO"),
    ],
)
def test_known_strings(text: str, iso3: str) -> None:
    assert _index(_load())[_key(text)] == {iso3}
