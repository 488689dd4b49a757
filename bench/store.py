"""Store benchmark: ingest N generated events, then time five typical queries.

    python bench/store.py                      # 1,000,000 events (about 4 per article)
    python bench/store.py --events 100000 --db /tmp/bench.duckdb --json bench-store.json

The events are generated with realistic skew: ~400 actor codes (60 countries × sectors, Zipf-weighted), PLOVER
types skewed like real event data (CONSULT and ACCUSE common, AID and RETREAT rare), ten years of dates with
growth over time, ~600 places, evidence sentences from a small vocabulary, and 5% of articles published again as
wire copies. Everything goes through the real write path (``Ingestor``: identity, wire-copy MinHash, merging,
one transaction per batch).

Baseline in the same run: the same event rows written with ``executemany`` (DuckDB's row-at-a-time path) versus
an Arrow table (what the store uses), on a 5,000-row sample.

Reports: ingest rate, database size, and the median latency (over 7 runs, after one warm-up) of
  1. one actor's year grouped by type;  2. month × type over everything;  3. top dyads;
  4. events near a point (100 km);      5. a keyword in the evidence sentence.
Each must stay under 100 ms.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from eventwire.model import (
    Article,
    Cameo,
    DocumentResult,
    Event,
    EventActor,
    Place,
    Plover,
    TextSpan,
    TimeRef,
    Versions,
)
from eventwire.store.db import open_store
from eventwire.store.ingest import Ingestor, event_row
from eventwire.store.query import Filters, query
from eventwire.urls import document_id

TYPES = [  # (PLOVER type, CAMEO code, Goldstein, weight)
    ("CONSULT", "040", 1.0, 24), ("ACCUSE", "112", -2.0, 14), ("REQUEST", "100", -5.0, 10),
    ("ASSAULT", "190", -10.0, 9), ("SUPPORT", "051", 3.4, 8), ("AGREE", "057", 8.0, 7),
    ("COOPERATE", "061", 6.4, 6), ("REJECT", "120", -4.0, 5), ("COERCE", "173", -5.0, 4),
    ("THREATEN", "130", -4.4, 3), ("PROTEST", "141", -6.5, 3), ("SANCTION", "163", -8.0, 2),
    ("AID", "070", 7.0, 2), ("MOBILIZE", "150", -7.2, 1), ("CONCEDE", "081", 5.0, 1), ("RETREAT", "087", 9.0, 1),
]  # fmt: skip
COUNTRIES = [
    "USA", "RUS", "UKR", "CHN", "ISR", "PSE", "IRN", "GBR", "FRA", "DEU", "TUR", "IND", "PAK", "AFG", "SYR", "IRQ",
    "SAU", "EGY", "NGA", "ZAF", "BRA", "MEX", "VEN", "COL", "JPN", "KOR", "PRK", "TWN", "PHL", "IDN", "MMR", "THA",
    "VNM", "AUS", "CAN", "POL", "ITA", "ESP", "GRC", "SRB", "ARM", "AZE", "GEO", "BLR", "KAZ", "ETH", "SDN", "SSD",
    "SOM", "KEN", "COD", "MLI", "NER", "LBY", "TUN", "DZA", "MAR", "YEM", "LBN", "JOR",
]  # fmt: skip
SECTORS = [None, "GOV", "MIL", "REB", "OPP", "BUS", "CVL", "MED"]
WORDS = [
    "ceasefire",
    "talks",
    "border",
    "troops",
    "minister",
    "president",
    "summit",
    "sanctions",
    "protest",
    "strike",
    "drone",
    "missile",
    "election",
    "parliament",
    "court",
    "police",
    "refugees",
    "aid",
    "convoy",
    "negotiations",
    "envoy",
    "embassy",
    "treaty",
    "army",
    "rebels",
    "village",
    "capital",
    "port",
    "pipeline",
    "oil",
    "gas",
    "grain",
    "trade",
    "tariff",
    "visit",
    "meeting",
    "statement",
    "warning",
    "accusation",
    "agreement",
    "deal",
    "crisis",
    "shelling",
    "airstrike",
    "hostages",
    "prisoners",
    "exchange",
    "talks",
    "observers",
    "monitors",
    "journalists",
    "arrest",
    "detention",
    "curfew",
]
FILLER = [f"w{i}" for i in range(4000)]
VERSIONS = Versions("bench", "bench")


def zipf_weights(n: int, s: float = 1.1) -> list[float]:
    return [1 / (i + 1) ** s for i in range(n)]


class Generator:
    def __init__(self, seed: int, events: int, per_doc: float) -> None:
        self.rng = random.Random(seed)
        self.n_events = events
        self.per_doc = per_doc
        self.actors = [(c, s) for c in COUNTRIES for s in SECTORS][:400]
        self.actor_w = zipf_weights(len(self.actors))
        self.type_w = [t[3] for t in TYPES]
        self.places = []
        for i in range(600):
            country = self.rng.choices(COUNTRIES, zipf_weights(len(COUNTRIES)))[0]
            self.places.append(
                Place(
                    name=f"City{i}",
                    country=country,
                    lat=self.rng.uniform(-45, 65),
                    lon=self.rng.uniform(-120, 150),
                    geonames_id=100000 + i,
                )
            )
        self.place_w = zipf_weights(len(self.places), 0.9)
        self.start = date(2015, 1, 1)
        self.days = 3652

    def day(self) -> date:
        # growth over time: later years have more events
        return self.start + timedelta(days=int(self.days * self.rng.random() ** 0.7))

    def actor(self) -> EventActor:
        country, sector = self.rng.choices(self.actors, self.actor_w)[0]
        name = f"{country} {sector or 'state'}"
        return EventActor(
            text=name,
            start=0,
            end=len(name),
            name=name,
            country=country,
            sector=sector,
            code=country + (sector or ""),
        )

    def results(self):  # type: ignore[no-untyped-def]
        rng = self.rng
        made = 0
        doc_no = 0
        last: DocumentResult | None = None
        while made < self.n_events:
            doc_no += 1
            if last is not None and rng.random() < 0.05:  # a wire copy of the previous story, lightly edited
                text = last.article.text.replace(" the ", " a ", 1) + " Reporting by staff."  # type: ignore[union-attr]
                events = [
                    Event(**{**{f: getattr(e, f) for f in e.__slots__}, "id": e.id}) for e in last.events
                ]
                published = last.article.published  # type: ignore[union-attr]
            else:
                published_day = self.day()
                published = published_day.isoformat()
                n = max(1, min(12, int(rng.expovariate(1 / self.per_doc)) + 1))
                events, sentences = [], []
                for k in range(n):
                    ptype, code, gold, _ = rng.choices(TYPES, self.type_w)[0]
                    words = rng.choices(WORDS, k=4) + rng.choices(FILLER, k=10)
                    sentence = " ".join(words).capitalize() + "."
                    sentences.append(sentence)
                    when = published_day - timedelta(days=rng.choice((0, 0, 1, 1, 2, 3)))
                    precision = "day" if rng.random() < 0.8 else rng.choice(("month", "unknown"))
                    place = rng.choices(self.places, self.place_w)[0] if rng.random() < 0.7 else None
                    events.append(
                        Event(
                            id=f"e{k + 1}",
                            document_id="",
                            sentence_index=k,
                            trigger=TextSpan(words[0], 0, len(words[0])),
                            evidence=TextSpan(sentence, 0, len(sentence)),
                            source=self.actor(),
                            target=self.actor() if rng.random() < 0.85 else None,
                            plover=Plover(ptype, None),
                            cameo=Cameo(code, code[:2], 1, gold),
                            date=TimeRef(when.isoformat() if precision != "unknown" else None, precision),  # type: ignore[arg-type]
                            location=place,
                            confidence=0.7,
                            extractor="bench",
                            versions=VERSIONS,
                        )
                    )
                text = " ".join(sentences) + " " + " ".join(rng.choices(FILLER, k=40))
            url = f"https://outlet{doc_no % 300}.example.com/story/{doc_no}"
            doc = document_id(url, text)
            for e in events:
                e.document_id = doc
            article = Article(id=doc, text=text, url=url, published=published, outlet=f"outlet{doc_no % 300}")
            last = DocumentResult(
                document_id=doc, status="ok", article=article, events=events, versions=VERSIONS
            )
            made += len(events)
            yield last


def baseline(db_dir: Path, sample: list[dict]) -> dict[str, float]:
    """Rows per second writing the same event rows with executemany and with an Arrow table."""
    import duckdb
    import pyarrow as pa

    from eventwire.store.db import SCHEMA

    out = {}
    for how in ("executemany", "arrow"):
        conn = duckdb.connect(str(db_dir / f"baseline-{how}.duckdb"))
        conn.execute(SCHEMA)
        cols = list(sample[0])
        t0 = time.perf_counter()
        conn.execute("BEGIN")
        if how == "executemany":
            conn.executemany(
                f"INSERT INTO events ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
                [[r[c] for c in cols] for r in sample],
            )
        else:
            data = pa.Table.from_pylist(sample)  # noqa: F841
            conn.execute("INSERT INTO events BY NAME SELECT * FROM data")
        conn.execute("COMMIT")
        out[how] = len(sample) / (time.perf_counter() - t0)
        conn.close()
    return out


def queries(gen: Generator) -> dict[str, tuple[Filters, str | None]]:
    city = gen.places[3]  # a fairly common place
    return {
        "one actor's year by type": (Filters(actor="USAGOV", date_from="2022", date_to="2022"), "type"),
        "month x type over all": (Filters(), "month,type"),
        "top dyads": (Filters(), "dyad"),
        "near a point (100 km)": (Filters(near=f"{city.lat:.3f},{city.lon:.3f},100"), None),
        "keyword in evidence": (Filters(text="ceasefire"), None),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument(
        "--per-doc", type=float, default=3.0, help="mean events per article (default 3: ~4 with copies)"
    )
    ap.add_argument("--batch-size", type=int, default=2000, help="articles per transaction")
    ap.add_argument("--db", help="database file (default: a temporary one, removed afterwards)")
    ap.add_argument("--json", help="also write the figures to this JSON file")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)

    tmp = tempfile.TemporaryDirectory()
    db = Path(args.db) if args.db else Path(tmp.name) / "bench.duckdb"
    if db.exists():
        print(f"{db} exists: give a new --db", file=sys.stderr)
        return 2
    gen = Generator(args.seed, args.events, args.per_doc)
    figures: dict = {"events_requested": args.events}

    sample = []
    for r in Generator(args.seed + 1, 5_000, args.per_doc).results():
        sample.extend(event_row(e, r.document_id, r.document_id, None, ("b", "b")) for e in r.events)
    figures["baseline_rows_per_s"] = {k: round(v) for k, v in baseline(Path(tmp.name), sample).items()}

    t0 = time.perf_counter()
    with open_store(db, command="bench") as store:
        ing = Ingestor(store)
        report = ing.ingest(gen.results(), batch_size=args.batch_size)
        store.conn.execute("CHECKPOINT")
    seconds = time.perf_counter() - t0
    size = db.stat().st_size + (
        db.with_name(db.name + ".wal").stat().st_size if db.with_name(db.name + ".wal").exists() else 0
    )
    figures.update(
        articles=report.coded,
        events=report.events_written,
        wire_copies=report.copies,
        canonical_events=report.canonical_created,
        ingest_seconds=round(seconds, 1),
        events_per_s=round(report.events_written / seconds),
        articles_per_s=round(report.coded / seconds),
        db_megabytes=round(size / 1e6, 1),
    )

    latencies = {}
    with open_store(db, read_only=True) as store:
        for name, (filters, group) in queries(gen).items():
            query(store, filters, group_by=group)  # warm-up
            times = []
            for _ in range(7):
                t = time.perf_counter()
                rows = query(store, filters, group_by=group, limit=100).rows
                times.append((time.perf_counter() - t) * 1000)
            latencies[name] = {"median_ms": round(statistics.median(times), 1), "rows": len(rows)}
    figures["query_latency"] = latencies
    figures["all_queries_under_100ms"] = all(v["median_ms"] < 100 for v in latencies.values())

    print(json.dumps(figures, indent=1))
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1), encoding="utf-8")
    tmp.cleanup()
    return 0 if figures["all_queries_under_100ms"] else 1


if __name__ == "__main__":
    sys.exit(main())
