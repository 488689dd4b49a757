"""Places agree with the article's countries and with their own qualifiers: a first-level division of any country
("Sarkh, Logar", "Helmand province") is read, a qualifier beats a namesake elsewhere, and a city reached only by a
variant spelling in a country the article never names is not taken."""

from __future__ import annotations

from collections import Counter

import pytest
from enrich_helpers import token

from eventwire.enrich.place import event_place, load_gazetteer


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


@pytest.mark.parametrize(
    ("name", "hints", "country", "admin1", "precision"),
    [
        ("Sarkh, Logar", None, "AFG", "Lōgar", "admin1"),  # not Sarh, Chad (whose variant spelling is Sarkh)
        ("Sarkh, Logar province", None, "AFG", "Lōgar", "admin1"),
        ("Springfield, Illinois", None, "USA", "Illinois", "city"),
        ("Springfield, Missouri", None, "USA", "Missouri", "city"),
        ("Helmand province", None, "AFG", "Helmand", "admin1"),
        ("Helmand", Counter({"AFG": 3}), "AFG", "Helmand", "admin1"),
        ("Lamu County", None, "KEN", "Lamu", "admin1"),
        ("Sarh, Afghanistan", None, "AFG", None, "country"),  # the qualifier beats the namesake in Chad
    ],
)
def test_qualified_and_division_names(gaz, name, hints, country, admin1, precision):
    place = gaz.resolve(name, hints)
    assert place is not None, name
    assert (place.country, place.admin1, place.precision) == (country, admin1, precision)


def test_a_variant_spelling_in_a_country_the_article_never_names_is_no_place(gaz):
    assert gaz.resolve("Sarkh", Counter({"AFG": 4, "USA": 1})) is None
    sarh = gaz.resolve("Sarkh", Counter({"TCD": 1}))  # a story on Chad: the variant is its city
    assert sarh is not None and sarh.country == "TCD"
    kyiv = gaz.resolve("Kiev", Counter({"USA": 2}))  # capitals are known by every spelling
    assert kyiv is not None and kyiv.country == "UKR"


@pytest.mark.parametrize(
    ("name", "hints"),
    [
        ("Helmand", None),  # a division name alone, with no context and no division word: not guessed
        ("Putin, Russia", None),  # a name with a country after it is no place
        ("Central", Counter({"KEN": 1})),  # a division name several countries use
        ("Bay", Counter({"SOM": 1})),  # three letters: a word first
    ],
)
def test_what_is_not_taken_for_a_division(gaz, name, hints):
    assert gaz.resolve(name, hints) is None


def test_event_place_reads_an_admin1_qualifier(nlp, gaz):
    doc = nlp("Taliban fighters attacked a police checkpoint in Sarkh, Logar, on Sunday.")
    place = event_place(token(doc, "attacked"), Counter({"AFG": 2}), gaz)
    assert place is not None and place.country == "AFG" and place.precision == "admin1"
    assert place.text == "Sarkh, Logar" and doc.text[place.start : place.end] == "Sarkh, Logar"
    doc = nlp("Protesters rallied in Springfield, Illinois, on Monday.")
    place = event_place(token(doc, "rallied"), Counter({"USA": 1}), gaz)
    assert place is not None and place.admin1 == "Illinois"


@pytest.mark.parametrize(
    ("text", "word", "place"),
    [
        ("General Goldfein, speaking at an event in Washington, said the crash was under review.", "said", "Washington"),
        ("Speaking in Paris, Macron said France would send more troops.", "said", "Paris"),
        ("The minister told reporters during a news conference in Kyiv that talks had failed.", "told", "Kyiv"),
        ("The delegation was in Beijing this week to meet Chinese officials.", "meet", "Beijing"),
    ],
)  # fmt: skip
def test_the_place_of_the_occasion(nlp, gaz, text, word, place):
    found = event_place(token(nlp(text), word), Counter(), gaz)
    assert found is not None and found.text == place, (text, found)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Macron, who grew up in Amiens, said France would send more troops.", "said"),  # a relative clause: no
        ("The minister said during the night that talks had failed.", "said"),  # "during" a time: no place
        ("Residents fled, saying the army had shelled Kharkiv.", "fled"),  # the participle's object is no locative
    ],
)
def test_no_occasion_place_where_the_text_gives_none(nlp, gaz, text, word):
    assert event_place(token(nlp(text), word), Counter(), gaz) is None
