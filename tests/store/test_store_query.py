"""Queries: every filter, grouped counts, stats, and bad filter values."""

from __future__ import annotations

import pytest
from storekit import MOSCOW, actor, event, result, story_text

from eventwire.model import Place
from eventwire.store.ingest import Ingestor
from eventwire.store.query import Filters, QueryError, query, resolve_country, stats

KYIV = Place(name="Kyiv", country="UKR", lat=50.45, lon=30.52)
BEIJING = Place(name="Beijing", country="CHN", lat=39.90, lon=116.40)


@pytest.fixture()
def filled(store):
    results = [
        result(
            "https://a.com/1",
            story_text(1),
            [
                event(
                    "e1",
                    sentence="Russian forces shelled Kyiv overnight",
                    source=actor("RUS", "MIL", "Russian forces"),
                    target=actor("UKR"),
                    date="2024-03-05",
                    place=KYIV,
                ),
            ],
        ),
        result(
            "https://a.com/2",
            story_text(2),
            [
                event(
                    "e1",
                    sentence="Putin met Xi in Beijing for talks",
                    plover="CONSULT",
                    cameo="040",
                    goldstein=1.0,
                    source=actor("RUS", "GOV", "Vladimir Putin"),
                    target=actor("CHN", "GOV", "Xi Jinping"),
                    date="2024-05-16",
                    place=BEIJING,
                ),
            ],
        ),
        result(
            "https://a.com/3",
            story_text(3),
            [
                event("e1", sentence="Ukraine launched drones at Moscow", date="2024-05-20", place=MOSCOW),
                event(
                    "e2", sentence="Ukraine launched drones at Moscow again", date="2025-01-02", place=MOSCOW
                ),
            ],
        ),
        result(
            "https://b.com/4",
            story_text(4),
            [
                event(
                    "e1",
                    sentence="Russian artillery shelled Kyiv overnight",
                    source=actor("RUS", "MIL", "Russian army"),
                    target=actor("UKR"),
                    date="2024-03-05",
                    place=KYIV,
                ),
            ],
        ),
    ]
    Ingestor(store).ingest(results)
    return store


def _ids(res):
    return [r["plover_type"] + ":" + str(r["date"]) for r in res.records()]


def test_filters(filled):
    q = lambda **kw: _ids(query(filled, Filters(**kw)))  # noqa: E731
    assert q(actor="Putin") == ["CONSULT:2024-05-16"]
    assert q(actor="RUS") == [
        "ASSAULT:2025-01-02",
        "ASSAULT:2024-05-20",
        "CONSULT:2024-05-16",
        "ASSAULT:2024-03-05",
    ]
    assert q(actor="RUSGOV") == ["CONSULT:2024-05-16"]
    assert q(source="Russia", target="Ukraine") == ["ASSAULT:2024-03-05"]
    assert q(source="ukr") == ["ASSAULT:2025-01-02", "ASSAULT:2024-05-20"]
    assert q(types=["consult"]) == ["CONSULT:2024-05-16"]
    assert q(cameo="04") == ["CONSULT:2024-05-16"]
    assert q(date_from="2024-05", date_to="2024") == ["ASSAULT:2024-05-20", "CONSULT:2024-05-16"]
    assert q(place="Beijing") == ["CONSULT:2024-05-16"]
    assert q(place="China") == ["CONSULT:2024-05-16"]
    assert q(near="50.0,30.0,100") == ["ASSAULT:2024-03-05"]
    assert q(near="50.0,30.0,10") == []
    assert q(text="shelled overnight") == ["ASSAULT:2024-03-05"]
    assert q(text="shell") == []  # whole words only
    assert q(text="DRONES", date_to="2024-12") == ["ASSAULT:2024-05-20"]


def test_one_row_per_happening_with_its_mentions(filled):
    rows = query(filled, Filters(source="RUS", types=["ASSAULT"])).records()
    assert [(r["mentions"], r["articles"]) for r in rows] == [(2, 2)]


def test_group_by(filled):
    res = query(filled, Filters(), group_by="type")
    assert res.rows == [("ASSAULT", 3, 4), ("CONSULT", 1, 1)]
    assert query(filled, Filters(), group_by="month").rows == [
        ("2024-03", 1, 2),
        ("2024-05", 2, 2),
        ("2025-01", 1, 1),
    ]
    assert query(filled, Filters(), group_by="dyad").rows[0] == ("UKRMIL -> RUS", 2, 2)
    assert query(filled, Filters(), group_by="country").rows[0] == ("RUS", 2, 2)
    assert len(query(filled, Filters(), group_by="day").rows) == 4
    assert query(filled, Filters(), group_by="month,type").rows == [
        ("2024-03", "ASSAULT", 1, 2),
        ("2024-05", "ASSAULT", 1, 1),
        ("2024-05", "CONSULT", 1, 1),
        ("2025-01", "ASSAULT", 1, 1),
    ]
    assert query(filled, Filters(), group_by="type,source").rows[0] == ("ASSAULT", "UKR", 2, 2)
    assert [r[0] for r in query(filled, Filters(), group_by="week").rows] == [
        "2024-03-04",
        "2024-05-13",
        "2024-05-20",
        "2024-12-30",
    ]


def test_bad_filters_raise_typed_errors(filled):
    for kwargs in ({"near": "50,30"}, {"near": "95,30,10"}, {"date_from": "March"}, {"cameo": "abc"}):
        with pytest.raises(QueryError):
            query(filled, Filters(**kwargs))
    with pytest.raises(QueryError):
        query(filled, Filters(), group_by="planet")


def test_resolve_country():
    assert resolve_country("Russia") == "RUS"
    assert resolve_country("ukr") == "UKR"
    assert resolve_country("United Kingdom") == "GBR"


def test_stats(filled):
    data = stats(filled)
    assert data["totals"]["articles"] == 4 and data["totals"]["events"] == 5
    assert data["totals"]["canonical_events"] == 4
    assert data["by_type"] == [["ASSAULT", 3], ["CONSULT", 1]]
    assert data["by_month"][0] == ["2024-03", 1]
    assert data["by_country"][0] == ["RUS", 2]
