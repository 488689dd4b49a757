"""The DuckDB file: schema, schema versions and upgrades, and one-writer-at-a-time opening.

DuckDB lets one process write a database file, and no other process open it meanwhile (not even to read).
eventwire therefore opens the file like this:

- A writer (``ingest``, ``recode``) opens it read-write and leaves a note beside it (``PATH.writer.json``) saying
  which command holds it, since when and under which process id.
- A reader (``query``, ``export``, ``stats``) opens it read-only: it sees the last committed state, never a
  half-written batch. While a writer holds the file, the reader retries for ``wait`` seconds and then raises
  :class:`DatabaseBusy` naming the writer from that note.

Every batch is one transaction, so a writer killed mid-run leaves the file at its last commit (DuckDB's WAL is
replayed on the next open).

The ``meta`` table holds ``schema_version``. Opening an older database upgrades it (writers upgrade in place;
readers reopen the file read-write for the upgrade when nobody is writing); a newer one raises
:class:`SchemaVersionError` saying to upgrade eventwire. Versions:

1. the tables below without ``evidence_index``;
2. ``evidence_index``, the word index of evidence sentences that text search reads, and
   ``canonical_events.canonical_key``, the integer it names canonical events by (both built from the stored events
   on upgrade);
3. ``events.kind`` and ``canonical_events.kind``: "event", or "statement" for a bare statement (CAMEO 01x with no
   PLOVER type, see ``eventwire.model.event_kind``), filled from the stored codes on upgrade.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import socket
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from .._version import __version__
from ..errors import DatabaseBusy, SchemaVersionError, StoreError

SCHEMA_VERSION = 4


SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);

-- One row per stored article (its identity: the normalised URL, else a hash of the clean text).
CREATE TABLE IF NOT EXISTS articles (
    document_id VARCHAR PRIMARY KEY,
    url VARCHAR,
    url_norm VARCHAR,
    title VARCHAR,
    published DATE,
    outlet VARCHAR,
    author VARCHAR,
    language VARCHAR,
    source VARCHAR,
    text VARCHAR,
    text_hash VARCHAR,
    raw_hash VARCHAR,
    story_id VARCHAR,          -- wire copies share the story_id of the first copy stored
    copy_of VARCHAR,           -- document_id of the stored article this one copies, or NULL
    minhash BLOB,              -- MinHash signature of the text's word shingles (uint64 little-endian)
    n_events INTEGER,
    eventwire_version VARCHAR,
    lexicon_version VARCHAR,
    article_json VARCHAR,      -- the Article record without its text (removed lines, metadata...)
    ingested_at TIMESTAMP,
    knowledge_version VARCHAR  -- digest of the knowledge files it was coded with (eventwire.versions)
);

-- One row per event as one article reports it.
CREATE TABLE IF NOT EXISTS events (
    uid VARCHAR,               -- document_id/event id
    event_id VARCHAR,
    document_id VARCHAR,
    story_id VARCHAR,
    canonical_id VARCHAR,
    sentence_index INTEGER,
    plover_type VARCHAR,
    plover_mode VARCHAR,
    cameo_code VARCHAR,
    cameo_root VARCHAR,
    quad_class TINYINT,
    goldstein DOUBLE,
    status VARCHAR,
    kind VARCHAR,              -- 'event', or 'statement' (a bare statement: CAMEO 01x, no PLOVER type)
    source_name VARCHAR, source_country VARCHAR, source_sector VARCHAR, source_code VARCHAR,
    target_name VARCHAR, target_country VARCHAR, target_sector VARCHAR, target_code VARCHAR,
    date DATE,
    date_precision VARCHAR,
    place_name VARCHAR,
    place_country VARCHAR,
    place_admin1 VARCHAR,
    lat DOUBLE,
    lon DOUBLE,
    geonames_id BIGINT,
    place_precision VARCHAR,
    evidence VARCHAR,
    evidence_words VARCHAR,    -- ' word word ... ': the evidence's words lower-cased, for whole-word search
    evidence_bloom BIGINT,     -- one bit per word (crc32 % 64): a cheap prefilter for word search
    confidence DOUBLE,
    extractor VARCHAR,
    eventwire_version VARCHAR,
    lexicon_version VARCHAR,
    seen DATE,                 -- the article's publication date, else the day it was stored
    record VARCHAR,            -- the whole Event record as JSON
    knowledge_version VARCHAR
);

-- One row per happening: events of different articles merged by the rule in merge.py.
CREATE TABLE IF NOT EXISTS canonical_events (
    canonical_id VARCHAR PRIMARY KEY,
    merge_key VARCHAR,
    plover_type VARCHAR,
    plover_mode VARCHAR,
    cameo_code VARCHAR,
    cameo_root VARCHAR,
    quad_class TINYINT,
    goldstein DOUBLE,
    status VARCHAR,
    kind VARCHAR,              -- 'event', or 'statement' (a bare statement: CAMEO 01x, no PLOVER type)
    source_name VARCHAR, source_country VARCHAR, source_sector VARCHAR, source_code VARCHAR,
    target_name VARCHAR, target_country VARCHAR, target_sector VARCHAR, target_code VARCHAR,
    date DATE,                 -- the finest date its reports give (else the reporting date, precision "published")
    date_precision VARCHAR,
    merge_anchor DATE,         -- the date merging compares (see merge.py), and its precision
    merge_precision VARCHAR,
    place_name VARCHAR,
    place_country VARCHAR,
    place_precision VARCHAR,
    lat DOUBLE,
    lon DOUBLE,
    mentions INTEGER,          -- distinct stories reporting it (wire copies count once)
    articles INTEGER,          -- distinct articles reporting it (copies included)
    first_seen DATE,           -- earliest / latest publication date of the reporting articles
    last_seen DATE,
    documents VARCHAR[],       -- every reporting article (document_id)
    canonical_key BIGINT       -- canonical_key(canonical_id): what evidence_index names it by
);

-- One row per distinct word of each event's evidence sentence (the words of events.evidence_words): text search
-- finds the canonical events of a word here instead of scanning every sentence. Written with the events, each
-- write sorted by word, and sorted whole again by an ingest that added many rows (sort_evidence_index), so a scan
-- for a word skips most of it by its zonemaps; rebuilt when events are merged afresh.
CREATE TABLE IF NOT EXISTS evidence_index (
    word VARCHAR,
    canonical_key BIGINT,      -- the event's canonical event (canonical_events.canonical_key)
    uid VARCHAR                -- the event (events.uid)
);

CREATE TABLE IF NOT EXISTS actors (
    document_id VARCHAR, actor_id VARCHAR, name VARCHAR, kind VARCHAR, country VARCHAR, sector VARCHAR,
    code VARCHAR, role VARCHAR, knowledge VARCHAR, n_mentions INTEGER
);

CREATE TABLE IF NOT EXISTS quotes (
    document_id VARCHAR, quote_id VARCHAR, text VARCHAR, start_offset INTEGER, end_offset INTEGER, kind VARCHAR,
    speaker_name VARCHAR, speaker_country VARCHAR, speaker_code VARCHAR, cue VARCHAR, venue VARCHAR
);

CREATE TABLE IF NOT EXISTS citations (
    document_id VARCHAR, citation_id VARCHAR, text VARCHAR, start_offset INTEGER, end_offset INTEGER,
    kind VARCHAR, cue VARCHAR, events VARCHAR[]
);
"""

EVIDENCE_INDEX = SCHEMA[SCHEMA.index("CREATE TABLE IF NOT EXISTS evidence_index") :].split(";")[0] + ";"


def canonical_key(canonical_id: str) -> int:
    """A 63-bit integer standing for a canonical event id: the word index names canonical events by it, as a join
    on integers is several times faster than on the ids' text (that two of a million ids share a key has odds
    of about 1 in 20 million; a text search matching one of them would then list the other too)."""
    return (
        int.from_bytes(hashlib.blake2b(canonical_id.encode("utf-8"), digest_size=8).digest(), "little") >> 1
    )


def index_evidence(conn: duckdb.DuckDBPyConnection, source: str | None = None) -> None:
    """Add the ``evidence_index`` rows of the events in ``source`` (a registered Arrow table with the columns
    ``uid``, ``canonical_key`` and ``evidence_words``; by default every stored event), sorted by word."""
    if source is None:
        source = (
            "(SELECT e.uid, c.canonical_key, e.evidence_words FROM events e "
            "JOIN canonical_events c USING (canonical_id))"
        )
    conn.execute(
        f"""INSERT INTO evidence_index
            SELECT DISTINCT word, canonical_key, uid FROM (
                SELECT unnest(string_split(trim(evidence_words), ' ')) AS word, canonical_key, uid FROM {source}
                WHERE evidence_words IS NOT NULL)
            WHERE word <> ''
            ORDER BY word, canonical_key, uid"""
    )


def rebuild_evidence_index(conn: duckdb.DuckDBPyConnection) -> None:
    """Build ``evidence_index`` afresh from every stored event (it names each event's canonical event), sorted."""
    conn.execute("DELETE FROM evidence_index")
    index_evidence(conn)
    mark_evidence_index_sorted(conn)


def sort_evidence_index(conn: duckdb.DuckDBPyConnection) -> None:
    """Rewrite ``evidence_index`` sorted by word, so a word's rows lie together and scans skip the rest (each
    write sorts only its own rows). Runs in the caller's transaction."""
    conn.execute(
        "CREATE TABLE _evidence_index_sorted AS SELECT * FROM evidence_index ORDER BY word, canonical_key, uid"
    )
    conn.execute("DROP TABLE evidence_index")
    conn.execute("ALTER TABLE _evidence_index_sorted RENAME TO evidence_index")
    mark_evidence_index_sorted(conn)


def mark_evidence_index_sorted(conn: duckdb.DuckDBPyConnection) -> None:
    """Record that ``evidence_index`` is sorted as it stands (its row count then)."""
    rows = conn.execute("SELECT count(*) FROM evidence_index").fetchone()[0]
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('evidence_index_sorted_rows', ?)", [str(rows)])


def evidence_index_unsorted(conn: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    """The rows of ``evidence_index`` written since it was last sorted (about), and the rows sorted then."""
    (rows, sorted_rows), *_ = (
        conn.execute(  # fetchall: a half-read result would block the connection's next sql()
            "SELECT (SELECT count(*) FROM evidence_index), "
            "coalesce((SELECT value FROM meta WHERE key = 'evidence_index_sorted_rows')::BIGINT, 0)"
        ).fetchall()
    )
    return max(0, rows - sorted_rows), sorted_rows


def set_canonical_keys(conn: duckdb.DuckDBPyConnection) -> None:
    """Fill ``canonical_events.canonical_key`` where it is missing."""
    import pyarrow as pa

    ids = [
        r[0]
        for r in conn.execute(
            "SELECT canonical_id FROM canonical_events WHERE canonical_key IS NULL"
        ).fetchall()
    ]
    if not ids:
        return
    keys = pa.table({"canonical_id": ids, "canonical_key": [canonical_key(i) for i in ids]})
    conn.register("_canonical_keys", keys)
    try:
        conn.execute(
            "UPDATE canonical_events AS c SET canonical_key = k.canonical_key FROM _canonical_keys AS k "
            "WHERE c.canonical_id = k.canonical_id"
        )
    finally:
        conn.unregister("_canonical_keys")


def _add_evidence_index(conn: duckdb.DuckDBPyConnection) -> None:
    """1 -> 2: canonical events get their key, and the word index of evidence sentences is built from the stored
    events."""
    conn.execute("ALTER TABLE canonical_events ADD COLUMN IF NOT EXISTS canonical_key BIGINT")
    set_canonical_keys(conn)
    conn.execute(EVIDENCE_INDEX)
    rebuild_evidence_index(conn)


STATEMENT_SQL = (
    "CASE WHEN coalesce(plover_type, '') = '' AND left(cameo_code, 2) = '01' THEN 'statement' ELSE 'event' END"
)  # eventwire.model.event_kind, over a row's columns


def _add_kind(conn: duckdb.DuckDBPyConnection) -> None:
    """2 -> 3: events and canonical events say whether they are an event or a bare statement, from their codes."""
    for table in ("events", "canonical_events"):
        conn.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS kind VARCHAR")
        conn.execute(f"UPDATE {table} SET kind = {STATEMENT_SQL}")


def _add_knowledge_version(conn: duckdb.DuckDBPyConnection) -> None:
    """3 -> 4: articles and events record the knowledge version (NULL for rows coded before: ``recode`` codes
    them again)."""
    for table in ("articles", "events"):
        conn.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS knowledge_version VARCHAR")


# Each migration takes a connection at version N (the key) and leaves it at version N + 1.
MIGRATIONS: dict[int, Callable[[duckdb.DuckDBPyConnection], None]] = {
    1: _add_evidence_index,
    2: _add_kind,
    3: _add_knowledge_version,
}

LOCK_WAIT_STEP = 0.1


def _is_lock_error(exc: Exception) -> bool:
    text = str(exc)
    return "Could not set lock" in text or "Conflicting lock" in text


def _writer_note_path(path: Path) -> Path:
    return path.with_name(path.name + ".writer.json")


def _describe_writer(path: Path, exc: Exception) -> str:
    """Who holds the file: from the writer's note, else from DuckDB's lock message."""
    match = re.search(r"held in (\S+) \(PID (\d+)\)", str(exc))
    holder = int(match.group(2)) if match else None
    note = _writer_note_path(path)
    try:
        info = json.loads(note.read_text(encoding="utf-8"))
        pid = int(info.get("pid", -1))
        if holder in (None, pid) and _alive(pid):
            return f"`eventwire {info.get('command', '?')}` (pid {pid}, since {info.get('started', '?')})"
    except (OSError, ValueError, TypeError):
        pass
    if match:
        return f"process {match.group(2)} ({match.group(1)})"
    return "another process"


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Store:
    """An open eventwire database. Use as a context manager; ``conn`` is the DuckDB connection."""

    def __init__(self, path: Path, conn: duckdb.DuckDBPyConnection, *, read_only: bool, command: str) -> None:
        self.path = path
        self.conn = conn
        self.read_only = read_only
        self.command = command

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection and, for a writer, remove its note."""
        if self.conn is None:
            return
        try:
            self.conn.close()
        finally:
            self.conn = None  # type: ignore[assignment]
            if not self.read_only:
                note = _writer_note_path(self.path)
                try:
                    info = json.loads(note.read_text(encoding="utf-8"))
                    if info.get("pid") == os.getpid():
                        note.unlink()
                except (OSError, ValueError):
                    pass

    def execute(self, sql: str, params: Any = None) -> duckdb.DuckDBPyConnection:
        """Run one statement on this store's connection, turning DuckDB errors into StoreError."""
        try:
            return self.conn.execute(sql, params) if params is not None else self.conn.execute(sql)
        except duckdb.Error as exc:
            raise StoreError(f"database {self.path}: {exc}") from exc

    def schema_version(self) -> int:
        return _schema_version(self.conn)


def _schema_version(conn: duckdb.DuckDBPyConnection) -> int:
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def _has_meta(conn: duckdb.DuckDBPyConnection) -> bool:
    tables = {r[0] for r in conn.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if "meta" in tables:
        return True
    if tables:
        raise StoreError(
            "this DuckDB file is not an eventwire database (it has tables but no eventwire meta table)",
            hint="give --db a new file name, or the database eventwire created",
        )
    return False


def _create(conn: duckdb.DuckDBPyConnection) -> None:
    conn.execute("BEGIN TRANSACTION")
    conn.execute(SCHEMA)
    conn.execute(
        "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?), ('created_by', ?), ('created_at', ?)",
        [str(SCHEMA_VERSION), f"eventwire {__version__}", datetime.now(UTC).isoformat(timespec="seconds")],
    )
    conn.execute("COMMIT")


def upgrade(conn: duckdb.DuckDBPyConnection, path: Path) -> int:
    """Bring a database to SCHEMA_VERSION, one migration per version, each in its own transaction."""
    version = _schema_version(conn)
    if version > SCHEMA_VERSION:
        raise SchemaVersionError(
            f"database {path} has schema version {version}, newer than this eventwire ({__version__}) "
            f"understands (version {SCHEMA_VERSION})",
            hint="upgrade eventwire (pip install -U eventwire) or use a new --db file",
        )
    if version < SCHEMA_VERSION:  # a long upgrade must not draw DuckDB's progress bar into a command's output
        conn.execute("SET enable_progress_bar = false")
    while version < SCHEMA_VERSION:
        migrate = MIGRATIONS.get(version)
        if migrate is None:
            raise SchemaVersionError(
                f"database {path} has schema version {version}, which this eventwire cannot upgrade",
                hint=f"export it with the eventwire that wrote it, or re-ingest into a new --db file "
                f"(this eventwire writes schema version {SCHEMA_VERSION})",
            )
        conn.execute("BEGIN TRANSACTION")
        try:
            migrate(conn)
            conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(version + 1)])
            conn.execute("COMMIT")
        except Exception:
            conn.execute("ROLLBACK")
            raise
        version += 1
    return version


# A writer checkpoints its WAL into the file less often than DuckDB's 16 MB default: bulk ingests run faster, and a
# killed writer's WAL (replayed on the next open) is still bounded.
WRITER_CHECKPOINT = "256MB"


def _connect(path: Path, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + max(0.0, wait)
    while True:
        try:
            conn = duckdb.connect(str(path), read_only=read_only)
            if not read_only:
                conn.execute(f"SET checkpoint_threshold = '{WRITER_CHECKPOINT}'")
            return conn
        except duckdb.IOException as exc:
            if not _is_lock_error(exc):
                raise StoreError(f"cannot open database {path}: {exc}") from exc
            if time.monotonic() >= deadline:
                raise DatabaseBusy(
                    f"database {path} is busy: it is held by {_describe_writer(path, exc)}; waited {wait:g} s"
                ) from exc
            time.sleep(LOCK_WAIT_STEP)
        except duckdb.Error as exc:
            raise StoreError(
                f"cannot open database {path}: {exc}",
                hint="is it a DuckDB file written by eventwire? give --db a new file name to start afresh",
            ) from exc


def open_store(
    path: str | Path, *, read_only: bool = False, wait: float = 10.0, command: str = "ingest"
) -> Store:
    """Open (and for a writer create or upgrade) the database at ``path``.

    ``read_only`` opens for reading: the file must exist. ``wait`` is how long to wait for another process's
    lock before raising :class:`DatabaseBusy`. ``command`` names the writer in the note readers see.
    """
    path = Path(path)
    if read_only:
        if not path.is_file():
            raise StoreError(
                f"no database at {path}",
                hint=f"run `eventwire ingest INPUTS --db {path}` first, or give --db",
            )
        conn = _connect(path, True, wait)
        try:
            if not _has_meta(conn):
                raise StoreError(
                    f"database {path} is empty", hint=f"run `eventwire ingest INPUTS --db {path}` first"
                )
            version = _schema_version(conn)
        except duckdb.Error as exc:
            conn.close()
            raise StoreError(f"cannot read database {path}: {exc}") from exc
        except StoreError:
            conn.close()
            raise
        if version != SCHEMA_VERSION:
            conn.close()
            if version > SCHEMA_VERSION:
                upgrade_conn = _connect(path, True, wait)
            else:  # upgrade in place, then read
                upgrade_conn = _connect(path, False, wait)
            try:
                upgrade(upgrade_conn, path)
            finally:
                upgrade_conn.close()
            conn = _connect(path, True, wait)
        return Store(path, conn, read_only=True, command=command)

    if path.parent and not path.parent.exists():
        raise StoreError(f"cannot create database {path}: folder {path.parent} does not exist")
    conn = _connect(path, False, wait)
    try:
        if _has_meta(conn):
            upgrade(conn, path)
        else:
            _create(conn)
    except duckdb.Error as exc:
        conn.close()
        raise StoreError(f"cannot prepare database {path}: {exc}") from exc
    except Exception:
        conn.close()
        raise
    note = {
        "command": command,
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    with contextlib.suppress(OSError):  # the note only helps readers say who is writing
        _writer_note_path(path).write_text(json.dumps(note), encoding="utf-8")
    return Store(path, conn, read_only=False, command=command)
