"""``eventwire evaluate``: score eventwire against gold files (the command only parses and prints)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from ..errors import InputError

EXAMPLES = """examples:
  eventwire evaluate ../shared/data/plover_gsr_dev/plover_gsr_dev.json
  eventwire evaluate ../shared/data/petrarch/unit_tests/PETR.UnitTest.records.xml --report petr.json
  eventwire evaluate ../shared/examples/seed-article.expected.json
  eventwire evaluate ../shared/data/ngec_synthetic/*.csv.zip --split test --limit 200

exit codes: 0 scored; 1 scored, but eventwire crashed on some documents; 2 usage or input error.
These gold sets are not modern real news (CAMEO-manual text ~2000, fictional countries, synthetic stories)."""


def register(subparsers: Any) -> None:
    """Add the ``evaluate`` command."""
    from ..evaluation import FORMATS, SPLITS

    parser = subparsers.add_parser(
        "evaluate",
        help="score eventwire against gold data (PLOVER gold standard, PETRARCH records, article keys, NGEC)",
        description="Run eventwire over gold files and print precision, recall and F1, per-type scores, "
        "actor accuracy, a confusion table and every miss and false alarm.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("gold", nargs="+", metavar="GOLD", help="gold file(s)")
    parser.add_argument("--report", metavar="FILE.json", help="also write everything as JSON to this file")
    parser.add_argument(
        "--format", default="auto", choices=("auto", *FORMATS), help="gold format (default: auto)"
    )
    parser.add_argument(
        "--data",
        nargs="+",
        action="extend",
        default=[],
        metavar="PATH",
        help="extra knowledge files or folders to load (put it after GOLD, or end it with --)",
    )
    parser.add_argument(
        "--limit", type=int, metavar="N", help="score only the first N documents of each file"
    )
    parser.add_argument("--split", default="test", choices=SPLITS, help="NGEC split (default: test)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Evaluate, print the report, write JSON if asked; 1 when eventwire crashed on any document."""
    from ..config import load_config
    from ..evaluation import evaluate, render_report

    if args.limit is not None and args.limit < 1:
        raise InputError("--limit must be a positive number")
    config = load_config(getattr(args, "config", None))
    if args.data:
        config = config.replace(data=(*config.data, *args.data))
    report = evaluate(args.gold, format=args.format, config=config, limit=args.limit, split=args.split)
    print(render_report(report))
    if args.report:
        try:
            Path(args.report).write_text(
                json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
            )
        except OSError as exc:
            raise InputError(f"cannot write the report: {exc}", source=args.report) from exc
    return 1 if any(r.get("crashes") for r in report["reports"]) else 0
