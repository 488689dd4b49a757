"""Readers: every input kind, and every failure kind yields a typed error while reading goes on."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from eventwire.config import Config
from eventwire.errors import (
    BinaryInput,
    EmptyInput,
    InputError,
    InputTooLarge,
    MalformedInput,
    UnreadableInput,
)
from eventwire.model import RawDocument
from eventwire.readers import iter_documents

PAGE = "<html><head><title>Story {i}</title></head><body><p>Paragraph {i} of a report on talks.</p></body></html>"


def _split(results):
    results = list(results)
    docs = [r for r in results if isinstance(r, RawDocument)]
    errors = [r for r in results if isinstance(r, InputError)]
    return docs, errors


def _warc(path: Path, records: int, *, truncate_last: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for i in range(records):
        if i == records - 1:
            start_of_last = buffer.tell()
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        payload = io.BytesIO(PAGE.format(i=i).encode() * 20)
        url = f"https://example.com/2024/11/{i + 1:02d}/story-{i}"
        writer.write_record(writer.create_warc_record(url, "response", payload=payload, http_headers=headers))
        request = io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
        writer.write_record(writer.create_warc_record(url, "request", payload=request))
    data = buffer.getvalue()
    if truncate_last:  # cut the last response record in half
        data = data[: start_of_last + (len(data) - start_of_last) // 3]
    path.write_bytes(data)


def test_warc_with_one_truncated_record_yields_19_documents_and_one_error(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    _warc(path, 20, truncate_last=True)
    docs, errors = _split(iter_documents([str(path)]))
    assert len(docs) == 19
    assert len(errors) == 1 and isinstance(errors[0], UnreadableInput)
    assert "truncated" in str(errors[0])
    assert docs[0].url == "https://example.com/2024/11/01/story-0"
    assert docs[0].content_type == "html" and "Paragraph 0" in docs[0].content
    assert docs[0].metadata["capture_date"]
    assert docs[3].source == f"{path}#record-7"  # requests are skipped but counted


def test_complete_warc_reads_every_response(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    _warc(path, 5, truncate_last=False)
    docs, errors = _split(iter_documents([str(path)]))
    assert (len(docs), errors) == (5, [])


def test_jsonl_malformed_line_is_an_error_and_other_lines_come_through(tmp_path):
    path = tmp_path / "stories.jsonl"
    lines = [
        json.dumps({"text": "First story.", "url": "https://a.com/x", "date": "2024-11-10", "source": "A"}),
        '{"text": "broken',
        json.dumps({"story": "Third story.", "site": "c.com", "extra": 1}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"headline": "no text field"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, errors = _split(iter_documents([str(path)], field_map={"story": "text"}))
    assert [d.content for d in docs] == ["First story.", "Third story."]
    assert docs[0].published == "2024-11-10" and docs[0].outlet == "A" and docs[0].source == f"{path}:1"
    assert docs[1].outlet == "c.com" and docs[1].metadata == {"extra": 1}
    assert [type(e) for e in errors] == [MalformedInput, MalformedInput, MalformedInput]
    assert [e.source for e in errors] == [f"{path}:2", f"{path}:4", f"{path}:5"]


def test_truncated_gzip_page_is_an_error(tmp_path):
    data = gzip.compress(("<html><body><p>" + "words " * 20000 + "</p></body></html>").encode())
    (tmp_path / "page.html.gz").write_bytes(data[: len(data) // 2])
    docs, errors = _split(iter_documents([str(tmp_path / "page.html.gz")]))
    assert docs == [] and len(errors) == 1 and isinstance(errors[0], UnreadableInput)


def test_truncated_jsonl_gz_yields_lines_before_the_cut_then_one_error(tmp_path):
    body = "\n".join(json.dumps({"text": f"story {i} " + "x" * 50}) for i in range(3000)).encode()
    data = gzip.compress(body)
    (tmp_path / "s.jsonl.gz").write_bytes(data[: len(data) // 2])
    docs, errors = _split(iter_documents([str(tmp_path / "s.jsonl.gz")]))
    assert 100 < len(docs) < 3000
    assert len(errors) == 1 and "truncated" in str(errors[0])


def test_gzip_found_by_magic_bytes_whatever_the_name(tmp_path):
    (tmp_path / "page.dat").write_bytes(gzip.compress(PAGE.format(i=1).encode()))
    docs, errors = _split(iter_documents([str(tmp_path / "page.dat")]))
    assert errors == [] and "Paragraph 1" in docs[0].content


def test_bad_encodings(tmp_path):
    (tmp_path / "latin.txt").write_bytes("Le président a dit à Genève: très bien.".encode("cp1252") * 10)
    (tmp_path / "meta.html").write_bytes(
        b'<html><head><meta charset="windows-1251"></head><body><p>'
        + "Президент заявил".encode("cp1251") * 10
        + b"</p></body></html>"
    )
    (tmp_path / "garbage.txt").write_bytes(bytes(range(0x80, 0x100)) * 40)
    results = {Path(r.source).name: r for r in iter_documents([str(tmp_path)])}
    assert "président" in results["latin.txt"].content
    assert "Президент" in results["meta.html"].content
    assert isinstance(results["garbage.txt"], UnreadableInput)


def test_binary_empty_missing_and_too_large(tmp_path):
    (tmp_path / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10)
    (tmp_path / "nul.txt").write_bytes(b"text\x00\x00\x01 more")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\t\n")
    big = tmp_path / "big.html"
    with big.open("wb") as handle:  # a 50 MB page
        handle.write(b"<html><body><p>")
        for _ in range(50):
            handle.write(b"x" * (1 << 20))
    results = {Path(r.source).name: r for r in iter_documents([str(tmp_path), str(tmp_path / "missing.txt")])}
    assert isinstance(results["image.html"], BinaryInput)
    assert isinstance(results["nul.txt"], BinaryInput)
    assert isinstance(results["empty.txt"], EmptyInput)
    assert isinstance(results["blank.txt"], EmptyInput)
    assert isinstance(results["big.html"], InputTooLarge) and "max_bytes" in str(results["big.html"])
    assert isinstance(results["missing.txt"], UnreadableInput)
    small = Config(max_bytes=1000)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "p.html").write_text(PAGE.format(i=2) * 20)
    (error,) = iter_documents([str(tmp_path / "sub")], config=small)
    assert isinstance(error, InputTooLarge)


def test_directory_recursion_and_pattern(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.html").write_text(PAGE.format(i=1))
    (tmp_path / "two.txt").write_text("Plain text story.")
    (tmp_path / ".hidden.html").write_text(PAGE.format(i=3))
    docs, errors = _split(iter_documents([str(tmp_path)], pattern="*.html"))
    assert errors == [] and [Path(d.source).name for d in docs] == ["one.html"]
    assert docs[0].content_type == "html"
    docs, _ = _split(iter_documents([str(tmp_path)]))
    assert sorted(Path(d.source).name for d in docs) == ["one.html", "two.txt"]


def test_stdin(monkeypatch):
    lines = b'{"text": "one"}\n{"text": "two"}\n'
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(lines)))
    docs, errors = _split(iter_documents(["-"]))
    assert [d.content for d in docs] == ["one", "two"] and docs[0].source == "-:1"


@pytest.mark.parametrize("name", ["s.ndjson", "s.jsonl"])
def test_jsonl_html_field_sets_content_type(tmp_path, name):
    (tmp_path / name).write_text(json.dumps({"html": PAGE.format(i=1), "title": "T", "id": "doc-1"}) + "\n")
    (doc,) = iter_documents([str(tmp_path / name)])
    assert (doc.content_type, doc.title, doc.id) == ("html", "T", "doc-1")
