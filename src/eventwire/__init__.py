"""eventwire: news pages in, evidenced political event data (PLOVER 2.0 and CAMEO) out.

Public surface::

    import eventwire
    result = eventwire.extract(page_text_or_html, published="2024-11-10")
    for event in result.events: ...

Heavy modules (spaCy) load on first use, so ``import eventwire`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._version import __version__
from .config import Config, load_config
from .model import Article, DocumentResult, Event, RawDocument

if TYPE_CHECKING:
    from .pipeline import extract, extract_many, process_article, process_raw, run

__all__ = [
    "__version__", "Config", "load_config", "Article", "DocumentResult", "Event", "RawDocument",
    "extract", "extract_many", "process_article", "process_raw", "run",
]  # fmt: skip


def __getattr__(name: str) -> Any:
    if name in ("extract", "extract_many", "process_article", "process_raw", "run"):
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'eventwire' has no attribute {name!r}")
