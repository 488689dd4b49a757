"""Events taken from chrome: how many coded events rest on a line of site chrome, per 100 pages.

Corpus: the chrome cases of ``bench/extraction.py chrome`` (each dev page's gold body with the page's own chrome
inserted at the top, between two paragraphs and at the bottom; same seed, so the same cases). Each case is coded
whole by ``eventwire.extract`` as scraped text (the chrome filter runs first, as for any scraped page). An event is
*from chrome* when its evidence sentence lies inside an inserted chrome line and in no article line (compared on
whitespace-normalised text). Reported: pages, events, events from chrome, and both per 100 pages; ``--show``
prints each chrome event with its sentence.

    python bench/chrome_events.py [--limit N] [--json FILE] [--show]

The figure to compare is ``chrome_events_per_100_pages`` between two engines run over the same cases (the
baseline is the same script on the commit before a change); it says nothing about accuracy on the article itself.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from extraction import SHARED, iter_chrome_cases  # noqa: E402


def _norm(text: str) -> str:
    return " ".join(text.split())


def chrome_events(limit: int | None = None, show: bool = False) -> dict[str, Any]:
    import eventwire

    pages = events = from_chrome = 0
    examples: list[dict[str, str]] = []
    start = time.perf_counter()
    for page_id, case in iter_chrome_cases(limit):
        pages += 1
        chrome = [_norm(line) for line, is_chrome in case if is_chrome]
        article = [_norm(line) for line, is_chrome in case if not is_chrome]
        result = eventwire.extract("\n".join(line for line, _ in case))
        for event in result.events:
            events += 1
            sentence = _norm(event.evidence.text)
            if sentence and any(sentence in line for line in chrome) and not any(
                sentence in line for line in article
            ):
                from_chrome += 1
                if show:
                    examples.append(
                        {"page": page_id, "type": event.plover.type or event.cameo.code, "sentence": sentence}
                    )
    elapsed = time.perf_counter() - start
    per = 100 / pages if pages else 0.0
    return {
        "pages": pages,
        "events": events,
        "chrome_events": from_chrome,
        "events_per_100_pages": round(events * per, 1),
        "chrome_events_per_100_pages": round(from_chrome * per, 1),
        "seconds": round(elapsed, 1),
        "examples": examples,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages of each set")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("--show", action="store_true", help="print every event taken from chrome")
    args = parser.parse_args(argv)
    if not SHARED.is_dir():
        parser.error(f"{SHARED} not found: the benchmark needs ../shared beside the checkout")
    figures = chrome_events(args.limit, show=args.show)
    examples = figures.pop("examples")
    for key, value in figures.items():
        print(f"{key:<28} {value}")
    for ex in examples:
        print(f"  [{ex['page'][:12]}] {ex['type']}: {ex['sentence'][:160]}")
    if args.json:
        args.json.write_text(json.dumps({**figures, "examples": examples}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
