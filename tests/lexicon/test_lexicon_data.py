"""The built-in CAMEO table and event lexicon: they load, validate, agree with each other and reach every PLOVER
type and mode of the PLOVER 2.0 codebook."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from eventwire.datafile import load_yaml_text
from eventwire.errors import DataFileError
from eventwire.lexicon import PLOVER_TYPES, Entry, entry_plover, load_lexicon

DATA = Path(__file__).resolve().parents[2] / "src" / "eventwire" / "data"


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon()


def codebook_modes(shared_dir: Path) -> dict[str, set[str]]:
    path = shared_dir / "data" / "plover_reference" / "PLOVER_structured_codebook_updated.csv"
    modes: dict[str, set[str]] = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            modes.setdefault(row["event"], set())
            if row["mode"].strip():
                modes[row["event"]].add(row["mode"].strip())
    return modes


def outcomes(lexicon, entry: Entry) -> list[tuple[str | None, str | None, str]]:
    """Every (PLOVER type, mode, CAMEO code) an entry can produce: its own coding and each modifier's."""
    ptype, mode = entry_plover(entry, lexicon.info(entry.cameo))
    found = [(ptype, mode, entry.cameo)]
    for modifier in entry.modifiers.values():
        code = modifier.cameo or entry.cameo
        info = lexicon.info(code)
        mtype = modifier.plover or (
            info.plover if entry.plover == "default" or modifier.cameo else entry.plover
        )
        mmode = modifier.mode or (info.mode if mtype == info.plover else None)
        found.append((mtype, mmode, code))
    return found


def test_lexicon_loads_with_version_and_size(lexicon):
    from eventwire.datafile import digest
    from eventwire.lexicon import lexicon_files

    assert re.fullmatch(r"[0-9a-f]{12}", lexicon.version)  # the digest of the files loaded, not a header
    assert lexicon.version == digest(lexicon_files())
    assert len(lexicon.entries) >= 600
    roots = {entry.cameo[:2] for entry in lexicon.entries}
    assert roots == {f"{n:02d}" for n in range(1, 21)}
    files = {entry.file for entry in lexicon.entries}
    assert len(files) == 20


def test_entry_ids_are_unique(lexicon):
    ids = [entry.id for entry in lexicon.entries]
    assert len(ids) == len(set(ids))


def test_every_referenced_code_is_in_the_table(lexicon):
    missing = set()
    for entry in lexicon.entries:
        for _, _, code in outcomes(lexicon, entry):
            if code not in lexicon.cameo:
                missing.add((entry.id, code))
    assert not missing


def test_cameo_table_covers_the_reference_code_list(lexicon, shared_dir):
    ref = shared_dir / "data" / "plover_reference" / "CAMEO_codefile.txt"
    codes = set(re.findall(r"^LABEL: (\d{2,4})=", ref.read_text(encoding="utf-8"), re.MULTILINE))
    assert codes - set(lexicon.cameo) == set()
    assert {f"{n:02d}" for n in range(1, 21)} <= set(lexicon.cameo)


def test_goldstein_weights_match_the_published_table(lexicon, shared_dir):
    ref = shared_dir / "data" / "plover_reference" / "CAMEO_goldstein.tsv"
    with ref.open(encoding="utf-8") as handle:
        weights = {
            row["CAMEOEVENTCODE"]: float(row["GOLDSTEINSCALE"])
            for row in csv.DictReader(handle, delimiter="\t")
        }
    for code, info in lexicon.cameo.items():
        assert info.goldstein is not None, code
        if code in weights:
            assert info.goldstein == pytest.approx(weights[code]), code


def test_cameo_table_plover_mapping(lexicon):
    table = lexicon.cameo
    # statements have no PLOVER type, except a denial of responsibility: REJECT is "all rejections and refusals"
    assert all(table[c].plover is None for c in table if c.startswith("01") and c != "016")
    assert table["016"].plover == "REJECT"
    assert {table[c].plover for c in table if c.startswith("02")} == {"REQUEST"}
    assert table["036"].plover == "AGREE"
    assert (table["041"].plover, table["041"].mode) == ("CONSULT", "phone")
    assert (table["042"].plover, table["042"].mode) == ("CONSULT", "visit")
    assert (table["1952"].plover, table["1952"].mode) == ("ASSAULT", "drone")
    assert (table["0841"].plover, table["0841"].mode) == ("RETREAT", "release")
    assert table["111"].plover == "ACCUSE"
    assert all(info.plover in PLOVER_TYPES or info.plover is None for info in table.values())


def test_modes_are_codebook_modes(lexicon, shared_dir):
    modes = codebook_modes(shared_dir)
    bad = set()
    for info in lexicon.cameo.values():
        if info.mode and info.mode not in modes.get(info.plover or "", set()):
            bad.add(("cameo.tsv", info.code, info.plover, info.mode))
    for entry in lexicon.entries:
        for ptype, mode, code in outcomes(lexicon, entry):
            if mode and mode not in modes.get(ptype or "", set()):
                bad.add((entry.id, code, ptype, mode))
    assert not bad


def test_every_plover_type_and_mode_is_reachable(lexicon, shared_dir):
    reached: set[tuple[str | None, str | None]] = set()
    for entry in lexicon.entries:
        reached |= {(ptype, mode) for ptype, mode, _ in outcomes(lexicon, entry)}
    reached |= {(info.plover, info.mode) for info in lexicon.cameo.values()}
    types = {ptype for ptype, _ in reached}
    assert set(PLOVER_TYPES) <= types
    unreached = {(event, mode) for event, ms in codebook_modes(shared_dir).items() for mode in ms} - reached
    assert not unreached


def test_seed_article_triggers_are_present(lexicon):
    def codes(lemma: str, pos: str = "VERB") -> set[str]:
        return {entry.cameo for entry in lexicon.candidates(lemma, pos)}

    assert "040" in codes("speak") and "040" in codes("meet")
    assert "041" in codes("call", "NOUN")
    assert "020" in codes("advise") and "020" in codes("urge")
    assert "111" in codes("criticize")
    assert {"010", "011"} <= codes("decline") | codes("state")
    assert "011" in codes("respond")
    assert "036" in codes("invite")
    attack = [e for e in lexicon.candidates("attack", "NOUN") if "launch" in e.light_verbs]
    assert attack and attack[0].modifiers["drone"].cameo == "1952"


def test_user_file_with_bad_entry_names_file_and_entry(tmp_path):
    user = tmp_path / "my_lexicon.yaml"
    user.write_text("- id: mine.bogus\n  lemma: bogus\n  cameo: '19x'\n", encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_lexicon((str(user),))
    assert "my_lexicon.yaml" in str(info.value) and "mine.bogus" in str(info.value)


def test_user_file_with_unknown_key_or_role_is_rejected(tmp_path):
    user = tmp_path / "extra_lexicon.yaml"
    user.write_text("- id: mine.odd\n  lemma: odd\n  cameo: '190'\n  target: [elsewhere]\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="mine.odd"):
        load_lexicon((str(user),))


def test_user_file_duplicating_a_builtin_id_is_rejected(tmp_path, lexicon):
    taken = lexicon.entries[0].id
    user = tmp_path / "dup_lexicon.yaml"
    user.write_text(f"- id: {taken}\n  lemma: foo\n  cameo: '010'\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=re.escape(taken)):
        load_lexicon((str(user),))


def test_user_file_adds_entries(tmp_path, lexicon):
    user = tmp_path / "good_lexicon.yaml"
    user.write_text("- id: mine.skewer\n  lemma: skewer\n  cameo: '111'\n", encoding="utf-8")
    extended = load_lexicon((str(user),))
    assert len(extended.entries) == len(lexicon.entries) + 1
    assert extended.candidates("skewer", "VERB")[0].cameo == "111"


def test_data_files_have_headers():
    for path in [DATA / "cameo.tsv", *sorted((DATA / "lexicon").glob("*.yaml"))]:
        head = path.read_text(encoding="utf-8").splitlines()[:12]
        assert head[0].startswith("#"), path
        assert any(line.startswith("# version: ") for line in head), path


def test_no_entry_repeats_a_key():
    """YAML keeps the last of two equal keys without a word: an entry with two ``modifiers:`` blocks loses one.
    The data loaders read through ``load_yaml_text``, which refuses a repeated key."""
    for path in sorted((DATA / "lexicon").glob("*.yaml")):
        load_yaml_text(path.read_text(encoding="utf-8"))


def test_a_repeated_key_in_a_users_lexicon_is_an_error(tmp_path):
    path = tmp_path / "mine.lexicon.yaml"
    path.write_text(
        "- id: mine.besiege.verb\n  lemma: besiege\n  cameo: '191'\n  target: [dobj]\n  target: [nsubjpass]\n",
        encoding="utf-8",
    )
    with pytest.raises(DataFileError, match="(?s)mine.lexicon.yaml.*'target' given twice.*line 5"):
        load_lexicon((str(path),))
