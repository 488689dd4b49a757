"""WARC (and WARC.gz) files: one ``RawDocument`` per HTML response record, read with warcio.

Records are numbered from 1 in file order (every record counts, so ``#record-N`` finds it with any WARC
tool). Request, metadata, revisit and warcinfo records and non-HTML responses are skipped silently; a
response that cannot be decoded, is empty or too large yields its error and reading goes on. A file cut
short yields the records read before the cut, then one ``UnreadableInput``.
"""

from __future__ import annotations

import gzip
import re
import zlib
from collections.abc import Iterator
from typing import IO

from ..config import DEFAULT, Config
from ..errors import EmptyInput, InputError, InputTooLarge, MalformedInput, UnreadableInput
from ..model import RawDocument

HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)


def iter_warc(stream: IO[bytes], source: str, config: Config = DEFAULT) -> Iterator[RawDocument | InputError]:
    """Yield the HTML responses of a WARC stream (uncompressed or gzip per record)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from . import _make_document

    number = 0
    guarded = _Guarded(stream)
    try:
        for record in ArchiveIterator(guarded, check_digests=False):
            number += 1
            where = f"{source}#record-{number}"
            if record.rec_type != "response":
                continue
            http = record.http_headers
            content_type = (http.get_header("Content-Type") if http else None) or ""
            if content_type and content_type.split(";")[0].strip().lower() not in HTML_TYPES:
                continue
            if http is None:
                continue  # a non-HTTP response (dns:, ftp:...)
            length = record.length or 0
            if length > config.max_bytes:
                yield InputTooLarge(
                    f"record of {length:,} bytes, over max_bytes={config.max_bytes:,}", source=where
                )
                continue
            payload = record.content_stream().read(config.max_bytes + 1)
            if len(payload) > config.max_bytes:
                yield InputTooLarge(f"payload over max_bytes={config.max_bytes:,}", source=where)
                continue
            while record.raw_stream.read(1 << 16):
                pass
            missing = getattr(record.raw_stream, "limit", 0)
            if missing > 0:
                yield UnreadableInput(
                    f"record cut short ({missing:,} of {length:,} bytes missing): the WARC file is truncated",
                    source=where,
                )
                return
            if not payload.strip():
                yield EmptyInput("the response has no body", source=where)
                continue
            charset = _CHARSET.search(content_type)
            metadata = {
                "warc_record": number,
                "warc_record_id": record.rec_headers.get_header("WARC-Record-ID"),
                "capture_date": record.rec_headers.get_header("WARC-Date"),
                "http_status": http.get_statuscode() if http else None,
            }
            try:
                yield _make_document(
                    payload,
                    where,
                    content_type="html",
                    declared=charset.group(1) if charset else None,
                    url=record.rec_headers.get_header("WARC-Target-URI"),
                    metadata=metadata,
                )
            except InputError as exc:
                yield exc
        if guarded.error is not None:
            yield UnreadableInput(
                f"truncated or corrupt after record {number}: {guarded.error}", source=source
            )
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        yield UnreadableInput(f"truncated or corrupt after record {number}: {exc}", source=source)
    except ArchiveLoadFailed as exc:
        kind = UnreadableInput if number else MalformedInput
        yield kind(f"not a readable WARC after record {number}: {exc}".strip(), source=source)
    except (ValueError, OSError, AttributeError, TypeError) as exc:  # warcio on a cut header
        yield UnreadableInput(f"cannot read WARC after record {number}: {exc}", source=source)


class _Guarded:
    """A read-only stream that turns a gzip error into end of data and remembers it.

    warcio stops quietly at a broken gzip member; this wrapper lets the reader report the truncation.
    """

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self.error: Exception | None = None

    def read(self, size: int = -1) -> bytes:
        if self.error is not None:
            return b""
        chunks: list[bytes] = []
        wanted = size if size is not None and size >= 0 else 1 << 62
        reader = getattr(self._stream, "read1", self._stream.read)
        try:  # small reads, so a cut loses as little as possible of the data before it
            while wanted > 0:
                chunk = reader(min(wanted, 4096))
                if not chunk:
                    break
                chunks.append(chunk)
                wanted -= len(chunk)
        except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
            self.error = exc
        return b"".join(chunks)

    def readline(self, size: int = -1) -> bytes:
        if self.error is not None:
            return b""
        try:
            return self._stream.readline(size)
        except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
            self.error = exc
            return b""
