"""A document's main PLOVER type: an explainable rule over its events first, a small learned second opinion second.

The headline
    In news the headline says what the story is about (the NGEC labels come from the headline, too), so the
    pipeline codes the title as well, for the label only: ``Article.title`` is parsed with the same spaCy pipeline
    and events engine as the body (``eventwire.headline`` first makes it read as a sentence: a title-case
    headline goes into sentence case, one with no finite verb is parsed again as the clause it abbreviates), its
    acts are kept even when no party is coded ("Protesters demand ..."), and its events are passed here as
    ``headline``. They are not emitted in ``DocumentResult.events``: the body reports the same events (an event
    store would count them twice), and every offset in a result is an offset into ``Article.text``, which does not
    hold the title. A title the text itself starts with is not coded again (it is the body's sentence 0).

The rule (``label_by_rules``)
    Every event with a PLOVER type casts a vote for that type; events with no type (speech verbs such as "said")
    are ignored. A vote weighs

        position × status × confidence

    * position: the headline's first typed event (its main event; sentence index ``HEADLINE``) counts
      ``headline`` (20), any further headline event (mostly the main one's object: "rejects *request* to delay")
      ``headline_more`` (5), the first sentence of the body (sentence 0) ``first`` (5), the next
      ``lead_sentences`` (2) sentences ``lead`` (2), every later sentence ``body`` (1): a story says what it is
      about at the top, and a typed headline event all but decides;
    * status: asserted 1.0, intended 0.5, hypothetical 0.3, negated 0.3, denied 0.3 (a denied accusation is still
      a story about an accusation, but a story that asserts an event is more surely about it);
    * confidence: the event's own confidence (``Event.confidence``).

    The type with the largest summed weight wins; ties go to the type seen earliest, then to the type name. The
    label's confidence is the winner's share of all the weight (1.0 when every typed event agrees). A document
    with no typed event has no rule label (``plover=None``). The weights are ``RuleWeights`` defaults, the best of
    a grid on the train split of the NGEC synthetic stories only (``scripts/train_label_model.py`` prints it).

The second opinion (``LabelModel``)
    A multinomial logistic regression over ``feature_counts``: lower-cased word unigrams and bigrams of the
    headline, character 3- to 5-grams of the headline's words (so "shelled"/"shelling" or an unseen inflection
    still count), unigrams of the whole text, the rule's vote share per type (so it learns when the rule is to be
    trusted), the types of the headline's own events, and the headline's meaning as one 50-d word vector
    (``headline_vector``: the smooth-inverse-frequency weighted mean of the GloVe vectors of its words, names and
    function words left out), so a headline whose verb no training headline used still lands near the headlines
    of its type. The vectors are the 100,000 most frequent words of GloVe 6B 50-d (Stanford; public domain, PDDL
    1.0), shipped as float16 in ``eventwire/models/word_vectors.npz`` (10 MB; loaded once per process).
    The model is trained on the train-split templates of the NGEC synthetic stories (synthetic news with
    pseudo-labels; MIT) by ``scripts/train_label_model.py``, each PLOVER type weighing the same, with the L2
    penalty and the scales of the headline's words and of its vector chosen by 5-fold cross-validation grouped by
    template within the train split; run time needs numpy only. Its weights ship in
    ``eventwire/models/label_model.npz`` (under 1 MB); weights and vectors load once per process, lazily, and
    scoring a document is a few hundred dictionary look-ups and one small matrix sum. Nothing is downloaded.

The combination (``label_document``)
    The rule decides (``by="rules"``) unless (a) it found no typed event, when the model decides; or (b) the model
    disagrees with probability ≥ ``Policy.override`` while the rule's share is < ``Policy.rule_firm``, when the
    model decides (``by="model:<name>"``). Both thresholds are chosen on out-of-fold predictions within the train
    split only: of the policies within half a point of the best, the one that leaves most to the rule. On that
    split (out-of-fold) the rule alone is right on 0.734 of the stories and the model alone on 0.813; the best
    policy scores 0.813 and the shipped ``override=0.2`` 0.812, so the model decides where it disagrees with any
    real conviction, and the rule's label stands where they agree (most stories).
"""

from __future__ import annotations

import dataclasses
import json
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .errors import DataFileError
from .model import DocumentLabel, DocumentResult, Event

MODEL_PATH = Path(__file__).parent / "models" / "label_model.npz"
VECTORS_PATH = Path(__file__).parent / "models" / "word_vectors.npz"
MODEL_FORMAT = 1
# the sentence indices headline events carry in the vote (the body's sentences count from 0): the headline's first
# typed event (its main event: "X rejects request to delay ..."), then any further headline event
HEADLINE = -2
HEADLINE_MORE = -1


# ------------------------------------------------------------------------------------------------ the rule


@dataclass(frozen=True, slots=True)
class RuleWeights:
    """How much one typed event counts towards its type (see the module docstring)."""

    headline: float = 20.0
    headline_more: float = 5.0
    first: float = 5.0
    lead: float = 2.0
    body: float = 1.0
    lead_sentences: int = 2
    status: dict[str, float] = field(
        default_factory=lambda: {
            "asserted": 1.0,
            "intended": 0.5,
            "hypothetical": 0.3,
            "negated": 0.3,
            "denied": 0.3,
        }
    )

    def position(self, sentence_index: int) -> float:
        """The weight of an event in sentence ``sentence_index`` (0 is the body's first; see ``HEADLINE``)."""
        if sentence_index <= HEADLINE:
            return self.headline
        if sentence_index < 0:
            return self.headline_more
        if sentence_index == 0:
            return self.first
        if sentence_index <= self.lead_sentences:
            return self.lead
        return self.body

    def vote(self, event: Event) -> float:
        """The weight of one typed event's vote."""
        return (
            self.position(event.sentence_index)
            * self.status.get(event.status, 0.3)
            * max(event.confidence, 0.0)
        )


DEFAULT_WEIGHTS = RuleWeights()


def rule_scores(events: Iterable[Event], weights: RuleWeights = DEFAULT_WEIGHTS) -> dict[str, float]:
    """Each PLOVER type's summed vote over the typed events (untyped events are ignored)."""
    scores: dict[str, float] = {}
    for event in events:
        if event.plover.type:
            scores[event.plover.type] = scores.get(event.plover.type, 0.0) + weights.vote(event)
    return scores


def label_by_rules(events: Sequence[Event], weights: RuleWeights = DEFAULT_WEIGHTS) -> DocumentLabel:
    """The rule's label: the type with the largest summed vote; ``plover=None`` when no event is typed."""
    scores = rule_scores(events, weights)
    if not scores:
        return DocumentLabel(plover=None, confidence=0.0, by="rules")
    first: dict[str, int] = {}
    for event in events:
        if event.plover.type:
            first[event.plover.type] = min(
                first.get(event.plover.type, event.sentence_index), event.sentence_index
            )
    best = min(scores, key=lambda t: (-scores[t], first[t], t))
    total = sum(scores.values())
    share = scores[best] / total if total > 0 else 1.0 / len(scores)
    return DocumentLabel(plover=best, confidence=round(share, 4), by="rules")


def headline_votes(headline: Iterable[Event]) -> list[Event]:
    """Copies of the events coded from the headline, for the vote: the first typed one (in text order) at sentence
    index ``HEADLINE``, the others at ``HEADLINE_MORE`` (the copies leave the caller's events untouched).

    A headline's first event is what it reports; later ones are mostly its object or circumstance ("Government
    rejects request to delay elections", "Leader requests meeting with president")."""
    votes = []
    main = None
    for event in sorted(headline, key=lambda e: e.trigger.start):
        if main is None and event.plover.type:
            main = event
        index = HEADLINE if event is main else HEADLINE_MORE
        votes.append(dataclasses.replace(event, sentence_index=index))
    return votes


# ------------------------------------------------------------------------------------------------ the model

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
# words the headline vector leaves out: they say nothing about what kind of event a headline reports
VECTOR_STOP = frozenset(
    {
        "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or", "but", "as", "is",
        "are", "was", "were", "be", "been", "has", "have", "had", "its", "it", "their", "his", "her", "this", "that",
        "these", "those", "over", "after", "amid", "into", "against", "about", "than", "up", "down", "out", "new",
        "says", "said", "will", "would", "could", "may", "might", "not", "no",
    }
)
WORD_VECTORS = "glove-6b-50d"
_BODY_WORD = re.compile(r"[A-Za-z][a-z'’-]+")


def words(text: str) -> list[str]:
    """Lower-cased alphabetic words (digits and punctuation dropped; curly apostrophes made straight)."""
    return _WORD.findall(text.lower().replace("’", "'"))


def split_headline(text: str, title: str | None = None) -> tuple[str, str]:
    """(headline, body): the title when given, else the text's first non-empty line; the body is the rest."""
    text = text or ""
    if title and title.strip():
        head = title.strip()
        body = text[len(head) :] if text.lstrip().startswith(head) else text
        return head, body
    stripped = text.lstrip()
    line, _, rest = stripped.partition("\n")
    return line.strip(), rest


def char_grams(word: str, sizes: Iterable[int] = (3, 4, 5)) -> list[str]:
    """The character n-grams of one word with boundary marks ("<at", "att", ..., "ck>"): "attacks", "attacked"
    and "attackers" share most of theirs."""
    marked = f"<{word}>"
    return [marked[i : i + n] for n in sizes for i in range(len(marked) - n + 1)]


@dataclass(frozen=True, slots=True)
class WordVectors:
    """Static English word vectors: ``vectors[index[word]]``; rows are in corpus-frequency order (row 0 is the
    most frequent word), which ``headline_vector`` uses as the word's frequency rank."""

    name: str
    index: dict[str, int]
    vectors: np.ndarray  # (words, dims), float16


_VECTORS: dict[Path, WordVectors] = {}
_VECTOR_LOCK = threading.Lock()


def read_word_vectors(path: Path) -> WordVectors:
    """Read a word-vectors file as ``scripts/build_word_vectors.py`` writes it (``words``: one UTF-8 text, a word a
    line; ``vectors``: words × dims; ``meta``: JSON); an unreadable file raises DataFileError naming it."""
    try:
        with np.load(path, allow_pickle=False) as data:
            vocab = data["words"].tobytes().decode("utf-8").split("\n")
            vectors = data["vectors"]
            name = str(json.loads(str(data["meta"])).get("name", WORD_VECTORS))
    except (OSError, ValueError, KeyError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataFileError(f"cannot read the word vectors of the document-label model: {exc}", source=str(path)) from exc
    if len(vocab) != len(vectors):
        raise DataFileError("word vectors: words and rows differ in number", source=str(path))
    return WordVectors(name, {w: i for i, w in enumerate(vocab)}, vectors)


def load_word_vectors(path: Path | None = None) -> WordVectors:
    """The label model's word vectors (or those at ``path``), read once per process and then reused: the 100,000
    most frequent words of GloVe 6B 50-d (Stanford, PDDL 1.0) as float16, shipped in
    ``eventwire/models/word_vectors.npz`` (10 MB; rows in corpus-frequency order, built by
    ``scripts/build_word_vectors.py``). Nothing is downloaded."""
    key = Path(path) if path is not None else VECTORS_PATH
    with _VECTOR_LOCK:
        if key not in _VECTORS:
            _VECTORS[key] = read_word_vectors(key)
        return _VECTORS[key]


def body_names(body: str) -> set[str]:
    """Lower-cased words the body writes only with a capital: names (countries, people, groups), which a
    headline shares with its body but which say nothing about the kind of event."""
    caps: set[str] = set()
    lower: set[str] = set()
    for m in _BODY_WORD.finditer(body):
        word = m.group()
        (caps if word[0].isupper() else lower).add(word.lower())
    return caps - lower


def headline_vector(text: str, title: str | None, vectors: WordVectors, sif: float) -> np.ndarray | None:
    """The headline's meaning as one unit vector (``sif_vector``), names (``body_names``) and ``VECTOR_STOP``
    words left out; ``None`` when no word has a vector."""
    head, body = split_headline(text, title)
    names = body_names(body)
    return sif_vector([w for w in words(head) if w not in names and w not in VECTOR_STOP], vectors, sif)


def sif_vector(word_list: Iterable[str], vectors: WordVectors, sif: float) -> np.ndarray | None:
    """The meaning of a few words as one unit vector: the weighted mean of the vectors of those that have one;
    ``None`` when none has.

    A word weighs sif / (sif + p), p = 1 / (rank + 10) its frequency estimated from its row (Zipf): rare words
    ("shelled", "lauded") count more than frequent ones ("government", "talks"), as in Arora et al.'s
    smooth-inverse-frequency sentence vectors."""
    rows = [vectors.index[w] for w in word_list if w in vectors.index]
    if not rows:
        return None
    weight = np.array([sif / (sif + 1.0 / (r + 10)) for r in rows])
    mean = (np.asarray(vectors.vectors[rows], dtype=np.float64) * weight[:, None]).sum(axis=0) / weight.sum()
    norm = float(np.linalg.norm(mean))
    return mean / norm if norm > 0 else None


def feature_counts(
    text: str,
    title: str | None = None,
    events: Sequence[Event] = (),
    weights: RuleWeights = DEFAULT_WEIGHTS,
    *,
    chars: bool = False,
    vectors: WordVectors | None = None,
    sif: float = 1e-3,
) -> dict[str, float]:
    """The model's features of one document, counted.

    ``h:`` headline unigrams and bigrams, ``b:`` unigrams of headline and body, ``r:`` the rule's vote share
    per PLOVER type (``r:(none)`` when no event is typed): the model learns how far to trust the rule; ``e:`` the
    PLOVER types of the headline's own events (those at a negative sentence index: ``HEADLINE`` and
    ``HEADLINE_MORE``); with ``chars``, ``c:`` the character 3- to 5-grams of the headline's words; with
    ``vectors``, ``g:0`` ... ``g:49`` the components of ``headline_vector`` (weighted by ``sif``; none when no
    headline word has a vector).
    """
    head, body = split_headline(text, title)
    head_words = words(head)
    counts: dict[str, float] = {}
    grams = head_words + [f"{a} {b}" for a, b in zip(head_words, head_words[1:], strict=False)]
    keys = [f"h:{g}" for g in grams] + [f"b:{w}" for w in head_words + words(body)]
    if chars:
        keys += [f"c:{g}" for w in head_words for g in char_grams(w)]
    for key in keys:
        counts[key] = counts.get(key, 0.0) + 1.0
    scores = rule_scores(events, weights)
    total = sum(scores.values())
    for plover, score in scores.items():
        counts[f"r:{plover}"] = score / total if total > 0 else 1.0 / len(scores)
    if not scores:
        counts["r:(none)"] = 1.0
    for event in events:
        if event.sentence_index < 0 and event.plover.type:
            counts[f"e:{event.plover.type}"] = counts.get(f"e:{event.plover.type}", 0.0) + 1.0
    if vectors is not None:
        vector = headline_vector(text, title, vectors, sif)
        if vector is not None:
            for i, v in enumerate(vector.tolist()):
                counts[f"g:{i}"] = v
    return counts


@dataclass(slots=True)
class LabelModel:
    """A linear classifier over named features: ``weights[feature index, class index]`` plus ``bias``.

    A document's vector is log(1 + count) per counted feature, the ``h:`` block scaled by ``headline_scale``,
    each block L2-normalised; the ``g:`` block (the headline's word vector, when ``meta["word_vectors"]`` names
    the vectors the model was trained with) enters as it is, times ``meta["vector_scale"]``; probabilities are
    the softmax of ``x @ weights + bias``.
    """

    name: str
    classes: tuple[str, ...]
    index: dict[str, int]
    weights: np.ndarray  # (features, classes), float32
    bias: np.ndarray  # (classes,), float32
    headline_scale: float = 1.0
    meta: dict[str, object] = field(default_factory=dict)

    def counts(self, text: str, title: str | None = None, events: Sequence[Event] = ()) -> dict[str, float]:
        """The document's features (``feature_counts``) with the options the model was trained with."""
        vectors = load_word_vectors() if self.meta.get("word_vectors") else None
        sif = float(self.meta.get("sif", 1e-3))  # type: ignore[arg-type]
        chars = bool(self.meta.get("char_ngrams", False))
        return feature_counts(text, title, events, chars=chars, vectors=vectors, sif=sif)

    def vector(
        self, text: str, title: str | None = None, events: Sequence[Event] = ()
    ) -> tuple[np.ndarray, np.ndarray]:
        """(feature indices, values) of one document, as the model was trained on them."""
        scale = float(self.meta.get("vector_scale", 1.0))  # type: ignore[arg-type]
        return encode(self.counts(text, title, events), self.index, self.headline_scale, scale)

    def proba(self, text: str, title: str | None = None, events: Sequence[Event] = ()) -> dict[str, float]:
        """Each class's probability for one document (``events``: its coded events, for the ``r:`` features)."""
        idx, val = self.vector(text, title, events)
        logits = self.bias.astype(np.float64) + val @ self.weights[idx].astype(np.float64)
        logits -= logits.max()
        p = np.exp(logits)
        p /= p.sum()
        return {c: float(v) for c, v in zip(self.classes, p, strict=True)}

    def predict(self, text: str, title: str | None = None, events: Sequence[Event] = ()) -> tuple[str, float]:
        """The most probable class and its probability."""
        proba = self.proba(text, title, events)
        best = max(proba, key=lambda c: (proba[c], c))
        return best, proba[best]


def encode(
    counts: dict[str, float], index: dict[str, int], headline_scale: float, vector_scale: float = 1.0
) -> tuple[np.ndarray, np.ndarray]:
    """Sparse (indices, values) for known features: log1p counts, each prefix block L2-normalised; the ``g:``
    block (already a unit vector) as it is, times ``vector_scale``."""
    blocks: dict[str, list[tuple[int, float]]] = {}
    for key, n in counts.items():
        i = index.get(key)
        if i is not None:
            value = float(n) if key.startswith("g:") else float(np.log1p(n))
            blocks.setdefault(key[:2], []).append((i, value))
    idx: list[int] = []
    val: list[float] = []
    for prefix, items in blocks.items():
        if prefix == "g:":
            norm, scale = 1.0, vector_scale
        else:
            norm = float(np.sqrt(sum(v * v for _, v in items))) or 1.0
            scale = headline_scale if prefix == "h:" else 1.0
        for i, v in items:
            idx.append(i)
            val.append(scale * v / norm)
    return np.asarray(idx, dtype=np.int64), np.asarray(val, dtype=np.float64)


def save_label_model(model: LabelModel, path: str | Path) -> None:
    """Write a model as a compressed ``.npz`` (feature names, weights as float16, classes, metadata as JSON)."""
    features = sorted(model.index, key=model.index.__getitem__)
    meta = dict(model.meta, name=model.name, headline_scale=model.headline_scale, format=MODEL_FORMAT)
    np.savez_compressed(
        path,
        features=np.asarray(features, dtype=str),
        classes=np.asarray(model.classes, dtype=str),
        weights=model.weights.astype(np.float16),
        bias=model.bias.astype(np.float32),
        meta=np.asarray(json.dumps(meta, sort_keys=True)),
    )


def read_label_model(path: str | Path) -> LabelModel:
    """Read a model written by ``save_label_model``; a missing or broken file raises DataFileError."""
    path = Path(path)
    try:
        with np.load(path, allow_pickle=False) as data:
            features = [str(f) for f in data["features"]]
            classes = tuple(str(c) for c in data["classes"])
            weights = data["weights"].astype(np.float32)
            bias = data["bias"].astype(np.float32)
            meta = json.loads(str(data["meta"]))
    except (OSError, KeyError, ValueError) as exc:
        raise DataFileError(
            f"cannot read the document-label model: {exc}",
            source=str(path),
            hint="rebuild it with scripts/train_label_model.py, or reinstall eventwire",
        ) from exc
    if (
        meta.get("format") != MODEL_FORMAT
        or weights.shape != (len(features), len(classes))
        or bias.shape != (len(classes),)
    ):
        raise DataFileError(
            f"the document-label model has format {meta.get('format')!r} and shapes {weights.shape}/{bias.shape} "
            f"for {len(features)} features and {len(classes)} classes",
            source=str(path),
            hint="rebuild it with scripts/train_label_model.py",
        )
    return LabelModel(
        name=str(meta.get("name", path.stem)),
        classes=classes,
        index={f: i for i, f in enumerate(features)},
        weights=weights,
        bias=bias,
        headline_scale=float(meta.get("headline_scale", 1.0)),
        meta=meta,
    )


_LOCK = threading.Lock()
_MODELS: dict[Path, LabelModel] = {}


def load_label_model(path: str | Path | None = None) -> LabelModel:
    """The shipped model (or the one at ``path``), read once per process and then reused."""
    key = Path(path) if path is not None else MODEL_PATH
    with _LOCK:
        if key not in _MODELS:
            _MODELS[key] = read_label_model(key)
        return _MODELS[key]


# ------------------------------------------------------------------------------------------------ combined


@dataclass(frozen=True, slots=True)
class Policy:
    """When the model's opinion replaces the rule's (see the module docstring)."""

    override: float = 0.2  # the model's probability needed to overrule the rule
    rule_firm: float = 1.01  # a rule share at or above this is never overruled (>1: any share may be)
    use_model: bool = True


DEFAULT_POLICY = Policy()


def combine(
    rule: DocumentLabel, model_label: str | None, model_p: float, model_name: str, policy: Policy
) -> DocumentLabel:
    """Join the rule's label and the model's (label, probability) under ``policy``."""
    by_model = DocumentLabel(plover=model_label, confidence=round(model_p, 4), by=f"model:{model_name}")
    if model_label is None:
        return rule
    if rule.plover is None:
        return by_model
    if model_label != rule.plover and model_p >= policy.override and rule.confidence < policy.rule_firm:
        return by_model
    return rule


def label_document(
    result: DocumentResult,
    model: LabelModel | None = None,
    *,
    headline: Sequence[Event] = (),
    weights: RuleWeights = DEFAULT_WEIGHTS,
    policy: Policy = DEFAULT_POLICY,
) -> DocumentLabel:
    """The document's main PLOVER type: the rule over ``result.events``, overruled by the model as ``policy`` says.

    ``model`` defaults to the shipped one (loaded lazily, once per process); the model reads
    ``result.article.text`` and ``result.article.title``. Without an article, or with ``policy.use_model`` off,
    the rule alone decides.
    """
    votes = headline_votes(headline) + list(result.events)
    rule = label_by_rules(votes, weights)
    article = result.article
    if not policy.use_model or article is None or not (article.text or "").strip():
        return rule
    model = model or load_label_model()
    label, p = model.predict(article.text, article.title, votes)
    return combine(rule, label, p, model.name, policy)
