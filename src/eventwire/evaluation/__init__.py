"""Measuring eventwire against gold data: readers and scorers for four gold formats.

- ``plover-gsr``: the PLOVER gold-standard JSON (CAMEO-manual sentences, PLOVER v0.5 names mapped to 2.0);
- ``petrarch``: PETRARCH2's validation records XML (fictional countries, full CAMEO actor codes);
- ``article``: a hand-coded article key (``*.expected.json``: must/should/may events, quotes, cited sources);
- ``ngec``: NGEC synthetic stories (zipped CSV; document-level PLOVER type, split by headline template).

``evaluate(paths, ...)`` runs eventwire over each gold file and returns one JSON-ready dict;
``render_report`` turns it into text. ``score_article`` is the strict scorer of one article's result.
See docs/evaluation.md for exactly what counts as a match in each format.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..errors import InputError, MalformedInput, UnreadableInput
from .article import article_totals, evaluate_article, read_article_gold, score_article
from .ngec import SPLITS, document_type, evaluate_ngec, read_ngec, split_stories
from .petrarch import evaluate_petrarch, read_petrarch
from .plover_gsr import evaluate_plover_gsr, read_plover_gsr
from .report import CAVEAT, Extractor, make_extractor, render_report

FORMATS = ("plover-gsr", "petrarch", "article", "ngec")


def detect_format(path: str | Path) -> str:
    """Which gold format a file is in, from its name and first bytes."""
    path = Path(path)
    if not path.is_file():
        raise UnreadableInput("no such gold file", source=str(path))
    name = path.name.lower()
    if name.endswith((".zip", ".csv")):
        return "ngec"
    try:
        with path.open("rb") as handle:
            head = handle.read(4096).decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    except OSError as exc:
        raise UnreadableInput(f"cannot read gold file: {exc}", source=str(path)) from exc
    if head.startswith("<"):
        return "petrarch"
    if head.startswith("["):
        return "plover-gsr"
    if head.startswith("{"):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise MalformedInput(f"not a JSON file: {exc}", source=str(path)) from exc
        if isinstance(data, dict) and isinstance(data.get("events"), list):
            return "article"
    raise MalformedInput(
        "cannot tell the gold format",
        hint=f"name it with --format ({'|'.join(FORMATS)})",
        source=str(path),
    )


def evaluate_file(
    path: str | Path,
    *,
    format: str = "auto",
    config: Any = None,
    extract: Extractor | None = None,
    limit: int | None = None,
    split: str = "test",
) -> dict[str, Any]:
    """Run eventwire over one gold file and score it; ``extract`` replaces ``eventwire.extract`` (tests)."""
    fmt = detect_format(path) if format == "auto" else format
    if fmt == "plover-gsr":
        return evaluate_plover_gsr(path, config=config, extract=extract, limit=limit)
    if fmt == "petrarch":
        return evaluate_petrarch(path, config=config, extract=extract, limit=limit)
    if fmt == "article":
        return evaluate_article(path, config=config, extract=extract, limit=limit)
    if fmt == "ngec":
        return evaluate_ngec(path, config=config, extract=extract, limit=limit, split=split)
    raise InputError(f"unknown gold format {fmt!r}", hint=f"use one of: auto, {', '.join(FORMATS)}")


def evaluate(
    paths: list[str | Path],
    *,
    format: str = "auto",
    config: Any = None,
    extract: Extractor | None = None,
    limit: int | None = None,
    split: str = "test",
) -> dict[str, Any]:
    """Evaluate every gold file; returns ``{"caveat": ..., "reports": [one report per file]}``."""
    reports = [
        evaluate_file(p, format=format, config=config, extract=extract, limit=limit, split=split)
        for p in paths
    ]
    out: dict[str, Any] = {"caveat": CAVEAT, "reports": reports}
    articles = [r for r in reports if r.get("format") == "article"]
    if len(articles) > 1:
        out["totals"] = article_totals(articles)
    return out


__all__ = [
    "CAVEAT",
    "article_totals",
    "FORMATS",
    "SPLITS",
    "detect_format",
    "document_type",
    "evaluate",
    "evaluate_file",
    "make_extractor",
    "read_article_gold",
    "read_ngec",
    "read_petrarch",
    "read_plover_gsr",
    "render_report",
    "score_article",
    "split_stories",
]
