"""A few hundred generated malformed inputs (the fast kinds of bench/fuzz.py) through the readers and the
per-document function: every one ends as a result or a clean error, none raises, none runs past its budget."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
COUNT = 250
SEED = 13


def _fuzz() -> ModuleType:
    spec = importlib.util.spec_from_file_location("eventwire_bench_fuzz", ROOT / "bench" / "fuzz.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def fuzz() -> ModuleType:
    return _fuzz()


def test_the_corpus_is_reproducible_from_its_seed(fuzz: ModuleType) -> None:
    first = [(c.kind, c.name, c.payload, json.dumps(c.api, default=str)) for c in fuzz.generate(5, 60)]
    again = [(c.kind, c.name, c.payload, json.dumps(c.api, default=str)) for c in fuzz.generate(5, 60)]
    other = [(c.kind, c.name, c.payload, json.dumps(c.api, default=str)) for c in fuzz.generate(6, 60)]
    assert first == again and first != other
    assert len({kind for kind, *_ in first}) >= 8


def test_fast_fuzz_cases_end_cleanly(fuzz: ModuleType, nlp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    outcomes = [fuzz.run_case(case, tmp_path) for case in fuzz.generate(SEED, COUNT, kinds=fuzz.FAST_KINDS)]
    summary = fuzz.summarize(outcomes)
    assert summary["inputs"] == COUNT
    assert summary["failures"] == [], summary["failures"][:3]  # no uncaught, no internal error, none over budget
    assert summary["clean_errors"] > 50 and summary["coded"] > 50  # the corpus holds both kinds
