"""event_quantities: numbers of the trigger's clause, with units and qualifiers."""

from __future__ import annotations

import pytest
from enrich_helpers import seed_doc, sentence_with, token, unparsed_doc

from eventwire.enrich.quantity import event_quantities, parse_number


def _q(nlp, text, word, **kw):
    return event_quantities(token(nlp(text), word), **kw)


def test_seed_e5_at_least_34_drones(nlp, shared_dir):
    doc = seed_doc(nlp, shared_dir)
    sent = sentence_with(doc, "drone attack on Moscow")
    (q,) = event_quantities(next(t for t in sent if t.text == "attack"))
    assert (q.value, q.unit, q.qualifier) == (34.0, "drones", "at least")
    assert doc.text[q.start : q.end] == q.text == "at least 34 drones"


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        (
            "The strike hit a market in Kharkiv, killing 12 people and injuring more than 40.",
            "hit",
            [(12.0, "killed", None), (40.0, "injured", "more than")],
        ),
        (
            "Police arrested more than 100 protesters in Tbilisi.",
            "arrested",
            [(100.0, "arrested", "more than")],
        ),
        (
            "Police detained dozens of demonstrators outside parliament.",
            "detained",
            [(24.0, "demonstrators", "at least")],
        ),
        ("Two soldiers were killed when a rocket struck the base.", "killed", [(2.0, "killed", None)]),
        ("Rebels attacked a convoy of 1,200 vehicles.", "attacked", [(1200.0, "vehicles", None)]),
        ("Tens of thousands marched in Madrid.", "marched", [(20000.0, None, "at least")]),
        (
            "Russia launched about 90 missiles and 60 drones overnight.",
            "launched",
            [(90.0, "missiles", "about"), (60.0, "drones", None)],
        ),
    ],
)
def test_quantities(nlp, text, word, expected):
    got = [(q.value, q.unit, q.qualifier) for q in _q(nlp, text, word)]
    assert got == expected


def test_ages_dates_and_lengths_are_not_quantities(nlp):
    assert _q(nlp, "A 34-year-old man was arrested in 2023 after 3 days of clashes.", "arrested") == []


def test_numbers_of_another_clause_are_left_out(nlp):
    text = "Ukraine attacked Moscow, the largest strike since 2022 when 5 people died."
    assert all(q.value != 5 for q in _q(nlp, text, "attacked"))


def test_money_only_for_aid_like_triggers(nlp):
    aid = _q(nlp, "The United States pledged $1.2 billion in military aid to Ukraine.", "pledged")
    assert [(q.value, q.unit) for q in aid] == [(1.2e9, "USD")]
    assert _q(nlp, "Protesters attacked a $2 million villa.", "attacked") == []
    assert _q(nlp, "Protesters attacked a $2 million villa.", "attacked", include_money=True)[0].unit == "USD"


@pytest.mark.parametrize(
    ("words", "value"),
    [
        (["1,200"], 1200.0),
        (["1.5", "million"], 1.5e6),
        (["twenty-two"], 22.0),
        (["a", "dozen"], 12.0),
        (["two"], 2.0),
    ],
)
def test_parse_number(words, value):
    assert parse_number(words) == value


def test_unparsed_sentence_gives_nothing(nlp):
    assert event_quantities(token(unparsed_doc(nlp, "Police arrested 40 people."), "arrested")) == []
