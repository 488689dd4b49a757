"""The PETRARCH validation-records reader and scorer."""

from __future__ import annotations

import pytest
from evaluation_records import actor, event, result

from eventwire.errors import MalformedInput
from eventwire.evaluation.petrarch import evaluate_petrarch, read_petrarch, score_petrarch
from eventwire.evaluation.report import Run

RECORDS = """<Validation>
<!-- comment -->
<Environment><Actorfile>T.actors.txt</Actorfile><Agentfile>T.agents.txt</Agentfile></Environment>
<Sentences>
<Sentence date="19950101" id="A-1" category="DEMO" sentence="true">
<!-- two codings -->
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<EventCoding sourcecode="GONGOV" targetcode="ARN" eventcode="032"></EventCoding>
<Text>
Arnor is about to restore
full diplomatic ties with Gondor.
</Text>
<Parse>(ROOT (S (NP (NNP Arnor))))</Parse>
</Sentence>
<Sentence date = "20080801" id ="A-2" category="DEMO" sentence="true">
<EventCoding noevents = "True"></EventCoding>
<Text>Nothing happened.</Text>
</Sentence>
<Sentence date="19950101" id="A-1" category="AGENTS" sentence="false">
<EventCoding error="dateline"></EventCoding>
<Text>CITY: -- something.</Text>
</Sentence>
</Sentences>
</Validation>
"""


@pytest.fixture()
def records_file(tmp_path):
    path = tmp_path / "T.records.xml"
    path.write_text(RECORDS)
    (tmp_path / "T.actors.txt").write_text("ARNOR [ARN]\n")
    (tmp_path / "T.agents.txt").write_text("PRESIDENT [~GOV]\n")
    return path


def test_reader(records_file):
    records = read_petrarch(records_file)
    assert [r.id for r in records] == ["A-1", "A-2", "A-1#2"]
    first = records[0]
    assert first.text == "Arnor is about to restore full diplomatic ties with Gondor."
    assert first.date == "1995-01-01" and first.codings == [("ARN", "GON", "064"), ("GONGOV", "ARN", "032")]
    assert records[1].no_events and records[1].codings == [] and records[1].date == "2008-08-01"
    assert records[2].error == "dateline" and not records[2].scored and not records[2].is_sentence


def test_exact_match_and_no_event_records(records_file):
    records = read_petrarch(records_file)
    runs = [
        Run(
            result(
                [
                    event(None, "064", actor("ARN", "ARN"), actor("GON", "GON")),
                    event(
                        None, "064", actor("ARN", "ARN"), actor("GON", "GON"), sentence_index=1
                    ),  # same triple
                    event(None, "032", actor("GON", "GONMIL"), actor("ARN", "ARN")),  # wrong agent
                ]
            )
        ),
        Run(result([event(None, "010", actor("GON", "GON"), None)])),  # record expects no event
        Run(result([event(None, "190", actor("X", "X"), actor("Y", "Y"))])),  # error record: not scored
    ]
    report = score_petrarch(records, runs)
    assert report["overall"]["tp"] == 1 and report["overall"]["fn"] == 1 and report["overall"]["fp"] == 2
    assert report["loose"]["tp"] == 2 and report["loose"]["fn"] == 0 and report["loose"]["fp"] == 1
    assert report["records_not_scored"] == ["A-1#2"] and report["expected_codings"] == 2
    assert report["per_cameo_root"]["06"]["f1"] == 1.0 and report["per_cameo_root"]["03"]["fn"] == 1
    assert any("expects no event" in fa["what"] for fa in report["false_alarms"])
    assert report["misses"][0]["what"] == "expected GONGOV ARN 032"


def test_perfect_result_scores_one(records_file):
    records = read_petrarch(records_file)[:1]
    runs = [
        Run(
            result(
                [
                    event(None, "064", actor("ARN", "ARN"), actor("GON", "GON")),
                    event(None, "032", actor("GON", "GONGOV"), actor("ARN", "ARN")),
                ]
            )
        )
    ]
    assert score_petrarch(records, runs)["overall"]["f1"] == 1.0


def test_crashes_are_counted_and_dictionaries_passed(records_file):
    seen = []

    def extract(text, published):
        seen.append(published)
        if text.startswith("Nothing"):
            raise RuntimeError("boom")
        return result([])

    report = evaluate_petrarch(records_file, extract=extract)
    assert len(report["crashes"]) == 1 and report["crashes"][0]["id"] == "A-2"
    assert report["crashes"][0]["error"] == "RuntimeError"
    assert seen == ["1995-01-01", "2008-08-01", "1995-01-01"]
    assert "T.actors.txt" in " ".join(report["notes"])


def test_bad_xml(tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text("<Validation><Sentence>")
    with pytest.raises(MalformedInput):
        read_petrarch(bad)


def test_real_file(shared_dir):
    records = read_petrarch(shared_dir / "data/petrarch/unit_tests/PETR.UnitTest.records.xml")
    assert len(records) == 284
    assert sum(len(r.codings) for r in records) == 359
    assert len({r.id for r in records}) == 284
    assert sum(r.no_events for r in records) == 19 and sum(r.error is not None for r in records) == 7
    assert all(r.text and "(ROOT" not in r.text for r in records)
