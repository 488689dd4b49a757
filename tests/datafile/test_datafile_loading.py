"""The one validated path of the YAML knowledge files: libyaml, unknown and repeated keys named with file and
line, the user's cue and chrome files laid over the built-in ones, content versions, the compiled cache."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
import yaml

from eventwire import cache, datafile
from eventwire.clean import load_chrome_rules
from eventwire.config import Config
from eventwire.datafile import LineMap, data_scope, load_yaml_text, merge
from eventwire.enrich.status import load_status_cues
from eventwire.enrich.time import load_time_cues
from eventwire.errors import DataFileError
from eventwire.lexicon import lexicon_files
from eventwire.versions import check_data_files, knowledge_files, versions


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_libyaml_loader_when_available() -> None:
    if getattr(yaml, "__with_libyaml__", False):
        assert issubclass(datafile._Loader, yaml.CSafeLoader)
    table = load_yaml_text("a: 1\nb:\n  c: [x]\n")
    assert isinstance(table, LineMap) and table.lines == {"a": 1, "b": 2} and table["b"].lines == {"c": 3}


def test_repeated_key_names_the_line(tmp_path: Path) -> None:
    path = _write(tmp_path / "my_status_cues.yaml", "speech_verbs: [say]\nnegated:\n  neg: [no]\nspeech_verbs: [x]\n")
    with pytest.raises(DataFileError, match=r"my_status_cues\.yaml.*'speech_verbs' given twice.*line 4"):
        check_data_files(Config(data=(str(path),)))


def test_unknown_key_in_status_cues_names_file_line_and_key(tmp_path: Path) -> None:
    path = _write(tmp_path / "my_status_cues.yaml", "# mine\nhypothetical:\n  governers: [ponder]\n")
    with pytest.raises(DataFileError) as info:
        check_data_files(Config(data=(str(path),)))
    message = str(info.value)
    assert "my_status_cues.yaml: line 3: hypothetical.governers: unknown key" in message
    assert "governors" in message  # the known keys are listed


def test_unknown_key_in_chrome_names_file_line_and_key(tmp_path: Path) -> None:
    _write(tmp_path / "site_chrome.yaml", "patterns:\n  quiz:\n    max_words: 9\n    regexp: [x]\n")
    with pytest.raises(DataFileError, match=r"site_chrome\.yaml: line 4: patterns\.quiz\.regexp: unknown key"):
        check_data_files(Config(data=(str(tmp_path),)))


def test_unknown_top_level_key_in_a_user_lexicon(tmp_path: Path) -> None:
    from eventwire.lexicon import load_lexicon

    path = _write(tmp_path / "mine.lexicon.yaml", "entries: []\nentires: []\n")
    with pytest.raises(DataFileError, match=r"mine\.lexicon\.yaml: line 2: unknown key 'entires'"):
        load_lexicon((str(path),))


def test_user_cues_extend_the_built_in_ones_only_in_their_scope(tmp_path: Path) -> None:
    _write(tmp_path / "my_status_cues.yaml", "hypothetical:\n  governors: [ponder]\n")
    _write(tmp_path / "my_time_cues.yaml", "vague:\n  - 'in\\s+the\\s+fullness\\s+of\\s+time'\n")
    assert "ponder" not in load_status_cues().hypothetical_governors
    with data_scope([str(tmp_path)]):
        cues = load_status_cues()
        assert "ponder" in cues.hypothetical_governors and "consider" in cues.hypothetical_governors
        assert load_time_cues().vague.search("done in the fullness of time")
    assert "ponder" not in load_status_cues().hypothetical_governors
    assert not load_time_cues().vague.search("done in the fullness of time")


def test_user_chrome_adds_a_pattern_kind(tmp_path: Path) -> None:
    _write(tmp_path / "my_chrome.yaml", "patterns:\n  quiz:\n    max_words: 12\n    regex: ['^take our quiz\\b']\n")
    assert "quiz" not in {kind.name for kind in load_chrome_rules().kinds}
    with data_scope([str(tmp_path)]):
        rules = load_chrome_rules()
    built_in = load_chrome_rules()
    assert {kind.name for kind in rules.kinds} == {kind.name for kind in built_in.kinds} | {"quiz"}


def test_merge_adds_list_items_merges_mappings_replaces_scalars() -> None:
    base = load_yaml_text("a: [x, y]\nb: {c: 1, d: [p]}\ne: 5\n")
    extra = load_yaml_text("a: [y, z]\nb: {d: [q]}\ne: 6\n")
    assert merge(base, extra) == {"a": ["x", "y", "z"], "b": {"c": 1, "d": ["p", "q"]}, "e": 6}
    assert base["a"] == ["x", "y"]  # unchanged


def test_versions_are_digests_of_the_loaded_files(tmp_path: Path) -> None:
    plain = versions(Config())
    assert len(plain.lexicon) == 12 and len(plain.knowledge) == 12
    _write(tmp_path / "my_status_cues.yaml", "hypothetical:\n  governors: [ponder]\n")
    with_cues = versions(Config(data=(str(tmp_path),)))
    assert with_cues.lexicon == plain.lexicon and with_cues.knowledge != plain.knowledge
    assert tmp_path / "my_status_cues.yaml" in knowledge_files((str(tmp_path),))
    lexicon_dir = tmp_path / "lex"
    lexicon_dir.mkdir()
    _write(lexicon_dir / "my_lexicon.yaml", "[]\n")
    with_lexicon = versions(Config(data=(str(lexicon_dir),)))
    assert with_lexicon.lexicon != plain.lexicon and with_lexicon.knowledge == plain.knowledge
    assert lexicon_files((str(lexicon_dir),))[-1].name == "my_lexicon.yaml"


def test_cache_reads_what_it_wrote_and_rebuilds_a_corrupt_entry(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("EVENTWIRE_CACHE_DIR", str(tmp_path))
    built: list[int] = []

    def build() -> dict[str, int]:
        built.append(1)
        return {"n": len(built)}

    assert cache.cached("thing", "abc", build) == {"n": 1}
    assert cache.cached("thing", "abc", build) == {"n": 1} and len(built) == 1  # read back
    assert cache.cached("thing", "other", build) == {"n": 2}  # another digest, another entry
    for entry in tmp_path.glob("thing-*.pickle"):
        entry.write_bytes(b"not a pickle")
    assert cache.cached("thing", "abc", build) == {"n": 3}  # corrupt: built again and stored
    assert cache.cached("thing", "abc", build) == {"n": 3} and len(built) == 3  # the rebuilt entry is read
    assert {"n": 3} in [pickle.loads(p.read_bytes()) for p in tmp_path.glob("thing-*.pickle") if p.read_bytes()[:1] == b"\x80"]
    assert not list(tmp_path.glob(".thing-*.tmp"))


def test_cache_unwritable_or_off_still_builds(tmp_path: Path, monkeypatch) -> None:
    blocker = _write(tmp_path / "file", "x")
    monkeypatch.setenv("EVENTWIRE_CACHE_DIR", str(blocker / "below"))  # a directory inside a file
    assert cache.cached("thing", "abc", lambda: 7) == 7
    monkeypatch.setenv("EVENTWIRE_CACHE_DIR", "off")
    assert cache.cache_dir() is None and cache.cached("thing", "abc", lambda: 8) == 8
    monkeypatch.delenv("EVENTWIRE_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "eventwire"
