"""Every input bounded: malformed URLs, JSON, dates, surrogates, special files, long words and sentences."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from eventwire.clean import MAX_TAG_CHARS, bounded_html, clean
from eventwire.enrich.time import resolve_expression
from eventwire.errors import InputError, MalformedInput, NotARegularFile, UnreadableInput
from eventwire.model import RawDocument
from eventwire.nlp import MAX_SENTENCE_WORDS, _whitespace_tokens, is_overlong, parse_article
from eventwire.readers import iter_documents
from eventwire.urls import document_id, normalize_url

GOOD = "Police arrested 200 protesters in Dhaka on Monday, the interior ministry said."

BAD_URLS = [
    "http://example.com:99999/2024/11/10/story",
    "https://example.com:-1/story",
    "http://example.com:abc/story",
    "http://[::1/story",
    "http://[::1]:80000/x",
    "https://[2001:db8::1]/2024/11/10/story",
    "http://exa mple.com/",
    "https://example.com/st\udc80ory",
    "http://example.com/a\x00b",
    "http://" + "a" * 10000 + ".com/",
]


@pytest.mark.parametrize("url", BAD_URLS)
def test_a_malformed_url_is_no_url(url: str) -> None:
    assert normalize_url(url) is None
    assert document_id(url, GOOD).startswith("t-")  # identified by its text


def test_good_urls_still_normalise() -> None:
    assert normalize_url("https://WWW.Example.com:8080/a/?utm_source=x&b=2#top") == "example.com:8080/a?b=2"
    assert normalize_url("example.com/a b") == "example.com/a b"


@pytest.mark.parametrize("where", ["canonical", "og"])
def test_a_page_with_a_malformed_canonical_url_is_coded(where: str) -> None:
    url = "http://[::1]:99999/story"
    head = f'<link rel="canonical" href="{url}">' if where == "canonical" else f'<meta property="og:url" content="{url}">'
    html = f"<html><head><title>Arrests</title>{head}</head><body><article><p>{GOOD}</p><p>{GOOD}</p></article></body></html>"
    article = clean(RawDocument(source="page.html", content=html, content_type="html"))
    assert article.id.startswith("t-") and "arrested" in article.text


def test_deep_json_line_fails_alone(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    deep = '{"text": ' + "[" * 5000 + "]" * 5000 + "}"
    feed.write_text("\n".join([json.dumps({"text": GOOD}), deep, json.dumps({"text": GOOD + " Again."})]) + "\n")
    items = list(iter_documents([str(feed)]))
    assert [type(i).__name__ for i in items] == ["RawDocument", "MalformedInput", "RawDocument"]
    assert isinstance(items[1], MalformedInput) and items[1].source == f"{feed}:2" and "nested" in str(items[1])


def test_deep_jsonld_block_is_skipped() -> None:
    block = '{"a":' * 5000 + "1" + "}" * 5000
    html = (
        f'<html><head><script type="application/ld+json">{block}</script>'
        f'<script type="application/ld+json">{{"datePublished": "2024-11-10"}}</script></head>'
        f"<body><article><p>{GOOD}</p><p>{GOOD}</p></article></body></html>"
    )
    article = clean(RawDocument(source="page.html", content=html, content_type="html"))
    assert article.published == "2024-11-10"


def test_nan_and_infinity_in_jsonl_become_null(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"text": "' + GOOD + '", "score": NaN, "weights": [Infinity, -Infinity, 1.5]}\n')
    (raw,) = list(iter_documents([str(feed)]))
    assert not isinstance(raw, InputError)
    assert raw.metadata == {"score": None, "weights": [None, None, 1.5]}
    article = clean(raw)
    json.dumps(article.metadata, allow_nan=False)


def test_lone_surrogates_are_replaced() -> None:
    raw = RawDocument(source="<api>", content=GOOD.replace("Dhaka", "Dh\ud800aka") + " \ud83d\ude00", url="https://e.com/x\udc80")
    article = clean(raw)
    article.text.encode("utf-8")
    assert "Dh\ufffdaka" in article.text and "\U0001f600" in article.text  # a valid pair is joined, not replaced
    assert article.url == "https://e.com/x\ufffd"


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31"])
@pytest.mark.parametrize("expression", ["last week", "next year", "last month", "yesterday", "next Monday"])
def test_dates_at_the_calendar_edge_stay_unresolved(published: str, expression: str) -> None:
    import datetime as dt

    ref = resolve_expression(expression, dt.date.fromisoformat(published), "past")
    assert ref is not None  # no OverflowError
    if ref.value is not None:
        dt.date.fromisoformat(ref.value)


def test_a_fifo_in_a_folder_is_skipped_unopened(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    os.mkfifo(tmp_path / "b.txt")
    (tmp_path / "c.txt").write_text(GOOD)
    found: list[object] = []
    reader = threading.Thread(target=lambda: found.extend(iter_documents([str(tmp_path)])), daemon=True)
    reader.start()
    reader.join(timeout=60)
    assert not reader.is_alive(), "reading the folder blocked on the FIFO"
    assert [type(i).__name__ for i in found] == ["RawDocument", "NotARegularFile", "RawDocument"]
    assert isinstance(found[1], NotARegularFile) and "FIFO" in str(found[1])


def test_a_fifo_in_a_folder_is_reported_as_skipped(tmp_path: Path) -> None:
    from eventwire.pipeline import run

    os.mkfifo(tmp_path / "pipe.html")
    (result,) = list(run([str(tmp_path)]))
    assert result.status == "skipped" and "[E106]" in (result.reason or "")


def test_an_unreadable_folder_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "ok.txt").write_text(GOOD)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "hidden.txt").write_text(GOOD)
    locked.chmod(0)
    if os.geteuid() == 0:  # root lists any folder: let listing this one fail as it would for anyone else
        scandir = os.scandir

        def refuse(path):  # type: ignore[no-untyped-def]
            if str(path) == str(locked):
                raise PermissionError(13, "Permission denied", str(path))
            return scandir(path)

        monkeypatch.setattr(os, "scandir", refuse)
    try:
        found = list(iter_documents([str(tmp_path)]))
    finally:
        locked.chmod(0o755)
    errors = [i for i in found if isinstance(i, UnreadableInput)]
    assert len(errors) == 1 and errors[0].source == str(locked) and "cannot read the folder" in str(errors[0])
    assert sum(isinstance(i, RawDocument) for i in found) == 1


def test_a_tag_with_many_attributes_is_cut() -> None:
    attributes = " ".join(f'a{i}="{i}"' for i in range(100_000))
    html = f'<html><body><div class="story" {attributes}><p>{GOOD}</p></div></body></html>'
    bounded = bounded_html(html)
    assert len(bounded) < MAX_TAG_CHARS + 200 and bounded.startswith('<html><body><div class="story" a0="0"')
    assert f"<p>{GOOD}</p></div></body></html>" in bounded
    page = "<html><body>" + f"<p>{GOOD}</p>" * 300 + "</body></html>"
    assert bounded_html(page) == page  # ordinary pages are untouched


def test_whitespace_tokens_keep_the_text() -> None:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    for text in ("a  b", "a\n\nb", " lead b ", "x" * 1200 + " and  more\n\n"):
        tokens = _whitespace_tokens(text)
        doc = Doc(Vocab(), words=[w for w, _ in tokens], spaces=[s for _, s in tokens])
        assert doc.text == text


def test_overlong_sentences_are_not_parsed(nlp) -> None:  # type: ignore[no-untyped-def]
    long_sentence = " ".join(["Russia", "attacked", "Ukraine", "and"] * (MAX_SENTENCE_WORDS // 2)) + "."
    assert is_overlong(long_sentence) and not is_overlong(GOOD) and is_overlong("&" * 2000)
    text = GOOD + "\n\n" + long_sentence + "\n\n" + "&amp;" * 30_000 + "\n\n" + GOOD
    doc = parse_article(nlp, text, lambda s: True)
    assert doc.text == text
    assert doc.user_data["overlong"] == 4  # the long sentence, and the 150,000-character word in 3 pieces
    parsed = [s for s in doc.sents if s.start in doc.user_data["parsed"]]
    assert [s.text.strip() for s in parsed] == [GOOD, GOOD]


def test_a_text_past_the_parser_limit_is_coded_in_pieces(nlp) -> None:  # type: ignore[no-untyped-def]
    from eventwire.pipeline import extract

    text = GOOD + "\n\n" + ("filler " * 160_000) + "\n\n" + GOOD  # 1.1 million characters, one paragraph of them
    assert len(text) > nlp.max_length
    result = extract(text, "2024-11-10")
    assert result.status == "ok" and len(result.events) >= 1


def test_long_paragraph_is_split_into_sentences_not_refused(nlp) -> None:
    """A story written as one line of many sentences (over MAX_SENTENCE_WORDS words in all) is segmented and
    coded; only a sentence past the bounds is left unparsed."""
    import eventwire
    from eventwire.nlp import MAX_SENTENCE_WORDS, sentence_bounds

    filler = "The talks in the capital went on for many hours without any result that day. "
    text = "Russia attacked Ukraine with drones on Sunday. " + filler * (MAX_SENTENCE_WORDS // 10)
    assert len(text.split()) > MAX_SENTENCE_WORDS and "\n" not in text
    assert len(sentence_bounds(nlp, text)) > 10
    result = eventwire.extract(text, published="2025-03-02")
    assert "overlong_sentences" not in result.article.metadata
    assert any(e.plover.type == "ASSAULT" for e in result.events)
