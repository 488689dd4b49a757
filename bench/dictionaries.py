"""Loading the Phoenix actor and agent dictionaries (PETRARCH format), beside reading the same files, in one run.

Files: ../shared/data/petrarch/phoenix_dictionaries/ (``*.actors.txt`` and ``Phoenix.agents.txt``, about 54k lines).
Phases, each measured for wall time, then (run again under tracemalloc) for its peak memory:

1. baseline ``read_lines``: read every line of the same files and keep each non-comment line in a dict keyed by
   its first word (the least any loader does: the bytes, decoded, split and held);
2. ``load_petrarch_actors`` + ``load_petrarch_agents``: eventwire's loaders (date ranges parsed, phrases
   normalised, plurals generated, warnings recorded);
3. ``load_actor_knowledge``: the built-in tables with the Phoenix files added (what ``--data`` does).

Prints seconds and MB for each, with ratios to the baseline.

    python bench/dictionaries.py [--json FILE]
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

FOLDER = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "petrarch" / "phoenix_dictionaries"


AGENTS = FOLDER / "Phoenix.agents.txt"


def _actor_files() -> list[Path]:
    return sorted(FOLDER.glob("*.actors.txt"))


def _files() -> list[Path]:
    """Every file the loaders read, which the baseline reads too."""
    return [*_actor_files(), AGENTS]


def read_lines() -> dict[str, str]:
    held: dict[str, str] = {}
    for path in _files():
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                held[line.split()[0]] = line
    return held


def load_dictionaries() -> tuple[Any, Any]:
    from eventwire.petrarch_dict import load_petrarch_actors, load_petrarch_agents

    return load_petrarch_actors(_actor_files()), load_petrarch_agents(AGENTS)


def load_knowledge() -> Any:
    from eventwire.knowledge import _load, load_actor_knowledge

    _load.cache_clear()  # each call loads afresh
    return load_actor_knowledge([FOLDER])


def measure(name: str, fn: Callable[[], Any]) -> dict[str, Any]:
    """Wall time of one call, then (in a second call, under tracemalloc, which slows Python down) its peak memory."""
    gc.collect()
    started = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - started
    size = len(result) if isinstance(result, dict) else None
    del result
    gc.collect()
    tracemalloc.start()
    result = fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del result
    return {"run": name, "seconds": round(seconds, 3), "peak_mb": round(peak / 1e6, 1), "entries": size}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args(argv)
    if not FOLDER.is_dir():
        print(f"missing: {FOLDER}", file=sys.stderr)
        return 2
    import eventwire.knowledge  # noqa: F401  (imports are not part of the load)
    import eventwire.petrarch_dict  # noqa: F401

    rows = [
        measure("baseline read_lines", read_lines),
        measure("load_petrarch_actors+agents", load_dictionaries),
        measure("load_actor_knowledge (built-in + Phoenix)", load_knowledge),
    ]
    lines = sum(1 for p in _files() for _ in p.open(encoding="utf-8", errors="replace"))
    base = rows[0]
    print(f"Phoenix dictionaries: {len(_files())} files, {lines} lines")
    print(f"{'run':44} {'seconds':>8} {'x base':>7} {'peak MB':>8} {'x base':>7}")
    for row in rows:
        print(
            f"{row['run']:44} {row['seconds']:8.3f} {row['seconds'] / base['seconds']:7.1f} "
            f"{row['peak_mb']:8.1f} {row['peak_mb'] / max(base['peak_mb'], 0.1):7.1f}"
        )
    if args.json:
        Path(args.json).write_text(json.dumps({"lines": lines, "runs": rows}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
