"""Actor rules: the article's pair of parties, minorities, and codes from loaded PETRARCH dictionaries."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.config import Config
from eventwire.pipeline import extract

PAIR_TEXT = (
    "Armenia and Azerbaijan exchanged artillery fire near the border on Monday. "
    "The two countries' foreign ministers spoke by phone on Tuesday."
)


def test_the_two_countries_are_the_article_pair() -> None:
    events = extract(PAIR_TEXT, "2024-10-18").events
    (call,) = [e for e in events if e.plover.type == "CONSULT"]
    assert {call.source.country, call.target.country} == {"ARM", "AZE"}
    assert call.cameo.code == "041"


def test_unnamed_forces_of_a_reciprocal_act_are_both_sides() -> None:
    events = extract(
        PAIR_TEXT.replace(
            "Armenia and Azerbaijan exchanged", "Armenia and Azerbaijan said border troops exchanged"
        ),
        "2024-10-18",
    ).events
    fire = [e for e in events if e.trigger.text == "exchanged"]
    assert fire and {fire[0].source.country, fire[0].target.country} == {"ARM", "AZE"}


def test_ethnic_minority_takes_the_country_it_lives_in() -> None:
    events = extract("Up to 100 ethnic Albanians demonstrated on Tuesday in Serbia.", "2024-10-18").events
    (protest,) = [e for e in events if e.plover.type == "PROTEST"]
    assert protest.source.country == "SRB"


def test_petrarch_dictionary_codes_and_agents(shared_dir: Path) -> None:
    folder = shared_dir / "data" / "petrarch" / "unit_tests"
    config = Config().replace(
        data=(str(folder / "PETR.Validate.actors.txt"), str(folder / "PETR.Validate.agents.txt"))
    )
    result = extract(
        "Bree Prime Minister Romendacil arrived in Gondor on Monday.", "2000-01-01", config=config
    )
    assert any(e.source and e.source.code == "BREGOV" and e.target.code == "GON" for e in result.events)
    result = extract("Arnor's foreign minister urged Eriador to respond.", "2000-01-01", config=config)
    assert any(e.source and e.source.code == "ARNGOVFRM" and e.target.code == "ERI" for e in result.events)


def test_a_definite_role_noun_refers_back_to_its_owned_mention() -> None:
    from eventwire.pipeline import extract

    result = extract(
        "Mali's army said on Monday it had retaken the town. The rebels accused the army of bombing a market.",
        "2025-02-03",
    )
    (accuse,) = [e for e in result.events if e.plover.type == "ACCUSE"]
    assert accuse.target is not None and accuse.target.code == "MLIMIL" and accuse.target.text == "the army"
    # a bare or indefinite phrase may be someone new: it is not linked back
    result = extract("Chad's army moved north. Additional troops arrived from Niger.", "2025-02-03")
    assert not any(a.code == "TCDMIL" and any(m.text == "Additional troops" for m in a.mentions) for a in result.actors)


def test_a_target_the_gazetteer_places_takes_its_country() -> None:
    from eventwire.pipeline import extract

    (event,) = [e for e in extract("Russian troops shelled Kherson overnight.", "2025-02-03").events if e.plover.type]
    assert event.target is not None and event.target.country == "UKR"


def test_a_groups_people_are_the_group_and_a_country_role_name_is_coded() -> None:
    from eventwire.pipeline import extract

    result = extract("Egyptian mediators met Hamas officials in Cairo. A US Navy destroyer shot down a drone.", "2024-12-20")
    (meeting,) = [e for e in result.events if e.plover.type == "CONSULT"]
    assert meeting.target is not None and meeting.target.code == "PSEREB"
    assert any(a.code == "USAMIL" and a.name == "US Navy" for a in result.actors)


def test_a_surname_the_ner_calls_org_joins_the_person_named_in_full() -> None:
    from eventwire.pipeline import extract

    text = (
        "Iran's foreign ministry spokesman Esmaeil Baghaei condemned the decision.\n\n"
        '"We reject these baseless accusations," Baghaei said in a statement.'
    )
    result = extract(text, "2025-03-03")
    (person,) = [a for a in result.actors if a.name == "Esmaeil Baghaei"]
    assert [m.text for m in person.mentions] == ["Esmaeil Baghaei", "Baghaei"]
    assert not any(a.name == "Baghaei" for a in result.actors)


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        # "Name, Hong Kong's police commissioner," / "Name, the Ukrainian defence minister,": the apposition's
        # owner or demonym gives the country and its role noun the sector
        ("Chris Tang, Hong Kong's new police commissioner, said police alone could not end the violence. "
         "Ivan Petrenko, the Ukrainian defence minister, urged Poland to send more air defences.",
         {"Chris Tang": "HKGCOP", "Ivan Petrenko": "UKRGOV"}),
        # an armed group's spokesman is the group; a party's senator is the legislature
        ("Taliban spokesman Zabihullah Mujahid said the group had not attacked the base. "
         "Republican Senator John Smith said talks had failed.",
         {"Zabihullah Mujahid": "AFGREB", "John Smith": "USALEG"}),
    ],
)  # fmt: skip
def test_people_coded_from_their_titles_and_appositions(text: str, codes: dict[str, str]) -> None:
    result = extract(text, "2019-11-20")
    assert {a.name: a.code for a in result.actors if a.kind == "person" and a.name in codes} == codes


def test_an_appositive_role_codes_the_persons_events() -> None:
    text = "Ivan Petrenko, the Ukrainian defence minister, urged Poland to send more air defences."
    (appeal,) = [e for e in extract(text, "2019-11-20").events if e.plover.type == "REQUEST"]
    assert appeal.source.code == "UKRGOV" and appeal.target.code == "POL"


def test_hong_kong_is_coded_apart_from_china() -> None:
    (sent,) = [e for e in extract("China sent troops to Hong Kong on Monday.", "2019-11-20").events if e.plover.type]
    assert (sent.source.code, sent.target.code) == ("CHN", "HKG")


def test_a_group_is_coded_as_it_was_on_the_publication_date() -> None:
    text = "The Taliban attacked a police checkpoint in Kunduz on Tuesday."
    for published, code in (("2019-11-20", "AFGREB"), ("2024-03-01", "AFGGOV")):
        (attack,) = [e for e in extract(text, published).events if e.plover.type == "ASSAULT"]
        assert attack.source.code == code
    text = "HTS fighters arrested 12 men in Homs on Tuesday."
    for published, code in (("2019-11-20", "SYRREB"), ("2025-01-10", "SYRGOV")):
        (arrest,) = [e for e in extract(text, published).events if e.plover.type == "COERCE"]
        assert arrest.source.code == code
