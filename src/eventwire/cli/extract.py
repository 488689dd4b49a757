"""``eventwire extract``: code pages and print the events, quotes and cited sources.

Examples::

    eventwire extract article.txt --published 2024-11-10
    eventwire extract pages/ --pattern '*.html' --format jsonl --workers 2 > results.jsonl
    curl -s https://example.org/story | eventwire extract - --url https://example.org/story

Exit codes: 0 every document read (coded or skipped with a reason); 1 some documents failed (the batch went on);
2 nothing could be read at all / usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from typing import TextIO

from ..config import load_config
from ..model import DocumentResult


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "extract",
        help="code news pages into events, quotes and cited sources",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("inputs", nargs="+", metavar="PATH", help="files, folders, JSONL, WARC (gzip ok), or - for stdin")
    p.add_argument("--published", help="publication date YYYY-MM-DD (wins over what the page says)")
    p.add_argument("--url", help="the page's URL (feeds date, outlet and identity)")
    p.add_argument("--format", choices=("table", "json", "jsonl"), help="default: table on a terminal, else JSON")
    p.add_argument("--workers", type=int, default=None, help="processes to spread documents over (default 1)")
    p.add_argument("--pattern", help="glob for files inside folders, e.g. '*.html'")
    p.add_argument("--field", action="append", default=[], metavar="THEIRS=OURS", help="map a JSONL field name")
    p.add_argument("--data", action="append", default=None, help="extra knowledge files or folders")
    p.set_defaults(func=run_extract)


def run_extract(args: argparse.Namespace) -> int:
    from ..pipeline import run

    config = load_config(args.config, workers=args.workers, data=tuple(args.data) if args.data else None)
    field_map = dict(item.split("=", 1) for item in args.field if "=" in item)
    hints = {"published": args.published, "url": args.url}
    fmt = args.format or ("table" if sys.stdout.isatty() else "json")
    results = run(
        args.inputs, config=config, workers=config.workers, field_map=field_map or None, hints=hints
    )
    counts: Counter[str] = Counter()
    progress = _progress()
    collected: list[DocumentResult] = []
    for result in results:
        counts["read"] += 1
        counts[result.status] += 1
        if result.status == "failed":
            print(f"eventwire: {result.reason}", file=sys.stderr)
        elif result.status == "skipped":
            print(f"eventwire: skipped {result.document_id}: {result.reason}", file=sys.stderr)
        if fmt == "jsonl":
            print(json.dumps(result.to_dict(), ensure_ascii=False), flush=False)
        else:
            collected.append(result)
        if progress is not None:
            progress.update(1)
    if progress is not None:
        progress.close()
    if fmt == "json":
        payload = [r.to_dict() for r in collected]
        print(json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=1))
    elif fmt == "table":
        for result in collected:
            if result.status == "ok":
                print_table(result, sys.stdout)
    if counts["read"] > 1 or counts["failed"]:
        print(
            f"eventwire: read {counts['read']}, coded {counts['ok']}, skipped {counts['skipped']}, "
            f"failed {counts['failed']}",
            file=sys.stderr,
        )
    if counts["failed"]:
        return 2 if counts["failed"] == counts["read"] else 1
    return 0


def _progress():  # type: ignore[no-untyped-def]
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(unit="doc", file=sys.stderr, leave=False)


def _actor(a) -> str:  # type: ignore[no-untyped-def]
    if a is None:
        return "-"
    code = a.code or a.country or "?"
    return f"{a.name} [{code}]"


def print_table(result: DocumentResult, out: TextIO) -> None:
    """A readable summary of one document: its events, quotes and cited sources."""
    art = result.article
    if art is not None:
        out.write(f"\n{art.title or '(untitled)'}\n")
        meta = [x for x in (art.published, art.outlet, art.url) if x]
        if meta:
            out.write("  " + " · ".join(meta) + "\n")
    out.write(f"\nEVENTS ({len(result.events)})\n")
    for e in result.events:
        date = e.date.value if e.date and e.date.value else (e.date.text[:10] if e.date and e.date.text else "-")
        place = e.location.name if e.location else "-"
        kind = e.plover.type or "(CAMEO only)"
        mode = f"/{e.plover.mode}" if e.plover.mode else ""
        qty = ", ".join(f"{q.qualifier + ' ' if q.qualifier else ''}{q.value:g} {q.unit or ''}".strip() for q in e.quantities)
        out.write(
            f"  {date:<10} {_actor(e.source):<32} → {_actor(e.target):<32} {kind}{mode} CAMEO {e.cameo.code}"
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
