"""Event records for the document-label tests."""

from __future__ import annotations

from eventwire.model import Cameo, Event, Plover, TextSpan


def ev(ptype: str | None, sentence: int = 0, status: str = "asserted", confidence: float = 0.5) -> Event:
    return Event(
        id=f"e-{ptype}-{sentence}-{status}",
        document_id="d",
        sentence_index=sentence,
        trigger=TextSpan("x", 0, 1),
        evidence=TextSpan("x.", 0, 2),
        source=None,
        target=None,
        plover=Plover(ptype),
        cameo=Cameo(code="000", root="00", quad_class=0),
        status=status,  # type: ignore[arg-type]
        confidence=confidence,
    )
