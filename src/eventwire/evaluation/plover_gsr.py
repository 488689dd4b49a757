"""The PLOVER gold standard (CAMEO-manual sentences coded in PLOVER v0.5): reader and scorer.

Scoring, per sentence (records sharing one sentence are grouped by its text): the set of PLOVER types eventwire
emits for the sentence against the set of gold types. A gold type in the emitted set is a true positive, a gold
type not in it a false negative, every other emitted type a false positive. Events without a PLOVER type (CAMEO
01/02 statements, comments) do not count. Actor countries are scored on matched events only; modes are not scored
(the file's modes are v0.5 modes with no mapping to PLOVER 2.0).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import MalformedInput, UnreadableInput
from ..model import Event
from .report import (
    Extractor,
    Run,
    Tally,
    accuracy,
    confusion_table,
    event_brief,
    header,
    make_extractor,
    run_one,
)

FORMAT = "plover-gsr"

# PLOVER v0.5 names that PLOVER 2.0 renamed or merged (PLOVER 2.0 codebook).
V05_TO_20 = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
# The file's non-ISO country spellings (every other 3-letter code in it is ISO-3166 alpha-3).
NON_ISO = {"JAP": "JPN", "ITL": "ITA"}
# Codes that name no country: a gold side with only these is not scored.
NON_STATE = frozenset({"IGO", "NGO", "IMG"})
# A type needs this many gold sentences to enter the macro-F1.
MACRO_MIN_SUPPORT = 5
NO_TYPE = "(none)"


@dataclass(slots=True)
class GsrRecord:
    """One gold record: its event type (PLOVER 2.0 name) and its actors' country codes (ISO, mapped)."""

    id: str
    type: str
    raw_type: str
    source: frozenset[str] = frozenset()  # scored countries only (IGO/NGO/IMG left out)
    target: frozenset[str] = frozenset()
    source_codes: tuple[str, ...] = ()  # as the file gives them
    target_codes: tuple[str, ...] = ()


@dataclass(slots=True)
class GsrSentence:
    """One gold sentence and the records coded from it (two records share one sentence in the dev file)."""

    id: str
    text: str
    records: list[GsrRecord] = field(default_factory=list)

    @property
    def types(self) -> set[str]:
        return {r.type for r in self.records}


def _codes(side: Any) -> tuple[str, ...]:
    if not isinstance(side, list):  # missing, None or "" (no target)
        return ()
    return tuple(
        str(a.get("code") or "").strip().upper() for a in side if isinstance(a, dict) and a.get("code")
    )


def country_set(codes: tuple[str, ...]) -> frozenset[str]:
    """The ISO countries among gold codes: non-ISO spellings mapped, non-state codes left out."""
    out = set()
    for code in codes:
        code = NON_ISO.get(code[:3], code[:3])
        if len(code) == 3 and code not in NON_STATE:
            out.add(code)
    return frozenset(out)


def read_plover_gsr(path: str | Path) -> list[GsrSentence]:
    """Read the PLOVER gold-standard JSON (a list of records whose first is a header) grouped by sentence."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UnreadableInput(f"cannot read PLOVER gold file: {exc}", source=str(path)) from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MalformedInput(f"not a JSON file: {exc}", source=str(path)) from exc
    if not isinstance(data, list):
        raise MalformedInput("expected a JSON list of PLOVER records", source=str(path))
    sentences: dict[str, GsrSentence] = {}
    for i, rec in enumerate(data):
        if not isinstance(rec, dict):
            raise MalformedInput(f"record {i} is not an object", source=str(path))
        raw_type = str(rec.get("event") or "").strip().upper()
        if raw_type == "DOCUMENT" or not raw_type:  # the header record documents the file
            continue
        text = rec.get("text")
        if not isinstance(text, str) or not text.strip():
            raise MalformedInput(f"record {rec.get('id', i)!r} has no text", source=str(path))
        src, tgt = _codes(rec.get("source")), _codes(rec.get("target"))
        record = GsrRecord(
            id=str(rec.get("id") or f"record-{i}"),
            type=V05_TO_20.get(raw_type, raw_type),
            raw_type=raw_type,
            source=country_set(src),
            target=country_set(tgt),
            source_codes=src,
            target_codes=tgt,
        )
        key = " ".join(text.split())
        sentence = sentences.setdefault(key, GsrSentence(id=record.id, text=text.strip()))
        sentence.records.append(record)
    if not sentences:
        raise MalformedInput("no PLOVER records in the file", source=str(path))
    return list(sentences.values())


def _side_right(gold: frozenset[str], actor: Any) -> bool | None:
    """None when the gold side is not scored; else whether the event's country is one of the gold's."""
    if not gold:
        return None
    return actor is not None and actor.country in gold


def _best_event(record: GsrRecord, events: list[Event]) -> tuple[Event, bool | None, bool | None]:
    """The event (of the record's type) whose countries agree best with the record's."""
    best = None
    for event in events:
        s, t = _side_right(record.source, event.source), _side_right(record.target, event.target)
        score = int(bool(s)) + int(bool(t))
        if best is None or score > best[0]:
            best = (score, event, s, t)
    assert best is not None
    return best[1], best[2], best[3]


def score_plover_gsr(sentences: list[GsrSentence], runs: list[Run]) -> dict[str, Any]:
    """Score runs (one per sentence, same order) against the gold sentences; see the module docstring."""
    if len(sentences) != len(runs):
        raise ValueError("one run per gold sentence is needed")
    tally = Tally()
    pairs: list[tuple[str, str]] = []
    misses: list[dict[str, Any]] = []
    false_alarms: list[dict[str, Any]] = []
    sides = {"source": [0, 0], "target": [0, 0]}  # [right, scored]
    events_all_right = [0, 0]
    matched_detail: list[dict[str, Any]] = []
    for sentence, run in zip(sentences, runs, strict=True):
        typed = [e for e in run.events if e.plover.type]
        emitted = {e.plover.type for e in typed if e.plover.type}
        gold = sentence.types
        ids = ", ".join(r.id for r in sentence.records)
        for gtype in sorted(gold):
            if gtype in emitted:
                tally.add(gtype, tp=1)
                pairs.append((gtype, gtype))
            else:
                tally.add(gtype, fn=1)
                misses.append(
                    {
                        "id": ids,
                        "what": f"gold {gtype} not emitted (emitted: {', '.join(sorted(emitted)) or 'nothing'})",
                        "sentence": sentence.text,
                        "events": [event_brief(e) for e in run.events],
                    }
                )
            for other in sorted(emitted - gold):
                pairs.append((gtype, other))
            if gtype not in emitted and not emitted - gold:
                pairs.append((gtype, NO_TYPE))
        for other in sorted(emitted - gold):
            tally.add(other, fp=1)
            false_alarms.append(
                {
                    "id": ids,
                    "what": f"emitted {other}, gold is {', '.join(sorted(gold))}",
                    "sentence": sentence.text,
                    "events": [event_brief(e) for e in typed if e.plover.type == other],
                }
            )
        for record in sentence.records:
            candidates = [e for e in typed if e.plover.type == record.type]
            if not candidates:
                continue
            event, s_ok, t_ok = _best_event(record, candidates)
            scored = [ok for ok in (s_ok, t_ok) if ok is not None]
            for name, ok in (("source", s_ok), ("target", t_ok)):
                if ok is not None:
                    sides[name][0] += int(ok)
                    sides[name][1] += 1
            if scored:
                events_all_right[0] += int(all(scored))
                events_all_right[1] += 1
            matched_detail.append(
                {
                    "id": record.id,
                    "type": record.type,
                    "gold_source": sorted(record.source),
                    "gold_target": sorted(record.target),
                    "source_right": s_ok,
                    "target_right": t_ok,
                    "event": event_brief(event),
                }
            )
    per_type = tally.table()
    macro_types = [t for t, row in per_type.items() if row["tp"] + row["fn"] >= MACRO_MIN_SUPPORT]
    macro = sum(per_type[t]["f1"] for t in macro_types) / len(macro_types) if macro_types else None
    right = sides["source"][0] + sides["target"][0]
    scored = sides["source"][1] + sides["target"][1]
    return {
        "sentences": len(sentences),
        "gold_records": sum(len(s.records) for s in sentences),
        "overall": tally.overall(),
        "per_type": per_type,
        "macro_f1": None if macro is None else round(macro, 4),
        "macro_types": macro_types,
        "actors": {
            "source": accuracy(*sides["source"]),
            "target": accuracy(*sides["target"]),
            "both_sides": accuracy(right, scored),
            "events_all_right": accuracy(*events_all_right),
        },
        "confusion": confusion_table(pairs),
        "matched": matched_detail,
        "misses": misses,
        "false_alarms": false_alarms,
    }


def evaluate_plover_gsr(
    path: str | Path, *, config: Any = None, extract: Extractor | None = None, limit: int | None = None
) -> dict[str, Any]:
    """Run eventwire over the gold sentences (with no publication date: the file has none) and score it."""
    sentences = read_plover_gsr(path)[: limit if limit else None]
    extract = extract or make_extractor(config)
    runs = [run_one(extract, s.text, None, s.id) for s in sentences]
    report = header(FORMAT, str(path))
    report["notes"] = [
        "v0.5 types mapped to PLOVER 2.0: " + ", ".join(f"{k}->{v}" for k, v in V05_TO_20.items()),
        "modes not scored (v0.5 modes); IGO/NGO/IMG sides not scored; JAP->JPN, ITL->ITA",
    ]
    report["documents"] = len(runs)
    report["crashes"] = [r.crash for r in runs if r.crash]
    report["failed"] = [
        {"id": s.id, "reason": r.result.reason}
        for s, r in zip(sentences, runs, strict=True)
        if r.result is not None and r.result.status == "failed"
    ]
    report.update(score_plover_gsr(sentences, runs))
    return report
