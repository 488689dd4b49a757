"""Loading the enrich stage's knowledge files (``eventwire/data/*.yaml``), once per process.

Each loader validates the top-level keys it needs and raises :class:`eventwire.errors.DataFileError`
naming the file and key when a file is broken, so a user who edits a cue list learns what went wrong.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..datafile import load_yaml_text
from ..errors import DataFileError


def data_path(name: str) -> Path:
    """The path of a built-in data file in ``eventwire/data``."""
    return Path(str(resources.files("eventwire") / "data" / name))


@lru_cache(maxsize=16)
def load_yaml(name: str, required: tuple[str, ...] = ()) -> dict[str, Any]:
    """Read a built-in YAML data file, checking that each key in ``required`` is there."""
    path = data_path(name)
    try:
        table = load_yaml_text(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise DataFileError(f"cannot read {path}: {exc}", source=str(path)) from exc
    except yaml.YAMLError as exc:
        raise DataFileError(f"invalid YAML: {exc}", source=str(path)) from exc
    if not isinstance(table, dict):
        raise DataFileError("the file must hold a mapping at the top level", source=str(path))
    for key in required:
        if key not in table:
            raise DataFileError(f"missing key {key!r}", source=str(path))
    return table


def word_set(table: dict[str, Any], *keys: str, source: str) -> frozenset[str]:
    """The lower-cased list at ``table[k1][k2]...`` as a frozenset (a missing key is an error)."""
    node: Any = table
    for key in keys:
        if not isinstance(node, dict) or key not in node:
            raise DataFileError(f"missing key {'.'.join(keys)!r}", source=source)
        node = node[key]
    if not isinstance(node, list) or not all(isinstance(v, str) for v in node):
        raise DataFileError(f"key {'.'.join(keys)!r} must be a list of strings", source=source)
    return frozenset(v.lower() for v in node)
