"""The built-in actor tables: coverage, lookup rules, office holders by date, sectors."""

from __future__ import annotations

import datetime as dt

import pycountry
import pytest

from eventwire.knowledge import load_actor_knowledge, surname_forms

UN_NON_MEMBERS = {
    # ISO 3166-1 entries that are territories or dependencies, not UN member states.
    "ABW", "AIA", "ALA", "ASM", "ATA", "ATF", "BES", "BLM", "BMU", "BVT", "CCK", "COK", "CUW", "CXR", "CYM",
    "ESH", "FLK", "FRO", "GGY", "GIB", "GLP", "GRL", "GUF", "GUM", "HKG", "HMD", "IMN", "IOT", "JEY", "MAC",
    "MAF", "MNP", "MSR", "MTQ", "MYT", "NCL", "NFK", "NIU", "PCN", "PRI", "PYF", "REU", "SGS", "SHN", "SJM",
    "SPM", "SXM", "TCA", "TKL", "UMI", "VGB", "VIR", "WLF", "PSE", "TWN", "VAT",
}


@pytest.fixture(scope="module")
def kb():
    return load_actor_knowledge()


def test_every_un_member_and_observer_is_present(kb):
    members = {c.alpha_3 for c in pycountry.countries} - UN_NON_MEMBERS
    assert len(members) == 193
    assert members <= set(kb.countries)
    assert {"VAT", "PSE", "XKX", "TWN"} <= set(kb.countries)
    for country in kb.countries.values():
        assert country.demonyms, country.iso3
        assert country.capital_lat is not None and country.capital_lon is not None, country.iso3


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("Russian", "RUS"), ("Russians", "RUS"), ("Moscow", "RUS"), ("Kyiv", "UKR"), ("Kiev", "UKR"),
        ("Ukraine", "UKR"), ("Ukrainian", "UKR"), ("U.S.", "USA"), ("US", "USA"), ("the United States", "USA"),
        ("Ukraine’s", "UKR"), ("Ukraine's", "UKR"), ("Americans'", "USA"), ("Washington", "USA"),
        ("Britain", "GBR"), ("Türkiye", "TUR"), ("Burma", "MMR"), ("Israeli", "ISR"), ("Palestinians", "PSE"),
    ],
)
def test_country_of_name(kb, text, iso3):
    country = kb.country_of_name(text)
    assert country is not None and country.iso3 == iso3


def test_acronyms_match_only_as_written(kb):
    assert kb.country_of_name("us") is None
    assert kb.lookup("us") == []
    assert [m.entry.code for m in kb.lookup("NATO")] == ["IGOWSTNAT"]
    assert [m.entry.code for m in kb.lookup("Nato")] == ["IGOWSTNAT"]  # British house style
    assert kb.lookup("nato") == []


def test_shared_demonym_is_ambiguous(kb):
    assert {m.entry.iso3 for m in kb.lookup("Congolese")} == {"COD", "COG"}
    assert kb.country_of_name("Congolese") is None


def test_organizations(kb):
    (hamas,) = kb.lookup("Hamas")
    assert hamas.kind == "organization" and hamas.entry.code == "PSEREB" and hamas.entry.country == "PSE"
    assert kb.lookup("the Houthis")[0].entry.country == "YEM"
    assert kb.lookup("UNHCR")[0].entry.sector == "IGO"


def test_a_body_whose_role_changed_is_coded_by_date(kb):
    (taliban,) = kb.lookup("the Taliban")
    assert taliban.entry.code_on(dt.date(2019, 11, 20)) == ("AFGREB", "REB")
    assert taliban.entry.code_on(dt.date(2021, 8, 15)) == ("AFGGOV", "GOV")
    assert taliban.entry.code_on(None) == ("AFGGOV", "GOV")


@pytest.mark.parametrize(
    ("name", "on", "country", "role"),
    [
        ("Trump", dt.date(2024, 11, 10), "USA", "President-elect"),
        ("Trump", dt.date(2019, 6, 1), "USA", "President"),
        ("Donald Trump", None, "USA", "President"),
        ("Biden", dt.date(2024, 11, 10), "USA", "President"),
        ("Zelenskiy", dt.date(2024, 11, 10), "UKR", "President"),
        ("Zelensky", None, "UKR", "President"),
        ("Volodymyr Zelenskyy", dt.date(2023, 1, 1), "UKR", "President"),
        ("Putin", None, "RUS", "President"),
        ("Putin", dt.date(2016, 3, 1), "RUS", "President"),
        ("Sullivan", dt.date(2024, 11, 10), "USA", "National Security Adviser"),
        ("Kamala Harris", dt.date(2024, 11, 10), "USA", "Vice President"),
        ("Xi", dt.date(2020, 1, 1), "CHN", "President"),
        ("von der Leyen", dt.date(2024, 1, 1), "IGOEUREEC", "President of the European Commission"),
        ("Lula", dt.date(2024, 1, 1), "BRA", "President"),
    ],
)
def test_office_holder_by_date(kb, name, on, country, role):
    term = kb.office_holder(name, on)
    assert term is not None, name
    assert (term.country, term.role) == (country, role)
    if on is not None:
        assert term.in_force(on)


def test_office_holder_not_in_office(kb):
    assert kb.office_holder("Biden", dt.date(2026, 1, 1)) is None
    assert kb.office_holder("Trump", dt.date(2022, 6, 1)) is None
    assert kb.office_holder("Nobody Atall", None) is None


def test_shared_surname_resolves_only_when_one_is_in_office(kb):
    # Nawaz and Shehbaz Sharif: only Shehbaz was in office in 2024; without a date, two people.
    assert kb.office_holder("Sharif", dt.date(2024, 6, 1)).name == "Shehbaz Sharif"
    assert kb.office_holder("Sharif", dt.date(2016, 6, 1)).name == "Nawaz Sharif"
    assert kb.office_holder("Sharif", None) is None
    # Michel Aoun (to 2022) and Joseph Aoun (from 2025)
    assert kb.office_holder("Aoun", dt.date(2025, 3, 1)).name == "Joseph Aoun"
    assert kb.office_holder("Aoun", dt.date(2023, 6, 1)) is None


def test_surname_forms():
    assert surname_forms("Donald Trump") == ("Trump",)
    assert surname_forms("Ursula von der Leyen") == ("von der Leyen",)
    assert surname_forms("Ferdinand Marcos Jr.") == ("Marcos",)
    assert surname_forms("Xi Jinping", "CHN") == ("Xi",)
    assert surname_forms("Madonna") == ()


@pytest.mark.parametrize(
    ("phrase", "sector"),
    [
        ("foreign ministry", "GOV"), ("Foreign Ministry", "GOV"), ("troops", "MIL"), ("soldier", "MIL"),
        ("soldiers", "MIL"), ("police officers", "COP"), ("rebels", "REB"), ("protesters", "OPP"),
        ("judge", "JUD"), ("lawmakers", "LEG"), ("journalists", "MED"), ("companies", "BUS"),
        ("aid workers", "NGO"), ("refugees", "REF"), ("villagers", "CVL"), ("students", "EDU"),
        ("clergy", "REL"), ("unions", "LAB"), ("Russian embassy", "GOV"), ("former president", "ELI"),
        ("communications director", "GOV"), ("congressmen", "LEG"),
    ],
)
def test_sector_of(kb, phrase, sector):
    assert kb.sector_of(phrase) == sector


def test_sector_of_unknown(kb):
    assert kb.sector_of("xyzzy") is None


def test_surface_forms_cover_every_kind(kb):
    kinds = {match.kind for _, match in kb.surface_forms()}
    assert kinds == {"country", "demonym", "capital", "organization", "person", "sector", "geographic"}
    forms = {form for form, _ in kb.surface_forms()}
    assert {"U.S.", "Kyiv", "Trump", "NATO", "foreign ministry", "Sea of Japan"} <= forms


def test_loaded_once(kb):
    assert load_actor_knowledge() is kb


@pytest.mark.parametrize(
    ("name", "code"),
    [("Customs and Border Protection", "USACOP"), ("DHS", "USAGOV"), ("Downing Street", "GBRGOV"),
     ("the Knesset", "ISRLEG"), ("State Duma", "RUSLEG"), ("Élysée", "FRAGOV")],
)  # fmt: skip
def test_government_seats_and_agencies_news_names(kb, name, code):
    assert kb.lookup(name)[0].entry.code == code
