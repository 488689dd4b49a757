"""Reading the YAML knowledge files: ``yaml.safe_load``, except that a key given twice in one mapping is an error.

PyYAML keeps the last of two equal keys without a word, so a lexicon entry with two ``requires:`` blocks, or a cue
file with a list named twice, silently loses half of what it says. Every loader of a YAML data file (the lexicon,
``chrome.yaml``, ``attribution.yaml``, the enrichment cues), built-in or the user's own, reads through
``load_yaml_text``; its error is a ``yaml.YAMLError`` naming the key and its line, which each loader already turns
into a ``DataFileError`` naming the file.
"""

from __future__ import annotations

from typing import Any

import yaml

__all__ = ["load_yaml_text"]

_MERGE_TAG = "tag:yaml.org,2002:merge"


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe loader whose mappings refuse a repeated key."""


def _unique_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        if key_node.tag == _MERGE_TAG:
            continue  # "<<: *base" may be overridden by the mapping's own keys
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                "while reading a mapping", node.start_mark, f"key {key!r} given twice", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node, deep=True)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping)


def load_yaml_text(text: str) -> Any:
    """The YAML document in ``text``, as ``yaml.safe_load`` reads it; a repeated key raises ``yaml.YAMLError``."""
    return yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass
