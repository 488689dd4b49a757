"""How long a fresh process takes before it is useful, beside the time to load spaCy's pipeline alone.

Every figure is the wall time of a new Python process (interpreter start included), the minimum of ``--runs``
runs, measured in this same script so the baseline sees the same machine load:

1. ``spacy.load``: ``import spacy; spacy.load(<the pipeline eventwire uses>)`` and nothing else;
2. first document: ``import eventwire; eventwire.extract(<examples/baltic-talks.txt>)`` - the first coded
   document of a fresh process, with the knowledge cache warm (its usual state) and, once, cold (an empty cache
   directory: what the very first run after an install or a data change pays);
3. missing file: ``eventwire extract /no/such/file`` until it exits with its error;
4. re-ingest: ``eventwire ingest`` of the first 30 pages of ../shared/data/article_extraction_dev/html into a
   database that already holds them (the database is filled once before timing).

    python bench/startup.py [--runs 3] [--pages 30] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
EXAMPLE = ROOT / "examples" / "baltic-talks.txt"


def _timed(cmd: list[str], env: dict[str, str], expect: int | None = 0) -> float:
    started = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if expect is not None and done.returncode != expect:
        raise SystemExit(f"{' '.join(cmd[:3])}... exited {done.returncode}: {done.stderr[-2000:]}")
    return seconds


def _best(runs: int, cmd: list[str], env: dict[str, str], expect: int | None = 0, fresh_cache: bool = False) -> float:
    times = []
    for _ in range(runs):
        if fresh_cache:
            shutil.rmtree(env["EVENTWIRE_CACHE_DIR"], ignore_errors=True)
        times.append(_timed(cmd, env, expect))
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", type=int, default=30)
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args()

    from eventwire.nlp import resolve_pipeline_name

    python = sys.executable
    cli = str(Path(python).with_name("eventwire"))
    work = Path(tempfile.mkdtemp(prefix="eventwire-startup-"))
    env = dict(os.environ, EVENTWIRE_CACHE_DIR=str(work / "cache"))
    model = resolve_pipeline_name("auto")
    figures: dict[str, float] = {}

    spacy_code = f"import spacy; spacy.load({model!r})"
    figures["spacy_load_s"] = _best(args.runs, [python, "-c", spacy_code], env)

    first_code = (
        "import sys, eventwire; "
        "r = eventwire.extract(open(sys.argv[1], encoding='utf-8').read(), '2024-11-10'); "
        "assert r.status == 'ok' and r.events, r.reason"
    )
    figures["first_document_cold_cache_s"] = _best(1, [python, "-c", first_code, str(EXAMPLE)], env, fresh_cache=True)
    figures["first_document_s"] = _best(args.runs, [python, "-c", first_code, str(EXAMPLE)], env)
    figures["first_document_over_spacy_load"] = figures["first_document_s"] / figures["spacy_load_s"]

    figures["missing_file_s"] = _best(args.runs, [cli, "extract", str(work / "no-such-file.html")], env, expect=2)

    pages = work / "pages"
    pages.mkdir()
    for page in sorted((SHARED / "article_extraction_dev" / "html").glob("*.html*"))[: args.pages]:
        shutil.copy(page, pages / page.name)
    db = str(work / "events.duckdb")
    ingest = [cli, "ingest", str(pages), "--db", db, "--no-progress"]
    _timed(ingest, env, expect=None)  # fills the database (some pages may fail: exit 1 is fine)
    figures["reingest_unchanged_s"] = _best(args.runs, ingest, env, expect=None)

    shutil.rmtree(work, ignore_errors=True)
    width = max(map(len, figures))
    for name, value in figures.items():
        print(f"{name:<{width}}  {value:8.2f}")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
