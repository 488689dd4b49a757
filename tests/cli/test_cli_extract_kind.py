"""The terminal table of ``eventwire extract`` lists events; bare statements only when asked (``--kind``)."""

from __future__ import annotations

import io

import pytest

from eventwire.cli.extract import print_table
from eventwire.cli.main import main
from eventwire.model import Article, Cameo, DocumentResult, Event, EventActor, Plover, TextSpan


def _event(eid: str, text: str, trigger: str, plover: str | None, cameo: str) -> Event:
    start = text.index(trigger)
    return Event(
        id=eid, document_id="d", sentence_index=0, trigger=TextSpan(trigger, start, start + len(trigger)),
        evidence=TextSpan(text, 0, len(text)), source=EventActor("Russia", 0, 6, "Russia", "RUS"), target=None,
        plover=Plover(plover), cameo=Cameo(cameo, cameo[:2], 4 if cameo[:2] == "19" else 1),
    )  # fmt: skip


def _result() -> DocumentResult:
    events = [
        _event("e1", "Russia shelled Kharkiv.", "shelled", "ASSAULT", "190"),
        _event("e2", "Russia said the strikes were precise.", "said", None, "010"),
        _event("e3", "Russia declined to comment.", "declined", None, "011"),
    ]
    return DocumentResult("d", "ok", article=Article(id="d", text="", title="T"), events=events)


@pytest.mark.parametrize(
    ("kind", "heading", "shown", "hidden"),
    [
        ("event", "EVENTS (1)  (+ 2 statements: --kind all lists them)", ["shelled"], ["said", "declined"]),
        ("statement", "STATEMENTS (2)", ["said", "declined"], ["shelled"]),
        ("all", "EVENTS AND STATEMENTS (3)  (2 of them statements)", ["shelled", "said", "declined"], []),
    ],
)
def test_table_lists_the_asked_kind(kind, heading, shown, hidden):
    out = io.StringIO()
    print_table(_result(), out, kind=kind)
    text = out.getvalue()
    assert heading in text
    for word in shown:
        assert f"“{word}”" in text
    for word in hidden:
        assert f"“{word}”" not in text


def test_table_without_statements_says_nothing_of_them():
    result = _result()
    result.events = result.events[:1]
    out = io.StringIO()
    print_table(result, out)
    assert "EVENTS (1)\n" in out.getvalue() and "statement" not in out.getvalue()


def test_bad_kind_is_refused():
    with pytest.raises(ValueError, match="kind"):
        print_table(_result(), io.StringIO(), kind="statements")
    with pytest.raises(SystemExit) as err:
        main(["extract", "x.txt", "--kind", "statements"])
    assert err.value.code == 2
