"""Bare statements apart: the ``kind`` column, its upgrade from schema 2, and what query, stats and exports show."""

from __future__ import annotations

import io
import json

import duckdb
import pytest
from storekit import actor, event, result, story_text, write_jsonl

from eventwire.cli.main import main
from eventwire.model import Cameo, Event, Plover, TextSpan, event_kind, from_dict, to_dict
from eventwire.store.db import SCHEMA_VERSION, open_store
from eventwire.store.export import export
from eventwire.store.ingest import Ingestor
from eventwire.store.query import Filters, QueryError, query, stats


def _statement(eid: str, sentence: str, cameo: str = "010") -> Event:
    return event(eid, sentence=sentence, plover=None, cameo=cameo, goldstein=0.0, target=None)  # type: ignore[arg-type]


def _results():
    return [
        result(
            "https://a.com/1",
            story_text(1),
            [
                event("e1", sentence="Russian forces shelled Kyiv overnight", source=actor("RUS", "MIL")),
                _statement("e2", "The Kremlin said the strikes were precise"),
                _statement("e3", "The ministry declined to comment", cameo="011"),
            ],
        ),
        result(
            "https://b.com/2",
            story_text(2),
            [
                event(
                    "e1",
                    sentence="Putin met Xi in Beijing",
                    plover="CONSULT",
                    cameo="040",
                    source=actor("RUS", "GOV"),
                    target=actor("CHN", "GOV"),
                ),
                # a CAMEO 01x code with a PLOVER type is an event, not a bare statement
                event("e2", sentence="Kyiv rejected the claim", plover="REJECT", cameo="012", target=actor("RUS")),
            ],
        ),
    ]


@pytest.fixture()
def filled(store):
    Ingestor(store).ingest(_results())
    return store


def test_event_kind_is_derived_from_the_codes():
    assert event_kind(Plover(None), Cameo("010", "01", 1)) == "statement"
    assert event_kind(Plover(None), Cameo("0111", "01", 1)) == "statement"
    assert event_kind(Plover("REJECT"), Cameo("012", "01", 1)) == "event"  # typed: an event
    assert event_kind(Plover(None), Cameo("020", "02", 1)) == "event"  # an appeal, untyped, is no statement
    assert event_kind(Plover("ASSAULT"), Cameo("190", "19", 4)) == "event"


def test_kind_is_set_on_construction_and_rebuilt_from_old_records():
    said = Event(
        id="e", document_id="d", sentence_index=0, trigger=TextSpan("said", 4, 8), evidence=TextSpan("He said", 0, 7),
        source=None, target=None, plover=Plover(None), cameo=Cameo("010", "01", 1),
    )  # fmt: skip
    assert said.kind == "statement"
    old = to_dict(said)
    del old["kind"]  # a record written before events had a kind
    assert from_dict(Event, old).kind == "statement"
    old["kind"] = "event"  # a kind that contradicts the codes is not believed
    assert from_dict(Event, old).kind == "statement"


def test_stored_rows_carry_their_kind(filled):
    rows = filled.conn.execute("SELECT cameo_code, kind FROM events ORDER BY cameo_code").fetchall()
    assert rows == [("010", "statement"), ("011", "statement"), ("012", "event"), ("040", "event"), ("190", "event")]
    canon = filled.conn.execute("SELECT kind, count(*) FROM canonical_events GROUP BY 1 ORDER BY 1").fetchall()
    assert canon == [("event", 3), ("statement", 2)]


def test_query_shows_events_unless_asked_for_statements(filled):
    def codes(**kw) -> list[str]:
        res = query(filled, Filters(**kw), limit=None)
        return sorted(r["cameo_code"] for r in res.records())

    assert codes() == ["012", "040", "190"]
    assert codes(kind="statement") == ["010", "011"]
    assert codes(kind="all") == ["010", "011", "012", "040", "190"]
    assert codes(kind="ALL", source="RUS") == ["040", "190"]
    grouped = query(filled, Filters(kind="statement"), group_by="cameo")
    assert grouped.records() == [{"cameo": "01", "events": 2, "reports": 2}]
    with pytest.raises(QueryError, match="--kind"):
        query(filled, Filters(kind="statements"))


def test_stats_count_statements_apart(filled):
    data = stats(filled)
    assert data["totals"]["events"] == 3 and data["totals"]["statements"] == 2
    assert data["totals"]["canonical_events"] == 3 and data["totals"]["canonical_statements"] == 2
    assert dict(data["by_type"]) == {"ASSAULT": 1, "CONSULT": 1, "REJECT": 1}
    assert dict(stats(filled, kind="statement")["by_type"]) == {"-": 2}
    assert sum(n for _, n in stats(filled, kind="all")["by_type"]) == 5
    with pytest.raises(QueryError):
        stats(filled, kind="nothing")


def test_plover_export_never_holds_statements(filled):
    for filters in (None, Filters(kind="all"), Filters(kind="statement")):
        buf = io.StringIO()
        report = export(filled, "plover-json", buf, filters=filters)
        records = [json.loads(line) for line in buf.getvalue().splitlines()]
        assert all(r["event"] != [None] for r in records)
        assert report.rows == len(records) == (0 if filters and filters.kind == "statement" else 3)
        assert report.statements == 2


def test_other_exports_hold_statements_unless_filtered(filled):
    buf = io.StringIO()
    export(filled, "jsonl", buf)
    kinds = sorted(json.loads(line)["kind"] for line in buf.getvalue().splitlines())
    assert kinds == ["event", "event", "event", "statement", "statement"]
    buf = io.StringIO()
    assert export(filled, "cameo-tsv", buf, filters=Filters(kind="event")).rows == 3
    assert "\t010\t" not in buf.getvalue()


def test_schema_2_database_gains_the_kind_column(db_path):
    assert SCHEMA_VERSION == 4
    with open_store(db_path) as store:
        Ingestor(store).ingest(_results())
    conn = duckdb.connect(str(db_path))
    for table in ("events", "canonical_events"):
        conn.execute(f"ALTER TABLE {table} DROP COLUMN kind")
    conn.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    conn.close()
    with open_store(db_path, read_only=True) as store:  # a reader upgrades it in place
        assert store.schema_version() == SCHEMA_VERSION  # 2 -> 3 -> 4
        rows = store.conn.execute("SELECT cameo_code, kind FROM events ORDER BY cameo_code").fetchall()
        assert [k for _, k in rows] == ["statement", "statement", "event", "event", "event"]
        assert len(query(store, Filters()).rows) == 3


def test_cli_kind_flag(tmp_path, capsys):
    path = write_jsonl(tmp_path / "r.jsonl", _results())
    db = tmp_path / "k.duckdb"
    assert main(["ingest", "--from-results", str(path), "--db", str(db), "--no-progress"]) == 0
    capsys.readouterr()
    assert main(["query", "--db", str(db), "--format", "jsonl"]) == 0
    assert {json.loads(line)["kind"] for line in capsys.readouterr().out.splitlines()} == {"event"}
    assert main(["query", "--db", str(db), "--kind", "statement", "--format", "jsonl"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2
    assert main(["stats", "--db", str(db), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["totals"]["statements"] == 2
    assert main(["export", "--db", str(db), "--format", "plover-json"]) == 0
    assert "2 statements left out" in capsys.readouterr().err
    with pytest.raises(SystemExit) as err:
        main(["query", "--db", str(db), "--kind", "statements"])
    assert err.value.code == 2
