"""PETRARCH2's validation records (``PETR.UnitTest.records.xml``): reader and scorer.

Each ``<Sentence>`` holds the expected codings (``<EventCoding sourcecode targetcode eventcode/>``), the
``<Text>`` and a treebank ``<Parse>``. eventwire reads the raw text only (the parse is ignored) with the
record's ``date`` as the publication date and the suite's own actor and agent dictionaries loaded as extra data.

Exact match: source code, target code and CAMEO code all equal (PETRARCH codes are full CAMEO actor codes such
as ``USAGOV``, compared with ``EventActor.code``). Gold and emitted codings are compared as multisets per record,
with the emitted codings of one record de-duplicated first (PETRARCH codes each distinct triple once). A record
marked ``noevents="True"`` (or with no coding at all) scores a false positive per distinct triple produced.
Records marked ``error="..."`` test PETRARCH's checks on its treebank input, which eventwire does not read: they are
run (crashes count) but not scored. Loose match: the first three characters of each actor code (the country or
top-level code) and the CAMEO root (first two digits).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from ..errors import MalformedInput, UnreadableInput
from ..model import Event, EventActor
from .report import (
    Extractor,
    Run,
    Tally,
    confusion_table,
    event_brief,
    header,
    make_extractor,
    prf,
    run_one,
)

FORMAT = "petrarch"
PETRARCH2_EXACT_F1 = 0.41  # PETRARCH2 itself on this file with these dictionaries (shared/data/README.md)
NO_ROOT = "(none)"

Triple = tuple[str, str, str]


@dataclass(slots=True)
class PetrRecord:
    """One validation record."""

    id: str  # unique: a repeated id gets "#2", "#3"...
    text: str
    date: str | None  # ISO YYYY-MM-DD
    category: str | None = None
    codings: list[Triple] = field(default_factory=list)
    no_events: bool = False
    error: str | None = None
    is_sentence: bool = True  # the record's sentence="..." flag (false: a feature PETRARCH did not implement)

    @property
    def scored(self) -> bool:
        return self.error is None


def _iso(date: str | None) -> str | None:
    date = (date or "").strip()
    if len(date) == 8 and date.isdigit():
        return f"{date[:4]}-{date[4:6]}-{date[6:]}"
    return None


def read_petrarch(path: str | Path) -> list[PetrRecord]:
    """Read a PETRARCH validation XML file into records."""
    path = Path(path)
    if not path.is_file():
        raise UnreadableInput("no such PETRARCH records file", source=str(path))
    try:
        tree = etree.parse(str(path), etree.XMLParser(remove_comments=True, resolve_entities=False))
    except (OSError, etree.XMLSyntaxError) as exc:
        raise MalformedInput(f"not a readable PETRARCH XML file: {exc}", source=str(path)) from exc
    records: list[PetrRecord] = []
    seen: Counter[str] = Counter()
    for i, node in enumerate(tree.iter("Sentence")):
        raw_id = (node.get("id") or f"record-{i + 1}").strip()
        seen[raw_id] += 1
        record = PetrRecord(
            id=raw_id if seen[raw_id] == 1 else f"{raw_id}#{seen[raw_id]}",
            text=" ".join((node.findtext("Text") or "").split()),
            date=_iso(node.get("date")),
            category=node.get("category"),
            is_sentence=(node.get("sentence") or "true").strip().lower() != "false",
        )
        for coding in node.findall("EventCoding"):
            if (coding.get("noevents") or "").strip().lower() == "true":
                record.no_events = True
            elif coding.get("error") is not None:
                record.error = coding.get("error")
            elif coding.get("eventcode") is not None:
                record.codings.append(
                    (
                        (coding.get("sourcecode") or "").strip(),
                        (coding.get("targetcode") or "").strip(),
                        coding.get("eventcode", "").strip(),
                    )
                )
        records.append(record)
    if not records:
        raise MalformedInput("no <Sentence> records in the file", source=str(path))
    return records


def petrarch_dictionaries(path: str | Path) -> list[str]:
    """The actor and agent dictionaries a records file names in its ``<Environment>`` (beside the file)."""
    path = Path(path)
    found: list[str] = []
    try:
        tree = etree.parse(str(path), etree.XMLParser(remove_comments=True))
        env = tree.find(".//Environment")
    except (OSError, etree.XMLSyntaxError):
        env = None
    for tag in ("Actorfile", "Agentfile"):
        name = (env.findtext(tag) if env is not None else None) or ""
        if name.strip() and (path.parent / name.strip()).is_file():
            found.append(str(path.parent / name.strip()))
    if not found:
        found = sorted(str(p) for p in path.parent.glob("*.actors.txt")) + sorted(
            str(p) for p in path.parent.glob("*.agents.txt")
        )
    return found


def _code(actor: EventActor | None) -> str:
    if actor is None:
        return ""
    return actor.code or actor.country or ""


def event_triple(event: Event) -> Triple:
    """(source code, target code, CAMEO code) of an event, PETRARCH style."""
    return (_code(event.source), _code(event.target), event.cameo.code)


def loose(triple: Triple) -> Triple:
    """The country-level, CAMEO-root form of a triple."""
    return (triple[0][:3], triple[1][:3], triple[2][:2])


def dyad(triple: Triple) -> tuple[str, str]:
    """The (source code, target code) of a triple, whatever its event code."""
    return (triple[0], triple[1])


def dyad_country(triple: Triple) -> tuple[str, str]:
    """The country-level dyad: the first three characters of each actor code."""
    return (triple[0][:3], triple[1][:3])


def _multiset_counts(gold: list, emitted: list) -> tuple[int, int, int]:
    """(tp, fp, fn) of two multisets."""
    g, e = Counter(gold), Counter(emitted)
    hit = sum((g & e).values())
    return hit, sum(e.values()) - hit, sum(g.values()) - hit


def score_petrarch(records: list[PetrRecord], runs: list[Run]) -> dict[str, Any]:
    """Score runs (one per record, same order); see the module docstring for what counts."""
    if len(records) != len(runs):
        raise ValueError("one run per record is needed")
    exact = Tally()  # keyed by CAMEO root
    loose_counts = [0, 0, 0]
    # Dyad scores (source and target codes both right, whatever the event code): PETRARCH's gold event codes are
    # mostly WEIS codes while eventwire's lexicon is its own, so these show what the actor/agent dictionaries
    # achieve. Per record, the distinct emitted dyads are compared with the gold dyads as multisets.
    dyad_counts = [0, 0, 0]
    dyad_country_counts = [0, 0, 0]
    pairs: list[tuple[str, str]] = []
    misses: list[dict[str, Any]] = []
    false_alarms: list[dict[str, Any]] = []
    skipped: list[str] = []
    for record, run in zip(records, runs, strict=True):
        if not record.scored:
            skipped.append(record.id)
            continue
        by_triple: dict[Triple, Event] = {}
        for event in run.events:
            by_triple.setdefault(event_triple(event), event)
        gold = Counter(record.codings)
        emitted = Counter(by_triple.keys())
        hit = gold & emitted
        for triple, n in hit.items():
            exact.add(triple[2][:2], tp=n)
        for triple, n in (gold - hit).items():
            exact.add(triple[2][:2], fn=n)
            misses.append(
                {
                    "id": record.id,
                    "what": f"expected {' '.join(triple)}",
                    "sentence": record.text,
                    "events": [event_brief(e) for e in run.events],
                }
            )
        for triple in emitted - hit:
            exact.add(triple[2][:2], fp=1)
            why = "record expects no event" if not record.codings else "no expected coding matches"
            false_alarms.append(
                {
                    "id": record.id,
                    "what": f"emitted {' '.join(t or '-' for t in triple)}: {why}",
                    "sentence": record.text,
                    "event": event_brief(by_triple[triple]),
                }
            )
        lg, le = Counter(loose(t) for t in record.codings), Counter(loose(t) for t in by_triple)
        lhit = sum((lg & le).values())
        loose_counts[0] += lhit
        loose_counts[1] += sum(le.values()) - lhit
        loose_counts[2] += sum(lg.values()) - lhit
        for counts, key in ((dyad_counts, dyad), (dyad_country_counts, dyad_country)):
            emitted_dyads = list(dict.fromkeys(key(t) for t in by_triple))
            for i, n in enumerate(_multiset_counts([key(t) for t in record.codings], emitted_dyads)):
                counts[i] += n
        groots = {t[2][:2] for t in record.codings}
        eroots = {t[2][:2] for t in by_triple}
        for g in sorted(groots):
            pairs.append((g, g) if g in eroots else (g, NO_ROOT))
            pairs.extend((g, e) for e in sorted(eroots - groots))
        if not groots:
            pairs.extend((NO_ROOT, e) for e in sorted(eroots))
    return {
        "records": len(records),
        "records_scored": len(records) - len(skipped),
        "records_not_scored": skipped,
        "records_sentence_false": sum(1 for r in records if not r.is_sentence),
        "expected_codings": sum(len(r.codings) for r in records if r.scored),
        "overall": exact.overall(),
        "loose": prf(*loose_counts),
        "dyad": prf(*dyad_counts),
        "dyad_country": prf(*dyad_country_counts),
        "petrarch2_exact_f1": PETRARCH2_EXACT_F1,
        "per_cameo_root": exact.table(),
        "confusion": confusion_table(pairs),
        "misses": misses,
        "false_alarms": false_alarms,
    }


def evaluate_petrarch(
    path: str | Path, *, config: Any = None, extract: Extractor | None = None, limit: int | None = None
) -> dict[str, Any]:
    """Run eventwire over every record (its own dictionaries loaded as data) and score the result."""
    records = read_petrarch(path)[: limit if limit else None]
    dictionaries = petrarch_dictionaries(path)
    if extract is None:
        from ..config import Config

        base = config or Config()
        extract = make_extractor(base.replace(data=(*base.data, *dictionaries)))
    runs = [run_one(extract, r.text, r.date, r.id) for r in records]
    report = header(FORMAT, str(path))
    report["notes"] = [
        "exact = source code, target code and CAMEO code all equal; PETRARCH2's own exact F1 here is 0.41",
        "loose = first three characters of each actor code and the CAMEO root",
        "records with error=... test PETRARCH's treebank checks: run (crashes count) but not scored",
        "dictionaries loaded: " + (", ".join(Path(d).name for d in dictionaries) or "none found"),
    ]
    report["documents"] = len(runs)
    report["crashes"] = [r.crash for r in runs if r.crash]
    report["failed"] = [
        {"id": rec.id, "reason": run.result.reason}
        for rec, run in zip(records, runs, strict=True)
        if run.result is not None and run.result.status == "failed"
    ]
    report.update(score_petrarch(records, runs))
    return report
