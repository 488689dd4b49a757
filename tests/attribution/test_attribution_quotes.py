"""Direct and indirect quotes: marks, speakers, cue verbs, venues, continuations and unparsed sentences."""

from __future__ import annotations

import pytest

from eventwire.attribution import extract_quotes


def _quotes(nlp, resolver_for, text):
    doc = nlp(text)
    return doc, extract_quotes(doc, resolver_for(doc))


def _speaker(quote):
    return quote.speaker.name if quote.speaker else None


def test_seed_article_must_quotes(nlp, shared_dir, resolver_for):
    text = (shared_dir / "examples" / "seed-article.txt").read_text(encoding="utf-8")
    doc, quotes = _quotes(nlp, resolver_for, text)
    direct = [q for q in quotes if q.kind == "direct"]
    assert len(direct) == 2
    first, second = direct
    assert first.text.startswith("Over the next 70 days, President Biden will emphasize")
    assert _speaker(first) == "Jake Sullivan"
    assert first.venue == "CBS News’ Face the Nation"
    assert first.cue is not None and first.cue.text == "said"
    assert second.text.startswith("I’m not here to present a legislative proposal")
    assert second.text.endswith("beyond the end of his term")
    assert _speaker(second) == "Jake Sullivan"
    assert second.cue.text == "explained"
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text
        assert "“" not in quote.text and "”" not in quote.text


def test_seed_article_indirect_quotes(nlp, shared_dir, resolver_for):
    text = (shared_dir / "examples" / "seed-article.txt").read_text(encoding="utf-8")
    _, quotes = _quotes(nlp, resolver_for, text)
    indirect = {q.text[:40]: q for q in quotes if q.kind == "indirect"}
    ministry = next(q for t, q in indirect.items() if t.startswith("it was not notified in advance"))
    assert ministry.speaker.text == "Ukraine’s foreign ministry"
    assert ministry.cue.text == "stated"
    sullivan = next(q for t, q in indirect.items() if t.startswith("Biden’s primary message to Trump"))
    assert sullivan.text.startswith(
        "Biden’s primary message to Trump will focus on ensuring a smooth transfer of power"
    )
    assert _speaker(sullivan) == "Jake Sullivan"


@pytest.mark.parametrize(
    ("text", "quote", "speaker", "cue"),
    [
        ("“We will not give up,” Maria Lopez said.", "We will not give up", "Maria Lopez", "said"),
        (
            "“We will not give up,” said Maria Lopez, the foreign minister.",
            "We will not give up",
            "Maria Lopez",
            "said",
        ),
        (
            '"The border stays closed," the minister told reporters.',
            "The border stays closed",
            "the minister",
            "told",
        ),
        ("Maria Lopez said: “We are ready to talk.”", "We are ready to talk.", "Maria Lopez", "said"),
        (
            'Ahmed Khan told reporters on Monday: "Nothing has been agreed."',
            "Nothing has been agreed.",
            "Ahmed Khan",
            "told",
        ),
        (
            "“Is this what you call peace?” Ahmed Khan asked.",
            "Is this what you call peace?",
            "Ahmed Khan",
            "asked",
        ),
        (
            "“The talks were useful,” the ministry said in a statement.",
            "The talks were useful",
            "the ministry",
            "said",
        ),
    ],
)
def test_direct_quote_shapes(nlp, resolver_for, text, quote, speaker, cue):
    doc, quotes = _quotes(nlp, resolver_for, text)
    direct = [q for q in quotes if q.kind == "direct"]
    assert [q.text for q in direct] == [quote]
    assert direct[0].speaker is not None and speaker in (direct[0].speaker.name, direct[0].speaker.text)
    assert direct[0].cue.text == cue
    assert doc.text[direct[0].start : direct[0].end] == quote


def test_venue_interview_and_conference(nlp, resolver_for):
    _, quotes = _quotes(nlp, resolver_for, "“We are ready,” Recep Erdogan said in an interview with Reuters.")
    assert quotes[0].venue == "an interview with Reuters"
    _, quotes = _quotes(
        nlp, resolver_for, "“We are ready,” Recep Erdogan said on Sunday at a news conference."
    )
    assert quotes[0].venue == "a news conference"
    _, quotes = _quotes(nlp, resolver_for, "“We are ready,” Recep Erdogan told the BBC.")
    assert quotes[0].venue is not None and "BBC" in quotes[0].venue


def test_split_quote_keeps_speaker(nlp, resolver_for):
    text = "“The talks were useful,” said Maria Lopez. “But nothing has been agreed yet on the border line.”"
    _, quotes = _quotes(nlp, resolver_for, text)
    direct = [q for q in quotes if q.kind == "direct"]
    assert [q.text for q in direct] == [
        "The talks were useful",
        "But nothing has been agreed yet on the border line.",
    ]
    assert [_speaker(q) for q in direct] == ["Maria Lopez", "Maria Lopez"]


def test_missing_closing_mark_runs_on_to_next_paragraph(nlp, resolver_for):
    text = (
        "“This is the first paragraph of a long statement that runs on\n\n"
        "“And this is the second paragraph of it,” Ahmed Khan said."
    )
    doc, quotes = _quotes(nlp, resolver_for, text)
    direct = [q for q in quotes if q.kind == "direct"]
    assert [q.text for q in direct] == [
        "This is the first paragraph of a long statement that runs on",
        "And this is the second paragraph of it",
    ]
    assert [_speaker(q) for q in direct] == ["Ahmed Khan", "Ahmed Khan"]
    assert all("\n" not in q.text for q in direct)


def test_unclosed_quote_stops_at_paragraph_end(nlp, resolver_for):
    text = "Ahmed Khan said: “We will never accept this border line\n\nThe talks resume on Friday."
    _, quotes = _quotes(nlp, resolver_for, text)
    direct = [q for q in quotes if q.kind == "direct"]
    assert [q.text for q in direct] == ["We will never accept this border line"]
    assert _speaker(direct[0]) == "Ahmed Khan"


def test_nested_single_quotes_stay_inside(nlp, resolver_for):
    text = "“They called it a ‘special operation’ but it is a war,” Olena Shevchenko said."
    _, quotes = _quotes(nlp, resolver_for, text)
    assert [q.text for q in quotes if q.kind == "direct"] == [
        "They called it a ‘special operation’ but it is a war"
    ]
    assert _speaker(quotes[0]) == "Olena Shevchenko"


def test_pronoun_speaker_goes_to_resolver(nlp):
    doc = nlp("Ahmed Khan arrived late. “We have no choice,” he said.")
    seen = []

    def resolve(span):
        seen.append(span.text)
        return None

    quotes = extract_quotes(doc, resolve)
    assert seen == ["he"]
    assert quotes[0].speaker is None  # an unresolved pronoun is not a speaker name
    assert quotes[0].cue.text == "said"


def test_partial_quote_from_parse_and_scare_quotes(nlp, resolver_for):
    text = "Pakistan's foreign ministry called the strike “a blatant violation of sovereignty”."
    _, quotes = _quotes(nlp, resolver_for, text)
    assert quotes[0].text == "a blatant violation of sovereignty"
    assert quotes[0].speaker.text == "Pakistan's foreign ministry"
    _, quotes = _quotes(nlp, resolver_for, "The so-called “buffer zone” was never agreed.")
    assert quotes == []


def test_according_to_after_quote(nlp, resolver_for):
    _, quotes = _quotes(nlp, resolver_for, "“The convoy was hit twice,” according to Olena Shevchenko.")
    assert _speaker(quotes[0]) == "Olena Shevchenko"


@pytest.mark.parametrize(
    ("text", "clause", "speaker"),
    [
        ("The army said it had repelled an attack near the village, according to state media.",
         "it had repelled an attack near the village", "The army"),
        ("The border will reopen soon, the interior ministry said.", "The border will reopen soon", "the interior ministry"),
        ("Maria Lopez told reporters that the ceasefire was holding.", "the ceasefire was holding", "Maria Lopez"),
        ("People briefed on the matter said the sanctions were coming.", "the sanctions were coming",
         "People briefed on the matter"),
    ],
)  # fmt: skip
def test_indirect_quote_shapes(nlp, resolver_for, text, clause, speaker):
    _, quotes = _quotes(nlp, resolver_for, text)
    indirect = [q for q in quotes if q.kind == "indirect"]
    assert [q.text for q in indirect] == [clause]
    assert indirect[0].speaker.text == speaker


def test_no_indirect_quote_inside_direct_quote(nlp, resolver_for):
    text = "“We said that the border was closed,” Maria Lopez explained."
    _, quotes = _quotes(nlp, resolver_for, text)
    assert [q.kind for q in quotes] == ["direct"]


def test_unparsed_sentences_use_surface_patterns(nlp, resolver_for, unparse_sentence):
    text = (
        "The talks began in Geneva. “We will not give up,” Maria Lopez said. "
        "Ahmed Khan said that the ceasefire was holding. The border will reopen soon, the interior ministry said."
    )
    doc = nlp(text)
    for index in (1, 2, 3):
        unparse_sentence(doc, index)
    quotes = extract_quotes(doc, resolver_for(doc))
    by_kind = {(q.kind, q.text): q for q in quotes}
    assert _speaker(by_kind[("direct", "We will not give up")]) == "Maria Lopez"
    assert _speaker(by_kind[("indirect", "the ceasefire was holding")]) == "Ahmed Khan"
    assert by_kind[("indirect", "The border will reopen soon")].speaker.text == "the interior ministry"


def test_doc_without_any_annotation(nlp, resolver_for):
    doc = nlp.make_doc("“We will not give up,” Maria Lopez said. She left.")
    quotes = extract_quotes(doc, lambda span: None)
    assert quotes[0].text == "We will not give up"
    assert quotes[0].speaker.text == "Maria Lopez"


def test_empty_and_markless_text(nlp, resolver_for):
    assert extract_quotes(nlp(""), lambda span: None) == []
    assert extract_quotes(nlp("A stray ” mark and “ an opener"), lambda span: None) == []


def test_a_clause_after_and_said_is_no_speaker(nlp, resolver_for):
    text = 'Spokesman Arman Petrosyan called the vote "a farce" and said Yerevan would not recognise it.'
    _doc, quotes = _quotes(nlp, resolver_for, text)
    (direct,) = [q for q in quotes if q.kind == "direct"]
    assert direct.text == "a farce"
    assert _speaker(direct) in (None, "Arman Petrosyan")  # never "Yerevan would not recognise it"


def test_a_second_predicate_after_a_quote_keeps_the_subject(nlp, resolver_for):
    text = 'Senator Maria Cantwell said she was "deeply concerned" and urged Beijing to show restraint.'
    _doc, quotes = _quotes(nlp, resolver_for, text)
    (direct,) = [q for q in quotes if q.kind == "direct"]
    assert _speaker(direct) == "Maria Cantwell"
