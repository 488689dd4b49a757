"""The historical offices table: loaded with the built-in tables, well-formed, and dated."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import eventwire
from eventwire.knowledge import load_actor_knowledge, read_offices

HISTORICAL = Path(eventwire.__file__).parent / "data" / "offices_historical.tsv"


def test_historical_table_is_a_builtin_file_with_a_documented_header() -> None:
    knowledge = load_actor_knowledge()
    assert any(f.path.endswith("offices_historical.tsv") and f.builtin for f in knowledge.files)
    header = [line for line in HISTORICAL.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    text = " ".join(header).lower()
    assert "source" in text and "version" in text and "extend or correct" in text


def test_every_historical_term_has_an_end_before_2022() -> None:
    terms = read_offices(HISTORICAL)
    assert len(terms) > 100
    assert all(t.end is not None and t.end < dt.date(2022, 1, 1) for t in terms)


def test_historical_holders_resolve_by_date() -> None:
    knowledge = load_actor_knowledge()
    term = knowledge.office_holder("Levy Mwanawasa", dt.date(2005, 6, 1))
    assert term is not None and term.country == "ZMB"
    assert knowledge.office_holder("Mwanawasa", None).country == "ZMB"  # type: ignore[union-attr]
    assert knowledge.office_holder("Levy Mwanawasa", dt.date(2024, 6, 1)) is None
