"""Extraction benchmark: eventwire's input gate beside trafilatura and htmldate, in the same run.

Sub-benchmarks (``python bench/extraction.py [aeb|wcxb|chrome|batch|all] [--limit N] [--json FILE]``):

- ``aeb``: ../shared/data/article_extraction_dev (121 news pages). Body scored as that benchmark does:
  4-gram shingles of ``\\w+`` tokens, per-page precision and recall (TP/FP/FN normalised per page),
  averaged over pages, F1 of the averages.
- ``wcxb``: ../shared/data/wcxb_articles_dev (300 article pages). Body scored as WCXB does: word-level F1
  of the multisets of lower-cased ``\\w+`` tokens against ``ground_truth.main_content``, averaged over
  pages (pages with an empty gold body are skipped); exact title, author and publication-date
  accuracy over the pages whose gold has them.
- ``chrome``: chrome removal on already-extracted text. For each dev page, the gold body gets real chrome
  from the same page: every visible line of its HTML (block elements make lines, links and other inline
  elements stay inside theirs) that is not part of the gold body (compared by words, so spacing, quotes
  and punctuation do not matter; a line of fewer than four words only as a whole gold line, so a menu
  label whose word the article uses stays chrome) and is not the headline. What the page shows before the
  article goes at the top, what it shows inside the article between two paragraphs, what it shows after it
  at the bottom (each a contiguous stretch of at most 15 lines). Scored line by line: precision and recall of the
  removed lines as chrome (a line is article only when it comes from the gold body), and the share of
  pages that lost no article line.
- ``batch``: documents per second of the real CLI (``eventwire extract --workers 1`` and ``2``, run as a
  subprocess) over both dev sets' HTML pages, start-up included, and the start-up alone.

Baselines: ``trafilatura.extract(html, url=url)`` with ``trafilatura.extract_metadata(html, default_url=url)``,
and ``htmldate.find_date(html, url=url, original_date=True)``. Every tool gets the same decoded HTML and URL.
These pages are blogs, magazines and news pages from 2007-2026, not a sample of political news: the figures
say how well the gate reads pages, not how well eventwire codes events.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
TOKEN = re.compile(r"\w+")


# ---------------------------------------------------------------------------------------- data


def load_aeb(limit: int | None = None) -> list[dict[str, Any]]:
    """Pages of article_extraction_dev: id, html (decoded), url, body."""
    from eventwire.readers.decode import decode_bytes

    folder = SHARED / "article_extraction_dev"
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth)[:limit]:
        data = gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes())
        gold = truth[key]
        pages.append(
            {"id": key, "html": decode_bytes(data, key), "url": gold.get("url"), "body": gold["articleBody"]}
        )
    return pages


def load_wcxb(limit: int | None = None) -> list[dict[str, Any]]:
    """Pages of wcxb_articles_dev: id, html, url, body, title, author, date."""
    from eventwire.readers.decode import decode_bytes

    folder = SHARED / "wcxb_articles_dev"
    pages = []
    for path in sorted((folder / "ground-truth").glob("*.json"))[:limit]:
        gold = json.loads(path.read_text(encoding="utf-8"))
        truth = gold.get("ground_truth") or {}
        data = gzip.decompress((folder / "html" / f"{path.stem}.html.gz").read_bytes())
        pages.append(
            {
                "id": path.stem,
                "html": decode_bytes(data, path.stem),
                "url": gold.get("url"),
                "body": truth.get("main_content") or "",
                "title": truth.get("title"),
                "author": truth.get("author"),
                "date": truth.get("publish_date"),
            }
        )
    return pages


# ---------------------------------------------------------------------------------------- metrics


def _shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n])


def shingle_pr(true: str, pred: str) -> tuple[float | None, float | None]:
    """Per-page (precision, recall) of 4-gram shingles; None where undefined (no prediction / no gold)."""
    gold, guess = _shingles(true), _shingles(pred)
    tp = sum((gold & guess).values())
    fp = sum((guess - gold).values())
    fn = sum((gold - guess).values())
    if fp == fn == 0:
        return 1.0, 1.0
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    return precision, recall


def word_f1(true: str, pred: str) -> float:
    """F1 of the multisets of lower-cased ``\\w+`` tokens (WCXB's body score)."""
    gold = Counter(TOKEN.findall(true.lower()))
    guess = Counter(TOKEN.findall((pred or "").lower()))
    tp = sum((gold & guess).values())
    if not tp:
        return 0.0
    precision, recall = tp / sum(guess.values()), tp / sum(gold.values())
    return 2 * precision * recall / (precision + recall)


def _norm(value: str | None) -> str:
    return " ".join((value or "").lower().split())


def _day(value: Any) -> str | None:
    match = re.search(r"(\d{4}-\d{2}-\d{2})", str(value or ""))
    return match.group(1) if match else None


# ---------------------------------------------------------------------------------------- systems


def run_eventwire(page: dict[str, Any]) -> dict[str, Any]:
    from eventwire.clean import clean
    from eventwire.errors import InputError
    from eventwire.model import RawDocument

    try:
        article = clean(
            RawDocument(source=page["id"], content=page["html"], content_type="html", url=page["url"])
        )
    except InputError:
        return {"body": "", "title": None, "author": None, "date": None}
    return {"body": article.text, "title": article.title, "author": article.author, "date": article.published}


def run_trafilatura(page: dict[str, Any]) -> dict[str, Any]:
    import trafilatura

    body = trafilatura.extract(page["html"], url=page["url"]) or ""
    meta = trafilatura.extract_metadata(page["html"], default_url=page["url"])
    if meta is None:
        return {"body": body, "title": None, "author": None, "date": None}
    return {"body": body, "title": meta.title, "author": meta.author, "date": _day(meta.date)}


def run_htmldate(page: dict[str, Any]) -> dict[str, Any]:
    from htmldate import find_date

    try:
        found = find_date(page["html"], url=page["url"], original_date=True)
    except Exception:  # noqa: BLE001 - a baseline's crash counts as no answer
        found = None
    return {"date": _day(found)}


SYSTEMS = {"eventwire": run_eventwire, "trafilatura": run_trafilatura, "htmldate": run_htmldate}


def _timed(system: str, pages: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], float]:
    start = time.perf_counter()
    outputs = [SYSTEMS[system](page) for page in pages]
    elapsed = time.perf_counter() - start
    return outputs, len(pages) / elapsed if elapsed else float("inf")


def bench_aeb(limit: int | None = None) -> dict[str, Any]:
    """Body P/R/F1 (4-gram shingles) on article_extraction_dev for eventwire and trafilatura."""
    pages = load_aeb(limit)
    figures: dict[str, Any] = {"pages": len(pages)}
    for system in ("eventwire", "trafilatura"):
        outputs, speed = _timed(system, pages)
        precisions, recalls = [], []
        for page, out in zip(pages, outputs, strict=True):
            p, r = shingle_pr(page["body"], out["body"])
            if p is not None:
                precisions.append(p)
            if r is not None:
                recalls.append(r)
        precision = sum(precisions) / len(precisions)
        recall = sum(recalls) / len(recalls)
        figures[system] = {
            "precision": precision,
            "recall": recall,
            "f1": 2 * precision * recall / (precision + recall),
            "pages_per_second": speed,
        }
    return figures


def bench_wcxb(limit: int | None = None) -> dict[str, Any]:
    """Body word F1 and title/author/date accuracy on wcxb_articles_dev; htmldate for dates."""
    pages = [p for p in load_wcxb(limit) if p["body"].strip()]
    figures: dict[str, Any] = {"pages": len(pages)}
    for system in ("eventwire", "trafilatura", "htmldate"):
        outputs, speed = _timed(system, pages)
        result: dict[str, Any] = {"pages_per_second": speed}
        if system != "htmldate":
            result["body_f1"] = sum(
                word_f1(p["body"], o["body"]) for p, o in zip(pages, outputs, strict=True)
            ) / len(pages)
            for field in ("title", "author"):
                judged = [(p, o) for p, o in zip(pages, outputs, strict=True) if p[field]]
                result[f"{field}_accuracy"] = sum(
                    _norm(p[field]) == _norm(o[field]) for p, o in judged
                ) / len(judged)
                result[f"{field}_pages"] = len(judged)
        judged = [(p, o) for p, o in zip(pages, outputs, strict=True) if _day(p["date"])]
        result["date_accuracy"] = sum(_day(p["date"]) == _day(o["date"]) for p, o in judged) / len(judged)
        result["date_pages"] = len(judged)
        figures[system] = result
    return figures


# ---------------------------------------------------------------------------------------- chrome


INVISIBLE = {"script", "style", "noscript", "template", "svg", "iframe", "head", "select", "option"}
INLINE_TAGS = {
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i", "img", "kbd", "mark", "q",
    "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr",
}  # fmt: skip
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def _hidden(node: Any) -> bool:
    return (
        node.get("hidden") is not None
        or (node.get("aria-hidden") or "").lower() == "true"
        or bool(HIDDEN_STYLE.search(node.get("style") or ""))
        or (node.tag.lower() == "input" and (node.get("type") or "").lower() == "hidden")
    )


def visible_lines(html: str) -> list[str]:
    """The page's visible text as a reader sees it: one line per block element (``<p>``, ``<li>``, ``<div>``,
    headings...), inline elements (links, ``<span>``, emphasis) inside their line, ``<br>`` breaking a line.
    Scripts, styles, forms' options and elements hidden by attribute or inline style are left out."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return []
    root = tree.find("body")
    root = tree if root is None else root
    parts: list[str] = []

    def walk(node: Any) -> None:
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if not tag or tag in INVISIBLE or _hidden(node):
            if node.tail:
                parts.append(node.tail)
            return
        block = tag not in INLINE_TAGS
        if block:
            parts.append("\n")
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
        if block:
            parts.append("\n")
        if node.tail:
            parts.append(node.tail)

    walk(root)
    return [" ".join(line.split()) for line in "".join(parts).split("\n") if line.strip()]


def _key(text: str) -> str:
    """A line's words, lower-cased, without punctuation or spacing: the form lines are compared in."""
    return " ".join(TOKEN.findall(text.lower()))


def _in_text(key: str, text_key: str, text_grams: set[tuple[str, ...]]) -> bool:
    """True when a line (as its key) is part of a text: verbatim, or most of its word 3-grams are there
    (the same sentence with a word changed, a caption glued to a credit, a paragraph cut short)."""
    if f" {key} " in f" {text_key} ":
        return True
    words = key.split()
    grams = [tuple(words[i : i + 3]) for i in range(len(words) - 2)]
    return bool(grams) and sum(g in text_grams for g in grams) >= 0.5 * len(grams)


# a visible line shorter than this (in words) is part of the gold body only as a whole gold line: a menu label
# ("Business", "World") whose word the article happens to use is chrome, and it does not mark where the
# article is on the page
_PART_MIN = 4


def page_chrome_lines(
    html: str, body: str, titles: tuple[str | None, ...] = ()
) -> tuple[list[str], list[str], list[str]]:
    """The chrome of a page, as whole visible lines in page order: (before the article, inside it, after it).

    Chrome is every visible line of the HTML that is not part of the gold body (compared by words, so a body
    line under other spacing, quotes or punctuation is not chrome) and is not the headline (``titles``:
    the headline is metadata, which the filter takes apart on its own). Lines without a letter or digit are
    dropped, repeats are kept once. "Inside" is what the page shows between the first and the last body line
    (captions, ads, related links, share bars)."""
    body_key = _key(body)
    body_words = body_key.split()
    body_grams = {tuple(body_words[i : i + 3]) for i in range(len(body_words) - 2)}
    body_lines = {_key(line) for line in body.split("\n")}
    title_keys = [_key(t) for t in titles if t and _key(t)]
    labelled: list[tuple[str, bool]] = []
    seen: set[str] = set()
    for line in visible_lines(html):
        key = _key(line)
        if not key:
            continue
        if key in body_lines or (len(key.split()) >= _PART_MIN and _in_text(key, body_key, body_grams)):
            labelled.append((line, False))
            continue
        if key in seen or any(key == t or (len(key) > 20 and (key in t or t in key)) for t in title_keys):
            continue
        seen.add(key)
        labelled.append((line, True))
    body_at = [i for i, (_, is_chrome) in enumerate(labelled) if not is_chrome]
    if not body_at:
        return [line for line, _ in labelled], [], []
    first, last = body_at[0], body_at[-1]
    before = [line for line, c in labelled[:first] if c]
    inside = [line for line, c in labelled[first : last + 1] if c]
    after = [line for line, c in labelled[last + 1 :] if c]
    return before, inside, after


def build_chrome_case(
    page: dict[str, Any], rng: random.Random, max_lines: int = 15
) -> list[tuple[str, bool]] | None:
    """The gold body with the page's own chrome inserted at the top, between paragraphs and at the bottom.

    The top gets (up to ``max_lines`` of) what the page shows before the article, the bottom what it shows
    after, and one paragraph break what it shows inside the article (or, when nothing is inside, a stretch of
    the page's footer). Each part is a contiguous stretch of the page. Returns (line, is_chrome) pairs, or
    None when the page has no chrome or no body.
    """
    body_lines = [" ".join(line.split()) for line in page["body"].split("\n") if line.strip()]
    titles = (page.get("title"), _html_title(page["html"]))
    before, inside, after = page_chrome_lines(page["html"], page["body"], titles)
    if not body_lines or not (before or inside or after):
        return None
    if not inside and len(after) > 1:
        cut = len(after) // 2
        inside, after = after[:cut], after[cut:]
    top = _contiguous_sample(before, max_lines, rng, keep="end")
    middle = _contiguous_sample(inside, max_lines, rng, keep="any")
    bottom = _contiguous_sample(after, max_lines, rng, keep="start")
    case: list[tuple[str, bool]] = [(line, True) for line in top]
    middle_at = rng.randrange(1, len(body_lines)) if len(body_lines) > 1 else 1
    for i, line in enumerate(body_lines):
        if i == middle_at:
            case.extend((m, True) for m in middle)
        case.append((line, False))
    if middle_at >= len(body_lines):
        case.extend((m, True) for m in middle)
    case.extend((line, True) for line in bottom)
    return case


def _html_title(html: str) -> str | None:
    match = re.search(r"<title[^>]*>(.*?)</title>", html[:200000], re.IGNORECASE | re.DOTALL)
    if not match:
        return None
    import html as htmllib

    return re.split(r"\s+[|–—·•-]\s+", htmllib.unescape(match.group(1)).strip())[0]


def _contiguous_sample(lines: list[str], size: int, rng: random.Random, keep: str) -> list[str]:
    """At most ``size`` lines, one contiguous stretch: the end of the page's header ("end", the lines next
    to the article), the start of its footer ("start"), or anywhere ("any")."""
    if len(lines) <= size:
        return lines
    if keep == "end":
        return lines[-size:]
    if keep == "start":
        return lines[:size]
    at = rng.randrange(0, len(lines) - size + 1)
    return lines[at : at + size]


def iter_chrome_cases(
    limit: int | None = None, seed: int = 13
) -> Iterator[tuple[str, list[tuple[str, bool]]]]:
    """Chrome-removal cases from both dev sets (page id, labelled lines)."""
    rng = random.Random(seed)
    for page in load_aeb(limit) + load_wcxb(limit):
        if not page["body"].strip():
            continue
        case = build_chrome_case(page, rng)
        if case:
            yield page["id"], case


def dropped_lines(case: list[tuple[str, bool]]) -> list[bool]:
    """For each line of a case, whether ``remove_chrome`` dropped it (each kept line vouches for one line of the
    case, so a line the text holds twice is kept twice only when both stay)."""
    from eventwire.clean import remove_chrome

    kept, _removed, _meta = remove_chrome("\n".join(line for line, _ in case), find_title=False)
    left = Counter(kept.split("\n\n"))
    dropped = []
    for line, _ in case:
        dropped.append(left[line] <= 0)
        left[line] -= 1
    return dropped


def score_chrome(cases: list[tuple[str, list[tuple[str, bool]]]]) -> dict[str, Any]:
    """Line-level precision/recall of ``remove_chrome`` on labelled cases, and pages with no article line lost."""
    from eventwire.clean import classify_line

    tp = fp = fn = 0
    intact = 0
    named_only = 0  # pages whose lost lines are all of a kind chrome.yaml names (a credit, "Read more")
    lost_examples: list[dict[str, str]] = []
    missed = Counter()
    start = time.perf_counter()
    for page_id, case in cases:
        page_lost = False
        lost_kinds: list[str | None] = []
        for (line, is_chrome), dropped in zip(case, dropped_lines(case), strict=True):
            if is_chrome and dropped:
                tp += 1
            elif is_chrome:
                fn += 1
                missed[line] += 1
            elif dropped:
                fp += 1
                page_lost = True
                lost_kinds.append(classify_line(line))
                if len(lost_examples) < 40:
                    lost_examples.append({"page": page_id, "line": line[:200]})
        intact += not page_lost
        named_only += page_lost and all(k not in (None, "section") for k in lost_kinds)
    elapsed = time.perf_counter() - start
    return {
        "pages": len(cases),
        "chrome_lines": tp + fn,
        "article_lines": sum(1 for _, c in cases for _, is_chrome in c if not is_chrome),
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "pages_without_loss": intact / len(cases) if cases else 1.0,
        # the gold bodies keep some lines the issue itself calls chrome (photo credits, "Read more: ...",
        # copyright lines): pages whose only loss is such a line, reported beside the strict figure
        "pages_losing_only_named_chrome": named_only,
        "pages_per_second": len(cases) / elapsed if elapsed else float("inf"),
        "lost_examples": lost_examples,
        "missed_examples": [line for line, _ in missed.most_common(40)],
    }


def bench_chrome(limit: int | None = None) -> dict[str, Any]:
    return score_chrome(list(iter_chrome_cases(limit)))


# ---------------------------------------------------------------------------------------- batch


def _cli(args: list[str]) -> tuple[float, Counter[str], int]:
    """Run ``eventwire extract`` as a subprocess: (wall seconds, result statuses, exit code)."""
    import subprocess
    import tempfile

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        code = subprocess.run(
            [sys.executable, "-m", "eventwire.cli.main", "extract", "--no-progress", *args],
            stdout=out,
            stderr=err,
            check=False,
        ).returncode
        elapsed = time.perf_counter() - start
        out.seek(0)
        statuses = Counter(json.loads(line)["status"] for line in out if line.strip())
    return elapsed, statuses, code


def bench_batch(limit: int | None = None, workers: tuple[int, ...] = (1, 2)) -> dict[str, Any]:
    """Documents per second of the real CLI, ``eventwire extract --workers N``, over both dev sets' pages.

    The whole command is timed (start-up and model loading included); ``startup_seconds`` is the same command
    on one page, and ``steady_docs_per_second`` the rate once that is taken off.
    """
    folders = [SHARED / "article_extraction_dev" / "html", SHARED / "wcxb_articles_dev" / "html"]
    if limit:
        inputs = [str(f) for folder in folders for f in sorted(folder.glob("*.html.gz"))[:limit]]
    else:
        inputs = [str(folder) for folder in folders] + ["--pattern", "*.html.gz"]
    first = str(sorted(folders[0].glob("*.html.gz"))[0])
    figures: dict[str, Any] = {}
    for n in workers:
        startup, _, _ = _cli([first, "--workers", str(n)])
        elapsed, statuses, code = _cli([*inputs, "--workers", str(n)])
        docs = sum(statuses.values())
        figures[f"workers_{n}"] = {
            "documents": docs,
            "statuses": dict(statuses),
            "exit_code": code,
            "seconds": elapsed,
            "docs_per_second": docs / elapsed,
            "startup_seconds": startup,
            "steady_docs_per_second": docs / max(1e-9, elapsed - startup),
        }
    return figures


# ---------------------------------------------------------------------------------------- report


def _table(figures: dict[str, Any]) -> str:
    rows = []
    if "aeb" in figures:
        f = figures["aeb"]
        rows.append(f"article_extraction_dev ({f['pages']} pages), body 4-gram shingles")
        rows.append(f"  {'system':<12} {'P':>6} {'R':>6} {'F1':>6} {'pages/s':>8}")
        for s in ("eventwire", "trafilatura"):
            x = f[s]
            rows.append(
                f"  {s:<12} {x['precision']:6.3f} {x['recall']:6.3f} {x['f1']:6.3f} {x['pages_per_second']:8.1f}"
            )
    if "wcxb" in figures:
        f = figures["wcxb"]
        rows.append(f"wcxb_articles_dev ({f['pages']} pages), body word F1; exact title/author/date accuracy")
        rows.append(f"  {'system':<12} {'body F1':>7} {'title':>6} {'author':>6} {'date':>6} {'pages/s':>8}")
        for s in ("eventwire", "trafilatura", "htmldate"):
            x = f[s]

            def fmt(key: str, x: dict[str, Any] = x) -> str:
                return f"{x[key]:6.3f}" if key in x else f"{'-':>6}"

            body = f"{x['body_f1']:7.3f}" if "body_f1" in x else f"{'-':>7}"
            rows.append(
                f"  {s:<12} {body} {fmt('title_accuracy')} {fmt('author_accuracy')} {fmt('date_accuracy')} "
                f"{x['pages_per_second']:8.1f}"
            )
        e = f["eventwire"]
        rows.append(
            f"  (gold has title on {e['title_pages']}, author on {e['author_pages']}, date on {e['date_pages']} pages)"
        )
    if "chrome" in figures:
        f = figures["chrome"]
        rows.append(
            f"chrome removal ({f['pages']} pages, {f['chrome_lines']} chrome lines, {f['article_lines']} article lines)"
        )
        rows.append(
            f"  precision {f['precision']:.3f}  recall {f['recall']:.3f}  "
            f"pages with no article line lost {f['pages_without_loss']:.3f}  {f['pages_per_second']:.0f} pages/s"
        )
        rows.append(
            f"  of the pages with a loss, {f['pages_losing_only_named_chrome']} lose only lines of a kind chrome.yaml "
            "names (a credit, a copyright line, 'Read more: ...') that their gold body keeps"
        )
    if "batch" in figures:
        rows.append("eventwire extract (the CLI, a subprocess) over both dev sets' pages")
        for key, x in figures["batch"].items():
            rows.append(
                f"  {key}: {x['documents']} documents {x['statuses']} in {x['seconds']:.1f} s = "
                f"{x['docs_per_second']:.2f} docs/s (start-up {x['startup_seconds']:.1f} s; "
                f"{x['steady_docs_per_second']:.2f} docs/s after it), exit {x['exit_code']}"
            )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("which", nargs="?", default="all", choices=["all", "aeb", "wcxb", "chrome", "batch"])
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages of each set")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument("--show", action="store_true", help="print chrome examples (lost and missed lines)")
    args = parser.parse_args(argv)
    if not SHARED.is_dir():
        parser.error(f"{SHARED} not found: the benchmark needs ../shared beside the checkout")
    figures: dict[str, Any] = {}
    if args.which in ("all", "aeb"):
        figures["aeb"] = bench_aeb(args.limit)
    if args.which in ("all", "wcxb"):
        figures["wcxb"] = bench_wcxb(args.limit)
    if args.which in ("all", "chrome"):
        figures["chrome"] = bench_chrome(args.limit)
    if args.which in ("all", "batch"):
        figures["batch"] = bench_batch(args.limit)
    sys.stdout.write(_table(figures) + "\n")
    if args.show and "chrome" in figures:
        sys.stdout.write(
            json.dumps(
                {k: figures["chrome"][k] for k in ("lost_examples", "missed_examples")},
                indent=1,
                ensure_ascii=False,
            )
            + "\n"
        )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
