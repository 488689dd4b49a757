"""Pronouns agree in number with their antecedent: a plural pronoun whose antecedent is a coordination stands for
each member ("Mexico, Canada and China … them"); "it" is never a plural phrase."""

from __future__ import annotations

from eventwire.pipeline import extract


def _pairs(text: str, ptype: str) -> set[tuple[str | None, str | None]]:
    return {
        (e.source.country if e.source else None, e.target.country if e.target else None)
        for e in extract(text, "2024-05-01").events
        if e.plover.type == ptype
    }


def test_a_plural_pronoun_stands_for_each_coordinated_party(nlp: object) -> None:
    pairs = _pairs("Kenya and Uganda met on Monday. Ethiopia said it would attack them.", "THREATEN")
    assert {("ETH", "KEN"), ("ETH", "UGA")} <= pairs
    pairs = _pairs("India and Mauritius signed a deal. They also accused Britain of delaying talks.", "ACCUSE")
    assert pairs == {("IND", "GBR"), ("MUS", "GBR")}


def test_a_plural_pronoun_after_a_lone_party_stays_one(nlp: object) -> None:
    pairs = _pairs("Kenya met Uganda on Monday. Ethiopia said it would attack them.", "THREATEN")
    assert len({t for _, t in pairs}) == 1


def test_it_is_no_plural_phrase_and_they_no_single_state(nlp: object) -> None:
    result = extract("Uganda criticized the rebels on Monday. Congolese soldiers said that they would attack it.", None)
    owners = {a.id: a for a in result.actors}
    pronouns = {m.text: owners[m.actor_id] for a in result.actors for m in a.mentions if m.kind == "pronoun"}
    assert pronouns["it"].country == "UGA"
    assert pronouns["they"].sector == "MIL" and pronouns["they"].country != "UGA"
