"""Exports in the formats the field already loads.

- ``jsonl``: one line per reported event: the whole Event record, its canonical event (``canonical_id``,
  ``mentions``, ``articles``) and its article (``url``, ``title``, ``outlet``, ``published``, ``story_id``).
- ``csv`` and ``parquet``: the same, flat (one column per field; the record's lists as JSON text in ``record``).
- ``plover-json``: PLOVER 2.0 records (JSON lines; schema in ``schemas/plover-2.0.schema.json``), one per reported
  event, ``link`` naming its canonical event. Bare statements are left out whatever the filters ask (counted as
  statements), and so are events with no PLOVER type (counted as skipped).
- ``cameo-tsv``: Phoenix column order, one row per canonical event (Phoenix kept one event per happening), with
  Goldstein weights; ``aid`` lists the reporting documents, ``url`` and ``source_text`` their URLs and outlets.

With no filters an export holds every stored record, bare statements included (kind ``all``); ``filters`` select as
``query`` does, ``Filters.kind`` included (its default, ``event``, leaves statements out). The PLOVER export never
holds statements.

``no_text`` leaves all article text out: evidence sentences, trigger and span texts, quotes, titles. Names of
actors and places stay (they are codes' labels, not the article's wording).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from importlib import resources
from pathlib import Path
from typing import IO, Any

from .._version import __version__
from ..errors import StoreError
from .db import Store
from .query import Filters, check_kind, where_clause

FORMATS = ("plover-json", "cameo-tsv", "csv", "jsonl", "parquet")

PHOENIX_COLUMNS = (
    "EventID", "story_date", "year", "month", "day",
    "source", "source_root", "source_agent", "source_others",
    "target", "target_root", "target_agent", "target_others",
    "code", "root_code", "quad_class", "goldstein", "issues",
    "lat", "lon", "placeName", "stateName", "countryName", "aid", "url", "source_text",
)  # fmt: skip

FLAT_COLUMNS = (
    "uid", "event_id", "document_id", "story_id", "canonical_id", "sentence_index", "plover_type", "plover_mode",
    "cameo_code", "cameo_root", "quad_class", "goldstein", "status", "kind",
    "source_name", "source_country", "source_sector", "source_code",
    "target_name", "target_country", "target_sector", "target_code",
    "date", "date_precision", "place_name", "place_country", "place_admin1", "lat", "lon", "geonames_id",
    "place_precision", "evidence", "confidence", "extractor", "eventwire_version", "lexicon_version", "seen",
)  # fmt: skip
TEXT_COLUMNS = {"evidence", "title"}
RESOLUTION = {"facility": 5, "city": 4, "admin1": 2, "country": 1}


@dataclass
class ExportReport:
    format: str
    rows: int = 0
    skipped: int = 0
    statements: int = 0  # bare statements a PLOVER export left out


def _data_rows(name: str) -> Iterator[list[str]]:
    text = resources.files("eventwire").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    for line in lines[1:]:  # first non-comment line is the header
        yield line.split("\t")


def plover_types() -> dict[str, tuple[int, float]]:
    """PLOVER type → (quad code, event scale), from ``data/plover_types.tsv``."""
    return {row[0]: (int(row[1]), float(row[2])) for row in _data_rows("plover_types.tsv")}


def goldstein_weights() -> dict[str, float]:
    """CAMEO code → Goldstein weight, from ``data/cameo.tsv`` (empty when that file is missing)."""
    try:
        return {row[0]: float(row[4]) for row in _data_rows("cameo.tsv") if len(row) > 4 and row[4].strip()}
    except (FileNotFoundError, OSError):
        return {}


def plover_schema() -> dict[str, Any]:
    """The JSON Schema of one PLOVER 2.0 record as eventwire writes it."""
    text = (
        resources.files("eventwire.store")
        .joinpath("schemas")
        .joinpath("plover-2.0.schema.json")
        .read_text("utf-8")
    )
    return json.loads(text)


def _selection(filters: Filters | None) -> tuple[str, list[Any]]:
    """The WHERE clause over ``events e``: its kind on the event itself, the other filters through its canonical
    event."""
    filters = filters or Filters(kind="all")
    kind = check_kind(filters.kind)
    own, own_params = ("TRUE", []) if kind == "all" else ("e.kind = ?", [kind])
    where, params = where_clause(replace(filters, kind="all"))
    if where == "TRUE":
        return own, own_params
    return (
        f"{own} AND e.canonical_id IN (SELECT c.canonical_id FROM canonical_events c WHERE {where})",
        own_params + params,
    )


def _event_cursor(store: Store, filters: Filters | None, extra: str = ""):  # type: ignore[no-untyped-def]
    sel, params = _selection(filters)
    cols = ", ".join(f"e.{c}" for c in FLAT_COLUMNS)
    sql = f"""
        SELECT {cols}, e.record, a.url, a.title, a.outlet, a.published, a.language, a.ingested_at,
               c.mentions, c.articles {extra}
        FROM events e JOIN articles a USING (document_id) LEFT JOIN canonical_events c USING (canonical_id)
        WHERE {sel}
        ORDER BY e.seen, e.document_id, e.sentence_index, e.uid
    """
    return store.execute(sql, params)


def _iter_dicts(cursor, chunk: int = 5000) -> Iterator[dict[str, Any]]:  # type: ignore[no-untyped-def]
    names = [d[0] for d in cursor.description]
    while rows := cursor.fetchmany(chunk):
        for row in rows:
            yield dict(zip(names, row, strict=True))


def _json_default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def strip_text(record: dict[str, Any]) -> dict[str, Any]:
    """An Event record (``to_dict`` form) with every piece of article text removed; offsets stay."""
    for key in ("trigger", "evidence"):
        if record.get(key):
            record[key]["text"] = None
    for key in ("source", "target"):
        if record.get(key):
            record[key]["text"] = None
    if record.get("date"):
        record["date"]["text"] = None
    if record.get("location"):
        record["location"]["text"] = None
    for quantity in record.get("quantities") or ():
        quantity["text"] = None
    return record


def _jsonl(store: Store, out: IO[str], filters: Filters | None, no_text: bool, report: ExportReport) -> None:
    for row in _iter_dicts(_event_cursor(store, filters)):
        record = json.loads(row["record"])
        if no_text:
            record = strip_text(record)
        record["kind"] = row["kind"]  # records stored before schema 3 lack it
        record["document_id"] = row["document_id"]
        record["uid"] = row["uid"]
        record["canonical_id"] = row["canonical_id"]
        record["mentions"] = row["mentions"]
        record["articles"] = row["articles"]
        record["article"] = {
            "url": row["url"],
            "title": None if no_text else row["title"],
            "outlet": row["outlet"],
            "published": row["published"],
            "story_id": row["story_id"],
        }
        out.write(json.dumps(record, ensure_ascii=False, default=_json_default) + "\n")
        report.rows += 1


def _entity(side: dict[str, Any] | None, no_text: bool) -> dict[str, Any]:
    if not side:
        return {}
    entity: dict[str, Any] = {"code": side.get("country") or (side.get("code") or "")[:3] or None}
    if side.get("sector"):
        entity["sector"] = side["sector"]
    if side.get("name"):
        entity["entity_text"] = side["name"]
    if side.get("code"):
        entity["identifier_text"] = side["code"]
    return entity


def plover_record(
    row: dict[str, Any], types: dict[str, tuple[int, float]], no_text: bool
) -> dict[str, Any] | None:
    """The PLOVER 2.0 record of one stored event (a row of the export query), or None if it has no PLOVER type
    or no date at all."""
    record = json.loads(row["record"])
    ptype = row["plover_type"]
    if not ptype or ptype not in types:
        return None
    day = row["date"] or row["published"] or row["seen"]
    if day is None:
        return None
    out: dict[str, Any] = {
        "id": row["uid"],
        "has_event": row["status"] == "asserted",
        "date": day.isoformat(),
        "actor": [_entity(record.get("source"), no_text)] if record.get("source") else [],
        "event": [ptype],
        "quad_code": types[ptype][0],
        "event_scale": types[ptype][1],
    }
    if record.get("target"):
        out["recipient"] = [_entity(record["target"], no_text)]
    if row["plover_mode"]:
        out["mode"] = [row["plover_mode"]]
    if record.get("context"):
        out["context"] = list(record["context"])
    loc = record.get("location")
    if loc:
        out["event_loc"] = {
            "extracted_place": None if no_text else loc.get("text"),
            "resolved_place": loc.get("name"),
            "geonameid": loc.get("geonames_id"),
            "lat": loc.get("lat"),
            "lon": loc.get("lon"),
            "province": loc.get("admin1"),
            "country_code": loc.get("country"),
            "resolution": RESOLUTION.get(loc.get("precision") or ""),
        }
        if loc.get("precision") == "city":
            out["event_loc"]["city"] = loc.get("name")
    if row["canonical_id"]:
        out["link"] = row["canonical_id"]
    evidence = record.get("evidence") or {}
    out["text_info"] = {
        "sequence": record.get("sentence_index"),
        "start": evidence.get("start"),
        "end": evidence.get("end"),
        "text_story": row["document_id"],
    }
    if not no_text:
        trigger = (record.get("trigger") or {}).get("text")
        if trigger:
            out["event_text"] = [trigger]
        if evidence.get("text"):
            out["text"] = evidence["text"]
    lang = row.get("language")
    out["cite_info"] = {
        "corpus": "eventwire",
        "url": row["url"],
        "title": None if no_text else row["title"],
        "publication": row["outlet"],
        "language": lang if isinstance(lang, str) and len(lang) == 2 else None,
        "coder": record.get("extractor") or None,
        "codebook": "PLOVER 2.0",
        "version": f"eventwire {row['eventwire_version']}, lexicon {row['lexicon_version']}",
    }
    out["coder"] = f"eventwire {row['eventwire_version']}"
    if row.get("ingested_at"):
        out["coded_date"] = row["ingested_at"].date().isoformat()
    notes = []
    if row["status"] != "asserted":
        notes.append(f"status: {row['status']}")
    if row["date"] is None:
        notes.append("date: publication date (event date unresolved)")
    elif row["date_precision"] != "day":
        notes.append(f"date precision: {row['date_precision']}")
    if notes:
        out["comment"] = "; ".join(notes)
    return out


def _plover(store: Store, out: IO[str], filters: Filters | None, no_text: bool, report: ExportReport) -> None:
    types = plover_types()
    for row in _iter_dicts(_event_cursor(store, filters)):
        if row["kind"] == "statement":
            report.statements += 1
            continue
        record = plover_record(row, types, no_text)
        if record is None:
            report.skipped += 1
            continue
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        report.rows += 1


def _split_code(code: str | None) -> tuple[str, str, str, str]:
    code = code or ""
    return code, code[:3], code[3:6], code[6:]


def _cameo_tsv(store: Store, out: IO[str], filters: Filters | None, report: ExportReport) -> None:
    weights = goldstein_weights()
    sel, params = _selection(filters)
    sel = sel.replace("e.canonical_id", "c.canonical_id")
    cursor = store.execute(
        f"""
        SELECT c.canonical_id, c.date, c.source_code, c.source_country, c.target_code, c.target_country,
               c.cameo_code, c.cameo_root, c.quad_class, c.goldstein, c.lat, c.lon, c.place_name,
               any_value(e.place_admin1) AS admin1, c.place_country,
               list(DISTINCT e.document_id ORDER BY e.document_id) AS aid,
               list(DISTINCT a.url ORDER BY a.url) FILTER (WHERE a.url IS NOT NULL) AS urls,
               list(DISTINCT a.outlet ORDER BY a.outlet) FILTER (WHERE a.outlet IS NOT NULL) AS outlets,
               any_value(e.record) AS record
        FROM canonical_events c JOIN events e USING (canonical_id) JOIN articles a ON a.document_id = e.document_id
        WHERE {sel} AND c.cameo_code IS NOT NULL
        GROUP BY ALL ORDER BY c.date, c.canonical_id
        """,
        params,
    )
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow(PHOENIX_COLUMNS)
    country_names = _country_names()
    for row in _iter_dicts(cursor):
        day: date | None = row["date"]
        goldstein = row["goldstein"] if row["goldstein"] is not None else weights.get(row["cameo_code"])
        context = json.loads(row["record"]).get("context") or []
        src = _split_code(row["source_code"] or row["source_country"])
        tgt = _split_code(row["target_code"] or row["target_country"])
        writer.writerow(
            [
                row["canonical_id"],
                day.strftime("%Y%m%d") if day else "",
                day.year if day else "",
                day.month if day else "",
                day.day if day else "",
                *src,
                *tgt,
                row["cameo_code"],
                row["cameo_root"],
                row["quad_class"] if row["quad_class"] is not None else "",
                goldstein if goldstein is not None else "",
                ";".join(context),
                row["lat"] if row["lat"] is not None else "",
                row["lon"] if row["lon"] is not None else "",
                row["place_name"] or "",
                row["admin1"] or "",
                country_names.get(row["place_country"] or "", row["place_country"] or ""),
                ";".join(row["aid"] or []),
                ";".join(row["urls"] or []),
                ";".join(row["outlets"] or []),
            ]
        )
        report.rows += 1


def _country_names() -> dict[str, str]:
    try:
        import pycountry

        return {c.alpha_3: c.name for c in pycountry.countries}
    except ImportError:
        return {}


def _arrow_reader(store: Store, filters: Filters | None, no_text: bool):  # type: ignore[no-untyped-def]
    cols = [c for c in FLAT_COLUMNS if not (no_text and c in TEXT_COLUMNS)]
    sel, params = _selection(filters)
    record = "e.record" if not no_text else "NULL::VARCHAR AS record"
    title = "a.title" if not no_text else "NULL::VARCHAR AS title"
    sql = f"""
        SELECT {", ".join("e." + c for c in cols)}, c.mentions, c.articles, a.url, {title}, a.outlet, a.published,
               {record}
        FROM events e JOIN articles a USING (document_id) LEFT JOIN canonical_events c USING (canonical_id)
        WHERE {sel} ORDER BY e.seen, e.document_id, e.sentence_index, e.uid
    """
    try:
        return store.conn.sql(sql, params=params).to_arrow_reader(50_000)
    except Exception as exc:  # duckdb.Error
        raise StoreError(f"database {store.path}: {exc}") from exc


def export(
    store: Store,
    fmt: str,
    out: str | Path | IO[str],
    *,
    no_text: bool = False,
    filters: Filters | None = None,
) -> ExportReport:
    """Write the store's events in ``fmt`` (one of FORMATS) to ``out`` (a path, or a text stream except for
    parquet). ``filters`` selects canonical events as ``query`` does."""
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r}", hint=f"one of {', '.join(FORMATS)}")
    report = ExportReport(fmt)
    if fmt == "parquet":
        import pyarrow.parquet as pq

        if not isinstance(out, str | Path):
            raise StoreError("parquet export needs a file", hint="give --output FILE.parquet")
        reader = _arrow_reader(store, filters, no_text)
        schema = reader.schema
        if no_text:  # NULL record/title columns carry type null: keep them strings
            import pyarrow as pa

            schema = pa.schema(
                [f.with_type(pa.string()) if f.name in ("record", "title") else f for f in schema]
            )
        with pq.ParquetWriter(str(out), schema) as writer:
            for batch in reader:
                table = batch if not no_text else batch.cast(schema)
                writer.write_batch(table)
                report.rows += batch.num_rows
        return report

    def write(stream: IO[str]) -> None:
        if fmt == "jsonl":
            _jsonl(store, stream, filters, no_text, report)
        elif fmt == "plover-json":
            _plover(store, stream, filters, no_text, report)
        elif fmt == "cameo-tsv":
            _cameo_tsv(store, stream, filters, report)
        else:
            _csv(store, stream, filters, no_text, report)

    if isinstance(out, str | Path):
        try:
            with open(out, "w", encoding="utf-8", newline="") as stream:
                write(stream)
        except OSError as exc:
            raise StoreError(f"cannot write {out}: {exc.strerror}") from exc
    else:
        write(out)
    return report


def _csv(store: Store, out: IO[str], filters: Filters | None, no_text: bool, report: ExportReport) -> None:
    reader = _arrow_reader(store, filters, no_text)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(reader.schema.names)
    for batch in reader:
        columns = [col.to_pylist() for col in batch.columns]
        for row in zip(*columns, strict=True):
            writer.writerow(["" if v is None else v.isoformat() if isinstance(v, date) else v for v in row])
        report.rows += batch.num_rows


def render(columns: list[str], rows: list[tuple], fmt: str, out: IO[str]) -> None:
    """Write query rows as ``table`` (aligned text), ``csv``, ``json`` (one array) or ``jsonl``."""
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if v is None else v.isoformat() if isinstance(v, date) else v for v in row])
    elif fmt == "json":
        json.dump([dict(zip(columns, r, strict=True)) for r in rows], out, default=_json_default, indent=1)
        out.write("\n")
    elif fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(dict(zip(columns, row, strict=True)), default=_json_default) + "\n")
    elif fmt == "table":
        cells = [[_cell(v) for v in row] for row in rows]
        widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
        buf = io.StringIO()
        buf.write("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip() + "\n")
        for r in cells:
            buf.write("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() + "\n")
        out.write(buf.getvalue())
    else:
        raise StoreError(f"unknown output format {fmt!r}", hint="one of table, csv, json, jsonl")


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    return text if len(text) <= 40 else text[:39] + "…"


__all__ = ["FORMATS", "ExportReport", "export", "plover_record", "plover_schema", "render", "__version__"]
