"""Rule 9: a role the text gives no owner ("Police", "security forces", "20 protesters") is a party of its event,
placed by its own phrase, else the place its sentence names, else the article's home country (its dateline, else
its dominant country); ``country_from`` says which. International bodies take the CAMEO country slot IGO."""

from __future__ import annotations

from eventwire.model import EventActor
from eventwire.pipeline import extract


def _typed(text: str, ptype: str) -> list:
    return [e for e in extract(text, "2024-05-01").events if e.plover.type == ptype]


def _side(actor: EventActor | None) -> tuple[str | None, str | None, str | None] | None:
    return None if actor is None else (actor.country, actor.sector, actor.country_from)


def test_a_role_alone_is_a_party_not_a_dropped_event(nlp: object) -> None:
    (event,) = _typed("Police arrested 20 protesters on Monday.", "COERCE")
    assert _side(event.source) == (None, "COP", None) and _side(event.target) == (None, "OPP", None)


def test_the_role_takes_the_place_of_its_sentence(nlp: object) -> None:
    (event,) = _typed("Riot police fired tear gas at students in Khartoum on Monday.", "ASSAULT")
    assert _side(event.source) == ("SDN", "COP", "place")


def test_the_roles_own_phrase_comes_before_the_place(nlp: object) -> None:
    (event,) = _typed("Kenyan police arrested 20 protesters in Kampala on Monday.", "COERCE")
    assert _side(event.source) == ("KEN", "COP", "text")


def test_the_dateline_gives_the_article_home(nlp: object) -> None:
    text = "MOGADISHU, Somalia (AP) — Police arrested 20 protesters on Monday."
    (event,) = _typed(text, "COERCE")
    assert _side(event.source) == ("SOM", "COP", "article") and _side(event.target) == ("SOM", "OPP", "article")


def test_the_dominant_country_is_the_home_only_when_it_dominates(nlp: object) -> None:
    story = (
        "Kenya's president said on Sunday that Kenya will hold elections in August. Kenya's parliament agreed. "
        "The vote is Kenya's seventh since independence. Soldiers detained 12 people on Monday."
    )
    (event,) = _typed(story, "COERCE")
    assert _side(event.source) == ("KEN", "MIL", "article")
    tied = "Kenya and Uganda said on Sunday that they would talk. Soldiers detained 12 people on Monday."
    (event,) = _typed(tied, "COERCE")
    assert event.source is not None and event.source.country is None


def test_an_owned_role_is_no_bare_role(nlp: object) -> None:
    (event,) = _typed("Tajikistan denied that its troops had shelled Kyrgyz villages.", "ASSAULT")
    assert event.source is not None and event.source.country == "TJK"


def test_a_country_named_as_the_sentences_place(nlp: object) -> None:
    (event,) = _typed("Gunmen killed farmers from a village in Nigeria on Monday.", "ASSAULT")
    assert _side(event.target) == ("NGA", "AGR", "place") and _side(event.source) == ("NGA", "REB", "place")
    (event,) = _typed("Gunmen killed farmers from a village after Nigeria said it would talk.", "ASSAULT")
    assert event.target.country is None  # type: ignore[union-attr]  # a country named, but not as a place


def test_international_bodies_take_the_igo_slot(nlp: object) -> None:
    (event,) = _typed("U.N. Secretary-General Antonio Guterres condemned the Myanmar military.", "ACCUSE")
    assert _side(event.source)[0] == "IGO" and event.target.country == "MMR"  # type: ignore[index]
    (event,) = _typed("The European Union imposed sanctions on Russia.", "SANCTION")
    assert event.source.country == "IGO" and event.source.code.startswith("IGO")  # type: ignore[union-attr]
    (event,) = _typed("Amnesty International accused Russia of war crimes.", "ACCUSE")
    assert event.source is None or event.source.country != "IGO"  # an NGO is no intergovernmental body


def test_a_person_with_no_country_takes_the_article_home_not_the_place(nlp: object) -> None:
    story = (
        "Somalia's parliament met on Sunday. Somalia's president spoke, and Somalia's cabinet agreed. "
        "Ilyas Ali Hassan, a member of the upper house, urged the president to resign."
    )
    (event,) = [e for e in extract(story, "2024-05-01").events if e.plover.type == "REQUEST"]
    assert _side(event.source)[0::2] == ("SOM", "article")  # type: ignore[index]
    visitor = "Jane Roe criticized the election in Nairobi on Monday."
    (event,) = _typed(visitor, "ACCUSE")
    assert event.source is not None and event.source.country is None  # a place is not a person's nationality


def test_a_spokesman_for_a_countrys_body_is_that_country(nlp: object) -> None:
    (event,) = _typed("A spokesman for the U.S. military in Afghanistan accused the Taliban of lying.", "ACCUSE")
    assert event.source is not None and event.source.country == "USA"
