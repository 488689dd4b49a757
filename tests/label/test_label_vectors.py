"""The headline word vector of the document-label model: which words it reads, how it weighs them, how it is
encoded, and that the shipped GloVe vectors load once and give related words related vectors."""

from __future__ import annotations

import numpy as np
import pytest

from eventwire.errors import DataFileError
from eventwire.label import (
    WordVectors,
    body_names,
    encode,
    feature_counts,
    headline_vector,
    load_label_model,
    load_word_vectors,
)


def toy_vectors() -> WordVectors:
    # rows in frequency order: "government" frequent, "shelled" rare
    vocab = ["the", "government", "shelled", "praises", "town", "mali"]
    vectors = np.array(
        [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0], [0, 1, 1], [1, 0, 1]], dtype=np.float32
    )
    return WordVectors("toy", {w: i for i, w in enumerate(vocab)}, vectors)


def test_body_names_are_words_the_body_only_capitalises():
    assert body_names("Mali said the Army shelled the town. The army left.") == {"mali"}
    assert "army" not in body_names("The Army came. The army left.")


def test_headline_vector_leaves_out_names_and_stop_words_and_weighs_rare_words_more():
    vectors = toy_vectors()
    v = headline_vector("Mali troops moved in.", "Mali shelled the town", vectors, sif=1e-3)
    assert v is not None and abs(float(np.linalg.norm(v)) - 1.0) < 1e-9
    # "mali" is a name (capitalised only in the body), "the" a stop word: "shelled" (row 2) and "town" (row 4)
    assert v[0] == 0.0 and v[2] > v[1]
    assert headline_vector("Troops left Mali.", "The Mali", vectors, sif=1e-3) is None
    # a frequent word weighs less than a rare one
    w = headline_vector("", "government shelled", vectors, sif=1e-3)
    assert w is not None and w[2] > w[1]


def test_vector_features_enter_unscaled_by_log_and_times_vector_scale():
    counts = feature_counts("Body.", "government shelled", vectors=toy_vectors(), sif=1e-3)
    assert {f"g:{i}" for i in range(3)} <= set(counts)
    index = {"g:0": 0, "g:1": 1, "g:2": 2, "h:shelled": 3}
    idx, val = encode(counts, index, 1.0, 2.0)
    got = dict(zip(idx.tolist(), val.tolist(), strict=True))
    assert abs(got[2] - 2.0 * counts["g:2"]) < 1e-12 and got[3] == 1.0
    assert not any(k.startswith("g:") for k in feature_counts("Body.", "government shelled"))


def test_shipped_glove_vectors_load_once_and_relate_words():
    vectors = load_word_vectors()
    assert load_word_vectors() is vectors and vectors.vectors.shape[1] == 50
    row = vectors.index

    def cos(a: str, b: str) -> float:
        x, y = (np.asarray(vectors.vectors[row[w]], dtype=np.float64) for w in (a, b))
        return float(x @ y / np.linalg.norm(x) / np.linalg.norm(y))

    assert cos("shelled", "bombarded") > cos("shelled", "praised")
    assert row["the"] < row["shelled"]  # frequency order


def test_shipped_model_uses_the_headline_vector():
    model = load_label_model()
    assert model.meta.get("word_vectors") == "glove-6b-50d" and "g:0" in model.index
    rows = [model.index[f"g:{i}"] for i in range(50)]
    assert float(np.abs(model.weights[rows]).max()) > 0.1  # the vector carries weight
    assert model.predict("", "President commends neighbour for handling of crisis")[0] == "SUPPORT"


def test_an_unreadable_vectors_file_is_a_data_file_error_naming_it(tmp_path):
    bad = tmp_path / "word_vectors.npz"
    bad.write_bytes(b"not an npz file")
    with pytest.raises(DataFileError) as info:
        load_word_vectors(bad)
    assert str(bad) in str(info.value.source or info.value)
