"""Common phrasings of criticism, threats, sanctions, coercion and denials, and words that only look like
events (sentences written for these tests)."""

from __future__ import annotations

import pytest

from eventwire.pipeline import extract


def _codes(text: str) -> set[tuple[str | None, str]]:
    return {(e.plover.type, e.cameo.code) for e in extract(text, "2024-10-18").events}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Kenyan opposition spoke out against the government on Monday.", ("ACCUSE", "111")),
        ("Kenya's opposition leader called the ruling arbitrary.", ("ACCUSE", "111")),
        ("The United States is deeply disappointed by Somalia's decision.", ("ACCUSE", "111")),
        ("A Guatemalan judge ordered journalist Jose Zamora back to prison this week.", ("COERCE", "173")),
        ("A judge sent the Kenyan journalist back to jail.", ("COERCE", "173")),
        ("The European Union is considering sanctions against Belarus.", ("THREATEN", "1312")),
        ("Trump is keeping new tariffs in place on Mexico and Canada.", ("SANCTION", "163")),
        ("Trump raised tariffs on Chinese goods to 20%.", ("SANCTION", "163")),
        ("Iran denied the accusations on Monday.", ("REJECT", "016")),
        # the same verbs in their other uses keep their codes
        ("Blinken briefed NATO allies on the talks.", ("CONSULT", "040")),
        ("France suggested that Iran return to talks.", ("REQUEST", "020")),
        ("The Kenyan president ordered the police to disperse the protesters.", ("REQUEST", "100")),
    ],
)
def test_phrasing_is_coded(text: str, expected: tuple[str, str]) -> None:
    assert expected in _codes(text)


@pytest.mark.parametrize(
    ("text", "not_type"),
    [
        ("Kenya's opposition leader called the ruling historic.", "ACCUSE"),
        ("The European Union is considering a proposal from Belarus.", "THREATEN"),
        ("The Taliban offered no evidence for the claims.", "AGREE"),
        ("Kirkwood briefed reporters from Yangon.", "CONSULT"),
        ("Analysts suggest Ankara may be wary of losing its bases.", "REQUEST"),
        ("A Guatemalan judge ordered journalist Jose Zamora back to prison this week.", "REQUEST"),
    ],
)
def test_words_that_only_look_like_events(text: str, not_type: str) -> None:
    assert not_type not in {t for t, _ in _codes(text)}
