"""Re-coding stored articles whose versions differ from the current ones, and merging again.

An article records the versions it was coded with (``eventwire.versions``: the eventwire release, and digests
of the lexicon files and of the other knowledge files, the user's ``--data`` files included). ``outdated``
lists the articles where any of the three differs from what the current config would record - a changed
lexicon entry, a new user cue file, or an article stored before knowledge versions existed (NULL) - and
``recode`` codes exactly those again from their stored text, replaces their records and merges every event
afresh. No model is loaded when nothing is outdated.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..config import Config
from ..model import Article, DocumentResult, Versions
from ..versions import versions as current_versions
from .db import Store
from .ingest import Ingestor, IngestReport, article_from_row
from .merge import remerge

__all__ = ["RecodeReport", "outdated", "recode"]

BATCH = 16  # articles whose sentences are parsed together


@dataclass
class RecodeReport:
    """What a recode did: the versions it coded with, the articles it found outdated, what ingest wrote."""

    versions: Versions
    outdated: int
    ingest: IngestReport
    canonical: int | None  # happenings after merging again; None when nothing was re-coded


def outdated(store: Store, versions: Versions, *, every: bool = False) -> list[str]:
    """The ids of the stored articles coded with other versions than ``versions`` (every article with
    ``every``), in id order."""
    where = (
        ""
        if every
        else " WHERE eventwire_version IS DISTINCT FROM ? OR lexicon_version IS DISTINCT FROM ?"
        " OR knowledge_version IS DISTINCT FROM ?"
    )
    params = [] if every else [versions.eventwire, versions.lexicon, versions.knowledge]
    rows = store.execute(f"SELECT document_id FROM articles{where} ORDER BY document_id", params).fetchall()
    return [row[0] for row in rows]


def recode(
    store: Store,
    config: Config,
    *,
    every: bool = False,
    on_result: Callable[[DocumentResult], None] | None = None,
) -> RecodeReport:
    """Code again the outdated articles of ``store`` (all with ``every``) with ``config``, replace their records
    and merge again. A document that fails keeps its old records and counts as failed."""
    versions = current_versions(config)
    ids = outdated(store, versions, every=every)
    ingestor = Ingestor(store, force=True)
    if not ids:
        return RecodeReport(versions, 0, IngestReport(), None)

    def results() -> Iterator[DocumentResult]:
        from ..pipeline import process_articles

        for start in range(0, len(ids), BATCH):
            chunk = ids[start : start + BATCH]
            placeholders = ", ".join("?" for _ in chunk)
            rows = store.execute(
                f"SELECT text, article_json FROM articles WHERE document_id IN ({placeholders}) "
                "ORDER BY document_id",
                chunk,
            ).fetchall()
            articles = [article_from_row(text, article_json) for text, article_json in rows]
            try:
                coded = process_articles(articles, config)
            except Exception:  # noqa: BLE001 - find the article that fails; the others are coded
                coded = [_alone(article, config) for article in articles]
            yield from coded

    report = ingestor.ingest(results(), on_result=on_result)
    store.execute("BEGIN TRANSACTION")
    canonical = remerge(store.conn)
    store.execute("COMMIT")
    return RecodeReport(versions, len(ids), report, canonical)


def _alone(article: Article, config: Config) -> DocumentResult:
    from ..pipeline import process_article

    try:
        return process_article(article, config)
    except Exception as exc:  # noqa: BLE001 - one article's failure is its own
        reason = f"{type(exc).__name__}: {exc}".splitlines()[0]
        return DocumentResult(document_id=article.id, status="failed", reason=reason, article=article)
