"""``eventwire evaluate``: format detection, printed report, JSON report shape, exit codes."""

from __future__ import annotations

import json

import pytest
from evaluation_records import actor, event, result

import eventwire
from eventwire.cli.main import main
from eventwire.evaluation import CAVEAT, detect_format, evaluate, render_report


def fake_extract(text, published=None, *, url=None, config=None):
    """Codes every sentence mentioning 'protest' as a PROTEST by USA: enough to exercise the scorers."""
    events = [event("PROTEST", "140", actor("USA"), None, sentence=text)] if "protest" in text.lower() else []
    return result(events, text)


def patch_extract(monkeypatch, fake):
    """Stand in for ``eventwire.extract`` without importing the pipeline (the package loads it lazily)."""
    monkeypatch.setitem(vars(eventwire), "extract", fake)


@pytest.fixture()
def fake_pipeline(monkeypatch):
    patch_extract(monkeypatch, fake_extract)


def test_detect_format(shared_dir, tmp_path):
    data = shared_dir / "data"
    assert detect_format(data / "plover_gsr_dev/plover_gsr_dev.json") == "plover-gsr"
    assert detect_format(data / "petrarch/unit_tests/PETR.UnitTest.records.xml") == "petrarch"
    assert detect_format(shared_dir / "examples/seed-article.expected.json") == "article"
    other = tmp_path / "x.json"
    other.write_text('{"a": 1}')
    from eventwire.errors import MalformedInput

    with pytest.raises(MalformedInput):
        detect_format(other)


def test_cli_plover_report(shared_dir, tmp_path, fake_pipeline, capsys):
    out = tmp_path / "r.json"
    gold = shared_dir / "data/plover_gsr_dev/plover_gsr_dev.json"
    code = main(["evaluate", str(gold), "--report", str(out)])
    assert code == 0
    printed = capsys.readouterr().out
    assert CAVEAT in printed and "Per PLOVER type:" in printed and "False alarms" in printed
    report = json.loads(out.read_text())
    (r,) = report["reports"]
    assert r["format"] == "plover-gsr" and r["documents"] == 163 and r["crashes"] == []
    for key in ("overall", "per_type", "macro_f1", "actors", "confusion", "misses", "false_alarms"):
        assert key in r
    assert set(r["overall"]) == {"tp", "fp", "fn", "precision", "recall", "f1"}
    assert r["per_type"]["PROTEST"]["tp"] >= 1


def test_cli_article_and_petrarch(shared_dir, tmp_path, fake_pipeline):
    out = tmp_path / "r.json"
    article = shared_dir / "examples/seed-article.expected.json"
    petr = shared_dir / "data/petrarch/unit_tests/PETR.UnitTest.records.xml"
    assert main(["evaluate", str(article), str(petr), "--limit", "10", "--report", str(out)]) == 0
    a, p = json.loads(out.read_text())["reports"]
    assert a["format"] == "article" and a["summary"]["body_lines_lost"] == 0
    assert a["summary"]["must_recall"]["scored"] == 7
    assert p["format"] == "petrarch" and p["documents"] == 10 and "loose" in p


def test_crash_gives_exit_code_1(shared_dir, monkeypatch, capsys):
    def crashing(text, published=None, **kw):
        raise ValueError("bad")

    patch_extract(monkeypatch, crashing)
    gold = shared_dir / "data/plover_gsr_dev/plover_gsr_dev.json"
    assert main(["evaluate", str(gold), "--limit", "3"]) == 1
    assert "CRASH" in capsys.readouterr().out


def test_missing_gold_is_usage_error(tmp_path, capsys):
    assert main(["evaluate", str(tmp_path / "nope.json")]) == 2
    assert "E103" in capsys.readouterr().err


def test_render_handles_every_format(tmp_path):
    gold = tmp_path / "g.json"
    gold.write_text(
        json.dumps([{"event": "DOCUMENT"}, {"id": "1", "event": "PROTEST", "text": "They protest."}])
    )
    report = evaluate([gold], extract=lambda text, published: fake_extract(text))
    text = render_report(report)
    assert "P 1.000" in text and "NOTE:" in text
