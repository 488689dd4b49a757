"""The store's commands in-process: output formats, summaries, exit codes and messages (no tracebacks)."""

from __future__ import annotations

import json

import pytest
from storekit import actor, event, result, story_text, write_jsonl

from eventwire.cli.main import main


@pytest.fixture()
def db(tmp_path):
    results = [
        result(
            f"https://a.com/{i}",
            story_text(i),
            [
                event(
                    "e1",
                    sentence=f"Russian forces shelled Kyiv {i}",
                    source=actor("RUS", "MIL"),
                    target=actor("UKR"),
                    date=f"2024-0{1 + i % 3}-10",
                )
            ],
        )
        for i in range(6)
    ]
    results.append(result("https://a.com/bad", "x", status="failed", reason="a.html: not UTF-8"))
    path = write_jsonl(tmp_path / "r.jsonl", results)
    db = tmp_path / "cli.duckdb"
    assert main(["ingest", "--from-results", str(path), "--db", str(db), "--no-progress"]) == 1  # one failed
    return db


def test_ingest_summary_and_rerun(db, tmp_path, capsys):
    capsys.readouterr()
    path = tmp_path / "r.jsonl"
    assert main(["ingest", "--from-results", str(path), "--db", str(db), "--no-progress"]) == 1
    err = capsys.readouterr().err
    assert "read 7, coded 0" in err and "already stored 6" in err and "failed 1" in err and "not UTF-8" in err


def test_query_formats(db, capsys):
    capsys.readouterr()
    assert main(["query", "--db", str(db), "--group-by", "month", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == [
        {"month": "2024-01", "events": 1, "reports": 2},
        {"month": "2024-02", "events": 1, "reports": 2},
        {"month": "2024-03", "events": 1, "reports": 2},
    ]
    assert main(["query", "--db", str(db), "--source", "Russia", "--format", "jsonl"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3 and all(json.loads(line)["mentions"] == 2 for line in lines)
    assert main(["query", "--db", str(db), "--text", "shelled", "--format", "csv", "--limit", "1"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("canonical_id,date,") and len(out) == 2
    assert main(["query", "--db", str(db), "--group-by", "type"]) == 0
    assert "ASSAULT" in capsys.readouterr().out


def test_export_and_stats(db, tmp_path, capsys):
    capsys.readouterr()
    assert main(["export", "--db", str(db), "--format", "plover-json", "--type", "ASSAULT"]) == 0
    out = capsys.readouterr()
    assert len(out.out.splitlines()) == 6 and "exported 6 rows" in out.err
    assert main(["export", "--db", str(db), "--format", "parquet"]) == 3
    assert "needs a file" in capsys.readouterr().err
    assert main(["stats", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "canonical events" in out and "by month" in out and "2024-02" in out


def test_errors_are_messages_with_exit_codes(tmp_path, capsys):
    missing = str(tmp_path / "none.duckdb")
    assert main(["query", "--db", missing]) == 3
    assert main(["stats", "--db", missing]) == 3
    err = capsys.readouterr().err
    assert "E400" in err and "Traceback" not in err
    bad = tmp_path / "bad.jsonl"
    bad.write_text("[1, 2]\n")
    assert main(["ingest", "--from-results", str(bad), "--db", str(tmp_path / "x.duckdb")]) == 2
    assert "line 1 is not a DocumentResult" in capsys.readouterr().err
    assert main(["ingest", "--db", str(tmp_path / "x.duckdb")]) == 2
    assert "nothing to ingest" in capsys.readouterr().err
