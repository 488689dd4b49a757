"""Exports: every format loads back and round-trips its fields; PLOVER validates; --no-text leaves no text."""

from __future__ import annotations

import csv
import io
import json

import duckdb
import pyarrow.parquet as pq
import pytest
from storekit import MOSCOW, actor, event, result, story_text

from eventwire.model import Event, from_dict, to_dict
from eventwire.store.export import PHOENIX_COLUMNS, export, plover_schema
from eventwire.store.ingest import Ingestor

EVIDENCE = ["Ukraine launched drones at Moscow", "Putin met Xi for talks in a quiet ceremony"]


@pytest.fixture()
def filled(store):
    results = [
        result(
            "https://a.com/1",
            story_text(1),
            [event("e1", sentence=EVIDENCE[0], place=MOSCOW, mode="drone")],
            title="Drones hit the capital",
        ),
        result(
            "https://b.com/2",
            story_text(2),
            [
                event(
                    "e1",
                    sentence=EVIDENCE[1],
                    plover="CONSULT",
                    cameo="040",
                    goldstein=1.0,
                    source=actor("RUS", "GOV", "Vladimir Putin"),
                    target=actor("CHN", "GOV", "Xi Jinping"),
                    date="2024-05",
                    precision="month",
                    status="intended",
                ),
                event(
                    "e2",
                    sentence="A statement was made",
                    plover=None,
                    cameo="010",
                    goldstein=0.0,
                    target=None,
                ),  # type: ignore[arg-type]
            ],
            title="Leaders to meet",
        ),
        result(
            "https://c.com/3", story_text(3), [event("e1", sentence=EVIDENCE[0] + " overnight", place=MOSCOW)]
        ),
    ]
    Ingestor(store).ingest(results)
    return store


def _events_table(store):
    cur = store.conn.execute("SELECT * FROM events ORDER BY uid")
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def test_jsonl_roundtrips_every_event_record(filled):
    buf = io.StringIO()
    report = export(filled, "jsonl", buf)
    lines = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert report.rows == len(lines) == 4
    stored = {r["uid"]: json.loads(r["record"]) for r in _events_table(filled)}
    for line in lines:
        assert to_dict(from_dict(Event, line)) == stored[line["uid"]]
        assert line["article"]["url"].startswith("https://") and line["canonical_id"].startswith("c-")


def test_plover_json_validates_and_roundtrips(filled):
    import jsonschema

    buf = io.StringIO()
    report = export(filled, "plover-json", buf)
    assert (report.rows, report.skipped, report.statements) == (3, 0, 1)  # the bare statement is left out
    schema = plover_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    records = [json.loads(line) for line in buf.getvalue().splitlines()]
    for rec in records:
        jsonschema.validate(rec, schema)
    events = {r["uid"]: r for r in _events_table(filled)}
    for rec in records:
        ev = events[rec["id"]]
        assert rec["event"] == [ev["plover_type"]]
        assert rec["actor"][0]["code"] == ev["source_country"]
        assert rec["recipient"][0]["code"] == ev["target_country"]
        assert rec["text"] == ev["evidence"]
        assert rec["link"] == ev["canonical_id"]
        assert rec["date"] == ev["date"].isoformat()
    consult = next(r for r in records if r["event"] == ["CONSULT"])
    assert consult["quad_code"] == 1 and consult["event_scale"] == 2.5 and consult["has_event"] is False
    assert "intended" in consult["comment"] and "month" in consult["comment"]
    assault = next(r for r in records if r["event"] == ["ASSAULT"])
    assert assault["mode"] == ["drone"] and assault["event_loc"]["geonameid"] == 524901
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"id": "x", "date": "2024-1-1", "actor": [], "event": ["PARTY"]}, schema)


def test_cameo_tsv_phoenix_columns_one_row_per_happening(filled):
    buf = io.StringIO()
    report = export(filled, "cameo-tsv", buf)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue()), delimiter="\t"))
    assert tuple(rows[0].keys()) == PHOENIX_COLUMNS
    assert report.rows == len(rows) == 3  # two reports of the drone attack are one row
    canon = {
        r[0]: r
        for r in filled.conn.execute(
            "SELECT canonical_id, cameo_code, goldstein, source_code, target_code, date, documents FROM canonical_events"
        ).fetchall()
    }
    for row in rows:
        cid, code, goldstein, src, tgt, day, docs = canon[row["EventID"]]
        assert row["code"] == code and row["root_code"] == code[:2]
        assert float(row["goldstein"]) == goldstein
        assert row["source"] == (src or "") and row["source_root"] == (src or "")[:3]
        assert row["target"] == (tgt or "")
        assert row["story_date"] == day.strftime("%Y%m%d")
        assert row["aid"].split(";") == sorted(docs)
    drone = next(r for r in rows if r["code"] == "190")
    assert drone["source_agent"] == "MIL" and drone["countryName"] == "Russian Federation"
    assert drone["url"] == "https://a.com/1;https://c.com/3"


def test_csv_and_parquet_load_back(filled, tmp_path):
    csv_path, pq_path = tmp_path / "e.csv", tmp_path / "e.parquet"
    assert export(filled, "csv", csv_path).rows == 4
    assert export(filled, "parquet", pq_path).rows == 4
    stored = {r["uid"]: r for r in _events_table(filled)}
    for rows in (
        list(csv.DictReader(csv_path.open(encoding="utf-8"))),
        pq.read_table(pq_path).to_pylist(),
        duckdb.connect().sql(f"SELECT * FROM read_parquet('{pq_path}')").to_arrow_table().to_pylist(),
        duckdb.connect()
        .sql(f"SELECT * FROM read_csv('{csv_path}', all_varchar=true)")
        .to_arrow_table()
        .to_pylist(),
    ):
        assert len(rows) == 4
        for row in rows:
            ev = stored[row["uid"]]
            for key in (
                "plover_type",
                "cameo_code",
                "source_code",
                "target_country",
                "evidence",
                "canonical_id",
                "place_name",
                "status",
                "record",
            ):
                assert (row[key] or None) == ev[key], key
            assert str(row["date"] or "") == (ev["date"].isoformat() if ev["date"] else "")
            assert (float(row["lat"]) if row["lat"] not in (None, "") else None) == ev["lat"]


@pytest.mark.parametrize("fmt", ["jsonl", "plover-json", "csv", "cameo-tsv", "parquet"])
def test_no_text_leaves_article_text_out(filled, tmp_path, fmt):
    path = tmp_path / f"out.{fmt}"
    export(filled, fmt, path, no_text=True)
    if fmt == "parquet":
        content = json.dumps(pq.read_table(path).to_pylist(), default=str)
    else:
        content = path.read_text(encoding="utf-8")
    assert content.strip()
    for sentence in EVIDENCE + [
        "Drones hit the capital",
        "Leaders to meet",
        "on Sunday",
        "at least 34 drones",
    ]:
        assert sentence not in content
    assert "launched" not in content  # trigger text


def test_export_filters_select_happenings(filled):
    from eventwire.store.query import Filters

    buf = io.StringIO()
    assert export(filled, "jsonl", buf, filters=Filters(types=["ASSAULT"])).rows == 2
