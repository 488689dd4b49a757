"""Agency credits, datelines and bylines are never actors: "KYIV, Ukraine (AP) —", "— AFP", "By Jane Doe, VOA
News"; an agency named in a sentence still is one ("Reuters reported …")."""

from __future__ import annotations

from eventwire.actors import _is_byline
from eventwire.pipeline import extract


def _mentioned(text: str) -> set[str]:
    return {m.text for a in extract(text, "2024-05-01").actors for m in a.mentions}


def test_a_dateline_and_its_agency_are_no_actors(nlp: object) -> None:
    text = "KYIV, Ukraine (AP) — Police arrested 20 protesters on Monday."
    assert not {"AP", "KYIV", "Ukraine"} & _mentioned(text)
    (event,) = [e for e in extract(text, "2024-05-01").events if e.plover.type == "COERCE"]
    assert event.source.country == "UKR" and event.source.country_from == "article"  # type: ignore[union-attr]


def test_a_credit_ending_a_line_and_a_byline_are_no_actors(nlp: object) -> None:
    assert "AFP" not in _mentioned("Russian forces attacked Kharkiv on Monday.\n— AFP")
    assert "VOA News" not in _mentioned("By Jane Doe, VOA News\nPolice arrested 20 protesters in Nairobi.")


def test_an_agency_in_a_sentence_and_a_sentence_opening_with_by_stay(nlp: object) -> None:
    assert "Reuters" in _mentioned("Reuters reported that Russian forces attacked Kharkiv.")
    assert "Russia" in _mentioned("By Monday, Russia had withdrawn its troops from the border.")


def test_byline_shape() -> None:
    assert _is_byline("By Jane Doe, VOA News") and _is_byline("By Jane Doe and John Roe | Reuters")
    assert not _is_byline("By Monday, Russia had withdrawn its troops.")
    assert not _is_byline("By the end of the year the army had left")
