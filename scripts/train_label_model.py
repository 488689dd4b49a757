"""Train eventwire's document-label model (the learned second opinion of ``eventwire.label``) and report it.

Trains ONLY on the train-split templates of the NGEC synthetic stories (synthetic news, pseudo-labels from the
generating headline; MIT), split by headline template exactly as ``eventwire evaluate`` splits them. Everything is
deterministic: the vocabulary is sorted, the cross-validation folds come from SHA-1 of the template, and the
optimiser (L-BFGS from scipy, full batch, float64, zero start) has no randomness. The headline word vectors are
the shipped GloVe 6B 50-d subset, ``eventwire/models/word_vectors.npz`` (``scripts/build_word_vectors.py``; see
``eventwire.label``). Needs the ``train`` extra (scipy): ``pip install -e '.[train]'``.

    python scripts/train_label_model.py ../shared/data/ngec_synthetic/gpt_synthetic_events_2023-10-19_19.csv.zip \
        --results /tmp/ngec_results.jsonl

runs eventwire over every story (about 0.2 s a story; or reads the JSONL cache when it exists: the model reads what
the pipeline gives it at run time, ``Article.title``, ``Article.text`` and the rule's votes over the events), codes
every headline as the pipeline does for the label (cached beside it as ``<results>.headlines.jsonl``), picks the
hyper-parameters (``GRID``: the L2 penalty, the headline words' scale, the headline word vector's scale,
class-balanced weights or not; the previous model's setting is scored too) by 5-fold cross-validation grouped by
template over the train templates (in ``--workers`` processes), writes src/eventwire/models/label_model.npz, reports the rule weights and
the combination policy that the train split (out-of-fold model probabilities) favours, and prints rules alone,
model alone and the combination on the test split, with the combination's confusion. The test split is printed
only; no choice is made on it.

No figure printed here is accuracy on real news: the stories are synthetic and their labels are pseudo-labels.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy import optimize, sparse

from eventwire.evaluation.ngec import NgecStory, heldout_templates, read_ngec
from eventwire.label import (
    DEFAULT_POLICY,
    DEFAULT_WEIGHTS,
    MODEL_PATH,
    LabelModel,
    Policy,
    RuleWeights,
    combine,
    encode,
    feature_counts,
    headline_votes,
    label_by_rules,
    load_word_vectors,
    save_label_model,
)
from eventwire.model import DocumentResult, Event, from_dict, to_dict

CAVEAT = "NGEC synthetic stories (not real news; labels are pseudo-labels from the generating headline)"
FOLDS = 5
# a feature must occur in stories of at least this many train templates (no words of one template only)
MIN_TEMPLATES = 2
NAME = "ngec-logreg-3"
POLICY_TOLERANCE = 0.005


# ---------------------------------------------------------------------------------------------- model


@dataclass(slots=True)
class Doc:
    """One story as the model sees it at run time: eventwire's cleaned title and text, and the events that vote
    (the headline's, at sentence index ``HEADLINE``, then the body's)."""

    id: str
    template: str
    label: str
    title: str | None
    text: str
    events: list[Event]

    def counts(self, point: Point) -> dict[str, float]:
        vectors = load_word_vectors() if point.vectors else None
        return feature_counts(self.text, self.title, self.events, chars=point.chars, vectors=vectors, sif=point.sif)


@dataclass(frozen=True, slots=True)
class Point:
    """One set of hyper-parameters: the L2 penalty, the weight of the headline's words (``h:``) against the other
    blocks, character n-grams or not, the headline word vector or not
    (``vector_scale``: how much it counts against the penalty; ``sif``: its word weighting), and whether each
    PLOVER type weighs the same in training (else each template does)."""

    l2: float
    headline_scale: float = 1.0
    chars: bool = True
    vectors: bool = True
    vector_scale: float = 1.5
    sif: float = 1e-3
    balanced: bool = True

    def __str__(self) -> str:
        vec = f"vectors scale={self.vector_scale:g} sif={self.sif:g}" if self.vectors else "no vectors"
        hs = f"headline_scale={self.headline_scale:g}"
        return f"l2={self.l2:g} {hs} chars={self.chars} {vec} balanced={self.balanced}"


# the previous model's setting (for comparison), then the word-vector settings; all scored by grouped CV on train
GRID = [Point(l2=1e-3, vectors=False, balanced=False), Point(l2=1e-3, vectors=False, balanced=True)] + [
    Point(l2=l2, headline_scale=hs, vector_scale=scale, sif=1e-3)
    for l2, hs, scale in itertools.product((5e-4, 1e-3), (0.7, 1.0), (1.25, 1.5))
]


def as_doc(story: NgecStory, result: DocumentResult, headline: list[Event]) -> Doc:
    article = result.article
    return Doc(
        id=story.id,
        template=story.template,
        label=story.label,
        title=article.title if article else story.headline,
        text=article.text if article else story.text,
        events=headline_votes(headline) + list(result.events),
    )


def build_index(counts: list[dict[str, float]], templates: list[str], min_templates: int) -> dict[str, int]:
    seen: dict[str, set[str]] = {}
    for c, t in zip(counts, templates, strict=True):
        for key in c:
            seen.setdefault(key, set()).add(t)
    kept = sorted(k for k, ts in seen.items() if len(ts) >= min_templates)
    return {k: i for i, k in enumerate(kept)}


def matrix(
    counts: list[dict[str, float]], index: dict[str, int], headline_scale: float, vector_scale: float
) -> sparse.csr_matrix:
    rows, cols, vals = [], [], []
    for r, c in enumerate(counts):
        idx, val = encode(c, index, headline_scale, vector_scale)
        rows.extend([r] * len(idx))
        cols.extend(idx.tolist())
        vals.extend(val.tolist())
    return sparse.csr_matrix((vals, (rows, cols)), shape=(len(counts), len(index)), dtype=np.float64)


def fit(
    x: sparse.csr_matrix, y: np.ndarray, n_classes: int, l2: float, sample_w: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Multinomial logistic regression: weighted mean cross-entropy + l2/2 ||W||², minimised by L-BFGS."""
    n, d = x.shape
    onehot = np.zeros((n, n_classes))
    onehot[np.arange(n), y] = 1.0
    sw = sample_w / sample_w.sum()

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w = theta[: d * n_classes].reshape(d, n_classes)
        b = theta[d * n_classes :]
        z = x @ w + b
        z -= z.max(axis=1, keepdims=True)
        logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        value = -(sw[:, None] * onehot * logp).sum() + 0.5 * l2 * (w * w).sum()
        g = sw[:, None] * (np.exp(logp) - onehot)
        gw = x.T @ g + l2 * w
        return value, np.concatenate([np.asarray(gw).ravel(), g.sum(axis=0)])

    theta0 = np.zeros(d * n_classes + n_classes)
    res = optimize.minimize(loss, theta0, jac=True, method="L-BFGS-B", options={"maxiter": 500})
    return res.x[: d * n_classes].reshape(d, n_classes), res.x[d * n_classes :]


def story_weights(stories: list[Doc], balanced: bool = False) -> np.ndarray:
    """Each template counts once, whatever its number of stories (templates are the real unit of variety); with
    ``balanced``, each PLOVER type counts once too (its templates share its weight), so the types with few
    templates are not drowned by CONCEDE's or ASSAULT's."""
    per = Counter(s.template for s in stories)
    weight = np.array([1.0 / per[s.template] for s in stories])
    if balanced:
        templates_of = Counter(label for _, label in {(s.template, s.label) for s in stories})
        weight *= np.array([1.0 / templates_of[s.label] for s in stories])
    return weight


def train(stories: list[Doc], classes: tuple[str, ...], point: Point) -> LabelModel:
    counts = [s.counts(point) for s in stories]
    index = build_index(counts, [s.template for s in stories], MIN_TEMPLATES)
    x = matrix(counts, index, point.headline_scale, point.vector_scale)
    y = np.array([classes.index(s.label) for s in stories])
    w, b = fit(x, y, len(classes), point.l2, story_weights(stories, point.balanced))
    meta: dict[str, object] = {
        "l2": point.l2,
        "min_templates": MIN_TEMPLATES,
        "char_ngrams": point.chars,
        "balanced": point.balanced,
    }
    if point.vectors:
        meta.update(word_vectors=load_word_vectors().name, vector_scale=point.vector_scale, sif=point.sif)
    return LabelModel(
        name=NAME,
        classes=classes,
        index=index,
        weights=w.astype(np.float32),
        bias=b.astype(np.float32),
        headline_scale=point.headline_scale,
        meta=meta,
    )


def fold_of(template: str) -> int:
    return int(hashlib.sha1(("fold:" + template).encode()).hexdigest(), 16) % FOLDS


def out_of_fold(stories: list[Doc], classes: tuple[str, ...], point: Point) -> list[tuple[str, float]]:
    """Each train story's (label, probability) from a model trained on the other folds' templates."""
    preds: list[tuple[str, float]] = [("", 0.0)] * len(stories)
    for k in range(FOLDS):
        fit_on = [s for s in stories if fold_of(s.template) != k]
        model = train(fit_on, classes, point)
        for i, s in enumerate(stories):
            if fold_of(s.template) == k:
                preds[i] = model.predict(s.text, s.title, s.events)
    return preds


_CV: tuple[list[Doc], tuple[str, ...]] = ([], ())


def _cv_one(point: Point) -> list[tuple[str, float]]:
    return out_of_fold(*_CV, point)


def cross_validate(
    stories: list[Doc], classes: tuple[str, ...], grid: list[Point], workers: int
) -> list[list[tuple[str, float]]]:
    """``out_of_fold`` for every grid point, in ``workers`` forked processes."""
    global _CV
    _CV = (stories, classes)
    if workers <= 1:
        return [_cv_one(point) for point in grid]
    from multiprocessing import get_context

    with get_context("fork").Pool(workers) as pool:
        return pool.map(_cv_one, grid, chunksize=1)


# ---------------------------------------------------------------------------------------------- pipeline results


def _work(args: tuple[str, str]) -> tuple[str, dict]:
    import eventwire

    sid, doc = args
    return sid, eventwire.extract(doc, None).to_dict()


def pipeline_results(stories: list[NgecStory], cache: Path, workers: int) -> dict[str, DocumentResult]:
    """eventwire's result for every story, from ``cache`` (JSONL) when it exists, else computed and cached."""
    if not cache.exists():
        from multiprocessing import Pool

        os.environ.setdefault("OMP_NUM_THREADS", "1")
        with Pool(workers) as pool, cache.open("w", encoding="utf-8") as out:
            jobs = [(s.id, s.document) for s in stories]
            for sid, data in pool.imap(_work, jobs, chunksize=8):
                out.write(json.dumps({"id": sid, "result": data}) + "\n")
    found = {}
    with cache.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            found[row["id"]] = DocumentResult.from_dict(row["result"])
    return found


def headline_results(
    results: dict[str, DocumentResult], cache: Path, batch: int = 64
) -> dict[str, list[Event]]:
    """The events of every story's headline, coded as the pipeline codes them for the document label; from
    ``cache`` (JSONL) when it exists, else computed and cached."""
    from eventwire.pipeline import headline_events

    if not cache.exists():
        ids = [sid for sid, result in results.items() if result.article is not None]
        with cache.open("w", encoding="utf-8") as out:
            for start in range(0, len(ids), batch):
                chunk = ids[start : start + batch]
                articles = [a for a in (results[sid].article for sid in chunk) if a is not None]
                for sid, events in zip(chunk, headline_events(articles), strict=True):
                    out.write(json.dumps({"id": sid, "events": [to_dict(e) for e in events]}) + "\n")
    found: dict[str, list[Event]] = {sid: [] for sid in results}
    with cache.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            found[row["id"]] = [from_dict(Event, e) for e in row["events"]]
    return found


# ---------------------------------------------------------------------------------------------- scoring


def acc(gold: list[str], pred: list[str | None]) -> float:
    return sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold) if gold else 0.0


def rule_grid() -> list[RuleWeights]:
    grid = []
    for headline, headline_more, first, lead, lead_n in itertools.product(
        (0.0, 2.0, 5.0, 10.0, 20.0, 50.0), (1.0, 5.0, 20.0), (1.0, 2.0, 3.0, 5.0), (1.0, 1.5, 2.0), (1, 2)
    ):
        if lead > first or headline_more > headline:
            continue
        grid.append(
            RuleWeights(
                headline=headline,
                headline_more=headline_more,
                first=first,
                lead=lead,
                body=1.0,
                lead_sentences=lead_n,
                status=DEFAULT_WEIGHTS.status,
            )
        )
    return grid


def confusion(gold: list[str], pred: list[str | None]) -> str:
    labels = sorted(set(gold) | {p or "(none)" for p in pred})
    table = Counter((g, p or "(none)") for g, p in zip(gold, pred, strict=True))
    short = [lbl[:5] for lbl in labels]
    lines = ["gold \\ chosen".ljust(14) + " ".join(f"{s:>5}" for s in short)]
    for g in sorted(set(gold)):
        lines.append(g[:13].ljust(14) + " ".join(f"{table[(g, p)] or '.':>5}" for p in labels))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("stories", type=Path, help="the NGEC synthetic stories (zipped CSV)")
    ap.add_argument(
        "--results", type=Path, required=True, help="JSONL cache of eventwire results (made when missing)"
    )
    ap.add_argument(
        "--out", type=Path, default=MODEL_PATH, help="where to write the model (default: the shipped one)"
    )
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args(argv)

    t0 = time.time()
    stories = read_ngec(args.stories)
    heldout = heldout_templates({s.template for s in stories})
    results = pipeline_results(stories, args.results, args.workers)
    heads = headline_results(results, args.results.with_suffix(".headlines.jsonl"))
    train_set = [as_doc(s, results[s.id], heads[s.id]) for s in stories if s.template not in heldout]
    test_set = [as_doc(s, results[s.id], heads[s.id]) for s in stories if s.template in heldout]
    classes = tuple(sorted({s.label for s in train_set}))
    print(f"# {CAVEAT}")
    print(
        f"train: {len(train_set)} stories / {len({s.template for s in train_set})} templates; "
        f"test: {len(test_set)} stories / {len(heldout)} templates; {len(classes)} classes"
    )
    gold_train = [s.label for s in train_set]
    gold_test = [s.label for s in test_set]

    # 1. hyper-parameters by grouped cross-validation over train templates only
    best = None
    load_word_vectors()  # once, before the workers fork
    for point, oof in zip(GRID, cross_validate(train_set, classes, GRID, args.workers), strict=True):
        a = acc(gold_train, [p for p, _ in oof])
        print(f"cv {point}: train-split out-of-fold accuracy {a:.4f}", flush=True)
        if best is None or a > best[0]:
            best = (a, point, oof)
    assert best is not None
    _, point, oof = best
    print(f"chosen: {point}")

    # 2. rule weights and combination policy: what the train split favours (the shipped defaults are printed too)
    scored = [
        (acc(gold_train, [label_by_rules(s.events, w).plover for s in train_set]), w) for w in rule_grid()
    ]
    best_rule_acc, best_w = max(scored, key=lambda t: t[0])
    base = acc(gold_train, [label_by_rules(s.events, DEFAULT_WEIGHTS).plover for s in train_set])
    print(f"rules on train split: shipped weights {base:.4f}; best of grid {best_rule_acc:.4f} with {best_w}")
    rules_train = [label_by_rules(s.events, DEFAULT_WEIGHTS) for s in train_set]
    pol_scores = []
    for override, firm in itertools.product(
        (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.01), (0.5, 0.7, 0.9, 1.01)
    ):
        pol = Policy(override=override, rule_firm=firm)
        pred = [combine(r, m, p, NAME, pol).plover for r, (m, p) in zip(rules_train, oof, strict=True)]
        pol_scores.append((acc(gold_train, pred), pol))
    top = max(a for a, _ in pol_scores)
    # the rule is the explainable first pass: of the policies within POLICY_TOLERANCE of the best, the one that
    # leaves the most to the rule (highest override, then lowest rule_firm)
    best_pol_acc, best_pol = max(
        ((a, pol) for a, pol in pol_scores if a >= top - POLICY_TOLERANCE),
        key=lambda t: (t[1].override, -t[1].rule_firm),
    )
    shipped = acc(
        gold_train,
        [combine(r, m, p, NAME, DEFAULT_POLICY).plover for r, (m, p) in zip(rules_train, oof, strict=True)],
    )
    print(
        f"policy on train split (out-of-fold model): best {top:.4f}; chosen {best_pol_acc:.4f} with {best_pol}; "
        f"shipped {DEFAULT_POLICY} {shipped:.4f}"
    )

    # 3. the final model on every train story
    model = train(train_set, classes, point)
    model_test = [model.predict(s.text, s.title, s.events) for s in test_set]
    model_acc = acc(gold_test, [p for p, _ in model_test])
    model.meta.update(
        trained_on="NGEC synthetic stories, train-split templates only (synthetic, pseudo-labels; MIT)",
        train_stories=len(train_set),
        cv_accuracy=round(best[0], 4),
        heldout_accuracy=round(model_acc, 4),
        features=len(model.index),
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    save_label_model(model, args.out)
    size = args.out.stat().st_size
    print(f"model: {len(model.index)} features x {len(classes)} classes -> {args.out} ({size / 1e6:.2f} MB)")

    # 4. the test split, with the shipped defaults
    rules_test = [label_by_rules(s.events, DEFAULT_WEIGHTS) for s in test_set]
    combined = [
        combine(r, m, p, NAME, DEFAULT_POLICY) for r, (m, p) in zip(rules_test, model_test, strict=True)
    ]
    typed = sum(r.plover is not None for r in rules_test)
    print(f"TEST SPLIT ({len(test_set)} stories, {len(heldout)} templates; {CAVEAT}):")
    print(f"  rules alone:  {acc(gold_test, [r.plover for r in rules_test]):.4f}  (a typed event in {typed})")
    print(f"  model alone:  {model_acc:.4f}")
    print(
        f"  combination:  {acc(gold_test, [c.plover for c in combined]):.4f}  "
        f"(decided by the model in {sum(c.by != 'rules' for c in combined)}; {DEFAULT_POLICY})"
    )
    print("confusion of the combination on the test split (rows gold, columns chosen):")
    print(confusion(gold_test, [c.plover for c in combined]))
    print(f"done in {time.time() - t0:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
