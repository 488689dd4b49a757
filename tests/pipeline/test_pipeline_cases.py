"""The whole path on worked examples: a page in, coded events out, scored against what a careful coder reads.

The seed article (../shared/examples) is a scraped text page with site chrome; the second case
(tests/data/cases) is an HTML page with navigation and a footer, written for this project, so nothing is tuned
to one page. Both run through the real CLI (`eventwire extract … --format json`).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from eventwire.cli.main import main
from eventwire.evaluation.article import event_matches, score_article
from eventwire.model import DocumentResult

CASES = Path(__file__).resolve().parents[1] / "data" / "cases"


def _extract(path: Path, published: str | None, capsys: pytest.CaptureFixture[str]) -> DocumentResult:
    argv = ["extract", str(path), "--format", "json"] + (["--published", published] if published else [])
    code = main(argv)
    out = capsys.readouterr().out
    assert code == 0
    return DocumentResult.from_dict(json.loads(out))


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


def _matching(result: DocumentResult, gold: dict, gold_id: str):  # type: ignore[no-untyped-def]
    g = next(g for g in gold["events"] if g["id"] == gold_id)
    return [e for e in result.events if event_matches(e, g)]


def _check_common(result: DocumentResult, gold: dict, page: str) -> dict:
    score = score_article(result, gold, source_text=page)
    s = score["summary"]
    missed = [row["id"] for row in score["golds"] if row["level"] == "must" and not row["matched"]]
    assert not missed, f"must events missed: {missed}\n{json.dumps(score['misses'], indent=1)}"
    should = [row for row in score["golds"] if row["level"] == "should"]
    assert sum(row["matched"] for row in should) >= min(2, len(should)), score["misses"]
    assert s["false_alarms"] <= 3, json.dumps(score["false_alarms"], indent=1)
    assert s["chrome_lines_left"] == 0, score["chrome_lines_left"]
    assert s["body_lines_lost"] == 0, score["body_lines_lost"]
    assert s["quotes_must"]["accuracy"] == 1.0, score["quotes"]
    assert s["sources_must"]["accuracy"] == 1.0, score["sources_cited"]
    chrome = [line for line in gold["chrome_lines_removed"]]
    for event in result.events:
        assert not any(line in event.evidence.text for line in chrome if len(line) > 12)
        text = result.article.text
        assert text[event.trigger.start : event.trigger.end] == event.trigger.text
        for side in (event.source, event.target):
            if side is not None:
                assert text[side.start : side.end] == side.text
    return score


def test_seed_article(shared_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = shared_dir / "examples" / "seed-article.txt"
    gold = json.loads((shared_dir / "examples" / "seed-article.expected.json").read_text(encoding="utf-8"))
    result = _extract(page, "2024-11-10", capsys)
    assert result.article.title == gold["title"]
    _check_common(result, gold, page.read_text(encoding="utf-8"))
    for gold_id, day in (("E3", "2024-11-06"), ("E5", "2024-11-10"), ("E7", "2024-11-13")):
        assert any(e.date and e.date.value == day for e in _matching(result, gold, gold_id)), gold_id
    attack = _matching(result, gold, "E5")
    assert any(
        e.location and e.location.lat is not None and _km(e.location.lat, e.location.lon, 55.75, 37.62) <= 50
        for e in attack
    )
    assert any(q.value == 34 for e in attack for q in e.quantities)
    quotes = [q for q in result.quotes if q.kind == "direct"]
    assert {q.speaker.name for q in quotes if q.speaker} >= {"Jake Sullivan"}


@pytest.mark.parametrize("expected", sorted(CASES.glob("*.expected.json")), ids=lambda p: p.name)
def test_written_cases(expected: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = json.loads(expected.read_text(encoding="utf-8"))
    page = expected.with_name(gold["document"])
    result = _extract(page, None, capsys)
    assert result.article.published == gold["published"]
    score = score_article(result, gold)
    missed = [row["id"] for row in score["golds"] if row["level"] == "must" and not row["matched"]]
    assert not missed, f"must events missed: {missed}\n{json.dumps(score['misses'], indent=1)}"
    assert score["summary"]["false_alarms"] <= 3, json.dumps(score["false_alarms"], indent=1)
    assert score["summary"]["chrome_lines_left"] == 0, score["chrome_lines_left"]
