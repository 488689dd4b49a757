"""Cited sources: kinds, exact texts, cues, de-duplication and later references."""

from __future__ import annotations

import pytest

from eventwire.attribution import extract_citations, load_attribution_lexicon
from eventwire.errors import DataFileError


def _cited(nlp, text):
    doc = nlp(text)
    citations = extract_citations(doc)
    for c in citations:
        assert doc.text[c.start : c.end] == c.text
    return {c.text: c for c in citations}


def test_seed_article_sources(nlp, shared_dir):
    text = (shared_dir / "examples" / "seed-article.txt").read_text(encoding="utf-8")
    cited = _cited(nlp, text)
    assert cited["a source familiar with the conversation"].kind == "anonymous"
    assert cited["a source familiar with the conversation"].cue == "according to"
    assert cited["The Washington Post"].kind == "media"
    assert cited["The Washington Post"].cue == "reported by"
    assert cited["The White House"].kind == "official"
    assert cited["The White House"].cue == "announced"
    assert cited["CBS News’ Face the Nation"].kind == "media"
    # "The source revealed ..." refers back to the first source: no second anonymous citation
    assert [c.text for c in cited.values() if c.kind == "anonymous"] == [
        "a source familiar with the conversation"
    ]


@pytest.mark.parametrize(
    ("text", "source", "kind", "cue"),
    [
        ("Officials who spoke on condition of anonymity said the deal was close.",
         "Officials who spoke on condition of anonymity", "anonymous", "said"),
        ("People briefed on the matter said sanctions were coming.", "People briefed on the matter", "anonymous", "said"),
        ("A senior US official said Washington was ready to help.", "A senior US official", "anonymous", "said"),
        ("Two diplomats familiar with the talks said progress was slow.", "Two diplomats familiar with the talks",
         "anonymous", "said"),
        ("The strike killed four people, according to Reuters.", "Reuters", "media", "according to"),
        ("The minister told the BBC that talks would continue.", "BBC", "media", "told"),
        ("The raid was first reported by the Lagos Herald on Monday.", "Lagos Herald", "media", "reported by"),
        ("State media reported that the border was closed.", "State media", "media", "reported"),
        ("The Kremlin said the claims were false.", "The Kremlin", "official", "said"),
        ("The Pentagon said two soldiers were wounded.", "The Pentagon", "official", "said"),
        ("Azerbaijan's defence ministry said in a statement that the shelling had stopped.",
         "Azerbaijan's defence ministry", "official", "said in a statement"),
        ("The Ministry of Foreign Affairs announced the envoy's recall.", "The Ministry of Foreign Affairs", "official",
         "announced"),
        ("At least 12 civilians died, according to a report by the UN Human Rights Office.",
         "a report by the UN Human Rights Office", "document", "according to"),
        ("Court documents show the firm paid the officials.", "Court documents", "document", "show"),
        ("The ship was seized, according to Olena Shevchenko.", "Olena Shevchenko", "person", "according to"),
    ],
)  # fmt: skip
def test_citation_shapes(nlp, text, source, kind, cue):
    cited = _cited(nlp, text)
    assert source in cited, list(cited)
    assert cited[source].kind == kind
    assert cited[source].cue == cue


def test_no_citation_without_cue(nlp):
    cited = _cited(nlp, "The Washington Post building is on K Street. A senior official arrived in Baku.")
    assert cited == {}


def test_later_reference_and_repeats_make_no_new_citation(nlp):
    text = (
        "Two officials familiar with the plan said troops would move. The officials said the order came on Monday. "
        "Reuters reported the move first. The move was confirmed later, according to Reuters."
    )
    cited = _cited(nlp, text)
    assert sorted(cited) == ["Reuters", "Two officials familiar with the plan"]


def test_user_file_extends_lexicon(tmp_path, nlp):
    extra = tmp_path / "my-attribution.yaml"
    extra.write_text("media_outlets: [Baku Daily Report]\n", encoding="utf-8")
    lex = load_attribution_lexicon((str(tmp_path),))
    cited = {
        c.text: c for c in extract_citations(nlp("The clash was reported by Baku Daily Report."), lexicon=lex)
    }
    assert cited["Baku Daily Report"].kind == "media"


def test_bad_user_file_names_the_problem(tmp_path):
    bad = tmp_path / "attribution.yaml"
    bad.write_text("media_outlets: {not: a list}\nunknown_key: 1\n", encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_attribution_lexicon((str(bad),))
    assert "attribution.yaml" in str(info.value) and "unknown_key" in str(info.value)
    broken = tmp_path / "broken-attribution.yaml"
    broken.write_text("media_outlets: [unclosed\n", encoding="utf-8")
    with pytest.raises(DataFileError):
        load_attribution_lexicon((str(broken),))


def test_a_users_attribution_file_loads_from_the_config_data(tmp_path):
    from eventwire.config import Config
    from eventwire.pipeline import extract

    (tmp_path / "outlets_attribution.yaml").write_text("media_outlets: [Kyiv Independent Courier]\n", encoding="utf-8")
    (tmp_path / "extra_lexicon.yaml").write_text("[]\n", encoding="utf-8")  # another loader's file is left alone
    text = "Russian troops shelled Kherson overnight, the Kyiv Independent Courier reported on Monday."
    plain = extract(text, "2025-01-06")
    mine = extract(text, "2025-01-06", config=Config(data=(str(tmp_path),)))
    kinds = {c.text: c.kind for c in mine.citations}
    assert kinds.get("the Kyiv Independent Courier") == "media" or kinds.get("Kyiv Independent Courier") == "media"
    assert {c.text: c.kind for c in plain.citations} != kinds
