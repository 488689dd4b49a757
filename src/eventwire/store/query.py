"""Queries over canonical events: filters, grouped counts, and stats.

A query counts happenings (canonical events), not reports: one kidnapping reported by forty outlets is one row
with ``mentions`` 40. It selects events, not bare statements ("said", "declined to comment": CAMEO 01x with no
PLOVER type), unless ``Filters.kind`` asks for statements or all. Filters read the canonical event's fields (its first report's actors, codes, place; its
finest date); ``text`` matches words in the evidence sentence of any of its reports. Distances are computed in
plain SQL (haversine, with a bounding-box prefilter) and words are matched as whole words, case-folded, through
the word index of evidence sentences (``evidence_index``: one row per event and word): no DuckDB extension is
needed.
"""

from __future__ import annotations

import calendar
import math
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..errors import InputError
from .db import Store

# Each group key: the expressions grouped on (cheap: raw columns and dates), and how the grouped values are shown
# (formatting after aggregation keeps string building off the million-row scan).
GROUPS: dict[str, tuple[tuple[str, ...], str]] = {
    "day": (("c.date",), "strftime({0}, '%Y-%m-%d')"),
    "week": (("date_trunc('week', c.date)",), "strftime({0}, '%Y-%m-%d')"),
    "month": (("date_trunc('month', c.date)",), "strftime({0}, '%Y-%m')"),
    "year": (("date_trunc('year', c.date)",), "strftime({0}, '%Y')"),
    "type": (("c.plover_type",), "coalesce({0}, '-')"),
    "cameo": (("c.cameo_root",), "coalesce({0}, '-')"),
    "dyad": (
        (
            "c.source_code",
            "c.source_country",
            "c.source_name",
            "c.target_code",
            "c.target_country",
            "c.target_name",
        ),
        "coalesce({0}, {1}, {2}, '-') || ' -> ' || coalesce({3}, {4}, {5}, '-')",
    ),
    # the country where it happened where known, else the source actor's country
    "country": (("coalesce(c.place_country, c.source_country)",), "coalesce({0}, '-')"),
    "source": (("c.source_country",), "coalesce({0}, '-')"),
    "target": (("c.target_country",), "coalesce({0}, '-')"),
}

TIME_GROUPS = ("day", "week", "month", "year")

KINDS = ("event", "statement", "all")

LIST_COLUMNS = (
    "canonical_id, date, date_precision, kind, plover_type, plover_mode, cameo_code, goldstein, status, "
    "source_name, source_code, source_country, target_name, target_code, target_country, "
    "place_name, place_country, lat, lon, mentions, articles, first_seen, last_seen"
)


class QueryError(InputError):
    """A filter value that cannot be understood."""

    code = "E106"


@dataclass
class Filters:
    """What to select. Every field is optional; lists combine with OR, fields with AND."""

    actor: str | None = None
    source: str | None = None
    target: str | None = None
    types: list[str] = field(default_factory=list)
    cameo: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    place: str | None = None
    near: str | None = None  # "LAT,LON,KM"
    text: str | None = None
    status: str | None = None
    kind: str = "event"  # event | statement | all


@dataclass
class Result:
    columns: list[str]
    rows: list[tuple]

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def resolve_country(value: str) -> str:
    """An ISO alpha-3 code for a country name or code (``Russia``, ``ru``, ``RUS``); else the value upper-cased."""
    value = value.strip()
    if re.fullmatch(r"[A-Za-z]{3}", value):
        return value.upper()
    try:
        import pycountry

        return pycountry.countries.lookup(value).alpha_3
    except (LookupError, ImportError):
        pass
    try:
        import pycountry

        hits = pycountry.countries.search_fuzzy(value)
        if hits:
            return hits[0].alpha_3
    except (LookupError, ImportError):
        pass
    return value.upper()


def check_kind(value: str | None) -> str:
    """``event``, ``statement`` or ``all`` (case-folded; None means ``event``), else a QueryError."""
    kind = (value or "event").strip().lower()
    if kind not in KINDS:
        raise QueryError(f"bad --kind {value!r}", hint=f"one of {', '.join(KINDS)}")
    return kind


def period_start(value: str) -> date:
    """``2024`` → 2024-01-01, ``2024-03`` → 2024-03-01, ``2024-03-05`` → itself."""
    try:
        if re.fullmatch(r"\d{4}", value):
            return date(int(value), 1, 1)
        if re.fullmatch(r"\d{4}-\d{2}", value):
            return date(int(value[:4]), int(value[5:]), 1)
        return date.fromisoformat(value)
    except ValueError as exc:
        raise QueryError(f"bad date {value!r}", hint="use YYYY, YYYY-MM or YYYY-MM-DD") from exc


def period_end(value: str) -> date:
    """``2024`` → 2024-12-31, ``2024-02`` → 2024-02-29, ``2024-03-05`` → itself."""
    start = period_start(value)
    if re.fullmatch(r"\d{4}", value):
        return date(start.year, 12, 31)
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return date(start.year, start.month, calendar.monthrange(start.year, start.month)[1])
    return start


def parse_near(value: str) -> tuple[float, float, float]:
    try:
        lat, lon, km = (float(p) for p in value.split(","))
    except ValueError as exc:
        raise QueryError(f"bad --near {value!r}", hint="give LAT,LON,KM, e.g. 50.45,30.52,100") from exc
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and km > 0):
        raise QueryError(
            f"bad --near {value!r}", hint="latitude -90..90, longitude -180..180, a positive distance"
        )
    return lat, lon, km


def haversine_sql(lat: float, lon: float, alias: str = "c") -> str:
    """A SQL expression for the great-circle distance in km from (lat, lon) to the row's lat/lon."""
    return (
        f"2 * 6371.0 * asin(least(1.0, sqrt(pow(sin(radians({alias}.lat - {lat!r}) / 2), 2) + "
        f"cos(radians({lat!r})) * cos(radians({alias}.lat)) * pow(sin(radians({alias}.lon - {lon!r}) / 2), 2))))"
    )


def where_clause(filters: Filters) -> tuple[str, list[Any]]:
    """The WHERE clause (over ``canonical_events c``) and its parameters."""
    parts: list[str] = []
    params: list[Any] = []

    def actor_side(side: str, value: str, with_name: bool) -> str:
        code = resolve_country(value) if not re.fullmatch(r"[A-Z]{3,}", value) else value
        clause = f"(c.{side}_country = ? OR c.{side}_code LIKE ?"
        params.extend([code, code + "%"])
        if with_name:
            clause += f" OR c.{side}_name ILIKE ?"
            params.append(f"%{value}%")
        return clause + ")"

    if filters.actor:
        value = filters.actor.strip()
        if re.fullmatch(r"[A-Z]{3,}", value):  # a code: USA, USAGOV
            parts.append(
                "(c.source_code LIKE ? OR c.target_code LIKE ? OR c.source_country = ? OR c.target_country = ?)"
            )
            params.extend([value + "%", value + "%", value, value])
        else:
            parts.append("(c.source_name ILIKE ? OR c.target_name ILIKE ?)")
            params.extend([f"%{value}%", f"%{value}%"])
    if filters.source:
        parts.append(actor_side("source", filters.source.strip(), False))
    if filters.target:
        parts.append(actor_side("target", filters.target.strip(), False))
    if filters.types:
        types = [t.strip().upper() for value in filters.types for t in value.split(",") if t.strip()]
        parts.append(f"c.plover_type IN ({', '.join('?' for _ in types)})")
        params.extend(types)
    if filters.cameo:
        code = filters.cameo.strip()
        if not re.fullmatch(r"\d{2,4}", code):
            raise QueryError(f"bad --cameo {code!r}", hint="give a CAMEO code or its prefix, e.g. 19 or 190")
        parts.append("c.cameo_code LIKE ?")
        params.append(code + "%")
    if filters.date_from:
        parts.append("c.date >= ?")
        params.append(period_start(filters.date_from))
    if filters.date_to:
        parts.append("c.date <= ?")
        params.append(period_end(filters.date_to))
    if filters.place:
        value = filters.place.strip()
        parts.append("(c.place_name ILIKE ? OR c.place_country = ?)")
        params.extend([f"%{value}%", resolve_country(value)])
    if filters.near:
        lat, lon, km = parse_near(filters.near)
        dlat = km / 111.0
        parts.append("c.lat BETWEEN ? AND ?")
        params.extend([lat - dlat, lat + dlat])
        coslat = math.cos(math.radians(lat))
        if coslat > 1e-6:
            dlon = km / (111.32 * coslat)
            if dlon < 180 and lon - dlon >= -180 and lon + dlon <= 180:
                parts.append("c.lon BETWEEN ? AND ?")
                params.extend([lon - dlon, lon + dlon])
        parts.append(f"{haversine_sql(lat, lon)} <= ?")
        params.append(km)
    if filters.text:
        words = list(dict.fromkeys(re.findall(r"\w+", filters.text.lower())))
        if len(words) == 1:
            parts.append("c.canonical_key IN (SELECT x.canonical_key FROM evidence_index x WHERE x.word = ?)")
            params.append(words[0])
        elif words:  # every word in one evidence sentence: the events that have them all
            parts.append(
                "c.canonical_key IN (SELECT any_value(x.canonical_key) FROM evidence_index x "
                f"WHERE x.word IN ({', '.join('?' for _ in words)}) GROUP BY x.uid HAVING count(*) = ?)"
            )
            params.extend([*words, len(words)])
    if filters.status:
        parts.append("c.status = ?")
        params.append(filters.status.strip().lower())
    kind = check_kind(filters.kind)
    if kind != "all":
        parts.append("c.kind = ?")
        params.append(kind)
    return (" AND ".join(parts) or "TRUE"), params


def query(store: Store, filters: Filters, *, group_by: str | None = None, limit: int | None = 100) -> Result:
    """Canonical events that match ``filters`` (newest first), or their counts grouped by ``group_by``.

    ``group_by``: one or more (comma-separated, e.g. ``month,type``) of day | week | month | year | type | cameo |
    dyad | country | source | target. Grouped rows have ``events`` (happenings) and ``reports`` (sum of their
    mentions), ordered by period for time keys, then by count descending.
    """
    where, params = where_clause(filters)
    lim = f" LIMIT {int(limit)}" if limit else ""
    if group_by:
        keys = [k.strip() for k in group_by.split(",") if k.strip()]
        for key in keys:
            if key not in GROUPS:
                raise QueryError(
                    f"unknown --group-by {key!r}",
                    hint=f"one or more (comma-separated) of {', '.join(GROUPS)}",
                )
        inner, shown, names = [], [], []
        for key in keys:
            parts, show = GROUPS[key]
            cols = []
            for part in parts:
                cols.append(f"g{len(inner)}")
                inner.append(f"{part} AS g{len(inner)}")
            shown.append(f"{show.format(*cols)} AS {key}")
            names.append(key)
        n = len(keys)
        positions = ", ".join(str(i + 1) for i in range(n))
        if all(k in TIME_GROUPS for k in keys):
            order = positions
        else:  # time keys in order, then the biggest groups first
            order = ", ".join(
                [str(i + 1) for i, k in enumerate(keys) if k in TIME_GROUPS] + [f"{n + 1} DESC", positions]
            )
        sql = (
            f"SELECT {', '.join(shown)}, sum(n)::BIGINT AS events, sum(m)::BIGINT AS reports FROM ("
            f"SELECT {', '.join(inner)}, count(*) AS n, sum(c.mentions) AS m "
            f"FROM canonical_events c WHERE {where} GROUP BY ALL) GROUP BY ALL ORDER BY {order}{lim}"
        )
    else:
        sql = (
            f"SELECT {', '.join('c.' + col.strip() for col in LIST_COLUMNS.split(','))} FROM canonical_events c "
            f"WHERE {where} ORDER BY c.date DESC NULLS LAST, c.canonical_id{lim}"
        )
    cursor = store.execute(sql, params)
    columns = [d[0] for d in cursor.description]
    return Result(columns, cursor.fetchall())


def stats(store: Store, *, top: int = 20, kind: str = "event") -> dict[str, Any]:
    """Totals (events and bare statements apart), and counts of canonical events of ``kind`` (event | statement |
    all) by type, by month and by country."""
    conn = store.conn
    kind = check_kind(kind)
    only = "TRUE" if kind == "all" else f"kind = '{kind}'"

    def scalar(sql: str) -> Any:
        return conn.execute(sql).fetchone()[0]

    totals = {
        "articles": scalar("SELECT count(*) FROM articles"),
        "stories": scalar("SELECT count(DISTINCT story_id) FROM articles"),
        "wire_copies": scalar("SELECT count(*) FROM articles WHERE copy_of IS NOT NULL"),
        "events": scalar("SELECT count(*) FROM events WHERE kind = 'event'"),
        "statements": scalar("SELECT count(*) FROM events WHERE kind = 'statement'"),
        "canonical_events": scalar("SELECT count(*) FROM canonical_events WHERE kind = 'event'"),
        "canonical_statements": scalar("SELECT count(*) FROM canonical_events WHERE kind = 'statement'"),
        "actors": scalar("SELECT count(*) FROM actors"),
        "quotes": scalar("SELECT count(*) FROM quotes"),
        "citations": scalar("SELECT count(*) FROM citations"),
    }

    def pairs(sql: str) -> list[list[Any]]:
        return [list(r) for r in conn.execute(sql).fetchall()]

    return {
        "database": str(store.path),
        "schema_version": store.schema_version(),
        "kind": kind,
        "totals": totals,
        "versions": pairs(
            "SELECT eventwire_version || ' / ' || lexicon_version, count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC"
        ),
        "by_type": pairs(
            f"SELECT coalesce(plover_type, '-'), count(*) FROM canonical_events WHERE {only} "
            "GROUP BY 1 ORDER BY 2 DESC, 1"
        ),
        "by_month": pairs(
            "SELECT coalesce(strftime(date, '%Y-%m'), 'undated'), count(*) FROM canonical_events "
            f"WHERE {only} GROUP BY 1 ORDER BY 1"
        ),
        "by_country": pairs(
            "SELECT coalesce(place_country, source_country, '-'), count(*) FROM canonical_events "
            f"WHERE {only} GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT {int(top)}"
        ),
    }
