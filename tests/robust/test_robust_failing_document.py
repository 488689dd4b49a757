"""One document whose processing raises becomes that document's failure; the batch goes on.

The failure is injected the way a real bug would show: a stage of the pipeline (``event_quantities``, the quantity
stage) is replaced, in the process that runs the real CLI, by one that raises ``ZeroDivisionError`` on the sentence
of one article, as a bug set off by that article's text would. The CLI runs in a subprocess through a small
launcher that patches the stage and calls ``eventwire.cli.main.main``: every other line of the run is the real one.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from eventwire.errors import InternalError
from eventwire.model import RawDocument

ROOT = Path(__file__).resolve().parents[2]
MARKER = "Zanzibar"  # the word the patched stage raises on
GOOD = "Police arrested 200 protesters in Dhaka on Monday, the interior ministry said."
BAD = f"Police arrested 40 protesters in {MARKER} on Monday, the interior ministry said."

LAUNCHER = f'''
import sys
import eventwire.pipeline as pipeline

real = pipeline.event_quantities


def broken(trigger, **kwargs):
    if {MARKER!r} in trigger.sent.text:
        return 1 // 0
    return real(trigger, **kwargs)


pipeline.event_quantities = broken
from eventwire.cli.main import main

sys.exit(main(sys.argv[1:]))
'''


def _inputs(tmp_path: Path) -> list[str]:
    names = []
    for i, text in enumerate((GOOD, GOOD.replace("Dhaka", "Nairobi"), BAD, GOOD.replace("200", "300"))):
        path = tmp_path / f"story-{i}.txt"
        path.write_text(text + "\n", encoding="utf-8")
        names.append(str(path))
    return names


def test_cli_batch_goes_on_past_a_failing_document(tmp_path: Path) -> None:
    launcher = tmp_path / "launch.py"
    launcher.write_text(LAUNCHER, encoding="utf-8")
    inputs = _inputs(tmp_path)
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}
    run = subprocess.run(
        [sys.executable, str(launcher), "--verbose", "extract", *inputs, "--format", "jsonl", "--no-progress"],
        capture_output=True, text=True, env=env, timeout=600, check=False,
    )  # fmt: skip
    assert run.returncode == 1, run.stderr  # some documents failed
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    assert [r["status"] for r in lines] == ["ok", "ok", "failed", "ok"]  # every document, in order
    assert lines[2]["reason"].startswith("[E900]") and "ZeroDivisionError" in lines[2]["reason"]
    assert "traceback" not in lines[2]
    problem = [line for line in run.stderr.splitlines() if line.startswith("eventwire: failed")]
    assert len(problem) == 1 and inputs[2] in problem[0] and "ZeroDivisionError" in problem[0]
    assert "Traceback (most recent call last)" in run.stderr  # --verbose
    assert "eventwire: read 4, coded 3, skipped 0, failed 1 (internal error: 1)" in run.stderr


def test_process_raws_isolates_the_failing_document(monkeypatch: pytest.MonkeyPatch) -> None:
    import eventwire.pipeline as pipeline

    real = pipeline.event_quantities

    def broken(trigger, **kwargs):  # type: ignore[no-untyped-def]
        if MARKER in trigger.sent.text:
            raise KeyError("a bug")
        return real(trigger, **kwargs)

    monkeypatch.setattr(pipeline, "event_quantities", broken)
    raws = [RawDocument(source=f"doc-{i}", content=text) for i, text in enumerate((GOOD, BAD, GOOD))]
    results = pipeline.process_raws(raws)
    assert [r.status for r in results] == ["ok", "failed", "ok"]
    assert results[1].reason is not None and results[1].reason.startswith("[E900] doc-1: KeyError in ")
    assert results[1].traceback and "KeyError" in results[1].traceback
    assert "traceback" not in results[1].to_dict()
    assert results[0].events and results[2].events


def test_run_with_workers_reports_the_failure_of_its_document(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import eventwire.pipeline as pipeline

    def broken(trigger, **kwargs):  # type: ignore[no-untyped-def]
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(pipeline, "event_quantities", broken)  # the forked workers inherit it
    results = list(pipeline.run(_inputs(tmp_path)[:2], workers=2))
    assert [r.status for r in results] == ["failed", "failed"]
    assert all("RecursionError" in (r.reason or "") for r in results)


def test_internal_error_reason_is_one_line() -> None:
    try:
        raise ValueError("first line\nsecond line " + "x" * 500)
    except ValueError as exc:
        error = InternalError.wrap(exc, "page.html")
    assert "\n" not in str(error) and len(str(error)) < 400
    assert str(error).startswith("[E900] page.html: ValueError: first line second line xxx")  # raised outside eventwire
    assert error.code == "E900" and error.traceback and "second line" in error.traceback
