"""User data files: extending the tables, and errors that name file, line and column."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.errors import DataFileError
from eventwire.knowledge import load_actor_knowledge

OFFICES_HEADER = "name\taliases\tcountry\trole\tsector\tstart\tend\n"


def test_user_offices_file_extends_builtin(tmp_path):
    path = tmp_path / "my_offices.tsv"
    path.write_text("# mine\n" + OFFICES_HEADER + "Jane Placeholder\tJ. Placeholder\tISL\tPrime Minister\tGOV\t2030-01\t\n")
    kb = load_actor_knowledge([tmp_path])
    term = kb.office_holder("Placeholder", dt.date(2030, 5, 1))
    assert term is not None and term.country == "ISL" and term.start == dt.date(2030, 1, 1)
    assert kb.office_holder("Trump", dt.date(2024, 11, 10)) is not None  # built-ins still there
    assert any(f.path == str(path) and f.rows == 1 for f in kb.files)


def test_user_countries_file_directly(tmp_path):
    path = tmp_path / "extra_countries.tsv"
    path.write_text(
        "iso3\tiso2\tname\taliases\tdemonyms\tcapital\tcapital_lat\tcapital_lon\tcapital_aliases\n"
        "XAA\tXA\tAtlantis\tLost Continent\tAtlantean|Atlanteans\tPoseidonia\t10.5\t-30.25\t\n"
    )
    kb = load_actor_knowledge([path], builtin=False)
    assert set(kb.countries) == {"XAA"}
    assert kb.country_of_name("Atlanteans").iso3 == "XAA"
    assert kb.country_of_name("Poseidonia").capital_lon == -30.25


@pytest.mark.parametrize(
    ("row", "needle"),
    [
        ("Jane Doe\t\tISL\tPrime Minister\tGOV\t2030-13\t\n", "'start'"),
        ("Jane Doe\t\tISL\tPrime Minister\tGOV\t2030-05\t2029-01\n", "'end'"),
        ("Jane Doe\t\tisl\tPrime Minister\tGOV\t2030-01\t\n", "'country'"),
        ("\t\tISL\tPrime Minister\tGOV\t2030-01\t\n", "'name'"),
        ("Jane Doe\t\tISL\tPrime Minister\tGOV\t2030-01\t\textra\n", "cells"),
    ],
)
def test_bad_offices_row_names_file_line_and_column(tmp_path, row, needle):
    path = tmp_path / "bad_offices.tsv"
    path.write_text("# comment\n" + OFFICES_HEADER + row)
    with pytest.raises(DataFileError) as info:
        load_actor_knowledge([path])
    message = str(info.value)
    assert f"{path}:3" in message and needle in message
    assert info.value.code == "E200"


def test_bad_header_and_missing_path(tmp_path):
    path = tmp_path / "x_sectors.tsv"
    path.write_text("phrase\tcode\n")
    with pytest.raises(DataFileError, match="header"):
        load_actor_knowledge([path])
    with pytest.raises(DataFileError, match="does not exist"):
        load_actor_knowledge([tmp_path / "nope"])


def test_bad_coordinate(tmp_path):
    path = tmp_path / "countries.tsv"
    path.write_text(
        "iso3\tiso2\tname\taliases\tdemonyms\tcapital\tcapital_lat\tcapital_lon\tcapital_aliases\n"
        "XAA\tXA\tAtlantis\t\t\tPoseidonia\t100\t0\t\n"
    )
    with pytest.raises(DataFileError, match=r"countries.tsv:2: column 'capital_lat'"):
        load_actor_knowledge([path])


def test_other_components_files_are_left_alone(tmp_path):
    (tmp_path / "lexicon.yaml").write_text("not: ours\n")
    kb = load_actor_knowledge([tmp_path])
    assert len(kb.countries) >= 197


@pytest.mark.parametrize("code", ["ISLREB|ISLGOV<2030-13-01", "ISLGOV|islreb<2020-01-01", "ISLGOV|ISLREB"])
def test_bad_dated_organization_code_names_file_line_and_column(tmp_path, code):
    path = tmp_path / "my_organizations.tsv"
    path.write_text("name\taliases\tcode\tcountry\tsector\tkind\n" + f"Island Front\t\t{code}\tISL\tGOV\tgroup\n")
    with pytest.raises(DataFileError) as info:
        load_actor_knowledge([path])
    assert f"{path}:2" in str(info.value) and "'code'" in str(info.value)
