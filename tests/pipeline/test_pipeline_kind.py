"""Every coded event says its kind: a bare statement (CAMEO 01x, no PLOVER type) is kept, marked "statement"."""

from __future__ import annotations

import eventwire

TEXT = (
    "Russian forces shelled Kharkiv on Monday, Ukrainian officials said. "
    "The Russian Defense Ministry declined to comment. "
    "Ukraine's foreign minister said Kyiv would ask allies for more air defence."
)


def test_statements_stay_in_the_output_marked_apart(nlp):
    result = eventwire.extract(TEXT, published="2024-11-12")
    by_trigger = {e.trigger.text: e for e in result.events}
    assert by_trigger["shelled"].kind == "event" and by_trigger["shelled"].plover.type == "ASSAULT"
    declined = by_trigger["declined"]
    assert declined.kind == "statement" and declined.cameo.code == "011" and declined.plover.type is None
    for event in result.events:
        bare = event.plover.type is None and event.cameo.code.startswith("01")
        assert event.kind == ("statement" if bare else "event"), event.trigger.text
    assert result.to_dict()["events"][0]["kind"] in ("event", "statement")
