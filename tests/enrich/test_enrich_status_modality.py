"""Status of acts that are only likely, wished, played in an exercise or asked about (sentences of our own)."""

from __future__ import annotations

import pytest
from enrich_helpers import token

from eventwire.enrich.status import event_status


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        # likelihood is no assertion
        ("Russia is likely to deploy more troops to Belarus.", "deploy", "hypothetical"),
        ("Russia is unlikely to withdraw its troops.", "withdraw", "hypothetical"),
        # eagerness is an intention
        ("Israel is eager to withdraw its troops from Gaza.", "withdraw", "intended"),
        ("Turkey is keen to repair ties with Egypt.", "repair", "intended"),
        # simulated acts and acts played in an exercise
        ("The Chinese military simulated strikes on Taiwan.", "strikes", "hypothetical"),
        ("Chinese troops attacked mock targets during the war games.", "attacked", "hypothetical"),
        ("Marines stormed a beach during the drill.", "stormed", "hypothetical"),
        # an effort is not its outcome
        ("Turkey lobbied against efforts to impose sanctions.", "impose", "hypothetical"),
        # a question asks about its main clause, a noun argument included
        ("What charges does Assange face?", "charges", "hypothetical"),
        ("Will Russia attack Kyiv?", "attack", "hypothetical"),
    ],
)
def test_modal_status(nlp, text: str, word: str, expected: str) -> None:
    assert event_status(token(nlp(text), word))[0] == expected


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Russia deployed more troops to Belarus.", "deployed"),
        ("Gunmen killed two police officers during a football game.", "killed"),
        ("Russia attacked Kyiv during the night.", "attacked"),
        ("The charges against Assange were filed on Monday.", "charges"),
        ("Who commands the troops that attacked Kyiv?", "attacked"),
    ],
)
def test_real_acts_stay_asserted(nlp, text: str, word: str) -> None:
    assert event_status(token(nlp(text), word))[0] == "asserted"
