"""``--data`` through the real CLI: a user's ``status_cues.yaml`` and ``chrome.yaml`` change the result, and an
unknown key in them stops the run (exit 2) with the file and the line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.cli.main import main

STORY = (
    "Egypt pondered hosting talks with Qatar in Cairo on Sunday, officials said.\n\n"
    "Tap here for our weekly quiz about the dancing bears of the city\n\n"
    "The talks had stalled last month after a dispute over the release of prisoners.\n"
)


def _extract(tmp_path: Path, capsys, *data: str) -> tuple[int, dict, str]:
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    argv = ["extract", str(story), "--published", "2024-11-10", "--format", "json", "--no-progress"]
    for item in data:
        argv += ["--data", item]
    code = main(argv)
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip() else {}), err


def _pondered(result: dict) -> list[dict]:
    """The events of the story's first sentence (the one the user's status cue is about)."""
    return [e for e in result["events"] if e["evidence"]["text"].startswith("Egypt pondered")]


@pytest.fixture()
def mine(tmp_path: Path) -> Path:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "my_status_cues.yaml").write_text("hypothetical:\n  governors: [ponder]\n", encoding="utf-8")
    (folder / "my_chrome.yaml").write_text(
        "patterns:\n  quiz_teasers:\n    max_words: 20\n    regex: ['^tap here for our weekly quiz\\b']\n",
        encoding="utf-8",
    )
    return folder


def test_user_status_cues_and_chrome_change_the_result(tmp_path: Path, capsys, mine: Path, nlp) -> None:
    code, plain, _ = _extract(tmp_path, capsys)
    assert code == 0
    assert "hypothetical" not in {e["status"] for e in _pondered(plain)} and _pondered(plain)
    assert "weekly quiz" in plain["article"]["text"]

    code, extended, _ = _extract(tmp_path, capsys, str(mine))
    assert code == 0
    assert "hypothetical" in {e["status"] for e in _pondered(extended)}  # "pondered" is now a hypothetical cue
    assert "weekly quiz" not in extended["article"]["text"]
    assert extended["article"]["removed_lines"] == ["Tap here for our weekly quiz about the dancing bears of the city"]
    assert extended["versions"]["knowledge"] != plain["versions"]["knowledge"]
    assert extended["versions"]["lexicon"] == plain["versions"]["lexicon"]


@pytest.mark.parametrize(
    ("name", "text", "where"),
    [
        ("my_status_cues.yaml", "hypothetical:\n  governers: [ponder]\n", "line 2: hypothetical.governers"),
        ("my_chrome.yaml", "nav_words: [a]\npatterns:\n  quiz:\n    regexp: [x]\n", "line 4: patterns.quiz.regexp"),
    ],
)
def test_unknown_key_in_a_user_file_stops_the_run(tmp_path: Path, capsys, name: str, text: str, where: str) -> None:
    bad = tmp_path / name
    bad.write_text(text, encoding="utf-8")
    code, out, err = _extract(tmp_path, capsys, str(bad))
    assert code == 2 and not out
    assert f"{bad}: {where}: unknown key" in err
