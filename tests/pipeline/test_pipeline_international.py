"""International bodies and their officials are coded with CAMEO's top-level country code IGO."""

from __future__ import annotations

import pytest

import eventwire


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("The United Nations condemned the Myanmar military on Monday.", "IGO", "MMR"),
        ("NATO warned Russia against further attacks on Ukraine.", "IGO", "RUS"),
        ("Ukraine asked the European Union for more air defence systems.", "UKR", "IGO"),
    ],
)
def test_igo_actor_country(nlp, text: str, source: str, target: str) -> None:  # noqa: ARG001 - loads spaCy once
    events = [e for e in eventwire.extract(text, published="2025-03-03").events if e.plover.type]
    assert any(
        e.source is not None and e.source.country == source and e.target is not None and e.target.country == target
        for e in events
    ), [(e.plover.type, e.source, e.target) for e in events]


def test_national_actor_keeps_its_country(nlp) -> None:  # noqa: ARG001
    events = eventwire.extract("France condemned the Myanmar military on Monday.", published="2025-03-03").events
    assert any(e.source is not None and e.source.country == "FRA" for e in events)
    assert not any(e.source is not None and e.source.country == "IGO" for e in events)
