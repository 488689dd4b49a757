"""Merging: events of different articles that report one happening link to one canonical event.

The rule (conservative: when in doubt, keep events apart):

1. **Same kind of event**: the same PLOVER type, the same CAMEO root and the same status (an intended visit is
   not the visit).
2. **Same actors**: source and target have the same country (the first three letters of the actor code when no
   country is given), or, for actors with neither, the same name (case-folded); sectors are equal or one is
   unknown (``USAGOV`` and ``USA`` may merge, ``USAGOV`` and ``USAMIL`` may not). A missing target only merges with
   a missing target.
3. **Same time**, with a window that depends on the date precision:

   - day and day: at most ``DAY_WINDOW`` (1) day apart (reports of one happening differ by a day across time zones);
   - month with day or month: the same calendar month;
   - an event dated only to the year, or not dated: the date of the reporting article stands in for it, and it
     merges only with a day-dated or equally undated event at most ``UNDATED_WINDOW`` (2) days away;
   - an event with neither a date nor a reporting date never merges.
4. **Compatible places**: where both name a country they are the same; where both are points (a city or a
   facility, not a region or country centroid) they lie within ``PLACE_KM`` (150) km. A missing place is compatible
   with any.
5. **One article, one event per happening**: a canonical event takes at most one event from each article, so events
   that one article keeps apart stay apart. Wire copies of one story are different articles, so each copy's event
   links to the story's canonical event; ``mentions`` counts distinct stories, ``articles`` counts every article.

Among several compatible canonical events the nearest in time wins, then the one with the same place.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import duckdb

from .db import canonical_key, rebuild_evidence_index

DAY_WINDOW = 1
UNDATED_WINDOW = 2
PLACE_KM = 150.0
CANDIDATE_DAYS = 40  # how far around a batch's dates to look for canonical events

# Representative date precision of a canonical event (finer is better).
PRECISION_RANK = {"day": 3, "month": 2, "published": 1}
# Place precisions whose coordinates are a point that distances may be measured from.
POINT_PRECISIONS = ("city", "facility")


@dataclass(slots=True)
class MergeItem:
    """What merging needs of one stored event."""

    uid: str
    document_id: str
    key: str | None  # None: never merges
    anchor: date | None
    precision: str | None  # day | month | published
    source_sector: str | None
    target_sector: str | None
    place_country: str | None
    lat: float | None  # only for point places (POINT_PRECISIONS)
    lon: float | None
    place_name: str | None = None
    place_precision: str | None = None


@dataclass(slots=True)
class Canon:
    canonical_id: str
    key: str | None
    anchor: date | None
    precision: str | None
    source_sector: str | None
    target_sector: str | None
    place_country: str | None
    lat: float | None  # only for point places
    lon: float | None
    documents: set[str] = field(default_factory=set)
    place_name: str | None = None
    place_precision: str | None = None
    new: bool = False
    refined: bool = False


def _norm(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(str(value).split()).casefold()
    return value or None


def actor_key(country: str | None, code: str | None, name: str | None) -> str:
    """The actor part of a merge key: its country, else its code's country, else its folded name, else ``-``."""
    if country:
        return country.upper()
    if code and len(code) >= 3:
        return code[:3].upper()
    return "n:" + (_norm(name) or "-")


def merge_key(row: dict[str, Any]) -> str | None:
    """The key that events must share to merge (rule parts 1 and 2 without sectors); None if it has no type."""
    if not row.get("plover_type") and not row.get("cameo_root"):
        return None
    src = actor_key(row.get("source_country"), row.get("source_code"), row.get("source_name"))
    if row.get("target_country") or row.get("target_code") or row.get("target_name"):
        tgt = actor_key(row.get("target_country"), row.get("target_code"), row.get("target_name"))
    else:
        tgt = "none"
    return "|".join(
        [
            row.get("status") or "asserted",
            row.get("plover_type") or "-",
            row.get("cameo_root") or "-",
            src,
            tgt,
        ]
    )


def anchor_of(row: dict[str, Any]) -> tuple[date | None, str | None]:
    """The date an event is merged by, and its precision (rule part 3)."""
    value, precision = row.get("date"), row.get("date_precision")
    if value is not None and precision == "day":
        return value, "day"
    if value is not None and precision == "month":
        return value.replace(day=1), "month"
    if row.get("seen") is not None:  # the reporting article's date stands in
        return row["seen"], "published"
    return None, None


def item_from_row(row: dict[str, Any]) -> MergeItem:
    anchor, precision = anchor_of(row)
    key = merge_key(row) if anchor is not None else None
    point = row.get("place_precision") in POINT_PRECISIONS
    return MergeItem(
        uid=row["uid"],
        document_id=row["document_id"],
        key=key,
        anchor=anchor,
        precision=precision,
        source_sector=row.get("source_sector"),
        target_sector=row.get("target_sector"),
        place_country=row.get("place_country"),
        lat=row.get("lat") if point else None,
        lon=row.get("lon") if point else None,
        place_name=row.get("place_name"),
        place_precision=row.get("place_precision"),
    )


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def dates_compatible(a: date, pa: str, b: date, pb: str) -> bool:
    """Rule part 3 for two anchors and their precisions."""
    if pa == "day" and pb == "day":
        return abs((a - b).days) <= DAY_WINDOW
    if "month" in (pa, pb):
        if "published" in (pa, pb):
            return False
        return (a.year, a.month) == (b.year, b.month)
    return abs((a - b).days) <= UNDATED_WINDOW  # published with day or published


def _sector_ok(a: str | None, b: str | None) -> bool:
    return not a or not b or a == b


def compatible(item: MergeItem, canon: Canon) -> bool:
    """Whether an event may join a canonical event (rule parts 2 to 5; the key is already equal)."""
    if item.document_id in canon.documents:
        return False
    if not (
        _sector_ok(item.source_sector, canon.source_sector)
        and _sector_ok(item.target_sector, canon.target_sector)
    ):
        return False
    if item.anchor is None or canon.anchor is None or item.precision is None or canon.precision is None:
        return False
    if not dates_compatible(item.anchor, item.precision, canon.anchor, canon.precision):
        return False
    if item.place_country and canon.place_country and item.place_country != canon.place_country:
        return False
    far = None not in (item.lat, item.lon, canon.lat, canon.lon) and (
        haversine_km(item.lat, item.lon, canon.lat, canon.lon) > PLACE_KM  # type: ignore[arg-type]
    )
    return not far


def canonical_id_for(uid: str) -> str:
    """A stable id for the canonical event first reported by event ``uid``."""
    return "c-" + hashlib.sha256(uid.encode("utf-8")).hexdigest()[:20]


def avoid_stored_ids(conn: duckdb.DuckDBPyConnection, touched: list[Canon]) -> None:
    """Give a derived id to each new canonical event whose id is stored already.

    A canonical event's id comes from its first event's uid; an article stored again with new text reuses its
    event ids, while the canonical event its old event founded may live on through other articles' reports.
    """
    new = [c for c in touched if c.new]
    if not new:
        return
    taken = {
        r[0]
        for r in conn.execute(
            "SELECT canonical_id FROM canonical_events WHERE canonical_id IN (SELECT unnest(?::VARCHAR[]))",
            [[c.canonical_id for c in new]],
        ).fetchall()
    }
    used = {c.canonical_id for c in new}
    for canon in new:
        if canon.canonical_id not in taken:
            continue
        n = 1
        while True:
            n += 1
            cid = canonical_id_for(f"{canon.canonical_id}#{n}")
            stored = conn.execute("SELECT 1 FROM canonical_events WHERE canonical_id = ?", [cid]).fetchone()
            if cid not in used and stored is None:
                break
        used.add(cid)
        canon.canonical_id = cid


class Candidates:
    """Canonical events an event might join, indexed by (merge key, anchor date) so each lookup is a few probes."""

    def __init__(self) -> None:
        self.slots: dict[tuple[str, date], list[Canon]] = {}

    def add(self, canon: Canon) -> None:
        if canon.key is not None and canon.anchor is not None:
            self.slots.setdefault((canon.key, canon.anchor), []).append(canon)

    def move(self, canon: Canon, old_anchor: date | None) -> None:
        if canon.key is not None and old_anchor is not None:
            bucket = self.slots.get((canon.key, old_anchor))
            if bucket and canon in bucket:
                bucket.remove(canon)
        self.add(canon)

    def near(self, item: MergeItem) -> list[Canon]:
        """Canonical events with the item's key whose anchor could be compatible with the item's (rule part 3)."""
        if item.key is None or item.anchor is None:
            return []
        d = item.anchor
        if item.precision == "month":
            first = d.replace(day=1)
            days = [
                first + timedelta(days=k) for k in range(31) if (first + timedelta(days=k)).month == d.month
            ]
        else:
            window = max(DAY_WINDOW, UNDATED_WINDOW)
            days = [d + timedelta(days=k) for k in range(-window, window + 1)]
            if item.precision == "day":
                days.append(d.replace(day=1))
        out: list[Canon] = []
        for day in dict.fromkeys(days):
            out.extend(self.slots.get((item.key, day), ()))
        return out


def load_candidates(conn: duckdb.DuckDBPyConnection, items: list[MergeItem]) -> Candidates:
    """Stored canonical events that the batch's events might join."""
    index = Candidates()
    keyed = [i for i in items if i.key is not None and i.anchor is not None]
    if not keyed:
        return index
    import pyarrow as pa

    wanted = pa.table(  # noqa: F841 - read by DuckDB below
        {
            "merge_key": [i.key for i in keyed],
            "lo": [i.anchor - timedelta(days=CANDIDATE_DAYS) for i in keyed],  # type: ignore[operator]
            "hi": [i.anchor + timedelta(days=CANDIDATE_DAYS) for i in keyed],  # type: ignore[operator]
        }
    )
    rows = conn.execute(
        """
        SELECT canonical_id, c.merge_key, merge_anchor, merge_precision, source_sector, target_sector, place_country,
               lat, lon, documents, place_name, place_precision
        FROM canonical_events c
        SEMI JOIN wanted w ON c.merge_key = w.merge_key AND c.merge_anchor BETWEEN w.lo AND w.hi
        """
    ).fetchall()
    for cid, key, anchor, precision, ss, ts, pc, lat, lon, documents, place_name, place_precision in rows:
        if place_precision not in POINT_PRECISIONS:
            lat = lon = None
        index.add(
            Canon(
                cid,
                key,
                anchor,
                precision,
                ss,
                ts,
                pc,
                lat,
                lon,
                documents=set(documents or ()),
                place_name=place_name,
                place_precision=place_precision,
            )
        )
    return index


def assign(items: list[MergeItem], candidates: Candidates) -> tuple[dict[str, Canon], list[Canon]]:
    """Link each event to a canonical event (an existing one, or a new one it founds).

    Returns the assignment (uid → canonical) and the canonical events that joined or were created, in order.
    ``candidates`` is updated in place, so later events of the batch can join canonical events made earlier.
    """
    assignment: dict[str, Canon] = {}
    touched: dict[str, Canon] = {}
    for item in items:
        best: Canon | None = None
        scored = []
        for canon in candidates.near(item):
            if compatible(item, canon):
                gap = abs((item.anchor - canon.anchor).days)  # type: ignore[operator]
                same_place = bool(item.place_country and item.place_country == canon.place_country)
                scored.append((gap, not same_place, canon.canonical_id, canon))
        if scored:
            best = min(scored, key=lambda s: s[:3])[3]
        if best is None:
            best = Canon(
                canonical_id_for(item.uid),
                item.key,
                item.anchor,
                item.precision,
                item.source_sector,
                item.target_sector,
                item.place_country,
                item.lat,
                item.lon,
                new=True,
                place_name=item.place_name,
                place_precision=item.place_precision,
            )
            candidates.add(best)
        else:
            if PRECISION_RANK.get(item.precision or "", 0) > PRECISION_RANK.get(best.precision or "", 0):
                old = best.anchor
                best.anchor, best.precision, best.refined = item.anchor, item.precision, True
                candidates.move(best, old)
            best.source_sector = best.source_sector or item.source_sector
            best.target_sector = best.target_sector or item.target_sector
            if best.place_country is None and item.place_country:
                best.place_country, best.refined = item.place_country, True
            if best.lat is None and item.lat is not None:  # a point where it had none: the finer place wins
                best.lat, best.lon, best.refined = item.lat, item.lon, True
                best.place_name, best.place_precision = item.place_name, item.place_precision
        best.documents.add(item.document_id)
        assignment[item.uid] = best
        touched[best.canonical_id] = best
    return assignment, list(touched.values())


CANON_FIELDS = (
    "plover_type",
    "plover_mode",
    "cameo_code",
    "cameo_root",
    "quad_class",
    "goldstein",
    "status",
    "kind",
    "source_name",
    "source_country",
    "source_sector",
    "source_code",
    "target_name",
    "target_country",
    "target_sector",
    "target_code",
    "place_name",
    "place_country",
    "place_precision",
    "lat",
    "lon",
)


def canonical_row(canon: Canon, founder: dict[str, Any]) -> dict[str, Any]:
    """The row of a new canonical event, described by its first event."""
    row = {name: founder.get(name) for name in CANON_FIELDS}
    row.update(
        canonical_id=canon.canonical_id,
        canonical_key=canonical_key(canon.canonical_id),
        merge_key=canon.key,
        date=canon.anchor if canon.precision in ("day", "month") else founder.get("date"),
        date_precision=canon.precision
        if canon.precision in ("day", "month")
        else founder.get("date_precision"),
        merge_anchor=canon.anchor,
        merge_precision=canon.precision,
        place_country=canon.place_country,
    )
    if canon.lat is not None:  # a point place (perhaps from a later, finer report of the same batch)
        row.update(
            lat=canon.lat, lon=canon.lon, place_name=canon.place_name, place_precision=canon.place_precision
        )
    if row["date"] is None:
        row["date"] = canon.anchor
        row["date_precision"] = canon.precision
    return row


def write_canonicals(
    conn: duckdb.DuckDBPyConnection, touched: list[Canon], members: dict[str, list[dict[str, Any]]]
) -> list[str]:
    """Insert new canonical events (counted from ``members``, their event rows of this batch, the first being the
    founder); update the date, place and sectors of those a finer report refined. Returns the ids of the stored
    canonical events that gained members, whose counts ``refresh_counts`` must recompute.
    """
    import pyarrow as pa

    new_rows = []
    for canon in touched:
        if not canon.new:
            continue
        rows = members[canon.canonical_id]
        row = canonical_row(canon, rows[0])
        seen = [r["seen"] for r in rows if r.get("seen") is not None]
        row.update(
            mentions=len({r["story_id"] for r in rows}),
            articles=len({r["document_id"] for r in rows}),
            first_seen=min(seen) if seen else None,
            last_seen=max(seen) if seen else None,
            documents=sorted({r["document_id"] for r in rows}),
        )
        new_rows.append(row)
    if new_rows:
        new_table = pa.Table.from_pylist(new_rows)  # noqa: F841 - read by DuckDB below
        conn.execute("INSERT INTO canonical_events BY NAME SELECT * FROM new_table")
    refined = [c for c in touched if c.refined and not c.new]
    if refined:
        fields = (
            "canonical_id",
            "anchor",
            "precision",
            "place_country",
            "lat",
            "lon",
            "place_name",
            "place_precision",
            "source_sector",
            "target_sector",
        )
        changes = pa.table(  # noqa: F841 - read by DuckDB below
            {name: [getattr(c, name) for c in refined] for name in fields}
        )
        conn.execute(
            """UPDATE canonical_events AS c SET merge_anchor = r.anchor, merge_precision = r.precision,
                      date = CASE WHEN r.precision IN ('day', 'month') THEN r.anchor ELSE c.date END,
                      date_precision = CASE WHEN r.precision IN ('day', 'month') THEN r.precision
                                            ELSE c.date_precision END,
                      place_country = coalesce(c.place_country, r.place_country),
                      lat = coalesce(r.lat, c.lat), lon = coalesce(r.lon, c.lon),
                      place_name = CASE WHEN r.lat IS NULL THEN c.place_name ELSE r.place_name END,
                      place_precision = CASE WHEN r.lat IS NULL THEN c.place_precision ELSE r.place_precision END,
                      source_sector = coalesce(c.source_sector, r.source_sector),
                      target_sector = coalesce(c.target_sector, r.target_sector)
               FROM changes AS r WHERE c.canonical_id = r.canonical_id"""
        )
    grown = [c.canonical_id for c in touched if not c.new]
    for c in touched:
        c.new = c.refined = False
    return grown


def refresh_counts(conn: duckdb.DuckDBPyConnection, canonical_ids: list[str]) -> None:
    """Recompute mentions, articles, first/last seen and documents of these canonical events from their events;
    delete those no event links to any more."""
    if not canonical_ids:
        return
    conn.execute(
        "CREATE OR REPLACE TEMP TABLE _touched AS SELECT unnest(?::VARCHAR[]) AS canonical_id",
        [canonical_ids],
    )
    conn.execute(
        """
        UPDATE canonical_events AS c SET mentions = a.m, articles = a.n, first_seen = a.f, last_seen = a.l,
               documents = a.docs
        FROM (
            SELECT canonical_id, count(DISTINCT story_id) AS m, count(DISTINCT document_id) AS n,
                   min(seen) AS f, max(seen) AS l, list(DISTINCT document_id ORDER BY document_id) AS docs
            FROM events WHERE canonical_id IN (SELECT canonical_id FROM _touched)
            GROUP BY canonical_id
        ) AS a
        WHERE c.canonical_id = a.canonical_id
        """
    )
    conn.execute(
        """DELETE FROM canonical_events WHERE canonical_id IN (SELECT canonical_id FROM _touched)
           AND canonical_id NOT IN (SELECT canonical_id FROM events WHERE canonical_id IN
               (SELECT canonical_id FROM _touched))"""
    )
    conn.execute("DROP TABLE _touched")


MERGE_COLUMNS = ", ".join(("uid", "document_id", "story_id", "date", "date_precision", "seen", *CANON_FIELDS))


def remerge(conn: duckdb.DuckDBPyConnection, *, chunk: int = 50_000) -> int:
    """Merge every stored event afresh (after recode, or after a change of rule). Returns the canonical count.

    Runs inside the caller's transaction. Events are taken in order of reporting date, article and sentence, so
    the result does not depend on the order articles were ingested in.
    """
    import pyarrow as pa

    conn.execute("DELETE FROM canonical_events")
    conn.execute("UPDATE events SET canonical_id = NULL")
    cursor = conn.execute(
        f"SELECT {MERGE_COLUMNS} FROM events ORDER BY seen NULLS LAST, document_id, sentence_index, uid"
    )
    names = [d[0] for d in cursor.description]
    while True:
        rows = cursor.fetchmany(chunk)
        if not rows:
            break
        dict_rows = [dict(zip(names, r, strict=True)) for r in rows]
        items = [item_from_row(r) for r in dict_rows]
        candidates = load_candidates(conn, items)
        assignment, touched = assign(items, candidates)
        members: dict[str, list[dict[str, Any]]] = {}
        for row in dict_rows:
            members.setdefault(assignment[row["uid"]].canonical_id, []).append(row)
        write_canonicals(conn, touched, members)
        mapping = pa.table(  # noqa: F841 - read by DuckDB below
            {"uid": list(assignment), "canonical_id": [c.canonical_id for c in assignment.values()]}
        )
        conn.execute(
            "UPDATE events SET canonical_id = m.canonical_id FROM mapping AS m WHERE events.uid = m.uid"
        )
        # cursor may be invalidated by other statements on the same connection: re-open past this chunk
        cursor = conn.execute(
            f"SELECT {MERGE_COLUMNS} FROM events WHERE canonical_id IS NULL "
            "ORDER BY seen NULLS LAST, document_id, sentence_index, uid"
        )
    ids = [r[0] for r in conn.execute("SELECT canonical_id FROM canonical_events").fetchall()]
    refresh_counts(conn, ids)
    rebuild_evidence_index(conn)  # the word index names each event's canonical event
    return len(ids)
