"""Fixtures for the attribution tests: a speaker resolver built from the doc's PERSON entities."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, Span

from eventwire.model import EventActor


def person_resolver(doc: Doc):
    """Map a span to the longest PERSON name in the doc that shares its last name (or None)."""
    persons = [e.text for e in doc.ents if e.label_ == "PERSON"]

    def resolve(span: Span) -> EventActor | None:
        words = {w.strip(",.") for w in span.text.split()}
        matches = [p for p in persons if p.split()[-1] in words]
        if not matches:
            return None
        return EventActor(
            text=span.text, start=span.start_char, end=span.end_char, name=max(matches, key=len)
        )

    return resolve


def unparse(doc: Doc, sentence_index: int) -> Doc:
    """Blank the parse of one sentence, as the pipeline's fast path leaves skipped sentences."""
    sent = list(doc.sents)[sentence_index]
    for tok in sent:
        tok.pos_ = ""
        tok.tag_ = ""
        tok.lemma_ = ""
        tok.dep_ = ""
    return doc


@pytest.fixture()
def resolver_for():
    return person_resolver


@pytest.fixture()
def unparse_sentence():
    return unparse
