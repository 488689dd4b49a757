"""The event store: an embedded DuckDB database of articles, events, actors, quotes and cited sources.

``open_store`` opens it (one writer at a time; readers see the last committed state), ``Ingestor`` writes
DocumentResults a transaction per batch (identity, wire copies, merging), ``query``/``stats`` read it and
``export`` writes the formats the field loads.
"""

from .db import SCHEMA_VERSION, Store, open_store
from .export import FORMATS, export
from .ingest import Ingestor, IngestReport, ingest_results, read_results_jsonl
from .merge import remerge
from .query import Filters, query, stats

__all__ = [
    "FORMATS",
    "SCHEMA_VERSION",
    "Filters",
    "IngestReport",
    "Ingestor",
    "Store",
    "export",
    "ingest_results",
    "open_store",
    "query",
    "read_results_jsonl",
    "remerge",
    "stats",
]
