"""Ingest: identity, idempotence, replacement of changed articles, failures, transactions."""

from __future__ import annotations

import pytest
from storekit import MOSCOW, event, result, snapshot, story_text

from eventwire.store.ingest import Ingestor, read_results_jsonl


def _results():
    return [
        result(
            f"https://www.outlet{i}.com/news/{i}?utm_source=feed",
            story_text(i),
            [
                event(
                    "e1",
                    sentence="Ukraine attacked Moscow with drones",
                    date=f"2024-0{1 + i % 9}-1{i % 10}",
                    place=MOSCOW if i % 2 else None,
                )
            ],
        )
        for i in range(12)
    ]


def test_ingest_twice_changes_nothing(store):
    first = Ingestor(store).ingest(_results(), batch_size=5)
    assert (first.read, first.coded, first.events_written, first.batches) == (12, 12, 12, 3)
    before = snapshot(store)
    again = Ingestor(store).ingest(_results(), batch_size=5)
    assert (again.coded, again.already_stored, again.events_written) == (0, 12, 0)
    assert snapshot(store) == before


def test_tracking_parameters_and_host_case_are_one_article(store):
    text = story_text(1)
    ev = [event("e1", sentence="Ukraine attacked Moscow with drones")]
    ing = Ingestor(store)
    ing.ingest([result("https://WWW.Example.com/a/b?utm_source=x&fbclid=1#top", text, ev)])
    report = ing.ingest(
        [result("http://example.com/a/b", text, [event("e1", sentence="Ukraine attacked Moscow")])]
    )
    assert report.already_stored == 1
    assert store.conn.execute("SELECT count(*), any_value(url_norm) FROM articles").fetchone() == (
        1,
        "example.com/a/b",
    )


def test_article_without_url_is_identified_by_its_text(store):
    ing = Ingestor(store)
    ing.ingest([result(None, story_text(5), [event("e1", sentence="Ukraine attacked Moscow")])])
    ing.ingest([result(None, "  " + story_text(5).replace(" ", "\n", 3), [])])  # re-wrapped: same text hash
    doc = store.conn.execute("SELECT document_id FROM articles").fetchall()
    assert len(doc) == 1 and doc[0][0].startswith("t-")


def test_changed_article_replaces_its_own_records(store):
    ing = Ingestor(store)
    other = result(
        "https://other.com/x",
        story_text(99),
        [event("e1", sentence="Ukraine attacked Moscow", date="2024-03-01")],
    )
    old = result(
        "https://site.com/story",
        story_text(1),
        [
            event("e1", sentence="Ukraine attacked Moscow", date="2024-05-01"),
            event("e2", sentence="Russia attacked Kyiv", plover="ASSAULT", date="2024-05-02"),
        ],
    )
    ing.ingest([other, old])
    new = result(
        "https://site.com/story",
        story_text(1) + " Updated.",
        [
            event(
                "e1",
                sentence="Ukraine attacked Moscow again",
                date="2024-05-03",
                plover="COERCE",
                cameo="170",
            ),
        ],
    )
    report = ing.ingest([new])
    assert report.replaced == 1 and report.coded == 1
    doc = new.document_id
    rows = store.conn.execute(
        "SELECT event_id, plover_type, evidence FROM events WHERE document_id = ?", [doc]
    ).fetchall()
    assert rows == [("e1", "COERCE", "Ukraine attacked Moscow again")]
    for table in ("articles", "actors", "quotes", "citations"):
        assert (
            store.conn.execute(f"SELECT count(*) FROM {table} WHERE document_id = ?", [doc]).fetchone()[0]
            == 1
        )
    # the old events' canonical events went with them; the other article's stays
    assert store.conn.execute("SELECT count(*) FROM canonical_events").fetchone()[0] == 2
    assert (
        store.conn.execute(
            "SELECT count(*) FROM canonical_events WHERE NOT list_contains(documents, ?) AND NOT list_contains(documents, ?)",
            [doc, other.document_id],
        ).fetchone()[0]
        == 0
    )


def test_failed_and_skipped_results_are_counted_not_stored(store):
    results = [
        result("https://a.com/1", story_text(1), [event("e1", sentence="Ukraine attacked Moscow")]),
        result("https://a.com/2", "x", status="failed", reason="pages/2.html: not UTF-8"),
        result("https://a.com/3", "y", status="skipped", reason="language: de"),
        result("https://a.com/4", "z", status="skipped", reason="already stored"),
    ]
    report = Ingestor(store).ingest(results)
    assert (report.read, report.coded, report.failed, report.skipped, report.already_stored) == (
        4,
        1,
        1,
        1,
        1,
    )
    assert report.skip_reasons == {"language: de": 1}
    assert "not UTF-8" in report.failures[0]
    assert store.conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 1


def test_a_failing_batch_leaves_nothing_behind(store, monkeypatch):
    ing = Ingestor(store)
    ing.ingest(_results()[:3])
    before = snapshot(store)
    import eventwire.store.merge as merge

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(merge, "write_canonicals", boom)
    with pytest.raises(RuntimeError):
        ing.ingest(_results()[3:6])
    assert snapshot(store) == before


def test_known_skips_unchanged_pages_before_coding(store):
    from eventwire.model import RawDocument

    ing = Ingestor(store)
    raw = RawDocument(source="p.html", content="<p>page</p>", url="https://news.com/p")
    assert ing.known(raw) is False  # not stored yet
    ing.ingest([result("https://news.com/p", story_text(3), [])])
    assert Ingestor(store).known(raw) is True
    changed = RawDocument(source="p.html", content="<p>page, corrected</p>", url="https://news.com/p")
    assert Ingestor(store).known(changed) is False
    assert (
        ing.known(RawDocument(source="-", content="text")) is False
    )  # no URL: identity needs the clean text


def test_results_jsonl_roundtrip_and_bad_line(tmp_path):
    from storekit import write_jsonl

    from eventwire.errors import MalformedInput

    results = _results()[:2]
    path = write_jsonl(tmp_path / "r.jsonl", results)
    assert [r.to_dict() for r in read_results_jsonl(str(path))] == [r.to_dict() for r in results]
    path.write_text(path.read_text() + "{not json\n")
    with pytest.raises(MalformedInput, match="line 3"):
        list(read_results_jsonl(str(path)))


def test_fast_record_serialiser_matches_to_dict():
    import json

    from eventwire.model import to_dict
    from eventwire.store.ingest import plain, record_json

    for r in _results()[:3]:
        assert plain(r) == to_dict(r)
        assert all(plain(e) == to_dict(e) == json.loads(record_json(e)) for e in r.events)
