"""event_date: finding the date of a trigger's clause and resolving it under the clause's tense."""

from __future__ import annotations

import datetime as dt

import pytest
from enrich_helpers import SEED_PUBLISHED, seed_doc, sentence_with, token, unparsed_doc

from eventwire.enrich.time import event_date, resolve_expression

P = SEED_PUBLISHED


def _date(nlp, text, word, published=P, nth=0):
    return event_date(token(nlp(text), word, nth), published)


# ----- the seed article -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed(nlp, shared_dir):
    return seed_doc(nlp, shared_dir)


def _in_seed(seed, fragment, word):
    sent = sentence_with(seed, fragment)
    return next(t for t in sent if t.text == word)


def test_seed_e3_past_wednesday_looks_back(seed):
    ref = event_date(_in_seed(seed, "held a call with", "call"), P)
    assert ref.value == "2024-11-06" and ref.text == "on Wednesday" and ref.precision == "day"
    assert seed.text[ref.start : ref.end] == ref.text


def test_seed_e5_sunday_on_a_sunday_is_that_day(seed):
    ref = event_date(_in_seed(seed, "drone attack on Moscow", "attack"), P)
    assert ref.value == "2024-11-10" and ref.text == "on Sunday"


def test_seed_e7_invited_to_visit_wednesday_looks_forward(seed):
    ref = event_date(_in_seed(seed, "has invited Trump", "invited"), P)
    assert ref.value == "2024-11-13"


def test_seed_e12_january_20_is_next_year(seed):
    ref = event_date(_in_seed(seed, "will assume office", "assume"), P)
    assert ref.value == "2025-01-20" and ref.text == "January 20"


def test_seed_e11_november_5_election_is_this_year(seed):
    ref = event_date(_in_seed(seed, "will assume office", "defeating"), P)
    assert ref.value == "2024-11-05" and ref.text == "November 5"


def test_seed_in_recent_days_is_unresolved(seed):
    ref = event_date(_in_seed(seed, "had spoken in recent days", "spoken"), P)
    assert ref.value is None and ref.anchor == "unresolved" and ref.text == "in recent days"


def test_seed_over_the_next_70_days_is_not_a_past_date(seed):
    ref = event_date(_in_seed(seed, "Over the next 70 days", "emphasize"), P)
    assert ref.value is None and ref.anchor == "unresolved"


def test_seed_intended_event_without_date_is_unresolved(seed):
    ref = event_date(_in_seed(seed, "plans to urge", "urge"), P)
    assert ref.value is None and ref.text is None


# ----- other wordings and tenses -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Biden will visit Berlin on Wednesday.", "visit", "2024-11-13"),
        ("The two ministers met on Wednesday.", "met", "2024-11-06"),
        ("The two ministers have met on Friday.", "met", "2024-11-08"),
        ("Putin is meeting Xi on Tuesday.", "meeting", "2024-11-12"),
        ("Russia attacked Kharkiv yesterday.", "attacked", "2024-11-09"),
        ("The summit was held on Jan. 20, 2023 in Davos.", "held", "2023-01-20"),
        ("Talks took place on 2024-03-04 in Riyadh.", "took", "2024-03-04"),
        ("Trump will take office on Jan. 20.", "take", "2025-01-20"),
        ("The ceasefire took effect on December 20.", "took", "2023-12-20"),
        ("Israel will hold elections in March.", "hold", "2025-03-01"),
        ("Israel struck Gaza in March.", "struck", "2024-03-01"),
        ("The two leaders met last Thursday.", "met", "2024-11-07"),
        ("Putin is to visit Beijing next month.", "visit", "2024-12-01"),
        ("The minister resigned earlier this month.", "resigned", "2024-11-01"),
        ("Trump won the election in 2016.", "won", "2016-01-01"),
        ("Police arrested 40 people three days ago.", "arrested", "2024-11-07"),
        ("The election will be held on 5 November.", "held", "2025-11-05"),
    ],
)
def test_tense_decides_direction(nlp, text, word, expected):
    assert _date(nlp, text, word).value == expected


def test_month_precision_and_year_precision(nlp):
    assert _date(nlp, "Israel struck Gaza in March.", "struck").precision == "month"
    assert _date(nlp, "Trump won the election in 2016.", "won").precision == "year"


def test_week_gives_its_monday_with_unknown_precision(nlp):
    ref = _date(nlp, "Protesters gathered in Tbilisi last week.", "gathered")
    assert ref.value == "2024-10-28" and ref.precision == "unknown" and ref.text == "last week"


def test_no_expression_asserted_past_event_takes_published(nlp):
    ref = _date(nlp, "Russian forces shelled Kharkiv.", "shelled")
    assert ref.value == "2024-11-10" and ref.anchor == "published" and ref.text is None


def test_no_expression_future_event_is_unresolved(nlp):
    ref = _date(nlp, "China will send envoys to Moscow.", "send")
    assert ref.value is None and ref.anchor == "unresolved"


def test_date_of_another_clause_is_not_taken(nlp):
    # "on Sunday" belongs to "stated", not to the future "focus"
    text = "Sullivan stated on Sunday that Biden will focus on a smooth transfer of power."
    ref = _date(nlp, text, "focus")
    assert ref.text != "on Sunday"


# ----- without a publication date --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Russia attacked Kharkiv yesterday.", "attacked"),
        ("The two ministers met on Wednesday.", "met"),
        ("Trump will take office on January 20.", "take"),
        ("Protesters gathered in Tbilisi last week.", "gathered"),
    ],
)
def test_relative_dates_stay_unresolved_without_published(nlp, text, word):
    ref = _date(nlp, text, word, published=None)
    assert ref.value is None and ref.anchor == "unresolved" and ref.text


def test_absolute_date_resolves_without_published(nlp):
    ref = _date(nlp, "The summit was held on 20 January 2023.", "held", published=None)
    assert ref.value == "2023-01-20" and ref.anchor == "explicit"


def test_no_expression_no_published_is_unresolved(nlp):
    ref = _date(nlp, "Russian forces shelled Kharkiv.", "shelled", published=None)
    assert ref.value is None and ref.anchor == "unresolved"


# ----- robustness -----------------------------------------------------------------------------


def test_unparsed_sentence_does_not_crash(nlp):
    doc = unparsed_doc(nlp, "Trump held a call with Zelenskiy on Wednesday.")
    ref = event_date(token(doc, "held"), P)
    assert ref is not None and ref.value == "2024-11-06"


def test_ages_and_lengths_are_not_dates():
    assert resolve_expression("34-year-old", P) is None
    assert resolve_expression("two years", P) is None


def test_resolve_expression_direct():
    assert resolve_expression("January 20", P, "future").value == "2025-01-20"
    assert resolve_expression("January 20", P, "past").value == "2024-01-20"
    assert resolve_expression("Sunday", dt.date(2024, 11, 10), "future").value == "2024-11-10"
    assert resolve_expression("in recent days", P).anchor == "unresolved"


def test_date_inside_reported_clause_does_not_date_the_report(nlp):
    text = "The White House announced that Biden has invited Trump to visit the Oval Office on Wednesday."
    ref = _date(nlp, text, "announced")
    assert ref.text is None and ref.value == "2024-11-10"


def test_status_passed_by_caller_is_used(nlp):
    doc = nlp("The Russian embassy did not immediately respond to a request for comment.")
    assert event_date(token(doc, "respond"), P).value is None  # read as negated
    assert event_date(token(doc, "respond"), P, status="asserted").value == "2024-11-10"
