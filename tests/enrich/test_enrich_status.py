"""event_status: the governing chain decides asserted / intended / hypothetical / negated / denied."""

from __future__ import annotations

import pytest
from enrich_helpers import seed_doc, sentence_with, token, unparsed_doc

from eventwire.enrich.status import event_status


def _status(nlp, text, word, **kw):
    return event_status(token(nlp(text), word), **kw)


def test_seed_e4_plans_to_urge_is_intended(nlp, shared_dir):
    sent = sentence_with(seed_doc(nlp, shared_dir), "plans to urge")
    status, cue = event_status(next(t for t in sent if t.text == "urge"))
    assert status == "intended" and cue == "plans"


def test_seed_e10_did_not_respond_is_asserted_when_inherent(nlp, shared_dir):
    sent = sentence_with(seed_doc(nlp, shared_dir), "did not immediately respond")
    trigger = next(t for t in sent if t.text == "respond")
    assert event_status(trigger, inherent_negation=True) == ("asserted", None)
    assert event_status(trigger)[0] == "negated"


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Russia did not attack the city.", "attack", "negated"),
        ("He never met Putin.", "met", "negated"),
        ("No talks were held on Friday.", "talks", "negated"),
        ("Sullivan refrained from offering specifics.", "offering", "negated"),
        ("Russia has yet to respond.", "respond", "negated"),
        ("The planned visit was cancelled.", "visit", "negated"),
        ("China will not send troops.", "send", "negated"),
        ("The two leaders did not meet or talk.", "talk", "negated"),
        ("Israel called off the talks.", "talks", "negated"),
        ("Russia denied attacking the convoy.", "attacking", "denied"),
        ("Moscow rejected claims that it attacked the hospital.", "attacked", "denied"),
        ("Israel dismissed reports that its troops had entered Rafah.", "entered", "denied"),
        ("Iran could attack Israel if talks fail.", "attack", "hypothetical"),
        ("Police may have arrested dozens of protesters.", "arrested", "hypothetical"),
        ("Will Russia attack Kyiv?", "attack", "hypothetical"),
        ("Hamas threatened to attack Israeli towns.", "attack", "hypothetical"),
        ("The minister did not say whether troops had entered the town.", "entered", "hypothetical"),
        ("Biden is expected to visit Kyiv.", "visit", "intended"),
        ("The president is to visit Berlin next week.", "visit", "intended"),
        ("Trump vowed to end the war.", "end", "intended"),
        ("Russia said it would attack Kyiv.", "attack", "intended"),
        ("Iran warned it would retaliate against Israel.", "retaliate", "intended"),  # its own announced act
        ("Russia warned that Ukraine would attack the plant.", "attack", "hypothetical"),  # someone else's
        ("The UN warned that fighting could spread to Lebanon.", "spread", "hypothetical"),
        ("Putin is going to visit China.", "visit", "intended"),
        ("Biden is due to meet Xi.", "meet", "intended"),
        ("Biden has invited Trump to visit the Oval Office on Wednesday.", "visit", "intended"),
        ("The two sides agreed to hold talks in Geneva.", "talks", "intended"),
        ("Biden will visit Berlin.", "visit", "intended"),
        ("Biden has invited Trump to visit the Oval Office on Wednesday.", "invited", "asserted"),
        ("Trump held a call with Zelenskiy on Wednesday.", "call", "asserted"),
        ("Ukraine launched a drone attack on Moscow.", "attack", "asserted"),
        ("Russia did not deny attacking the convoy.", "attacking", "asserted"),
        ("Russia did not attack Kyiv but struck Lviv.", "struck", "asserted"),
    ],
)
def test_status(nlp, text, word, expected):
    assert _status(nlp, text, word)[0] == expected


def test_cue_text_is_returned(nlp):
    assert _status(nlp, "Russia did not attack the city.", "attack") == ("negated", "did not")
    assert _status(nlp, "Iran could attack Israel.", "attack") == ("hypothetical", "could")
    assert _status(nlp, "Russia denied attacking the convoy.", "attacking") == ("denied", "denied")


def test_inherent_negation_keeps_the_negative_act_asserted(nlp):
    assert (
        _status(nlp, "Cheung declined to comment on the call.", "comment", inherent_negation=True)[0]
        == "asserted"
    )
    assert _status(nlp, "Cheung declined to meet the delegation.", "meet")[0] == "negated"


def test_unparsed_sentence_falls_back_to_surface_words(nlp):
    doc = unparsed_doc(nlp, "Russia did not attack the city.")
    assert event_status(token(doc, "attack"))[0] == "negated"
    doc = unparsed_doc(nlp, "Russia attacked the city.")
    assert event_status(token(doc, "attacked")) == ("asserted", None)
