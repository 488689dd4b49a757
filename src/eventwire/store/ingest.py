"""Writing DocumentResults into the store: article identity, wire copies, replacement, merging.

- **Identity**: an article is its ``document_id`` (``urls.document_id``: the normalised URL where it has one,
  else a hash of its clean text). Storing it again with the same clean text changes nothing ("already stored");
  with new text (same URL) its articles, events, actors, quotes and citations rows are replaced.
- **Wire copies**: an article whose clean text equals a stored one's, or whose MinHash (over word 3-shingles)
  estimates a Jaccard similarity of at least ``COPY_THRESHOLD`` (0.7) with one, is a copy: it joins that article's
  story (``story_id``). Canonical events count stories, not copies.
- **Batches**: each batch of results is written in one transaction (articles, events and their words in
  ``evidence_index``, actors, quotes, citations and the merge), so a killed ingest leaves the database at its last
  committed batch. Replacing an article deletes its events' words from ``evidence_index`` with its events.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import json
import re
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import numpy as np
import pyarrow as pa

from .._version import __version__
from ..errors import EventwireError, InternalError, StoreError
from ..model import Article, DocumentResult, Event, EventActor, RawDocument
from ..urls import document_id as make_document_id
from ..urls import normalize_url, text_hash
from . import merge
from .db import Store, canonical_key, evidence_index_unsorted, index_evidence, sort_evidence_index

COPY_THRESHOLD = 0.7  # estimated Jaccard similarity of word shingles at or above which a text is a copy
LSH_THRESHOLD = 0.5  # looser, for finding candidates (LSH banding is probabilistic near its threshold)
NUM_PERM = 64
SHINGLE = 3
MIN_SHINGLES = 8  # shorter texts are compared by exact hash only
# An ingest ends by sorting the word index (evidence_index) when this many rows, and this share of it, came since it
# was last sorted: a million unsorted rows scan in a few ms; sorting 14 million (a million events) takes ~15 s.
INDEX_SORT_ROWS = 1_000_000
INDEX_SORT_SHARE = 0.1
_WORD = re.compile(r"\w+")


def parse_date(value: Any) -> date | None:
    """An ISO date, or the first day of an ISO month or year; None for anything else."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for length, suffix in ((10, ""), (7, "-01"), (4, "-01-01")):
        try:
            return date.fromisoformat(text[:length] + suffix)
        except ValueError:
            continue
    return None


def raw_hash(raw: RawDocument) -> str:
    """A hash of a document as read, before cleaning (lets ``known`` skip unchanged pages before the NLP)."""
    return hashlib.sha256(raw.content.encode("utf-8", "replace")).hexdigest()


# ---------------------------------------------------------------- wire copies


def shingles(text: str) -> set[bytes]:
    words = _WORD.findall(text.lower())
    return {" ".join(words[i : i + SHINGLE]).encode("utf-8") for i in range(max(0, len(words) - SHINGLE + 1))}


MINHASH_SCHEME = "affine32"  # datasketch >= 2.0 names its hashing scheme; stored signatures depend on it


_TEMPLATE: list[Any] = []


def _new_minhash(hashvalues: Any = None) -> Any:
    """A MinHash of this store's size, scheme and shingle hash (CRC-32: fast, and enough to tell shingles apart
    before MinHash's own permutations); its permutations are made once and shared (they are costly). Stored
    signatures depend on all three: change none of them without a schema migration that recomputes them."""
    from datasketch import MinHash

    try:
        if not _TEMPLATE:
            _TEMPLATE.append(MinHash(num_perm=NUM_PERM, scheme=MINHASH_SCHEME, hashfunc=zlib.crc32))
        return MinHash(
            num_perm=NUM_PERM,
            hashvalues=hashvalues,
            permutations=_TEMPLATE[0].permutations,
            scheme=MINHASH_SCHEME,
            hashfunc=zlib.crc32,
        )
    except TypeError:  # datasketch < 2.0 has one scheme and no such argument
        if not _TEMPLATE:
            _TEMPLATE.append(MinHash(num_perm=NUM_PERM, hashfunc=zlib.crc32))
        return MinHash(
            num_perm=NUM_PERM,
            hashvalues=hashvalues,
            permutations=_TEMPLATE[0].permutations,
            hashfunc=zlib.crc32,
        )


def minhash_of(text: str) -> Any | None:
    """The MinHash of a text's word shingles, or None when it is too short to compare that way."""
    grams = shingles(text)
    if len(grams) < MIN_SHINGLES:
        return None
    mh = _new_minhash()
    mh.update_batch(list(grams))
    return mh


class CopyIndex:
    """Finds the stored article a new text copies: exact text hash first, then MinHash LSH."""

    def __init__(self, store: Store) -> None:
        from datasketch import MinHashLSH

        self.store = store
        self.lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        self.signatures: dict[str, Any] = {}
        self.story: dict[str, str] = {}
        self._loaded = False

    def _load(self) -> None:
        from datasketch import LeanMinHash

        rows = self.store.conn.execute(
            "SELECT document_id, story_id, minhash FROM articles WHERE minhash IS NOT NULL"
        ).fetchall()
        with self.lsh.insertion_session() as session:
            for doc, story, blob in rows:
                mh = LeanMinHash(_new_minhash(np.frombuffer(blob, dtype="<u8")))
                self.signatures[doc] = mh
                self.story[doc] = story
                session.insert(doc, mh)
        self._loaded = True

    def find(self, doc_id: str, mh: Any) -> str | None:
        """The most similar stored article at or above the threshold, or None."""
        if mh is None:
            return None
        if not self._loaded:
            self._load()
        best, best_j = None, COPY_THRESHOLD
        for other in self.lsh.query(mh):
            if other == doc_id:
                continue
            j = mh.jaccard(self.signatures[other])
            if j >= best_j and (best is None or j > best_j or other < best):
                best, best_j = other, j
        return best

    def add(self, doc_id: str, story_id: str, mh: Any) -> None:
        if mh is None or not self._loaded:
            return
        if doc_id in self.signatures:
            self.remove(doc_id)
        self.signatures[doc_id] = mh
        self.story[doc_id] = story_id
        self.lsh.insert(doc_id, mh)

    def remove(self, doc_id: str) -> None:
        if doc_id in self.signatures:
            self.lsh.remove(doc_id)
            del self.signatures[doc_id]
            self.story.pop(doc_id, None)


# ---------------------------------------------------------------- rows

_SCALARS = (str, int, float, bool, type(None))
_FIELDS: dict[type, tuple[str, ...]] = {}


def plain(value: Any) -> Any:
    """``to_dict`` for records, several times faster than ``dataclasses.asdict`` (the ingest's hot path)."""
    if isinstance(value, _SCALARS):
        return value
    cls = type(value)
    if cls is list or cls is tuple:
        return [plain(v) for v in value]
    if cls is dict:
        return {k: plain(v) for k, v in value.items()}
    names = _FIELDS.get(cls)
    if names is None:
        if not dataclasses.is_dataclass(value):
            return value
        names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(value))
    return {name: plain(getattr(value, name)) for name in names}


def _actor_cols(prefix: str, actor: EventActor | None) -> dict[str, Any]:
    if actor is None:
        return {
            f"{prefix}_name": None,
            f"{prefix}_country": None,
            f"{prefix}_sector": None,
            f"{prefix}_code": None,
        }
    return {
        f"{prefix}_name": actor.name or actor.text,
        f"{prefix}_country": actor.country,
        f"{prefix}_sector": actor.sector,
        f"{prefix}_code": actor.code,
    }


def event_row(
    event: Event, document_id: str, story_id: str, seen: date | None, versions: tuple[str, str, str]
) -> dict[str, Any]:
    """The ``events`` row of one event (the whole record kept as JSON in ``record``)."""
    loc = event.location
    row = {
        "uid": f"{document_id}/{event.id}",
        "event_id": event.id,
        "document_id": document_id,
        "story_id": story_id,
        "canonical_id": None,
        "sentence_index": event.sentence_index,
        "plover_type": event.plover.type if event.plover else None,
        "plover_mode": event.plover.mode if event.plover else None,
        "cameo_code": event.cameo.code if event.cameo else None,
        "cameo_root": event.cameo.root if event.cameo else None,
        "quad_class": event.cameo.quad_class if event.cameo else None,
        "goldstein": event.cameo.goldstein if event.cameo else None,
        "status": event.status,
        "kind": event.kind,
        **_actor_cols("source", event.source),
        **_actor_cols("target", event.target),
        "date": parse_date(event.date.value) if event.date else None,
        "date_precision": event.date.precision if event.date else "unknown",
        "place_name": loc.name if loc else None,
        "place_country": loc.country if loc else None,
        "place_admin1": loc.admin1 if loc else None,
        "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None,
        "geonames_id": loc.geonames_id if loc else None,
        "place_precision": loc.precision if loc else None,
        "evidence": event.evidence.text if event.evidence else None,
        "evidence_words": search_words(event.evidence.text) if event.evidence else None,
        "evidence_bloom": word_bloom(_WORD.findall(event.evidence.text.lower())) if event.evidence else None,
        "confidence": event.confidence,
        "extractor": event.extractor,
        "eventwire_version": event.versions.eventwire if event.versions else versions[0],
        "lexicon_version": event.versions.lexicon if event.versions else versions[1],
        "knowledge_version": (event.versions.knowledge if event.versions else versions[2]) or None,
        "seen": seen,
        "record": record_json(event),
    }
    if row["date"] is None:
        row["date_precision"] = "unknown"
    return row


try:  # orjson writes dataclass records directly, ~10x faster than to_dict + json (the ingest's hot path)
    import orjson

    def record_json(record: Any) -> str:
        """The record as JSON text (what ``to_dict`` + ``json.dumps`` give)."""
        return orjson.dumps(record).decode("utf-8")

except ImportError:  # pragma: no cover - orjson is optional

    def record_json(record: Any) -> str:
        """The record as JSON text (what ``to_dict`` + ``json.dumps`` give)."""
        return json.dumps(plain(record), ensure_ascii=False)


def search_words(text: str) -> str:
    """`` a b c ``: the text's words, lower-cased, each with a space either side (``contains(x, ' word ')`` is a
    whole-word match in plain SQL, with no full-text extension)."""
    return " " + " ".join(_WORD.findall(text.lower())) + " "


def word_bloom(words: Iterable[str]) -> int:
    """A 64-bit mask with one bit per word (``crc32(word) % 64``), as a signed BIGINT: ``bloom & m = m`` is a fast
    prefilter before matching the words themselves."""
    mask = 0
    for word in words:
        mask |= 1 << (zlib.crc32(word.encode("utf-8")) & 63)
    return mask - (1 << 64) if mask >= 1 << 63 else mask


def _versions(result: DocumentResult) -> tuple[str, str, str]:
    """(eventwire, lexicon, knowledge) versions of a result; "" for a knowledge version it does not record."""
    for versions in (result.versions, *(e.versions for e in result.events)):
        if versions is not None:
            return versions.eventwire, versions.lexicon, versions.knowledge
    return __version__, "unknown", ""


def article_from_row(text: str, article_json: str) -> Article:
    """Rebuild a stored Article (for recode)."""
    from ..model import from_dict

    data = json.loads(article_json)
    data["text"] = text
    return from_dict(Article, data)


# ---------------------------------------------------------------- report


@dataclass
class IngestReport:
    """What an ingest did. ``coded`` counts articles written (new or replaced)."""

    read: int = 0
    coded: int = 0
    replaced: int = 0
    already_stored: int = 0
    copies: int = 0
    skipped: int = 0
    failed: int = 0
    events_written: int = 0
    canonical_created: int = 0
    batches: int = 0
    skip_reasons: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["skip_reasons"] = dict(self.skip_reasons)
        return data


# ---------------------------------------------------------------- writer


def _insert(store: Store, table: str, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    data = pa.Table.from_pylist(rows)  # noqa: F841 - read by DuckDB below
    store.conn.execute(f"INSERT INTO {table} BY NAME SELECT * FROM data")


def _index_events(store: Store, rows: list[dict[str, Any]]) -> None:
    """Add the batch's events to the word index of evidence sentences."""
    if not rows:
        return
    events = pa.table(
        {
            "uid": [r["uid"] for r in rows],
            "canonical_key": [canonical_key(r["canonical_id"]) for r in rows],
            "evidence_words": [r["evidence_words"] for r in rows],
        }
    )
    store.conn.register("_batch_events", events)
    try:
        index_evidence(store.conn, "_batch_events")
    finally:
        store.conn.unregister("_batch_events")


class Ingestor:
    """Writes DocumentResults to an open (writable) store, a transaction per batch.

    ``force`` replaces stored articles even when their text is unchanged (recode).
    """

    def __init__(self, store: Store, *, force: bool = False) -> None:
        if store.read_only:
            raise StoreError(f"database {store.path} is open read-only; ingest needs it writable")
        self.store = store
        self.force = force
        self.copies = CopyIndex(store)
        self._raw_hashes: dict[str, str] = {}  # document id -> hash of the page as read
        self._raw_by_source: dict[str, str] = {}  # the same for pages read without a URL, by their source
        self.report = IngestReport()

    # -- pipeline hook
    def known(self, raw: RawDocument) -> bool:
        """True when this page (same normalised URL, same content as read) is stored already.

        The pipeline calls it before the NLP, so unchanged pages are not coded twice. A page with no URL given
        (a file whose URL, if any, is inside it) is known when an article stored from exactly the same content
        is there: cleaning it again would give the same article.
        """
        if self.force:
            return False
        digest = raw_hash(raw)
        if not normalize_url(raw.url):
            self._raw_by_source[raw.source] = digest
            found = self.store.conn.execute("SELECT 1 FROM articles WHERE raw_hash = ? LIMIT 1", [digest])
            return found.fetchone() is not None
        doc_id = make_document_id(raw.url, "")
        self._raw_hashes[doc_id] = digest
        row = self.store.conn.execute(
            "SELECT raw_hash FROM articles WHERE document_id = ?", [doc_id]
        ).fetchone()
        return bool(row and row[0] == digest)

    def _raw_of(self, doc: str, result: DocumentResult) -> str | None:
        source = result.article.source if result.article is not None else None
        return self._raw_hashes.get(doc) or (self._raw_by_source.get(source) if source else None)

    # -- batches
    def ingest(
        self,
        results: Iterable[DocumentResult],
        *,
        batch_size: int = 200,
        on_result: Callable[[DocumentResult], None] | None = None,
        on_batch: Callable[[IngestReport], None] | None = None,
    ) -> IngestReport:
        """Write every result; commits every ``batch_size`` results (and at the end). Returns this call's report."""
        self.report = IngestReport()
        batch: list[DocumentResult] = []
        for result in results:
            batch.append(result)
            if on_result is not None:
                on_result(result)
            if len(batch) >= batch_size:
                self.write_batch(batch)
                batch = []
                if on_batch is not None:
                    on_batch(self.report)
        if batch:
            self.write_batch(batch)
            if on_batch is not None:
                on_batch(self.report)
        if self.report.coded:
            self.sort_index_if_due()
        return self.report

    def sort_index_if_due(self) -> bool:
        """Sort the word index of evidence sentences when the rows written since it was last sorted are many
        (``INDEX_SORT_ROWS``) and a good part (``INDEX_SORT_SHARE``) of it. True when it sorted."""
        conn = self.store.conn
        unsorted, sorted_rows = evidence_index_unsorted(conn)
        if unsorted < max(INDEX_SORT_ROWS, INDEX_SORT_SHARE * sorted_rows):
            return False
        conn.execute("BEGIN TRANSACTION")
        try:
            sort_evidence_index(conn)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return True

    def write_batch(self, results: list[DocumentResult]) -> None:
        """Write one batch in one transaction; on any error nothing of the batch stays. When writing the batch
        raises something that is not a store error (a record the writer cannot take), each of its results is
        written again in a transaction of its own, and the one that raises is counted failed with an
        ``InternalError`` reason naming it: the rest of the batch is stored."""
        before = copy.deepcopy(self.report)
        try:
            self._write_transaction(results)
        except (EventwireError, KeyboardInterrupt, SystemExit):
            raise
        except Exception:
            if len(results) == 1:
                raise
            self.report = before
            errors = [self._write_alone(result) for result in results]
            if all(error is not None for error in errors):
                self.report = before
                raise  # every result fails: the store itself is the problem (disk full), not one record
        self.report.batches += 1

    def _write_transaction(self, results: list[DocumentResult]) -> None:
        conn = self.store.conn
        conn.execute("BEGIN TRANSACTION")
        try:
            self._write(results)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            self.copies = CopyIndex(self.store)  # its in-memory additions were rolled back too
            raise

    def _write_alone(self, result: DocumentResult) -> InternalError | None:
        """Write one result in its own transaction; when that raises, count it failed and return the error."""
        before = copy.deepcopy(self.report)
        try:
            self._write_transaction([result])
            return None
        except (EventwireError, KeyboardInterrupt, SystemExit):
            raise
        except Exception as exc:
            self.report = before
            source = result.article.source if result.article and result.article.source else result.document_id
            error = InternalError.wrap(exc, source, "the store writer")
            self.report.read += 1
            self.report.failed += 1
            self.report.failures.append(str(error))
            return error

    def _write(self, results: list[DocumentResult]) -> None:
        conn = self.store.conn
        report = self.report
        todo: dict[str, DocumentResult] = {}
        for result in results:
            report.read += 1
            if result.status == "failed":
                report.failed += 1
                source = (
                    result.article.source if result.article and result.article.source else result.document_id
                )
                report.failures.append(f"{source}: {result.reason or 'failed'}")
                continue
            if result.status == "skipped" or result.article is None:
                reason = result.reason or "skipped"
                if reason.startswith("already stored"):
                    report.already_stored += 1
                else:
                    report.skipped += 1
                    report.skip_reasons[reason] += 1
                continue
            doc_id = result.document_id or make_document_id(result.article.url, result.article.text)
            if doc_id in todo:  # the same article twice in one batch: the later one wins
                report.already_stored += 1
            todo[doc_id] = result
        if not todo:
            return

        hashes = {doc: text_hash(r.article.text) for doc, r in todo.items()}  # type: ignore[union-attr]
        batch_ids = pa.table({"document_id": list(todo), "text_hash": [hashes[d] for d in todo]})  # noqa: F841
        stored = {
            doc: (thash, rhash, story, copy_of, blob)
            for doc, thash, rhash, story, copy_of, blob in conn.execute(
                "SELECT document_id, text_hash, raw_hash, story_id, copy_of, minhash FROM articles "
                "SEMI JOIN batch_ids USING (document_id)"
            ).fetchall()
        }
        replaced: list[str] = []
        for doc in list(todo):
            if doc in stored:
                if stored[doc][0] == hashes[doc] and not self.force:
                    report.already_stored += 1
                    new_raw = self._raw_of(doc, todo[doc])
                    if new_raw and new_raw != stored[doc][1]:
                        conn.execute("UPDATE articles SET raw_hash = ? WHERE document_id = ?", [new_raw, doc])
                    del todo[doc]
                else:
                    replaced.append(doc)
        if not todo:
            return

        touched: set[str] = set()
        if replaced:
            touched.update(
                r[0]
                for r in conn.execute(
                    "SELECT DISTINCT canonical_id FROM events WHERE document_id IN (SELECT unnest(?::VARCHAR[])) "
                    "AND canonical_id IS NOT NULL",
                    [replaced],
                ).fetchall()
            )
            conn.execute(
                "DELETE FROM evidence_index WHERE uid IN (SELECT uid FROM events "
                "WHERE document_id IN (SELECT unnest(?::VARCHAR[])))",
                [replaced],
            )
            for table in ("events", "actors", "quotes", "citations", "articles"):
                conn.execute(
                    f"DELETE FROM {table} WHERE document_id IN (SELECT unnest(?::VARCHAR[]))", [replaced]
                )
            merge.refresh_counts(conn, sorted(touched))
            for doc in replaced:
                self.copies.remove(doc)
            report.replaced += len(replaced)

        # wire copies: exact text first (stored or earlier in this batch), then MinHash
        exact = {
            thash: (doc, story)
            for thash, doc, story in conn.execute(
                "SELECT text_hash, min(document_id), min(story_id) FROM articles "
                "SEMI JOIN batch_ids USING (text_hash) GROUP BY text_hash"
            ).fetchall()
        }
        now = datetime.now(UTC).replace(tzinfo=None)
        article_rows, event_rows, actor_rows, quote_rows, citation_rows = [], [], [], [], []
        for doc, result in todo.items():
            article = result.article
            assert article is not None
            thash = hashes[doc]
            if self.force and doc in stored:  # recode keeps the article's story
                mh_blob = stored[doc][4]
                story, copy_of = stored[doc][2], stored[doc][3]
                mh = None
            else:
                mh = minhash_of(article.text)
                mh_blob = mh.hashvalues.astype("<u8").tobytes() if mh is not None else None
                copy_of = exact[thash][0] if thash in exact and exact[thash][0] != doc else None
                if copy_of is None:
                    copy_of = self.copies.find(doc, mh)
                if copy_of is not None:
                    story = exact[thash][1] if thash in exact and exact[thash][0] == copy_of else None
                    story = story or self.copies.story.get(copy_of) or self._story_of(copy_of) or copy_of
                    report.copies += 1
                else:
                    story = doc
            exact.setdefault(thash, (doc, story))
            if mh is not None:
                self.copies.add(doc, story, mh)

            versions = _versions(result)
            seen = parse_date(article.published) or now.date()
            meta = plain(article)
            meta.pop("text", None)
            article_rows.append(
                {
                    "document_id": doc,
                    "url": article.url,
                    "url_norm": normalize_url(article.url),
                    "title": article.title,
                    "published": parse_date(article.published),
                    "outlet": article.outlet,
                    "author": article.author,
                    "language": article.language,
                    "source": article.source,
                    "text": article.text,
                    "text_hash": thash,
                    "raw_hash": self._raw_of(doc, result) or article.metadata.get("raw_sha256"),
                    "story_id": story,
                    "copy_of": copy_of,
                    "minhash": mh_blob,
                    "n_events": len(result.events),
                    "eventwire_version": versions[0],
                    "lexicon_version": versions[1],
                    "knowledge_version": versions[2] or None,
                    "article_json": json.dumps(meta, ensure_ascii=False, default=str),
                    "ingested_at": now,
                }
            )
            event_rows.extend(event_row(e, doc, story, seen, versions) for e in result.events)
            for actor in result.actors:
                actor_rows.append(
                    {
                        "document_id": doc,
                        "actor_id": actor.id,
                        "name": actor.name,
                        "kind": actor.kind,
                        "country": actor.country,
                        "sector": actor.sector,
                        "code": actor.code,
                        "role": actor.role,
                        "knowledge": actor.knowledge,
                        "n_mentions": len(actor.mentions),
                    }
                )
            for quote in result.quotes:
                speaker = quote.speaker
                quote_rows.append(
                    {
                        "document_id": doc,
                        "quote_id": quote.id,
                        "text": quote.text,
                        "start_offset": quote.start,
                        "end_offset": quote.end,
                        "kind": quote.kind,
                        "speaker_name": speaker.name if speaker else None,
                        "speaker_country": speaker.country if speaker else None,
                        "speaker_code": speaker.code if speaker else None,
                        "cue": quote.cue.text if quote.cue else None,
                        "venue": quote.venue,
                    }
                )
            for cit in result.citations:
                citation_rows.append(
                    {
                        "document_id": doc,
                        "citation_id": cit.id,
                        "text": cit.text,
                        "start_offset": cit.start,
                        "end_offset": cit.end,
                        "kind": cit.kind,
                        "cue": cit.cue,
                        "events": list(cit.events),
                    }
                )

        # merge, then write
        self._dedupe_uids(event_rows)
        items = [merge.item_from_row(r) for r in event_rows]
        candidates = merge.load_candidates(conn, items)
        assignment, canon_touched = merge.assign(items, candidates)
        if replaced:  # their events' ids come again, and may have founded canonical events that live on
            merge.avoid_stored_ids(conn, canon_touched)
        members: dict[str, list[dict[str, Any]]] = {}
        for row in event_rows:
            canon = assignment[row["uid"]]
            row["canonical_id"] = canon.canonical_id
            members.setdefault(canon.canonical_id, []).append(row)
        report.canonical_created += sum(1 for c in canon_touched if c.new)
        _insert(self.store, "articles", article_rows)
        _insert(self.store, "events", event_rows)
        _index_events(self.store, event_rows)
        _insert(self.store, "actors", actor_rows)
        _insert(self.store, "quotes", quote_rows)
        _insert(self.store, "citations", citation_rows)
        grown = merge.write_canonicals(conn, canon_touched, members)
        merge.refresh_counts(conn, sorted(touched | set(grown)))
        report.coded += len(article_rows)
        report.events_written += len(event_rows)

    def _story_of(self, doc: str) -> str | None:
        row = self.store.conn.execute("SELECT story_id FROM articles WHERE document_id = ?", [doc]).fetchone()
        return row[0] if row else None

    @staticmethod
    def _dedupe_uids(rows: list[dict[str, Any]]) -> None:
        """Two events of one article with the same id would collide: give the later ones a suffix."""
        seen: Counter = Counter()
        for row in rows:
            seen[row["uid"]] += 1
            if seen[row["uid"]] > 1:
                row["uid"] = f"{row['uid']}#{seen[row['uid']]}"


def ingest_results(
    store: Store, results: Iterable[DocumentResult], *, batch_size: int = 200, force: bool = False
) -> IngestReport:
    """Write DocumentResults to ``store`` (a convenience over :class:`Ingestor`)."""
    return Ingestor(store, force=force).ingest(results, batch_size=batch_size)


def read_results_jsonl(path: str) -> Iterator[DocumentResult]:
    """DocumentResults from a JSONL file (one ``DocumentResult.to_dict()`` per line), e.g. coded elsewhere."""
    from ..errors import MalformedInput, UnreadableInput

    try:
        handle = open(path, encoding="utf-8")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise UnreadableInput(f"cannot read results file: {exc.strerror}", source=path) from exc
    with handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                if not isinstance(data, dict):
                    raise ValueError("not a JSON object")
                yield DocumentResult.from_dict(data)
            except (ValueError, TypeError, KeyError) as exc:
                raise MalformedInput(
                    f"line {number} is not a DocumentResult: {exc}",
                    source=path,
                    hint="each line must be one DocumentResult.to_dict() as JSON",
                ) from exc
