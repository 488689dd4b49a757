"""Hand-built eventwire records for the scorer tests (no NLP: fast and independent of the pipeline)."""

from __future__ import annotations

from eventwire.model import (
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
)


def actor(country: str | None = None, code: str | None = None, name: str = "someone") -> EventActor:
    return EventActor(text=name, start=0, end=len(name), name=name, country=country, code=code)


def event(
    ptype: str | None,
    cameo: str = "000",
    source: EventActor | None = None,
    target: EventActor | None = None,
    *,
    sentence: str = "A sentence.",
    sentence_index: int = 0,
    mode: str | None = None,
    status: str = "asserted",
    confidence: float = 0.5,
    date: str | None = None,
    location: Place | None = None,
    quantities: list[Quantity] | None = None,
    extractor: str = "test:rule",
) -> Event:
    return Event(
        id=f"ev-{ptype}-{cameo}-{sentence_index}",
        document_id="doc",
        sentence_index=sentence_index,
        trigger=TextSpan("x", 0, 1),
        evidence=TextSpan(sentence, 0, len(sentence)),
        source=source,
        target=target,
        plover=Plover(ptype, mode),
        cameo=Cameo(code=cameo, root=cameo[:2], quad_class=0),
        status=status,  # type: ignore[arg-type]
        date=TimeRef(value=date, precision="day" if date else "unknown") if date is not None else None,
        location=location,
        quantities=quantities or [],
        confidence=confidence,
        extractor=extractor,
    )


def result(
    events: list[Event],
    text: str = "",
    *,
    title: str | None = None,
    quotes: list[Quote] | None = None,
    citations: list[Citation] | None = None,
) -> DocumentResult:
    return DocumentResult(
        document_id="doc",
        status="ok",
        article=Article(id="doc", text=text, title=title),
        events=events,
        quotes=quotes or [],
        citations=citations or [],
    )


__all__ = ["actor", "event", "result", "Place", "Quantity", "Quote", "Citation", "TextSpan"]
