"""A compiled cache of parsed knowledge (the lexicon, the gazetteer), so a fresh process starts in seconds.

An object is stored as a pickle under a name made of its kind and a key: the digest of its source files (built-in
and the user's, see ``eventwire.datafile.digest``), of the eventwire modules whose code builds it, and the
eventwire, Python and pydantic versions. A changed data file or a changed loader therefore never reads an old
entry; it builds the object and stores it under its new key.

Where: ``$EVENTWIRE_CACHE_DIR``, else ``$XDG_CACHE_HOME/eventwire``, else ``~/.cache/eventwire``;
``EVENTWIRE_CACHE_DIR=off`` turns the cache off. A directory that cannot be written, or an entry that cannot be
read (truncated, corrupt, from another build), is passed over silently: the object is built as without a cache.
Writes are atomic (a temporary file renamed into place), so two processes filling the cache at once are safe.
The cache holds pickles: keep it where only you can write, as any per-user cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from ._version import __version__

__all__ = ["cache_dir", "cached"]

T = TypeVar("T")
KEEP = 6  # entries of one kind kept; older ones are removed when a new one is written
_OFF = {"off", "0", "no", "none", "false"}


def cache_dir() -> Path | None:
    """The cache directory, or None when the cache is turned off."""
    own = os.environ.get("EVENTWIRE_CACHE_DIR")
    if own is not None:
        return None if own.strip().lower() in _OFF or not own.strip() else Path(own).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path("~/.cache").expanduser())
    return Path(base) / "eventwire"


@lru_cache(maxsize=16)
def _code_digest(modules: tuple[str, ...]) -> str:
    h = hashlib.sha256()
    for name in modules:
        path = Path(__file__).parent.joinpath(*name.split(".")[1:]).with_suffix(".py")
        h.update(path.read_bytes() if path.is_file() else name.encode())
    return h.hexdigest()[:12]


def _key(kind: str, data_digest: str, modules: Iterable[str]) -> str:
    import pydantic

    parts = (kind, data_digest, __version__, sys.version, pydantic.VERSION, _code_digest(tuple(modules)))
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:20]


def cached(kind: str, data_digest: str, build: Callable[[], T], modules: Iterable[str] = ()) -> T:
    """The object of ``kind`` built from data whose digest is ``data_digest``: read from the cache when there,
    else ``build()`` and stored. ``modules`` name the eventwire modules whose code shapes the object (the
    module calling ``cached`` is always one)."""
    folder = cache_dir()
    caller = sys._getframe(1).f_globals.get("__name__", "")
    modules = tuple(sorted({caller, *modules} - {""}))
    if folder is None:
        return build()
    path = folder / f"{kind}-{_key(kind, data_digest, modules)}.pickle"
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)  # noqa: S301 - the user's own cache, keyed by content
    except Exception:  # noqa: BLE001 - missing, truncated or from another build: build it again
        pass
    value = build()
    _store(folder, path, kind, value)
    return value


def _store(folder: Path, path: Path, kind: str, value: object) -> None:
    temporary: str | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=f".{kind}-", suffix=".tmp", delete=False) as handle:
            temporary = handle.name
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except Exception:  # noqa: BLE001 - an unwritable cache (or an object that cannot be pickled) only costs time
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        return
    try:
        old = sorted(folder.glob(f"{kind}-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in old[KEEP:]:
            stale.unlink(missing_ok=True)
    except OSError:
        pass
