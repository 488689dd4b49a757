"""Config takes what a JSON body or a TOML file gives: lists, and a bare string for a one-item list."""

from __future__ import annotations

from pathlib import Path

from eventwire.config import Config, load_config


def test_config_accepts_lists_and_stays_hashable() -> None:
    config = Config(data=["a/lexicon.yaml", "b/"], languages=["en", "de"])
    assert config.data == ("a/lexicon.yaml", "b/")
    assert config.languages == ("en", "de")
    assert hash(config) == hash(Config(data=("a/lexicon.yaml", "b/"), languages=("en", "de")))


def test_config_bare_string_and_path_are_one_item() -> None:
    assert Config(data="extra/").data == ("extra/",)
    assert Config(data=[Path("extra")]).data == ("extra",)


def test_config_digest_same_for_list_and_tuple() -> None:
    assert Config(data=["x"]).digest() == Config(data=("x",)).digest()


def test_load_config_from_toml_list(tmp_path: Path) -> None:
    path = tmp_path / "eventwire.toml"
    path.write_text('data = ["one", "two"]\n', encoding="utf-8")
    assert load_config(path).data == ("one", "two")
