"""The strict article scorer ``score_article`` on hand-built results with known answers."""

from __future__ import annotations

import copy

import pytest
from evaluation_records import Citation, Place, Quantity, Quote, actor, event, result

from eventwire.evaluation.article import (
    article_document,
    cameo_accepts,
    evidence_coverage,
    read_article_gold,
    score_article,
)

S1 = "Trump spoke with Russian President Vladimir Putin on Friday."
S2 = "Ukraine launched a drone attack on Moscow on Sunday, involving at least 34 drones."
S3 = "The spokesman declined to comment on the call."
S4 = "Trump has criticized the aid to Ukraine."
S5 = "Later, Trump and Putin spoke again."
S6 = "Biden will discuss global issues."
TEXT = "Skip links\n\n" + "\n\n".join([S1, S2, S3, S4, S5, S6])
SOURCE = TEXT + "\nHome\n"

GOLD = {
    "published": "2024-11-10",
    "chrome_lines_removed": ["Skip links", "Home"],
    "events": [
        {
            "id": "E1",
            "level": "must",
            "evidence": "Trump spoke with Russian President Vladimir Putin",
            "source": {"name": "Donald Trump", "country": "USA"},
            "target": {"name": "Vladimir Putin", "country": "RUS"},
            "plover": "CONSULT",
            "mode": "phone",
            "cameo": ["040", "041"],
            "date": {"resolved": "2024-11-08", "text": "on Friday"},
        },
        {
            "id": "E2",
            "level": "must",
            "evidence": "Ukraine launched a drone attack on Moscow on Sunday, involving at least 34 drones",
            "source": {"name": "Ukraine", "country": "UKR"},
            "target": {"name": "Moscow", "country": "RUS"},
            "plover": "ASSAULT",
            "mode": ["drone", "aerial"],
            "cameo": ["190", "195"],
            "location": {"name": "Moscow", "country": "RUS", "lat": 55.75, "lon": 37.62, "tolerance_km": 50},
            "quantity": {"value": 34, "unit": "drones", "qualifier": "at least"},
        },
        {
            "id": "E3",
            "level": "must",
            "evidence": "The spokesman declined to comment",
            "source": {"name": "spokesman", "country": "USA"},
            "target": None,
            "plover": None,
            "cameo": ["011"],
        },
        {
            "id": "E4",
            "level": "should",
            "evidence": "Trump has criticized the aid to Ukraine",
            "source": {"name": "Donald Trump", "country": "USA"},
            "target": None,
            "plover": "ACCUSE",
            "cameo": ["11"],
        },
        {"id": "M1", "level": "may", "evidence": "Biden will discuss global issues"},
    ],
    "quotes": [
        {"level": "must", "kind": "direct", "speaker": "Jake Sullivan", "starts": "Over the next 70 days"}
    ],
    "sources_cited": [{"level": "must", "text": "The Washington Post", "kind": "media"}],
}

MOSCOW = Place(name="Moscow", country="RUS", lat=55.76, lon=37.61)


def perfect_events():
    return [
        event("CONSULT", "041", actor("USA"), actor("RUS"), sentence=S1, mode="phone", date="2024-11-08"),
        event(
            "ASSAULT",
            "1952",
            actor("UKR"),
            actor("RUS"),
            sentence=S2,
            mode="drone",
            location=MOSCOW,
            quantities=[Quantity(34, "drones", "at least")],
        ),
        event(None, "011", actor("USA"), None, sentence=S3),
        event("ACCUSE", "111", actor("USA"), None, sentence=S4),
    ]


def perfect_result(events=None):
    quotes = [
        Quote(
            "q1",
            "“Over the next 70 days, Biden will act,”",
            0,
            1,
            "direct",
            speaker=actor("USA", name="Jake Sullivan"),
        )
    ]
    cites = [Citation("c1", "the Washington Post", 0, 1, "media")]
    text = TEXT.replace("Skip links\n\n", "")
    return result(events if events is not None else perfect_events(), text, quotes=quotes, citations=cites)


def test_perfect_result_scores_one():
    report = score_article(perfect_result(), GOLD, source_text=SOURCE)
    s = report["summary"]
    assert s["must_recall"]["accuracy"] == 1.0 and s["should_recall"]["accuracy"] == 1.0
    assert s["false_alarms"] == 0 and s["precision"] == 1.0
    assert all(v["accuracy"] == 1.0 for v in report["details_accuracy"].values())
    assert set(report["details_accuracy"]) == {"date", "location", "quantity", "status", "mode"}
    assert s["quotes_must"]["accuracy"] == 1.0 and s["sources_must"]["accuracy"] == 1.0
    assert report["chrome_lines_left"] == [] and report["body_lines_lost"] == []
    assert report["gold_spans_missing"] == ["Over the next 70 days", "The Washington Post"]


def test_consult_either_direction_but_not_assault():
    events = perfect_events()
    events[0] = event("CONSULT", "040", actor("RUS"), actor("USA"), sentence=S1)
    events[1] = event("ASSAULT", "190", actor("RUS"), actor("UKR"), sentence=S2)
    report = score_article(perfect_result(events), GOLD)
    matched = {g["id"]: g["matched"] for g in report["golds"]}
    assert matched["E1"] and not matched["E2"]
    assert report["summary"]["false_alarms"] == 1 and report["misses"][0]["id"] == "E2"


def test_cameo_sub_codes():
    assert cameo_accepts(["195"], "1952") and cameo_accepts(["10"], "1011") and cameo_accepts(["040"], "040")
    assert not cameo_accepts(["195"], "1961") and not cameo_accepts(["040"], "041")
    assert not cameo_accepts(["1952"], "19521") and not cameo_accepts(["190"], None)


def test_wrong_cameo_type_or_actor_do_not_match():
    for bad in (
        event("ACCUSE", "120", actor("USA"), None, sentence=S4),  # CAMEO 12 not listed
        event("REJECT", "111", actor("USA"), None, sentence=S4),  # type differs
        event("ACCUSE", "111", actor("USA"), actor("UKR"), sentence=S4),  # gold target is null
        event("ACCUSE", "111", actor("USA"), None, sentence=S1),  # evidence is another sentence
    ):
        events = perfect_events()
        events[3] = bad
        report = score_article(perfect_result(events), GOLD)
        assert report["summary"]["should_recall"]["accuracy"] == 0.0


def test_null_plover_requires_untyped_event():
    events = perfect_events()
    events[2] = event("REJECT", "011", actor("USA"), None, sentence=S3)
    report = score_article(perfect_result(events), GOLD)
    assert not next(g for g in report["golds"] if g["id"] == "E3")["matched"]


def test_duplicates_not_counted():
    events = [
        *perfect_events(),
        event("CONSULT", "040", actor("RUS"), actor("USA"), sentence=S5, sentence_index=5),
    ]
    events.append(event("CONSULT", "041", actor("USA"), actor("RUS"), sentence=S1))  # second match of E1
    report = score_article(perfect_result(events), GOLD)
    assert report["summary"]["duplicates"] == 1 and report["summary"]["false_alarms"] == 0
    assert report["summary"]["matched"] == 5 and report["summary"]["must_recall"]["accuracy"] == 1.0


def test_may_events_neither_for_nor_against():
    events = [*perfect_events(), event("CONSULT", "040", actor("USA"), None, sentence=S6)]
    report = score_article(perfect_result(events), GOLD)
    assert report["summary"]["may_events"] == 1 and report["summary"]["false_alarms"] == 0
    assert report["summary"]["precision"] == 1.0


def test_false_alarm_is_listed_with_its_rule():
    events = [
        *perfect_events(),
        event("SANCTION", "160", actor("USA"), actor("UKR"), sentence=S4, extractor="lex:cut"),
    ]
    report = score_article(perfect_result(events), GOLD)
    assert report["summary"]["false_alarms"] == 1
    assert report["false_alarms"][0]["event"]["extractor"] == "lex:cut"


def test_details_wrong_are_reported():
    events = perfect_events()
    events[0] = event(
        "CONSULT", "041", actor("USA"), actor("RUS"), sentence=S1, mode="visit", date="2024-11-15"
    )
    far = Place(name="Kyiv", country="UKR", lat=50.45, lon=30.52)
    events[1] = event(
        "ASSAULT",
        "195",
        actor("UKR"),
        actor("RUS"),
        sentence=S2,
        status="intended",
        location=far,
        quantities=[Quantity(34, "drones", None)],
    )
    report = score_article(perfect_result(events), GOLD)
    d = report["details_accuracy"]
    assert (
        d["date"]["accuracy"] == 0.0 and d["location"]["accuracy"] == 0.0 and d["quantity"]["accuracy"] == 0.0
    )
    assert d["mode"] == {"right": 0, "scored": 2, "accuracy": 0.0}
    assert d["status"] == {"right": 3, "scored": 4, "accuracy": 0.75}
    e2 = next(g for g in report["golds"] if g["id"] == "E2")
    assert e2["details"]["location"]["km"] > 700


def test_quotes_and_sources_need_speaker_and_kind():
    r = perfect_result()
    r.quotes[0].speaker = actor("USA", name="Joe Biden")
    r.citations[0].kind = "official"
    report = score_article(r, GOLD)
    assert report["summary"]["quotes_must"]["accuracy"] == 0.0
    assert report["summary"]["sources_must"]["accuracy"] == 0.0


def test_chrome_left_and_body_lost():
    r = perfect_result()
    r.article.text = "Skip links\n" + S1
    report = score_article(r, GOLD, source_text=SOURCE)
    assert report["chrome_lines_left"] == ["Skip links"]
    assert S2 in report["body_lines_lost"] and S1 not in report["body_lines_lost"]
    assert report["summary"]["body_lines_lost"] == 5


def test_evidence_coverage():
    assert evidence_coverage("a b c d", "x a b c y") == 0.75
    assert evidence_coverage("", "anything") == 0.0


def test_gold_is_not_modified():
    gold = copy.deepcopy(GOLD)
    score_article(perfect_result(), gold)
    assert gold == GOLD


def test_seed_article_key(shared_dir):
    path = shared_dir / "examples/seed-article.expected.json"
    gold = read_article_gold(path)
    assert article_document(path, gold).is_file()
    report = score_article(result([], ""), gold)
    assert report["summary"]["must_recall"] == {"right": 0, "scored": 7, "accuracy": 0.0}
    assert report["summary"]["should_recall"]["scored"] == 3
    assert (
        report["summary"]["quotes_must"]["scored"] == 2 and report["summary"]["sources_must"]["scored"] == 2
    )


def test_bad_key(tmp_path):
    from eventwire.errors import MalformedInput

    bad = tmp_path / "x.expected.json"
    bad.write_text('{"events": [{"level": "must"}]}')
    with pytest.raises(MalformedInput):
        read_article_gold(bad)


def test_a_list_of_gold_countries_accepts_any_of_them():
    from eventwire.evaluation.article import event_matches

    gold = {"evidence": "A sentence.", "plover": "REQUEST", "cameo": ["020"], "source": {"country": "RUS"},
            "target": {"country": ["KGZ", "TJK"]}}  # fmt: skip
    assert event_matches(event("REQUEST", "020", actor("RUS"), actor("TJK")), gold)
    assert event_matches(event("REQUEST", "020", actor("RUS"), actor("KGZ")), gold)
    assert not event_matches(event("REQUEST", "020", actor("RUS"), actor("UZB")), gold)
