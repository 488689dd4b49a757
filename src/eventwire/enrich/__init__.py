"""The enrich stage: the date, place, quantities and status of an event found by the events stage.

Each function takes the event's trigger token (from a Doc made by ``eventwire.nlp.load_pipeline()``)
and reads the parse around it; none of them fails on unparsed sentences.
"""

from __future__ import annotations

from .place import Gazetteer, event_place, load_gazetteer
from .quantity import event_quantities
from .status import event_status
from .time import event_date, resolve_expression

__all__ = [
    "Gazetteer",
    "event_date",
    "event_place",
    "event_quantities",
    "event_status",
    "load_gazetteer",
    "resolve_expression",
]
