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
        # an internet shutdown withholds; misinformation and cyber warfare coerce; reservists called into service
        ("Ethiopia's government ordered an internet shutdown in Tigray.", ("COERCE", "170")),
        ("Russia spread misinformation about Ukraine's army.", ("COERCE", "170")),
        ("China waged cyber warfare against Taiwan.", ("COERCE", "170")),
        ("Ukraine called its reservists into service on Monday.", ("MOBILIZE", "154")),
        # a stated future support is a commitment to it (CAMEO 032), as future aid is 033
        ("Germany will support Ukraine's bid to join the European Union.", ("AGREE", "032")),
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


def test_a_statement_noun_does_not_take_place() -> None:
    # "protests erupted" is a street protest; only a lodged protest is the official one (114)
    codes = _codes("Protests erupted in Belgrade against the Serbian government on Friday.")
    assert ("ACCUSE", "114") not in codes
    assert ("CONCEDE", "0871") not in _codes("The ceasefire between Israel and Hamas began on Sunday.")
    # troops ordered to an act are asked to do it: a demand, not a deployment
    assert ("MOBILIZE", "154") not in _codes("Putin ordered the troops to withdraw from Kherson.")


@pytest.mark.parametrize(
    ("text", "not_expected"),
    [
        # a plea in court is no plea for help; naming something is not asking for it
        ("Kenya's former finance minister pleaded guilty to fraud on Monday.", "REQUEST"),
        ("Kenya's opposition called the court's ruling on the election a historic mistake.", "REQUEST"),
        # a market rally is no protest; deaths in an accident are no attack; a space probe investigates nothing
        ("Brazil's stock markets rallied in Sao Paulo on Monday.", "PROTEST"),
        ("Three Nigerian soldiers were killed in a helicopter crash in Borno.", "ASSAULT"),
        ("The European Space Agency's Saturn probe measured methane on Titan.", "ACCUSE"),
        # markets fall, diseases kill, protests explode, people battle extradition: none is a political act
        ("South Korea's Kospi declined 0.5% on Tuesday.", "REJECT"),
        ("Cholera killed 40 people in Yemen's Hodeidah province.", "ASSAULT"),
        ("Protests exploded in Santiago on Friday.", "ASSAULT"),
        ("A Russian businessman is battling extradition to the United States.", "ASSAULT"),
        ("The new Toyota model is ready to hit showrooms in Japan.", "THREATEN"),
        ("Turkey's bond yields hit 9% on Monday.", "ASSAULT"),
        # games and elections are won, nobody is beaten
        ("Brazil beat Argentina in the Copa America final.", "ASSAULT"),
        ("Biden beat Trump in the 2020 election.", "ASSAULT"),
        ("Kenya's finance minister engaged in self-dealing, auditors said.", "ASSAULT"),
        ("India's government has been fighting polluted air in Delhi for decades.", "ASSAULT"),
        ("A Russian general committed suicide in Moscow, officials said.", "AGREE"),
        ("Japan's government released a software update for its tax portal.", "RETREAT"),
        ("Syrian refugees in Germany received citizenship from Berlin.", "CONSULT"),
        # attacking a policy is criticism
        ("Macron and Le Pen attacked each other's policies on pensions.", "ASSAULT"),
    ],
)
def test_readings_that_are_not_events(text: str, not_expected: str) -> None:
    assert not_expected not in {t for t, _ in _codes(text)}


def test_the_same_words_still_code_the_events() -> None:
    assert ("ACCUSE", "090") in _codes("Kenya's police opened a probe into the killing of a Ugandan activist.")
    assert ("ASSAULT", "190") in _codes("Israeli soldiers killed three Palestinians in Jenin.")
    assert ("PROTEST", "141") in _codes("Hundreds of Kenyan teachers rallied outside parliament.")
    assert ("ACCUSE", "111") in _codes("Macron and Le Pen attacked each other's policies on pensions.")
    assert ("ASSAULT", "190") in _codes("Israeli jets hit Hezbollah targets in Lebanon.")
    assert ("REJECT", "125") in _codes("Iran declined an invitation from Saudi Arabia.")
    assert ("ASSAULT", "190") in _codes("Ukrainian forces engaged Russian troops near Bakhmut.")
    assert ("AGREE", "030") in _codes("China committed to buy more US farm goods.")
    assert ("RETREAT", "0841") in _codes("Iran released two French hostages.")
    assert ("CONSULT", "043") in _codes("Putin received the Iranian president in Moscow.")
    assert ("ASSAULT", "182") in _codes("Iranian security forces beat demonstrators with batons in Tehran.")


def test_a_date_is_no_preposition_object() -> None:
    # "called on Sunday for ...": the call is for something, not on Sunday
    (event,) = [e for e in extract("Iran called on Monday for talks with the United States.", "2024-10-18").events]
    assert "call.verb.for_prep" in event.extractor
