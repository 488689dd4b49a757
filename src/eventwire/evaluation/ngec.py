"""NGEC synthetic stories (zipped CSV: ``text, title, prompt, label, mode``...): reader, split and scorer.

The stories are generated from headline templates (``title``, with placeholders such as ``{country_1}``; the
filled headline is the first line of ``prompt``). Rows from one template share their label and wording, so the
split is by template, never by row: templates are ordered by the SHA-1 of their text and the first 20% form the
test split (deterministic, independent of row order and of the machine).

Document-level type: the PLOVER type of a story is chosen from eventwire's events as follows. Only events with a
PLOVER type count, and of those the asserted or intended ones when there are any (a negated, denied or
hypothetical event names the type only when nothing else does). The chosen event is the one in the earliest
sentence (the headline is sentence 0); ties go to the higher confidence, then to the type emitted most often in
the story, then to the type name. A story with no typed event has no type (a miss).
"""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import MalformedInput, UnreadableInput
from ..model import DocumentResult
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

FORMAT = "ngec"
TEST_SHARE = 0.2
SPLITS = ("test", "train", "all")
NO_TYPE = "(none)"
REQUIRED_COLUMNS = ("text", "title", "prompt", "label")


@dataclass(slots=True)
class NgecStory:
    id: str  # "row-<n>" (1-based data row)
    template: str
    headline: str
    text: str
    label: str
    mode: str | None = None

    @property
    def document(self) -> str:
        """What eventwire is given: the headline, a blank line, the story."""
        return f"{self.headline}\n\n{self.text.strip()}" if self.headline else self.text.strip()


def _rows(path: Path) -> list[dict[str, str]]:
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                members = [n for n in archive.namelist() if n.lower().endswith(".csv")]
                if not members:
                    raise MalformedInput("the zip archive holds no .csv file", source=str(path))
                raw = archive.read(members[0])
        else:
            raw = path.read_bytes()
    except (OSError, zipfile.BadZipFile) as exc:
        raise UnreadableInput(f"cannot read NGEC stories: {exc}", source=str(path)) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise MalformedInput(f"not UTF-8 text: {exc}", source=str(path)) from exc
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise MalformedInput(f"NGEC CSV lacks column(s) {', '.join(missing)}", source=str(path))
    return list(reader)


def read_ngec(path: str | Path) -> list[NgecStory]:
    """Read the NGEC synthetic stories (zipped or plain CSV)."""
    path = Path(path)
    stories = []
    for i, row in enumerate(_rows(path), start=1):
        prompt = (row.get("prompt") or "").strip()
        headline = prompt.splitlines()[0].strip() if prompt else ""
        stories.append(
            NgecStory(
                id=f"row-{i}",
                template=(row.get("title") or headline).strip(),
                headline=headline,
                text=row.get("text") or "",
                label=(row.get("label") or "").strip().upper(),
                mode=(row.get("mode") or "").strip() or None,
            )
        )
    if not stories:
        raise MalformedInput("no stories in the file", source=str(path))
    return stories


def heldout_templates(templates: set[str] | list[str], share: float = TEST_SHARE) -> set[str]:
    """The templates of the test split: the first ``share`` of them ordered by SHA-1 of their text."""
    ordered = sorted(set(templates), key=lambda t: hashlib.sha1(t.encode("utf-8")).hexdigest())
    return set(ordered[: round(share * len(ordered))])


def split_stories(stories: list[NgecStory], split: str = "test") -> list[NgecStory]:
    """The stories of one split (``test``, ``train`` or ``all``), in file order."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, not {split!r}")
    if split == "all":
        return list(stories)
    heldout = heldout_templates({s.template for s in stories})
    return [s for s in stories if (s.template in heldout) == (split == "test")]


def document_type(result: DocumentResult | None) -> str | None:
    """A document's main PLOVER type (see the module docstring for the rule)."""
    if result is None:
        return None
    typed = [e for e in result.events if e.plover.type]
    firm = [e for e in typed if e.status in ("asserted", "intended")]
    pool = firm or typed
    if not pool:
        return None
    freq = Counter(e.plover.type for e in typed)
    best = min(pool, key=lambda e: (e.sentence_index, -e.confidence, -freq[e.plover.type], e.plover.type))
    return best.plover.type


def score_ngec(stories: list[NgecStory], runs: list[Run]) -> dict[str, Any]:
    """Document-type accuracy (and per-label P/R/F1, confusion) of runs against story labels."""
    if len(stories) != len(runs):
        raise ValueError("one run per story is needed")
    tally = Tally()
    pairs, misses = [], []
    right = covered = right_covered = 0
    mode_counts = [0, 0]
    for story, run in zip(stories, runs, strict=True):
        predicted = document_type(run.result)
        pairs.append((story.label, predicted or NO_TYPE))
        if predicted is not None:
            covered += 1
        if predicted == story.label:
            right += 1
            right_covered += 1
            tally.add(story.label, tp=1)
            if story.mode:
                modes = {e.plover.mode for e in run.events if e.plover.type == predicted and e.plover.mode}
                mode_counts[0] += int(story.mode.lower() in {m.lower() for m in modes})
                mode_counts[1] += 1
            continue
        tally.add(story.label, fn=1)
        if predicted is not None:
            tally.add(predicted, fp=1)
        misses.append(
            {
                "id": story.id,
                "what": f"label {story.label}, chosen {predicted or 'nothing'}",
                "sentence": story.headline,
                "events": [event_brief(e) for e in run.events if e.plover.type][:5],
            }
        )
    per_type = tally.table()
    labels = sorted({s.label for s in stories})
    macro = sum(per_type.get(lbl, {"f1": 0.0})["f1"] for lbl in labels) / len(labels) if labels else None
    return {
        "stories": len(stories),
        "templates": len({s.template for s in stories}),
        "summary": {
            "accuracy": accuracy(right, len(stories)),
            "coverage": accuracy(covered, len(stories)),
            "accuracy_when_typed": accuracy(right_covered, covered),
            "mode_when_type_right": accuracy(*mode_counts),
        },
        "overall": tally.overall(),
        "per_type": per_type,
        "macro_f1": None if macro is None else round(macro, 4),
        "macro_types": labels,
        "confusion": confusion_table(pairs),
        "misses": misses,
    }


def evaluate_ngec(
    path: str | Path,
    *,
    config: Any = None,
    extract: Extractor | None = None,
    limit: int | None = None,
    split: str = "test",
) -> dict[str, Any]:
    """Run eventwire over one split of the stories (no publication date) and score the document types."""
    stories = split_stories(read_ngec(path), split)[: limit if limit else None]
    extract = extract or make_extractor(config)
    runs = [run_one(extract, s.document, None, s.id) for s in stories]
    report = header(FORMAT, str(path))
    report["split"] = split
    report["notes"] = [
        f"split '{split}' by headline template (SHA-1 order, first {TEST_SHARE:.0%} = test), never by row",
        "labels are pseudo-labels from the generating headline, not human gold; the facts are invented",
        "document type = the typed event in the earliest sentence (asserted/intended first), "
        "ties by confidence then frequency",
    ]
    report["documents"] = len(runs)
    report["crashes"] = [r.crash for r in runs if r.crash]
    report.update(score_ngec(stories, runs))
    return report
