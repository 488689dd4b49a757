"""Argument roles round 2: the predicate's first actor as target, domestic sides, stative passives."""

from __future__ import annotations

from eventwire.model import Event
from eventwire.pipeline import extract


def _typed(text: str, ptype: str) -> list[Event]:
    return [e for e in extract(text, "2024-10-18").events if e.plover.type == ptype]


def test_target_is_the_first_country_in_the_predicate() -> None:
    (event,) = _typed("Germany suspended part of a military aid program for Bosnia on Friday.", "SANCTION")
    assert event.source.country == "DEU" and event.target is not None and event.target.country == "BIH"
    assert "+target:predicate" in event.extractor


def test_predicate_target_skips_background_phrases() -> None:
    events = _typed(
        "Italy suspended flights on Wednesday, one day after a Serbian jet shot down a plane.", "SANCTION"
    )
    assert events and all(e.target is None or e.target.country != "SRB" for e in events)


def test_stative_opposed_to_names_the_opponent_as_source() -> None:
    (event,) = _typed("Israel is opposed to French mediation in the talks.", "REJECT")
    assert event.source.country == "ISR" and event.target is not None and event.target.country == "FRA"


def test_protesters_take_the_country_of_the_government_they_oppose() -> None:
    (event,) = _typed(
        "Islamic fundamentalists began a hunger strike to demand the resignation of Nigerian President Bola Tinubu.",
        "PROTEST",
    )
    assert event.source is not None and event.source.country == "NGA"


def test_opposition_target_belongs_to_the_acting_state() -> None:
    events = _typed(
        "Nicaragua's government ordered the opposition newspaper La Prensa to suspend publication.", "COERCE"
    )
    assert any(e.target is not None and e.target.country == "NIC" for e in events)


def test_state_coercion_without_a_target_falls_on_its_own_people() -> None:
    events = _typed("Egyptian police arrested 12 people on Monday night.", "COERCE")
    assert events and events[0].target is not None and events[0].target.country == "EGY"
