"""The database file: schema versions and upgrades, files that are not ours, one writer at a time."""

from __future__ import annotations

import subprocess
import sys
import time

import duckdb
import pytest

from eventwire.errors import DatabaseBusy, SchemaVersionError, StoreError
from eventwire.store import db as dbmod
from eventwire.store.db import SCHEMA_VERSION, open_store


def test_new_database_has_the_current_schema_version(db_path):
    with open_store(db_path) as store:
        assert store.schema_version() == SCHEMA_VERSION
    with open_store(db_path, read_only=True) as store:
        assert store.schema_version() == SCHEMA_VERSION


def test_older_database_is_upgraded_on_open(db_path, monkeypatch):
    with open_store(db_path):
        pass

    def add_column(conn):
        conn.execute("ALTER TABLE articles ADD COLUMN paywall BOOLEAN")

    monkeypatch.setattr(dbmod, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setitem(dbmod.MIGRATIONS, SCHEMA_VERSION, add_column)
    with open_store(db_path, read_only=True) as store:  # a reader upgrades too (nobody is writing)
        assert store.schema_version() == SCHEMA_VERSION + 1
        cols = [r[0] for r in store.conn.execute("DESCRIBE articles").fetchall()]
        assert "paywall" in cols


def test_database_without_a_migration_path_says_what_to_do(db_path, monkeypatch):
    with open_store(db_path):
        pass
    monkeypatch.setattr(dbmod, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(SchemaVersionError, match="cannot upgrade") as err:
        open_store(db_path)
    assert "new --db file" in str(err.value)


def test_newer_database_asks_for_a_newer_eventwire(db_path):
    with open_store(db_path) as store:
        store.conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    for read_only in (False, True):
        with pytest.raises(SchemaVersionError, match="newer than this eventwire"):
            open_store(db_path, read_only=read_only)


def test_files_that_are_not_eventwire_databases(tmp_path):
    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).execute("CREATE TABLE t (x INT)").close()
    with pytest.raises(StoreError, match="not an eventwire database"):
        open_store(other)
    garbage = tmp_path / "garbage.duckdb"
    garbage.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StoreError):
        open_store(garbage, read_only=True)
    with pytest.raises(StoreError, match="no database"):
        open_store(tmp_path / "missing.duckdb", read_only=True)
    with pytest.raises(StoreError, match="does not exist"):
        open_store(tmp_path / "no" / "such" / "dir.duckdb")


def test_reader_waits_then_names_the_writer(db_path):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from eventwire.store.db import open_store\n"
            f"s = open_store({str(db_path)!r}, command='ingest')\nprint('ready', flush=True)\ntime.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        started = time.monotonic()
        with pytest.raises(DatabaseBusy) as err:
            open_store(db_path, read_only=True, wait=0.5)
        assert time.monotonic() - started >= 0.5
        message = str(err.value)
        assert "eventwire ingest" in message and f"pid {holder.pid}" in message and "E401" in message
        with pytest.raises(DatabaseBusy):
            open_store(db_path, wait=0)  # a second writer too
    finally:
        holder.kill()
        holder.wait()
    with open_store(db_path, read_only=True, wait=5) as store:  # the lock went with the process
        assert store.schema_version() == SCHEMA_VERSION
