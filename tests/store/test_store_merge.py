"""Merging reports of one happening into canonical events, and wire copies counting once."""

from __future__ import annotations

from datetime import date

from storekit import MOSCOW, actor, event, result, story_text

from eventwire.model import Place
from eventwire.store.ingest import Ingestor
from eventwire.store.merge import dates_compatible, remerge

KYIV = Place(name="Kyiv", country="UKR", lat=50.45, lon=30.52)
ODESA = Place(name="Odesa", country="UKR", lat=46.48, lon=30.72)


def _canon(store):
    return store.conn.execute(
        "SELECT date, mentions, articles, first_seen, last_seen, len(documents) FROM canonical_events ORDER BY date"
    ).fetchall()


def _attack(eid="e1", **kw):
    kw.setdefault("source", actor("RUS", "MIL", "Russian forces"))
    kw.setdefault("target", actor("UKR"))
    kw.setdefault("sentence", "Russian forces struck Kyiv")
    return event(eid, **kw)


def test_three_reports_and_a_later_happening_make_two_canonical_events(store):
    reports = [
        result(
            "https://a.com/1", story_text(1), [_attack(date="2024-11-12", place=KYIV)], published="2024-11-12"
        ),
        result(
            "https://b.com/2", story_text(2), [_attack(date="2024-11-12", place=None)], published="2024-11-13"
        ),
        # a day apart (time zones) and only dated by the article: still the same happening
        result(
            "https://c.com/3", story_text(3), [_attack(date="2024-11-13", place=KYIV)], published="2024-11-13"
        ),
        # same actors, same type, a week later: a different happening
        result(
            "https://d.com/4", story_text(4), [_attack(date="2024-11-19", place=KYIV)], published="2024-11-19"
        ),
    ]
    Ingestor(store).ingest(reports, batch_size=2)
    assert _canon(store) == [
        (date(2024, 11, 12), 3, 3, date(2024, 11, 12), date(2024, 11, 13), 3),
        (date(2024, 11, 19), 1, 1, date(2024, 11, 19), date(2024, 11, 19), 1),
    ]


def test_events_one_article_keeps_apart_stay_apart(store):
    two = result(
        "https://a.com/1",
        story_text(1),
        [
            _attack("e1", date="2024-11-12", place=KYIV),
            _attack("e2", date="2024-11-12", place=KYIV, sentence_index=3),
        ],
    )
    one = result("https://b.com/2", story_text(2), [_attack(date="2024-11-12", place=KYIV)])
    Ingestor(store).ingest([two, one])
    rows = store.conn.execute("SELECT mentions FROM canonical_events ORDER BY mentions DESC").fetchall()
    assert rows == [(2,), (1,)]


def test_different_actors_types_status_or_places_do_not_merge(store):
    base = {"date": "2024-11-12", "place": KYIV}
    results = [
        result("https://a.com/1", story_text(1), [_attack(**base)]),
        result("https://a.com/2", story_text(2), [_attack(**base, target=actor("POL"))]),
        result("https://a.com/3", story_text(3), [_attack(**base, plover="COERCE", cameo="170")]),
        result("https://a.com/4", story_text(4), [_attack(**base, status="denied")]),
        result("https://a.com/5", story_text(5), [_attack(date="2024-11-12", place=ODESA)]),  # 440 km away
        result("https://a.com/6", story_text(6), [_attack(**base, source=actor("RUS", "GOV", "Kremlin"))]),
        result(
            "https://a.com/7", story_text(7), [_attack(date="2024-11-12", place=MOSCOW)]
        ),  # another country
    ]
    Ingestor(store).ingest(results)
    assert store.conn.execute("SELECT count(*), max(mentions) FROM canonical_events").fetchone() == (7, 1)


def test_date_windows_depend_on_precision():
    d = date
    assert dates_compatible(d(2024, 1, 10), "day", d(2024, 1, 11), "day")
    assert not dates_compatible(d(2024, 1, 10), "day", d(2024, 1, 12), "day")
    assert dates_compatible(d(2024, 1, 1), "month", d(2024, 1, 28), "day")
    assert not dates_compatible(d(2024, 1, 1), "month", d(2024, 2, 1), "day")
    assert dates_compatible(d(2024, 1, 10), "published", d(2024, 1, 12), "day")
    assert not dates_compatible(d(2024, 1, 10), "published", d(2024, 1, 13), "day")
    assert not dates_compatible(d(2024, 1, 1), "month", d(2024, 1, 10), "published")


def test_month_report_joins_day_report_and_sharpens_nothing_wrongly(store):
    Ingestor(store).ingest(
        [
            result("https://a.com/1", story_text(1), [_attack(date="2024-11-01", precision="month")]),
            result("https://b.com/2", story_text(2), [_attack(date="2024-11-12")]),
        ]
    )
    assert store.conn.execute("SELECT date, date_precision, mentions FROM canonical_events").fetchall() == [
        (date(2024, 11, 12), "day", 2)
    ]


def test_actor_with_unknown_sector_merges(store):
    Ingestor(store).ingest(
        [
            result("https://a.com/1", story_text(1), [_attack(source=actor("RUS", None, "Russia"))]),
            result("https://b.com/2", story_text(2), [_attack(source=actor("RUS", "MIL", "Russian army"))]),
        ]
    )
    assert store.conn.execute("SELECT mentions FROM canonical_events").fetchall() == [(2,)]


def test_wire_copies_are_one_story_and_count_once(store):
    text = story_text(42, 200)
    edits = [
        text,
        text.replace("the government", "the cabinet", 1) + " Reporting by staff.",
        "UPDATED: " + text[: len(text) - 30],
    ]
    results = [
        result(f"https://outlet{i}.com/story-{i}", t, [_attack(date="2024-11-12")], outlet=f"outlet{i}.com")
        for i, t in enumerate(edits)
    ]
    results.append(result("https://else.com/x", story_text(7, 200), [_attack(date="2024-11-12")]))
    report = Ingestor(store).ingest(results)
    assert report.copies == 2
    stories = store.conn.execute("SELECT count(DISTINCT story_id) FROM articles").fetchone()[0]
    assert stories == 2
    assert store.conn.execute("SELECT mentions, articles FROM canonical_events").fetchall() == [(2, 4)]


def test_wire_copy_found_across_ingests(store):
    text = story_text(8, 150)
    Ingestor(store).ingest([result("https://a.com/1", text, [_attack()])])
    report = Ingestor(store).ingest(
        [result("https://b.com/1", text.replace("week", "month", 1), [_attack()])]
    )
    assert report.copies == 1
    assert store.conn.execute("SELECT mentions, articles FROM canonical_events").fetchall() == [(1, 2)]


def test_remerge_reproduces_incremental_merging(store):
    results = [
        result(
            f"https://a.com/{i}",
            story_text(i),
            [_attack(date=f"2024-11-{10 + i % 4}", place=KYIV)],
            published=f"2024-11-{10 + i % 4}",
        )
        for i in range(10)
    ]
    Ingestor(store).ingest(results, batch_size=3)
    before = store.conn.execute("SELECT date, mentions FROM canonical_events ORDER BY ALL").fetchall()
    store.conn.execute("BEGIN")
    count = remerge(store.conn)
    store.conn.execute("COMMIT")
    after = store.conn.execute("SELECT date, mentions FROM canonical_events ORDER BY ALL").fetchall()
    assert count == len(after)
    assert sum(m for _, m in after) == sum(m for _, m in before) == 10
    assert store.conn.execute("SELECT count(*) FROM events WHERE canonical_id IS NULL").fetchone()[0] == 0


def test_a_country_level_place_is_not_a_point(store):
    ukraine = Place(name="Ukraine", country="UKR", lat=49.0, lon=32.0, precision="country")
    kharkiv = Place(
        name="Kharkiv", country="UKR", lat=49.99, lon=36.23, precision="city"
    )  # 320 km from the centroid
    Ingestor(store).ingest(
        [
            result("https://a.com/1", story_text(1), [_attack(place=ukraine)]),
            result("https://b.com/2", story_text(2), [_attack(place=kharkiv)]),
        ]
    )
    assert store.conn.execute(
        "SELECT mentions, place_name, place_precision FROM canonical_events"
    ).fetchall() == [(2, "Kharkiv", "city")]
