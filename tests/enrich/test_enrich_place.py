"""The gazetteer and event_place: resolving names by context and linking places to triggers."""

from __future__ import annotations

import math
from collections import Counter

import pytest
from enrich_helpers import seed_doc, sentence_with, token, unparsed_doc

from eventwire.enrich.place import event_place, normalize_name

SEED_CONTEXT = Counter({"USA": 12, "UKR": 6, "RUS": 5})


def _km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


@pytest.fixture(scope="module")
def gaz():
    from eventwire.enrich.place import load_gazetteer

    return load_gazetteer()


# ----- the seed article ---------------------------------------------------------------------


def test_seed_e5_drone_attack_on_moscow(nlp, shared_dir, gaz):
    sent = sentence_with(seed_doc(nlp, shared_dir), "drone attack on Moscow")
    place = event_place(next(t for t in sent if t.text == "attack"), SEED_CONTEXT, gaz)
    assert place is not None and place.country == "RUS"
    assert _km(place.lat, place.lon, 55.75, 37.62) < 50
    assert place.text == "Moscow"


def test_seed_e7_oval_office_is_washington(nlp, shared_dir, gaz):
    doc = seed_doc(nlp, shared_dir)
    sent = sentence_with(doc, "has invited Trump")
    place = event_place(next(t for t in sent if t.text == "invited"), SEED_CONTEXT, gaz)
    assert place is not None and place.country == "USA" and place.precision == "facility"
    assert "Washington" in place.name and _km(place.lat, place.lon, 38.9, -77.04) < 10
    assert doc.text[place.start : place.end] == "Oval Office"


def test_seed_embassy_in_washington_is_not_the_scene(nlp, shared_dir, gaz):
    sent = sentence_with(seed_doc(nlp, shared_dir), "Russian embassy in Washington")
    assert event_place(next(t for t in sent if t.text == "respond"), SEED_CONTEXT, gaz) is None


# ----- resolution by context ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "context", "country", "admin1"),
    [
        ("Moscow", SEED_CONTEXT, "RUS", None),
        ("Moscow", Counter({"USA": 3}), "RUS", None),
        ("Moscow, Idaho", SEED_CONTEXT, "USA", "Idaho"),
        ("Paris", None, "FRA", None),
        ("Paris, Texas", None, "USA", "Texas"),
        ("Birmingham", None, "GBR", None),
        ("Birmingham", Counter({"USA": 2}), "USA", "Alabama"),
        ("Tripoli", None, "LBY", None),
        ("Tripoli", Counter({"LBN": 2}), "LBN", None),
        ("Hyderabad", None, "IND", None),
        ("Hyderabad", Counter({"PAK": 2}), "PAK", None),
        ("Valencia", Counter({"VEN": 3}), "VEN", None),
        ("Geneva", SEED_CONTEXT, "CHE", None),
        ("Georgia", None, "GEO", None),
        ("Georgia", Counter({"USA": 2}), "USA", "Georgia"),
        ("Alexandria", Counter({"EGY": 1, "USA": 3}), "EGY", None),
        ("Kiev", None, "UKR", None),
        ("U.S.", None, "USA", None),
        ("Britain", None, "GBR", None),
        ("the Kremlin", None, "RUS", None),
    ],
)
def test_resolve_ambiguous_names(gaz, name, context, country, admin1):
    place = gaz.resolve(name, context)
    assert place is not None and place.country == country
    if admin1:
        assert place.admin1 == admin1


def test_resolve_precisions(gaz):
    assert gaz.resolve("Russia").precision == "country"
    assert gaz.resolve("Texas").precision == "admin1"
    assert gaz.resolve("Kharkiv").precision == "city"
    assert gaz.resolve("White House").precision == "facility"
    assert gaz.resolve("Russia").lat is not None  # a country takes its capital's coordinates


def test_unknown_names_resolve_to_none(gaz):
    assert gaz.resolve("Trump") is None
    assert gaz.resolve("") is None
    assert gaz.resolve("Qwxzv") is None


def test_normalize_name():
    assert normalize_name("São Paulo") == "sao paulo"
    assert normalize_name("the U.S.") == "us"
    assert normalize_name("St. Petersburg") == "st petersburg"


# ----- linking to a trigger -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "word", "country", "name"),
    [
        ("Putin met Xi in Beijing on Friday.", "met", "CHN", "Beijing"),
        ("Russian forces shelled Kharkiv overnight.", "shelled", "UKR", "Kharkiv"),
        ("Biden traveled to Kyiv on Monday.", "traveled", "UKR", "Kyiv"),
        ("Protesters gathered in the city of Kharkiv.", "gathered", "UKR", "Kharkiv"),
        ("The drone struck an oil depot on the outskirts of the Russian capital.", "struck", "RUS", "Moscow"),
        ("A shooting in Moscow, Idaho left four dead.", "shooting", "USA", "Moscow"),
        ("The two sides held talks in Geneva.", "talks", "CHE", "Geneva"),
    ],
)
def test_event_place_links(nlp, gaz, text, word, country, name):
    place = event_place(token(nlp(text), word), SEED_CONTEXT, gaz)
    assert place is not None and place.country == country and place.name == name


def test_metonymic_object_is_not_a_place(nlp, gaz):
    assert (
        event_place(token(nlp("Biden criticized Moscow for the attack."), "criticized"), SEED_CONTEXT, gaz)
        is None
    )


def test_target_span_used_for_scene_taking_triggers(nlp, gaz):
    doc = nlp("Ukraine's drones hit Belgorod.")
    place = event_place(token(doc, "hit"), None, gaz, target_span=doc[4:5])
    assert place is not None and place.country == "RUS"


def test_unparsed_sentence_gives_none(nlp, gaz):
    doc = unparsed_doc(nlp, "Putin met Xi in Beijing.")
    assert event_place(token(doc, "met"), None, gaz) is None


def test_broken_extra_file_names_the_row(tmp_path):
    from eventwire.enrich.place import build_gazetteer
    from eventwire.errors import DataFileError

    bad = tmp_path / "places_extra.tsv"
    bad.write_text(
        "# header\nname\taliases\tkind\tcountry\tcity\tlat\tlon\nSomewhere\t\tplanet\tUSA\t\t1\t2\n"
    )
    with pytest.raises(DataFileError, match="unknown kind"):
        build_gazetteer(extra=bad)
