"""Background events: an earlier event keeps its own date ("in 2019", "since 2011, when ..."), and one with no date
of its own ("has long refused", "had previously agreed", "at the time") is marked background, not dated on the
publication day. Each case is also read without NER: the pipeline runs NER only on some sentences."""

from __future__ import annotations

import datetime as dt

import pytest
from enrich_helpers import token

from eventwire.enrich.time import event_date

P = dt.date(2025, 3, 12)  # a Wednesday


def _parses(nlp, text):
    return [nlp(text), nlp(text, disable=["ner"])]


def _dates(nlp, text, word, published=P):
    return [event_date(token(doc, word), published) for doc in _parses(nlp, text)]


@pytest.mark.parametrize(
    ("text", "word", "value", "precision", "shown"),
    [
        ("In 2019, China signed a trade agreement with Mauritius.", "signed", "2019-01-01", "year", "In 2019"),
        ("The United States invaded the country in the wake of the September 11, 2001 attacks.", "invaded",
         "2001-09-11", "day", "September 11, 2001"),
        ("Russia annexed Crimea in March 2014.", "annexed", "2014-03-01", "month", "March 2014"),
        ("A deadly January attack on the base killed three Americans.", "attack", "2025-01-01", "month", "January"),
        ("The two sides have fought since 2011, when the government sent troops into Somalia.", "sent",
         "2011-01-01", "year", "2011"),
        ("The spokesperson responded in a Jan. 23 press briefing, asserting that China abides by the rules.",
         "asserting", "2025-01-23", "day", "Jan. 23"),
    ],
)  # fmt: skip
def test_an_earlier_event_keeps_its_own_date(nlp, text, word, value, precision, shown):
    for ref in _dates(nlp, text, word):
        assert (ref.value, ref.precision, ref.anchor != "background") == (value, precision, True), text
        assert shown in ref.text


@pytest.mark.parametrize(
    ("text", "word", "cue"),
    [
        ("China has long refused to renounce the use of force against Taiwan.", "refused", "long"),
        ("Israel and Hamas had previously agreed to a ceasefire.", "agreed", "previously"),
        ("Russia and Ukraine had exchanged prisoners.", "exchanged", "had"),
        ("Iran has denied for years that its programme is military.", "denied", "for years"),
        ("At the time, the minister told reporters that the camp would close.", "told", "At the time"),
        ("In the past, Turkey threatened to close the base.", "threatened", "In the past"),
        ("Hong Kong has been governed under its own laws since the UK returned the territory to China.", "returned",
         "since"),
    ],
)  # fmt: skip
def test_an_undated_background_event_is_marked_not_dated_today(nlp, text, word, cue):
    for ref in _dates(nlp, text, word):
        assert ref.value is None and ref.anchor == "background", (text, ref)
        assert ref.text == cue


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Russian forces shelled Kharkiv, officials said.", "shelled"),  # today's news: the publication day
        ("The army said it had killed eight militants.", "killed"),  # past perfect of reported speech: not background
        ("Police arrested 20 people after protesters stormed the parliament.", "stormed"),
        ("Police have arrested 20 people since protesters stormed the parliament.", "arrested"),  # the main clause
        ("Turkey has threatened to close the base.", "threatened"),
    ],
)
def test_news_of_the_day_is_not_background(nlp, text, word):
    for ref in _dates(nlp, text, word):
        assert ref.anchor != "background", (text, ref)


def test_a_month_name_that_is_a_word_is_no_date(nlp):
    for doc in _parses(nlp, "Thousands joined the march on parliament and may return."):
        ref = event_date(token(doc, "joined"), P)
        assert ref.value == P.isoformat() and ref.text is None
