"""Attribution: direct and indirect quotes with their speakers, and the sources an article cites.

Three public functions, all pure functions of a spaCy ``Doc`` over the article's clean text (character offsets
are offsets into that text):

- ``extract_quotes(doc, resolve_speaker)``: direct quotes (text between “…” or "…" marks) with the cue clause
  next to them ("…,” Sullivan said on CBS News’ Face the Nation.", "He said: “…”", "…,” according to X), the
  cue verb and the venue; and indirect quotes ("X stated that <clause>", "<clause>, X said").
- ``extract_citations(doc)``: the sources the article cites: anonymous ("a source familiar with the
  conversation"), media ("reported by The Washington Post"), official ("The White House announced"),
  documents ("a report by …") and persons/others named after "according to".
- ``link_citations(citations, events, doc)``: fills ``Citation.events`` and ``Event.citations``.

Rules (what a user can rely on):

- Quote marks: curly “ ” and « », straight " (alternating inside a paragraph). A quote left open at a paragraph
  end stops there (news style drops the closing mark when the quote runs on); when the next paragraph opens a
  quote again it is a continuation and keeps the speaker. Each paragraph's piece is its own Quote, so
  ``text == article.text[start:end]`` always holds. Single quotes are not quote marks (they are apostrophes
  and nested quotes, which stay inside the outer quote).
- A quote's speaker comes from, in this order: the cue clause after the closing mark, the cue clause before the
  opening mark (ending with ":" / "," / "that"), the speech verb the quote hangs from in the parse ("called it
  “a crime”"), the previous quote of the same paragraph or the quote it continues. Quoted text of fewer than
  ``min_uncued_quote_words`` words with none of these is a scare quote and is skipped.
- The speaker span goes to ``resolve_speaker``; when it returns None the speaker is the span itself (name = its
  text), except pronouns, which stay None.
- Indirect quotes need a parse: a reporting verb with a clausal complement whose subject is the speaker. On
  unparsed sentences (``pos_ == ""``) two surface patterns stand in: "<speaker> <verb> [on <day>] that
  <clause>" and "<clause>, <speaker> <verb>."
- Citations need a cue ("according to", "reported by", "told", "said", "announced", ...) next to the source,
  except anonymous sources with a post-modifier ("familiar with", "briefed on", "on condition of anonymity")
  and documents with a maker ("a report by …"). Overlapping candidates keep the longest.
- Later references: a definite "the <noun>" ("The source revealed …", "the officials said") with no
  post-modifier never makes a new citation. If an earlier anonymous citation has the same head noun (singular
  or plural), that mention counts as the earlier citation's, and ``link_citations`` links the events of its
  sentence to it. A citation repeated word for word is one citation with several mentions.
- Linking: a citation supports the events whose trigger lies in the sentence of one of its mentions (or whose
  evidence span contains the mention). A citation in a relative clause on an event noun ("the private call,
  which was initially reported by X") supports the events that noun refers back to: events of the noun's
  PLOVER types (``event_nouns``) whose actors carry the names found on that noun's earlier mentions ("the
  Trump-Putin call"); when that finds nothing, the events of its own sentence.

Knowledge (verbs, cue phrases, outlets, patterns) is data: ``eventwire/data/attribution.yaml``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from spacy.tokens import Doc, Span, Token

from .clean import dateline_end
from .datafile import read_yaml, user_files, validate
from .errors import DataFileError
from .model import Citation, CitationKind, Event, EventActor, Quote

SpeakerResolver = Callable[[Span], EventActor | None]

DATA_FILE = resources.files("eventwire") / "data" / "attribution.yaml"

OPEN_MARKS = "“«„"
CLOSE_MARKS = "”»"
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "his", "its", "their"}
SENT_END = {".", "!", "?"}
# Words that end a surface speaker run ("said Jane Doe, adding ..." / "... told reporters at ...").
SPEAKER_STOP = {
    "on", "in", "at", "to", "during", "after", "before", "when", "while", "adding", "and", "but", "as", "who",
    "that", "which", "told", "from", "with", "for", "of", "late", "earlier", "later", "last", "this", "according",
}  # fmt: skip
SPEAKER_TRIM = {
    "also", "later", "earlier", "then", "previously", "repeatedly", "has", "had", "have", "was", "were", "is",
    "would", "will", "once", "again", "further", "however", "meanwhile", "but", "and", "so",
}  # fmt: skip
WEEKDAYS_MONTHS = re.compile(
    r"^(?:the\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day|^(?:january|february|march|april|may|june|july|"
    r"august|september|october|november|december)\b|^(?:the\s+)?(?:morning|evening|night|afternoon|weekend)\b",
    re.IGNORECASE,
)
ABBREV = re.compile(r"(?:\b(?:[A-Z]\.)+|\b(?:Inc|Co|Ltd|Corp|Jr|Sr|St|Gen|Col|Lt|Sgt|Dr|Mr|Mrs|Ms)\.)$")
CITATION_PRIORITY: dict[str, int] = {
    "anonymous": 5,
    "document": 4,
    "media": 3,
    "official": 2,
    "person": 1,
    "other": 0,
}


# ----------------------------------------------------------------------------------------------- the lexicon


class _Anonymous(BaseModel):
    model_config = ConfigDict(extra="forbid")
    determiners: list[str] = Field(default_factory=list)
    modifiers: list[str] = Field(default_factory=list)
    nouns: list[str] = Field(default_factory=list)
    cue_alone_nouns: list[str] = Field(default_factory=list)
    post_modifiers: list[str] = Field(default_factory=list)
    anonymity: list[str] = Field(default_factory=list)


class _Official(BaseModel):
    model_config = ConfigDict(extra="forbid")
    names: list[str] = Field(default_factory=list)
    nouns: list[str] = Field(default_factory=list)
    qualifiers: list[str] = Field(default_factory=list)


class _Document(BaseModel):
    model_config = ConfigDict(extra="forbid")
    nouns: list[str] = Field(default_factory=list)
    makers: list[str] = Field(default_factory=list)


class AttributionData(BaseModel):
    """The validated content of ``attribution.yaml`` (and of user files with the same keys)."""

    model_config = ConfigDict(extra="forbid")
    speech_verbs: dict[str, list[str]] = Field(default_factory=dict)
    indirect_verbs: list[str] = Field(default_factory=list)
    partial_quote_verbs: list[str] = Field(default_factory=list)
    venue_nouns: list[str] = Field(default_factory=list)
    min_uncued_quote_words: int = 6
    cues_before: list[str] = Field(default_factory=list)
    cues_after: list[str] = Field(default_factory=list)
    media_outlets: list[str] = Field(default_factory=list)
    media_name_endings: list[str] = Field(default_factory=list)
    media_generic: list[str] = Field(default_factory=list)
    anonymous: _Anonymous = Field(default_factory=_Anonymous)
    official: _Official = Field(default_factory=_Official)
    document: _Document = Field(default_factory=_Document)
    later_reference_determiners: list[str] = Field(default_factory=list)
    event_nouns: dict[str, list[str]] = Field(default_factory=dict)

    def merged(self, other: AttributionData) -> AttributionData:
        """This data with ``other``'s entries added (lists extended, mappings updated)."""
        data = self.model_dump()
        for key, value in other.model_dump(exclude_unset=True).items():
            if isinstance(value, list):
                data[key] = data[key] + [v for v in value if v not in data[key]]
            elif isinstance(value, dict) and key in ("speech_verbs", "event_nouns"):
                data[key] = {**data[key], **value}
            elif isinstance(value, dict):
                for sub, items in value.items():
                    data[key][sub] = data[key][sub] + [v for v in items if v not in data[key][sub]]
            else:
                data[key] = value
        return AttributionData.model_validate(data)


def _alt(words: Iterable[str], *, escape: bool = True) -> str:
    items = sorted({w for w in words if w}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w) if escape else w for w in items) + ")"


def _phrase(words: Iterable[str]) -> str:
    """An alternation of phrases whose inner spaces match any run of spaces."""
    items = sorted({w for w in words if w}, key=len, reverse=True)
    return "(?:" + "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in items) + ")"


@dataclass(frozen=True)
class AttributionLexicon:
    """The attribution knowledge, compiled for matching."""

    data: AttributionData
    lemmas: frozenset[str]
    indirect: frozenset[str]
    partial: frozenset[str]
    forms: dict[str, str]  # surface form -> lemma (all forms)
    unparsed_forms: dict[str, str]  # forms safe to read as verbs without a tagger
    venue_nouns: frozenset[str]
    cue_before: re.Pattern[str]
    cue_after: re.Pattern[str]
    media: re.Pattern[str]
    media_generic: re.Pattern[str]
    title_phrase: re.Pattern[str]
    anonymous: re.Pattern[str]
    anonymous_bare: re.Pattern[str]
    anonymous_nouns: frozenset[str]
    cue_alone_nouns: frozenset[str]
    later_reference: re.Pattern[str]
    official: re.Pattern[str]
    document: re.Pattern[str]
    according_to: re.Pattern[str]


def _compile(data: AttributionData) -> AttributionLexicon:
    forms: dict[str, str] = {}
    unparsed: dict[str, str] = {}
    for lemma, words in data.speech_verbs.items():
        for word in [lemma, *words]:
            forms.setdefault(word.lower(), lemma)
            w = word.lower()
            if w != lemma and not w.endswith("ing") and (not w.endswith("s") or w in ("says", "tells")):
                unparsed.setdefault(w, lemma)
    title = r"[A-Z][\w.&’'-]*(?:\s+(?:(?:the|of|and|on|in|de|la|du|for)\s+)?[A-Z0-9][\w.&’'-]*)*"
    endings = _phrase(data.media_name_endings)
    media = (
        rf"(?<![\w-])(?:{_phrase(data.media_outlets)}|(?:[A-Z][\w-]+\s+){{1,3}}{endings})(?![\w-])"
        rf"(?:(?:’s|'s|’|')\s+{title})?"
    )
    anon = data.anonymous
    det = _alt(anon.determiners, escape=False)
    mod = (
        rf"(?:(?i:{_alt(anon.modifiers, escape=False)})|(?!(?:The|This|That|These|Those|A|An|One|Some)\b)"
        r"[A-Z][\w.’'-]*)"
    )
    noun = _alt(anon.nouns)
    boundary = (
        r"(?=\s*(?:[,.;:)!?]|$)|\s+(?:said|says|say|told|tells|who|which|and|on|in|as|to|at|was|were)\b)"
    )
    post_np = r"(?:(?:the|a|an|this|that|these|those|his|her|their|its|[\w.]+(?:’s|'s))\s+)?(?:[\w’'-]+\s+){0,3}?[\w’'-]+"
    post = rf"(?P<post>\s+{_phrase(anon.post_modifiers)}\s+{post_np}{boundary})?"
    anonymity = rf"(?P<anon>\s*,?\s+{_alt(anon.anonymity, escape=False)})?"
    anonymous = re.compile(
        rf"(?<![\w’'-])(?P<np>(?P<det>{det}\s+)?(?:{mod}\s+){{0,3}}(?P<noun>{noun})\b{post}{anonymity})", re.I
    )
    plural_nouns = [n for n in anon.cue_alone_nouns if n.endswith("s")]
    anonymous_bare = re.compile(
        rf"(?<![\w’'-])(?P<np>(?:{mod}\s+){{1,3}}(?P<noun>{_alt(plural_nouns)}))\b", re.I
    )
    dets = _alt(data.later_reference_determiners)
    later = re.compile(rf"\b{dets}\s+(?:{mod}\s+){{0,2}}(?P<noun>{noun})\b", re.I)
    off = data.official
    qual = rf"(?i:{_phrase(off.qualifiers)})"
    onoun = rf"(?i:{_phrase(off.nouns)})"
    prefix = r"(?:(?:[Tt]he|[Aa]n?|[A-Z][\w.-]*(?:’s|'s))\s+)?"
    ext = rf"(?:\s+(?i:of|for|in)\s+(?:(?i:the)\s+)?(?:(?:{qual}|[A-Z][\w.-]+)\s+){{0,3}}(?:{onoun}|[A-Z][\w.-]+))?"
    official = re.compile(
        rf"(?<![\w-])(?P<np>{prefix}(?:{_phrase(off.names)}|(?:(?:{qual}|{onoun}|[A-Z][\w.-]+)\s+){{0,3}}{onoun}){ext})(?![\w-])"
    )
    doc_ = data.document
    document = re.compile(
        rf"\b(?P<np>(?:(?:an?|the|one|two|several|new|recent|this|that)\s+(?:[\w.’'-]+\s+){{0,3}}?)?"
        rf"{_phrase(doc_.nouns)}(?:\s+(?P<maker>{_phrase(doc_.makers)})\s+(?:the\s+)?(?:{title}|[\w’'-]+(?:\s+[\w’'-]+){{0,3}}?(?=[,.;:]|$)))?)\b",
        re.I,
    )
    cue_before = re.compile(rf"(?P<cue>{_alt(data.cues_before, escape=False)})\s+(?:(?:the|a|an)\s+)?$", re.I)
    cue_after = re.compile(
        r"^\s*(?:,[^,]{0,60},\s*)?(?:(?:has|have|had|also|later|earlier|previously|again|on \w+|late on \w+)\s+){0,3}"
        rf"(?P<cue>{_alt(data.cues_after)})\b",
        re.I,
    )
    return AttributionLexicon(
        data=data,
        lemmas=frozenset(data.speech_verbs),
        indirect=frozenset(data.indirect_verbs),
        partial=frozenset(data.partial_quote_verbs),
        forms=forms,
        unparsed_forms=unparsed,
        venue_nouns=frozenset(v.lower() for v in data.venue_nouns),
        cue_before=cue_before,
        cue_after=cue_after,
        media=re.compile(media),
        media_generic=re.compile(rf"\b{_phrase(data.media_generic)}\b", re.I),
        title_phrase=re.compile(title),
        anonymous=anonymous,
        anonymous_bare=anonymous_bare,
        anonymous_nouns=frozenset(n.lower() for n in anon.nouns),
        cue_alone_nouns=frozenset(n.lower() for n in anon.cue_alone_nouns),
        later_reference=later,
        official=official,
        document=document,
        according_to=re.compile(
            r"\baccording\s+to\s+(?P<np>[^,.;:!?“”\"\n]{2,80}?)(?=\s*(?:[,.;:!?“”\"\n]|$))", re.I
        ),
    )


def _read(path: Path | Any) -> AttributionData:
    return validate(AttributionData, read_yaml(path), path)


def attribution_files(extra: tuple[str, ...] = (), builtin: bool = True) -> list[Path]:
    """The attribution files read for these ``--data`` paths: the built-in one, then the user's
    ``*attribution*.yaml`` files (named, or in a folder named), in order."""
    return ([Path(str(DATA_FILE))] if builtin else []) + user_files(extra, "attribution")


@lru_cache(maxsize=8)
def load_attribution_lexicon(extra: tuple[str, ...] = (), *, builtin: bool = True) -> AttributionLexicon:
    """Load (once per process) the built-in attribution data plus the user's files, compiled for matching.

    ``extra`` names files or folders (the config's ``data`` list); the ``*attribution*.yaml`` files among them, and
    in the folders, are read in order. Other data files are left to their own loaders.
    """
    files = attribution_files(tuple(extra), builtin)
    data = _read(files[0]) if builtin else AttributionData()
    for file in files[1:] if builtin else files:
        data = data.merged(_read(file))
    try:
        return _compile(data)
    except re.error as exc:
        raise DataFileError(f"an attribution pattern does not compile: {exc}", source=str(DATA_FILE)) from exc


# ----------------------------------------------------------------------------------------------- doc helpers


def _doc_text(doc: Doc) -> str:
    """The doc's text, computed once: ``Doc.text`` joins every token on each call."""
    text = doc.user_data.get("text")
    if text is None:
        text = doc.user_data["text"] = doc.text
    return text


def _sentences(doc: Doc) -> list[tuple[int, int]]:
    """Sentence character ranges, cut again at line breaks (headlines and chrome lines end there)."""
    text = _doc_text(doc)
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        ranges = [(s.start_char, s.end_char) for s in doc.sents]
    else:
        ranges, start = [], 0
        for m in re.finditer(r"[.!?][”\"’»)]*\s+(?=[“\"«A-Z0-9])", text):
            ranges.append((start, m.end()))
            start = m.end()
        ranges.append((start, len(text)))
    out: list[tuple[int, int]] = []
    for start, end in ranges:
        piece_start = start
        for m in re.finditer(r"\n+", text[start:end]):
            if text[piece_start : start + m.start()].strip():
                out.append(_strip_range(text, piece_start, start + m.start()))
            piece_start = start + m.end()
        if text[piece_start:end].strip():
            out.append(_strip_range(text, piece_start, end))
    return out


def _strip_range(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in re.finditer(r"\n", text):
        if text[start : m.start()].strip():
            out.append(_strip_range(text, start, m.start()))
        start = m.end()
    if text[start:].strip():
        out.append(_strip_range(text, start, len(text)))
    return out


def _is_parsed(span: Span | Sequence[Token]) -> bool:
    tokens = [t for t in span if not t.is_space]
    return bool(tokens) and tokens[0].doc.has_annotation("DEP") and all(t.pos_ and t.dep_ for t in tokens)


def _speech_lemma(tok: Token, lex: AttributionLexicon, parsed: bool) -> str | None:
    """The speech-verb lemma of a token, or None when it is not a speech verb here."""
    if parsed:
        if tok.pos_ not in ("VERB", "AUX"):
            return None
        lemma = tok.lemma_.lower()
        return lemma if lemma in lex.lemmas else lex.forms.get(tok.lower_)
    return lex.unparsed_forms.get(tok.lower_)


def _sent_of(doc: Doc, char: int, sents: list[tuple[int, int]]) -> tuple[int, int]:
    for start, end in sents:
        if start <= char < end:
            return start, end
    return char, char


def _tokens_between(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="expand") if end > start else None
    return [t for t in span] if span is not None else []


def _trim_speaker(tokens: list[Token]) -> list[Token]:
    while tokens and (tokens[0].is_punct or tokens[0].is_space or tokens[0].lower_ in SPEAKER_TRIM):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space or tokens[-1].lower_ in SPEAKER_TRIM):
        tokens = tokens[:-1]
    return tokens


def _span_of(tokens: list[Token]) -> Span | None:
    if not tokens:
        return None
    doc = tokens[0].doc
    return doc[tokens[0].i : tokens[-1].i + 1]


def _subject(verb: Token) -> Span | None:
    """The subject span of a parsed verb (climbing coordination and relative clauses)."""
    for candidate in (verb, verb.head if verb.dep_ in ("conj", "xcomp") else None):
        if candidate is None:
            continue
        for child in candidate.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                if child.tag_ in ("WDT", "WP") and candidate.dep_ == "relcl":
                    head = candidate.head
                    return _span_of(
                        _trim_speaker([t for t in head.subtree if t.i < candidate.i and t.dep_ != "relcl"])
                    )
                tokens = [t for t in child.subtree if not _in_relcl(t, child)]
                return _span_of(_trim_speaker(tokens))
    return None


def _in_relcl(tok: Token, root: Token) -> bool:
    while tok.i != root.i:
        if tok.dep_ == "relcl":
            return True
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


# ----------------------------------------------------------------------------------------------- quotes


@dataclass
class _Segment:
    start: int  # inner text start (after the opening mark)
    end: int  # inner text end (before the closing mark, or paragraph end)
    open_mark: int
    close_mark: int | None
    continues: bool = False  # the previous paragraph's quote ran on into this one


def _quote_segments(text: str) -> list[_Segment]:
    segments: list[_Segment] = []
    paragraphs = _paragraphs(text)
    run_on = False
    for pi, (pstart, pend) in enumerate(paragraphs):
        open_at: int | None = None
        first_in_paragraph = True
        for pos in range(pstart, pend):
            ch = text[pos]
            straight = ch == '"'
            if ch in OPEN_MARKS or (straight and open_at is None):
                if open_at is not None:  # a second opener: the first quote lost its closing mark
                    segments.append(_Segment(open_at + 1, pos, open_at, None, run_on and first_in_paragraph))
                    first_in_paragraph = False
                open_at = pos
            elif open_at is not None and (ch in CLOSE_MARKS or straight):
                segments.append(_Segment(open_at + 1, pos, open_at, pos, run_on and first_in_paragraph))
                first_in_paragraph = False
                open_at = None
        if open_at is not None:
            segments.append(_Segment(open_at + 1, pend, open_at, None, run_on and first_in_paragraph))
            nxt = paragraphs[pi + 1][0] if pi + 1 < len(paragraphs) else None
            run_on = nxt is not None and (text[nxt] in OPEN_MARKS or text[nxt] == '"')
        else:
            run_on = False
    out = []
    for seg in segments:
        start, end = _strip_range(text, seg.start, seg.end)
        while end > start and text[end - 1] in ",;:—–-":
            end -= 1
        start, end = _strip_range(text, start, end)
        if end > start:
            out.append(_Segment(start, end, seg.open_mark, seg.close_mark, seg.continues))
    return out


@dataclass
class _Cue:
    speaker: Span | None
    verb: Token | None
    cue_text: str | None = None
    venue: str | None = None


def _region_after(doc: Doc, char: int) -> list[Token]:
    """Tokens after ``char`` up to the end of the clause (sentence end, line break or a new quote)."""
    out: list[Token] = []
    tok = _token_at_or_after(doc, char)
    while tok is not None and len(out) < 40:
        if "\n" in tok.text or tok.text in OPEN_MARKS or (tok.text == '"' and out):
            break
        out.append(tok)
        if tok.text in SENT_END:
            break
        tok = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return out


def _token_offsets(doc: Doc) -> tuple[list[int], list[int]]:
    """Start and end character offsets of every token, computed once per doc."""
    offsets = doc.user_data.get("token_offsets")
    if offsets is None:
        from spacy.attrs import IDX, LENGTH

        array = doc.to_array([IDX, LENGTH]) if len(doc) else None
        starts = array[:, 0].tolist() if array is not None else []
        ends = (array[:, 0] + array[:, 1]).tolist() if array is not None else []
        offsets = doc.user_data["token_offsets"] = (starts, ends)
    return offsets


def _token_at_or_after(doc: Doc, char: int) -> Token | None:
    i = bisect.bisect_left(_token_offsets(doc)[0], char)
    return doc[i] if i < len(doc) else None


def _token_before(doc: Doc, char: int) -> Token | None:
    i = bisect.bisect_right(_token_offsets(doc)[1], char)
    return doc[i - 1] if i > 0 else None


def _cue_after(doc: Doc, seg: _Segment, lex: AttributionLexicon) -> _Cue | None:
    if seg.close_mark is None:
        return None
    region = [t for t in _region_after(doc, seg.close_mark + 1) if t.text not in CLOSE_MARKS]
    words = [t for t in region if not (t.is_punct or t.is_space)]
    if not words:
        return None
    # "…,” according to X."
    if len(words) >= 3 and words[0].lower_ == "according" and words[1].lower_ == "to":
        run = _run_right(words[2:])
        return _Cue(_span_of(run), None, "according to") if run else None
    parsed = _is_parsed(region)
    for k, tok in enumerate(words[:9]):
        lemma = _speech_lemma(tok, lex, parsed)
        if lemma is None:
            continue
        if words[:k] and all(t.lower_ in COORDINATORS for t in words[:k]):
            # '… "seriously concerned" and urged Beijing to act': a second predicate of the same subject
            return _Cue(_subject(tok) if parsed else None, tok, tok.text, None)
        before = _trim_speaker(words[:k])
        if before and not _looks_like_speaker(before, parsed):
            return None
        rest = [t for t in region if t.i > tok.i]
        if before:
            speaker = _span_of(before)
            after_speaker = rest
        else:
            run = _run_right(rest)
            if run and not _looks_like_speaker(run, parsed):
                run = []  # '… as "illegal" and said Tehran would respond': a clause, not a speaker
            speaker = _span_of(run)
            after_speaker = [t for t in rest if not run or t.i > run[-1].i]
        if parsed and speaker is None:
            speaker = _subject(tok)
        venue = _venue(doc, after_speaker, lex)
        return _Cue(speaker, tok, tok.text, venue)
    return None


COORDINATORS = {"and", "but", "or", "then", "while"}
AUX_WORDS = {"was", "were", "is", "are", "be", "been", "has", "have", "had", "not", "never", "will", "would"}


def _looks_like_speaker(tokens: list[Token], parsed: bool) -> bool:
    """A cue clause's left part names someone: a noun or pronoun and no verb of its own."""
    if parsed:
        return any(t.pos_ in ("PROPN", "NOUN", "PRON") for t in tokens) and not any(
            t.pos_ in ("VERB", "AUX") for t in tokens
        )
    first = tokens[0]
    return (
        first.text[:1].isupper() or first.lower_ in PRONOUNS or first.lower_ in ("the", "a", "an")
    ) and not any(t.lower_ in AUX_WORDS for t in tokens)


def _run_right(words: list[Token]) -> list[Token]:
    """A speaker run read rightwards: "Jane Doe, the spokeswoman, ..." -> "Jane Doe"."""
    run: list[Token] = []
    for tok in words[:8]:
        if (tok.is_punct and tok.text not in ".’'") or tok.lower_ in SPEAKER_STOP:
            break
        run.append(tok)
    return _trim_speaker(run)


def _venue(doc: Doc, words: list[Token], lex: AttributionLexicon) -> str | None:
    """The place a statement was made, from prepositional phrases after the cue verb."""
    if not words:
        return None
    start, end = words[0].idx, words[-1].idx + len(words[-1].text)
    text = _doc_text(doc)[start:end]
    first = words[0]
    # "told the BBC" / "told Reuters": the addressee is the venue when it is an outlet.
    media = lex.media.match(text) or lex.media.match(re.sub(r"^the\s+", "", text))
    if media and first.lower_ not in ("on", "in", "at", "during"):
        head = text[: len(text) - len(re.sub(r"^the\s+", "", text))] if not lex.media.match(text) else ""
        return (head + media.group(0)).strip()
    stop = r"(?=\s+(?:on|at|in|during|that|and|adding|when|after|before|while|about|as)\b|\s*[,.;:!?]|$)"
    for m in re.finditer(rf"\b(?:on|at|in|during|to)\s+(?P<obj>.+?){stop}", text):
        obj = m.group("obj").strip()
        if WEEKDAYS_MONTHS.match(obj):
            continue
        lowered = set(re.findall(r"[\w]+", obj.lower()))
        if lowered & lex.venue_nouns or lex.media.search(obj):
            if re.match(r"(?:an?|the)\s+\w+\s+with\s*$", obj):
                continue
            # keep "an interview with Reuters" whole: extend over a following "with X"
            tail = re.match(r"\s+with\s+(?P<x>[^,.;:!?]+)", text[m.end() :])
            if tail:
                return obj + " with " + tail.group("x").strip()
            # "a weekly briefing in Moscow": a capitalised place after the venue belongs to it
            place = re.match(r"\s+(?P<p>(?:in|at)\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)", text[m.end() :])
            return obj + (" " + place.group("p") if place else "")
        obj_span = doc.char_span(start + m.start("obj"), start + m.end("obj"), alignment_mode="expand")
        if obj_span is not None and any(e.label_ in ("ORG", "WORK_OF_ART") for e in obj_span.ents):
            return obj
    return None


def _cue_before(doc: Doc, seg: _Segment, lex: AttributionLexicon) -> _Cue | None:
    tok = _token_before(doc, seg.open_mark)
    region: list[Token] = []
    while tok is not None and len(region) < 30:
        if "\n" in tok.text or tok.text in CLOSE_MARKS or tok.text in SENT_END or tok.text in OPEN_MARKS:
            break
        region.insert(0, tok)
        tok = doc[tok.i - 1] if tok.i > 0 else None
    words = [t for t in region if not t.is_space]
    if not words:
        return None
    introduces = words[-1].text in (":", ",") or words[-1].lower_ == "that" or words[-1].pos_ == "VERB"
    if not introduces and _speech_lemma(words[-1], lex, _is_parsed(words)) is None:
        return None
    parsed = _is_parsed(words)
    for k in range(len(words) - 1, max(-1, len(words) - 9), -1):
        verb = words[k]
        if _speech_lemma(verb, lex, parsed) is None or (verb.i > 0 and verb.doc[verb.i - 1].text == "-"):
            continue
        speaker = _subject(verb) if parsed else None
        if speaker is None or speaker.start > verb.i:
            run: list[Token] = []
            for t in reversed(words[:k]):
                if (
                    t.is_punct
                    or (t.lower_ in SPEAKER_STOP and t.lower_ not in ("of", "for"))
                    or len(run) >= 8
                ):
                    break
                run.insert(0, t)
            speaker = _span_of(_trim_speaker(run))
        if speaker is None:
            return None
        venue = _venue(doc, words[k + 1 :], lex)
        return _Cue(speaker, verb, verb.text, venue)
    return None


def _cue_in_parse(doc: Doc, seg: _Segment, lex: AttributionLexicon) -> _Cue | None:
    """A partial quote hanging from a speech verb: 'Zelenskiy called the strike “a war crime”'."""
    span = doc.char_span(seg.start, seg.end, alignment_mode="expand")
    if span is None or not _is_parsed(span):
        return None
    tok = span[0]
    for _ in range(12):
        if tok.head.i == tok.i:
            break
        tok = tok.head
        if tok.i >= span.start and tok.i < span.end:
            continue
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and (lemma in lex.partial or lemma in lex.lemmas):
            subject = _subject(tok)
            if subject is not None and not (span.start <= subject.start < span.end):
                return _Cue(subject, tok, tok.text)
            return None
    return None


def _make_speaker(span: Span | None, resolve: SpeakerResolver) -> EventActor | None:
    if span is None:
        return None
    actor = resolve(span)
    if actor is not None:
        return actor
    if span.text.lower() in PRONOUNS:
        return None
    return EventActor(text=span.text, start=span.start_char, end=span.end_char, name=span.text)


def _verb_span(tok: Token | None):
    from .model import TextSpan

    if tok is None:
        return None
    return TextSpan(tok.text, tok.idx, tok.idx + len(tok.text))


def extract_quotes(
    doc: Doc, resolve_speaker: SpeakerResolver, *, lexicon: AttributionLexicon | None = None
) -> list[Quote]:
    """Direct and indirect quotes in ``doc``, in text order, with speaker, cue verb and venue.

    ``resolve_speaker`` maps a speaker span ("Sullivan", "he", "the ministry") to the article's actor.
    """
    lex = lexicon or load_attribution_lexicon()
    text = _doc_text(doc)
    paragraphs = _paragraphs(text)
    quotes: list[tuple[Quote, _Segment | None]] = []
    previous: tuple[_Segment, EventActor | None, int] | None = None  # segment, speaker, paragraph
    for seg in _quote_segments(text):
        para = next((i for i, (s, e) in enumerate(paragraphs) if s <= seg.open_mark < e), -1)
        n_words = len(re.findall(r"\w+", text[seg.start : seg.end]))
        cue = _cue_after(doc, seg, lex) or _cue_before(doc, seg, lex) or _cue_in_parse(doc, seg, lex)
        speaker = _make_speaker(cue.speaker, resolve_speaker) if cue else None
        if cue is None:
            if n_words < lex.data.min_uncued_quote_words:
                continue
            if previous is not None and (previous[2] == para or (seg.continues and previous[2] == para - 1)):
                speaker = previous[1]
        if cue is not None and speaker is None and cue.speaker is not None:
            speaker = None  # an unresolved pronoun: the speaker is unknown, the quote stays
        quote = Quote(
            id="",
            text=text[seg.start : seg.end],
            start=seg.start,
            end=seg.end,
            kind="direct",
            speaker=speaker,
            cue=_verb_span(cue.verb) if cue else None,
            venue=cue.venue if cue else None,
        )
        quotes.append((quote, seg))
        previous = (seg, speaker, para)
    for (quote, _seg), (nxt, nseg) in zip(quotes, quotes[1:], strict=False):
        if quote.speaker is None and nseg is not None and nseg.continues and nxt.speaker is not None:
            quote.speaker = nxt.speaker
    direct_ranges = [(seg.open_mark, (seg.close_mark or seg.end) + 1) for _, seg in quotes if seg]
    for quote in _indirect_quotes(doc, lex, direct_ranges, resolve_speaker):
        quotes.append((quote, None))
    ordered = sorted((q for q, _ in quotes), key=lambda q: (q.start, q.end))
    _resolve_statement_speakers(ordered)
    for n, quote in enumerate(ordered, 1):
        quote.id = f"Q{n}"
    return ordered


STATEMENT_SPEAKER = re.compile(
    r"^(?:the|that|this)\s+(?P<noun>statement|communiqu[ée]|letter|note|post|message)$", re.I
)


def _resolve_statement_speakers(quotes: list[Quote]) -> None:
    """ "…,” the statement said.": the speaker is whoever issued the statement the article named before."""
    for n, quote in enumerate(quotes):
        m = STATEMENT_SPEAKER.match(quote.speaker.text) if quote.speaker else None
        if m is None:
            continue
        noun = m.group("noun").lower()
        for earlier in reversed(quotes[:n]):
            if earlier.speaker is not None and earlier.venue and noun in earlier.venue.lower():
                quote.speaker = earlier.speaker
                break


def _overlaps(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in ranges)


def _indirect_quotes(
    doc: Doc, lex: AttributionLexicon, direct: list[tuple[int, int]], resolve: SpeakerResolver
) -> list[Quote]:
    out: list[Quote] = []
    for sstart, send in _sentences(doc):
        sent = doc.char_span(sstart, send, alignment_mode="expand")
        if sent is None:
            continue
        if _is_parsed(sent):
            out.extend(_indirect_parsed(sent, lex, direct, resolve, (sstart, send)))
        elif not _overlaps(sstart, send, direct):
            quote = _indirect_surface(doc, sstart, send, lex, resolve)
            if quote is not None:
                out.append(quote)
    return out


def _indirect_parsed(
    sent: Span,
    lex: AttributionLexicon,
    direct: list[tuple[int, int]],
    resolve: SpeakerResolver,
    scope: tuple[int, int],
) -> list[Quote]:
    out: list[Quote] = []
    doc = sent.doc
    for verb in sent:
        if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in lex.indirect:
            continue
        if any(c.dep_ == "neg" for c in verb.children) or _overlaps(verb.idx, verb.idx + 1, direct):
            continue
        comp = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        if comp is None:
            continue
        cut = {t.i for c in comp.subtree if c.lower_ == "according" for t in c.subtree}
        tokens = [t for t in comp.subtree if t.i not in cut and scope[0] <= t.idx < scope[1]]
        cut = dateline_end(_doc_text(doc)[scope[0] : scope[1]])
        if cut:
            tokens = [t for t in tokens if t.idx >= scope[0] + cut]
        while tokens and (tokens[0].dep_ == "mark" and tokens[0].lower_ in ("that", "whether", "if")):
            tokens = tokens[1:]
        while tokens and (tokens[0].is_punct or tokens[0].is_space):
            tokens = tokens[1:]
        while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
            tokens = tokens[:-1]
        if len(tokens) < 2:
            continue
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        if _overlaps(start, end, direct):
            continue
        subject = _subject(verb)
        if subject is None or (start <= subject.start_char < end):
            continue
        right = [t for t in sent if t.i > verb.i and t.head.i == verb.i and t.dep_ == "prep"]
        venue_words = [t for p in right for t in p.subtree]
        out.append(
            Quote(
                id="",
                text=_doc_text(doc)[start:end],
                start=start,
                end=end,
                kind="indirect",
                speaker=_make_speaker(subject, resolve),
                cue=_verb_span(verb),
                venue=_venue(doc, sorted(venue_words, key=lambda t: t.i), lex) if venue_words else None,
            )
        )
    return out


def _indirect_surface(
    doc: Doc, sstart: int, send: int, lex: AttributionLexicon, resolve: SpeakerResolver
) -> Quote | None:
    text = _doc_text(doc)[sstart:send]
    verbs = _alt(lex.unparsed_forms)
    patterns = (
        rf"^(?P<speaker>[^,;:]{{2,80}}?)\s+(?P<verb>{verbs})(?:\s+(?:on|late on)\s+\w+day)?\s+that\s+"
        r"(?P<clause>.+?)[.!?]?$",
        rf"^(?P<clause>.{{8,}}?),\s+(?P<speaker>[^,;:]{{2,80}}?)\s+(?P<verb>{verbs})\.?$",
        rf"^(?P<clause>.{{8,}}?),\s+(?P<verb>{verbs})\s+(?P<speaker>[^,;:]{{2,80}}?)\.?$",
    )
    for pattern in patterns:
        m = re.match(pattern, text, re.I | re.S)
        if m is None:
            continue
        speaker_text = m.group("speaker")
        if len(speaker_text.split()) > 8:
            continue
        span = doc.char_span(sstart + m.start("speaker"), sstart + m.end("speaker"), alignment_mode="expand")
        words = _trim_speaker([t for t in span]) if span is not None else []
        verb_span = doc.char_span(sstart + m.start("verb"), sstart + m.end("verb"), alignment_mode="expand")
        start, end = _strip_range(_doc_text(doc), sstart + m.start("clause"), sstart + m.end("clause"))
        return Quote(
            id="",
            text=_doc_text(doc)[start:end],
            start=start,
            end=end,
            kind="indirect",
            speaker=_make_speaker(_span_of(words), resolve),
            cue=_verb_span(verb_span[0]) if verb_span is not None else None,
        )
    return None


# ----------------------------------------------------------------------------------------------- citations


@dataclass
class _Candidate:
    start: int
    end: int
    kind: CitationKind
    cue: str | None


def _clean_cue(cue: str | None) -> str | None:
    if cue is None:
        return None
    cue = re.sub(r"\s+", " ", cue.strip().lower())
    return re.sub(r"^(?:initially|first|originally|earlier)\s+", "", cue)


def _find_cue(text: str, start: int, end: int, sstart: int, send: int, lex: AttributionLexicon) -> str | None:
    left = text[max(sstart, start - 80) : start]
    m = lex.cue_before.search(left)
    if m:
        return _clean_cue(m.group("cue"))
    m = lex.cue_after.match(text[end:send])
    if m:
        return _clean_cue(m.group("cue"))
    return None


def _sentence_candidates(doc: Doc, sstart: int, send: int, lex: AttributionLexicon) -> list[_Candidate]:
    text = _doc_text(doc)
    sent = text[sstart:send]
    out: list[_Candidate] = []

    def add(m_start: int, m_end: int, kind: CitationKind, cue: str | None) -> None:
        start, end = _strip_range(text, sstart + m_start, sstart + m_end)
        while end > start and (
            text[end - 1] in ",;:" or (text[end - 1] == "." and not ABBREV.search(text[start:end]))
        ):
            end -= 1
        out.append(_Candidate(start, end, kind, cue))

    for m in lex.anonymous.finditer(sent):
        a, b = m.span("np")
        cue = _find_cue(text, sstart + a, sstart + b, sstart, send, lex)
        definite = re.match(r"(?i)(?:the|this|that|these|those)\b", sent[a:])
        if (
            m.group("post")
            or m.group("anon")
            or cue
            and m.group("det")
            and not definite
            and m.group("noun").lower() in lex.cue_alone_nouns
        ):
            add(a, b, "anonymous", cue)
    for m in lex.anonymous_bare.finditer(sent):
        a, b = m.span("np")
        cue = _find_cue(text, sstart + a, sstart + b, sstart, send, lex)
        if cue and not re.match(r"(?i)(?:the|this|that|these|those)\b", sent[a:]):
            add(a, b, "anonymous", cue)
    for pattern in (lex.media, lex.media_generic):
        for m in pattern.finditer(sent):
            a, b = m.span()
            cue = _find_cue(text, sstart + a, sstart + b, sstart, send, lex)
            if cue:
                add(a, b, "media", cue)
    for m in lex.official.finditer(sent):
        a, b = m.span("np")
        cue = _find_cue(text, sstart + a, sstart + b, sstart, send, lex)
        if cue:
            add(a, b, "official", cue)
    for m in lex.document.finditer(sent):
        a, b = m.span("np")
        cue = _find_cue(text, sstart + a, sstart + b, sstart, send, lex)
        if m.group("maker") or cue:
            add(a, b, "document", cue or _clean_cue(m.group("maker")))
    for m in lex.according_to.finditer(sent):
        a, b = m.span("np")
        span = doc.char_span(sstart + a, sstart + b, alignment_mode="expand")
        np = sent[a:b]
        kind: CitationKind = "other"
        if span is not None and any(e.label_ == "PERSON" for e in span.ents):
            kind = "person"
        elif lex.media.search(np) or lex.media_generic.search(np):
            kind = "media"
        elif lex.anonymous.search(np):
            kind = "anonymous"
        elif lex.document.search(np):
            kind = "document"
        elif lex.official.search(np):
            kind = "official"
        add(a, b, kind, "according to")
    return out


def _select(candidates: list[_Candidate]) -> list[_Candidate]:
    """Overlapping candidates keep the longest; at equal length the more specific kind."""
    ranked = sorted(candidates, key=lambda c: (-(c.end - c.start), -CITATION_PRIORITY[c.kind], c.start))
    kept: list[_Candidate] = []
    for cand in ranked:
        if cand.end <= cand.start:
            continue
        if not any(cand.start < k.end and k.start < cand.end for k in kept):
            kept.append(cand)
    return sorted(kept, key=lambda c: c.start)


def _key(text: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", re.sub(r"\s+", " ", text.lower().replace("’", "'"))).strip()


def _later_reference_spans(doc: Doc, lex: AttributionLexicon) -> list[tuple[int, int, str]]:
    """Definite references to a source noun with no post-modifier: ("the source", start, end, noun)."""
    out = []
    for m in lex.later_reference.finditer(_doc_text(doc)):
        rest = _doc_text(doc)[m.end() : m.end() + 60]
        if re.match(r"\s+(?:familiar|briefed|close|with knowledge|who spoke|speaking)\b", rest):
            continue
        out.append((m.start(), m.end(), m.group("noun").lower()))
    return out


def _singular(noun: str) -> str:
    if noun == "people":
        return "person"
    return noun[:-1] if noun.endswith("s") and not noun.endswith("ss") else noun


def extract_citations(doc: Doc, *, lexicon: AttributionLexicon | None = None) -> list[Citation]:
    """The sources ``doc`` cites, in text order: anonymous, media, official, document, person and other.

    A source repeated word for word, and a later definite reference to an anonymous source ("the source"),
    make no new citation (see the module docstring).
    """
    lex = lexicon or load_attribution_lexicon()
    text = _doc_text(doc)
    candidates: list[_Candidate] = []
    for sstart, send in _sentences(doc):
        candidates.extend(_sentence_candidates(doc, sstart, send, lex))
    later = _later_reference_spans(doc, lex)
    citations: list[Citation] = []
    seen: set[str] = set()
    for cand in _select(candidates):
        words = text[cand.start : cand.end]
        if (
            cand.kind == "anonymous"
            and any(s <= cand.start < e for s, e, _ in later)
            and not re.search(r"(?i)familiar|briefed|anonymity|knowledge|close to|named|identified", words)
        ):
            continue
        key = _key(words)
        if key in seen:
            continue
        seen.add(key)
        citations.append(
            Citation(id="", text=words, start=cand.start, end=cand.end, kind=cand.kind, cue=cand.cue)
        )
    for n, citation in enumerate(citations, 1):
        citation.id = f"C{n}"
    return citations


def _head_noun(citation: Citation, lex: AttributionLexicon) -> str | None:
    for word in re.findall(r"[\w’'-]+", citation.text.lower()):
        if word in lex.anonymous_nouns:
            return word
    return None


def _mentions(citation: Citation, doc: Doc, lex: AttributionLexicon, citations: list[Citation]) -> list[int]:
    """Character positions where the citation is mentioned: its own, word-for-word repeats, later references."""
    text = _doc_text(doc)
    found = {citation.start}
    found.update(m.start() for m in re.finditer(re.escape(citation.text), text))
    if citation.kind == "anonymous":
        noun = _head_noun(citation, lex)
        if noun:
            for start, _end, ref_noun in _later_reference_spans(doc, lex):
                if start <= citation.start or _singular(ref_noun) != _singular(noun):
                    continue
                # the latest earlier anonymous citation with this noun owns the reference
                owners = [
                    c for c in citations
                    if c.kind == "anonymous" and c.start < start and _singular(_head_noun(c, lex) or "") == _singular(noun)
                ]  # fmt: skip
                if owners and max(owners, key=lambda c: c.start) is citation:
                    found.add(start)
    return sorted(found)


def _event_in(event: Event, start: int, end: int, mention: int) -> bool:
    trigger = event.trigger
    if trigger is not None and start <= trigger.start < end:
        return True
    evidence = event.evidence
    return evidence is not None and evidence.start <= mention < evidence.end


def _antecedent_events(
    citation_start: int, doc: Doc, events: list[Event], lex: AttributionLexicon, sstart: int
) -> list[Event] | None:
    """Events named by the noun a relative clause with this citation hangs on (None: not that shape)."""
    text = _doc_text(doc)
    left = text[sstart:citation_start]
    m = re.search(r"(?P<np>(?:[\w’'-]+\s+){0,3}(?P<noun>[\w’'-]+)),\s*(?:which|that)\s+[^,]*$", left)
    if m is None:
        return None
    noun = m.group("noun").lower()
    types = lex.data.event_nouns.get(noun)
    if not types:
        return None
    names: set[str] = set()
    for mm in re.finditer(rf"((?:[\w’'-]+\s+){{0,3}}){re.escape(noun)}\b", text[:citation_start], re.I):
        names.update(
            w for w in re.split(r"[\s-]+", mm.group(1)) if w[:1].isupper() and w.lower() not in ("the", "a")
        )
    names = {re.sub(r"(?:’s|'s)$", "", n) for n in names}
    if not names:
        return []

    def actor_words(event: Event) -> str:
        parts = []
        for actor in (event.source, event.target):
            if actor is not None:
                parts.extend([actor.text, actor.name or ""])
        return " ".join(parts)

    return [
        e for e in events
        if e.plover is not None and e.plover.type in types and all(n in actor_words(e) for n in names)
    ]  # fmt: skip


def link_citations(
    citations: list[Citation], events: list[Event], doc: Doc, *, lexicon: AttributionLexicon | None = None
) -> None:
    """Fill ``Citation.events`` and ``Event.citations`` (ids) with the events each citation supports."""
    lex = lexicon or load_attribution_lexicon()
    sents = _sentences(doc)

    def link(citation: Citation, event: Event) -> None:
        if event.id not in citation.events:
            citation.events.append(event.id)
        if citation.id not in event.citations:
            event.citations.append(citation.id)

    nearby = _EventFinder(events)
    for citation in citations:
        for mention in _mentions(citation, doc, lex, citations):
            sstart, send = _sent_of(doc, mention, sents)
            resolved = _antecedent_events(mention, doc, events, lex, sstart)
            if resolved:
                for event in resolved:
                    link(citation, event)
                continue
            for event in nearby.candidates(sstart, send, mention):
                if _event_in(event, sstart, send, mention):
                    link(citation, event)


class _EventFinder:
    """The events ``_event_in`` can accept for a sentence and a mention, in their order, found by bisection
    (testing every event for every mention made linking quadratic in the length of an article)."""

    def __init__(self, events: list[Event]) -> None:
        self.events = events
        triggers = sorted((e.trigger.start, i) for i, e in enumerate(events) if e.trigger is not None)
        self.trigger_starts = [start for start, _ in triggers]
        self.trigger_order = [i for _, i in triggers]
        evidence = sorted((e.evidence.start, i) for i, e in enumerate(events) if e.evidence is not None)
        self.evidence_starts = [start for start, _ in evidence]
        self.evidence_order = [i for _, i in evidence]
        self.longest = max((e.evidence.end - e.evidence.start for e in events if e.evidence is not None), default=0)

    def candidates(self, start: int, end: int, mention: int) -> list[Event]:
        first, last = bisect.bisect_left(self.trigger_starts, start), bisect.bisect_left(self.trigger_starts, end)
        found = set(self.trigger_order[first:last])
        lo = bisect.bisect_left(self.evidence_starts, mention - self.longest)
        found.update(self.evidence_order[lo : bisect.bisect_right(self.evidence_starts, mention)])
        return [self.events[i] for i in sorted(found)]
