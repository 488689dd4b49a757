"""The JSON Schema of the output is generated from the record types, kept in the repo, and checked."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from eventwire.model import (
    Article,
    Cameo,
    DocumentResult,
    Event,
    EventActor,
    Plover,
    TextSpan,
    TimeRef,
    from_dict,
    json_schema,
    to_dict,
)  # fmt: skip

SCHEMA = Path(__file__).resolve().parents[2] / "schema" / "document_result.schema.json"


def _result() -> DocumentResult:
    text = "Russia attacked Ukraine on Monday."
    actor = EventActor("Russia", 0, 6, "Russia", "RUS", None, "RUS", "A1")
    event = Event(
        id="d:e1", document_id="d", sentence_index=0, trigger=TextSpan("attacked", 7, 15),
        evidence=TextSpan(text, 0, len(text)), source=actor,
        target=EventActor("Ukraine", 16, 23, "Ukraine", "UKR", None, "UKR", "A2"),
        plover=Plover("ASSAULT", None), cameo=Cameo("190", "19", 4, -10.0),
        date=TimeRef("2024-11-04", "day", "Monday", 27, 33, "explicit"),
    )  # fmt: skip
    return DocumentResult("d", "ok", article=Article(id="d", text=text), events=[event])


def test_schema_file_is_generated_from_the_records() -> None:
    assert json.loads(SCHEMA.read_text(encoding="utf-8")) == json.loads(json.dumps(json_schema(), sort_keys=True))


def test_output_validates_and_round_trips() -> None:
    result = _result()
    data = json.loads(json.dumps(to_dict(result)))
    jsonschema.validate(data, json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert from_dict(DocumentResult, data) == result


def test_schema_rejects_a_bad_status() -> None:
    data = to_dict(_result())
    data["events"][0]["status"] = "probably"
    try:
        jsonschema.validate(data, json_schema())
    except jsonschema.ValidationError:
        return
    raise AssertionError("a status outside the enumeration must not validate")
