"""link_citations: a citation supports the events of its own sentence, of its later references, and of the event
noun a relative clause with it hangs on."""

from __future__ import annotations

from eventwire.attribution import extract_citations, link_citations
from eventwire.model import Cameo, Event, EventActor, Plover, TextSpan


def _event(doc, eid, trigger, plover, source=None, target=None, occurrence=0):
    start = -1
    for _ in range(occurrence + 1):
        start = doc.text.index(trigger, start + 1)
    sent = next(s for s in doc.sents if s.start_char <= start < s.end_char)

    def actor(name):
        if name is None:
            return None
        at = doc.text.index(name)
        return EventActor(text=name, start=at, end=at + len(name), name=name)

    return Event(
        id=eid,
        document_id="d",
        sentence_index=0,
        trigger=TextSpan(trigger, start, start + len(trigger)),
        evidence=TextSpan(sent.text, sent.start_char, sent.end_char),
        source=actor(source),
        target=actor(target),
        plover=Plover(plover),
        cameo=Cameo("040", "04", 1),
    )


def test_seed_article_links(nlp, shared_dir):
    text = (shared_dir / "examples" / "seed-article.txt").read_text(encoding="utf-8")
    doc = nlp(text)
    events = [
        _event(doc, "E1", "spoke", "CONSULT", "Donald Trump", "Vladimir Putin"),
        _event(doc, "E2", "advising", "REQUEST", "Donald Trump", "Vladimir Putin"),
        _event(doc, "E1b", "spoken", "CONSULT", "Trump", "Putin"),
        _event(doc, "E3", "held a call", "CONSULT", "Trump", "Volodymyr Zelenskiy"),
        _event(doc, "E6", "declined", None, "Steven Cheung"),
        _event(doc, "E7", "invited", "AGREE", "Biden", "Trump"),
        _event(doc, "E5", "launched", "ASSAULT", "Ukraine", "Moscow"),
    ]
    citations = extract_citations(doc)
    link_citations(citations, events, doc)
    by_text = {c.text: c for c in citations}
    anonymous = by_text["a source familiar with the conversation"]
    assert set(anonymous.events) == {"E1", "E2", "E1b"}  # its sentence, and "The source revealed ..."
    post = by_text["The Washington Post"]
    assert "E1" in post.events and "E1b" in post.events  # "the private call" = the Trump-Putin call
    assert "E3" not in post.events  # not the Zelenskiy call
    assert by_text["The White House"].events == ["E7"]
    events_by_id = {e.id: e for e in events}
    assert anonymous.id in events_by_id["E2"].citations
    assert events_by_id["E5"].citations == []


def test_unresolvable_relative_clause_falls_back_to_sentence(nlp):
    doc = nlp("The army shelled the village near the border, which was first reported by Reuters.")
    event = _event(doc, "E1", "shelled", "ASSAULT", "The army")
    citations = extract_citations(doc)
    link_citations(citations, [event], doc)
    assert citations[0].text == "Reuters" and citations[0].events == ["E1"]
    assert event.citations == [citations[0].id]


def test_linking_twice_adds_nothing(nlp):
    doc = nlp("The ministry said troops had shelled the town.")
    event = _event(doc, "E1", "shelled", "ASSAULT", "troops")
    citations = extract_citations(doc)
    link_citations(citations, [event], doc)
    link_citations(citations, [event], doc)
    assert citations[0].events == ["E1"] and event.citations == [citations[0].id]
