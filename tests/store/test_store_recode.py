"""``store.recode``: exactly the articles whose recorded versions differ from the current ones are coded again;
nothing outdated codes nothing (and needs no model)."""

from __future__ import annotations

from pathlib import Path

from storekit import result

from eventwire.config import Config
from eventwire.model import Versions
from eventwire.store.ingest import Ingestor
from eventwire.store.recode import outdated, recode
from eventwire.versions import versions

TEXTS = {
    "https://example.com/2024/11/10/a": "Russian forces shelled Kharkiv on Sunday, Ukrainian officials said.",
    "https://example.com/2024/11/10/b": "Egypt hosted talks with Qatar in Cairo on Sunday, officials said.",
}


def _stored(store, versions_of: dict[str, Versions]) -> dict[str, str]:
    """Store one result per text with the given versions; returns url -> document id."""
    ids = {}
    results = []
    for url, text in TEXTS.items():
        res = result(url, text)
        res.versions = versions_of[url]
        results.append(res)
        ids[url] = res.document_id
    Ingestor(store).ingest(results)
    return ids


def _recorded(store) -> dict[str, tuple[str, str, str]]:
    rows = store.execute(
        "SELECT document_id, eventwire_version, lexicon_version, knowledge_version FROM articles"
    ).fetchall()
    return {row[0]: tuple(row[1:]) for row in rows}


def test_recode_codes_exactly_the_outdated_articles(store, nlp) -> None:
    now = versions(Config())
    old = Versions(now.eventwire, "an-old-lexicon", now.knowledge)
    a, b = TEXTS
    ids = _stored(store, {a: old, b: now})
    assert outdated(store, now) == [ids[a]]
    report = recode(store, Config())
    assert report.outdated == 1 and report.ingest.coded == 1 and report.canonical is not None
    assert _recorded(store)[ids[a]] == (now.eventwire, now.lexicon, now.knowledge)
    assert outdated(store, now) == []
    events = store.execute("SELECT count(*) FROM events WHERE knowledge_version = ?", [now.knowledge]).fetchone()
    assert events[0] >= 1  # each re-coded event records the versions


def test_nothing_outdated_codes_nothing(store, monkeypatch) -> None:
    import eventwire.pipeline as pipeline

    now = versions(Config())
    _stored(store, dict.fromkeys(TEXTS, now))

    def no_coding(*args, **kwargs):
        raise AssertionError("recode coded an up-to-date article")

    monkeypatch.setattr(pipeline, "process_articles", no_coding)
    report = recode(store, Config())
    assert (report.outdated, report.ingest.coded, report.canonical) == (0, 0, None)


def test_a_user_data_file_or_an_unknown_knowledge_version_makes_articles_outdated(store, tmp_path: Path) -> None:
    now = versions(Config())
    a, b = TEXTS
    ids = _stored(store, {a: now, b: Versions(now.eventwire, now.lexicon)})  # b: stored before knowledge versions
    assert outdated(store, now) == [ids[b]]
    (tmp_path / "my_status_cues.yaml").write_text("hypothetical:\n  governors: [ponder]\n", encoding="utf-8")
    mine = versions(Config(data=(str(tmp_path),)))
    assert mine.lexicon == now.lexicon and mine.knowledge != now.knowledge
    assert sorted(outdated(store, mine)) == sorted(ids.values())
    assert len(outdated(store, now, every=True)) == 2


def test_version_2_database_gains_the_knowledge_version(db_path) -> None:
    import duckdb

    from eventwire.store.db import SCHEMA_VERSION, open_store

    with open_store(db_path) as store:
        _stored(store, dict.fromkeys(TEXTS, versions(Config())))
    conn = duckdb.connect(str(db_path))
    for table in ("articles", "events"):
        conn.execute(f"ALTER TABLE {table} DROP COLUMN knowledge_version")
    conn.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    conn.close()
    with open_store(db_path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        nulls = store.execute("SELECT count(*) FROM articles WHERE knowledge_version IS NULL").fetchone()[0]
        assert nulls == 2
        columns = store.execute("SELECT column_name FROM information_schema.columns WHERE table_name = 'events'")
        assert "knowledge_version" in {row[0] for row in columns.fetchall()}
        assert len(outdated(store, versions(Config()))) == 2
