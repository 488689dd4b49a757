"""The headline is coded for the document label only: its events vote, but are not emitted."""

from __future__ import annotations

from eventwire.label import Policy, label_document
from eventwire.model import Article
from eventwire.pipeline import headline_events, process_article


def test_headline_events_decide_the_label_but_are_not_emitted() -> None:
    article = Article(
        id="h1",
        title="Russia Rejects Ukraine's Request to Delay the Talks",
        text="The meeting had been planned for May in Geneva.\n\nNo date was given for a new round.",
    )
    result = process_article(article)
    assert all(e.sentence_index >= 0 for e in result.events)
    assert not [e for e in result.events if e.plover.type == "REJECT"]
    (head,) = headline_events([article])
    assert [e.plover.type for e in head] == ["REJECT"]
    assert label_document(result, headline=head, policy=Policy(use_model=False)).plover == "REJECT"
    assert result.label is not None and result.label.plover == "REJECT"


def test_a_title_the_text_starts_with_is_not_coded_twice() -> None:
    article = Article(
        id="h2", title="Russia rejects Ukraine's request", text="Russia rejects Ukraine's request.\n"
    )
    assert headline_events([article]) == [[]]
