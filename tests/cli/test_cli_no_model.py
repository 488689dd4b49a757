"""Commands that code nothing load no model: a missing input (not even spaCy is imported), a re-ingest of
unchanged files, a recode with nothing outdated. Each runs in a fresh process, which reports what it loaded."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = """
import json, sys
from eventwire.cli.main import main
code = main(sys.argv[1:])
nlp = sys.modules.get("eventwire.nlp")
loaded = nlp.load_pipeline.cache_info().currsize if nlp else 0
print(json.dumps({"code": code, "spacy": "spacy" in sys.modules, "models": loaded}))
"""


def _probe(*argv: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, timeout=600, check=False
    )
    assert done.stdout.strip(), done.stderr
    return {**json.loads(done.stdout.strip().splitlines()[-1]), "stderr": done.stderr}


def test_missing_input_imports_no_spacy(tmp_path: Path) -> None:
    seen = _probe("extract", str(tmp_path / "nope.html"), "--format", "jsonl")
    assert seen["code"] == 2 and not seen["spacy"] and seen["models"] == 0
    assert "nope.html: no such file" in seen["stderr"] and "failed 1" in seen["stderr"]


@pytest.mark.slow
def test_reingest_of_unchanged_files_and_recode_of_nothing_load_no_model(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.txt").write_text("Egypt hosted talks with Qatar in Cairo on Sunday, officials said.\n")
    (pages / "b.txt").write_text("Russian forces shelled Kharkiv on Sunday, Ukrainian officials said.\n")
    db = str(tmp_path / "e.duckdb")
    first = _probe("ingest", str(pages), "--db", db, "--no-progress")
    assert first["code"] == 0 and first["models"] == 1, first["stderr"]
    again = _probe("ingest", str(pages), "--db", db, "--no-progress")
    assert again["code"] == 0 and "already stored 2" in again["stderr"] and again["models"] == 0
    recode = _probe("recode", "--db", db, "--no-progress")
    assert recode["code"] == 0 and "nothing to re-code" in recode["stderr"] and recode["models"] == 0
