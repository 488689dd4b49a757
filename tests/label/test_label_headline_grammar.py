"""Headline English made parseable: sentence case, and the clause a verbless headline abbreviates."""

from __future__ import annotations

import pytest

from eventwire.headline import finite_headline, past_tense, present_forms, set_lemmas

VERBS = present_forms({"denounce", "sign", "march", "rally", "kill", "push", "withdraw"})


def test_present_forms_map_to_their_lemma() -> None:
    assert VERBS["denounces"] == "denounce" and VERBS["rallies"] == "rally" and VERBS["pushes"] == "push"
    assert VERBS["sign"] == "sign" and "signed" not in VERBS


@pytest.mark.parametrize(
    ("lemma", "past"),
    [("denounce", "denounced"), ("decry", "decried"), ("ban", "banned"), ("sign", "signed"),
     ("withdraw", "withdrew"), ("strike", "struck"), ("visit", "visited"), ("obey", "obeyed")],
)  # fmt: skip
def test_past_tense(lemma: str, past: str) -> None:
    assert past_tense(lemma) == past


def test_a_verbless_parse_is_rewritten_and_a_finite_one_is_not(nlp) -> None:  # type: ignore[no-untyped-def]
    rewrite = finite_headline(nlp("Chile denounces actions by Peru"), VERBS)
    assert rewrite is not None and rewrite.text == "Chile denounced actions by Peru"
    assert dict(rewrite.lemmas) == {6: "denounce"}
    again = set_lemmas(nlp(rewrite.text), rewrite.lemmas)
    assert again[1].lemma_ == "denounce" and again[1].pos_ == "VERB"
    passive = finite_headline(nlp("Four killed in air strike"), VERBS)
    assert passive is not None and passive.text == "Four were killed in air strike"
    assert finite_headline(nlp("Chile condemned Peru on Monday"), VERBS) is None
    assert finite_headline(nlp("Peace talks in Geneva"), VERBS) is None


def test_a_noun_inside_a_prepositional_phrase_stays_a_noun(nlp) -> None:  # type: ignore[no-untyped-def]
    verbs = present_forms({"strike"})
    assert finite_headline(nlp("Jailed activist on hunger strike in Turkey"), verbs) is None
