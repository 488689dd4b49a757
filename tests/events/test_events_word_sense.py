"""Word sense: verbal attacks are criticism, missiles fired into the sea are shows of force, a measure that
targets a country is a penalty, a vow to go on fighting is a threat. Sentences written for these tests."""

from __future__ import annotations

import pytest

from eventwire.pipeline import extract


def _codes(text: str) -> set[tuple[str | None, str]]:
    return {(e.plover.type, e.cameo.code) for e in extract(text, "2024-10-18").events}


def _types(text: str) -> set[str | None]:
    return {t for t, _ in _codes(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an attack in words: the medium, the words or the relatives attacked say so
        ("Trump attacked Biden in a speech on Monday.", ("ACCUSE", "111")),
        ("Orban attacked the European Commission on Twitter.", ("ACCUSE", "111")),
        ("Trump attacked the senator's wife on Monday.", ("ACCUSE", "111")),
        ("Macron attacked Le Pen's credibility during the debate.", ("ACCUSE", "111")),
        # a missile fired or launched into the sea is a weapons show of force
        ("North Korea fired a ballistic missile into the sea on Monday.", ("MOBILIZE", "150")),
        ("North Korea launched two missiles into the sea off its east coast.", ("MOBILIZE", "150")),
        # a measure that targets a country is a sanction
        ("A U.S. Senate committee passed legislation targeting Turkey on Wednesday.", ("SANCTION", "163")),
        ("Trump imposed tariffs targeting Canada.", ("SANCTION", "163")),
        # a vow to go on attacking is a threat; a vow to go on helping a promise
        ("Hamas vowed to continue attacks on Israel.", ("THREATEN", "1384")),
        ("The European Union vowed to continue aid to Ukraine.", ("AGREE", "033")),
        ("Germany vowed to continue working with France.", ("AGREE", "030")),
    ],
)
def test_sense_reading(text: str, expected: tuple[str, str]) -> None:
    assert expected in _codes(text)


@pytest.mark.parametrize(
    ("text", "not_expected"),
    [
        ("Trump attacked Biden in a speech on Monday.", "ASSAULT"),
        ("Trump attacked the senator's wife on Monday.", "ASSAULT"),
        ("North Korea fired a ballistic missile into the sea on Monday.", "ASSAULT"),
        ("A U.S. Senate committee passed legislation targeting Turkey on Wednesday.", "ASSAULT"),
        ("Hamas vowed to continue attacks on Israel.", "AGREE"),
    ],
)
def test_sense_not_read(text: str, not_expected: str) -> None:
    assert not_expected not in _types(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the same words in their violent sense stay violence
        ("Russian forces attacked Kharkiv on Monday.", "ASSAULT"),
        ("Pakistan's army attacked Afghan border posts on Monday.", "ASSAULT"),
        ("Hamas fired rockets at Israel on Monday.", "ASSAULT"),
        ("Russian drones targeted Kyiv overnight.", "ASSAULT"),
    ],
)
def test_violent_sense_stays(text: str, expected: str) -> None:
    assert expected in _types(text)
