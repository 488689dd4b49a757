"""``eventwire extract``: code pages and print the events, quotes and cited sources.

Inputs may be mixed freely: files (HTML, text, gzip ok), folders (recursive; ``--pattern`` filters file
names), JSONL files (one document per line), WARC files (HTML responses) and ``-`` for standard input.

Output: a readable table on a terminal; otherwise JSON Lines, one result per document written as soon as it
is coded (a single document's line is itself a JSON document). ``--format json`` writes one JSON object for
one document, or a JSON array streamed item by item for several.

Problems are reported on standard error, one line per document with its name and the reason, and the run
closes with a summary (read, coded, skipped, failed, and the reasons). One bad document never stops the
batch: an unexpected exception inside one document is that document's failure ``[E900]`` with a one-line
reason (``--verbose`` before the command prints its traceback too). A progress bar shows on standard error when it is a terminal.

Examples::

    eventwire extract article.txt --published 2024-11-10
    eventwire extract pages/ --pattern '*.html' --workers 2 > results.jsonl
    eventwire extract crawl.warc.gz feed.jsonl extra/page.html > results.jsonl
    curl -s https://example.org/story | eventwire extract - --url https://example.org/story

Exit codes: 0 every document read (coded or skipped with a reason); 1 some documents failed (the batch went on);
2 no document could be read at all, or a usage error.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from ..config import Config, load_config
from ..model import DocumentResult

_CODE = re.compile(r"^\[(E\d+)\]")
KINDS = ("event", "statement", "all")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "extract",
        help="code news pages into events, quotes and cited sources",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "inputs", nargs="+", metavar="PATH", help="files, folders, JSONL, WARC (gzip ok), or - for stdin"
    )
    p.add_argument("--published", help="publication date YYYY-MM-DD (wins over what the page says)")
    p.add_argument("--url", help="the page's URL (feeds date, outlet and identity)")
    p.add_argument(
        "--format",
        choices=("table", "json", "jsonl"),
        help="default: table on a terminal, else jsonl (streamed)",
    )
    p.add_argument(
        "--kind",
        choices=KINDS,
        default="event",
        help="what the table lists: events (default), bare statements ('said', 'declined to comment': CAMEO 01x "
        "with no PLOVER type) or all; JSON output always holds both, each event with its kind",
    )
    p.add_argument("--workers", type=int, default=None, help="processes to spread documents over (default 1)")
    p.add_argument("--pattern", help="glob for files inside folders, e.g. '*.html'")
    p.add_argument(
        "--field", action="append", default=[], metavar="THEIRS=OURS", help="map a JSONL field name"
    )
    p.add_argument("--data", action="append", default=None, help="extra knowledge files or folders")
    p.add_argument("--no-progress", action="store_true", help="no progress bar, even on a terminal")
    p.set_defaults(func=run_extract)


def run_extract(args: argparse.Namespace) -> int:
    """Stream every input through the pipeline, write one result per document, report and count problems."""
    config = load_config(args.config, workers=args.workers, data=tuple(args.data) if args.data else None)
    field_map = dict(item.split("=", 1) for item in args.field if "=" in item)
    hints = {"published": args.published, "url": args.url}
    fmt = args.format or ("table" if sys.stdout.isatty() else "jsonl")
    results: Iterable[DocumentResult] | None = _all_missing(args.inputs, config)
    if results is None:
        from ..pipeline import run  # spaCy and the pipeline are imported only when there is something to read

        results = run(
            args.inputs,
            config=config,
            workers=config.workers,
            pattern=args.pattern,
            field_map=field_map or None,
            hints=hints,
        )
    progress = None if args.no_progress else _progress()
    say = (lambda m: progress.write(_printable(m))) if progress is not None else _stderr
    writer = _Writer(fmt, sys.stdout, kind=args.kind)
    counts: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    verbose = bool(getattr(args, "verbose", False))
    try:
        for result in results:
            counts["read"] += 1
            counts[result.status] += 1
            if result.status == "failed":
                say(_problem("failed", result))
                if verbose and result.traceback:
                    say(result.traceback.rstrip())
                reasons[_reason_kind(result.reason)] += 1
            elif result.status == "skipped":
                say(_problem("skipped", result))
                reasons[_reason_kind(result.reason)] += 1
            writer.write(result)
            if progress is not None:
                progress.update(1)
    finally:  # the summary says what was done even when the run is interrupted
        if progress is not None:
            progress.close()
        writer.close()
        if counts["read"] > 1 or counts["failed"] or counts["skipped"]:
            summary = (
                f"eventwire: read {counts['read']}, coded {counts['ok']}, skipped {counts['skipped']}, "
                f"failed {counts['failed']}"
            )
            if reasons:
                summary += " (" + "; ".join(f"{kind}: {n}" for kind, n in reasons.most_common()) + ")"
            _stderr(summary)
    if counts["read"] == 0:
        _stderr("eventwire: no document found in the inputs")
        return 2
    if counts["failed"]:
        return 2 if counts["failed"] == counts["read"] else 1
    return 0


def _all_missing(inputs: list[str], config: Config) -> list[DocumentResult] | None:
    """The failed results of the inputs when none of them exists (each with the reader's reason), else None:
    a run with nothing to read reports it without importing the pipeline."""
    if any(item == "-" or Path(item).exists() for item in inputs):
        return None
    from ..errors import InputError
    from ..readers import iter_documents

    results = []
    for item in iter_documents(inputs, config=config):
        if not isinstance(item, InputError):
            return None
        results.append(DocumentResult(document_id=item.source or "?", status="failed", reason=str(item)))
    return results


class _Writer:
    """Writes results as they come: JSON Lines, a streamed JSON array (or one object), or tables."""

    def __init__(self, fmt: str, out: TextIO, kind: str = "event") -> None:
        self.fmt = fmt
        self.out = out
        self.kind = kind
        self.held: DocumentResult | None = None  # json: the first result, until a second one shows
        self.count = 0

    def write(self, result: DocumentResult) -> None:
        self.count += 1
        if self.fmt == "jsonl":
            self.out.write(_printable(json.dumps(result.to_dict(), ensure_ascii=False)) + "\n")
            self.out.flush()
        elif self.fmt == "table":
            if result.status == "ok":
                print_table(result, self.out, kind=self.kind)
                self.out.flush()
        elif self.count == 1:
            self.held = result
        else:
            if self.held is not None:
                self.out.write("[\n" + _json(self.held))
                self.held = None
            self.out.write(",\n" + _json(result))

    def close(self) -> None:
        if self.fmt != "json":
            return
        if self.held is not None:
            self.out.write(_json(self.held) + "\n")
        elif self.count > 1:
            self.out.write("\n]\n")
        elif self.count == 0:
            self.out.write("[]\n")
        self.out.flush()


def _json(result: DocumentResult) -> str:
    return _printable(json.dumps(result.to_dict(), ensure_ascii=False, indent=1))


def _stderr(message: str) -> None:
    print(_printable(message), file=sys.stderr, flush=True)


def _printable(text: str) -> str:
    """``text`` with any lone surrogate (a file name that is not UTF-8) written as an escape, so printing it
    cannot fail."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _problem(status: str, result: DocumentResult) -> str:
    name, reason = _name(result), result.reason or "unknown reason"
    if name in reason:  # reader errors name their input already: "[E103] crawl.warc.gz: truncated ..."
        return f"eventwire: {status} {reason}"
    return f"eventwire: {status} {name}: {reason}"


def _name(result: DocumentResult) -> str:
    """The document's name for messages: where it came from (path, path:line, file#record-N), else its id."""
    article = result.article
    if article is not None and article.source:
        return article.source
    return result.document_id


def _reason_kind(reason: str | None) -> str:
    """A short label for counting reasons: the error code's class, or the reason's text before any detail."""
    reason = reason or "unknown"
    code = _CODE.match(reason)
    if code:
        return {
            "E101": "empty",
            "E102": "binary",
            "E103": "unreadable",
            "E104": "too large",
            "E105": "malformed",
            "E106": "not a regular file",
            "E900": "internal error",
        }.get(code.group(1), code.group(1))
    return reason


def _progress() -> Any:
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(unit="doc", file=sys.stderr, leave=False, dynamic_ncols=True)


def _actor(a) -> str:  # type: ignore[no-untyped-def]
    if a is None:
        return "-"
    code = a.code or a.country or "?"
    return f"{a.name} [{code}]"


def print_table(result: DocumentResult, out: TextIO, kind: str = "event") -> None:
    """A readable summary of one document: its events (``kind``: "event", "statement" or "all"), quotes and cited
    sources. Bare statements are counted but listed only when asked for."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    art = result.article
    if art is not None:
        out.write(f"\n{art.title or '(untitled)'}\n")
        meta = [x for x in (art.published, art.outlet, art.url) if x]
        if meta:
            out.write("  " + " · ".join(meta) + "\n")
    shown = [e for e in result.events if kind == "all" or e.kind == kind]
    statements = sum(1 for e in result.events if e.kind == "statement")
    heading = {"event": "EVENTS", "statement": "STATEMENTS", "all": "EVENTS AND STATEMENTS"}[kind]
    hidden = len(result.events) - len(shown)
    note = ""
    if hidden and kind == "event":
        note = f"  (+ {hidden} statement{'s' * (hidden != 1)}: --kind all lists them)"
    elif kind == "all" and statements:
        note = f"  ({statements} of them statements)"
    out.write(f"\n{heading} ({len(shown)}){note}\n")
    for e in shown:
        date = (
            e.date.value if e.date and e.date.value else (e.date.text[:10] if e.date and e.date.text else "-")
        )
        place = e.location.name if e.location else "-"
        ptype = e.plover.type or "(CAMEO only)"
        mode = f"/{e.plover.mode}" if e.plover.mode else ""
        qty = ", ".join(
            f"{q.qualifier + ' ' if q.qualifier else ''}{q.value:g} {q.unit or ''}".strip()
            for q in e.quantities
        )
        out.write(
            f"  {date:<10} {_actor(e.source):<32} → {_actor(e.target):<32} {ptype}{mode} CAMEO {e.cameo.code}"
            f" [{e.status}] @ {place}{'  ' + qty if qty else ''}\n"
            f"             “{e.trigger.text}” in: {e.evidence.text[:110]}\n"
        )
    if result.quotes:
        out.write(f"\nQUOTES ({len(result.quotes)})\n")
        for q in result.quotes:
            speaker = q.speaker.name if q.speaker else "?"
            out.write(f"  {speaker:<24} {q.kind:<8} “{q.text[:90]}”\n")
    if result.citations:
        out.write(f"\nSOURCES CITED ({len(result.citations)})\n")
        for c in result.citations:
            out.write(f"  {c.kind:<10} {c.text}  (supports {len(c.events)} event(s))\n")
