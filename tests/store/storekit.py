"""Hand-built DocumentResults for the store's tests (no NLP: fast and independent of the pipeline)."""

from __future__ import annotations

import io
import json
import subprocess
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

from eventwire.model import (
    Actor,
    Article,
    Cameo,
    Citation,
    DocumentResult,
    Event,
    EventActor,
    Place,
    Plover,
    Quantity,
    Quote,
    TextSpan,
    TimeRef,
    Versions,
)
from eventwire.urls import document_id

VERSIONS = Versions(eventwire="0.1.0", lexicon="test-1")

COUNTRY_NAMES = {"USA": "United States", "RUS": "Russia", "UKR": "Ukraine", "CHN": "China", "FRA": "France"}


def actor(country: str, sector: str | None = None, name: str | None = None) -> EventActor:
    name = name or COUNTRY_NAMES.get(country, country)
    return EventActor(
        text=name,
        start=0,
        end=len(name),
        name=name,
        country=country,
        sector=sector,
        code=country + (sector or ""),
    )


def event(
    eid: str,
    *,
    sentence: str,
    plover: str = "ASSAULT",
    cameo: str = "190",
    source: EventActor | None = None,
    target: EventActor | None = None,
    date: str | None = "2024-11-10",
    precision: str = "day",
    place: Place | None = None,
    status: str = "asserted",
    mode: str | None = None,
    goldstein: float | None = -10.0,
    start: int = 0,
    sentence_index: int = 0,
) -> Event:
    trigger_word = sentence.split()[1] if len(sentence.split()) > 1 else sentence
    t0 = sentence.find(trigger_word)
    quad = 4 if cameo[:2] in ("14", "15", "17", "18", "19", "20") else 1
    return Event(
        id=eid,
        document_id="",
        sentence_index=sentence_index,
        trigger=TextSpan(trigger_word, start + t0, start + t0 + len(trigger_word)),
        evidence=TextSpan(sentence, start, start + len(sentence)),
        source=source if source is not None else actor("UKR", "MIL"),
        target=target if target is not None else actor("RUS"),
        plover=Plover(plover, mode),
        cameo=Cameo(code=cameo, root=cameo[:2], quad_class=quad, goldstein=goldstein),
        status=status,  # type: ignore[arg-type]
        date=TimeRef(value=date, precision=precision, text="on Sunday", anchor="explicit") if date else None,  # type: ignore[arg-type]
        location=place,
        quantities=[Quantity(value=34, unit="drones", qualifier="at least", text="at least 34 drones")],
        context=["military"],
        citations=["c1"],
        confidence=0.8,
        extractor="test:rule",
        versions=VERSIONS,
    )


MOSCOW = Place(name="Moscow", country="RUS", admin1="Moscow", lat=55.7558, lon=37.6173, geonames_id=524901)


def result(
    url: str | None,
    text: str,
    events: list[Event] | None = None,
    *,
    published: str = "2024-11-10",
    title: str = "A story",
    outlet: str | None = "example.com",
    status: str = "ok",
    reason: str | None = None,
) -> DocumentResult:
    """A DocumentResult for an article at ``url`` (or none) with ``text``; events get its document id."""
    doc = document_id(url, text)
    events = list(events or [])
    for e in events:
        e.document_id = doc
    article = Article(
        id=doc,
        text=text,
        title=title,
        url=url,
        published=published,
        outlet=outlet,
        language="en",
        source=url or "-",
    )
    quotes = [
        Quote(
            id="q1",
            text=text[:20],
            start=0,
            end=20,
            kind="direct",
            speaker=actor("UKR", "GOV", "Volodymyr Zelenskiy"),
            cue=TextSpan("said", 21, 25),
        )
    ]
    citations = [
        Citation(
            id="c1",
            text="officials",
            start=0,
            end=9,
            kind="official",
            cue="according to",
            events=[e.id for e in events],
        )
    ]
    actors = [Actor(id="a1", name="Ukraine", kind="state", country="UKR", code="UKR")]
    return DocumentResult(
        document_id=doc,
        status=status,
        reason=reason,  # type: ignore[arg-type]
        article=article if status == "ok" else None,
        actors=actors,
        events=events,
        quotes=quotes,
        citations=citations,
        versions=VERSIONS,
    )


WORDS = [
    "the",
    "government",
    "said",
    "on",
    "monday",
    "that",
    "officials",
    "would",
    "meet",
    "again",
    "next",
    "week",
    "to",
    "discuss",
    "the",
    "border",
    "agreement",
    "while",
    "observers",
    "noted",
    "that",
    "talks",
    "had",
    "stalled",
    "over",
    "questions",
    "of",
    "trade",
    "security",
    "and",
    "the",
    "release",
    "of",
    "prisoners",
    "held",
    "since",
    "the",
    "spring",
    "offensive",
    "in",
    "the",
    "eastern",
    "provinces",
    "according",
    "to",
    "several",
    "diplomats",
    "familiar",
    "with",
    "them",
]


def story_text(seed: int, n_words: int = 120) -> str:
    """A deterministic pseudo-article of ``n_words`` words, distinct for each seed."""
    import random

    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) + ("." if rng.random() < 0.08 else "") for _ in range(n_words))


def write_jsonl(path: Path, results: list[DocumentResult]) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for r in results:
            handle.write(json.dumps(r.to_dict()) + "\n")
    return path


TABLES = ("articles", "events", "evidence_index", "canonical_events", "actors", "quotes", "citations")


def dump(store, table: str) -> list[tuple]:
    """Every row of a table, in a stable order (for comparing database states)."""
    return store.conn.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()


def snapshot(store) -> dict[str, list[tuple]]:
    return {table: dump(store, table) for table in TABLES}


def run_cli(*args: str) -> subprocess.CompletedProcess:
    """``eventwire ARGS`` in this process: its exit code, stdout and stderr, as a subprocess would give them, but
    with the resources the test session has already loaded (a subprocess loads spaCy and the tables again)."""
    from eventwire.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(args))
    return subprocess.CompletedProcess(list(args), code, out.getvalue(), err.getvalue())
