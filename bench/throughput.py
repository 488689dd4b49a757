"""Throughput of ``extract`` beside spaCy's full pipeline alone, in one process, in the same run.

Corpus: the 121 real article texts of ../shared/data/article_extraction_dev/ground-truth.json (about 700 words
each) plus 300 stories of ../shared/data/ngec_synthetic (the first 300 rows). Phases:

1. baseline: ``nlp.pipe`` over every text with every component of the pipeline (what a coder that parses
   everything pays);
2. eventwire: ``eventwire.extract`` over every text (cleaning, fast-path parsing, actors, events, enrichment,
   attribution);
3. eventwire with ``--workers N`` through ``pipeline.run`` over a JSONL file of the same texts.

Prints words/s and articles/s for each, the ratio eventwire/baseline, and peak resident memory after each phase.

    python bench/throughput.py [--workers 2] [--limit N] [--json FILE]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import resource
import sys
import tempfile
import time
import zipfile
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def corpus(limit: int | None = None) -> list[str]:
    truth = json.loads((SHARED / "article_extraction_dev" / "ground-truth.json").read_text(encoding="utf-8"))
    rows = truth.values() if isinstance(truth, dict) else truth
    texts = [r["articleBody"] for r in rows if r.get("articleBody", "").strip()]
    with zipfile.ZipFile(SHARED / "ngec_synthetic" / "gpt_synthetic_events_2023-10-19_19.csv.zip") as z:
        name = z.namelist()[0]
        reader = csv.DictReader(io.TextIOWrapper(z.open(name), encoding="utf-8"))
        texts += [row["text"] for _, row in zip(range(300), reader, strict=False)]
    return texts[:limit] if limit else texts


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args()

    import eventwire
    from eventwire.nlp import load_pipeline
    from eventwire.pipeline import load_resources, run

    texts = corpus(args.limit)
    words = sum(len(t.split()) for t in texts)
    nlp = load_pipeline()
    load_resources()  # load every resource before timing
    eventwire.extract("Russia attacked Ukraine on Monday.")
    figures: dict[str, dict[str, float]] = {}

    def record(name: str, seconds: float, extra: dict[str, float] | None = None) -> None:
        figures[name] = {
            "seconds": round(seconds, 2),
            "words_per_s": round(words / seconds, 1),
            "articles_per_s": round(len(texts) / seconds, 2),
            "peak_rss_mb": round(peak_mb(), 1),
            **(extra or {}),
        }

    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    record("spacy_full_pipeline", time.perf_counter() - start)

    start = time.perf_counter()
    events = failed = 0
    for result in eventwire.extract_many((text, None) for text in texts):  # a bad text fails alone
        events += len(result.events)
        failed += result.status == "failed"
    record("eventwire_extract", time.perf_counter() - start, {"events": events, "failed": failed})

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        path.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), encoding="utf-8")
        start = time.perf_counter()
        results = list(run([str(path)], workers=args.workers))
        record(f"eventwire_workers_{args.workers}", time.perf_counter() - start, {"documents": len(results)})

    base = figures["spacy_full_pipeline"]["words_per_s"]
    print(f"corpus: {len(texts)} texts, {words} words")
    print(f"{'run':<26}{'words/s':>10}{'articles/s':>12}{'ratio':>8}{'peak MB':>10}")
    for name, f in figures.items():
        ratio = f["words_per_s"] / base
        f["ratio_vs_spacy"] = round(ratio, 2)
        print(f"{name:<26}{f['words_per_s']:>10.0f}{f['articles_per_s']:>12.2f}{ratio:>8.2f}{f['peak_rss_mb']:>10.0f}")
    if args.json:
        Path(args.json).write_text(json.dumps({"words": words, "texts": len(texts), **figures}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
