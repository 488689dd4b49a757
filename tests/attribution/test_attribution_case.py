"""The second worked example (tests/data/cases/): the key is well formed and grounded in the page, and the
attribution stage finds its must quotes and must cited sources."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import html as lxml_html

from eventwire.attribution import extract_citations, extract_quotes

CASES = Path(__file__).resolve().parents[1] / "data" / "cases"
CASE = "kyrgyz-tajik-border-clash"


def _page():
    return lxml_html.fromstring((CASES / f"{CASE}.html").read_bytes())


def _article_text() -> str:
    """The article as a careful reader sees it: headline, then the body paragraphs."""
    tree = _page()
    title = tree.xpath("string(//h1)").strip()
    paragraphs = [p.text_content().strip() for p in tree.xpath("//div[@class='article-body']/p")]
    return "\n\n".join([title, *paragraphs])


def _visible_page_text() -> str:
    tree = _page()
    for bad in tree.xpath("//script|//style|//head"):
        bad.getparent().remove(bad)
    return tree.text_content()


@pytest.fixture(scope="module")
def key():
    return json.loads((CASES / f"{CASE}.expected.json").read_text(encoding="utf-8"))


def test_key_has_the_seed_format(key, shared_dir):
    seed = json.loads((shared_dir / "examples" / "seed-article.expected.json").read_text(encoding="utf-8"))
    assert set(key) == set(seed)
    for event in key["events"]:
        assert event["level"] in ("must", "should", "may") and event["id"] and event["evidence"]
    musts = [e for e in key["events"] if e["level"] == "must"]
    assert len(musts) >= 6
    kinds = {t for e in musts for t in ([e["plover"]] if isinstance(e["plover"], str) else e["plover"] or [])}
    assert len(kinds) >= 6
    assert any(e.get("status") in ("negated", "denied") for e in musts)
    assert any(e.get("status") == "intended" and e.get("date", {}).get("resolved") for e in musts)


def test_key_is_grounded_in_the_page(key):
    text = _article_text()
    for event in key["events"]:
        assert event["evidence"] in text, event["id"]
        if event.get("date") and event["date"].get("text"):
            assert event["date"]["text"] in text, event["id"]
    for quote in key["quotes"]:
        assert quote["starts"] in text
    for source in key["sources_cited"]:
        assert source["text"] in text
    assert key["title"] in text
    page = _visible_page_text()
    for line in key["chrome_lines_removed"]:
        assert line in page and line not in text, line
    published = _page().xpath("string(//meta[@property='article:published_time']/@content)")
    assert published.startswith(key["published"])


def test_attribution_finds_the_must_quotes_and_sources(nlp, key, resolver_for):
    doc = nlp(_article_text())
    quotes = extract_quotes(doc, resolver_for(doc))
    for gold in (q for q in key["quotes"] if q["level"] == "must"):
        found = [q for q in quotes if q.kind == gold["kind"] and q.text.startswith(gold["starts"])]
        assert found, gold["starts"]
        speaker = found[0].speaker
        assert speaker is not None
        names = (speaker.name, speaker.text)
        assert (
            any(gold["speaker"] in n or n in gold["speaker"] for n in names)
            or gold.get("speaker_role") in names
        )
        if gold.get("venue"):
            assert found[0].venue == gold["venue"]
    cited = {c.text: c.kind for c in extract_citations(doc)}
    for gold in (s for s in key["sources_cited"] if s["level"] == "must"):
        assert cited.get(gold["text"]) == gold["kind"], gold["text"]
