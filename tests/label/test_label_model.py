"""The learned second opinion: the shipped weights, their file format, and how the scorer uses the label."""

from __future__ import annotations

import numpy as np
import pytest
from labelkit import ev

from eventwire.errors import DataFileError
from eventwire.evaluation.ngec import NgecStory, document_label, score_ngec
from eventwire.evaluation.report import Run
from eventwire.label import (
    MODEL_PATH,
    LabelModel,
    char_grams,
    feature_counts,
    headline_votes,
    label_document,
    load_label_model,
    read_label_model,
    save_label_model,
    split_headline,
)
from eventwire.model import Article, DocumentLabel, DocumentResult
from eventwire.pipeline import headline_events

PLOVER_TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "SANCTION", "PROTEST", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip


def tiny_model() -> LabelModel:
    index = {"h:attack": 0, "b:talks": 1, "r:(none)": 2}
    weights = np.array([[0.0, 4.0], [4.0, 0.0], [0.0, 0.0]], dtype=np.float32)
    return LabelModel("tiny", ("CONSULT", "ASSAULT"), index, weights, np.zeros(2, dtype=np.float32))


def test_features_read_headline_body_and_rule_votes():
    counts = feature_counts("Talks went on. Talks ended.", "Army attack near border")
    assert counts["h:attack"] == 1 and counts["h:attack near"] == 1 and counts["b:talks"] == 2
    assert counts["b:attack"] == 1 and counts["r:(none)"] == 1.0
    assert split_headline("Headline here\nBody text.") == ("Headline here", "Body text.")
    assert split_headline("Body only.", "A title") == ("A title", "Body only.")


def test_features_read_headline_event_types_and_character_grams():
    head = headline_votes([ev("ASSAULT")])
    counts = feature_counts("Talks went on.", "Troops shelled the town", head + [ev("CONSULT")], chars=True)
    assert counts["e:ASSAULT"] == 1.0 and "e:CONSULT" not in counts  # only the headline's own events
    assert counts["r:ASSAULT"] > counts["r:CONSULT"]  # the headline's vote outweighs the body's
    assert counts["c:<she"] == 1.0 and counts["c:led>"] == 1.0
    assert not any(k.startswith("c:") for k in feature_counts("x", "Troops shelled the town"))
    assert char_grams("war") == ["<wa", "war", "ar>", "<war", "war>", "<war>"]


def test_round_trip_and_prediction(tmp_path):
    path = tmp_path / "m.npz"
    save_label_model(tiny_model(), path)
    model = read_label_model(path)
    assert model.classes == ("CONSULT", "ASSAULT") and model.name == "tiny"
    assert model.predict("Nothing here.", "Rebels attack town")[0] == "ASSAULT"
    assert model.predict("The talks resumed.", "Leaders meet")[0] == "CONSULT"
    proba = model.proba("x", "y")
    assert abs(sum(proba.values()) - 1.0) < 1e-6


def test_broken_model_files_raise_typed_errors(tmp_path):
    with pytest.raises(DataFileError, match="missing.npz"):
        read_label_model(tmp_path / "missing.npz")
    junk = tmp_path / "junk.npz"
    junk.write_bytes(b"not a numpy archive")
    with pytest.raises(DataFileError):
        read_label_model(junk)
    bad = tmp_path / "bad.npz"
    model = tiny_model()
    model.bias = np.zeros(3, dtype=np.float32)
    save_label_model(model, bad)
    with pytest.raises(DataFileError, match="shapes"):
        read_label_model(bad)


def test_shipped_model_is_small_loads_once_and_knows_plover():
    assert MODEL_PATH.stat().st_size <= 20_000_000
    model = load_label_model()
    assert load_label_model() is model
    assert set(model.classes) <= PLOVER_TYPES and len(model.classes) == 16
    assert "NGEC" in str(model.meta["trained_on"]) and "train-split" in str(model.meta["trained_on"])
    # as the pipeline asks it: with the votes of the headline's own events (the model weighs them)
    title, text = "Rebels attack army base, killing 12 soldiers", "The army said the base was hit at dawn."
    (head,) = headline_events([Article(id="m", title=title, text=text)])
    assert model.predict(text, title, headline_votes(head))[0] == "ASSAULT"


def test_label_document_lets_the_model_decide_without_typed_events():
    result = DocumentResult(
        document_id="d",
        status="ok",
        article=Article(id="d", text="Nothing was coded here.", title="Rebels attack town"),
    )
    label = label_document(result, tiny_model())
    assert label == DocumentLabel(plover="ASSAULT", confidence=label.confidence, by="model:tiny")


def test_scorer_uses_result_label_when_set():
    story = NgecStory(id="row-1", template="T", headline="h", text="t", label="AID")
    result = DocumentResult(document_id="d", status="ok", label=DocumentLabel("AID", 0.9, "model:m"))
    assert document_label(result) is result.label
    report = score_ngec([story], [Run(result)])
    assert report["summary"]["accuracy"]["accuracy"] == 1.0
    assert report["summary"]["decided_by_model:m"] == {"right": 1, "scored": 1, "accuracy": 1.0}
