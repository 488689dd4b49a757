"""The event lexicon: trigger words and their argument patterns → CAMEO code and PLOVER type/mode.

Knowledge is data: entries live in ``eventwire/data/lexicon/*.yaml`` (one file per CAMEO root), the CAMEO code
table in ``eventwire/data/cameo.tsv``. Users add their own YAML files with the same schema (config ``data``).
Each entry is validated on load; an error names the file, the entry and the key.

Entry schema (YAML list items)::

    - id: assault.attack.noun        # unique; what Event.extractor names
      lemma: attack                  # the trigger lemma (a verb, or an eventive noun)
      pos: NOUN                      # VERB | NOUN
      cameo: "190"                   # CAMEO code; PLOVER type/mode default from cameo.tsv
      plover: ASSAULT                # optional override of the type (null = no PLOVER type)
      mode: null                     # optional PLOVER 2.0 mode
      particle: null                 # phrasal-verb particle: "call off" → lemma call, particle off
      light_verbs: [launch, carry out, conduct]  # NOUN only: verbs that make the noun an event ("launched an attack")
      noun_alone: true               # NOUN only: may the noun be an event without a light verb ("Israel's strikes on Gaza")
      carried: true                  # NOUN only: may a verb saying it took place carry it ("sanctions took effect",
                                     # "the strike began"; see events.CARRIER_VERBS); false for a noun read only
                                     # through its light verbs ("declared a ceasefire": the one that begins is another)
      source: [nsubj, agent, poss]   # where the acting side is, in order of preference
      target: [dobj, prep:on, prep:against]   # where the receiving side is
      requires:                      # all must hold for the entry to fire
        prep: [with]                 # a target reached through one of these prepositions
        object: [comment]            # the direct object's (a passive's subject's, or the noun's "for"-complement's)
                                     # lemma is one of these
        complement: [comment]        # an xcomp/prep-pcomp (or predicative: "found guilty") of the trigger has one of
                                     # these lemmas ("decline to comment"); under a carrying verb (status_cues
                                     # support_verbs) its object counts: "vowed to continue attacks" → attack
        negated: true                # the trigger must be negated: the entry's meaning includes the negation
        target: true                 # fire only with a resolved target actor ("pressed Iran to", not "pressing issues")
        not_object: [...]            # the entry does not fire when the object lemma is one of these (for a NOUN
                                     # trigger, also a word before it: "hunger strike" is no attack; for a verb, also
                                     # its predicative complement or measure: "pleaded guilty", "hit 16%")
        not_subject: [...]           # nor when the subject's lemma is one of these ("stocks rallied" is no protest)
        not_prep_object: [...]       # nor when a preposition on the trigger has one of these objects ("killed in a
                                     # crash" is no attack)
        not_predicative: true        # nor when the verb has an object predicative ("called the ruling a landmark"
                                     # names, it does not ask)
        object_pos: [NOUN, PRON]     # an object (or passive subject), if any, is a common noun or a pronoun: people
                                     # are beaten ("beat protesters"), teams and candidates beat each other
                                     # ("Australia beat Colombia", "Biden beat Trump")
        modifier: [war]              # a word before the trigger (compound, amod) is one of these ("war games")
        subject: [troop, shipment]   # the subject's (or passive subject's) lemma is one of these ("troops arrived");
                                     # a participle's subject is the noun it describes ("legislation targeting
                                     # Turkey"), for not_subject too
        intransitive: true           # the verb has no direct object and no that-clause ("demonstrated outside",
                                     # not "demonstrated its missile", "this case demonstrates that ...")
      modifiers:                     # words on the trigger (compound, amod, nmod) or its object refine code and mode
        drone: {cameo: "1952", mode: drone}
      symmetric: false               # CONSULT-like: coordinated subjects are all actors, direction does not matter
      context: []                    # PLOVER contexts the entry implies
      confidence: 0.7

A word list that several entries of one file share is written once with a YAML anchor and reused with an alias
(``&not_struck`` and ``*not_struck`` in ``19_fight.yaml``).

Argument roles: ``nsubj`` (the subject, inherited through control and coordination: "Biden plans to urge"),
``nsubjpass`` (the passive subject), ``agent`` (the "by" object of a passive), ``dobj``, ``dative`` (indirect
object), ``prep:X`` (object of preposition X on the trigger or its object), ``poss`` (possessor of a noun trigger),
``compound`` (actor-denoting modifier of a noun trigger: "Russian strikes"), ``noun_agent`` (the agent phrase of a
noun trigger: "strikes by the US", "sanctions imposed by the EU"; tried for every noun whose own roles name no
source), ``dobj_mod`` (actor-denoting modifier
of the direct object: "burned Israeli flags"), ``light_obj`` (object of the light verb: "placed Bongo under house
arrest"), ``light_subj`` (subject of the light
verb), ``xcomp_obj`` (the object of a control verb's complement), ``ccomp_subj`` (the subject of a that-clause:
"demanded that Tajikistan pull back"), ``dobj_prep:X`` (object of preposition X anywhere inside the direct
object: "closed the crossings on its border with Tajikistan").
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .cache import cached
from .datafile import LineMap, digest, read_yaml, validate
from .errors import DataFileError

DATA = resources.files("eventwire") / "data"
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
    "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip
ROLE = re.compile(
    r"^(nsubj|nsubjpass|agent|noun_agent|dobj|dative|poss|compound|light_subj|xcomp_obj|dobj_mod|light_obj|ccomp_subj|prep:[a-z ]+|dobj_prep:[a-z]+)$"
)


class Modifier(BaseModel):
    model_config = ConfigDict(extra="forbid")
    cameo: str | None = None
    mode: str | None = None
    plover: str | None = None


class Requires(BaseModel):
    model_config = ConfigDict(extra="forbid")
    prep: list[str] = Field(default_factory=list)
    object: list[str] = Field(default_factory=list)
    complement: list[str] = Field(default_factory=list)
    negated: bool = False
    target: bool = False
    not_object: list[str] = Field(default_factory=list)
    modifier: list[str] = Field(default_factory=list)
    intransitive: bool = False
    subject: list[str] = Field(default_factory=list)
    not_subject: list[str] = Field(default_factory=list)
    not_prep_object: list[str] = Field(default_factory=list)
    not_predicative: bool = False
    object_pos: list[str] = Field(default_factory=list)


class Entry(BaseModel):
    """One lexicon entry: see the module docstring for every key."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    lemma: str
    pos: Literal["VERB", "NOUN"] = "VERB"
    cameo: str
    plover: str | None = "default"
    mode: str | None = None
    particle: str | None = None
    light_verbs: list[str] = Field(default_factory=list)
    noun_alone: bool = True
    carried: bool = True
    source: list[str] = Field(default_factory=list)
    target: list[str] = Field(default_factory=list)
    requires: Requires = Field(default_factory=Requires)
    modifiers: dict[str, Modifier] = Field(default_factory=dict)
    symmetric: bool = False
    context: list[str] = Field(default_factory=list)
    confidence: float = 0.7
    file: str = ""

    @field_validator("cameo")
    @classmethod
    def _cameo_digits(cls, value: str) -> str:
        if not re.fullmatch(r"\d{2,4}", value):
            raise ValueError(f"CAMEO code must be 2-4 digits, got {value!r}")
        return value

    @field_validator("plover")
    @classmethod
    def _plover_type(cls, value: str | None) -> str | None:
        if value not in (None, "default") and value not in PLOVER_TYPES:
            raise ValueError(f"unknown PLOVER type {value!r}")
        return value

    @field_validator("source", "target")
    @classmethod
    def _roles(cls, value: list[str]) -> list[str]:
        for role in value:
            if not ROLE.match(role):
                raise ValueError(f"unknown argument role {role!r}")
        return value

    def source_roles(self) -> list[str]:
        if self.source:
            return self.source
        return ["poss", "light_subj", "compound"] if self.pos == "NOUN" else ["nsubj", "agent"]

    def target_roles(self) -> list[str]:
        if self.target:
            return self.target
        return [f"prep:{p}" for p in self.requires.prep] or (
            ["prep:on", "prep:against", "prep:with", "prep:of"] if self.pos == "NOUN" else ["dobj", "nsubjpass"]
        )


@dataclass(frozen=True, slots=True)
class CameoInfo:
    code: str
    label: str
    plover: str | None
    mode: str | None
    goldstein: float | None

    @property
    def root(self) -> str:
        return self.code[:2]

    @property
    def quad_class(self) -> int:
        return quad_class(self.code)


def quad_class(code: str) -> int:
    """CAMEO quad class: 1 verbal cooperation (01–05), 2 material cooperation (06–08), 3 verbal conflict
    (09–13, 16), 4 material conflict (14–15, 17–20)."""
    root = int(code[:2])
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13 or root == 16:
        return 3
    return 4


class Lexicon:
    """Entries indexed by trigger lemma, plus the CAMEO table."""

    def __init__(self, entries: Sequence[Entry], cameo: dict[str, CameoInfo], version: str) -> None:
        self.entries = list(entries)
        self.cameo = cameo
        self.version = version
        self.by_lemma: dict[tuple[str, str], list[Entry]] = defaultdict(list)
        for entry in self.entries:
            self.by_lemma[(entry.lemma, entry.pos)].append(entry)
        for group in self.by_lemma.values():
            group.sort(key=specificity, reverse=True)  # stable: narrower entries are tried first
        self.particles: dict[tuple[str, str], set[str]] = defaultdict(set)
        for entry in self.entries:
            if entry.particle:
                self.particles[(entry.lemma, entry.pos)].add(entry.particle)
        self.light_verbs: set[str] = {lv.split()[0] for e in self.entries for lv in e.light_verbs}
        self.trigger_forms: frozenset[str] = frozenset(_forms(self))
        # every other word an entry names (light verbs, required objects and complements, modifiers), inflected
        self.word_forms: frozenset[str] = frozenset(_word_forms(self))

    def candidates(self, lemma: str, pos: str) -> list[Entry]:
        return self.by_lemma.get((lemma, "NOUN" if pos in ("NOUN", "PROPN") else "VERB"), [])

    def info(self, code: str) -> CameoInfo:
        """The CAMEO table row for a code, falling back to its parent codes."""
        for size in (len(code), 3, 2):
            row = self.cameo.get(code[:size])
            if row:
                if row.code != code:
                    return CameoInfo(code, row.label, row.plover, row.mode, row.goldstein)
                return row
        return CameoInfo(code, "", None, None, None)


def specificity(entry: Entry) -> int:
    """How narrow an entry is: the more it requires, the earlier it is tried."""
    req = entry.requires
    return (
        2 * bool(entry.particle)
        + 2 * bool(req.object)
        + 2 * bool(req.complement)
        + 2 * req.negated
        + 2 * bool(req.modifier)
        + bool(req.prep)
        + bool(entry.light_verbs and not entry.noun_alone)
        + bool(req.target)
        + req.intransitive
        + 2 * bool(req.subject)
    )


def inflections(lemma: str, pos: str) -> set[str]:
    """Surface forms a lemma may take, generously over-generated: used only as a cheap pre-filter."""
    word = lemma.split()[0]
    forms = {word, word + "s", word + "es", word + "ed", word + "d", word + "ing", word + "ies"}
    if word.endswith("e"):
        forms |= {word[:-1] + "ing"}
    if word.endswith("y"):
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    if len(word) > 2 and word[-1] not in "aeiouwxy" and word[-2] in "aeiou":
        forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return forms | IRREGULAR.get(word, set())


IRREGULAR: dict[str, set[str]] = {
    "hold": {"held"}, "meet": {"met"}, "speak": {"spoke", "spoken"}, "give": {"gave", "given"},
    "take": {"took", "taken"}, "seek": {"sought"}, "shoot": {"shot"}, "fight": {"fought"},
    "send": {"sent"}, "lead": {"led"}, "make": {"made"}, "tell": {"told"}, "say": {"said"},
    "strike": {"struck", "stricken"}, "seize": {"seized"}, "beat": {"beaten"}, "withdraw": {"withdrew", "withdrawn"},
    "bring": {"brought"}, "break": {"broke", "broken"}, "sell": {"sold"}, "buy": {"bought"}, "win": {"won"},
    "throw": {"threw", "thrown"}, "begin": {"began", "begun"}, "forgive": {"forgave", "forgiven"},
    "undertake": {"undertook", "undertaken"}, "overthrow": {"overthrew", "overthrown"}, "blow": {"blew", "blown"},
    "flee": {"fled"}, "keep": {"kept"}, "lay": {"laid"}, "pay": {"paid"}, "put": {"put"}, "set": {"set"},
    "shut": {"shut"}, "cut": {"cut"}, "hit": {"hit"}, "quit": {"quit"}, "let": {"let"}, "spread": {"spread"},
    "bid": {"bid"}, "swear": {"swore", "sworn"}, "draw": {"drew", "drawn"}, "drive": {"drove", "driven"},
    "rise": {"rose", "risen"}, "arise": {"arose", "arisen"}, "stand": {"stood"}, "understand": {"understood"},
    "teach": {"taught"}, "catch": {"caught"}, "fly": {"flew", "flown"}, "go": {"went", "gone"},
    "come": {"came"}, "run": {"ran"}, "see": {"saw", "seen"}, "do": {"did", "done"}, "have": {"had", "has"},
    "lose": {"lost"}, "find": {"found"}, "feel": {"felt"}, "leave": {"left"}, "mean": {"meant"}, "write": {"wrote", "written"},
    "forbid": {"forbade", "forbidden"}, "sign": {"signed"}, "slay": {"slew", "slain"}, "bind": {"bound"},
    "tear": {"tore", "torn"}, "wage": {"waged"}, "rebuild": {"rebuilt"}, "build": {"built"}, "freeze": {"froze", "frozen"},
}  # fmt: skip


def _forms(lexicon: Lexicon) -> set[str]:
    forms: set[str] = set()
    for entry in lexicon.entries:
        forms |= inflections(entry.lemma, entry.pos)
    return forms


def _word_forms(lexicon: Lexicon) -> set[str]:
    forms: set[str] = set()
    for entry in lexicon.entries:
        req = entry.requires
        for phrase in (*entry.light_verbs, *req.object, *req.complement, *req.modifier, *entry.modifiers):
            for word in str(phrase).lower().split():
                forms |= inflections(word, "VERB")
    return forms


# A lexicon file is a list of entries, or a mapping with the list under ``entries`` and, under ``shared``, word
# lists and modifier maps that entries reference with YAML aliases (read only through those aliases).
_FILE_KEYS = ("entries", "shared")


def _read_yaml(path: Path, text: str) -> list[Entry]:
    raw = read_yaml(path, text) or []
    if isinstance(raw, dict):
        for key in raw:
            if key not in _FILE_KEYS:
                line = raw.lines.get(key) if isinstance(raw, LineMap) else None
                at = f"line {line}: " if line else ""
                raise DataFileError(f"{at}unknown key {key!r} (known: {', '.join(_FILE_KEYS)})", source=str(path))
    items = raw.get("entries", []) if isinstance(raw, dict) else raw
    if not isinstance(items, list):
        raise DataFileError("expected a list of entries", source=str(path))
    entries = []
    for i, item in enumerate(items):
        name = item.get("id", f"#{i + 1}") if isinstance(item, dict) else f"#{i + 1}"
        if not isinstance(item, dict):
            raise DataFileError(f"entry {name}: an entry is a mapping of keys", source=str(path))
        if "file" in item:
            line = item.lines.get("file") if isinstance(item, LineMap) else None
            raise DataFileError(f"line {line}: entry {name}: unknown key 'file'", source=str(path))
        fields = LineMap(item)
        fields.lines, fields.line = getattr(item, "lines", {}), getattr(item, "line", 0)
        fields["file"] = path.name
        entries.append(validate(Entry, fields, path, where=(f"entry {name}",)))
    return entries


def read_cameo_table(path: Path, text: str) -> dict[str, CameoInfo]:
    rows: dict[str, CameoInfo] = {}
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    for lineno, row in enumerate(csv.DictReader(lines, delimiter="\t"), start=2):
        try:
            code = row["code"].strip()
            goldstein = row.get("goldstein", "").strip()
            rows[code] = CameoInfo(
                code=code,
                label=row.get("label", "").strip(),
                plover=(row.get("plover") or "").strip() or None,
                mode=(row.get("mode") or "").strip() or None,
                goldstein=float(goldstein) if goldstein else None,
            )
        except (KeyError, ValueError, AttributeError) as exc:
            raise DataFileError(f"{path}: data row {lineno}: {exc}") from exc
    return rows


def _yaml_files(paths: Iterable[str | Path]) -> list[Path]:
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files += sorted(p.glob("*lexicon*/*.yaml")) + sorted(p.glob("*lexicon*.yaml"))
        elif p.suffix in (".yaml", ".yml") and "lexicon" in p.name:
            files.append(p)
    return files


def lexicon_files(extra: Iterable[str | Path] = (), builtin: bool = True) -> list[Path]:
    """The files ``load_lexicon`` reads for these arguments, in order: ``cameo.tsv`` and ``lexicon/*.yaml``
    (built-in), then the user's ``*lexicon*.yaml`` files. The lexicon version is their digest."""
    files: list[Path] = []
    if builtin:
        folder = Path(str(DATA / "lexicon"))
        files.append(Path(str(DATA / "cameo.tsv")))
        files += sorted((p for p in folder.iterdir() if p.name.endswith(".yaml")), key=lambda p: p.name)
    return files + _yaml_files(extra)


@lru_cache(maxsize=8)
def load_lexicon(extra: tuple[str, ...] = (), builtin: bool = True) -> Lexicon:
    """Load the built-in lexicon (and the user's ``*lexicon*.yaml`` files in ``extra``), once per process; from
    the compiled cache (``eventwire.cache``) when its source files have not changed. Its ``version`` is the
    digest of those files."""
    files = lexicon_files(extra, builtin)
    version = digest(files)
    return cached("lexicon", version, lambda: _build_lexicon(files, version))


def _build_lexicon(files: Sequence[Path], version: str) -> Lexicon:
    entries: list[Entry] = []
    cameo: dict[str, CameoInfo] = {}
    for path in files:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".tsv":
            cameo.update(read_cameo_table(path, text))
        else:
            entries += _read_yaml(path, text)
    seen: dict[str, str] = {}
    for entry in entries:
        if entry.id in seen:
            raise DataFileError(f"{entry.file}: entry id {entry.id!r} is also defined in {seen[entry.id]}")
        seen[entry.id] = entry.file
    return Lexicon(entries, cameo, version)


def entry_plover(entry: Entry, info: CameoInfo) -> tuple[str | None, str | None]:
    """PLOVER type and mode of an entry: its own where given, else the CAMEO table's."""
    ptype = info.plover if entry.plover == "default" else entry.plover
    return ptype, entry.mode or (info.mode if ptype == info.plover else None)
