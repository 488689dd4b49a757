"""Bytes → text: binary sniffing, charset detection and a guarded UTF-8 fallback.

The order is: a byte-order mark; strict UTF-8; the charset the page declares (HTTP header or HTML
``<meta charset>``); charset-normalizer's best guess when it reads the bytes cleanly; and finally UTF-8
with replacement characters, but only while the replacements stay rare (the text is still mostly valid).
Anything else raises ``UnreadableInput``; NUL bytes, known binary signatures or many control
characters raise ``BinaryInput``.
"""

from __future__ import annotations

import codecs
import re

from ..errors import BinaryInput, UnreadableInput

# Signatures of common binary formats a user may point eventwire at by mistake.
BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"\x7fELF", "an executable"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ", "an xz archive"),
    (b"7z\xbc\xaf", "a 7z archive"),
    (b"\x28\xb5\x2f\xfd", "a zstd archive"),
    (b"PAR1", "a Parquet file"),
    (b"SQLite format 3", "an SQLite database"),
)
MAX_REPLACEMENT_RATIO = 0.01  # the UTF-8 fallback is allowed while under 1% of characters are replaced
MAX_CONTROL_RATIO = 0.05
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def sniff_binary(data: bytes, source: str) -> None:
    """Raise ``BinaryInput`` when ``data`` is plainly not text (signature, NUL bytes, control characters)."""
    head = data[:16]
    for magic, what in BINARY_MAGIC:
        if head.startswith(magic):
            raise BinaryInput(f"this is {what}, not text", source=source)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return  # UTF-16 text has NUL bytes by design
    sample = data[:65536]
    if b"\x00" in sample:
        raise BinaryInput("the content holds NUL bytes (binary data)", source=source)
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32 or b == 127)
    if sample and controls / len(sample) > MAX_CONTROL_RATIO:
        raise BinaryInput(
            f"{controls} control bytes in the first {len(sample)} bytes: not text", source=source
        )


def _try(data: bytes, encoding: str | None) -> str | None:
    if not encoding:
        return None
    try:
        codecs.lookup(encoding)
        return data.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        return None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first 4 KB (``<meta charset=...>``), if any."""
    match = META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "ignore").lower() if match else None


def decode_bytes(data: bytes, source: str, *, declared: str | None = None) -> str:
    """Decode ``data`` to text or raise a typed ``InputError`` naming ``source``.

    ``declared`` is a charset the container states (an HTTP ``Content-Type``); it is tried after UTF-8.
    """
    sniff_binary(data, source)
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            text = _try(data, encoding)
            if text is not None:
                return text
    text = _try(data, "utf-8")
    if text is not None:
        return text
    for encoding in (declared, declared_charset(data)):
        if encoding and encoding.replace("-", "").replace("_", "") not in ("utf8",):
            text = _try(data, encoding)
            if text is not None:
                return text
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is not None and best.chaos < 0.1 and best.encoding:
        text = _try(data, best.encoding)
        if text is not None:
            return text
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd")
    if replaced / max(1, len(text)) <= MAX_REPLACEMENT_RATIO:
        return text
    raise UnreadableInput(
        f"cannot decode the text: no charset reads it cleanly ({replaced} of {len(text)} characters invalid as UTF-8)",
        hint="convert the file to UTF-8, or declare its charset",
        source=source,
    )


def check_text(text: str, source: str) -> None:
    """Raise ``BinaryInput`` for decoded text that is mostly not text (NULs, control characters)."""
    if "\x00" in text:
        raise BinaryInput("the content holds NUL characters (binary data)", source=source)
    sample = text[:65536]
    controls = len(_CONTROL.findall(sample))
    if sample and controls / len(sample) > MAX_CONTROL_RATIO:
        raise BinaryInput(f"{controls} control characters in {len(sample)}: not text", source=source)
