"""Quote frames and reported speech: the speaker is the source of the statement, not of the act the quote reports,
unless the quote says so in the first person; a reported clause keeps its own actors. Sentences written for these
tests (none from a gold set)."""

from __future__ import annotations

from eventwire.model import Event
from eventwire.pipeline import extract


def _events(text: str, ptype: str | None) -> list[Event]:
    return [e for e in extract(text, "2024-10-18").events if e.plover.type == ptype]


def test_a_reported_passive_act_is_not_the_speakers() -> None:
    events = _events('"All on board were killed," a Taliban spokesman said on Monday.', "ASSAULT")
    assert all(e.source is None for e in events)
    (statement,) = _events('"All on board were killed," a Taliban spokesman said on Monday.', None)
    assert statement.source is not None and statement.source.country == "AFG"


def test_first_person_in_a_direct_quote_is_the_speakers_side() -> None:
    text = '"We will impose new sanctions on Iran," the British foreign secretary said on Tuesday.'
    (event,) = _events(text, "THREATEN")
    assert event.source is not None and event.source.country == "GBR" and event.source.text == "We"
    assert event.target is not None and event.target.country == "IRN"
    assert "+speaker" in event.extractor


def test_first_person_act_with_no_other_party_is_kept_once_the_speaker_is_known() -> None:
    (event,) = _events('"We shot down the drone," the Ukrainian air force said on Sunday.', "ASSAULT")
    assert event.source is not None and event.source.country == "UKR"


def test_first_person_outside_a_quote_stays_unresolved() -> None:
    events = _events("We will impose new sanctions on Iran, the minister wrote.", "THREATEN")
    assert all(e.source is None or e.source.text != "We" or not e.source.country for e in events)


def test_a_pronoun_speaker_does_not_resolve_the_quotes_we() -> None:
    text = 'Rights groups met on Monday. "We urge Egypt to release the journalists," they said in a statement.'
    events = _events(text, "REQUEST")
    assert events and all(e.source is None or e.source.text != "We" for e in events)


def test_reported_clause_keeps_its_own_actors() -> None:
    (event,) = _events("Pakistani officials said Indian troops attacked a border post near Lahore.", "ASSAULT")
    assert event.source is not None and event.source.country == "IND"
    assert event.citations  # attributed to the officials through their citation



def test_a_warning_of_ones_own_pressure_is_a_threat() -> None:
    text = "Britain warned on Monday that it would exert more pressure on Russia."
    (event,) = _events(text, "THREATEN")
    assert event.source.country == "GBR" and event.target is not None and event.target.country == "RUS"
    assert event.cameo.code == "130" and not _events(text, "REQUEST")


def test_a_warned_party_is_the_target_of_the_announced_act() -> None:
    (event,) = _events("Russia warned Ukraine on Monday that it would cut off gas supplies.", "THREATEN")
    assert event.target is not None and event.target.country == "UKR"


def test_a_warning_about_another_sides_act_is_a_reported_event() -> None:
    text = "Germany warned on Monday that Russia will put pressure on Moldova."
    assert not _events(text, "THREATEN")
    assert all(e.source.country == "RUS" for e in _events(text, "REQUEST"))
