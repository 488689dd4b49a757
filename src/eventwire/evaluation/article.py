"""The article key (``*.expected.json`` beside a page): reader and the strict scorer ``score_article``.

Matching rule, exactly as the key's ``about`` states it. An emitted event matches a gold event when
- its PLOVER type is the gold's ``plover`` (a list means any of them); ``null`` means the event has no PLOVER type.
  A gold that lists CAMEO codes but has no ``plover`` key is a CAMEO 01/02-style event: the same as ``null``.
  A gold with neither key (a ``may`` note) constrains no type;
- its CAMEO code is one listed in ``cameo``, where a 2- or 3-digit entry also accepts every longer code that
  begins with it ("10" accepts "100"-"109" and "1011"; "195" accepts "1951");
- its source and target countries are the gold's (``target: null`` means no target country); for CONSULT
  either direction is accepted. A side the gold does not mention is not checked;
- its evidence sentence contains most of the gold evidence: more than half of the gold evidence's word tokens
  (lower-cased ``\\w+``), aligned in order (``difflib``), occur in the event's evidence text.

An event matching a must/should gold counts for it. An event matching only a ``may`` gold is neither counted
for nor against. An event that matches nothing but repeats a matched event (same PLOVER type, or CAMEO root when
it has none, and the same actor countries, unordered for CONSULT) is a duplicate, not an error. Every other
event is a false alarm.
"""

from __future__ import annotations

import difflib
import json
import math
import re
from pathlib import Path
from typing import Any

from ..errors import MalformedInput, UnreadableInput
from ..model import DocumentResult, Event
from .report import Extractor, accuracy, event_brief, header, make_extractor, run_one, words

FORMAT = "article"
COUNTED = ("must", "should")
EVIDENCE_MIN_COVERAGE = 0.5  # strictly more than this share of the gold evidence's words
DEFAULT_TOLERANCE_KM = 25.0
_QUOTE_CHARS = "\"'“”‘’«»„ \t\n"


# ------------------------------------------------------------------------------------------------ reading


def read_article_gold(path: str | Path) -> dict[str, Any]:
    """Read an article key (JSON object with ``events``; ``document`` names the page beside it)."""
    path = Path(path)
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UnreadableInput(f"cannot read article key: {exc}", source=str(path)) from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MalformedInput(f"not a JSON file: {exc}", source=str(path)) from exc
    if not isinstance(gold, dict) or not isinstance(gold.get("events"), list):
        raise MalformedInput("an article key is a JSON object with an 'events' list", source=str(path))
    for i, g in enumerate(gold["events"]):
        if not isinstance(g, dict) or not isinstance(g.get("evidence"), str):
            raise MalformedInput(f"gold event {i} has no 'evidence' string", source=str(path))
        if g.get("level", "must") not in ("must", "should", "may"):
            raise MalformedInput(
                f"gold event {g.get('id', i)} has level {g.get('level')!r}", source=str(path)
            )
    return gold


def article_document(path: str | Path, gold: dict[str, Any]) -> Path:
    """The page a key describes: its ``document`` name beside the key, else the key's name less ``.expected.json``."""
    path = Path(path)
    name = gold.get("document") or path.name.replace(".expected.json", ".txt")
    return path.parent / name


# ----------------------------------------------------------------------------------------------- matching


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def evidence_coverage(gold_evidence: str, evidence: str) -> float:
    """Share of the gold evidence's words found, in order, in an event's evidence text."""
    want, have = words(gold_evidence), words(evidence)
    if not want:
        return 0.0
    matcher = difflib.SequenceMatcher(None, want, have, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(want)


def cameo_accepts(entries: list[str], code: str | None) -> bool:
    """Whether a CAMEO code is one of the entries (a 2- or 3-digit entry also accepts its sub-codes)."""
    if not code:
        return False
    for entry in entries:
        entry = str(entry)
        if code == entry or (len(entry) in (2, 3) and code.startswith(entry)):
            return True
    return False


def _gold_plover(gold: dict[str, Any]) -> tuple[bool, list[str | None]]:
    """(checked?, accepted types) for a gold event."""
    if "plover" in gold:
        return True, _as_list(gold["plover"])
    if "cameo" in gold:  # CAMEO 01/02-style event: no PLOVER type
        return True, [None]
    return False, []


def _country(actor: Any) -> str | None:
    return actor.country if actor is not None else None


def _side_want(gold: dict[str, Any], side: str) -> tuple[bool, str | list[str] | None]:
    """(checked?, wanted country or countries — a list means any of them) for one side of a gold event."""
    if side not in gold:
        return False, None
    value = gold[side]
    if value is None:
        return True, None
    if isinstance(value, dict):
        if "country" not in value:
            return False, None
        return True, value["country"]
    return False, None


def actors_match(event: Event, gold: dict[str, Any]) -> bool:
    """Source and target countries as the gold's (either direction for a CONSULT gold)."""
    s_checked, s_want = _side_want(gold, "source")
    t_checked, t_want = _side_want(gold, "target")
    have_s, have_t = _country(event.source), _country(event.target)

    def fits(have: str | None, want: str | list[str] | None) -> bool:
        return have in want if isinstance(want, list) else have == want

    def ok(hs: str | None, ht: str | None) -> bool:
        return (not s_checked or fits(hs, s_want)) and (not t_checked or fits(ht, t_want))

    if ok(have_s, have_t):
        return True
    return "CONSULT" in _as_list(gold.get("plover")) and ok(have_t, have_s)


def _kind_matches(event: Event, gold: dict[str, Any]) -> bool:
    """The matching rule without the actors: PLOVER type, CAMEO and evidence."""
    checked, types = _gold_plover(gold)
    if checked and event.plover.type not in types:
        return False
    if "cameo" in gold and not cameo_accepts([str(c) for c in _as_list(gold["cameo"])], event.cameo.code):
        return False
    return evidence_coverage(gold["evidence"], event.evidence.text) > EVIDENCE_MIN_COVERAGE


def event_matches(event: Event, gold: dict[str, Any]) -> bool:
    """The matching rule of the module docstring."""
    return _kind_matches(event, gold) and actors_match(event, gold)


def _repeat_key(event: Event) -> tuple[Any, ...]:
    kind = event.plover.type or f"cameo:{event.cameo.root}"
    pair: Any = (_country(event.source), _country(event.target))
    if event.plover.type == "CONSULT":
        pair = frozenset(pair)
    return (kind, pair)


# ------------------------------------------------------------------------------------------------ details


def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def _norm(text: str | None) -> str:
    text = (text or "").replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.split()).casefold()


def event_details(event: Event, gold: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each detail the gold gives (date, location, quantity, status, mode), emitted vs gold, and whether right."""
    out: dict[str, dict[str, Any]] = {}
    if isinstance(gold.get("date"), dict):
        want = gold["date"].get("resolved")
        have = event.date.value if event.date else None
        out["date"] = {"gold": want, "emitted": have, "right": have == want}
    if isinstance(gold.get("location"), dict):
        gl, loc = gold["location"], event.location
        emitted = (
            None
            if loc is None
            else {"name": loc.name, "country": loc.country, "lat": loc.lat, "lon": loc.lon}
        )
        right, km = False, None
        if loc is not None and gl.get("lat") is not None and gl.get("lon") is not None:
            if loc.lat is not None and loc.lon is not None:
                km = round(_haversine_km(gl["lat"], gl["lon"], loc.lat, loc.lon), 1)
                right = km <= float(gl.get("tolerance_km", DEFAULT_TOLERANCE_KM))
        elif loc is not None:
            right = loc.country == gl.get("country")
        out["location"] = {"gold": gl, "emitted": emitted, "km": km, "right": right}
    if isinstance(gold.get("quantity"), dict):
        gq = gold["quantity"]

        def fits(q: Any) -> bool:
            return (
                math.isclose(float(q.value), float(gq.get("value", math.nan)))
                and ("unit" not in gq or _norm(q.unit) == _norm(gq["unit"]))
                and ("qualifier" not in gq or _norm(q.qualifier) == _norm(gq["qualifier"]))
            )

        emitted_q = [{"value": q.value, "unit": q.unit, "qualifier": q.qualifier} for q in event.quantities]
        out["quantity"] = {"gold": gq, "emitted": emitted_q, "right": any(fits(q) for q in event.quantities)}
    want_status = gold.get("status", "asserted")
    out["status"] = {"gold": want_status, "emitted": event.status, "right": event.status == want_status}
    if gold.get("mode") and gold.get("plover"):
        modes = [str(m).lower() for m in _as_list(gold["mode"])]
        have_mode = event.plover.mode
        out["mode"] = {"gold": modes, "emitted": have_mode, "right": (have_mode or "").lower() in modes}
    return out


# -------------------------------------------------------------------------------------- quotes, sources


def _strip_quote(text: str | None) -> str:
    return _norm((text or "").strip(_QUOTE_CHARS))


def _score_quotes(result: DocumentResult, golds: list[dict[str, Any]]) -> dict[str, Any]:
    items, counts = [], {lvl: [0, 0] for lvl in ("must", "should", "may")}
    for g in golds:
        level = g.get("level", "must")
        starts, speaker = _strip_quote(g.get("starts")), _norm(g.get("speaker"))
        found = None
        for q in result.quotes:
            if (
                _strip_quote(q.text).startswith(starts)
                and q.speaker is not None
                and _norm(q.speaker.name) == speaker
            ):
                found = q
                break
        counts.setdefault(level, [0, 0])
        counts[level][0] += int(found is not None)
        counts[level][1] += 1
        items.append(
            {
                "level": level,
                "starts": g.get("starts"),
                "speaker": g.get("speaker"),
                "matched": found is not None,
                "kind_right": None if found is None else found.kind == g.get("kind"),
            }
        )
    return {
        "must": accuracy(*counts["must"]),
        "should": accuracy(*counts["should"]),
        "emitted": len(result.quotes),
        "items": items,
    }


_ARTICLE = re.compile(r"^(a|an|the) ")


def _source_norm(text: str | None) -> str:
    return _ARTICLE.sub("", _norm(text))


def _score_sources(result: DocumentResult, golds: list[dict[str, Any]]) -> dict[str, Any]:
    items, counts = [], {lvl: [0, 0] for lvl in ("must", "should", "may")}
    for g in golds:
        level = g.get("level", "must")
        want = _source_norm(g.get("text"))
        found = next(
            (c for c in result.citations if _source_norm(c.text) == want and c.kind == g.get("kind")), None
        )
        counts.setdefault(level, [0, 0])
        counts[level][0] += int(found is not None)
        counts[level][1] += 1
        items.append(
            {"level": level, "text": g.get("text"), "kind": g.get("kind"), "matched": found is not None}
        )
    return {
        "must": accuracy(*counts["must"]),
        "should": accuracy(*counts["should"]),
        "emitted": len(result.citations),
        "items": items,
    }


# ---------------------------------------------------------------------------------------------- scoring


def score_article(
    result: DocumentResult, gold: dict[str, Any], *, source_text: str | None = None
) -> dict[str, Any]:
    """Score one document's result against its article key (see the module docstring for the rule).

    ``source_text`` is the page as given to eventwire; with it, body lines lost by the cleaner are listed
    (every non-chrome line of the page must appear in the clean text, or be the article title).
    """
    golds = [g for g in gold.get("events", []) if isinstance(g, dict)]
    counted = [g for g in golds if g.get("level", "must") in COUNTED]
    may = [g for g in golds if g.get("level", "must") == "may"]
    matched_by: dict[int, list[Event]] = {i: [] for i in range(len(counted))}
    classes: list[dict[str, Any]] = []
    repeat_keys: set[tuple[Any, ...]] = set()
    pending: list[Event] = []
    for event in result.events:
        hits = [i for i, g in enumerate(counted) if event_matches(event, g)]
        if hits:
            for i in hits:
                matched_by[i].append(event)
            repeat_keys.add(_repeat_key(event))
            classes.append({"class": "matched", "gold": [counted[i].get("id") for i in hits], "event": event})
            continue
        may_hits = [g.get("id") for g in may if event_matches(event, g)]
        if may_hits:
            repeat_keys.add(_repeat_key(event))
            classes.append({"class": "may", "gold": may_hits, "event": event})
            continue
        pending.append(event)
    for event in pending:
        kind = "duplicate" if _repeat_key(event) in repeat_keys else "false_alarm"
        classes.append({"class": kind, "gold": [], "event": event})

    recall = {lvl: [0, 0] for lvl in COUNTED}
    gold_rows, misses = [], []
    detail_counts: dict[str, list[int]] = {}
    for i, g in enumerate(counted):
        level = g.get("level", "must")
        events = matched_by[i]
        recall[level][1] += 1
        row: dict[str, Any] = {
            "id": g.get("id"),
            "level": level,
            "plover": g.get("plover"),
            "matched": bool(events),
        }
        if events:
            recall[level][0] += 1
            scored = [(event_details(e, g), e) for e in events]
            details, best = max(scored, key=lambda de: sum(d["right"] for d in de[0].values()))
            row["event"] = event_brief(best)
            row["details"] = details
            for name, d in details.items():
                c = detail_counts.setdefault(name, [0, 0])
                c[0] += int(d["right"])
                c[1] += 1
        else:
            near = [
                e
                for e in result.events
                if evidence_coverage(g["evidence"], e.evidence.text) > EVIDENCE_MIN_COVERAGE
            ]
            misses.append(
                {
                    "id": g.get("id"),
                    "what": f"{level} {g.get('plover')} / CAMEO {g.get('cameo')} not found",
                    "sentence": g["evidence"],
                    "events": [event_brief(e) for e in near],
                }
            )
        gold_rows.append(row)

    typed = [c for c in classes if c["event"].plover.type]
    typed_matching = [c for c in typed if c["class"] in ("matched", "may")]
    # actor countries on events whose type, CAMEO and evidence match a gold event (must, should or may)
    type_matched = [e for e in result.events if any(_kind_matches(e, g) for g in (*counted, *may))]
    countries_right = [
        e for e in type_matched if any(_kind_matches(e, g) and actors_match(e, g) for g in (*counted, *may))
    ]

    false_alarms = [
        {
            "id": c["event"].id,
            "what": "matches no gold event",
            "sentence": c["event"].evidence.text,
            "event": event_brief(c["event"]),
        }
        for c in classes
        if c["class"] == "false_alarm"
    ]
    n = {
        k: sum(1 for c in classes if c["class"] == k) for k in ("matched", "may", "duplicate", "false_alarm")
    }
    precision = n["matched"] / (n["matched"] + n["false_alarm"]) if n["matched"] + n["false_alarm"] else 0.0

    article = result.article
    clean = article.text if article is not None else ""
    clean_lines = {" ".join(line.split()) for line in clean.splitlines() if line.strip()}
    chrome = [line for line in gold.get("chrome_lines_removed", []) if " ".join(line.split()) in clean_lines]
    flat = " ".join(clean.split())
    body_lost = None
    if source_text is not None:
        chrome_set = {" ".join(line.split()) for line in gold.get("chrome_lines_removed", [])}
        title = " ".join((article.title or "").split()) if article is not None else ""
        body_lost = [
            line
            for line in (" ".join(raw.split()) for raw in source_text.splitlines())
            if line and line not in chrome_set and line not in flat and line != title
        ]
    spans = [g["evidence"] for g in golds if g.get("level", "must") in COUNTED]
    spans += [q.get("starts", "") for q in gold.get("quotes", [])]
    spans += [s.get("text", "") for s in gold.get("sources_cited", [])]
    spans_missing = [s for s in spans if s and " ".join(s.split()) not in flat]
    quotes = _score_quotes(result, [q for q in gold.get("quotes", []) if isinstance(q, dict)])
    sources = _score_sources(result, [s for s in gold.get("sources_cited", []) if isinstance(s, dict)])

    return {
        "document": gold.get("document"),
        "published": gold.get("published"),
        "status": result.status,
        "summary": {
            "must_recall": accuracy(*recall["must"]),
            "should_recall": accuracy(*recall["should"]),
            "events": len(result.events),
            "matched": n["matched"],
            "duplicates": n["duplicate"],
            "may_events": n["may"],
            "false_alarms": n["false_alarm"],
            "precision": round(precision, 4),
            "plover_typed_matching": accuracy(len(typed_matching), len(typed)),
            "actor_countries": accuracy(len(countries_right), len(type_matched)),
            "quotes_must": quotes["must"],
            "quotes_should": quotes["should"],
            "sources_must": sources["must"],
            "sources_should": sources["should"],
            "chrome_lines_left": len(chrome),
            "body_lines_lost": None if body_lost is None else len(body_lost),
            "gold_spans_missing": len(spans_missing),
        },
        "golds": gold_rows,
        "details_accuracy": {k: accuracy(*v) for k, v in sorted(detail_counts.items())},
        "quotes": quotes,
        "sources_cited": sources,
        "chrome_lines_left": chrome,
        "body_lines_lost": body_lost,
        "gold_spans_missing": spans_missing,
        "events": [{"class": c["class"], "gold": c["gold"], **event_brief(c["event"])} for c in classes],
        "misses": misses,
        "false_alarms": false_alarms,
    }


def evaluate_article(
    path: str | Path, *, config: Any = None, extract: Extractor | None = None, limit: int | None = None
) -> dict[str, Any]:
    """Run eventwire over the page an article key describes (with its publication date) and score it."""
    gold = read_article_gold(path)
    doc = article_document(path, gold)
    try:
        text = doc.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UnreadableInput(
            f"cannot read the page the key describes ({doc}): {exc}", source=str(path)
        ) from exc
    extract = extract or make_extractor(config)
    run = run_one(extract, text, gold.get("published"), str(doc.name))
    result = run.result or DocumentResult(
        document_id=doc.name, status="failed", reason=(run.crash or {}).get("error")
    )
    report = header(FORMAT, str(path))
    report["notes"] = [
        "one hand-coded page; levels must/should/may; see docs/evaluation.md for the matching rule"
    ]
    report["documents"] = 1
    report["crashes"] = [run.crash] if run.crash else []
    report.update(score_article(result, gold, source_text=text))
    return report


TOTALLED = (
    "must_recall",
    "should_recall",
    "plover_typed_matching",
    "actor_countries",
    "quotes_must",
    "quotes_should",
    "sources_must",
    "sources_should",
)


def article_totals(reports: list[dict[str, Any]]) -> dict[str, Any]:
    """The figures of several article reports added up (each ratio over the summed counts, not a mean)."""
    sums: dict[str, list[int]] = {k: [0, 0] for k in TOTALLED}
    counts = {k: 0 for k in ("events", "matched", "duplicates", "may_events", "false_alarms")}
    for report in reports:
        summary = report.get("summary", {})
        for key in TOTALLED:
            value = summary.get(key) or {}
            sums[key][0] += value.get("right", 0)
            sums[key][1] += value.get("scored", 0)
        for key in counts:
            counts[key] += summary.get(key, 0) or 0
    quotes = [sums["quotes_must"][i] + sums["quotes_should"][i] for i in (0, 1)]
    return {
        "format": FORMAT,
        "gold": f"totals over {len(reports)} article keys",
        "documents": len(reports),
        "crashes": [c for r in reports for c in r.get("crashes", [])],
        "summary": {
            **{k: accuracy(*v) for k, v in sums.items()},
            "quotes_right_speaker": accuracy(*quotes),
            **counts,
        },
    }
