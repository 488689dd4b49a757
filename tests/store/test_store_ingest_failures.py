"""Ingest: a result the writer cannot take fails alone, the rest of its batch is stored."""

from __future__ import annotations

import pytest
from storekit import event, result, story_text

import eventwire.store.ingest as ingest
from eventwire.store.ingest import Ingestor


def _results():
    return [
        result(f"https://outlet.com/news/{i}", story_text(i), [event("e1", sentence="Ukraine attacked Moscow")])
        for i in range(5)
    ]


def test_a_result_the_writer_cannot_take_fails_alone(store, monkeypatch: pytest.MonkeyPatch) -> None:
    results = _results()
    poisoned = results[2].document_id
    real = ingest.event_row

    def broken(event, doc, *args, **kwargs):  # type: ignore[no-untyped-def]
        if doc == poisoned:
            raise TypeError("cannot write this record")
        return real(event, doc, *args, **kwargs)

    monkeypatch.setattr(ingest, "event_row", broken)
    report = Ingestor(store).ingest(results, batch_size=5)
    assert (report.read, report.coded, report.failed, report.events_written) == (5, 4, 1, 4)
    assert len(report.failures) == 1 and report.failures[0].startswith("[E900] https://outlet.com/news/2: TypeError")
    stored = {row[0] for row in store.conn.execute("SELECT document_id FROM articles").fetchall()}
    assert stored == {r.document_id for r in results} - {poisoned}
