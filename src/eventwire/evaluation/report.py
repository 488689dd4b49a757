"""What every scorer shares: counts and P/R/F1, how documents are run, and the printed report.

Scorers return plain JSON-ready dicts; ``render_report`` turns one (or a list of them) into the text that
``eventwire evaluate`` prints. Nothing here prints.
"""

from __future__ import annotations

import re
import traceback
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .._version import __version__
from ..model import DocumentResult, Event, EventActor

CAVEAT = (
    "None of these gold sets is modern real news: the PLOVER gold standard is CAMEO-manual text from around "
    "2000, the PETRARCH records are about fictional countries, the NGEC stories are synthetic (pseudo-labels), "
    "and the article key is one hand-coded page. Read the figures as regression checks, not as accuracy on news."
)

# (text, published) -> DocumentResult. The default runs eventwire.extract; tests pass a fake.
Extractor = Callable[[str, str | None], DocumentResult]


def make_extractor(config: Any = None) -> Extractor:
    """An extractor that runs ``eventwire.extract(text, published, config=config)``."""

    def run(text: str, published: str | None) -> DocumentResult:
        import eventwire  # imported late: the pipeline is only needed when gold is really run

        return eventwire.extract(text, published, config=config)

    return run


@dataclass(slots=True)
class Run:
    """One gold document run through the extractor: its result, or the crash that replaced it."""

    result: DocumentResult | None
    crash: dict[str, Any] | None = None

    @property
    def events(self) -> list[Event]:
        return list(self.result.events) if self.result is not None else []


def run_one(extract: Extractor, text: str, published: str | None, doc_id: str) -> Run:
    """Run one document; any exception becomes a recorded crash (it never stops the evaluation)."""
    try:
        return Run(extract(text, published))
    except Exception as exc:  # noqa: BLE001 - a crash is a measured outcome here, not an error to raise
        frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
        where = f"{frame.filename}:{frame.lineno}" if frame else None
        return Run(
            None, {"id": doc_id, "error": type(exc).__name__, "message": str(exc)[:500], "where": where}
        )


def prf(tp: int, fp: int, fn: int) -> dict[str, Any]:
    """Counts with precision, recall and F1 (each 0.0 when its denominator is 0)."""
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
    }


class Tally:
    """TP/FP/FN counts per key (a PLOVER type, a CAMEO root...)."""

    def __init__(self) -> None:
        self.tp: Counter[str] = Counter()
        self.fp: Counter[str] = Counter()
        self.fn: Counter[str] = Counter()

    def add(self, key: str, *, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        self.tp[key] += tp
        self.fp[key] += fp
        self.fn[key] += fn

    def keys(self) -> list[str]:
        return sorted(set(self.tp) | set(self.fp) | set(self.fn))

    def table(self) -> dict[str, dict[str, Any]]:
        return {k: prf(self.tp[k], self.fp[k], self.fn[k]) for k in self.keys()}

    def overall(self) -> dict[str, Any]:
        return prf(sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values()))


def confusion_table(pairs: Iterable[tuple[str, str]]) -> dict[str, dict[str, int]]:
    """``{gold: {emitted: count}}`` from (gold, emitted) pairs."""
    table: dict[str, dict[str, int]] = {}
    for gold, emitted in pairs:
        row = table.setdefault(gold, {})
        row[emitted] = row.get(emitted, 0) + 1
    return {g: dict(sorted(row.items())) for g, row in sorted(table.items())}


def accuracy(right: int, scored: int) -> dict[str, Any]:
    return {"right": right, "scored": scored, "accuracy": round(right / scored, 4) if scored else None}


def actor_dict(actor: EventActor | None) -> dict[str, Any] | None:
    if actor is None:
        return None
    return {"text": actor.text, "name": actor.name, "country": actor.country, "code": actor.code}


def event_brief(event: Event) -> dict[str, Any]:
    """The part of an event a reader needs to see why it was (not) matched."""
    return {
        "plover": event.plover.type,
        "mode": event.plover.mode,
        "cameo": event.cameo.code,
        "source": actor_dict(event.source),
        "target": actor_dict(event.target),
        "status": event.status,
        "trigger": event.trigger.text,
        "evidence": event.evidence.text,
        "extractor": event.extractor,
    }


_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """Lower-cased word tokens (``\\w+``) of a text."""
    return [w.lower() for w in _WORD.findall(text or "")]


def header(fmt: str, gold: str) -> dict[str, Any]:
    return {"format": fmt, "gold": gold, "eventwire": __version__, "caveat": CAVEAT}


# ---------------------------------------------------------------------------------------------- rendering


def _pct(x: float | None) -> str:
    return "  n/a" if x is None else f"{x:5.3f}"


def _prf_line(name: str, row: dict[str, Any], width: int = 12) -> str:
    return (
        f"  {name:<{width}} P {_pct(row['precision'])}  R {_pct(row['recall'])}  F1 {_pct(row['f1'])}"
        f"   (tp {row['tp']}, fp {row['fp']}, fn {row['fn']})"
    )


def _acc_line(name: str, row: dict[str, Any] | None) -> str:
    if not row:
        return f"  {name:<20} n/a"
    return f"  {name:<20} {_pct(row['accuracy'])}  ({row['right']}/{row['scored']})"


def _event_line(e: dict[str, Any]) -> str:
    def side(a: dict[str, Any] | None) -> str:
        if not a:
            return "-"
        return f"{a.get('code') or a.get('country') or '?'}({a.get('text')})"

    return (
        f"      -> {e.get('plover') or '(no PLOVER)'} / CAMEO {e.get('cameo')} {side(e.get('source'))} -> "
        f"{side(e.get('target'))} [{e.get('status')}] by {e.get('extractor') or '?'}"
    )


def _render_confusion(table: dict[str, dict[str, int]]) -> list[str]:
    if not table:
        return []
    columns = sorted({c for row in table.values() for c in row})
    width = max(len(c) for c in [*columns, *table, "gold \\ emitted"])
    lines = ["Confusion (gold type x emitted type):"]
    widths = [max(len(c), 3) + 1 for c in columns]
    head = (
        "  "
        + "gold \\ emitted".ljust(width)
        + "".join(c.rjust(w) for c, w in zip(columns, widths, strict=True))
    )
    lines.append(head)
    for gold, row in table.items():
        cells = "".join(str(row.get(c, "")).rjust(w) for c, w in zip(columns, widths, strict=True))
        lines.append("  " + gold.ljust(width) + cells)
    return lines


def _render_items(title: str, items: list[dict[str, Any]]) -> list[str]:
    lines = [f"{title} ({len(items)}):"]
    for item in items:
        lines.append(f"  [{item.get('id')}] {item.get('what', '')}")
        if item.get("sentence"):
            lines.append(f"      {item['sentence'].strip()[:300]}")
        for e in item.get("events", []):
            lines.append(_event_line(e))
        if item.get("event"):
            lines.append(_event_line(item["event"]))
    return lines


def render_report(report: dict[str, Any]) -> str:
    """The printed form of a report from any scorer (or of ``{"reports": [...]}``)."""
    if "reports" in report:
        parts = [render_report(r) for r in report["reports"]]
        if report.get("totals"):
            parts.append(render_report(report["totals"]))
        return "\n\n".join(parts)
    lines = [f"== {report.get('format')}: {report.get('gold')}", f"NOTE: {report.get('caveat', CAVEAT)}"]
    for note in report.get("notes", []):
        lines.append(f"  - {note}")
    if "documents" in report:
        lines.append(f"Documents run: {report['documents']}   crashes: {len(report.get('crashes', []))}")
    for crash in report.get("crashes", []):
        lines.append(f"  CRASH [{crash['id']}] {crash['error']}: {crash['message']} ({crash.get('where')})")
    for name in ("overall", "loose", "dyad", "dyad_country"):
        if report.get(name):
            lines.append(_prf_line(name, report[name]))
    if report.get("macro_f1") is not None:
        lines.append(f"  macro-F1 {report['macro_f1']:.3f} over {', '.join(report.get('macro_types', []))}")
    for name, label in (("per_type", "Per PLOVER type:"), ("per_cameo_root", "Per CAMEO root:")):
        if report.get(name):
            lines.append(label)
            lines.extend(_prf_line(k, v) for k, v in report[name].items())
    if report.get("actors"):
        lines.append("Actor countries on matched events:")
        lines.extend(_acc_line(k, v) for k, v in report["actors"].items())
    for key, label in (("summary", "Summary:"), ("details_accuracy", "Detail on matched events:")):
        if report.get(key):
            lines.append(label)
            for k, v in report[key].items():
                lines.append(_acc_line(k, v) if isinstance(v, dict) else f"  {k:<20} {v}")
    lines.extend(_render_confusion(report.get("confusion", {})))
    for key, label in (("misses", "Misses"), ("false_alarms", "False alarms")):
        if key in report:
            lines.extend(_render_items(label, report[key]))
    return "\n".join(lines)
