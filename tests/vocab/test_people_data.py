"""Checks on the reference list of office holders in vocab/people.json."""

import itertools
import json
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest

PEOPLE_PATH = Path(__file__).parents[2] / "src/emptychair/vocab/people.json"

ROLES = {
    "leader",
    "foreign_minister",
    "defence_minister",
    "finance_minister",
    "minister",
    "deputy",
    "ambassador",
    "official",
}
KEYS = {"name", "aliases", "country", "role", "office", "from", "to"}
MONTH = re.compile(r"^(19|20)\d\d-(0[1-9]|1[0-2])$")
COUNTRY = re.compile(r"^[A-Z]{3}$")
OPEN_END = "9999-12"


@pytest.fixture(scope="module")
def people() -> list[dict[str, Any]]:
    data = json.loads(PEOPLE_PATH.read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def find(people: list[dict[str, Any]], name: str, **fields: Any) -> list[dict[str, Any]]:
    """Entries whose name or one of its aliases is `name` and whose fields match."""
    return [
        p
        for p in people
        if (p["name"] == name or name in p["aliases"]) and all(p[k] == v for k, v in fields.items())
    ]


def the_one(people: list[dict[str, Any]], name: str, **fields: Any) -> dict[str, Any]:
    found = find(people, name, **fields)
    assert len(found) == 1, f"{name} {fields}: {found}"
    return found[0]


def test_loads_and_is_large(people: list[dict[str, Any]]) -> None:
    assert len(people) >= 900
    roles = Counter(p["role"] for p in people)
    assert roles["leader"] >= 400
    for role in ("foreign_minister", "defence_minister", "finance_minister"):
        assert roles[role] >= 60, role


def test_one_object_per_line() -> None:
    lines = PEOPLE_PATH.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[" and lines[-1] == "]"
    for line in lines[1:-1]:
        json.loads(line.rstrip(","))


def test_fields(people: list[dict[str, Any]]) -> None:
    for p in people:
        assert set(p) == KEYS, p
        assert isinstance(p["name"], str) and p["name"] == p["name"].strip() and p["name"]
        assert isinstance(p["office"], str) and p["office"].strip(), p
        assert isinstance(p["aliases"], list), p
        assert all(isinstance(a, str) and a.strip() == a and a for a in p["aliases"]), p
        assert p["name"] not in p["aliases"], p
        assert len(set(p["aliases"])) == len(p["aliases"]), p


def test_roles(people: list[dict[str, Any]]) -> None:
    bad = [p for p in people if p["role"] not in ROLES]
    assert not bad


def test_countries(people: list[dict[str, Any]]) -> None:
    bad = [p for p in people if p["country"] is not None and not COUNTRY.match(p["country"])]
    assert not bad


def test_dates(people: list[dict[str, Any]]) -> None:
    for p in people:
        assert isinstance(p["from"], str) and MONTH.match(p["from"]), p
        if p["to"] is not None:
            assert isinstance(p["to"], str) and MONTH.match(p["to"]), p
            assert p["from"] <= p["to"], p


def test_no_duplicates(people: list[dict[str, Any]]) -> None:
    keys = Counter((p["name"], p["office"], p["from"]) for p in people)
    assert [k for k, n in keys.items() if n > 1] == []


def test_single_holder_offices_do_not_overlap(people: list[dict[str, Any]]) -> None:
    """Two holders of one office in one country may share a month, but not more."""
    spells: dict[tuple[str | None, str], list[tuple[str, str, str]]] = defaultdict(list)
    for p in people:
        if p["role"] in {"leader", "foreign_minister", "defence_minister", "finance_minister"}:
            spells[(p["country"], p["office"])].append((p["from"], p["to"] or OPEN_END, p["name"]))
    clashes = []
    for key, items in spells.items():
        items.sort()
        for (_, end, who), (start, _, nxt) in itertools.pairwise(items):
            if start < end:
                clashes.append((key, who, nxt))
    assert clashes == []


def test_covers_required_countries(people: list[dict[str, Any]]) -> None:
    leaders = {p["country"] for p in people if p["role"] == "leader"}
    required = {
        # G20
        *("USA", "GBR", "FRA", "DEU", "ITA", "CAN", "JPN", "RUS", "CHN", "IND"),
        *("BRA", "ARG", "MEX", "IDN", "ZAF", "SAU", "TUR", "KOR", "AUS"),
        # NATO and EU
        *("ALB", "BEL", "BGR", "HRV", "CZE", "DNK", "EST", "FIN", "GRC", "HUN"),
        *("ISL", "LVA", "LTU", "LUX", "MNE", "NLD", "MKD", "NOR", "POL", "PRT"),
        *("ROU", "SVK", "SVN", "ESP", "SWE", "AUT", "CYP", "IRL", "MLT"),
        # ASEAN
        *("BRN", "KHM", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM"),
        # others
        *("NZL", "UKR", "ISR", "IRN", "ARE", "QAT", "PAK", "VAT"),
    }
    assert sorted(required - leaders) == []
    for c in ("USA", "GBR", "FRA", "DEU", "ITA", "CAN", "JPN", "RUS", "CHN", "IND", "UKR"):
        for role in ("foreign_minister", "defence_minister"):
            assert any(p["country"] == c and p["role"] == role for p in people), (c, role)


def test_current_holders_are_unique(people: list[dict[str, Any]]) -> None:
    for country, office in [
        ("USA", "President"),
        ("USA", "Secretary of State"),
        ("GBR", "Prime Minister"),
        ("DEU", "Chancellor"),
        ("NAT", "Secretary General of NATO"),
        ("UNO", "Secretary-General of the United Nations"),
    ]:
        current = [
            p for p in people if p["country"] == country and p["office"] == office and not p["to"]
        ]
        assert len(current) == 1, (country, office, current)


# ---- spot checks of well-known facts


def test_blinken(people: list[dict[str, Any]]) -> None:
    p = the_one(people, "Antony Blinken")
    assert (p["country"], p["role"], p["from"], p["to"]) == (
        "USA",
        "foreign_minister",
        "2021-01",
        "2025-01",
    )
    assert "Tony Blinken" in p["aliases"]


def test_rutte(people: list[dict[str, Any]]) -> None:
    nato = the_one(people, "Mark Rutte", country="NAT")
    assert (nato["role"], nato["from"], nato["to"]) == ("official", "2024-10", None)
    dutch = the_one(people, "Mark Rutte", country="NLD")
    assert (dutch["role"], dutch["from"], dutch["to"]) == ("leader", "2010-10", "2024-07")


def test_xi_jinping(people: list[dict[str, Any]]) -> None:
    p = the_one(people, "Xi Jinping", office="President")
    assert (p["country"], p["role"], p["from"], p["to"]) == ("CHN", "leader", "2013-03", None)


def test_zelensky_spellings(people: list[dict[str, Any]]) -> None:
    for spelling in ("Volodymyr Zelensky", "Volodymyr Zelenskyy", "Volodymyr Zelenskiy"):
        p = the_one(people, spelling)
        assert (p["country"], p["role"], p["from"]) == ("UKR", "leader", "2019-05")


def test_lavrov(people: list[dict[str, Any]]) -> None:
    p = the_one(people, "Sergey Lavrov")
    assert p["name"] == "Sergei Lavrov"
    assert (p["country"], p["role"], p["to"]) == ("RUS", "foreign_minister", None)


def test_trump_two_terms(people: list[dict[str, Any]]) -> None:
    terms = find(people, "Donald Trump", office="President")
    assert sorted((p["from"], p["to"]) for p in terms) == [
        ("2017-01", "2021-01"),
        ("2025-01", None),
    ]
    assert all(p["country"] == "USA" and p["role"] == "leader" for p in terms)


def test_us_defence_and_treasury(people: list[dict[str, Any]]) -> None:
    austin = the_one(people, "Lloyd Austin")
    assert (austin["role"], austin["from"], austin["to"]) == (
        "defence_minister",
        "2021-01",
        "2025-01",
    )
    hegseth = the_one(people, "Peter Hegseth")
    assert (hegseth["name"], hegseth["role"], hegseth["to"]) == (
        "Pete Hegseth",
        "defence_minister",
        None,
    )
    yellen = the_one(people, "Janet Yellen")
    assert (yellen["country"], yellen["role"]) == ("USA", "finance_minister")
    vance = the_one(people, "J.D. Vance")
    assert (vance["role"], vance["from"]) == ("deputy", "2025-01")


def test_ishiba_has_several_offices(people: list[dict[str, Any]]) -> None:
    spells = find(people, "Shigeru Ishiba")
    assert {p["role"] for p in spells} >= {"leader", "defence_minister"}
    pm = the_one(people, "Shigeru Ishiba", role="leader")
    assert (pm["country"], pm["from"], pm["to"]) == ("JPN", "2024-10", "2025-10")


def test_sunak_chancellor_then_pm(people: list[dict[str, Any]]) -> None:
    chancellor = the_one(people, "Rishi Sunak", role="finance_minister")
    assert (chancellor["office"], chancellor["from"]) == ("Chancellor of the Exchequer", "2020-02")
    pm = the_one(people, "Rishi Sunak", role="leader")
    assert (pm["from"], pm["to"]) == ("2022-10", "2024-07")


def test_international_officials(people: list[dict[str, Any]]) -> None:
    guterres = the_one(people, "Antonio Guterres", country="UNO", to=None)
    assert (guterres["role"], guterres["from"]) == ("official", "2017-01")
    vdl = the_one(people, "Ursula von der Leyen", country="EUU")
    assert (vdl["role"], vdl["from"], vdl["to"]) == ("official", "2019-12", None)
    vdl_defence = the_one(people, "Ursula von der Leyen", country="DEU")
    assert vdl_defence["role"] == "defence_minister"
    georgieva = the_one(people, "Kristalina Georgieva", office="Managing Director of the IMF")
    assert (georgieva["country"], georgieva["role"]) == (None, "official")


def test_transliterations(people: list[dict[str, Any]]) -> None:
    assert the_one(people, "Recep Tayyip Erdoğan", to=None)["country"] == "TUR"
    assert the_one(people, "Lula", to=None)["name"] == "Luiz Inacio Lula da Silva"
    amlo = the_one(people, "Andrés Manuel López Obrador")
    assert (amlo["name"], amlo["country"]) == ("Andres Manuel Lopez Obrador", "MEX")
    mbs = the_one(people, "Mohammad bin Salman", office="Crown Prince")
    assert (mbs["name"], mbs["role"], mbs["country"]) == ("Mohammed bin Salman", "leader", "SAU")


def test_popes(people: list[dict[str, Any]]) -> None:
    francis = the_one(people, "Pope Francis")
    assert (francis["country"], francis["role"], francis["from"], francis["to"]) == (
        "VAT",
        "leader",
        "2013-03",
        "2025-04",
    )
    assert the_one(people, "Pope Leo XIV")["from"] == "2025-05"
