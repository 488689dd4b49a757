"""Lexicon readings the PLOVER 2.0 codebook asks for, each on a sentence of its own (none from a gold set)."""

from __future__ import annotations

import pytest

from eventwire.pipeline import extract


def _codes(text: str) -> set[tuple[str | None, str]]:
    return {(e.plover.type, e.cameo.code) for e in extract(text, "2024-10-18").events}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "charge with a crime" is ACCUSE/allege (CAMEO keeps 173)
        ("Kenyan prosecutors charged the governor of Nairobi with fraud on Monday.", ("ACCUSE", "173")),
        # cyber attacks are COERCE/cyber
        ("Russian hackers targeted the Estonian government's network on Friday.", ("COERCE", "170")),
        # expelling a person is deportation; expelling observers reduces relations
        ("Nicaragua expelled a Spanish activist on Tuesday.", ("COERCE", "174")),
        ("Mali ejected French observers from Bamako.", ("SANCTION", "1662")),
        # quitting talks breaks off negotiations
        ("Venezuela quit the talks with Colombia on Monday.", ("SANCTION", "164")),
        # ending one's own protest eases dissent; halting attacks de-escalates
        ("Georgia's opposition suspended its protests against the government on Sunday.", ("CONCEDE", "082")),
        ("Hamas announced the suspension of attacks on Israel.", ("RETREAT", "087")),
        # dropping a plan is a concession on policy
        ("Kenya's government dropped plans to ban opposition rallies after a week of protests.", ("CONCEDE", "0832")),
        # a raised prospect is a threat
        ("Turkey raised the prospect of sanctions against Sweden.", ("THREATEN", "130")),
        # declared ceasefires are CONCEDE (declarations, not implementations)
        ("The Houthis declared a ceasefire with Saudi Arabia on Friday.", ("CONCEDE", "0871")),
        # a hunger strike is a protest, and no attack
        ("Iranian activist Narges Mohammadi began a hunger strike in Tehran.", ("PROTEST", "142")),
        # a particle parsed as the head of "out of"
        ("Russia pulled its troops out of Kherson on Friday.", ("RETREAT", "0874")),
        # who arrives decides what an arrival is: troops deploy, aid is delivered, a leader visits
        ("Russian troops arrived in Bamako on Friday.", ("MOBILIZE", "154")),
        ("Putin arrived in Beijing on Tuesday.", ("CONSULT", "042")),
        # found guilty (a predicative complement)
        ("A Nairobi court found Kenya's former finance minister guilty of fraud.", ("SANCTION", "116")),
        # improving diplomatic cooperation or ties is SUPPORT; expressed willingness to cooperate is AGREE
        ("Japan and South Korea stepped up diplomatic cooperation in March.", ("SUPPORT", "050")),
        ("Egypt and Turkey expanded diplomatic ties on Monday.", ("SUPPORT", "050")),
        ("Iran expressed its willingness to cooperate with the IAEA.", ("AGREE", "030")),
        ("China raised the military readiness of its troops near Taiwan.", ("MOBILIZE", "152")),
        # concessions made to someone
        ("Belarus made concessions to the European Union on Monday.", ("CONCEDE", "080")),
    ],
)
def test_codebook_reading(text: str, expected: tuple[str, str]) -> None:
    assert expected in _codes(text)


def test_a_hunger_strike_is_never_an_attack() -> None:
    assert not any(t == "ASSAULT" for t, _ in _codes("Iranian activist Narges Mohammadi began a hunger strike in Tehran."))


def test_a_light_verb_says_what_its_eventive_object_says() -> None:
    # "signed a ceasefire" is the ceasefire, not a signed agreement as well; "signed a trade agreement" stays one
    assert _codes("Armenia and Azerbaijan signed a ceasefire on Sunday.") == {("CONCEDE", "0871")}
    assert ("SUPPORT", "057") in _codes("Kenya and Uganda signed a trade agreement on Monday.")


def test_a_passive_subject_meets_an_object_requirement() -> None:
    events = extract("The opposition newspaper La Prensa was suspended by Nicaraguan authorities on Friday.").events
    coerce = [e for e in events if e.plover.type == "COERCE"]
    assert coerce and coerce[0].source.country == "NIC" and coerce[0].target is not None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an eventive noun as the subject of a verb that says it took place: the noun is the event
        ("EU sanctions on Iran took effect on Monday.", ("SANCTION", "163")),
        ("Russia's withdrawal from Kherson began on Friday.", ("RETREAT", "0874")),
        ("Protests erupted in Belgrade against the Serbian government on Friday.", ("PROTEST", "141")),
        # a ceasefire that begins is in force (RETREAT); a declared one is a concession (CONCEDE, above)
        ("The ceasefire between Israel and Hamas began on Sunday.", ("RETREAT", "0871")),
        ("Nurses in Kenya went on strike against the government on Monday.", ("PROTEST", "143")),
        # forces ordered to a place are deployed; conscripts called up are mobilised
        ("Biden ordered troops to the Polish border on Tuesday.", ("MOBILIZE", "154")),
        ("The Malian army called up conscripts on Monday.", ("MOBILIZE", "154")),
        # a stated need for aid is a request for it
        ("Ukraine's president stressed the need for military aid from Germany.", ("REQUEST", "023")),
    ],
)
def test_nominal_and_deployment_readings(text: str, expected: tuple[str, str]) -> None:
    assert expected in _codes(text)


def test_a_statement_noun_does_not_take_place() -> None:
    # "protests erupted" is a street protest; only a lodged protest is the official one (114)
    codes = _codes("Protests erupted in Belgrade against the Serbian government on Friday.")
    assert ("ACCUSE", "114") not in codes
    assert ("CONCEDE", "0871") not in _codes("The ceasefire between Israel and Hamas began on Sunday.")
    # troops ordered to an act are asked to do it: a demand, not a deployment
    assert ("MOBILIZE", "154") not in _codes("Putin ordered the troops to withdraw from Kherson.")
