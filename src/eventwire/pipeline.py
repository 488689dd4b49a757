"""The pipeline, top to bottom: read → clean → nlp → actors → events → enrich → attribution → DocumentResult.

``process_articles`` is a pure function of its articles (plus resources loaded once per process), so the same
function runs in the CLI, a process pool and, later, an HTTP service or a Spark task; it parses the sentences of
several articles in one batch and codes each article on its own (``process_article`` is the one-article case).
``run`` streams many inputs through it in batches; one document's failure becomes that document's status, never
the batch's end. The document label (``eventwire.label``) is voted by the body's events and by the headline's,
which are coded (parsed in a batch of their own, see ``_parse_headlines``) for the label alone and not emitted.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache

from spacy.lang.en.stop_words import STOP_WORDS as STOP_WORDS_EN
from spacy.language import Language
from spacy.tokens import Doc

from . import attribution
from .actors import finish_sides, has_unknown_names, locate_roles, resolve_actors
from .clean import clean
from .config import DEFAULT, Config
from .datafile import data_scope
from .enrich.place import Gazetteer, event_place, load_gazetteer
from .enrich.quantity import event_quantities
from .enrich.status import event_status
from .enrich.time import event_date
from .errors import EventwireError, InputError, InternalError, NotARegularFile
from .events import Found, extract_events, has_party, quote_speakers, recode_intended
from .headline import finite_headline, parseable_headline, present_forms, set_lemmas
from .knowledge import ActorKnowledge, load_actor_knowledge
from .label import label_document
from .lexicon import Lexicon, load_lexicon
from .model import Article, DocStatus, DocumentResult, Event, RawDocument, Versions, event_kind
from .nlp import MAX_SENTENCE_CHARS, MAX_SENTENCE_WORDS, MAX_WORD_CHARS, load_pipeline, parse_articles
from .versions import check_data_files, versions


@dataclass(frozen=True)
class Resources:
    """Everything a worker loads once: the spaCy pipeline, the knowledge tables, the lexicon, the gazetteer, the
    attribution cues."""

    nlp: Language
    knowledge: ActorKnowledge
    lexicon: Lexicon
    gazetteer: Gazetteer
    versions: Versions
    attribution: attribution.AttributionLexicon


@lru_cache(maxsize=4)
def load_resources(config: Config = DEFAULT) -> Resources:
    lexicon = load_lexicon(tuple(config.data), config.builtin_data)
    return Resources(
        nlp=load_pipeline(config.pipeline),
        knowledge=load_actor_knowledge(tuple(config.data), config.builtin_data),
        lexicon=lexicon,
        gazetteer=load_gazetteer(config.gazetteer_min_population),
        versions=versions(config),
        attribution=attribution.load_attribution_lexicon(tuple(config.data), builtin=config.builtin_data),
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
    return process_articles([article], config)[0]


def process_articles(articles: Sequence[Article], config: Config = DEFAULT) -> list[DocumentResult]:
    """Code clean articles, one result each, in order. Their sentences are parsed in one batch (faster than one
    article at a time); everything after parsing is per article. The cue files are the config's
    (``datafile.data_scope``: the built-in ones with the user's ``--data`` files laid over them)."""
    with data_scope(config.data, config.builtin_data):
        return _process_articles(articles, config)


def _process_articles(articles: Sequence[Article], config: Config) -> list[DocumentResult]:
    current = versions(config)
    results = [DocumentResult(document_id=a.id, status="ok", article=a, versions=current) for a in articles]
    todo = []
    for article, result in zip(articles, results, strict=True):
        if article.language and article.language not in config.languages:
            result.status, result.reason = "skipped", f"language: {article.language}"
        else:
            todo.append((article, result))
    if not todo:
        return results  # nothing to code: no model is loaded
    res = load_resources(config)
    docs = _parse([article.text for article, _ in todo], res, config)
    heads = _parse_headlines([_headline(article, res) for article, _ in todo], res, config)  # for the label only
    for (article, result), doc, head in zip(todo, docs, heads, strict=True):
        _code(article, result, doc, res)
        result.label = label_document(result, headline=_headline_events(article, head, res))
    return results


def _parse(
    texts: list[str], res: Resources, config: Config, wants_parse: Callable[[str], bool] | None = None
) -> list[Doc]:
    def needs_ner(sent_doc: Doc) -> bool:
        return has_unknown_names(sent_doc, res.knowledge, res.nlp)

    wants_parse = wants_parse or _sentence_filter(res)
    return parse_articles(res.nlp, texts, wants_parse, config.batch_size, needs_ner=needs_ner)


def _headline(article: Article, res: Resources) -> str:
    """The title to code for the document label: "" when there is none or the text already starts with it."""
    title = (article.title or "").strip()
    if not title or article.text.lstrip().startswith(title):
        return ""
    return parseable_headline(title, _headline_lower(res.lexicon, res.knowledge))


def _headline_events(article: Article, doc: Doc, res: Resources) -> list[Event]:
    """The headline's events, for the document label only (``eventwire.label``: they vote with the headline's
    weight). They are not emitted in ``result.events``: the story's body reports the same events, and offsets in
    the result are offsets into ``article.text``, which does not hold the title."""
    if not len(doc):
        return []
    index = resolve_actors(doc, res.knowledge, res.nlp, _date(article.published))
    events = []
    for item in extract_events(doc, index, res.lexicon, article.id, unnamed=True):
        item.event.status, _cue = event_status(item.trigger, inherent_negation=item.entry.requires.negated)
        recode_intended(item.event, res.lexicon)
        events.append(item.event)
    return events


def _parse_headlines(titles: list[str], res: Resources, config: Config) -> list[Doc]:
    """The headlines' parses (every headline with a trigger word is parsed: its acts count with or without a
    coded party); one the parser finds no finite verb in is parsed again as the clause it abbreviates
    ("Chile denounces actions" → "Chile denounced actions": see ``eventwire.headline``)."""
    forms = res.lexicon.trigger_forms

    def has_trigger(sentence: str) -> bool:
        return any(word in forms for word in _words(sentence))

    docs = _parse(titles, res, config, has_trigger)
    verbs = _verb_forms(res.lexicon)
    rewrites = [finite_headline(doc, verbs) for doc in docs]
    again = [i for i, rewrite in enumerate(rewrites) if rewrite is not None]
    texts = [rewrites[i].text for i in again]  # type: ignore[union-attr]
    for i, doc in zip(again, _parse(texts, res, config, has_trigger), strict=True):
        docs[i] = set_lemmas(doc, rewrites[i].lemmas)  # type: ignore[union-attr]
    return docs


@lru_cache(maxsize=4)
def _verb_forms(lexicon: Lexicon) -> dict[str, str]:
    return present_forms({entry.lemma for entry in lexicon.entries if entry.pos == "VERB"})


def headline_events(articles: Sequence[Article], config: Config = DEFAULT) -> list[list[Event]]:
    """The events of each article's headline, as ``process_articles`` codes them for the document label."""
    with data_scope(config.data, config.builtin_data):
        res = load_resources(config)
        docs = _parse_headlines([_headline(article, res) for article in articles], res, config)
        return [_headline_events(article, doc, res) for article, doc in zip(articles, docs, strict=True)]


def _sentence_filter(res: Resources) -> Callable[[str], bool]:
    forms = res.lexicon.trigger_forms
    cues = _actor_cue_words(res.knowledge)

    def wants_parse(sentence: str) -> bool:
        """A sentence can hold an event when it has a trigger word and something that can be an actor: a
        capitalised word (not a stop word), a pronoun, or a role noun ("troops", "protesters")."""
        words = list(_words(sentence))
        if not any(word in forms for word in words):
            return False
        tokens = sentence.split()
        first = tokens[0].strip("“\"'‘(") if tokens else ""
        if first[:1].isupper() and first.lower() not in STOP_WORDS:
            return True  # "Iran will close the strait …"
        return any(w[:1].isupper() for w in tokens[1:]) or any(word in cues for word in words)

    return wants_parse


def _code(article: Article, result: DocumentResult, doc: Doc, res: Resources) -> None:
    """Actors, events, enrichment and attribution of one parsed article, into its result."""
    published = _date(article.published)
    index = resolve_actors(doc, res.knowledge, res.nlp, published)
    found = extract_events(doc, index, res.lexicon, article.id)
    countries = index.country_counts()
    for item in found:
        _enrich(item, published, countries, res.gazetteer, res.versions)
        locate_roles(item.event, index)
        recode_intended(item.event, res.lexicon)
        finish_sides(item.event)
        item.event.kind = event_kind(item.event.plover, item.event.cameo)  # after every recoding step
    result.quotes = attribution.extract_quotes(doc, index.span_actor, lexicon=res.attribution)
    quote_speakers(found, result.quotes)  # "'We support Mauritius,' Misri said": the speaker's side acts
    events = [item.event for item in found if has_party(item.event)]
    result.citations = attribution.extract_citations(doc, lexicon=res.attribution)
    attribution.link_citations(result.citations, events, doc, lexicon=res.attribution)
    result.events = events
    result.actors = [a for a in index.actors.values() if a.mentions]
    overlong = int(doc.user_data.get("overlong") or 0)
    if overlong:  # said in the result, so a reader knows what was not coded
        article.metadata["overlong_sentences"] = overlong
    if not events:
        result.reason = "no events found"
        if overlong:
            result.reason += (
                f" ({overlong} over-long sentence{'s' if overlong > 1 else ''} not parsed: over "
                f"{MAX_SENTENCE_WORDS} words, {MAX_SENTENCE_CHARS:,} characters or a word of {MAX_WORD_CHARS:,})"
            )


STOP_WORDS = frozenset(STOP_WORDS_EN)
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "his", "her", "their", "its", "them", "him", "our"})


@lru_cache(maxsize=4)
def _headline_lower(lexicon: Lexicon, knowledge: ActorKnowledge) -> frozenset[str]:
    """Words a title-case headline writes with a capital only for style: function words, triggers, the other
    words of the lexicon (light verbs, objects, modifiers) and role nouns."""
    return STOP_WORDS | lexicon.trigger_forms | lexicon.word_forms | _actor_cue_words(knowledge)


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
    return process_raws([raw], config)[0]


def process_raws(raws: Sequence[RawDocument], config: Config = DEFAULT) -> list[DocumentResult]:
    """Clean and code documents (parsed in one batch), one result each, in order. Whatever one document raises
    becomes its own failed result: an ``InputError`` with its code, any other exception an ``InternalError``
    ([E900], one line naming the document and the exception; the traceback in ``result.traceback``). When the
    batch's parse raises, each document is coded again alone, so only the one that raised fails."""
    results: list[DocumentResult | None] = []
    articles: list[tuple[int, Article]] = []
    for raw in raws:
        try:
            articles.append((len(results), clean(raw, config)))
            results.append(None)
        except EventwireError as exc:
            results.append(_failure(raw.id or raw.source, exc))
        except Exception as exc:  # a bug the input set off: this document's failure, not the batch's
            results.append(_failure(raw.id or raw.source, InternalError.wrap(exc, raw.source)))
    try:
        coded = process_articles([a for _, a in articles], config)
    except Exception:
        coded = [_process_alone(a, config) for _, a in articles]  # find which one failed
    for (position, _), result in zip(articles, coded, strict=True):
        results[position] = result
    return [r for r in results if r is not None]


def _failure(document_id: str, exc: EventwireError, article: Article | None = None) -> DocumentResult:
    return DocumentResult(
        document_id=document_id,
        status="failed",
        reason=str(exc),
        article=article,
        traceback=exc.traceback if isinstance(exc, InternalError) else None,
    )


def _process_alone(article: Article, config: Config) -> DocumentResult:
    try:
        return process_article(article, config)
    except EventwireError as exc:
        return _failure(article.id, exc, article)
    except Exception as exc:
        return _failure(article.id, InternalError.wrap(exc, article.source), article)


def extract(
    text_or_html: str,
    published: str | dt.date | None = None,
    *,
    url: str | None = None,
    config: Config | None = None,
) -> DocumentResult:
    """Code one page (HTML or text, chrome and all). Unreadable input raises an InputError; any other exception
    raised on the way becomes an ``InternalError`` ([E900], with the original as its cause)."""
    raw = RawDocument(
        source="<text>",
        content=text_or_html,
        url=url,
        published=published.isoformat() if isinstance(published, dt.date) else published,
    )
    try:
        article = clean(raw, config or DEFAULT)
        return process_article(article, config or DEFAULT)
    except EventwireError:
        raise
    except Exception as exc:
        raise InternalError.wrap(exc, raw.source) from exc


def extract_many(
    texts: Iterable[tuple[str, str | dt.date | None]], config: Config | None = None
) -> Iterator[DocumentResult]:
    """Code many (text, published) pairs in this process, in batches; a failure becomes that document's status."""
    raws = (
        RawDocument(
            source=f"<text {i + 1}>",
            content=text,
            published=published.isoformat() if isinstance(published, dt.date) else published,
        )
        for i, (text, published) in enumerate(texts)
    )
    for batch in _batches(raws, BATCH_DOCUMENTS):
        yield from process_raws(batch, config or DEFAULT)


BATCH_DOCUMENTS = 16  # documents whose sentences are parsed together


def _batches(items: Iterable, size: int) -> Iterator[list]:  # type: ignore[type-arg]
    batch: list = []  # type: ignore[type-arg]
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _worker_init(config: Config) -> None:
    """Each worker uses one core: BLAS thread pools inherited from the parent would oversubscribe the machine."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)
    load_resources(config)  # already loaded in the parent when the pool forks; loads here otherwise


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

    check_data_files(config)  # a broken user file ends the run before any document, not each document

    def items() -> Iterator[RawDocument | DocumentResult]:
        for item in iter_documents(inputs, pattern=pattern, field_map=field_map, config=config):
            if isinstance(item, (InputError, InternalError)):
                status: DocStatus = "skipped" if isinstance(item, NotARegularFile) else "failed"
                yield DocumentResult(
                    document_id=item.source or "?",
                    status=status,
                    reason=str(item),
                    traceback=item.traceback if isinstance(item, InternalError) else None,
                )
                continue
            item = _hinted(item, hints)
            try:
                stored = known is not None and known(item)
            except EventwireError:
                raise  # the store's own errors (busy, read-only) end the run: every document would meet them
            except Exception as exc:
                yield _failure(item.id or item.source, InternalError.wrap(exc, item.source))
                continue
            if stored:
                yield DocumentResult(document_id=item.id or item.source, status="skipped", reason="already stored")
            else:
                yield item

    def code(batch: list[RawDocument | DocumentResult]) -> list[DocumentResult]:
        raws = [item for item in batch if isinstance(item, RawDocument)]
        return _interleave(batch, process_raws(raws, config) if raws else [])

    if workers <= 1:
        for batch in _batches(items(), BATCH_DOCUMENTS):
            yield from code(batch)
        return
    load_resources(config)  # once, before forking: the workers share the loaded pipeline and tables
    context = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else None
    size = max(1, BATCH_DOCUMENTS // 2)
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_worker_init, initargs=(config,)
    ) as pool:
        pending: list = []
        for batch in _batches(items(), size):
            raws = [item for item in batch if isinstance(item, RawDocument)]
            pending.append((batch, _submit(pool, raws, config) if raws else None))
            while len(pending) > workers * 4:
                done, future = pending.pop(0)
                yield from _interleave(done, _outcome(done, future))
        for done, future in pending:
            yield from _interleave(done, _outcome(done, future))


def _submit(pool: ProcessPoolExecutor, raws: list[RawDocument], config: Config) -> Future:  # type: ignore[type-arg]
    try:
        return pool.submit(process_raws, raws, config)
    except Exception as exc:  # a broken pool takes no more work: the batch's documents fail with the reason
        failed: Future = Future()  # type: ignore[type-arg]
        failed.set_exception(exc)
        return failed


def _outcome(batch: list[RawDocument | DocumentResult], future: Future | None) -> list[DocumentResult]:  # type: ignore[type-arg]
    """A worker's results for its batch; when the worker itself died (killed, out of memory) or its results could
    not come back, each document of the batch fails with that reason, and the run goes on with the other batches
    (``ProcessPoolExecutor`` then refuses new work: those batches fail too, each document with the reason)."""
    if future is None:
        return []
    try:
        return future.result()  # type: ignore[no-any-return]
    except Exception as exc:
        raws = [item for item in batch if isinstance(item, RawDocument)]
        return [_failure(raw.id or raw.source, InternalError.wrap(exc, raw.source, "a worker process")) for raw in raws]


def _interleave(batch: list[RawDocument | DocumentResult], coded: list[DocumentResult]) -> list[DocumentResult]:
    """The batch's results in input order: results already known stay, documents take their coded result."""
    it = iter(coded)
    return [item if isinstance(item, DocumentResult) else next(it) for item in batch]


def _hinted(raw: RawDocument, hints: dict[str, str] | None) -> RawDocument:
    for key, value in (hints or {}).items():
        if value is not None:
            setattr(raw, key, value)
    return raw
