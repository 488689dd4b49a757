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


def test_a_headline_in_the_historic_present_is_read_as_a_clause() -> None:
    # spaCy reads "denounces", "sign" and "march" here as nouns: the headline is parsed again in the past tense
    titles = {
        "Chile Denounces Actions By Peru": ("ACCUSE", "denounced"),
        "Samoa and Senegal Sign Trade Agreement": ("SUPPORT", "signed"),
        "Hundreds rally in the capital": ("PROTEST", "rallied"),
        "Nigeria: Four killed in air strike": ("ASSAULT", "killed"),
    }
    articles = [Article(id=f"p{i}", title=t, text="A story.") for i, t in enumerate(titles)]
    for (plover, trigger), events in zip(titles.values(), headline_events(articles), strict=True):
        assert (events[0].plover.type, events[0].trigger.text) == (plover, trigger)


def test_a_headline_act_counts_for_the_label_without_a_coded_party() -> None:
    article = Article(id="u1", title="Protesters Demand Faster Action on Unemployment", text="A story.")
    (head,) = headline_events([article])
    # changed with actors rule 9: the protesters are a role party with no country, no longer no party at all
    assert [(e.plover.type, e.target) for e in head] == [("REQUEST", None)]
    assert head[0].source is not None and (head[0].source.sector, head[0].source.country) == ("OPP", None)


def test_every_headline_with_a_trigger_word_is_parsed_and_title_case_lexicon_words_are_lowered() -> None:
    # "Four" is a stop word (no actor cue): a body sentence like it is skipped, a headline is not
    articles = [
        Article(id="g1", title="Four found guilty after lengthy trial", text="A story."),
        Article(id="g2", title="Mali Leader Ejects International Observers in Bamako", text="A story."),
    ]
    found = [[(e.plover.type, e.cameo.code) for e in events] for events in headline_events(articles)]
    assert found == [[("SANCTION", "116")], [("SANCTION", "1662")]]


def test_headline_acts_that_stop_or_take_place_vote() -> None:
    # "Hostilities stop": fighting that stops is de-escalation; "Sanctions take hold": the noun is the event
    titles = {
        "Hostilities temporarily stop as talks begin in the capital": "RETREAT",
        "Farmers face shortages as sanctions take hold": "SANCTION",
        "Teachers go on wildcat strike as union talks collapse": "PROTEST",
    }
    articles = [Article(id=f"c{i}", title=t, text="A story.") for i, t in enumerate(titles)]
    for article, events in zip(articles, headline_events(articles), strict=True):
        assert titles[article.title] in [e.plover.type for e in events], article.title
