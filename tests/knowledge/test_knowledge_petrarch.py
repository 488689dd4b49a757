"""PETRARCH/TABARI actor and agent dictionaries: the shared test and Phoenix files, and hand-made quirks."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.knowledge import load_actor_knowledge
from eventwire.petrarch_dict import combine_codes, load_petrarch_actors, load_petrarch_agents


@pytest.fixture(scope="module")
def petrarch_dir(shared_dir):
    path = shared_dir / "data" / "petrarch"
    if not path.is_dir():
        pytest.skip("shared PETRARCH data missing")
    return path


def test_validation_actors_dates(petrarch_dir):
    actors = load_petrarch_actors(petrarch_dir / "unit_tests" / "PETR.Validate.actors.txt")
    on = dt.date.fromisoformat
    assert actors.lookup("SAM_GAMGEE", on("2007-01-01")) == "HOBCIV"  # [<20080120]
    assert actors.lookup("Sam Gamgee", on("2009-01-01")) == "HOBMIL"  # range
    assert actors.lookup("Sam Gamgee", on("2010-01-10")) == "ORCHOB"  # earlier range wins on overlap
    assert actors.lookup("Sam Gamgee", on("2014-01-01")) == "HOBELI"  # [>20130119]
    assert actors.lookup("Sam Gamgee") == "HOB"  # default
    assert actors.lookup("Smeagol", on("1990-01-01")) == "HOB"  # synonym, YYMMDD date
    assert actors.lookup("Smeagol", on("1997-01-01")) == "HOBGOV"  # "19950601 - 19990815" with spaces
    assert actors.lookup("Prince of Dol Amroth", on("1990-01-01")) is None  # [--- <950630]: null code
    assert actors.lookup("Prince of Dol Amroth") == "DOL"
    assert actors.lookup("Ent") == "ENT"  # code on the next line
    assert actors.lookup("Interpol") == "IGOCOPITP"  # synonyms before a code line
    assert actors.lookup("Palestinian") == "PSE"  # lower-case [pse], warned
    assert actors.codes("the Shire") == ("FRO", "BIL", "SAM")
    assert actors.lookup("Group of 77") == "G77"
    assert actors.lookup("Nasgul") is None  # commented out
    problems = " ".join(w.problem for w in actors.warnings)
    assert "lower-case code" in problems


def test_validation_agents(petrarch_dir):
    agents = load_petrarch_agents(petrarch_dir / "unit_tests" / "PETR.Validate.agents.txt")
    assert agents.lookup("troops") == "MIL"
    assert agents.lookup("soldiers") == "MIL"  # generated plural
    assert agents.lookup("attorneys general") == "GOV"  # explicit plural
    assert agents.lookup("attorney generals") is None
    assert agents.lookup("golden geese") == "GGS" and agents.lookup("golden gooses") is None
    assert agents.lookup("congresswomen") == "LEG"  # !PERSON! substitution
    assert agents.lookup("ministries of silly walks") == "GOV"  # !MINST! substitution
    assert agents.lookup("police") == "COP" and agents.lookup("polices") is None  # {} = no plural
    msf = agents.entry("MSF")
    assert msf is not None and msf.prefix and msf.apply("FRA") == "NGOFRA"
    assert agents.entry("minister").apply("USA") == "USAGOV"


def test_phoenix_dictionaries_load_and_tolerate_quirks(petrarch_dir):
    # load time and memory are measured in bench/dictionaries.py, not here
    folder = petrarch_dir / "phoenix_dictionaries"
    actors = load_petrarch_actors(sorted(folder.glob("*.actors.txt")))
    agents = load_petrarch_agents(folder / "Phoenix.agents.txt")
    assert len(actors) > 20000 and len(agents) > 3000
    assert actors.lookup("Hamid Karzai", dt.date(2005, 1, 1)) == "AFGGOV"
    assert actors.lookup("Hamid Karzai", dt.date(1990, 1, 1)) == "AFGELI"
    assert actors.lookup("Leonid Brezhnev", dt.date(1970, 1, 1)) == "RUSGOV"  # phrases grouped before codes
    assert actors.lookup("Secretary Brezhnev", dt.date(1970, 1, 1)) == "RUSGOV"
    assert actors.lookup("Javier Solana", dt.date(1998, 1, 1)) == "IGOWSTNAT"  # several codes on one line
    assert actors.lookup("Boko Haram") == "NGAREB"
    assert agents.lookup("ministers for defence") == "GOVMIL"
    assert actors.warnings  # e.g. "[ARMUNR 9008223-911221]": skipped and recorded
    assert all(w.line > 0 and w.file for w in actors.warnings)


def test_knowledge_falls_back_to_phoenix_actors(petrarch_dir):
    folder = petrarch_dir / "phoenix_dictionaries"
    kb = load_actor_knowledge([folder])
    # Built-in tables know nothing of Brezhnev; the Phoenix dictionary does.
    (match,) = kb.lookup("Leonid Brezhnev")
    assert match.kind == "person" and match.entry.country == "RUS" and match.entry.code.startswith("RUS")
    # Built-in readings win where the tables know the name.
    assert [m.kind for m in kb.lookup("Ukraine")] == ["country"]
    # Phoenix agents answer sector_of for role nouns the sectors table lacks.
    assert kb.sector_of("fishermen") == "AGR"
    assert kb.sector_of("Coptic Christians") is not None
    assert {f.kind for f in kb.files} >= {"petrarch-actors", "petrarch-agents"}


def test_hand_made_quirks(tmp_path):
    path = tmp_path / "quirks.actors.txt"
    path.write_text(
        "<!-- a comment\nspanning lines -->\n"
        "+ORPHAN_SYNONYM\n"
        "\t[XXX]\n"
        "ALPHA_LAND_ [ALP] # comment\n"
        "+ALPHANIA\n"
        "BETA [BET 990101-980101]\n"
        "GAMMA [GAM >201301xx]\n"
        "DELTA [DEL 20121204]\n"
        "ZETA_C\xd4TE [ZET]\n"
        "EPSILON\n"
        "Source: not an actor\n",
        encoding="latin-1",
    )
    actors = load_petrarch_actors(path)
    assert actors.lookup("Alphania") == "ALP" and actors.lookup("alpha land") == "ALP"
    assert actors.lookup("Delta", dt.date(2013, 1, 1)) == "DEL"  # lone date read as ">"
    assert actors.lookup("Beta") is None and actors.lookup("Epsilon") is None
    problems = [w.problem for w in actors.warnings]
    assert any("synonym before any actor" in p for p in problems)
    assert any("code line before any actor" in p for p in problems)
    assert any("ends before it starts" in p for p in problems)
    assert any("has no code" in p for p in problems)
    assert any("invalid UTF-8" in p for p in problems)
    assert actors.lookup("Zeta C\ufffdte") == "ZET"
    assert all(w.file == str(path) for w in actors.warnings)


def test_combine_codes():
    assert combine_codes("USA", "~GOV") == "USAGOV"
    assert combine_codes("USA", "NGO~") == "NGOUSA"
    assert combine_codes(None, "~MIL") == "MIL"
