"""Readers: every kind of input becomes a stream of ``RawDocument`` records (or ``InputError`` values).

``iter_documents(inputs)`` takes file paths, directories (read recursively; ``pattern`` such as ``"*.html"``
filters file names) and ``"-"`` for standard input. Gzip is opened transparently wherever it is found (by its
magic bytes, whatever the file is called). Each file is one of:

- **a page**: HTML or plain text, one document per file (``content_type`` "html" for ``.html``/``.htm``,
  "text" for ``.txt``, else left for the cleaner to sniff);
- **JSONL** (``.jsonl``, ``.ndjson``, ``.jsonl.gz``..., or any file whose first line is a JSON object): one
  document per line. Recognised fields, first match wins:

  ===================  ==============================================================
  content (required)   ``html`` (content_type "html"), ``text``, ``content``, ``body``
  ``url``              the page address (identity, outlet, URL date)
  ``published``        ``published``, ``date``, ``publish_date``
  ``outlet``           ``outlet``, ``source``, ``site``
  ``id``               the caller's document id (kept as ``Article.id``)
  ``title``            the headline
  ===================  ==============================================================

  Other fields are kept in ``RawDocument.metadata``. ``field_map`` renames fields first, e.g.
  ``{"story": "text", "link": "url"}``.
- **WARC** (``.warc``, ``.warc.gz``, or content starting with ``WARC/``): HTML ``response`` records only
  (request, metadata, revisit and non-HTML responses are skipped); ``WARC-Target-URI`` becomes ``url`` and
  ``WARC-Date`` is kept as ``metadata["capture_date"]``.

One bad file, line or record yields an ``InputError`` subclass (``EmptyInput``, ``BinaryInput``,
``UnreadableInput``, ``InputTooLarge``, ``MalformedInput``) whose ``source`` names it ("path",
"path:line", "file.warc.gz#record-N"), and the iteration goes on. A truncated gzip or WARC file yields what
was read before the cut, then one error. Inside folders only regular files are read: a FIFO, socket or device
yields ``NotARegularFile`` (the pipeline reports it as skipped) without being opened, and a folder that cannot be
listed yields ``UnreadableInput``. A JSON line nested too deep to read fails alone (``MalformedInput``); ``NaN``
and ``Infinity`` in a line are read as null.
"""

from __future__ import annotations

import fnmatch
import gzip
import io
import json
import os
import stat
import sys
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from ..config import DEFAULT, Config
from ..errors import (
    EmptyInput,
    InputError,
    InputTooLarge,
    InternalError,
    MalformedInput,
    NotARegularFile,
    UnreadableInput,
)
from ..model import RawDocument
from .decode import check_text, decode_bytes

__all__ = ["iter_documents", "read_document", "CONTENT_FIELDS", "FIELD_ALIASES"]

GZIP_MAGIC = b"\x1f\x8b"
CONTENT_FIELDS: tuple[tuple[str, str | None], ...] = (
    ("html", "html"),
    ("text", "text"),
    ("content", None),
    ("body", None),
)
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "url": ("url",),
    "published": ("published", "date", "publish_date"),
    "outlet": ("outlet", "source", "site"),
    "id": ("id",),
    "title": ("title",),
}
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonlines")
WARC_SUFFIXES = (".warc", ".arc")
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
TEXT_SUFFIXES = (".txt", ".text")
_GZIP_ERRORS = (EOFError, gzip.BadGzipFile, zlib.error)


def iter_documents(
    inputs: Sequence[str],
    *,
    pattern: str | None = None,
    field_map: dict[str, str] | None = None,
    config: Config = DEFAULT,
) -> Iterator[RawDocument | InputError | InternalError]:
    """Yield a ``RawDocument`` for every document found in ``inputs``, or an ``InputError`` for each bad one.

    ``inputs`` are file paths, directories (recursive; ``pattern`` is a glob on file names, or on the
    relative path when it holds a ``/``) or ``"-"`` for standard input. Errors are yielded, never raised,
    so one bad file, line or record never stops a batch; an unexpected exception while reading one input
    yields an ``InternalError`` for it and reading goes on with the next.
    """
    for item in inputs:
        if item == "-":
            yield from _guarded(_iter_stream(sys.stdin.buffer, "-", None, field_map, config), "-")
            continue
        path = Path(item)
        if path.is_dir():
            for file in _walk(path, pattern):
                if isinstance(file, InputError):
                    yield file
                else:
                    yield from _guarded(_iter_file(file, field_map, config), str(file))
        elif path.exists():
            yield from _guarded(_iter_file(path, field_map, config), item)
        else:
            yield UnreadableInput("no such file or directory", source=item, hint="check the path")


def _guarded(
    items: Iterator[RawDocument | InputError], source: str
) -> Iterator[RawDocument | InputError | InternalError]:
    """The documents of one input; an unexpected exception while reading it (a bug a strange file sets off)
    ends that input only, as one ``InternalError`` naming it, and reading goes on with the next input."""
    try:
        yield from items
    except Exception as exc:
        yield InternalError.wrap(exc, source, "the reader")


def read_document(path: str | Path, *, config: Config = DEFAULT) -> RawDocument:
    """Read one file as one document; raise its ``InputError`` instead of yielding it."""
    for result in _guarded(_iter_file(Path(path), None, config), str(path)):
        if isinstance(result, (InputError, InternalError)):
            raise result
        return result
    raise EmptyInput("no document in the file", source=str(path))


def _walk(root: Path, pattern: str | None) -> Iterator[Path | InputError]:
    """The regular files under ``root`` in name order, and an error for each entry that cannot be read: a folder
    that cannot be listed (``UnreadableInput``), a FIFO, socket or device (``NotARegularFile``: never opened, so
    a pipe in a folder cannot block the run), a broken link."""
    errors: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=errors.append):
        while errors:
            yield _walk_error(errors.pop(0))
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            file = Path(dirpath) / name
            if pattern:
                target = str(file.relative_to(root)) if "/" in pattern else name
                if not fnmatch.fnmatch(target, pattern):
                    continue
            try:
                mode = file.stat().st_mode
            except OSError as exc:
                yield UnreadableInput(f"cannot read: {exc.strerror or exc}", source=str(file))
                continue
            if not stat.S_ISREG(mode):
                yield NotARegularFile(f"skipped: {_file_kind(mode)}, not a regular file", source=str(file))
                continue
            yield file
    while errors:
        yield _walk_error(errors.pop(0))


def _walk_error(exc: OSError) -> InputError:
    where = exc.filename if exc.filename is not None else "?"
    return UnreadableInput(
        f"cannot read the folder: {exc.strerror or exc}", source=str(where), hint="check its permissions"
    )


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"


def _iter_file(
    path: Path, field_map: dict[str, str] | None, config: Config
) -> Iterator[RawDocument | InputError]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield UnreadableInput(f"cannot open: {exc.strerror or exc}", source=str(path))
        return
    with handle:
        yield from _iter_stream(handle, str(path), path, field_map, config)


def _base_name(name: str) -> str:
    name = name.lower()
    return name[:-3] if name.endswith(".gz") else name


def _iter_stream(
    raw: IO[bytes], source: str, path: Path | None, field_map: dict[str, str] | None, config: Config
) -> Iterator[RawDocument | InputError]:
    reader = raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(raw)  # type: ignore[arg-type]
    try:
        head = reader.peek(8)[:8]
    except OSError as exc:
        yield UnreadableInput(f"cannot read: {exc}", source=source)
        return
    if not head:
        yield EmptyInput("the file is empty", source=source)
        return
    compressed = head.startswith(GZIP_MAGIC)
    stream: IO[bytes] = io.BufferedReader(GunzipStream(reader), 1 << 16) if compressed else reader
    base = _base_name(path.name) if path else ""
    try:
        first = _peek_decompressed(stream) if compressed else reader.peek(512)[:512]
    except _GZIP_ERRORS as exc:
        yield UnreadableInput(f"truncated or corrupt gzip data: {exc}", source=source)
        return
    if base.endswith(WARC_SUFFIXES) or first.lstrip().startswith(b"WARC/"):
        from .warc import iter_warc

        # warcio gets the decompressed stream: GzipFile reads the per-record gzip members in a row
        yield from iter_warc(_Rewound(first, stream) if compressed else stream, source, config)
        return
    if base.endswith(JSONL_SUFFIXES) or _looks_like_jsonl(first):
        stream = _Rewound(first, stream) if compressed else stream
        yield from iter_jsonl(stream, source, field_map, config)
        return
    stream = _Rewound(first, stream) if compressed else stream
    try:
        data = _read_limited(stream, config.max_bytes)
    except _GZIP_ERRORS as exc:
        yield UnreadableInput(f"truncated or corrupt gzip data: {exc}", source=source)
        return
    except OSError as exc:
        yield UnreadableInput(f"cannot read: {exc}", source=source)
        return
    if data is None:
        yield InputTooLarge(f"larger than max_bytes={config.max_bytes:,}", source=source)
        return
    content_type = (
        "html" if base.endswith(HTML_SUFFIXES) else "text" if base.endswith(TEXT_SUFFIXES) else None
    )
    try:
        yield _make_document(data, source, content_type=content_type, metadata={"path": source})
    except InputError as exc:
        yield exc


def _peek_decompressed(stream: IO[bytes]) -> bytes:
    return stream.read(512)


class GunzipStream(io.RawIOBase):
    """Streaming gunzip of one or more gzip members that hands out every byte decoded before a cut.

    ``gzip.GzipFile`` drops the last decoded block when the data ends early; this reader returns it and
    raises ``EOFError`` only on the read after it, so readers can yield what came before the truncation.
    """

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw
        self._inflater = zlib.decompressobj(wbits=31)
        self._started = False
        self._carry = b""
        self._pending = b""
        self._done = False
        self._truncated = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._truncated:
            raise EOFError("compressed data ended before the end of the gzip stream (truncated file)")
        while not self._pending and not self._done:
            data = self._carry or self._raw.read(1 << 16)
            self._carry = b""
            if not data:
                self._done = True
                if self._started:  # a member began and never ended: report it on the next read
                    self._truncated = True
                break
            self._started = True
            self._pending = self._inflater.decompress(data, 1 << 20)
            if self._inflater.eof:
                self._carry = self._inflater.unused_data.lstrip(b"\x00")
                self._inflater = zlib.decompressobj(wbits=31)
                self._started = False
            else:
                self._carry = self._inflater.unconsumed_tail
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n


class _Rewound(io.RawIOBase):
    """A stream whose first bytes were already read: replays them, then reads on."""

    def __init__(self, prefix: bytes, rest: IO[bytes]) -> None:
        self._prefix = prefix
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._prefix:
            n = min(len(buffer), len(self._prefix))
            buffer[:n] = self._prefix[:n]
            self._prefix = self._prefix[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _read_limited(stream: IO[bytes], limit: int) -> bytes | None:
    """Read everything, or return None as soon as more than ``limit`` bytes come."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(1 << 20)
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > limit:
            return None
        chunks.append(chunk)


def _looks_like_jsonl(first: bytes) -> bool:
    stripped = first.lstrip()
    if not stripped.startswith(b"{"):
        return False
    line = stripped.split(b"\n", 1)[0]
    if b"\n" not in stripped and len(first) >= 512:
        return True  # a long first line that opens a JSON object
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def _make_document(
    data: bytes,
    source: str,
    *,
    content_type: str | None = None,
    declared: str | None = None,
    **fields: Any,
) -> RawDocument:
    text = decode_bytes(data, source, declared=declared)
    check_text(text, source)
    if not text.strip():
        raise EmptyInput("the document holds only white space", source=source)
    return RawDocument(source=source, content=text, content_type=content_type, **fields)


def iter_jsonl(
    stream: IO[bytes], source: str, field_map: dict[str, str] | None = None, config: Config = DEFAULT
) -> Iterator[RawDocument | InputError]:
    """One document per JSON line; each bad line yields its error (``path:line``) and reading goes on."""
    reader = io.BufferedReader(stream) if isinstance(stream, io.RawIOBase) else stream
    number = 0
    found = False
    while True:
        try:
            line = reader.readline(config.max_bytes + 1)
        except _GZIP_ERRORS as exc:
            yield UnreadableInput(f"truncated or corrupt gzip data after line {number}: {exc}", source=source)
            return
        except OSError as exc:
            yield UnreadableInput(f"cannot read after line {number}: {exc}", source=source)
            return
        if not line:
            break
        number += 1
        where = f"{source}:{number}"
        if len(line) > config.max_bytes and not line.endswith(b"\n"):
            yield InputTooLarge(f"line longer than max_bytes={config.max_bytes:,}", source=where)
            try:  # skip the rest of the line
                while line and not line.endswith(b"\n"):
                    line = reader.readline(1 << 20)
            except _GZIP_ERRORS as exc:
                yield UnreadableInput(f"truncated or corrupt gzip data: {exc}", source=source)
                return
            continue
        if not line.strip():
            continue
        found = True
        try:
            yield _record_from_line(line, where, field_map)
        except InputError as exc:
            yield exc
    if not found:
        yield EmptyInput("no JSON lines in the file", source=source)


def _no_constant(name: str) -> None:
    """``NaN``, ``Infinity`` and ``-Infinity`` (which Python's JSON reader accepts and strict JSON has not) are
    read as null, so what eventwire writes stays strict JSON."""
    return None


def _record_from_line(line: bytes, where: str, field_map: dict[str, str] | None) -> RawDocument:
    try:
        record = json.loads(decode_bytes(line, where), parse_constant=_no_constant)
    except ValueError as exc:
        raise MalformedInput(f"not valid JSON: {exc}", source=where, hint="one JSON object per line") from exc
    except RecursionError as exc:
        raise MalformedInput(
            "JSON nested too deep to read (over about 1,000 levels)", source=where, hint="one flat JSON object per line"
        ) from exc
    if not isinstance(record, dict):
        raise MalformedInput(f"a JSON {type(record).__name__}, not an object", source=where)
    if field_map:
        record = {field_map.get(key, key): value for key, value in record.items()}
    content: str | None = None
    content_type: str | None = None
    used: set[str] = set()
    for name, kind in CONTENT_FIELDS:
        value = record.get(name)
        if isinstance(value, str) and value.strip():
            content, content_type = value, kind
            used.add(name)
            break
    if content is None:
        present = [name for name, _ in CONTENT_FIELDS if name in record]
        if present:
            raise EmptyInput(f"field {present[0]!r} is empty", source=where)
        raise MalformedInput(
            "no text field: expected one of html, text, content, body",
            source=where,
            hint="map your field with field_map, e.g. {'story': 'text'}",
        )
    check_text(content, where)
    fields: dict[str, str | None] = {}
    for target, names in FIELD_ALIASES.items():
        for name in names:
            value = record.get(name)
            if value not in (None, ""):
                fields[target] = str(value)
                used.add(name)
                break
    metadata = {key: value for key, value in record.items() if key not in used}
    return RawDocument(source=where, content=content, content_type=content_type, metadata=metadata, **fields)
