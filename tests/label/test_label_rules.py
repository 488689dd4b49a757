"""The document label's rule: events vote by position × status × confidence; untyped events are ignored."""

from __future__ import annotations

from labelkit import ev

from eventwire.headline import parseable_headline
from eventwire.label import (
    DEFAULT_POLICY,
    HEADLINE,
    HEADLINE_MORE,
    Policy,
    RuleWeights,
    combine,
    headline_votes,
    label_by_rules,
    label_document,
    rule_scores,
)
from eventwire.model import Article, DocumentLabel, DocumentResult, TextSpan


def test_no_typed_event_gives_no_label():
    assert label_by_rules([]) == DocumentLabel(plover=None, confidence=0.0, by="rules")
    assert label_by_rules([ev(None), ev(None, 3)]).plover is None
    assert rule_scores([ev(None)]) == {}


def test_first_sentence_outweighs_later_ones():
    weights = RuleWeights()
    events = [ev("ASSAULT", 0), ev("ACCUSE", 4), ev("ACCUSE", 6)]
    assert weights.position(0) > weights.position(1) >= weights.position(5)
    label = label_by_rules(events)
    assert label.plover == "ASSAULT" and label.by == "rules"
    assert 0.5 < label.confidence < 1.0  # the winner's share of the votes
    many = [ev("ASSAULT", 0)] + [ev("ACCUSE", i) for i in range(5, 15)]
    assert label_by_rules(many).plover == "ACCUSE"  # enough later votes still win


def test_status_and_confidence_weigh_votes():
    assert label_by_rules([ev("THREATEN", 0, "negated"), ev("AID", 0)]).plover == "AID"
    assert label_by_rules([ev("AID", 0, "intended"), ev("PROTEST", 0)]).plover == "PROTEST"
    assert label_by_rules([ev("AID", 0, confidence=0.9), ev("PROTEST", 0, confidence=0.4)]).plover == "AID"
    assert (
        label_by_rules([ev("REJECT", 2, "denied")]).plover == "REJECT"
    )  # the only typed event still names it


def test_ties_go_to_the_earliest_type_then_the_name():
    assert label_by_rules([ev("SUPPORT", 2), ev("AGREE", 2)]).plover == "AGREE"
    weights = RuleWeights(first=1.0, lead=1.0, body=1.0)
    assert label_by_rules([ev("SUPPORT", 1), ev("AGREE", 2)], weights).plover == "SUPPORT"


def test_agreeing_events_give_full_confidence():
    assert label_by_rules([ev("CONSULT", 0), ev("CONSULT", 3)]).confidence == 1.0


def test_combine_policy():
    rule = DocumentLabel(plover="AGREE", confidence=0.6)
    none = DocumentLabel(plover=None)
    policy = Policy(override=0.5)
    assert combine(none, "CONCEDE", 0.2, "m", policy) == DocumentLabel("CONCEDE", 0.2, "model:m")
    assert combine(rule, "CONCEDE", 0.7, "m", policy).by == "model:m"
    assert combine(rule, "CONCEDE", 0.4, "m", policy) is rule
    assert combine(rule, "AGREE", 0.99, "m", policy) is rule  # agreement keeps the rule as the decider
    assert (
        combine(rule, "CONCEDE", 0.7, "m", Policy(override=0.5, rule_firm=0.6)) is rule
    )  # a firm rule stays
    assert combine(rule, None, 0.0, "m", DEFAULT_POLICY) is rule


def test_label_document_without_text_uses_rules_only():
    result = DocumentResult(document_id="d", status="ok", events=[ev("AID", 0)])
    assert label_document(result) == label_by_rules(result.events)
    result.article = Article(id="d", text="   ")
    assert label_document(result).by == "rules"
    assert label_document(result, policy=Policy(use_model=False)).plover == "AID"


def test_headline_events_vote_with_the_headline_weight():
    body = [ev("CONSULT", 0), ev("CONSULT", 2)]
    weights = RuleWeights(headline=5.0, first=3.0, lead=1.0, body=1.0)
    result = DocumentResult(document_id="d", status="ok", events=body)
    assert label_document(result, weights=weights).plover == "CONSULT"
    label = label_document(result, headline=[ev("ASSAULT", 0)], weights=weights)
    assert label.plover == "ASSAULT" and label.by == "rules"
    assert result.events == body and body[0].sentence_index == 0  # the caller's events are untouched
    assert headline_votes([ev("ASSAULT", 0)])[0].sentence_index == HEADLINE
    assert RuleWeights(headline=7.0).position(HEADLINE) == 7.0


def test_the_headlines_first_typed_event_is_its_main_one():
    said, rejects, request = ev(None, 0), ev("REJECT", 0), ev("REQUEST", 0)
    for start, event in enumerate((said, rejects, request)):  # in this order in the headline
        event.trigger = TextSpan("x", start, start + 1)
    votes = headline_votes([request, said, rejects])
    assert [(e.plover.type, e.sentence_index) for e in votes] == [
        (None, HEADLINE_MORE),
        ("REJECT", HEADLINE),
        ("REQUEST", HEADLINE_MORE),
    ]
    weights = RuleWeights(headline=20.0, headline_more=5.0)
    assert weights.position(HEADLINE) == 20.0 and weights.position(HEADLINE_MORE) == 5.0
    result = DocumentResult(document_id="d", status="ok", events=[ev("REQUEST", 3)])
    assert label_document(result, headline=[request, rejects], weights=weights).plover == "REJECT"


def test_title_case_headline_is_put_in_sentence_case_for_the_parser():
    lower = {"attack", "village", "killing", "in", "by", "beheaded", "local", "strikes", "base"}
    assert parseable_headline("Militants Attack Istanbul Village, Killing 65 Civilians", lower) == (
        "Militants attack Istanbul village, killing 65 Civilians"
    )
    assert parseable_headline("Two Local Administrators Beheaded by Insurgents", lower) == (
        "Two local Administrators beheaded by Insurgents"
    )
    assert parseable_headline("U.S. Strikes NATO Base", lower) == "U.S. strikes NATO base"  # acronyms kept
    sentence_case = "Kiribati and Qatar pledge to attack the village"
    assert parseable_headline(sentence_case, lower) == sentence_case
    assert parseable_headline(None, lower) == "" and parseable_headline("Attack", lower) == "Attack"
