"""The PLOVER gold-standard reader and scorer, on hand-built results and on the real file."""

from __future__ import annotations

import json

import pytest
from evaluation_records import actor, event, result

from eventwire.evaluation.plover_gsr import (
    GsrRecord,
    GsrSentence,
    country_set,
    read_plover_gsr,
    score_plover_gsr,
)
from eventwire.evaluation.report import Run


def sentence(text: str, *records: GsrRecord) -> GsrSentence:
    return GsrSentence(id=records[0].id, text=text, records=list(records))


def rec(rid: str, rtype: str, source=(), target=()) -> GsrRecord:
    return GsrRecord(
        id=rid,
        type=rtype,
        raw_type=rtype,
        source=country_set(tuple(source)),
        target=country_set(tuple(target)),
        source_codes=tuple(source),
        target_codes=tuple(target),
    )


def run(*events) -> Run:
    return Run(result(list(events)))


def test_perfect_result_scores_one():
    gold = [
        sentence("a", rec("1", "ASSAULT", ["ISR"], ["PSE"])),
        sentence("b", rec("2", "REQUEST", ["USA"], ["IRQ"])),
    ]
    runs = [
        run(event("ASSAULT", "190", actor("ISR"), actor("PSE"))),
        run(event("REQUEST", "100", actor("USA"), actor("IRQ"))),
    ]
    report = score_plover_gsr(gold, runs)
    assert report["overall"]["precision"] == report["overall"]["recall"] == report["overall"]["f1"] == 1.0
    assert report["actors"]["both_sides"]["accuracy"] == 1.0
    assert report["actors"]["source"] == {"right": 2, "scored": 2, "accuracy": 1.0}
    assert report["misses"] == [] and report["false_alarms"] == []


def test_wrong_type_is_one_false_negative_and_one_false_positive():
    gold = [sentence("a", rec("1", "ASSAULT", ["ISR"], ["PSE"]))]
    report = score_plover_gsr(gold, [run(event("PROTEST", "140", actor("ISR")))])
    assert report["overall"] == {"tp": 0, "fp": 1, "fn": 1, "precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert report["per_type"]["ASSAULT"]["fn"] == 1 and report["per_type"]["PROTEST"]["fp"] == 1
    assert report["confusion"] == {"ASSAULT": {"PROTEST": 1}}
    assert report["misses"][0]["events"][0]["extractor"] == "test:rule"
    assert report["false_alarms"][0]["sentence"] == "a"
    # actor countries are only scored on matched events
    assert report["actors"]["both_sides"]["scored"] == 0


def test_untyped_events_do_not_count_and_miss_shows_none():
    gold = [sentence("a", rec("1", "ACCUSE", ["USA"]))]
    report = score_plover_gsr(gold, [run(event(None, "010", actor("USA")))])
    assert report["overall"]["fp"] == 0 and report["overall"]["fn"] == 1
    assert report["confusion"] == {"ACCUSE": {"(none)": 1}}


def test_igo_sides_are_not_scored_and_jap_is_japan():
    assert country_set(("IGO", "NGO", "IMG")) == frozenset()
    assert country_set(("JAP", "ITL", "USA")) == {"JPN", "ITA", "USA"}
    gold = [sentence("a", rec("1", "AGREE", ["IGO"], ["JAP"]))]
    report = score_plover_gsr(gold, [run(event("AGREE", "057", actor("USA"), actor("JPN")))])
    assert report["actors"]["source"]["scored"] == 0
    assert report["actors"]["target"] == {"right": 1, "scored": 1, "accuracy": 1.0}
    assert report["actors"]["both_sides"] == {"right": 1, "scored": 1, "accuracy": 1.0}


def test_best_agreeing_event_is_used_for_actors():
    gold = [sentence("a", rec("1", "COERCE", ["SRB"], ["ALB"]))]
    events = [
        event("COERCE", "170", actor("ALB"), actor("SRB")),
        event("COERCE", "173", actor("SRB"), actor("ALB")),
    ]
    report = score_plover_gsr(gold, [run(*events)])
    assert report["actors"]["both_sides"]["accuracy"] == 1.0
    assert report["matched"][0]["event"]["cameo"] == "173"


def test_missing_source_is_wrong_and_compound_gold_side_accepts_any_member():
    gold = [sentence("a", rec("1", "AGREE", ["ISR", "PSE"], []))]
    report = score_plover_gsr(gold, [run(event("AGREE", "057", actor("PSE")))])
    assert report["actors"]["source"]["accuracy"] == 1.0
    assert report["actors"]["target"]["scored"] == 0
    report = score_plover_gsr(gold, [run(event("AGREE", "057", None))])
    assert report["actors"]["source"] == {"right": 0, "scored": 1, "accuracy": 0.0}


def test_macro_f1_only_over_types_with_five_gold_sentences():
    gold = [sentence(f"s{i}", rec(str(i), "PROTEST")) for i in range(5)] + [sentence("x", rec("x", "AID"))]
    runs = [run(event("PROTEST", "140")) for _ in range(5)] + [run()]
    report = score_plover_gsr(gold, runs)
    assert report["macro_types"] == ["PROTEST"] and report["macro_f1"] == 1.0


def test_two_records_one_sentence_grouped(tmp_path):
    header = {"id": "H", "event": "DOCUMENT", "eventText": "header"}
    recs = [
        {"id": "A", "event": "DEMAND", "text": "Same text. ", "source": [{"code": "JAP"}], "target": ""},
        {"id": "B", "event": "DEMAND", "text": "Same text.", "source": [{"code": "USA"}], "target": None},
        {"id": "C", "event": "FIGHT", "text": "Other.", "target": [{"code": "IGO"}]},
    ]
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps([header, *recs]))
    sentences = read_plover_gsr(path)
    assert [len(s.records) for s in sentences] == [2, 1]
    assert sentences[0].types == {"REQUEST"}
    assert sentences[0].records[0].source == {"JPN"} and sentences[0].records[0].target == frozenset()
    assert sentences[1].records[0].type == "ASSAULT" and sentences[1].records[0].source == frozenset()


def test_reader_rejects_bad_input(tmp_path):
    from eventwire.errors import MalformedInput, UnreadableInput

    with pytest.raises(UnreadableInput):
        read_plover_gsr(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(MalformedInput):
        read_plover_gsr(bad)


def test_real_file(shared_dir):
    sentences = read_plover_gsr(shared_dir / "data/plover_gsr_dev/plover_gsr_dev.json")
    assert len(sentences) == 163 and sum(len(s.records) for s in sentences) == 164
    types = {r.type for s in sentences for r in s.records}
    assert not types & {"DEMAND", "DISAPPROVE", "INVESTIGATE", "FIGHT", "DOCUMENT"}
    codes = {c for s in sentences for r in s.records for c in r.source | r.target}
    assert all(len(c) == 3 for c in codes) and not codes & {"JAP", "ITL", "IGO", "NGO", "IMG"}
