"""Argument roles of coordinated, nominal and reciprocal parties: every party of an event is a party of its own
event, an eventive noun's agent phrase is its source, "each other" makes coordinated parties each other's targets.
Sentences written for these tests (none from a gold set)."""

from __future__ import annotations

import pytest

from eventwire.events import load_role_cues
from eventwire.model import Event
from eventwire.pipeline import extract


def _dyads(text: str, ptype: str) -> set[tuple[str | None, str | None]]:
    events: list[Event] = [e for e in extract(text, "2024-10-18").events if e.plover.type == ptype]
    return {(e.source and (e.source.country or e.source.code), e.target and e.target.country) for e in events}


@pytest.mark.parametrize(
    ("text", "ptype", "expected"),
    [
        # the agent of an eventive noun, coordinated: each agent strikes
        ("Strikes by the United States and Britain on rebel targets in Yemen killed 12 people on Sunday.", "ASSAULT",
         {("USA", "YEM"), ("GBR", "YEM")}),
        # the agent of a participle on the noun; the participle's preposition gives the target
        ("Sanctions imposed by the European Union and Britain on Iran took effect on Monday.", "SANCTION",
         {("IGO", "IRN"), ("GBR", "IRN")}),
        # a three-part coordination: the parser hangs the third conjunct on the second
        ("France, Germany and Britain imposed sanctions on Belarus.", "SANCTION",
         {("FRA", "BLR"), ("DEU", "BLR"), ("GBR", "BLR")}),
        ("Kenya imposed sanctions on Uganda, Tanzania and Rwanda.", "SANCTION",
         {("KEN", "UGA"), ("KEN", "TZA"), ("KEN", "RWA")}),
    ],
)  # fmt: skip
def test_every_coordinated_party_is_a_party(text: str, ptype: str, expected: set[tuple[str, str]]) -> None:
    assert expected <= _dyads(text, ptype)


def test_agent_phrase_is_never_the_target() -> None:
    dyads = _dyads("Sanctions imposed by the European Union and Britain on Iran took effect on Monday.", "SANCTION")
    assert all(target != "GBR" for _, target in dyads)


def test_a_means_after_by_is_no_agent() -> None:
    # "by drone" names how, not who: the noun keeps its possessor as the only source
    dyads = _dyads("Israel's attack by drone on Lebanon killed three people.", "ASSAULT")
    assert dyads and all(source == "ISR" for source, _ in dyads)


@pytest.mark.parametrize(
    "text",
    [
        "India and Pakistan accused each other of violating the ceasefire.",
        "India and Pakistan blamed one another for the clashes in Kashmir.",
    ],
)
def test_reciprocal_object_gives_both_directions(text: str) -> None:
    assert _dyads(text, "ACCUSE") == {("IND", "PAK"), ("PAK", "IND")}


def test_without_a_reciprocal_coordinated_sources_keep_their_target() -> None:
    assert _dyads("India and Pakistan accused Afghanistan of harbouring militants.", "ACCUSE") == {
        ("IND", "AFG"),
        ("PAK", "AFG"),
    }


def test_a_symmetric_act_of_conflict_runs_both_ways() -> None:
    assert _dyads("Indian and Pakistani troops exchanged fire along the border.", "ASSAULT") == {
        ("IND", "PAK"),
        ("PAK", "IND"),
    }


def test_a_symmetric_meeting_of_three_pairs_each_once() -> None:
    dyads = _dyads("The foreign ministers of France, Germany and Poland met in Weimar on Monday.", "CONSULT")
    dyads |= _dyads("France, Germany and Poland met in Weimar on Monday.", "CONSULT")
    pairs = {frozenset(d) for d in dyads}
    assert {frozenset(("FRA", "DEU")), frozenset(("FRA", "POL")), frozenset(("DEU", "POL"))} <= pairs


def test_role_cues_load_from_data() -> None:
    cues = load_role_cues()
    assert ("each", "other") in cues.reciprocals and "by" in cues.agent_preps


@pytest.mark.parametrize(
    ("text", "ptype", "expected"),
    [
        # who acts "along with" the subject acts too
        ("The United States, along with Britain and France, imposed sanctions on Iran.", "SANCTION",
         {("USA", "IRN"), ("GBR", "IRN"), ("FRA", "IRN")}),
        # the members a subject names with "including" are its parties
        ("Several rights groups, including Amnesty International, accused Egypt of torture.", "ACCUSE",
         {("NGOAMN", "EGY")}),
        ("Western countries, including France and Germany, imposed sanctions on Russia.", "SANCTION",
         {("FRA", "RUS"), ("DEU", "RUS")}),
        # each country of a hyphenated modifier is a party
        # (the militants, a role with no owner, take the country of the place their sentence names: actors rule 9)
        ("Militants attacked a joint Kenya-U.S. military base in Lamu.", "ASSAULT", {("KEN", "KEN"), ("KEN", "USA")}),
        # the noun a past participle modifies is what was done to it
        ("Somali security forces backed by Djiboutian soldiers retook the town.", "SUPPORT", {("DJI", "SOM")}),
    ],
)  # fmt: skip
def test_parties_named_beside_a_phrase(text: str, ptype: str, expected: set[tuple[str | None, str]]) -> None:
    assert expected <= _dyads(text, ptype)


def test_no_co_actor_without_its_preposition() -> None:
    # "with" alone names a partner or an instrument, not a second sanctioning side
    assert _dyads("The United States imposed sanctions on Iran with Britain's support.", "SANCTION") == {("USA", "IRN")}
    assert _dyads("Militants attacked a Kenyan military base in Lamu.", "ASSAULT") == {("KEN", "KEN")}
    # a hyphen that joins a side and a word names one side
    assert _dyads("Iranian-backed militants attacked a Kenyan military base in Lamu.", "ASSAULT") <= {
        ("KEN", "KEN"), ("IRN", "KEN")
    }
    # a participle with no agent is a state ("armed with machetes"), not an act on the noun
    assert not _dyads("Militiamen armed with machetes attacked a refugee camp in Burundi.", "AID")


def test_a_verb_that_keeps_an_act_in_place_carries_it() -> None:
    assert _dyads("Japan is keeping its tariffs in place on South Korea and Taiwan.", "SANCTION") == {
        ("JPN", "KOR"),
        ("JPN", "TWN"),
    }
    # without the phrase "keep" is no light verb of the noun
    assert not _dyads("Japan is keeping its tariffs low for South Korea.", "SANCTION")


def test_a_list_of_countries_read_as_an_apposition_is_a_list_of_parties() -> None:
    dyads = _dyads("Council members Chile, Ghana and Japan also condemned Israel on Friday.", "ACCUSE")
    assert {("CHL", "ISR"), ("GHA", "ISR"), ("JPN", "ISR")} <= dyads


def test_an_apposition_naming_no_other_country_adds_no_party() -> None:
    assert _dyads("Russia, Ukraine's neighbour, attacked Kharkiv on Monday.", "ASSAULT") == {("RUS", "UKR")}
