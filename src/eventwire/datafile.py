"""The one path every YAML knowledge file loads through, built-in or the user's.

- **Reading**: libyaml's ``yaml.CSafeLoader`` (PyYAML's pure-Python ``SafeLoader`` only where libyaml is missing:
  it is about six times slower). A key given twice in one mapping is an error (PyYAML keeps the last one
  silently), and every mapping remembers the line of each of its keys (:class:`LineMap`).
- **Validating**: :func:`validate` checks a file's content against its pydantic model, which forbids unknown keys;
  the error is a :class:`~eventwire.errors.DataFileError` naming the file, the line and the key.
- **Extending**: :func:`user_files` finds the user's files of one kind among the ``--data`` paths (a file whose
  name contains the kind, or such files in a folder); :func:`merge` lays one over the built-in content (lists
  add their new items, mappings merge key by key, other values replace).
- **Which files**: the ``--data`` paths that the loaders called without arguments use are those of the document
  being processed: :func:`data_scope` sets them for the current thread or task (a ``ContextVar``), so threads
  coding with different configs do not see each other's files.
- **Versions**: :func:`digest` is the content digest of a set of files, which the lexicon and knowledge versions
  and the compiled cache (:mod:`eventwire.cache`) are keyed by.
"""

from __future__ import annotations

import contextlib
import hashlib
import typing
from collections.abc import Iterable, Iterator, Sequence
from contextvars import ContextVar
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from .errors import DataFileError

__all__ = [
    "LineMap", "active_data", "data_scope", "digest", "load_yaml_text", "merge", "read_yaml", "user_files",
    "validate",
]  # fmt: skip

_MERGE_TAG = "tag:yaml.org,2002:merge"
_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Model = TypeVar("Model", bound=BaseModel)


class LineMap(dict):  # type: ignore[type-arg]
    """A YAML mapping as a dict, with the (1-based) line of each key in ``lines``."""

    __slots__ = ("lines", "line")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lines: dict[Any, int] = {}
        self.line = 0


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """A safe loader whose mappings refuse a repeated key and remember their keys' lines."""


def _mapping(loader: _Loader, node: yaml.MappingNode) -> LineMap:
    lines: dict[Any, int] = {}
    for key_node, _ in node.value:
        if key_node.tag == _MERGE_TAG:
            continue  # "<<: *base" may be overridden by the mapping's own keys
        key = loader.construct_object(key_node, deep=True)
        if key in lines:
            raise yaml.constructor.ConstructorError(
                "while reading a mapping", node.start_mark, f"key {key!r} given twice", key_node.start_mark
            )
        lines[key] = key_node.start_mark.line + 1
    result = LineMap(loader.construct_mapping(node, deep=True))
    result.lines = lines
    result.line = node.start_mark.line + 1
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def load_yaml_text(text: str) -> Any:
    """The YAML document in ``text`` as ``yaml.safe_load`` reads it (mappings as :class:`LineMap`); a repeated
    key raises ``yaml.YAMLError``."""
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader


def read_yaml(path: Path | Any, text: str | None = None) -> Any:
    """The content of the YAML file at ``path`` (a ``Path`` or an ``importlib.resources`` file); unreadable or
    invalid YAML raises ``DataFileError`` naming the file and the line."""
    try:
        text = path.read_text(encoding="utf-8") if text is None else text
        return load_yaml_text(text)
    except OSError as exc:
        raise DataFileError(f"cannot read: {exc}", source=str(path)) from exc
    except UnicodeDecodeError as exc:
        raise DataFileError(f"not UTF-8 text: {exc}", source=str(path)) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise DataFileError(f"not valid YAML: {problem}{where}", source=str(path)) from exc


def _line_of(raw: Any, loc: Sequence[Any]) -> int | None:
    """The line of the deepest key of ``loc`` found in ``raw``'s mappings."""
    line = raw.line if isinstance(raw, LineMap) and raw.line else None
    node = raw
    for key in loc:
        if isinstance(node, LineMap) and key in node:
            line = node.lines.get(key, line)
            node = node[key]
        elif isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
            node = node[key]
            if isinstance(node, LineMap) and node.line:
                line = node.line
        else:
            break
    return line


def validate(model: type[Model], raw: Any, path: Path | str, *, where: Sequence[Any] = ()) -> Model:
    """``raw`` checked against ``model`` (whose config forbids unknown keys). A bad key or value raises
    ``DataFileError`` naming the file, the line and the key; ``where`` is the path of ``raw`` inside the file."""
    if raw is None:
        raw = LineMap()
    if not isinstance(raw, dict):
        raise DataFileError("the file must hold a mapping at the top level", source=str(path))
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = [p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-"))]
            key = ".".join(str(p) for p in (*where, *loc)) or "(top level)"
            line = _line_of(raw, loc)
            at = f"line {line}: " if line else ""
            message = "unknown key" if err["type"] == "extra_forbidden" else err["msg"]
            if err["type"] == "extra_forbidden":
                known = _known_keys(model, loc[:-1])
                message += f" (known: {', '.join(known)})" if known else ""
            problems.append(f"{at}{key}: {message}")
        raise DataFileError("; ".join(problems), source=str(path)) from exc


def _known_keys(model: type[BaseModel], loc: Sequence[Any]) -> list[str]:
    """The keys ``model`` allows at ``loc`` (nested models followed where the path is plain)."""
    current: Any = model
    for key in loc:
        if typing.get_origin(current) is dict:
            current = typing.get_args(current)[1]  # a mapping of any names to one kind of value
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or key not in fields:
            return []
        current = fields[key].annotation
    fields = getattr(current, "model_fields", None)
    return sorted(fields) if fields else []


def merge(base: Any, extra: Any) -> Any:
    """``extra`` laid over ``base``: mappings merge key by key, lists add the items they lack, other values
    replace. Neither argument is changed."""
    if isinstance(base, dict) and isinstance(extra, dict):
        out = LineMap(base)
        out.lines = dict(getattr(base, "lines", {}))
        for key, value in extra.items():
            out[key] = merge(base[key], value) if key in base else value
        return out
    if isinstance(base, list) and isinstance(extra, list):
        return base + [item for item in extra if item not in base]
    return extra


def user_files(extra: Iterable[str | Path], kind: str, suffixes: tuple[str, ...] = (".yaml", ".yml")) -> list[Path]:
    """The user's files of one kind among the ``--data`` paths: each file named there whose name contains
    ``kind`` (``status_cues``, ``chrome``...), and such files inside each folder named there, in order."""
    found: list[Path] = []
    for item in extra:
        path = Path(item).expanduser()
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if kind in p.name and p.suffix in suffixes and p.is_file())
        elif kind in path.name and path.suffix in suffixes:
            if not path.is_file():
                raise DataFileError("data file does not exist", source=str(path))
            found.append(path)
    return found


def digest(files: Iterable[Path | Any]) -> str:
    """A short digest of the names and contents of ``files`` (in the order given): a version that changes
    whenever one of them does."""
    h = hashlib.sha256()
    for file in files:
        data = file.read_bytes()
        h.update(Path(str(file)).name.encode())
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()[:12]


# ----------------------------------------------------------------------------------- the active --data paths

DataPaths = tuple[tuple[str, ...], bool]
_ACTIVE: ContextVar[DataPaths] = ContextVar("eventwire_data", default=((), True))


def active_data() -> DataPaths:
    """The ``(extra paths, builtin)`` of the config being processed in this thread or task."""
    return _ACTIVE.get()


@contextlib.contextmanager
def data_scope(extra: Iterable[str], builtin: bool = True) -> Iterator[None]:
    """Within the block, loaders called without arguments read the built-in files (unless ``builtin`` is false)
    and the user's files among ``extra``."""
    token = _ACTIVE.set((tuple(str(e) for e in extra), builtin))
    try:
        yield
    finally:
        _ACTIVE.reset(token)
