"""The per-document function is safe to share: the same output sequentially, from threads and from processes.

Stages run the components they need on their own Docs (``eventwire.nlp.run_components``) and never switch
components of the one shared spaCy pipeline on or off; its inputs and outputs are plain, picklable values.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import pickle
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import pytest
from spacy.language import Language

from eventwire.config import DEFAULT, Config
from eventwire.errors import ConfigError
from eventwire.model import DocumentResult, RawDocument
from eventwire.nlp import parse_article, sentence_bounds
from eventwire.pipeline import load_resources, process_raw
from eventwire.readers import read_document

PAGES = 40
TEXT = (
    "KYIV, Nov 10 (Reuters) - Russian forces shelled Kharkiv on Monday, killing three people, Ukraine's military "
    "said.\nThe United States asked Russia to withdraw its troops.\nPresident Zelenskiy met the Polish prime "
    'minister in Warsaw. "We will not give up," he said.'
)


def _coded(raw: RawDocument) -> str:
    """One document through the real cleaner and coder, as canonical JSON."""
    return json.dumps(process_raw(raw).to_dict(), sort_keys=True)


def _pages(shared_dir: Path) -> list[RawDocument]:
    folder = shared_dir / "data" / "article_extraction_dev" / "html"
    paths = sorted(folder.glob("*.html.gz"))[:PAGES]
    if len(paths) < PAGES:
        pytest.skip(f"{folder} holds fewer than {PAGES} pages")
    return [read_document(path) for path in paths]


@pytest.mark.slow
def test_threads_and_processes_code_as_a_sequential_run(shared_dir: Path) -> None:
    raws = _pages(shared_dir)
    load_resources(DEFAULT)  # before the pool forks, as ``run`` does
    sequential = [_coded(raw) for raw in raws]
    with ThreadPoolExecutor(max_workers=4) as pool:
        threaded = list(pool.map(_coded, raws))
    context = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else None
    with ProcessPoolExecutor(max_workers=2, mp_context=context) as pool:
        pooled = list(pool.map(_coded, raws))
    results = [json.loads(s) for s in sequential]
    assert [r["status"] for r in results].count("failed") == 0, [r["reason"] for r in results]
    assert sum(len(r["events"]) for r in results) >= 100  # the comparison is over real output
    assert [r.name for r, a, b in zip(raws, sequential, threaded, strict=True) if a != b] == []
    assert [r.name for r, a, b in zip(raws, sequential, pooled, strict=True) if a != b] == []


def test_coding_never_reconfigures_the_shared_pipeline(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Switching components on or off changes what every other thread's ``nlp.pipe`` runs at that moment."""
    load_resources(DEFAULT)
    before = (list(nlp.pipe_names), list(nlp.disabled))

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a stage reconfigured the shared spaCy pipeline")

    for method in ("select_pipes", "disable_pipe", "disable_pipes", "enable_pipe"):
        monkeypatch.setattr(Language, method, refuse)
    result = process_raw(RawDocument(source="<text>", content=TEXT, published="2024-11-10"))
    assert result.status == "ok" and result.events
    assert sentence_bounds(nlp, TEXT)[:2] == [0, TEXT.index("Russian")]
    doc = parse_article(nlp, TEXT, lambda sentence: "shelled" in sentence)
    assert any(t.dep_ == "nsubj" for t in doc) and any(t.pos_ == "" for t in doc)
    assert (list(nlp.pipe_names), list(nlp.disabled)) == before


def test_document_result_pickles_and_round_trips_through_json() -> None:
    result = process_raw(RawDocument(source="<text>", content=TEXT, published="2024-11-10"))
    assert result.status == "ok" and result.events and result.quotes
    assert pickle.loads(pickle.dumps(result)) == result
    text = json.dumps(result.to_dict(), allow_nan=False)  # strict JSON
    assert DocumentResult.from_dict(json.loads(text)) == result


def test_config_accepts_lists_as_a_json_body_gives_them() -> None:
    config = Config(data=[], languages=["en"])
    assert config == DEFAULT and hash(config) == hash(DEFAULT)
    assert Config(data=["a.yaml", "b"]).data == ("a.yaml", "b")
    assert pickle.loads(pickle.dumps(config)) == config
    assert Config(data="a.yaml").data == ("a.yaml",)  # type: ignore[arg-type] - a bare value is one item
    with pytest.raises(ConfigError, match="bad value"):
        Config(data=3)  # type: ignore[arg-type]
