"""Loading the enrich stage's cue files (``eventwire/data/*.yaml``), built-in and the user's alike.

Each file has a schema here (a pydantic model that forbids unknown keys). ``load_yaml`` reads the built-in file
and then the user's files of the same kind among the active ``--data`` paths (``eventwire.datafile.data_scope``:
a ``my_status_cues.yaml``, or such a file in a folder), validates each (an error names the file, the line and the
key) and lays them over each other (lists add their new items, mappings merge, other values replace). The
compiled cues are cached per set of paths by the loaders in ``status``, ``time``, ``place`` and ``quantity``.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ..datafile import LineMap, merge, read_yaml, user_files, validate
from ..errors import DataFileError


def data_path(name: str) -> Path:
    """The path of a built-in data file in ``eventwire/data``."""
    return Path(str(resources.files("eventwire") / "data" / name))


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


Words = list[str]


class _Intended(_Strict):
    aux: Words = Field(default_factory=list)
    governors: Words = Field(default_factory=list)
    modifiers: Words = Field(default_factory=list)
    nouns: Words = Field(default_factory=list)
    announcers: Words = Field(default_factory=list)


class _Hypothetical(_Strict):
    aux: Words = Field(default_factory=list)
    marks: Words = Field(default_factory=list)
    governors: Words = Field(default_factory=list)
    modifiers: Words = Field(default_factory=list)
    nouns: Words = Field(default_factory=list)
    settings: Words = Field(default_factory=list)  # an act during one of these is played, not done ("a drill")


class _Negated(_Strict):
    neg: Words = Field(default_factory=list)
    determiners: Words = Field(default_factory=list)
    governors: Words = Field(default_factory=list)
    yet_to: bool = True


class _Denied(_Strict):
    governors: Words = Field(default_factory=list)
    report_nouns: Words = Field(default_factory=list)


class StatusCuesFile(_Strict):
    """``status_cues.yaml``: the words that make an event intended, hypothetical, negated or denied."""

    version: int | str | None = None  # the file's own note; the knowledge version is the content digest
    intended: _Intended = Field(default_factory=_Intended)
    hypothetical: _Hypothetical = Field(default_factory=_Hypothetical)
    negated: _Negated = Field(default_factory=_Negated)
    denied: _Denied = Field(default_factory=_Denied)
    speech_verbs: Words = Field(default_factory=list)
    support_verbs: Words = Field(default_factory=list)


class TimeCuesFile(_Strict):
    """``time_cues.yaml``: regular expressions of temporal expressions, and the prepositions that take them."""

    version: int | str | None = None
    find: Words = Field(default_factory=list)
    vague: Words = Field(default_factory=list)
    not_dates: Words = Field(default_factory=list)
    background: Words = Field(default_factory=list)  # modifiers that put an act in the background ("has long")
    background_markers: Words = Field(default_factory=list)  # subordinators of a background clause ("since")
    prepositions: Words = Field(default_factory=list)


class PlaceCuesFile(_Strict):
    """``place_cues.yaml``: what puts an event at a place."""

    version: int | str | None = None
    locative_prepositions: Words = Field(default_factory=list)
    motion_lemmas: Words = Field(default_factory=list)
    place_object_lemmas: Words = Field(default_factory=list)
    place_head_nouns: Words = Field(default_factory=list)
    admin1_suffixes: Words = Field(default_factory=list)  # words that name a first-level division ("province")
    place_labels: Words = Field(default_factory=lambda: ["GPE", "LOC", "FAC"])
    min_other_label_population: int = 100000


class UnitsFile(_Strict):
    """``units.yaml``: number words, vague amounts, outcome units, currencies."""

    version: int | str | None = None
    number_words: dict[str, float] = Field(default_factory=dict)
    multipliers: dict[str, float] = Field(default_factory=dict)
    vague: dict[str, float] = Field(default_factory=dict)
    qualifiers: dict[str, str] = Field(default_factory=dict)
    outcome_verbs: dict[str, str] = Field(default_factory=dict)
    outcome_words: dict[str, str] = Field(default_factory=dict)
    money_triggers: Words = Field(default_factory=list)
    currencies: dict[str, str] = Field(default_factory=dict)


class _Reciprocal(_Strict):
    pronouns: Words = Field(default_factory=list)


class _NominalAgent(_Strict):
    preps: Words = Field(default_factory=list)


class _QuoteFrame(_Strict):
    first_person: Words = Field(default_factory=list)


class _CoActors(_Strict):
    subject_preps: Words = Field(default_factory=list)
    member_preps: Words = Field(default_factory=list)


class _LightPhrases(_Strict):
    object_in_force: Words = Field(default_factory=list)


class RoleCuesFile(_Strict):
    """``role_cues.yaml``: the grammar words that decide an event's source and target."""

    version: int | str | None = None
    reciprocal: _Reciprocal = Field(default_factory=_Reciprocal)
    nominal_agent: _NominalAgent = Field(default_factory=_NominalAgent)
    quote_frame: _QuoteFrame = Field(default_factory=_QuoteFrame)
    co_actors: _CoActors = Field(default_factory=_CoActors)
    light_phrases: _LightPhrases = Field(default_factory=_LightPhrases)


SCHEMAS: dict[str, type[BaseModel]] = {
    "status_cues.yaml": StatusCuesFile,
    "time_cues.yaml": TimeCuesFile,
    "place_cues.yaml": PlaceCuesFile,
    "units.yaml": UnitsFile,
    "role_cues.yaml": RoleCuesFile,
}


def cue_files(name: str, extra: tuple[str, ...], builtin: bool) -> list[Path]:
    """The files ``load_yaml(name)`` reads for these ``--data`` paths, in order."""
    kind = name.rsplit(".", 1)[0]
    return ([data_path(name)] if builtin else []) + user_files(extra, kind)


@lru_cache(maxsize=32)
def load_yaml(name: str, extra: tuple[str, ...] = (), builtin: bool = True) -> dict[str, Any]:
    """The content of cue file ``name``: the built-in file (unless ``builtin`` is false) with the user's files of
    the same kind among ``extra`` laid over it, each validated against its schema, defaults filled in."""
    model = SCHEMAS[name]
    table: Any = LineMap()
    for path in cue_files(name, extra, builtin):
        raw = read_yaml(path)
        validate(model, raw, path)
        table = merge(table, raw or {})
    return validate(model, table, name).model_dump()


def word_set(table: dict[str, Any], *keys: str, source: str) -> frozenset[str]:
    """The lower-cased list at ``table[k1][k2]...`` as a frozenset (a missing key is an error)."""
    node: Any = table
    for key in keys:
        if not isinstance(node, dict) or key not in node:
            raise DataFileError(f"missing key {'.'.join(keys)!r}", source=source)
        node = node[key]
    if not isinstance(node, list) or not all(isinstance(v, str) for v in node):
        raise DataFileError(f"key {'.'.join(keys)!r} must be a list of strings", source=source)
    return frozenset(v.lower() for v in node)
