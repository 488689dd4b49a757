"""The word index of evidence sentences (``evidence_index``): built on upgrade from schema version 1, kept right
by re-ingest of changed articles and by recode (replace, then merge afresh), and giving the answers that matching
the stored word lists of every sentence gives."""

from __future__ import annotations

import pytest
from storekit import MOSCOW, actor, event, result, snapshot, story_text

from eventwire.store import db as dbmod
from eventwire.store.db import SCHEMA_VERSION, canonical_key, open_store
from eventwire.store.ingest import Ingestor, word_bloom
from eventwire.store.merge import remerge
from eventwire.store.query import Filters, query

SEARCHES = [
    "drones",
    "DRONES",
    "shelled overnight",
    "overnight shelled",
    "kyiv",
    "moscow again",
    "shelled moscow",  # both words exist, never in one sentence
    "shell",  # whole words only
    "nothing_here",
    "talks",
    "in",
]


def _results():
    sentences = [
        "Russian forces shelled Kyiv overnight",
        "Putin met Xi in Beijing for talks",
        "Ukraine launched drones at Moscow",
        "Ukraine launched drones at Moscow again",
        "Russian artillery shelled Kyiv overnight",
        "Drones hit a depot; talks in Istanbul stalled",
    ]
    out = []
    for i, sentence in enumerate(sentences):
        events = [event("e1", sentence=sentence, date=f"2024-05-{10 + i}", place=MOSCOW if i % 2 else None)]
        if i % 3 == 0:
            events.append(
                event(
                    "e2", sentence=sentence + " again", plover="COERCE", cameo="170", date=f"2024-06-{10 + i}"
                )
            )
        out.append(result(f"https://site{i % 2}.com/{i}", story_text(i), events))
    # a second outlet reports the first happening (one canonical event, two reports)
    out.append(
        result(
            "https://other.com/1",
            story_text(50),
            [event("e1", sentence="Shelling of Kyiv went on overnight", date="2024-05-10")],
            published="2024-11-09",  # reported first, stored last: merging afresh makes it the founder
        )
    )
    return out


def _scan_answer(store, text: str) -> list[str]:
    """Canonical ids matching ``text`` the way schema version 1 found them: a bloom prefilter, then whole-word
    ``contains`` on every event's stored word list."""
    import re

    words = re.findall(r"\w+", text.lower())
    mask = word_bloom(words)
    conds = " AND ".join(["(e.evidence_bloom & ?) = ?"] + ["contains(e.evidence_words, ?)" for _ in words])
    rows = store.conn.execute(
        f"SELECT DISTINCT e.canonical_id FROM events e WHERE {conds} ORDER BY 1",
        [mask, mask, *(f" {w} " for w in words)],
    ).fetchall()
    return [r[0] for r in rows]


def _query_answer(store, text: str) -> list[str]:
    return sorted(r[0] for r in query(store, Filters(text=text), limit=None).rows)


def _index_is_exact(store) -> None:
    """The index holds exactly one row per event and distinct word, naming the event's current canonical event."""
    keys = store.conn.execute("SELECT canonical_id, canonical_key FROM canonical_events").fetchall()
    assert keys and all(key == canonical_key(cid) for cid, key in keys)
    stored = store.conn.execute(
        "SELECT x.word, c.canonical_id, x.uid FROM evidence_index x LEFT JOIN canonical_events c "
        "USING (canonical_key) ORDER BY ALL"
    ).fetchall()
    expected = store.conn.execute(
        """SELECT DISTINCT w, canonical_id, uid FROM (
               SELECT unnest(string_split(trim(evidence_words), ' ')) AS w, canonical_id, uid FROM events)
           WHERE w <> '' ORDER BY ALL"""
    ).fetchall()
    assert stored == expected and stored


def _as_version_1(path) -> None:
    """Turn a database into what schema version 1 wrote: the same tables without the word index (and without the
    events' kind of schema version 3 and the knowledge versions of schema version 4)."""
    import duckdb

    conn = duckdb.connect(str(path))
    for table in ("articles", "events"):
        conn.execute(f"ALTER TABLE {table} DROP COLUMN knowledge_version")
    conn.execute("DROP TABLE evidence_index")
    conn.execute("ALTER TABLE events DROP COLUMN kind")
    conn.execute("ALTER TABLE canonical_events DROP COLUMN kind")
    conn.execute("ALTER TABLE canonical_events DROP COLUMN canonical_key")
    conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    conn.close()


@pytest.mark.parametrize("read_only", [False, True])
def test_version_1_database_is_upgraded_and_searches_alike(db_path, read_only):
    assert SCHEMA_VERSION == 4
    with open_store(db_path) as store:
        Ingestor(store).ingest(_results(), batch_size=3)
        assert {row[0] for row in store.conn.execute("SELECT DISTINCT canonical_id FROM events").fetchall()}
    _as_version_1(db_path)
    import duckdb

    conn = duckdb.connect(str(db_path), read_only=True)
    tables = {r[0] for r in conn.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    conn.close()
    assert "evidence_index" not in tables

    with open_store(db_path, read_only=read_only) as store:  # a reader upgrades too (nobody is writing)
        assert store.schema_version() == SCHEMA_VERSION  # 1 -> 2 -> 3 -> 4
        _index_is_exact(store)
        for text in SEARCHES:
            assert _query_answer(store, text) == _scan_answer(store, text), text
        assert _query_answer(store, "drones") and _query_answer(store, "shelled overnight")
        assert _query_answer(store, "shelled moscow") == [] and _query_answer(store, "shell") == []


def test_migration_1_to_2_is_registered():
    assert dbmod.MIGRATIONS[1] is dbmod._add_evidence_index


def test_reingest_of_a_changed_article_and_of_an_unchanged_one(store):
    ing = Ingestor(store)
    ing.ingest(_results(), batch_size=4)
    _index_is_exact(store)
    before = snapshot(store)
    ing.ingest(_results(), batch_size=4)  # unchanged: nothing moves, the index included
    assert snapshot(store) == before

    changed = result(
        "https://site0.com/0",
        story_text(0) + " Updated.",
        [
            event(
                "e1",
                sentence="Russian rockets struck Kharkiv at dawn",
                date="2024-05-10",
                source=actor("RUS", "MIL", "Russian forces"),
            )
        ],
    )
    report = ing.ingest([changed])
    assert report.replaced == 1
    _index_is_exact(store)
    for text in [*SEARCHES, "kharkiv", "dawn", "rockets struck"]:
        assert _query_answer(store, text) == _scan_answer(store, text), text
    assert _query_answer(store, "kharkiv")
    doc = changed.document_id
    assert store.conn.execute(
        "SELECT list(DISTINCT word ORDER BY word) FROM evidence_index WHERE uid LIKE ? || '/%'", [doc]
    ).fetchone()[0] == sorted({"russian", "rockets", "struck", "kharkiv", "at", "dawn"})


def test_recode_rebuilds_the_index_with_the_new_canonical_events(store):
    Ingestor(store).ingest(_results(), batch_size=2)
    old_pairs = set(store.conn.execute("SELECT word, uid FROM evidence_index").fetchall())
    old_ids = set(store.conn.execute("SELECT canonical_id FROM canonical_events").fetchall())
    # what recode does: every article replaced (force), then every event merged afresh
    Ingestor(store, force=True).ingest(_results(), batch_size=3)
    _index_is_exact(store)
    store.conn.execute("BEGIN")
    remerge(store.conn)
    store.conn.execute("COMMIT")
    assert set(store.conn.execute("SELECT canonical_id FROM canonical_events").fetchall()) != old_ids
    _index_is_exact(store)
    assert set(store.conn.execute("SELECT word, uid FROM evidence_index").fetchall()) == old_pairs
    for text in SEARCHES:
        assert _query_answer(store, text) == _scan_answer(store, text), text


def test_an_ingest_that_adds_many_rows_sorts_the_index(store, monkeypatch):
    from eventwire.store import ingest as ingest_mod

    monkeypatch.setattr(ingest_mod, "INDEX_SORT_ROWS", 10**9)
    Ingestor(store).ingest(_results()[:3], batch_size=1)
    assert (
        store.conn.execute("SELECT value FROM meta WHERE key = 'evidence_index_sorted_rows'").fetchone()
        is None
    )

    monkeypatch.setattr(ingest_mod, "INDEX_SORT_ROWS", 1)
    Ingestor(store).ingest(_results()[3:], batch_size=1)  # batches of one: the table is not sorted as written
    words = [r[0] for r in store.conn.execute("SELECT word FROM evidence_index ORDER BY rowid").fetchall()]
    assert words == sorted(words)
    total = store.conn.execute("SELECT count(*) FROM evidence_index").fetchone()[0]
    assert store.conn.execute(
        "SELECT value FROM meta WHERE key = 'evidence_index_sorted_rows'"
    ).fetchone() == (str(total),)
    _index_is_exact(store)
    for text in SEARCHES:
        assert _query_answer(store, text) == _scan_answer(store, text), text

    monkeypatch.setattr(ingest_mod, "INDEX_SORT_SHARE", 10.0)  # a few rows more: not worth sorting again
    extra = result("https://late.com/1", story_text(77), [event("e1", sentence="Zebras crossed the border")])
    Ingestor(store).ingest([extra])
    assert not Ingestor(store).sort_index_if_due()
    _index_is_exact(store)
    assert _query_answer(store, "zebras") == _scan_answer(store, "zebras") != []
