"""Fuzz the input gate and the per-document function with generated malformed inputs, reproducible from a seed.

Each case is written to a file (or passed to the Python API, for what a file cannot carry: lone surrogates, a
``url`` or ``published`` argument) and goes through what a user runs: ``readers.iter_documents`` then
``pipeline.process_raws`` (the per-document function of the CLI, the store and the workers), or ``extract``.
Kinds of case (``KINDS``): random bytes, bad encodings, deep and broken HTML, entity floods, a tag with many
attributes, huge lines, over-long sentences, mutated real pages of ../shared/data/article_extraction_dev,
malformed URLs (canonical link, og:url, JSONL ``url``, WARC target, the ``url`` argument), bad JSONL (deep
nesting, NaN, wrong types), bad WARC, edge publication dates, lone surrogates and 1–50 MB pages.

What it counts, per input:

- **clean error**: the input came back as a failed or skipped result whose reason is an ``EventwireError`` of the
  input gate (``[E1xx]``), or ``extract`` raised an ``InputError``;
- **internal error**: a failed result whose reason is ``[E900]``: a stage raised something that is not an
  ``EventwireError``; the batch went on, but that is a bug to fix (target 0);
- **uncaught**: an exception escaped the per-document function (target 0);
- **over budget**: the input took longer than ``budget(size)`` (``BUDGET_BASE`` s plus ``BUDGET_PER_MB`` s per
  MB; target 0).

It prints these counts, by kind, the slowest inputs and peak resident memory.

    python bench/fuzz.py --seed 1 --count 10000 [--kinds a,b] [--max-mb 50] [--json FILE] [--save DIR]
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import json
import random
import resource
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"
ROOT = Path(__file__).resolve().parents[1]

BUDGET_BASE = 20.0  # seconds any input may take
BUDGET_PER_MB = 30.0  # and this much more per MB of input
HARD_LIMIT_FACTOR = 3.0  # an input still running at this multiple of its budget is stopped (SIGALRM)


@dataclasses.dataclass
class Case:
    """One generated input: ``payload`` bytes written to a file named ``name`` (its suffix tells the reader the
    kind), or ``api`` arguments for ``eventwire.extract``."""

    kind: str
    name: str
    payload: bytes = b""
    api: dict[str, Any] | None = None

    @property
    def size(self) -> int:
        if self.api is not None:
            return len(str(self.api.get("text_or_html", "")).encode("utf-8", "surrogatepass"))
        return len(self.payload)


# ---------------------------------------------------------------------------------------------- material


def real_pages(limit: int = 40) -> list[bytes]:
    """Real news pages (HTML) to mutate: ../shared/data/article_extraction_dev, else the project's own cases."""
    folder = SHARED / "article_extraction_dev" / "html"
    pages: list[bytes] = []
    if folder.is_dir():
        for path in sorted(folder.glob("*.html.gz"))[:limit]:
            pages.append(gzip.decompress(path.read_bytes()))
    if not pages:
        pages = [p.read_bytes() for p in sorted((ROOT / "tests" / "data" / "cases").glob("*.html"))]
    return pages


SENTENCES = (
    "Russia said on Sunday it had shot down 34 Ukrainian drones over its territory last week.",
    "The president of Kenya met the Tanzanian foreign minister in Nairobi on Tuesday.",
    "Police arrested 200 protesters in Dhaka after clashes with security forces.",
    "China will hold talks with Japan next month, the ministry said.",
    "Iran threatened to close the Strait of Hormuz if sanctions were imposed.",
)


def _text(rng: random.Random, sentences: int) -> str:
    return " ".join(rng.choice(SENTENCES) for _ in range(sentences))


def _html(body: str, head: str = "") -> str:
    return f"<!doctype html><html><head><title>A report</title>{head}</head><body><article>{body}</article></body></html>"


def _paragraphs(rng: random.Random, n: int) -> str:
    return "".join(f"<p>{_text(rng, rng.randint(1, 4))}</p>" for _ in range(n))


BAD_URLS = (
    "http://example.com:99999/2024/11/10/story",
    "https://example.com:-1/story",
    "http://example.com:abc/story",
    "http://[::1/story",
    "http://[::1]:80000/x",
    "http://[fe80::1%eth0]/story",
    "https://[2001:db8::1]/2024/11/10/story",
    "http://exa mple.com/\x00",
    "http://%%%/",
    "http://" + "a" * 70000 + ".com/",
    "http://example.com:65536",
    "::::",
    "http://[/",
    "https://example.com\ud800/story",
)
BAD_DATES = ("0001-01-01", "9999-12-31", "0000-00-00", "9999-99-99", "2024-02-30", "-1", "1e309", "")


# ---------------------------------------------------------------------------------------------- generators


def g_random_bytes(rng: random.Random) -> Case:
    size = rng.choice((0, 1, 7, 100, 4096, 65536, 300_000))
    suffix = rng.choice((".html", ".txt", ".jsonl", ".warc", ".bin", ".gz", ""))
    return Case("random_bytes", f"random{suffix}", rng.randbytes(size))


def g_bad_encoding(rng: random.Random) -> Case:
    text = _html(_paragraphs(rng, rng.randint(1, 8)) + "<p>Zürich café naïve façade – “quoted” — end.</p>")
    choice = rng.randrange(7)
    if choice == 0:
        data = text.encode("utf-16-le")  # no BOM
    elif choice == 1:
        data = text.encode("utf-8")
        cut = rng.randrange(1, len(data))
        data = data[:cut] + b"\xc3" + data[cut:]  # a broken multi-byte sequence
    elif choice == 2:
        data = text.encode("cp1252", "replace").replace(b"<head>", b'<head><meta charset="utf-8">')
    elif choice == 3:
        data = text.encode("utf-8").replace(b"<head>", b'<head><meta charset="no-such-charset">')
    elif choice == 4:
        data = bytes(b ^ 0x80 if rng.random() < 0.05 else b for b in text.encode("utf-8"))
    elif choice == 5:
        data = b"\xef\xbb\xbf" + text.encode("utf-16-be")  # a UTF-8 BOM over UTF-16 bytes
    else:
        data = text.encode("utf-8").replace(b"e", b"\xed\xa0\x80")  # encoded surrogates (invalid UTF-8)
    return Case("bad_encoding", rng.choice(("page.html", "page.txt", "page")), data)


def g_deep_html(rng: random.Random) -> Case:
    depth = rng.choice((500, 1000, 5000, 20000, 100000))
    tag = rng.choice(("div", "span", "b", "table", "p", "ul"))
    broken = rng.random() < 0.5
    body = f"<{tag}>" * depth + _paragraphs(rng, 3) + ("" if broken else f"</{tag}>" * depth)
    return Case("deep_html", "deep.html", _html(body).encode())


def g_broken_html(rng: random.Random) -> Case:
    pieces = ["<p>", "</p>", "<div", ">", "<", "</", "<!--", "-->", "<script>", "</script>", "<![CDATA[", "]]>",
              "<style>", "\"", "'", "=", "<a href=", "<img src=x", "<br/>", "&", "#", ";", "<?xml ?>", "<!DOCTYPE"]
    out = []
    for _ in range(rng.randint(10, 3000)):
        out.append(rng.choice(pieces) if rng.random() < 0.6 else rng.choice(SENTENCES))
    return Case("broken_html", "broken.html", "".join(out).encode())


def g_entity_flood(rng: random.Random) -> Case:
    choice = rng.randrange(5)
    n = rng.choice((1000, 10000, 100000))
    if choice == 0:
        flood = "&amp;" * n
    elif choice == 1:  # invalid numeric entities
        flood = "".join(f"&#{rng.randint(1_114_112, 10**12)};" for _ in range(n // 10))
    elif choice == 2:
        flood = "".join(f"&#x{rng.randint(0xD800, 0xDFFF):x};" for _ in range(n // 10))
    elif choice == 3:
        flood = "&#" + "9" * n + ";"
    else:
        flood = " ".join(f"&#{rng.randint(0, 99999999)};" for _ in range(n // 10))
    body = _paragraphs(rng, 2) + f"<p>{flood}</p>" + _paragraphs(rng, 2)
    if rng.random() < 0.5:
        return Case("entity_flood", "entities.html", _html(body).encode())
    return Case("entity_flood", "entities.txt", (_text(rng, 3) + "\n\n" + flood + "\n\n" + _text(rng, 3)).encode())


def g_many_attributes(rng: random.Random) -> Case:
    n = rng.choice((1000, 10000, 100000))
    attributes = " ".join(f"a{i}=\"{i}\"" for i in range(n))
    return Case("many_attributes", "attrs.html", _html(f"<div {attributes}>" + _paragraphs(rng, 3) + "</div>").encode())


def g_huge_line(rng: random.Random) -> Case:
    length = rng.choice((100_000, 1_000_001, 1_500_000))
    words = rng.random() < 0.5
    line = ("x" * 97 + " ") * (length // 98) if words else rng.choice("abc.-/&") * length  # words, or one "word"
    text = _text(rng, 2) + "\n\n" + line + "\n\n" + _text(rng, 2)
    return Case("huge_line", "huge.txt", text.encode())


def g_long_sentence(rng: random.Random) -> Case:
    tokens = rng.choice((5000, 8000, 20000))
    words = " ".join(rng.choice(("Russia", "attacked", "Ukraine", "and", "said", "the", ",")) for _ in range(tokens))
    text = _text(rng, 2) + "\n\n" + words + ".\n\n" + _text(rng, 2)
    return Case("long_sentence", "long.txt", text.encode())


def g_mutated_page(rng: random.Random, pages: list[bytes]) -> Case:
    data = bytearray(rng.choice(pages))
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(6)
        if not data:
            break
        at = rng.randrange(len(data))
        if op == 0:  # flip bytes
            for _ in range(rng.randint(1, 200)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        elif op == 1:  # truncate
            del data[at:]
        elif op == 2:  # duplicate a chunk
            chunk = data[at : at + rng.randint(1, 5000)]
            data[at:at] = chunk * rng.randint(1, 20)
        elif op == 3:  # insert junk
            data[at:at] = rng.randbytes(rng.randint(1, 500))
        elif op == 4:  # drop closing tags
            data = bytearray(bytes(data).replace(b"</", b"<", rng.randint(1, 500)))
        else:  # cut a chunk out
            del data[at : at + rng.randint(1, 20000)]
    return Case("mutated_page", rng.choice(("page.html", "page", "page.html.gz")), _maybe_gzip(bytes(data), rng))


def _maybe_gzip(data: bytes, rng: random.Random) -> bytes:
    if rng.random() < 0.15:
        packed = gzip.compress(data, mtime=0)
        return packed[: rng.randrange(10, len(packed))] if rng.random() < 0.3 else packed
    return data


def g_bad_url(rng: random.Random) -> Case:
    url = rng.choice(BAD_URLS).replace("\ud800", "")
    head = rng.choice((
        f'<link rel="canonical" href="{url}">',
        f'<meta property="og:url" content="{url}">',
        f'<link rel="canonical" href="{url}"><meta property="og:url" content="{url}">',
    ))
    body = _paragraphs(rng, 3) + f'<p><a href="{url}">link</a></p>'
    return Case("bad_url", "url.html", _html(body, head).encode("utf-8", "replace"))


def g_bad_url_api(rng: random.Random) -> Case:
    return Case("bad_url_api", "<api>", api={"text_or_html": _text(rng, 3), "url": rng.choice(BAD_URLS)})


def _deep_json(depth: int, kind: str) -> str:
    return ("[" * depth + "]" * depth) if kind == "list" else ('{"a":' * depth + "1" + "}" * depth)


def g_bad_jsonl(rng: random.Random) -> Case:
    good = json.dumps({"text": _text(rng, 3), "url": "https://example.com/2024/11/10/a"})
    bad = [
        '{"text": ' + _deep_json(rng.choice((1000, 5000, 100000)), rng.choice(("list", "dict"))) + "}",
        _deep_json(rng.choice((1000, 100000)), "list"),
        '{"text": "' + _text(rng, 2) + '", "score": NaN, "weight": Infinity, "low": -Infinity}',
        '{"text": "' + _text(rng, 2) + '", "published": NaN}',
        '{"text": "' + _text(rng, 2) + '", "url": "' + rng.choice(BAD_URLS[:9]) + '"}',
        '{"text": "' + _text(rng, 2) + '", "published": "' + rng.choice(BAD_DATES) + '"}',
        '{"text": 42}',
        '{"text": ["a", "b"]}',
        '{"html": null, "body": {"x": 1}}',
        '{"text": "' + _text(rng, 2) + '", "id": {"nested": [1, 2]}, "title": 7}',
        '{"text": "\\ud800 lone ' + _text(rng, 1) + '"}',
        '{"text": "' + _text(rng, 1) + '"',
        '"just a string"',
        "{" * rng.randint(1, 50),
        '{"text": "' + _text(rng, 1) + '", "url": 12345}',
        '{"text": "' + _text(rng, 1) + '"}' * 3,
    ]
    lines = [good]
    for _ in range(rng.randint(1, 6)):
        lines.append(rng.choice(bad))
        if rng.random() < 0.5:
            lines.append(good)
    rng.shuffle(lines)
    return Case("bad_jsonl", "feed.jsonl", ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass"))


def _warc_record(url: str, payload: bytes, number: int, content_type: str = "text/html") -> bytes:
    """One WARC response record, written out by hand so the same seed gives the same bytes (warcio's writer adds
    the time and a random record id)."""
    http = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {len(payload)}\r\n\r\n".encode()
    block = http + payload
    headers = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        f"WARC-Target-URI: {url}\r\nWARC-Date: 2024-11-10T12:00:00Z\r\n"
        f"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{number:012d}>\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(block)}\r\n\r\n"
    )
    return headers.encode("utf-8", "replace") + block + b"\r\n\r\n"


def g_bad_warc(rng: random.Random) -> Case:
    page = _html(_paragraphs(rng, 3)).encode()
    records = []
    for number in range(rng.randint(1, 4)):
        url = rng.choice(BAD_URLS[:9] + ("https://example.com/2024/11/10/ok",)).replace("\x00", "")
        records.append(_warc_record(url, page, number))
    data = b"".join(records)
    choice = rng.randrange(5)
    if choice == 0:
        data = data[: rng.randrange(1, len(data))]  # cut short
    elif choice == 1:
        data = data.replace(b"Content-Length", b"Content-Lenght", 1)
    elif choice == 2:
        data = data.replace(b"WARC/1", b"WARC/9", 1)
    elif choice == 3:
        data = bytes(b if rng.random() > 0.01 else rng.randrange(256) for b in data)
    if rng.random() < 0.3:
        data = gzip.compress(data, mtime=0)
    return Case("bad_warc", "crawl.warc.gz" if data[:2] == b"\x1f\x8b" else "crawl.warc", data)


def g_edge_date(rng: random.Random) -> Case:
    text = "Russia attacked Ukraine last week. " + rng.choice((
        "The president of Kenya will visit Tanzania next month.",
        "Police arrested 200 protesters on Monday.",
        "China held talks with Japan last year and will meet again next year.",
        "Iran threatened yesterday to close the strait in 3 days.",
    ))
    return Case("edge_date", "<api>", api={"text_or_html": text, "published": rng.choice(BAD_DATES)})


def g_surrogates(rng: random.Random) -> Case:
    text = _text(rng, 3)
    at = rng.randrange(len(text))
    text = text[:at] + rng.choice(("\ud800", "\udfff", "\udc80\udc81", "\ud83d")) + text[at:]
    api: dict[str, Any] = {"text_or_html": text}
    if rng.random() < 0.5:
        api["url"] = "https://example.com/2024/11/10/st\udc80ory"
    if rng.random() < 0.3:
        api["text_or_html"] = _html(f"<p>{text}</p><p>{_text(rng, 2)}</p>")
    return Case("surrogates", "<api>", api=api)


def g_big_page(rng: random.Random, max_mb: float = 50.0) -> Case:
    size = int(rng.uniform(1.0, max_mb) * 1_000_000)
    if rng.random() < 0.5:
        paragraph = "<p>" + _text(rng, 6) + "</p>\n"
        data = _html(paragraph * (size // len(paragraph))).encode()
        return Case("big_page", "big.html", data)
    paragraph = _text(rng, 6) + "\n\n"
    return Case("big_page", "big.txt", (paragraph * (size // len(paragraph))).encode())


KINDS: dict[str, tuple[float, Callable[..., Case]]] = {  # weight, generator
    "random_bytes": (10, g_random_bytes),
    "bad_encoding": (10, g_bad_encoding),
    "deep_html": (4, g_deep_html),
    "broken_html": (8, g_broken_html),
    "entity_flood": (6, g_entity_flood),
    "many_attributes": (2, g_many_attributes),
    "huge_line": (1.5, g_huge_line),
    "long_sentence": (2, g_long_sentence),
    "mutated_page": (20, g_mutated_page),
    "bad_url": (6, g_bad_url),
    "bad_url_api": (4, g_bad_url_api),
    "bad_jsonl": (10, g_bad_jsonl),
    "bad_warc": (8, g_bad_warc),
    "edge_date": (4, g_edge_date),
    "surrogates": (4, g_surrogates),
    "big_page": (0.5, g_big_page),
}
FAST_KINDS = ("random_bytes", "bad_encoding", "broken_html", "bad_url", "bad_url_api", "bad_jsonl", "bad_warc",
              "edge_date", "surrogates", "mutated_page")


def generate(seed: int, count: int, *, kinds: tuple[str, ...] | None = None, max_mb: float = 50.0) -> Iterator[Case]:
    """``count`` cases, the same ones for the same seed and arguments."""
    rng = random.Random(seed)
    names = [k for k in KINDS if kinds is None or k in kinds]
    weights = [KINDS[k][0] for k in names]
    pages: list[bytes] = []
    for i in range(count):
        kind = rng.choices(names, weights)[0]
        sub = random.Random(f"{seed}:{i}:{kind}")
        generator = KINDS[kind][1]
        if kind == "mutated_page":
            pages = pages or real_pages()
            case = generator(sub, pages)
        elif kind == "big_page":
            case = generator(sub, max_mb)
        else:
            case = generator(sub)
        case.name = f"{i:05d}-{case.name}"
        yield case


# ---------------------------------------------------------------------------------------------- running


def budget(size: int) -> float:
    """Seconds an input of ``size`` bytes may take."""
    return BUDGET_BASE + BUDGET_PER_MB * size / 1_000_000


class _Timeout(BaseException):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise _Timeout


@dataclasses.dataclass
class Outcome:
    kind: str
    name: str
    size: int
    seconds: float
    documents: int = 0  # results produced
    coded: int = 0
    clean_errors: int = 0
    internal_errors: int = 0
    uncaught: str | None = None
    stopped: bool = False
    over_budget: bool = False
    reasons: list[str] = dataclasses.field(default_factory=list)


def run_case(case: Case, folder: Path, config: Any = None) -> Outcome:
    """Run one case through the readers and the per-document function (or ``extract``) and classify it."""
    from eventwire.config import DEFAULT
    from eventwire.errors import InputError, InternalError
    from eventwire.model import RawDocument
    from eventwire.pipeline import extract, process_raws
    from eventwire.readers import iter_documents

    config = config or DEFAULT
    outcome = Outcome(case.kind, case.name, case.size, 0.0)
    limit = budget(case.size)
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, limit * HARD_LIMIT_FACTOR)
    start = time.perf_counter()
    try:
        if case.api is not None:
            try:
                results = [extract(config=config, **case.api)]
            except InternalError as exc:
                outcome.internal_errors += 1
                outcome.reasons.append(str(exc)[:300])
                results = []
            except InputError as exc:
                outcome.clean_errors += 1
                outcome.reasons.append(str(exc)[:200])
                results = []
        else:
            path = folder / case.name.split("-", 1)[1]
            path.write_bytes(case.payload)
            try:
                items = list(iter_documents([str(path)], config=config))
            finally:
                path.unlink()
            raws = [item for item in items if isinstance(item, RawDocument)]
            for item in items:
                if isinstance(item, InternalError):
                    outcome.internal_errors += 1
                    outcome.reasons.append(str(item)[:300])
                elif isinstance(item, InputError):
                    outcome.clean_errors += 1
                    outcome.reasons.append(str(item)[:200])
            results = process_raws(raws, config) if raws else []
        for result in results:
            outcome.documents += 1
            json.dumps(result.to_dict(), allow_nan=False, ensure_ascii=False).encode("utf-8")  # strict JSON out
            if result.status == "failed" and (result.reason or "").startswith("[E900]"):
                outcome.internal_errors += 1
                outcome.reasons.append((result.reason or "")[:300])
            elif result.status == "failed":
                outcome.clean_errors += 1
                outcome.reasons.append((result.reason or "")[:200])
            else:
                outcome.coded += 1
    except _Timeout:
        outcome.stopped = True
    except Exception as exc:  # what the fuzz is looking for
        outcome.uncaught = "".join(traceback.format_exception_only(type(exc), exc)).strip()[:300]
        outcome.reasons.append(traceback.format_exc()[-1500:])
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
    outcome.seconds = time.perf_counter() - start
    outcome.over_budget = outcome.stopped or outcome.seconds > limit
    return outcome


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def summarize(outcomes: list[Outcome]) -> dict[str, Any]:
    by_kind: dict[str, Counter[str]] = {}
    for o in outcomes:
        c = by_kind.setdefault(o.kind, Counter())
        c["inputs"] += 1
        c["clean_errors"] += o.clean_errors
        c["internal_errors"] += o.internal_errors
        c["uncaught"] += o.uncaught is not None
        c["over_budget"] += o.over_budget
        c["coded"] += o.coded
    return {
        "inputs": len(outcomes),
        "clean_errors": sum(o.clean_errors for o in outcomes),
        "coded": sum(o.coded for o in outcomes),
        "internal_errors": sum(o.internal_errors for o in outcomes),
        "uncaught": sum(o.uncaught is not None for o in outcomes),
        "over_budget": sum(o.over_budget for o in outcomes),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "seconds": round(sum(o.seconds for o in outcomes), 1),
        "slowest": [(o.name, o.size, round(o.seconds, 1)) for o in sorted(outcomes, key=lambda o: -o.seconds)[:8]],
        "by_kind": {k: dict(v) for k, v in sorted(by_kind.items())},
        "failures": [
            {"name": o.name, "uncaught": o.uncaught, "internal": o.internal_errors, "over_budget": o.over_budget,
             "seconds": round(o.seconds, 1), "reasons": o.reasons[-2:]}
            for o in outcomes if o.uncaught or o.internal_errors or o.over_budget
        ],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--kinds", help="comma-separated kinds (default: all): " + ", ".join(KINDS))
    parser.add_argument("--max-mb", type=float, default=50.0, help="size of the largest big page")
    parser.add_argument("--json", help="write the summary (with every failure) to this file")
    parser.add_argument("--save", help="write the failing inputs to this folder")
    parser.add_argument("--progress", type=int, default=500, help="print a line every N inputs")
    args = parser.parse_args(argv)
    kinds = tuple(args.kinds.split(",")) if args.kinds else None
    from eventwire.pipeline import load_resources

    started = time.perf_counter()
    load_resources()
    outcomes: list[Outcome] = []
    with tempfile.TemporaryDirectory(prefix="eventwire-fuzz-") as tmp:
        for case in generate(args.seed, args.count, kinds=kinds, max_mb=args.max_mb):
            outcome = run_case(case, Path(tmp))
            outcomes.append(outcome)
            if (outcome.uncaught or outcome.internal_errors or outcome.over_budget) and args.save:
                Path(args.save).mkdir(parents=True, exist_ok=True)
                target = Path(args.save) / case.name
                if case.api is not None:
                    target.with_suffix(".api.json").write_text(
                        json.dumps(case.api, ensure_ascii=True).replace("\\\\", "\\"), encoding="utf-8", errors="replace"
                    )
                else:
                    target.write_bytes(case.payload)
            if outcome.uncaught or outcome.internal_errors or outcome.over_budget:
                print(f"  {case.name} ({case.size:,} bytes, {outcome.seconds:.1f}s): "
                      f"{outcome.uncaught or (outcome.reasons[-1] if outcome.reasons else 'over budget')}"[:400],
                      flush=True)
            if args.progress and len(outcomes) % args.progress == 0:
                s = summarize(outcomes)
                print(f"[{len(outcomes)}] clean {s['clean_errors']} internal {s['internal_errors']} uncaught "
                      f"{s['uncaught']} over budget {s['over_budget']} peak {s['peak_rss_mb']} MB "
                      f"({time.perf_counter() - started:.0f}s)", flush=True)
    summary = summarize(outcomes)
    summary["seed"], summary["count"], summary["wall_seconds"] = args.seed, args.count, round(time.perf_counter() - started, 1)
    print(f"inputs tried {summary['inputs']}  clean errors {summary['clean_errors']}  coded {summary['coded']}  "
          f"internal errors {summary['internal_errors']}  uncaught {summary['uncaught']}  "
          f"over budget {summary['over_budget']}  peak memory {summary['peak_rss_mb']} MB  "
          f"wall {summary['wall_seconds']}s")
    for kind, counts in summary["by_kind"].items():
        print(f"  {kind:<16} " + "  ".join(f"{k} {v}" for k, v in counts.items()))
    print("slowest: " + ", ".join(f"{n} ({s:,} B) {t}s" for n, s, t in summary["slowest"]))
    if args.json:
        Path(args.json).write_text(json.dumps(summary, indent=1, ensure_ascii=True), encoding="utf-8")
    return 1 if summary["uncaught"] or summary["internal_errors"] or summary["over_budget"] else 0


if __name__ == "__main__":
    sys.exit(main())
