"""Real processes: an ingest killed with SIGKILL mid-run, and queries (in this process) run while an ingest writes.

They use ``eventwire ingest --from-results`` (hand-built DocumentResults, with a hidden per-batch delay) so they do
not depend on NLP speed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from storekit import actor, event, result, run_cli, story_text, write_jsonl

from eventwire.store.db import open_store

N_DOCS = 240
BATCH = 20


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "eventwire.cli.main", *args]


@pytest.fixture(scope="module")
def results_file(tmp_path_factory) -> Path:
    results = []
    for i in range(N_DOCS):
        events = [
            event(
                "e1",
                sentence=f"Russian forces shelled town {i}",
                source=actor("RUS", "MIL"),
                target=actor("UKR"),
                date=f"2023-{1 + i % 12:02d}-{1 + i % 28:02d}",
            ),
            event(
                "e2",
                sentence=f"Ukraine asked for help {i}",
                plover="REQUEST",
                cameo="103",
                goldstein=-0.3,
                source=actor("UKR", "GOV"),
                target=actor("USA", "GOV"),
                date=f"2023-{1 + i % 12:02d}-15",
            ),
        ]
        results.append(result(f"https://news{i % 7}.com/story/{i}", story_text(1000 + i, 60), events))
    return write_jsonl(tmp_path_factory.mktemp("res") / "results.jsonl", results)


def _state(db: Path) -> dict:
    with open_store(db, read_only=True, wait=10) as store:
        q = lambda sql: store.conn.execute(sql).fetchall()  # noqa: E731
        return {
            "articles": q("SELECT count(*), count(DISTINCT document_id) FROM articles")[0],
            "events": q(
                "SELECT count(*), count(DISTINCT uid), sum(CASE WHEN canonical_id IS NULL THEN 1 ELSE 0 END) "
                "FROM events"
            )[0],
            "n_events": q("SELECT sum(n_events) FROM articles")[0][0],
            "orphans": q(
                "SELECT count(*) FROM events WHERE document_id NOT IN (SELECT document_id FROM articles)"
            )[0][0],
            "mentions": q("SELECT sum(articles) FROM canonical_events")[0][0],
            "rows": q("SELECT * EXCLUDE (ingested_at) FROM articles ORDER BY document_id"),
        }


def _size(db: Path) -> int:
    return sum(p.stat().st_size for p in (db, db.with_name(db.name + ".wal")) if p.exists())


def _poll(condition: Callable[[], bool], proc: subprocess.Popen, what: str, timeout: float = 120.0) -> None:
    """Poll until ``condition()`` holds while ``proc`` runs; fail naming ``what`` if it ends or time runs out."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert proc.poll() is None, (
            f"the ingest ended before {what}: {proc.stderr.read() if proc.stderr else ''}"
        )
        assert time.monotonic() < deadline, f"no sign of {what} after {timeout:g} s"
        time.sleep(0.01)


def _writing(db: Path) -> Callable[[], bool]:
    """The writer holds the file: its note appears once the schema is written (``eventwire.store.db``)."""
    return db.with_name(db.name + ".writer.json").exists


def _wait_for_a_commit(db: Path, proc: subprocess.Popen) -> None:
    """Poll the database until the ingest has committed a batch.

    DuckDB lets no other process open the file while the writer holds it, so the test watches what a commit
    leaves on disk: once the writer's note is there (schema written), each committed batch is appended to the
    WAL (or, after a checkpoint, to the file). A size that grew and then stayed still for several polls is a
    finished commit: the ingest is in its ``--batch-delay`` pause after it, not writing.
    """
    _poll(_writing(db), proc, "the writer opened the database")
    baseline = _size(db)
    seen: list[int] = []

    def committed() -> bool:
        seen.append(_size(db))
        return seen[-1] > baseline and len(seen) >= 5 and len(set(seen[-5:])) == 1

    _poll(committed, proc, "a committed batch")


def test_sigkill_mid_ingest_loses_nothing_committed_and_duplicates_nothing(results_file, tmp_path):
    db = tmp_path / "kill.duckdb"
    proc = subprocess.Popen(
        _cli(
            "ingest",
            "--from-results",
            str(results_file),
            "--db",
            str(db),
            "--batch-size",
            str(BATCH),
            "--batch-delay",
            "0.15",
            "--no-progress",
        ),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    _wait_for_a_commit(db, proc)
    assert proc.poll() is None, "the ingest finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()

    killed = _state(db)  # the database opens
    count, distinct = killed["articles"]
    assert 0 < count < N_DOCS and count == distinct and count % BATCH == 0  # whole batches only
    assert killed["events"] == (2 * count, 2 * count, 0) and killed["n_events"] == 2 * count
    assert killed["orphans"] == 0 and killed["mentions"] == 2 * count

    again = run_cli("ingest", "--from-results", str(results_file), "--db", str(db), "--no-progress")
    assert again.returncode == 0, again.stderr
    assert f"already stored {count}," in again.stderr
    final = _state(db)
    assert final["articles"] == (N_DOCS, N_DOCS)
    assert final["events"] == (2 * N_DOCS, 2 * N_DOCS, 0)
    assert final["mentions"] == 2 * N_DOCS
    kept = {row[0]: row for row in final["rows"]}
    assert all(kept[row[0]] == row for row in killed["rows"])  # nothing committed was lost or changed


def test_query_while_ingest_writes_waits_or_says_busy(results_file, tmp_path):
    db = tmp_path / "busy.duckdb"
    writer = subprocess.Popen(
        _cli(
            "ingest",
            "--from-results",
            str(results_file),
            "--db",
            str(db),
            "--batch-size",
            str(BATCH),
            "--batch-delay",
            "0.1",
            "--no-progress",
        ),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _poll(_writing(db), writer, "the writer opened the database")
        busy = run_cli("query", "--db", str(db), "--wait", "0.3", "--group-by", "type")
        assert busy.returncode == 3, busy.stderr
        assert (
            "busy" in busy.stderr and "eventwire ingest" in busy.stderr and f"pid {writer.pid}" in busy.stderr
        )
        assert "Traceback" not in busy.stderr
        for command in (["stats"], ["export", "--format", "csv"]):
            other = run_cli(*command, "--db", str(db), "--wait", "0.2")
            assert other.returncode == 3 and "Traceback" not in other.stderr
        # a reader that is willing to wait reads the finished, consistent database
        patient = run_cli("query", "--db", str(db), "--wait", "60", "--group-by", "type", "--format", "csv")
    finally:
        writer.wait(timeout=120)
    assert writer.returncode == 0, writer.stderr
    assert patient.returncode == 0, patient.stderr
    counts = {line.split(",")[0]: line.split(",")[2] for line in patient.stdout.splitlines()[1:]}
    assert counts == {"ASSAULT": str(N_DOCS), "REQUEST": str(N_DOCS)}  # reports counted: all committed
