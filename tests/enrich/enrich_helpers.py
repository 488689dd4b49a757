"""Helpers shared by the enrich tests (imported by name: pytest puts this folder on sys.path)."""

from __future__ import annotations

import datetime as dt

SEED_PUBLISHED = dt.date(2024, 11, 10)  # a Sunday


def token(doc, word: str, nth: int = 0):
    """The ``nth`` token whose text is ``word`` (fails loudly when missing)."""
    hits = [t for t in doc if t.text == word]
    assert len(hits) > nth, f"{word!r} not in {doc.text!r}"
    return hits[nth]


def seed_doc(nlp, shared_dir):
    """The seed article's text parsed (the cleaner's chrome lines are left in; they have no triggers)."""
    text = (shared_dir / "examples" / "seed-article.txt").read_text(encoding="utf-8")
    return nlp(text)


def sentence_with(doc, fragment: str):
    """The token span of the first sentence containing ``fragment``."""
    for sent in doc.sents:
        if fragment in sent.text:
            return sent
    raise AssertionError(f"no sentence contains {fragment!r}")


def unparsed_doc(nlp, text: str):
    """A Doc of ``text`` that went through the tokenizer only: no tags, no parse, no entities."""
    return nlp.make_doc(text)
