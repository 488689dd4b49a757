"""``eventwire extract`` run in process over mixed good and bad inputs: JSONL on stdout, problems on stderr."""

from __future__ import annotations

import gzip
import io
import json
import re
from pathlib import Path

from eventwire.cli.main import main

STORY = (
    "<html lang='en'><head><title>Talks resume in Cairo</title></head><body><article>"
    "<p>Negotiators from Egypt and Qatar met in Cairo on Sunday to resume talks on a ceasefire, officials said.</p>"
    "<p>The talks, story {i}, had stalled last month after a dispute over the release of prisoners.</p>"
    "</article></body></html>"
)
FRENCH = (
    "Le gouvernement français a annoncé lundi de nouvelles sanctions contre le régime, a déclaré le ministre.\n\n"
    "Les négociations reprendront la semaine prochaine à Genève, selon plusieurs diplomates européens."
)
ENGLISH = (
    "Protesters marched through the capital on Saturday, demanding the resignation of the prime minister.\n\n"
    "Police said the rally was peaceful and that no arrests were made."
)


def _warc(path: Path, records: int, *, truncate_last: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    start_of_last = 0
    for i in range(records):
        start_of_last = buffer.tell()
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        url = f"https://example.com/2024/11/{i + 1:02d}/story-{i}"
        payload = io.BytesIO(STORY.format(i=i).encode())
        writer.write_record(writer.create_warc_record(url, "response", payload=payload, http_headers=headers))
    data = buffer.getvalue()
    if truncate_last:
        data = data[: start_of_last + (len(data) - start_of_last) // 3]
    path.write_bytes(data)


def _run(argv: list[str], capsys) -> tuple[int, list[dict], str]:
    code = main(["extract", *argv])
    out, err = capsys.readouterr()
    lines = [json.loads(line) for line in out.splitlines() if line.strip()]
    return code, lines, err


def _summary(err: str) -> dict[str, int]:
    match = re.search(r"read (\d+), coded (\d+), skipped (\d+), failed (\d+)", err)
    assert match, err
    return dict(zip(("read", "coded", "skipped", "failed"), map(int, match.groups()), strict=True))


def test_warc_with_one_truncated_record(tmp_path, capsys, nlp):
    path = tmp_path / "crawl.warc.gz"
    _warc(path, 20, truncate_last=True)
    code, lines, err = _run([str(path)], capsys)
    assert code == 1
    assert len(lines) == 20  # JSON Lines by default when stdout is not a terminal: one line per document
    assert [r["status"] for r in lines].count("failed") == 1
    assert sum(r["status"] == "ok" for r in lines) == 19
    assert lines[0]["article"]["url"] == "https://example.com/2024/11/01/story-0"
    assert lines[0]["article"]["published"] == "2024-11-01"
    assert _summary(err) == {"read": 20, "coded": 19, "skipped": 0, "failed": 1}
    failure = [line for line in err.splitlines() if line.startswith("eventwire: failed")]
    assert len(failure) == 1 and "crawl.warc.gz" in failure[0] and "truncated" in failure[0]


def test_mixed_folder_of_good_and_bad_inputs(tmp_path, capsys, nlp):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "story.html").write_text(STORY.format(i=1), encoding="utf-8")
    (folder / "report.txt").write_text(ENGLISH, encoding="utf-8")
    (folder / "french.txt").write_text(FRENCH, encoding="utf-8")
    (folder / "feed.jsonl").write_text(
        json.dumps({"id": "j1", "text": ENGLISH, "url": "https://news.example.org/2024/03/02/rally"})
        + "\n{not json\n"
        + json.dumps({"id": "j2", "html": STORY.format(i=2)})
        + "\n",
        encoding="utf-8",
    )
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (folder / "garbage.txt").write_bytes(bytes(range(0x80, 0x100)) * 40)
    (folder / "cut.html.gz").write_bytes(gzip.compress(STORY.format(i=3).encode() * 50)[:300])
    with (folder / "huge.html").open("wb") as handle:  # a 50 MB page
        handle.write(b"<html><body><p>")
        for _ in range(50):
            handle.write(b"word " * (1 << 18))
    (folder / "notes.md").write_text(ENGLISH, encoding="utf-8")  # left out by --pattern
    code, lines, err = _run([str(folder), "--pattern", "*.*[!d]"], capsys)
    assert code == 1
    by_source = {}
    for line in lines:
        article = line.get("article") or {}
        by_source[Path(article.get("source") or line["document_id"]).name] = line
    assert len(lines) == 11  # 8 files + 3 JSONL lines; notes.md is not read
    assert "notes.md" not in err and "notes.md" not in by_source
    assert by_source["story.html"]["status"] == "ok"
    assert by_source["report.txt"]["status"] == "ok"
    assert by_source["feed.jsonl:1"]["article"]["id"] == "j1"
    assert by_source["feed.jsonl:3"]["status"] == "ok"
    assert by_source["french.txt"]["status"] == "skipped"
    assert by_source["french.txt"]["reason"] == "language: fr"
    assert _summary(err) == {"read": 11, "coded": 4, "skipped": 1, "failed": 6}
    expected = {
        "feed.jsonl:2": "not valid JSON",
        "empty.txt": "empty",
        "image.html": "PNG",
        "garbage.txt": "cannot decode",
        "cut.html.gz": "truncated",
        "huge.html": "max_bytes",
    }
    problems = [line for line in err.splitlines() if line.startswith("eventwire: failed")]
    assert len(problems) == 6
    for name, reason in expected.items():
        assert any(name in line and reason in line for line in problems), (name, err)
    assert "eventwire: skipped " in err and "french.txt: language: fr" in err


def test_stdin_and_single_document_formats(tmp_path, capsys, monkeypatch, nlp):
    class Stdin:
        buffer = io.BytesIO(ENGLISH.encode())

    monkeypatch.setattr("sys.stdin", Stdin())
    code, lines, err = _run(["-", "--url", "https://example.org/2024/05/06/protest"], capsys)
    assert code == 0 and len(lines) == 1 and err == ""
    assert lines[0]["article"]["published"] == "2024-05-06"
    page = tmp_path / "one.txt"
    page.write_text(ENGLISH, encoding="utf-8")
    assert main(["extract", str(page), "--format", "json"]) == 0
    single = json.loads(capsys.readouterr().out)
    assert isinstance(single, dict) and single["status"] == "ok"
    assert main(["extract", str(page), str(page), "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert [r["status"] for r in json.loads(out)] == ["ok", "ok"]
    assert "read 2, coded 2, skipped 0, failed 0" in err


def test_nothing_readable_exits_2(tmp_path, capsys):
    (tmp_path / "empty.txt").write_bytes(b"")
    code, lines, err = _run([str(tmp_path / "empty.txt"), str(tmp_path / "missing.html")], capsys)
    assert code == 2
    assert [r["status"] for r in lines] == ["failed", "failed"]
    assert "missing.html" in err and "no such file" in err


def test_workers_spread_documents_over_processes(tmp_path, capsys, nlp):
    path = tmp_path / "crawl.warc.gz"
    _warc(path, 6, truncate_last=True)
    (tmp_path / "french.txt").write_text(FRENCH, encoding="utf-8")
    code, lines, err = _run([str(path), str(tmp_path / "french.txt"), "--workers", "2"], capsys)
    assert code == 1
    assert [r["status"] for r in lines] == ["ok"] * 5 + ["failed", "skipped"]  # input order is kept
    assert _summary(err) == {"read": 7, "coded": 5, "skipped": 1, "failed": 1}
