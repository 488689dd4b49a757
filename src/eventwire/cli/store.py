"""The store's commands: ``ingest``, ``query``, ``export``, ``stats``, ``recode``.

The database is ``--db PATH``, else the config's ``db`` (``EVENTWIRE_DB`` or ``eventwire.toml``), else
``./eventwire.duckdb``. One process writes at a time; a reader started during a write waits ``--wait`` seconds and
then says the database is busy and by what (exit code 3).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any

from ..config import load_config
from ..errors import StoreError

INGEST_HELP = """Code pages and store their events (a transaction per batch).

Examples::

    eventwire ingest news/ --pattern '*.html' --workers 2
    eventwire ingest crawl.warc.gz --db events.duckdb

An article is identified by its normalised URL (else a hash of its text): ingesting it again changes nothing; a
changed article replaces its own records. Wire copies (near-identical texts at other URLs) join one story.

Exit codes: 0 all read; 1 some documents failed (the batch went on); 2 usage or input error; 3 database busy or
store error.
"""

QUERY_HELP = """Find events (one row per happening, with its mention count) or count them.

Examples::

    eventwire query --source Russia --target UKR --type ASSAULT --from 2024-01 --to 2024-06
    eventwire query --actor Putin --group-by month
    eventwire query --near 50.45,30.52,100 --text drone --format csv
    eventwire query --group-by dyad --limit 10
    eventwire query --from 2024 --group-by month,type --format csv
    eventwire query --kind statement --actor Putin

Bare statements ("said", "declined to comment": CAMEO 01x with no PLOVER type) are stored but listed only with
--kind statement or --kind all.
"""

EXPORT_HELP = """Export events in a format the field loads.

Examples::

    eventwire export --format plover-json -o events.plover.jsonl
    eventwire export --format cameo-tsv -o phoenix.tsv --from 2024
    eventwire export --format parquet -o events.parquet --no-text

Formats: plover-json (PLOVER 2.0 records, one per line), cameo-tsv (Phoenix columns, one row per happening),
csv, jsonl, parquet (one row per reported event). --no-text leaves all article text out. Every format but
plover-json holds bare statements too (--kind event leaves them out); plover-json never does.
"""

RECODE_HELP = """Re-code stored articles with the current eventwire, lexicon and knowledge files, replace their
events, and merge again. By default only the articles whose recorded versions differ from the current ones (the
lexicon and knowledge versions are digests of the files loaded, --data files included); --all re-codes every
article. No model is loaded when nothing is outdated.

Examples::

    eventwire recode --db events.duckdb
    eventwire recode --data my_cues/ --db events.duckdb
"""


def _db_args(p: argparse.ArgumentParser, wait: float) -> None:
    p.add_argument("--db", help="database file (default: config db, EVENTWIRE_DB, else ./eventwire.duckdb)")
    p.add_argument(
        "--wait",
        type=float,
        default=wait,
        metavar="SECONDS",
        help=f"wait this long for a busy database (default {wait:g})",
    )


def _filter_args(p: argparse.ArgumentParser, kind: str = "event") -> None:
    g = p.add_argument_group("filters")
    g.add_argument("--actor", help="an actor's name (part of it) or code (USA, USAGOV), as source or target")
    g.add_argument("--source", help="source country (name or ISO code) or actor code prefix")
    g.add_argument("--target", help="target country (name or ISO code) or actor code prefix")
    g.add_argument(
        "--type", action="append", default=[], help="PLOVER type(s), e.g. ASSAULT or CONSULT,AGREE"
    )
    g.add_argument("--cameo", help="CAMEO code or prefix, e.g. 19 or 190")
    g.add_argument("--from", dest="date_from", metavar="DATE", help="from YYYY, YYYY-MM or YYYY-MM-DD")
    g.add_argument("--to", dest="date_to", metavar="DATE", help="to YYYY, YYYY-MM or YYYY-MM-DD (inclusive)")
    g.add_argument("--place", help="place name (part of it) or country")
    g.add_argument("--near", metavar="LAT,LON,KM", help="within KM kilometres of a point")
    g.add_argument("--text", help="words that must all appear in an evidence sentence")
    g.add_argument("--status", help="asserted, intended, hypothetical, negated or denied")
    g.add_argument(
        "--kind",
        choices=("event", "statement", "all"),
        default=kind,
        help="events, bare statements ('said', 'declined to comment': CAMEO 01x with no PLOVER type), or all "
        f"(default {kind})",
    )


def register(sub: argparse._SubParsersAction) -> None:
    raw = argparse.RawDescriptionHelpFormatter
    p = sub.add_parser(
        "ingest", help="code pages and store their events", description=INGEST_HELP, formatter_class=raw
    )
    p.add_argument("inputs", nargs="*", metavar="PATH", help="files, folders, JSONL, WARC (gzip ok)")
    _db_args(p, 30.0)
    p.add_argument("--workers", type=int, default=None, help="processes to spread documents over (default 1)")
    p.add_argument("--pattern", help="glob for files inside folders, e.g. '*.html'")
    p.add_argument("--batch-size", type=int, default=200, help="documents per transaction (default 200)")
    p.add_argument("--data", action="append", default=None, help="extra knowledge files or folders")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument(
        "--from-results",
        metavar="FILE.jsonl",
        help="store DocumentResults coded elsewhere (one DocumentResult JSON per line) instead of coding INPUTS",
    )
    p.add_argument("--batch-delay", type=float, default=0.0, help=argparse.SUPPRESS)  # tests: a slow writer
    p.set_defaults(func=run_ingest)

    p = sub.add_parser(
        "query", help="find or count stored events", description=QUERY_HELP, formatter_class=raw
    )
    _db_args(p, 10.0)
    _filter_args(p)
    p.add_argument(
        "--group-by",
        metavar="KEYS",
        help="count events per group instead of listing them: one or more (comma-separated) of day, week, month, "
        "year, type, cameo, dyad, country (where it happened, else the source's), source, target",
    )
    p.add_argument("--format", choices=("table", "csv", "json", "jsonl"), default="table")
    p.add_argument("--limit", type=int, default=100, help="at most this many rows (0: all; default 100)")
    p.set_defaults(func=run_query)

    p = sub.add_parser(
        "export",
        help="export events (PLOVER, CAMEO, CSV, JSONL, Parquet)",
        description=EXPORT_HELP,
        formatter_class=raw,
    )
    _db_args(p, 10.0)
    p.add_argument("--format", required=True, choices=("plover-json", "cameo-tsv", "csv", "jsonl", "parquet"))
    p.add_argument("-o", "--output", help="file to write (default: standard output; parquet needs a file)")
    p.add_argument(
        "--no-text", action="store_true", help="leave all article text out (evidence sentences included)"
    )
    _filter_args(p, kind="all")
    p.set_defaults(func=run_export)

    p = sub.add_parser(
        "stats",
        help="counts by type, month and country",
        description="Counts of stored events (bare statements counted apart; --kind statement or all to break "
        "them down too).\n\nExample::\n\n    eventwire stats --kind all --format json",
        formatter_class=raw,
    )
    _db_args(p, 10.0)
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument(
        "--kind",
        choices=("event", "statement", "all"),
        default="event",
        help="what the breakdowns count: events (default), bare statements or all",
    )
    p.set_defaults(func=run_stats)

    p = sub.add_parser(
        "recode",
        help="re-code stored articles with the current versions",
        description=RECODE_HELP,
        formatter_class=raw,
    )
    _db_args(p, 30.0)
    p.add_argument("--all", action="store_true", help="re-code every article, not only outdated ones")
    p.add_argument("--data", action="append", default=None, help="extra knowledge files or folders")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(func=run_recode)


def _config(args: argparse.Namespace, **extra: Any):  # type: ignore[no-untyped-def]
    return load_config(getattr(args, "config", None), db=args.db, **extra)


def _filters(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from ..store.query import Filters

    return Filters(
        actor=args.actor,
        source=args.source,
        target=args.target,
        types=list(args.type),
        cameo=args.cameo,
        date_from=args.date_from,
        date_to=args.date_to,
        place=args.place,
        near=args.near,
        text=args.text,
        status=args.status,
        kind=args.kind,
    )


def _progress(disabled: bool):  # type: ignore[no-untyped-def]
    if disabled or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(unit="doc", file=sys.stderr, leave=False)


def run_ingest(args: argparse.Namespace) -> int:
    from ..store.db import open_store
    from ..store.ingest import Ingestor, read_results_jsonl

    config = _config(args, workers=args.workers, data=_data(args))
    if not args.inputs and not args.from_results:
        print("eventwire: nothing to ingest: give INPUTS or --from-results FILE", file=sys.stderr)
        return 2
    if args.batch_size < 1:
        print("eventwire: --batch-size must be at least 1", file=sys.stderr)
        return 2
    if not args.from_results:
        from ..pipeline import run  # before opening the store: a broken install leaves no file behind
    progress = _progress(args.no_progress)
    started = time.monotonic()
    with open_store(config.db, wait=args.wait, command="ingest") as store:
        ingestor = Ingestor(store)
        if args.from_results:
            results = read_results_jsonl(args.from_results)
        else:
            results = run(
                args.inputs, config=config, workers=config.workers, pattern=args.pattern, known=ingestor.known
            )

        def on_result(result) -> None:  # type: ignore[no-untyped-def]
            if result.status == "failed":
                print(f"eventwire: failed: {result.reason}", file=sys.stderr)
                if getattr(args, "verbose", False) and result.traceback:
                    print(result.traceback.rstrip(), file=sys.stderr)
            if progress is not None:
                progress.update(1)

        def on_batch(_report) -> None:  # type: ignore[no-untyped-def]
            if args.batch_delay:
                time.sleep(args.batch_delay)

        try:
            report = ingestor.ingest(
                results, batch_size=args.batch_size, on_result=on_result, on_batch=on_batch
            )
        finally:
            if progress is not None:
                progress.close()
    seconds = time.monotonic() - started
    for failure in report.failures:
        if failure.startswith("[E900]"):  # a result the store could not write (the others were stored)
            print(f"eventwire: failed: {failure}", file=sys.stderr)
    print(
        f"eventwire: read {report.read}, coded {report.coded} (replaced {report.replaced}), "
        f"already stored {report.already_stored}, wire copies {report.copies}, skipped {report.skipped}, "
        f"failed {report.failed}; events written {report.events_written} "
        f"(new happenings {report.canonical_created}) in {seconds:.1f} s → {config.db}",
        file=sys.stderr,
    )
    if report.read and report.coded == 0 and report.already_stored == report.read:
        print("eventwire: nothing changed: every document is stored already", file=sys.stderr)
    for reason, n in report.skip_reasons.most_common():
        print(f"eventwire:   skipped {n}: {reason}", file=sys.stderr)
    if report.failed:
        return 2 if report.failed == report.read else 1
    return 0


def run_query(args: argparse.Namespace) -> int:
    from ..store.db import open_store
    from ..store.export import render
    from ..store.query import query

    config = _config(args)
    with open_store(config.db, read_only=True, wait=args.wait, command="query") as store:
        result = query(store, _filters(args), group_by=args.group_by, limit=args.limit or None)
    render(result.columns, result.rows, args.format, sys.stdout)
    if args.format == "table":
        print(f"({len(result.rows)} rows)", file=sys.stderr)
    return 0


def run_export(args: argparse.Namespace) -> int:
    from ..store.db import open_store
    from ..store.export import export

    config = _config(args)
    if args.format == "parquet" and not args.output:
        raise StoreError("parquet export needs a file", hint="give -o FILE.parquet")
    with open_store(config.db, read_only=True, wait=args.wait, command="export") as store:
        report = export(
            store, args.format, args.output or sys.stdout, no_text=args.no_text, filters=_filters(args)
        )
    extra = f", {report.skipped} left out (no PLOVER type or date)" if report.skipped else ""
    if report.statements:
        extra += f", {report.statements} statements left out (PLOVER codes events only)"
    print(f"eventwire: exported {report.rows} rows as {args.format}{extra}", file=sys.stderr)
    return 0


def run_stats(args: argparse.Namespace) -> int:
    from ..store.db import open_store
    from ..store.query import stats

    config = _config(args)
    with open_store(config.db, read_only=True, wait=args.wait, command="stats") as store:
        data = stats(store, kind=args.kind)
    if args.format == "json":
        print(json.dumps(data, indent=1, default=str))
        return 0
    out = sys.stdout
    out.write(f"{data['database']} (schema {data['schema_version']}; breakdowns count: {data['kind']})\n")
    for key, value in data["totals"].items():
        out.write(f"  {key.replace('_', ' '):<18}{value:>10}\n")
    for title, key in (
        ("versions (eventwire / lexicon)", "versions"),
        ("by type", "by_type"),
        ("by month", "by_month"),
        ("by country", "by_country"),
    ):
        out.write(f"\n{title}\n")
        for name, count in data[key]:
            out.write(f"  {name:<30}{count:>10}\n")
    return 0


def run_recode(args: argparse.Namespace) -> int:
    from ..store.db import open_store
    from ..store.recode import recode

    config = _config(args, data=_data(args))
    progress = _progress(args.no_progress)

    def on_result(result) -> None:  # type: ignore[no-untyped-def]
        if result.status == "failed":
            print(f"eventwire: failed {result.document_id}: {result.reason}", file=sys.stderr)
        if progress is not None:
            progress.update(1)

    try:
        with open_store(config.db, wait=args.wait, command="recode") as store:
            report = recode(store, config, every=args.all, on_result=on_result)
    finally:
        if progress is not None:
            progress.close()
    v = report.versions
    if not report.outdated:
        print(
            f"eventwire: nothing to re-code: every article was coded with eventwire {v.eventwire}, lexicon "
            f"{v.lexicon}, knowledge {v.knowledge}",
            file=sys.stderr,
        )
        return 0
    print(
        f"eventwire: re-coded {report.ingest.coded} of {report.outdated} outdated articles with eventwire "
        f"{v.eventwire}, lexicon {v.lexicon}, knowledge {v.knowledge}; events written "
        f"{report.ingest.events_written}; failed {report.ingest.failed}; {report.canonical} happenings after merging",
        file=sys.stderr,
    )
    return 1 if report.ingest.failed else 0


def _data(args: argparse.Namespace) -> tuple[str, ...] | None:
    return tuple(args.data) if getattr(args, "data", None) else None
