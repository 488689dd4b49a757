"""Extraction benchmark: eventwire's input gate beside trafilatura and htmldate, in the same run.

Sub-benchmarks (``python bench/extraction.py [aeb|wcxb|chrome|all] [--limit N] [--json FILE]``):

- ``aeb``: ../shared/data/article_extraction_dev (121 news pages). Body scored as that benchmark does:
  4-gram shingles of ``\\w+`` tokens, per-page precision and recall (TP/FP/FN normalised per page),
  averaged over pages, F1 of the averages.
- ``wcxb``: ../shared/data/wcxb_articles_dev (300 article pages). Body scored as WCXB does: word-level F1
  of the multisets of lower-cased ``\\w+`` tokens against ``ground_truth.main_content``, averaged over
  pages (pages with an empty gold body are skipped); exact title, author and publication-date
  accuracy over the pages whose gold has them.
- ``chrome``: chrome removal on already-extracted text. For each dev page, the gold body gets real chrome
  from the same page inserted at the top, between paragraphs and at the bottom: the visible text lines of
  the page's navigation, header, footer, cookie/consent, share and newsletter containers (by tag, role,
  class or id) that do not appear in the gold body. Scored line by line: precision and recall of the
  removed lines as chrome, and the share of pages that lost no article line.

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


CHROME_CONTAINER = re.compile(
    r"(^|[\s_-])(nav|navbar|navigation|menu|header|masthead|footer|cookie|cookies|consent|gdpr|cmp|"
    r"share|sharing|social|newsletter|subscribe|subscription|signup|breadcrumbs?|toolbar|banner|"
    r"skip|topbar|site-header|site-footer)([\s_-]|$)",
    re.IGNORECASE,
)
CHROME_TAGS = {"nav", "header", "footer"}
CHROME_ROLES = {"navigation", "banner", "contentinfo", "menubar", "menu", "dialog", "alertdialog"}
BLOCK_TAGS = {
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "a", "button", "section", "nav",
    "header", "footer", "aside", "span", "label", "form", "td", "tr", "table", "dd", "dt", "figcaption", "br",
}  # fmt: skip
INVISIBLE = {"script", "style", "noscript", "template", "svg", "iframe", "head", "select", "option"}


def _element_lines(element: Any) -> list[str]:
    """Visible text of an element, one line per block (links and list items count as blocks)."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if not tag or tag.lower() in INVISIBLE:  # comments and processing instructions are not shown
            if node.tail:
                parts.append(node.tail)
            return
        block = tag.lower() in BLOCK_TAGS
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

    tail = element.tail
    element.tail = None
    walk(element)
    element.tail = tail
    return [" ".join(line.split()) for line in "".join(parts).split("\n") if line.strip()]


def page_chrome_lines(html: str, body: str, title: str | None = None) -> list[str]:
    """The chrome lines of a page: text of its navigation/header/footer/consent/share containers, in page
    order, without lines that appear in the gold body (or the page title), without repeats."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return []
    body_norm = " ".join(body.split()).lower()
    title_norm = " ".join((title or "").split()).lower()
    found: list[str] = []
    seen: set[str] = set()
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        attrs = " ".join(element.get(a, "") for a in ("class", "id"))
        if not (
            element.tag.lower() in CHROME_TAGS
            or (element.get("role") or "").lower() in CHROME_ROLES
            or CHROME_CONTAINER.search(attrs)
        ):
            continue
        if any(
            isinstance(a.tag, str)
            and (
                a.tag.lower() in CHROME_TAGS
                or CHROME_CONTAINER.search(" ".join(a.get(x, "") for x in ("class", "id")))
            )
            for a in element.iterancestors()
        ):
            continue  # the outermost chrome container already covers it
        for line in _element_lines(element):
            key = line.lower()
            if key in seen or len(key) < 2 or not re.search(r"\w", key) or re.search(r"</?[a-z!]", key):
                continue
            if key in body_norm or (title_norm and (key in title_norm or title_norm in key)):
                continue
            seen.add(key)
            found.append(line)
    return found


def build_chrome_case(
    page: dict[str, Any], rng: random.Random, max_lines: int = 40
) -> list[tuple[str, bool]] | None:
    """The gold body with the page's own chrome inserted at the top, between paragraphs and at the bottom.

    Returns (line, is_chrome) pairs, or None when the page has no chrome or no body.
    """
    body_lines = [" ".join(line.split()) for line in page["body"].split("\n") if line.strip()]
    chrome = page_chrome_lines(page["html"], page["body"], page.get("title"))
    if not body_lines or not chrome:
        return None
    chrome = chrome[:max_lines] if len(chrome) <= max_lines else _contiguous_sample(chrome, max_lines, rng)
    # three blocks in page order: top (site header), middle (share bars, banners), bottom (footer)
    cut1, cut2 = len(chrome) // 3, 2 * len(chrome) // 3
    top, middle, bottom = chrome[:cut1], chrome[cut1:cut2], chrome[cut2:]
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


def _contiguous_sample(lines: list[str], size: int, rng: random.Random) -> list[str]:
    """``size`` lines as three contiguous stretches from the start, middle and end of the page's chrome."""
    third = size // 3
    mid = rng.randrange(third, max(third + 1, len(lines) - 2 * third))
    return lines[:third] + lines[mid : mid + third] + lines[len(lines) - (size - 2 * third) :]


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


def score_chrome(cases: list[tuple[str, list[tuple[str, bool]]]]) -> dict[str, Any]:
    """Line-level precision/recall of ``remove_chrome`` on labelled cases, and pages with no article line lost."""
    from eventwire.clean import remove_chrome

    tp = fp = fn = 0
    intact = 0
    lost_examples: list[dict[str, str]] = []
    missed = Counter()
    start = time.perf_counter()
    for page_id, case in cases:
        text = "\n".join(line for line, _ in case)
        kept, _removed, _meta = remove_chrome(text, find_title=False)
        kept_lines = set(kept.split("\n\n"))
        page_lost = False
        for line, is_chrome in case:
            dropped = line not in kept_lines
            if is_chrome and dropped:
                tp += 1
            elif is_chrome:
                fn += 1
                missed[line] += 1
            elif dropped:
                fp += 1
                page_lost = True
                if len(lost_examples) < 40:
                    lost_examples.append({"page": page_id, "line": line[:200]})
        intact += not page_lost
    elapsed = time.perf_counter() - start
    return {
        "pages": len(cases),
        "chrome_lines": tp + fn,
        "article_lines": sum(1 for _, c in cases for _, is_chrome in c if not is_chrome),
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "pages_without_loss": intact / len(cases) if cases else 1.0,
        "pages_per_second": len(cases) / elapsed if elapsed else float("inf"),
        "lost_examples": lost_examples,
        "missed_examples": [line for line, _ in missed.most_common(40)],
    }


def bench_chrome(limit: int | None = None) -> dict[str, Any]:
    return score_chrome(list(iter_chrome_cases(limit)))


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
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("which", nargs="?", default="all", choices=["all", "aeb", "wcxb", "chrome"])
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
