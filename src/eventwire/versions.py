"""What a result was coded with: the eventwire release and digests of the knowledge files that were loaded.

- ``lexicon``: the digest of ``cameo.tsv``, ``lexicon/*.yaml`` and the user's ``*lexicon*.yaml`` files;
- ``knowledge``: the digest of every other file coding reads - the actor tables and PETRARCH dictionaries, the
  attribution, chrome and enrichment cue files (built-in and the user's ``--data`` files), ``places_extra.tsv``
  and the document-label model.

Both change exactly when one of those files does (a hand-written version header can be forgotten), so the store
knows which articles ``recode`` must code again (``eventwire.store.recode``). Computing them reads the files'
bytes only, no model and no parsing.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ._version import __version__
from .config import Config
from .datafile import data_scope, digest
from .model import Versions

__all__ = ["check_data_files", "knowledge_files", "versions"]

_MODELS = Path(__file__).parent / "models"
_CUE_FILES = ("status_cues.yaml", "time_cues.yaml", "place_cues.yaml", "units.yaml")


def knowledge_files(extra: tuple[str, ...] = (), builtin: bool = True) -> list[Path]:
    """Every knowledge file except the lexicon's that coding with these ``--data`` paths reads, in order."""
    from .attribution import attribution_files
    from .clean import chrome_files
    from .enrich._data import cue_files, data_path
    from .knowledge import actor_files

    files = actor_files(extra, builtin) + attribution_files(extra, builtin) + chrome_files(extra, builtin)
    for name in _CUE_FILES:
        files += cue_files(name, extra, builtin)
    files.append(data_path("places_extra.tsv"))
    files += sorted(_MODELS.glob("label_model.npz"))
    return files


@lru_cache(maxsize=16)
def _versions(extra: tuple[str, ...], builtin: bool) -> Versions:
    from .lexicon import lexicon_files

    return Versions(
        eventwire=__version__,
        lexicon=digest(lexicon_files(extra, builtin)),
        knowledge=digest(knowledge_files(extra, builtin)),
    )


def versions(config: Config) -> Versions:
    """The versions a result coded with ``config`` records (cached per process: the files are read once)."""
    found = _versions(tuple(config.data), config.builtin_data)
    return Versions(found.eventwire, found.lexicon, found.knowledge)


def check_data_files(config: Config) -> None:
    """Load the config's YAML cue files (status, time, place, units, chrome, attribution), so a broken user file
    stops a command with its ``DataFileError`` before the first document instead of failing every document.
    Without user files there is nothing to check: the built-in files load when the first document needs them
    (and are checked by the test suite), so a command that codes nothing does not parse them."""
    if not config.data:
        return
    from .attribution import load_attribution_lexicon
    from .clean import load_chrome_rules
    from .enrich.place import load_place_cues
    from .enrich.quantity import load_unit_cues
    from .enrich.status import load_status_cues
    from .enrich.time import load_time_cues

    with data_scope(config.data, config.builtin_data):
        load_status_cues()
        load_time_cues()
        load_place_cues()
        load_unit_cues()
        load_chrome_rules()
    load_attribution_lexicon(tuple(config.data), builtin=config.builtin_data)
