"""The pipeline, top to bottom: read → clean → nlp → actors → events → enrich → attribution → DocumentResult.

``process_article`` is a pure function of one article (plus resources loaded once per process), so the same
function runs in the CLI, the HTTP service, a process pool and a Spark task. ``run`` streams many inputs through
it; one document's failure becomes that document's status, never the batch's end.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS as STOP_WORDS_EN
from spacy.language import Language

from . import attribution
from ._version import __version__
from .actors import ActorIndex, has_unknown_names, resolve_actors
from .clean import clean
from .config import DEFAULT, Config
from .enrich.place import Gazetteer, event_place, load_gazetteer
from .enrich.quantity import event_quantities
from .enrich.status import event_status
from .enrich.time import event_date
from .errors import EventwireError, InputError
from .events import Found, extract_events, recode_intended
from .knowledge import ActorKnowledge, load_actor_knowledge
from .label import label_document
from .lexicon import Lexicon, load_lexicon
from .model import Article, DocumentResult, Event, RawDocument, Versions
from .nlp import load_pipeline, parse_article


@dataclass(frozen=True)
class Resources:
    """Everything a worker loads once: the spaCy pipeline, the knowledge tables, the lexicon, the gazetteer."""

    nlp: Language
    knowledge: ActorKnowledge
    lexicon: Lexicon
    gazetteer: Gazetteer
    versions: Versions


@lru_cache(maxsize=4)
def load_resources(config: Config = DEFAULT) -> Resources:
    lexicon = load_lexicon(tuple(config.data), config.builtin_data)
    return Resources(
        nlp=load_pipeline(config.pipeline),
        knowledge=load_actor_knowledge(tuple(config.data), config.builtin_data),
        lexicon=lexicon,
        gazetteer=load_gazetteer(config.gazetteer_min_population),
        versions=Versions(eventwire=__version__, lexicon=lexicon.version),
    )


def _date(value: str | dt.date | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def process_article(article: Article, config: Config = DEFAULT) -> DocumentResult:
    """Code one clean article. Non-English and event-less articles come back with a reason."""
    res = load_resources(config)
    result = DocumentResult(document_id=article.id, status="ok", article=article, versions=res.versions)
    if article.language and article.language not in config.languages:
        result.status, result.reason = "skipped", f"language: {article.language}"
        return result
    published = _date(article.published)
    forms = res.lexicon.trigger_forms
    cues = _actor_cue_words(res.knowledge)

    def wants_parse(sentence: str) -> bool:
        """A sentence can hold an event when it has a trigger word and something that can be an actor: a
        capitalised word after the first, a pronoun, or a role noun ("troops", "protesters")."""
        words = list(_words(sentence))
        if not any(word in forms for word in words):
            return False
        tokens = sentence.split()
        first = tokens[0].strip("“\"'‘(") if tokens else ""
        if first[:1].isupper() and first.lower() not in STOP_WORDS:
            return True  # "Iran will close the strait …"
        return any(w[:1].isupper() for w in tokens[1:]) or any(word in cues for word in words)

    doc = parse_article(
        res.nlp,
        article.text,
        wants_parse,
        config.batch_size,
        needs_ner=lambda sent_doc: has_unknown_names(sent_doc, res.knowledge, res.nlp),
    )
    index = resolve_actors(doc, res.knowledge, res.nlp, published)
    found = extract_events(doc, index, res.lexicon, article.id)
    countries = index.country_counts()
    for item in found:
        _enrich(item, published, countries, res.gazetteer, res.versions)
        recode_intended(item.event, res.lexicon)
    events = [item.event for item in found]
    result.quotes = attribution.extract_quotes(doc, index.span_actor)
    result.citations = attribution.extract_citations(doc)
    attribution.link_citations(result.citations, events, doc)
    result.events = events
    result.actors = [a for a in index.actors.values() if a.mentions]
    result.label = label_document(result)
    if not events:
        result.reason = "no events found"
    return result


STOP_WORDS = frozenset(STOP_WORDS_EN)
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "his", "her", "their", "its", "them", "him", "our"})


@lru_cache(maxsize=4)
def _actor_cue_words(knowledge: ActorKnowledge) -> frozenset[str]:
    sectors = {form.lower() for form, match in knowledge.surface_forms() if match.kind == "sector" and " " not in form}
    return frozenset(sectors | PRONOUNS)


def _words(sentence: str) -> Iterator[str]:
    for word in sentence.lower().replace("’", "'").split():
        yield word.strip(".,;:!?\"'()[]“”‘’—–-")


def _enrich(item: Found, published: dt.date | None, countries, gazetteer: Gazetteer, versions: Versions) -> None:  # type: ignore[no-untyped-def]
    event: Event = item.event
    event.versions = versions
    event.status, _cue = event_status(item.trigger, inherent_negation=item.entry.requires.negated)
    event.date = event_date(item.trigger, published, status=event.status)
    target_span = None
    if item.target_token is not None:
        target_span = item.target_token.doc[item.target_token.left_edge.i : item.target_token.right_edge.i + 1]
    event.location = event_place(item.trigger, countries, gazetteer, target_span=target_span)
    event.quantities = event_quantities(item.trigger)


# ---------------------------------------------------------------------- entry points


def process_raw(raw: RawDocument, config: Config = DEFAULT) -> DocumentResult:
    """Clean and code one document as a reader produced it; failures become a failed result, never an exception."""
    try:
        article = clean(raw, config)
    except InputError as exc:
        return DocumentResult(document_id=raw.id or raw.source, status="failed", reason=str(exc))
    try:
        return process_article(article, config)
    except EventwireError as exc:
        return DocumentResult(document_id=article.id, status="failed", reason=str(exc), article=article)


def extract(
    text_or_html: str,
    published: str | dt.date | None = None,
    *,
    url: str | None = None,
    config: Config | None = None,
) -> DocumentResult:
    """Code one page (HTML or text, chrome and all). Unreadable input raises an InputError."""
    raw = RawDocument(
        source="<text>",
        content=text_or_html,
        url=url,
        published=published.isoformat() if isinstance(published, dt.date) else published,
    )
    article = clean(raw, config or DEFAULT)
    return process_article(article, config or DEFAULT)


def extract_many(
    texts: Iterable[tuple[str, str | dt.date | None]], config: Config | None = None
) -> Iterator[DocumentResult]:
    """Code many (text, published) pairs in this process; a failure becomes that document's status."""
    for i, (text, published) in enumerate(texts):
        raw = RawDocument(
            source=f"<text {i + 1}>",
            content=text,
            published=published.isoformat() if isinstance(published, dt.date) else published,
        )
        yield process_raw(raw, config or DEFAULT)


def _worker_init(config: Config) -> None:
    """Each worker uses one core: BLAS thread pools inherited from the parent would oversubscribe the machine."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)
    load_resources(config)  # already loaded in the parent when the pool forks; loads here otherwise


def _worker(args: tuple[RawDocument, Config]) -> DocumentResult:
    return process_raw(*args)


def run(
    inputs: Sequence[str],
    *,
    config: Config = DEFAULT,
    workers: int = 1,
    pattern: str | None = None,
    field_map: dict[str, str] | None = None,
    known: Callable[[RawDocument], bool] | None = None,
    hints: dict[str, str] | None = None,
) -> Iterator[DocumentResult]:
    """Stream every document of ``inputs`` through the pipeline, one result per document, in input order.

    Unreadable inputs come out as failed results (reason names the input and problem); ``known`` lets a caller
    (the store) skip documents it already holds before any NLP, reported as skipped "already stored".
    ``hints`` are what the caller knows about every document (``url``, ``published``, ``outlet``); they win over
    what the page says.
    """
    from .readers import iter_documents

    def items() -> Iterator[RawDocument | DocumentResult]:
        for item in iter_documents(inputs, pattern=pattern, field_map=field_map, config=config):
            if isinstance(item, InputError):
                yield DocumentResult(document_id=item.source or "?", status="failed", reason=str(item))
                continue
            item = _hinted(item, hints)
            if known is not None and known(item):
                yield DocumentResult(document_id=item.id or item.source, status="skipped", reason="already stored")
            else:
                yield item

    if workers <= 1:
        for item in items():
            yield item if isinstance(item, DocumentResult) else process_raw(item, config)
        return
    load_resources(config)  # once, before forking: the workers share the loaded pipeline and tables
    context = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else None
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_worker_init, initargs=(config,)
    ) as pool:
        pending: list = []
        window = workers * 8
        for item in items():
            if isinstance(item, DocumentResult):
                pending.append(item)
            else:
                pending.append(pool.submit(_worker, (item, config)))
            while len(pending) > window:
                yield _result(pending.pop(0))
        for fut in pending:
            yield _result(fut)


def _hinted(raw: RawDocument, hints: dict[str, str] | None) -> RawDocument:
    for key, value in (hints or {}).items():
        if value is not None:
            setattr(raw, key, value)
    return raw


def _result(item) -> DocumentResult:  # type: ignore[no-untyped-def]
    return item if isinstance(item, DocumentResult) else item.result()


def index_for_tests(article_text: str, config: Config = DEFAULT) -> ActorIndex:
    """Parse a text fully and resolve its actors (for tests and debugging)."""
    res = load_resources(config)
    doc = parse_article(res.nlp, article_text, lambda _s: True, config.batch_size)
    return resolve_actors(doc, res.knowledge, res.nlp, None)
