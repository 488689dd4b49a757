"""NGEC synthetic stories: template split, document type, scorer."""

from __future__ import annotations

import csv
import io
import zipfile

from evaluation_records import event, result

from eventwire.evaluation.ngec import (
    NgecStory,
    document_type,
    heldout_templates,
    read_ngec,
    score_ngec,
    split_stories,
)
from eventwire.evaluation.report import Run


def story(i: int, template: str, label: str) -> NgecStory:
    return NgecStory(id=f"row-{i}", template=template, headline=f"h{i}", text="t", label=label)


def test_split_is_by_template_and_deterministic():
    stories = [story(i, f"T{i % 30}", "AID") for i in range(300)]
    test, train = split_stories(stories, "test"), split_stories(stories, "train")
    assert len({s.template for s in test}) == 6  # 20% of 30 templates
    assert not {s.template for s in test} & {s.template for s in train}
    assert len(test) + len(train) == 300 and split_stories(stories, "all") == stories
    assert heldout_templates([f"T{i}" for i in range(30)]) == heldout_templates(
        [f"T{i}" for i in reversed(range(30))]
    )
    assert split_stories(list(reversed(stories)), "test") == list(reversed(test))


def test_document_type_rule():
    assert document_type(None) is None
    assert document_type(result([event(None, "010")])) is None
    events = [
        event("ACCUSE", "111", sentence_index=2, confidence=0.9),
        event("ASSAULT", "190", sentence_index=0, confidence=0.4),
        event("PROTEST", "140", sentence_index=0, confidence=0.8),
    ]
    assert document_type(result(events)) == "PROTEST"  # earliest sentence, then confidence
    tied = [
        event("AID", "070", sentence_index=1),
        event("SUPPORT", "051", sentence_index=1),
        event("SUPPORT", "051", sentence_index=3),
    ]
    assert document_type(result(tied)) == "SUPPORT"  # then frequency
    negated = [
        event("ASSAULT", "190", sentence_index=0, status="negated"),
        event("AID", "070", sentence_index=1),
    ]
    assert document_type(result(negated)) == "AID"
    assert document_type(result(negated[:1])) == "ASSAULT"


def test_score():
    stories = [story(1, "A", "AID"), story(2, "B", "ASSAULT"), story(3, "C", "PROTEST")]
    runs = [
        Run(result([event("AID", "070")])),
        Run(result([event("PROTEST", "140")])),
        Run(None, {"id": "row-3", "error": "X", "message": "", "where": None}),
    ]
    report = score_ngec(stories, runs)
    assert report["summary"]["accuracy"] == {"right": 1, "scored": 3, "accuracy": 0.3333}
    assert report["summary"]["coverage"]["right"] == 2
    assert report["confusion"] == {"AID": {"AID": 1}, "ASSAULT": {"PROTEST": 1}, "PROTEST": {"(none)": 1}}
    assert report["per_type"]["PROTEST"] == {
        "tp": 0,
        "fp": 1,
        "fn": 1,
        "precision": 0.0,
        "recall": 0.0,
        "f1": 0.0,
    }
    assert len(report["misses"]) == 2


def test_read_zipped_csv(tmp_path):
    buf = io.StringIO()
    writer = csv.DictWriter(
        buf, fieldnames=["disclaimer", "text", "title", "source", "prompt", "label", "mode"]
    )
    writer.writeheader()
    writer.writerow(
        {
            "text": "Story.",
            "title": "{country_1} acts",
            "prompt": "Haiti acts\n\n(Reuters) --",
            "label": "aid",
            "mode": "",
        }
    )
    path = tmp_path / "s.csv.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("s.csv", buf.getvalue())
    (s,) = read_ngec(path)
    assert (s.template, s.headline, s.label, s.mode) == ("{country_1} acts", "Haiti acts", "AID", None)
    assert s.document == "Haiti acts\n\nStory."


def test_real_file(shared_dir):
    (path,) = sorted((shared_dir / "data/ngec_synthetic").glob("*.csv.zip"))
    stories = read_ngec(path)
    assert len(stories) == 4500 and len({s.template for s in stories}) == 332
    test = split_stories(stories, "test")
    assert len({s.template for s in test}) == round(0.2 * 332)
    assert not {s.template for s in test} & {s.template for s in split_stories(stories, "train")}
