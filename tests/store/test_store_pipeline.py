"""End to end with the real pipeline: ``eventwire ingest`` on articles written for these tests, then query and
recode. Slow (spaCy); skipped while ``eventwire.pipeline`` cannot be imported.

The commands run in this process (``eventwire.cli.main.main``), so they share the resources the test session has
loaded once; a subprocess per command would load spaCy and the tables again each time (12 commands here).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from storekit import run_cli as _cli

DATA = Path(__file__).resolve().parents[1] / "data" / "store"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pipeline():
    try:
        import eventwire.pipeline as pipeline
    except ImportError as exc:
        pytest.skip(f"eventwire.pipeline is not importable yet ({exc})")
    return pipeline


def test_three_reports_of_one_happening_and_one_a_week_later(pipeline, tmp_path):
    db = str(tmp_path / "e2e.duckdb")
    first = _cli("ingest", str(DATA / "one_happening.jsonl"), "--db", db, "--no-progress")
    assert first.returncode == 0, first.stderr
    assert "coded 4" in first.stderr
    listed = _cli(
        "query", "--db", db, "--type", "ASSAULT", "--source", "RUS", "--format", "json", "--limit", "0"
    )
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert sorted((r["mentions"] for r in rows), reverse=True) == [3, 1], rows
    assert [r["date"] for r in sorted(rows, key=lambda r: r["date"])] == ["2024-11-12", "2024-11-19"]

    again = _cli("ingest", str(DATA / "one_happening.jsonl"), "--db", db, "--no-progress")
    assert again.returncode == 0 and "already stored 4" in again.stderr, again.stderr

    recode = _cli("recode", "--db", db, "--all", "--no-progress")
    assert recode.returncode == 0, recode.stderr
    after = json.loads(
        _cli("query", "--db", db, "--type", "ASSAULT", "--source", "RUS", "--format", "json").stdout
    )
    assert sorted((r["mentions"] for r in after), reverse=True) == [3, 1]
    stats = json.loads(_cli("stats", "--db", db, "--format", "json").stdout)
    assert stats["totals"]["articles"] == 4 and "unknown" not in stats["versions"][0][0]


def test_wire_copies_at_three_urls_are_one_story(pipeline, tmp_path):
    db = str(tmp_path / "wire.duckdb")
    run = _cli("ingest", str(DATA / "wire_copies.jsonl"), "--db", db, "--no-progress")
    assert run.returncode == 0, run.stderr
    assert "wire copies 2" in run.stderr
    rows = json.loads(_cli("query", "--db", db, "--format", "json").stdout)
    assert rows, "the pipeline found no event in the wire story"
    # every happening the three copies tell alike is one canonical event reported by all three; the march, whose
    # marchers only the second copy names ("thousands of people marched" beside "thousands marched"), may code
    # apart there, since a named role is a party of its own (actors rule 9)
    assert all(r["mentions"] == 1 for r in rows), rows
    whole = [r for r in rows if r["articles"] == 3]
    assert len(whole) >= 3 and any(r["source_name"] == "Georgian police" for r in whole), rows
    apart = [r for r in rows if r["articles"] != 3]
    assert all(r["plover_type"] in ("PROTEST", "REQUEST") and r["source_name"] in (None, "people") for r in apart), rows
    stats = json.loads(_cli("stats", "--db", db, "--format", "json").stdout)
    assert (stats["totals"]["articles"], stats["totals"]["stories"]) == (3, 1)


def test_ingest_again_leaves_identical_rows(pipeline, tmp_path):
    from eventwire.store.db import open_store

    db = tmp_path / "idem.duckdb"
    tables = ("articles", "events", "canonical_events", "actors", "quotes", "citations")

    def snapshot():
        with open_store(db, read_only=True) as store:
            return {t: store.conn.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in tables}

    inputs = [str(DATA / "one_happening.jsonl"), str(DATA / "wire_copies.jsonl")]
    assert _cli("ingest", *inputs, "--db", str(db), "--no-progress").returncode == 0
    before = snapshot()
    again = _cli("ingest", *inputs, "--db", str(db), "--no-progress")
    assert again.returncode == 0 and "coded 0" in again.stderr and "already stored 7" in again.stderr
    assert snapshot() == before
