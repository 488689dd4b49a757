"""How far can any line classifier go on the chrome corpus? An upper-bound study, beside eventwire's filter.

The chrome sub-benchmark (``bench/extraction.py chrome``) asks for line precision >= 0.98, recall >= 0.90 and
no article line lost on >= 99% of pages. This script asks whether the text of a page holds enough to get there:
it fits a gradient-boosted classifier *on the corpus itself* (scikit-learn's HistGradientBoostingClassifier,
5-fold cross-validation grouped by page, so a page is never judged by a model that saw it) and prints the
precision, recall and lossless-page share it reaches at several probability thresholds, beside
``remove_chrome`` as shipped. The classifier's evidence per line:

- the filter's own evidence: length, closing punctuation, case, a link label, a phrase, a date stamp, figures,
  a sentence, running text, a paragraph, a headline shape, title case, a chrome.yaml pattern or a section word,
  the structure score, the cohesion with the paragraphs, the share of its words other paragraphs use, a colon,
  a bullet;
- its place: relative position, before the first or after the last paragraph, distance to the nearest one;
- its neighbours: the same few facts for the three lines before and after;
- the shipped filter's decision for the line and its neighbours;
- meaning: the cosine of the line's word vector (GloVe 6B 50-d, shipped for the label model) with the mean of
  the paragraphs' vectors and with its neighbours';
- with ``--lexical``, the line's words and character n-grams too (a logistic regression fitted within each
  training fold, cross-validated again inside it; slow, several minutes).

A classifier fitted in-domain is an optimistic bound for anything shipped, and nothing here is shipped: the
dev pages are for measuring extraction, not for training (``../shared/data/README.md``).

    pip install scikit-learn            # this study only; eventwire does not need it
    python bench/chrome_frontier.py [--lexical] [--forgive-named] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import extraction  # noqa: E402  (the corpus is built by the chrome sub-benchmark)

THRESHOLDS = (0.5, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995)
_VECTOR_WORD = re.compile(r"[a-z]+")


def _line_vectors(lines: list[str]) -> list[np.ndarray | None]:
    """Each line's meaning: the smooth-inverse-frequency weighted mean of its words' GloVe vectors (unit length)."""
    from eventwire.clean import STOP_WORDS
    from eventwire.label import load_word_vectors, sif_vector

    table = load_word_vectors()
    return [
        sif_vector([w for w in _VECTOR_WORD.findall(line.lower()) if w not in STOP_WORDS], table, 1e-3)
        for line in lines
    ]


def case_features(case: list[tuple[str, bool]]) -> tuple[list[list[float]], list[bool]]:
    """The evidence for each line of one case, and the shipped filter's decision (True: removed)."""
    from eventwire import clean as c

    lines = [line for line, _ in case]
    removed = extraction.dropped_lines(case)
    kinds = [c.classify_line(line) for line in lines]
    paragraph = [c._is_anchor(line) and kinds[i] is None for i, line in enumerate(lines)]
    at = [i for i, p in enumerate(paragraph) if p]
    words = [set(c._content_words(line)) for line in lines]
    used = Counter(w for i in at for w in words[i])
    topic = c._topic_words(lines[i] for i in at)
    vectors = _line_vectors(lines)
    centre = sum((vectors[i] for i in at if vectors[i] is not None), np.zeros(50))
    n = len(lines)

    def near(i: int) -> list[float]:
        if not 0 <= i < n:
            return [0.0] * 8
        line = lines[i]
        return [
            1.0,
            math.log1p(len(line.split())),
            float(paragraph[i]),
            float(kinds[i] not in (None, "section")),
            float(c._is_name_like(line)),
            float(c._stays(line)),
            float(removed[i]),
            float(c._looks_like_headline(line)),
        ]

    rows = []
    for i, line in enumerate(lines):
        own = words[i]
        share = sum(used[w] - paragraph[i] > 0 for w in own) / len(own) if own else -1.0
        v = vectors[i]
        rest = centre - (v if paragraph[i] and v is not None else 0)
        similarity = float(v @ rest / np.linalg.norm(rest)) if v is not None and np.linalg.norm(rest) else -2.0
        beside = [float(v @ u) for j in (i - 1, i + 1) if 0 <= j < n and (u := vectors[j]) is not None and v is not None]
        row = [
            math.log1p(len(line.split())),
            float(len(line)),
            float(line.rstrip('"”’)»').endswith((".", "!", "?"))),
            float(bool(re.search(r"[a-z]", line))),
            float(c._is_name_like(line)),
            float(c._reads_as_phrase(line)),
            float(c._is_stamp(line)),
            float(bool(re.search(r"\d", line))),
            float(c._is_sentence(line)),
            float(c._stays(line)),
            float(paragraph[i]),
            float(c._looks_like_headline(line)),
            float(c._is_title_case(line)),
            float(kinds[i] not in (None, "section")),
            float(kinds[i] == "section"),
            c._line_score(line, kinds[i]),
            c._cohesion(line, topic),
            share,
            i / n,
            float(bool(at) and i < at[0]),
            float(bool(at) and i > at[-1]),
            float(min([abs(i - a) for a in at], default=50)),
            float(removed[i]),
            float(line.endswith(":")),
            float(bool(c._BULLET.match(line))),
            similarity,
            max(beside, default=-2.0),
        ]
        for d in (-3, -2, -1, 1, 2, 3):
            row += near(i + d)
        rows.append(row)
    return rows, removed


def _score(pred: np.ndarray, chrome: np.ndarray, page: np.ndarray, counted: np.ndarray) -> dict[str, float]:
    """Line precision and recall of ``pred`` as chrome, and the share of pages that lost no article line; only the
    ``counted`` lines count."""
    pred, chrome, page = pred[counted], chrome[counted], page[counted]
    tp = int((pred & chrome).sum())
    fp = int((pred & ~chrome).sum())
    fn = int((~pred & chrome).sum())
    lost = len(np.unique(page[pred & ~chrome]))
    return {
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "pages_without_loss": 1 - lost / len(np.unique(page)),
    }


def _lexical(lines: list[str], chrome: np.ndarray, page: np.ndarray, train: np.ndarray, test: np.ndarray) -> np.ndarray:
    """Out-of-fold probabilities of a words-and-character-n-grams logistic regression: for the training rows from
    an inner grouped split, for the test rows from a model fitted on all training rows."""
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import HashingVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    words = HashingVectorizer(n_features=2**18, ngram_range=(1, 2), alternate_sign=False)
    chars = HashingVectorizer(n_features=2**18, analyzer="char_wb", ngram_range=(2, 4), alternate_sign=False)
    text = hstack([words.transform(lines), chars.transform(lines)]).tocsr()
    out = np.zeros(len(lines))
    for inner_train, inner_test in GroupKFold(4).split(train, groups=page[train]):
        model = LogisticRegression(C=4, max_iter=2000).fit(text[train[inner_train]], chrome[train[inner_train]])
        out[train[inner_test]] = model.predict_proba(text[train[inner_test]])[:, 1]
    model = LogisticRegression(C=4, max_iter=2000).fit(text[train], chrome[train])
    out[test] = model.predict_proba(text[test])[:, 1]
    return out


def frontier(lexical: bool = False, forgive_named: bool = False) -> dict[str, Any]:
    """The shipped filter and the cross-validated classifier on the corpus. With ``forgive_named``, gold article
    lines that a chrome.yaml pattern names (a photo credit, "Read more: ...", a copyright line: chrome by the
    issue's own list) are left out of the scores."""
    try:
        from sklearn.ensemble import HistGradientBoostingClassifier
        from sklearn.model_selection import GroupKFold
    except ImportError:
        sys.exit("this study needs scikit-learn: pip install scikit-learn")
    from eventwire.clean import classify_line

    features: list[list[float]] = []
    named: list[bool] = []
    shipped: list[bool] = []
    chrome: list[bool] = []
    page: list[int] = []
    lines: list[str] = []
    for number, (_page_id, case) in enumerate(extraction.iter_chrome_cases()):
        rows, removed = case_features(case)
        features += rows
        shipped += removed
        chrome += [is_chrome for _, is_chrome in case]
        page += [number] * len(case)
        lines += [line for line, _ in case]
        named += [classify_line(line) not in (None, "section") for line, _ in case]
    x = np.array(features)
    y = np.array(chrome)
    groups = np.array(page)
    probability = np.zeros(len(y))
    for train, test in GroupKFold(5).split(x, y, groups):
        if lexical:
            extra = _lexical(lines, y, groups, train, test)
            x_train, x_test = np.column_stack([x[train], extra[train]]), np.column_stack([x[test], extra[test]])
        else:
            x_train, x_test = x[train], x[test]
        model = HistGradientBoostingClassifier(max_iter=300, random_state=0).fit(x_train, y[train])
        probability[test] = model.predict_proba(x_test)[:, 1]
    counted = ~(np.array(named) & ~y) if forgive_named else np.ones(len(y), dtype=bool)
    return {
        "pages": len(np.unique(groups)),
        "lines": len(y),
        "shipped_filter": _score(np.array(shipped), y, groups, counted),
        "classifier": {str(t): _score(probability >= t, y, groups, counted) for t in THRESHOLDS},
        "lexical": lexical,
        "forgive_named": forgive_named,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lexical", action="store_true", help="add the line's words and character n-grams (slow)")
    parser.add_argument(
        "--forgive-named",
        action="store_true",
        help="leave out of the scores the gold article lines a chrome.yaml pattern names (credits, 'Read more: ...')",
    )
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    args = parser.parse_args(argv)
    figures = frontier(args.lexical, args.forgive_named)
    print(f"chrome corpus: {figures['pages']} pages, {figures['lines']} lines (5-fold CV grouped by page)")
    print("  system                         precision  recall  pages without loss")
    rows = [("remove_chrome (shipped)", figures["shipped_filter"])]
    rows += [(f"classifier, p >= {t}", x) for t, x in figures["classifier"].items()]
    for name, x in rows:
        print(f"  {name:30s} {x['precision']:9.3f} {x['recall']:7.3f} {x['pages_without_loss']:19.3f}")
    print("  asked by the issue                >= 0.98  >= 0.90              >= 0.99")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
