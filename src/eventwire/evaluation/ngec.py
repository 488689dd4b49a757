"""NGEC synthetic stories (zipped CSV: ``text, title, prompt, label, mode``...): reader, split and scorer.

The stories are generated from headline templates (``title``, with placeholders such as ``{country_1}``; the
filled headline is the first line of ``prompt``). Rows from one template share their label and wording, so the
split is by template, never by row: templates are ordered by the SHA-1 of their text and the first 20% form the
test split (deterministic, independent of row order and of the machine).

Document-level type: what is scored is ``result.label`` (a ``DocumentLabel``), which the pipeline fills with
``eventwire.label.label_document``; a result without one (an older stored result, a hand-built record) is labelled
here by that same function, from its body events only (the headline's events are not stored). How the type is
chosen (see ``eventwire.label``):

1. the headline is coded too, for the label only: the story is given as headline, blank line, body; the cleaner
   takes the headline out as ``Article.title`` and the pipeline parses it with the same pipeline and events engine
   (``eventwire.headline``: title case put in sentence case first, and a headline the parser finds no finite verb
   in parsed again as the clause it abbreviates); its acts count even with no coded party, and its events are not
   emitted;
2. the rule: every event with a PLOVER type votes for its type with weight position × status × confidence — the
   headline's first typed event counts most (20), then further headline events and the body's first sentence (5),
   the next two sentences (2), the rest (1); asserted > intended > hypothetical, negated or denied; events with no
   PLOVER type are ignored — and the largest vote wins;
3. a small logistic-regression model (headline words and character n-grams, the headline's GloVe word vector, text
   words, the rule's vote shares, the headline events' types; trained on the train-split templates only) overrules the rule when the rule has no
   typed event or when the model disagrees with probability ≥ 0.2.

``DocumentLabel.by`` says which decided, and the report counts both. A story with no label is a miss.
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
from ..label import label_document
from ..model import DocumentLabel, DocumentResult
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


def document_label(result: DocumentResult | None) -> DocumentLabel | None:
    """The label that is scored: ``result.label`` when the pipeline set it, else ``label_document(result)``."""
    if result is None:
        return None
    return result.label if result.label is not None else label_document(result)


def document_type(result: DocumentResult | None) -> str | None:
    """A document's main PLOVER type (see the module docstring for the rule), or None."""
    label = document_label(result)
    return label.plover if label is not None else None


def score_ngec(stories: list[NgecStory], runs: list[Run]) -> dict[str, Any]:
    """Document-type accuracy (and per-label P/R/F1, confusion) of runs against story labels."""
    if len(stories) != len(runs):
        raise ValueError("one run per story is needed")
    tally = Tally()
    pairs, misses = [], []
    right = covered = right_covered = 0
    mode_counts = [0, 0]
    deciders: Counter[str] = Counter()
    decider_right: Counter[str] = Counter()
    for story, run in zip(stories, runs, strict=True):
        label = document_label(run.result)
        predicted = label.plover if label is not None else None
        if label is not None and predicted is not None:
            deciders[label.by] += 1
            decider_right[label.by] += int(predicted == story.label)
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
            **{f"decided_by_{by}": accuracy(decider_right[by], n) for by, n in sorted(deciders.items())},
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
        "document type = result.label: the weighted vote (position x status x confidence) of the body's events "
        "and the headline's (coded for the label only), overruled by the learned second opinion where it "
        "disagrees (DocumentLabel.by says which decided)",
    ]
    report["documents"] = len(runs)
    report["crashes"] = [r.crash for r in runs if r.crash]
    report.update(score_ngec(stories, runs))
    return report
