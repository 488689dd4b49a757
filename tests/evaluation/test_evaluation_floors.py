"""Accuracy floors: the figures README.md reports ("Accuracy and speed"), each guarded by a floor just under it, so a
change that loses accuracy fails CI. Raise a floor when accuracy improves; never lower one without saying why in
the commit.

Every figure is measured through the evaluation API (``eventwire.evaluation``), exactly as ``eventwire evaluate``
reports it. The gold sets live in ../shared (not part of the package); the tests skip without them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from eventwire.evaluation import evaluate, evaluate_file, read_ngec, split_stories
from eventwire.evaluation.ngec import NgecStory, score_ngec
from eventwire.evaluation.report import make_extractor, run_one

# The floors: the measured figure rounded down (measured 2026-12-08 on branch threads).
SEED_MUST = 7  # worked example: must events 7/7
PLOVER_DEV_MICRO_F1 = 0.80  # measured 0.8214 (P 0.798, R 0.847)
NGEC_SUBSET_ACCURACY = (
    0.70  # every NGEC_STEP-th story of the test templates: measured 100/142 = 0.7042 (all 852: 0.7066)
)
NGEC_STEP = 6
VOA_MUST_RECALL = 0.27  # measured 49/175 = 0.280 (was 22/175 before issue 14 work)
VOA_PLOVER_TYPED_MATCHING = 0.24  # measured 119/481 = 0.247 (was 62/396)


def _data(shared_dir: Path, relative: str) -> Path:
    path = shared_dir / relative
    if not path.exists():
        pytest.skip(f"{path} is not there")
    return path


def _ratio(figure: dict[str, Any]) -> str:
    return f"{figure['right']}/{figure['scored']} = {figure['accuracy']}"


def test_worked_example_finds_every_must_event(shared_dir: Path) -> None:
    report = evaluate_file(_data(shared_dir, "examples/seed-article.expected.json"))
    must = report["summary"]["must_recall"]
    assert not report["crashes"]
    assert (must["right"], must["scored"]) == (SEED_MUST, SEED_MUST), report["misses"]


@pytest.mark.slow
def test_plover_dev_micro_f1(shared_dir: Path) -> None:
    report = evaluate_file(_data(shared_dir, "data/plover_gsr_dev/plover_gsr_dev.json"))
    assert report["documents"] == 163 and not report["crashes"]
    assert report["overall"]["f1"] >= PLOVER_DEV_MICRO_F1, report["overall"]


def ngec_subset(stories: list[NgecStory], step: int = NGEC_STEP) -> list[NgecStory]:
    """Every ``step``-th story of the test split, so every test template keeps stories in the subset."""
    return stories[::step]


@pytest.mark.slow
def test_ngec_document_type_on_a_fixed_subset_of_the_test_templates(shared_dir: Path) -> None:
    (path,) = sorted(_data(shared_dir, "data/ngec_synthetic").glob("*.csv.zip"))
    test = split_stories(read_ngec(path), "test")
    stories = ngec_subset(test)
    extract = make_extractor(None)
    runs = [run_one(extract, story.document, None, story.id) for story in stories]
    report = score_ngec(stories, runs)
    assert len(stories) == 142 and report["templates"] == len({s.template for s in test})
    assert not [r.crash for r in runs if r.crash]
    assert report["summary"]["accuracy"]["accuracy"] >= NGEC_SUBSET_ACCURACY, _ratio(
        report["summary"]["accuracy"]
    )


@pytest.mark.slow
def test_voa_dev_must_recall_and_typed_matching(shared_dir: Path) -> None:
    keys = sorted(_data(shared_dir, "data/voa_dev").glob("*.expected.json"))
    totals = evaluate(keys)["totals"]
    summary = totals["summary"]
    assert totals["documents"] == len(keys) >= 38 and not totals["crashes"]
    assert summary["must_recall"]["accuracy"] >= VOA_MUST_RECALL, _ratio(summary["must_recall"])
    typed = summary["plover_typed_matching"]
    assert typed["accuracy"] >= VOA_PLOVER_TYPED_MATCHING, _ratio(typed)
