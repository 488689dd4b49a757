"""Country names and demonyms read whole: a two-word demonym is never the one-word demonym inside it ("North
Korean" is not the "Korean" of South Korea), the two Congos, Sudan and South Sudan, the Guineas; and geographic
names that hold a country's name ("Sea of Japan", "Taiwan Strait") are no actor."""

from __future__ import annotations

import pytest

from eventwire.knowledge import load_actor_knowledge
from eventwire.pipeline import extract


def _sides(text: str) -> list[tuple[str | None, str | None]]:
    return [
        (e.source.country if e.source else None, e.target.country if e.target else None)
        for e in extract(text, "2024-05-01").events
        if e.plover.type
    ]


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("North Korean troops attacked South Korean soldiers near the border.", "PRK", "KOR"),
        ("South Korean troops attacked North Korean soldiers near the border.", "KOR", "PRK"),
        ("South Sudanese forces attacked Sudanese troops near the border.", "SSD", "SDN"),
        ("Sudanese forces attacked South Sudanese troops near the border.", "SDN", "SSD"),
        ("Papua New Guinean police arrested Equatorial Guinean sailors.", "PNG", "GNQ"),
        ("Guinean police arrested Bissau-Guinean sailors.", "GIN", "GNB"),
    ],
)
def test_two_word_demonyms_are_read_whole(nlp: object, text: str, source: str, target: str) -> None:
    assert (source, target) in _sides(text)


def test_democratic_republic_of_congo_with_or_without_the(nlp: object) -> None:
    knowledge = load_actor_knowledge()
    for name in ("Democratic Republic of Congo", "the Democratic Republic of the Congo", "DR Congo"):
        country = knowledge.country_of_name(name)
        assert country is not None and country.iso3 == "COD", name
    assert knowledge.country_of_name("Republic of the Congo").iso3 == "COG"  # type: ignore[union-attr]
    assert ("COD", "RWA") in _sides("Democratic Republic of Congo President Felix Tshisekedi accused Rwanda of backing rebels.")


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("North Korea fired a missile into the Sea of Japan on Monday.", "JPN"),
        ("Chinese warships sailed through the Taiwan Strait on Monday.", "TWN"),
        ("Iran seized a tanker in the Strait of Hormuz.", "IRN"),
    ],
)
def test_geographic_names_are_no_actor(nlp: object, text: str, kept: str) -> None:
    result = extract(text, "2024-05-01")
    mentioned = {m.text for a in result.actors for m in a.mentions}
    assert not any(w in mentioned for w in ("Japan", "Taiwan", "Hormuz"))
    if kept == "IRN":
        assert any(e.source and e.source.country == "IRN" for e in result.events)


def test_a_country_named_alone_is_still_its_actor(nlp: object) -> None:
    assert ("PRK", "JPN") in _sides("North Korea threatened Japan on Monday.")
    assert ("CHN", "TWN") in _sides("China threatened Taiwan on Monday.")
