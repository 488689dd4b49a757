"""The record types of eventwire, defined once.

Every record that comes from text carries character offsets (``start``, ``end``) into the article's
clean text (``Article.text``), so that ``article.text[start:end] == text`` and a user can check it.

Records are plain, picklable dataclasses. ``to_dict`` gives JSON-ready dicts; ``from_dict`` rebuilds
them; ``json_schema`` is generated from these classes (see ``schema/document_result.schema.json``).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar, get_args, get_origin, get_type_hints

Status = Literal["asserted", "intended", "hypothetical", "negated", "denied"]
DocStatus = Literal["ok", "skipped", "failed"]
DatePrecision = Literal["day", "month", "year", "unknown"]
DateAnchor = Literal["explicit", "published", "unresolved", "background"]
PlacePrecision = Literal["city", "admin1", "country", "facility"]
CitationKind = Literal["anonymous", "media", "official", "person", "document", "other"]
QuoteKind = Literal["direct", "indirect"]
ActorKind = Literal["person", "state", "organization", "group", "sector", "unknown"]
EventKind = Literal["event", "statement"]
STATEMENT_CAMEO_ROOT = "01"  # CAMEO 010-019: make a public statement, decline to comment, ...
# Where an event actor's country comes from: its own phrase ("Sudanese police", "police in Khartoum", a coded
# name), a place named in its sentence, or the article's home country (its dateline, else its dominant country).
CountryFrom = Literal["text", "place", "article"]


@dataclass(slots=True)
class TextSpan:
    """A piece of the clean text: ``text == article.text[start:end]``."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class RawDocument:
    """One document as a reader found it, before cleaning: what the input gate turns into an Article.

    ``content`` is the page (HTML or text) as read; ``content_type`` says which when the reader knows
    ("html" | "text"), else the cleaner sniffs it. The other fields are what the caller or the
    container (JSONL fields, WARC headers) already knows; the page itself fills the rest.
    """

    source: str  # path, "path:line", "file.warc.gz#record-3", "-"
    content: str
    content_type: str | None = None
    id: str | None = None
    url: str | None = None
    published: str | None = None
    outlet: str | None = None
    title: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Article:
    """One document after reading and cleaning: the text that everything else is coded from."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD)
    outlet: str | None = None
    author: str | None = None
    language: str | None = None
    source: str | None = None  # where it was read from: path, path:line, warc record, "-"
    removed_lines: list[str] = field(default_factory=list)  # chrome lines the cleaner dropped
    metadata: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Mention:
    """One place in the text that refers to an actor (a name, a title, a capital, a pronoun...)."""

    text: str
    start: int
    end: int
    actor_id: str
    kind: str  # name | demonym | capital | role | pronoun | possessive | acronym


@dataclass(slots=True)
class Actor:
    """An entity of the article, resolved and coded, with every mention of it."""

    id: str
    name: str
    kind: ActorKind = "unknown"
    country: str | None = None  # ISO-3166 alpha-3, or an IGO/NGO top-level code
    sector: str | None = None  # GOV, MIL, REB, ...
    code: str | None = None  # CAMEO-style code, e.g. USAGOV
    role: str | None = None  # title as the article gives it ("Vice President")
    knowledge: str | None = None  # which data entry coded it, e.g. offices.tsv:Donald Trump
    mentions: list[Mention] = field(default_factory=list)


@dataclass(slots=True)
class EventActor:
    """An event participant: the span the event rests on and the actor it stands for."""

    text: str
    start: int
    end: int
    name: str
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    actor_id: str | None = None
    country_from: CountryFrom | None = None  # None when there is no country


@dataclass(slots=True)
class Plover:
    type: str | None
    mode: str | None = None


@dataclass(slots=True)
class Cameo:
    code: str
    root: str
    quad_class: int
    goldstein: float | None = None


@dataclass(slots=True)
class TimeRef:
    """When an event happened, resolved against the publication date where the text allows it."""

    value: str | None  # ISO date (YYYY-MM-DD), or None when unresolved
    precision: DatePrecision = "unknown"
    text: str | None = None
    start: int | None = None
    end: int | None = None
    anchor: DateAnchor = "unresolved"
    # "explicit": the text gives the date whole ("on Nov. 5, 2024"); "published": resolved against the publication
    # date ("on Monday"), or the publication day itself when the text gives none; "background": an earlier event
    # the text gives no date for ("when the UK returned the territory to China", "has long refused"), left
    # unresolved rather than dated on the publication day; "unresolved": anything else with no value.


@dataclass(slots=True)
class Place:
    name: str
    country: str | None = None  # ISO alpha-3
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    precision: PlacePrecision = "city"
    text: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(slots=True)
class Quantity:
    value: float
    unit: str | None = None
    qualifier: str | None = None  # at least, more than, about, up to, ...
    text: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(slots=True)
class Versions:
    """What coded a result: the eventwire release and the digests of the lexicon files and of the other knowledge
    files that were loaded, the user's included (``eventwire.versions``)."""

    eventwire: str
    lexicon: str
    knowledge: str = ""


@dataclass(slots=True)
class Event:
    id: str
    document_id: str
    sentence_index: int
    trigger: TextSpan
    evidence: TextSpan  # the sentence the event was read from
    source: EventActor | None
    target: EventActor | None
    plover: Plover
    cameo: Cameo
    status: Status = "asserted"
    date: TimeRef | None = None
    location: Place | None = None
    quantities: list[Quantity] = field(default_factory=list)
    context: list[str] = field(default_factory=list)
    citations: list[str] = field(default_factory=list)  # Citation ids
    confidence: float = 0.5
    extractor: str = ""  # the rule (lexicon entry and pattern) or model that made it
    versions: Versions | None = None
    kind: EventKind = "event"  # "statement": a bare statement (see event_kind); derived, never set by hand

    def __post_init__(self) -> None:
        self.kind = event_kind(self.plover, self.cameo)


def event_kind(plover: Plover | None, cameo: Cameo | None) -> EventKind:
    """ "statement" for a bare statement — a CAMEO 01x code ("said", "declined to comment") with no PLOVER type —
    else "event". Statements stay in the output; tables, queries, stats and the PLOVER export show events unless
    asked for statements."""
    if (plover is None or not plover.type) and cameo is not None and cameo.code[:2] == STATEMENT_CAMEO_ROOT:
        return "statement"
    return "event"


@dataclass(slots=True)
class Quote:
    id: str
    text: str
    start: int
    end: int
    kind: QuoteKind
    speaker: EventActor | None = None
    cue: TextSpan | None = None  # the speech verb ("said", "explained")
    venue: str | None = None  # where it was said ("CBS News' Face the Nation")


@dataclass(slots=True)
class Citation:
    """A source the article cites for what it reports."""

    id: str
    text: str
    start: int
    end: int
    kind: CitationKind
    cue: str | None = None  # "according to", "reported by", ...
    events: list[str] = field(default_factory=list)  # ids of events it supports


@dataclass(slots=True)
class DocumentLabel:
    """The document's main PLOVER type (what the story is mostly about), and what decided it."""

    plover: str | None
    confidence: float = 0.0
    by: str = "rules"  # "rules" (from the coded events) or "model:<name>" (the learned second opinion)


@dataclass(slots=True)
class DocumentResult:
    """What eventwire reads out of one document."""

    document_id: str
    status: DocStatus
    reason: str | None = None
    article: Article | None = None
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    label: DocumentLabel | None = None
    versions: Versions | None = None
    # a failed document's traceback when a stage raised an unexpected exception ([E900]); shown by the CLI with
    # --verbose only, never written with the result
    traceback: str | None = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        data = to_dict(self)
        data.pop("traceback", None)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentResult:
        return from_dict(cls, data)


def to_dict(record: Any) -> dict[str, Any]:
    """A JSON-ready dict of any record (nested records become dicts)."""
    return dataclasses.asdict(record)


T = TypeVar("T")


def _build(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in get_args(tp) if a is not type(None)]
        return _build(args[0], value) if len(args) == 1 else value
    if origin is list:
        (item,) = get_args(tp)
        return [_build(item, v) for v in value]
    if dataclasses.is_dataclass(tp) and isinstance(value, dict):
        return from_dict(tp, value)
    return value


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild a record (and its nested records) from ``to_dict`` output; unknown keys are ignored."""
    hints = get_type_hints(cls)
    kwargs = {f.name: _build(hints[f.name], data[f.name]) for f in dataclasses.fields(cls) if f.name in data}
    return cls(**kwargs)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a DocumentResult, generated from the dataclasses above."""
    from pydantic import TypeAdapter

    schema = TypeAdapter(DocumentResult).json_schema()
    schema["properties"].pop("traceback", None)  # never written (``DocumentResult.to_dict``)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://eventwire.invalid/schema/document_result.schema.json"
    return schema


if __name__ == "__main__":  # python -m eventwire.model > schema/document_result.schema.json
    import json
    import sys

    json.dump(json_schema(), sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")
