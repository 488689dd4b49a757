"""Actor rules round 2: names that are not office holders, anti- modifiers, located forces, ethnic groups,
historical office holders, pronouns of reported speech."""

from __future__ import annotations

from eventwire.pipeline import extract


def _countries(text: str, ptype: str) -> list[tuple[str | None, str | None]]:
    return [
        (e.source.country if e.source else None, e.target.country if e.target else None)
        for e in extract(text, None).events
        if e.plover.type == ptype
    ]


def test_lower_case_words_are_not_office_holders() -> None:
    result = extract("A major attack hit the town and destroyed the rice harvest.", None)
    assert not [a for a in result.actors if a.kind == "person"]


def test_anti_modifier_is_not_the_owner() -> None:
    sides = _countries(
        "A prominent anti-Syria journalist was killed in a car bomb explosion in Beirut.", "ASSAULT"
    )
    assert sides and all(target != "SYR" for _, target in sides)


def test_security_forces_in_a_country() -> None:
    assert _countries("Security forces in Guinea have tortured dozens of refugees.", "ASSAULT")[0][0] == "GIN"


def test_ethnic_group_leaders_and_quantity_heads() -> None:
    assert ("NGA", "NGA") in _countries(
        "A group of Yoruba leaders announced that they forgive Nigerian President Olusegun Obasanjo.",
        "SUPPORT",
    )


def test_historical_office_holder_without_a_date() -> None:
    assert _countries(
        "President Levy Mwanawasa has reneged on his commitment to the Zambian people.", "REJECT"
    ) == [("ZMB", "ZMB")]


def test_reported_speech_subject_pronoun_is_the_speaker() -> None:
    sides = _countries("Radical French farmers said on Friday they would blockade Paris.", "THREATEN")
    assert sides and sides[0][0] == "FRA"
