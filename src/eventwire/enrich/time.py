"""When an event happened: find the temporal expression of the trigger's clause and resolve it.

Finding: candidates are spaCy DATE entities of the sentence plus the patterns of
``eventwire/data/time_cues.yaml`` (weekdays, "Jan. 20", ISO dates, "yesterday", "last week", "in recent
days"...); lengths of time and ages ("70 days", "34-year-old") are dropped. A candidate belongs to the
event when it lies in the trigger's subtree (which takes in a date on its object or complement:
"invited Trump to visit the Oval Office on Wednesday"), or, for an eventive noun, in the clause of the
verb that carries it ("launched a drone attack ... on Sunday"). The nearest candidate in the tree
wins; each clause boundary crossed on the way (``advcl``, ``relcl``, ``pcomp``...) costs extra, and a
reported clause (``ccomp``, ``parataxis``) is never entered ("announced that Biden has invited Trump to
visit on Wednesday": Wednesday dates the visit, not the announcement), so
"will assume office on January 20 after defeating Harris in the November 5 election" gives January 20
to "assume" and November 5 to "defeating".

Resolving: the tense of the verb the expression attaches to decides the direction. Past and perfect
look back ("held a call on Wednesday" → the Wednesday before publication), future and intention look
forward ("will visit on Wednesday", "to visit" under "invite"/"plan"), and the publication day itself
counts for both ("on Sunday" published on a Sunday). A month-day without a year takes the year that the
tense makes right; with no tense (a date on a noun, "the November 5 election") the occurrence nearest
the publication date. dateparser (``languages=["en"]``) reads the expressions; this module only
chooses the year or the direction. Vague expressions ("in recent days", "over the next 70 days") stay
unresolved with their text; with no publication date every relative expression does, and only dates
with a year resolve (anchor "explicit").

Background: an event with no date of its own is dated on the publication day only when it is news. One whose
clause says it lies before the story — a ``background`` modifier of ``time_cues.yaml`` ("has long refused", "had
previously agreed", "at the time", "for years"), a past perfect main or relative clause, a past clause opened by
"since" or "when" under a present or present-perfect one ("has been governed ... since the UK returned the
territory to China") — gets no value and the anchor "background", with the cue's text. A "when" clause on a date
takes it ("since 2011, when the government sent troops"), and a participle adjunct with no subject of its own
takes its governor's ("responded in a Jan. 23 briefing, asserting ...").

Precision: "day" for a day, "month" and "year" for those; a week or weekend ("last week") gives its
first day (Monday, Saturday) with precision "unknown" because the record types have no "week".
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from ..datafile import active_data
from ..errors import DataFileError
from ..model import TimeRef
from ._data import load_yaml
from .status import event_status, is_parsed, lemma, lemma_in, load_status_cues

CUES_FILE = "time_cues.yaml"
_BOUNDARY_DEPS = {"advcl", "relcl", "acl", "csubj", "pcomp"}
_REPORTED_DEPS = {"ccomp", "parataxis"}
_WEEKDAYS = {name: i for i, name in enumerate(calendar.day_name) if name} | {
    "mon": 0,
    "tue": 1,
    "tues": 1,
    "wed": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "fri": 4,
    "sat": 5,
    "sun": 6,
}
_WEEKDAYS = {k.lower(): v for k, v in _WEEKDAYS.items()}
_MONTH_RE = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR_RE = re.compile(r"\b(1[89]\d{2}|20\d{2})\b")
_ISO_RE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
_MONTH_DAY_RE = re.compile(
    rf"\b(?:{_MONTH_RE}\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RE}(?!\w))",
    re.I,
)
_MONTH_ONLY_RE = re.compile(rf"\b{_MONTH_RE}(?!\w)", re.I)
_WEEKDAY_RE = re.compile(
    r"\b(last|next|this|past|coming)?\s*(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b", re.I
)
_REL_DAY_RE = re.compile(
    r"\b(yesterday|today|tonight|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening)|"
    r"(?:a|one|two|three|four|five|six|seven|\d+)\s+(?:days?|weeks?|months?|years?)\s+ago)\b",
    re.I,
)
_PERIOD_RE = re.compile(
    r"\b(?:(earlier|later|early|late)\s+)?(last|this|next|past)\s+(week|weekend|month|year)\b|\bover\s+the\s+weekend\b",
    re.I,
)
_MONTH_NUMBERS = (
    {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
    | {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
    | {"sept": 9}
)


@dataclass(frozen=True, slots=True)
class TimeCues:
    find: re.Pattern[str]
    vague: re.Pattern[str]
    not_dates: re.Pattern[str]
    prepositions: frozenset[str]
    background: re.Pattern[str]
    background_markers: frozenset[str]


def _compile(entries: object, key: str) -> re.Pattern[str]:
    if not isinstance(entries, list) or not all(isinstance(e, str) for e in entries):
        raise DataFileError(f"key {key!r} must be a list of regex strings", source=CUES_FILE)
    for entry in entries:
        try:
            re.compile(entry)
        except re.error as exc:
            raise DataFileError(f"bad regex in {key!r}: {entry!r} ({exc})", source=CUES_FILE) from exc
    return re.compile(r"\b(?:" + "|".join(f"(?:{e})" for e in entries) + r")\b", re.I)


def load_time_cues() -> TimeCues:
    """The patterns of ``eventwire/data/time_cues.yaml`` and of the user's ``*time_cues*.yaml`` files among the
    active ``--data`` paths (``eventwire.datafile.data_scope``), compiled once per set of paths."""
    return _time_cues(*active_data())


@lru_cache(maxsize=8)
def _time_cues(extra: tuple[str, ...], builtin: bool) -> TimeCues:
    table = load_yaml(CUES_FILE, extra, builtin)
    return TimeCues(
        find=_compile(table["find"], "find"),
        vague=_compile(table["vague"], "vague"),
        not_dates=_compile(table["not_dates"], "not_dates"),
        prepositions=frozenset(str(p).lower() for p in table["prepositions"]),
        background=_compile(table.get("background", []) or ["(?!x)x"], "background"),
        background_markers=frozenset(str(w).lower() for w in table.get("background_markers", []) or []),
    )


# ---------------------------------------------------------------------------------------------
# finding candidates


def _sentence(tok: Token) -> Span:
    doc = tok.doc
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        try:
            return tok.sent
        except ValueError:
            pass
    return doc[:]


def _date_entities(doc: Doc) -> list[tuple[int, int]]:
    """The (start, end) tokens of the doc's DATE entities, read once per doc: ``doc.ents`` builds every entity
    span again on each call, which made the time stage quadratic in the length of an article. (A doc's entities
    are set once, by the parse, before any stage reads them.)"""
    key = "eventwire.time.date_entities"
    cached = doc.user_data.get(key)
    if cached is None:
        cached = [(ent.start, ent.end) for ent in doc.ents if ent.label_ == "DATE"]
        doc.user_data[key] = cached
    return cached  # type: ignore[no-any-return]


def temporal_spans(sent: Span) -> list[Span]:
    """Temporal expressions of a sentence: DATE entities and cue patterns, overlapping ones merged."""
    cues = load_time_cues()
    doc = sent.doc
    raw: list[tuple[int, int]] = [
        (start, end) for start, end in _date_entities(doc) if start >= sent.start and end <= sent.end
    ]
    for match in cues.find.finditer(sent.text):
        span = doc.char_span(
            sent.start_char + match.start(), sent.start_char + match.end(), alignment_mode="expand"
        )
        if span is not None:
            raw.append((span.start, span.end))
    raw.sort()
    merged: list[list[int]] = []
    for start, end in raw:
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    spans = []
    for start, end in merged:
        span = doc[start:end]
        if _classify(span.text) is not None:
            spans.append(span)
    return spans


# ---------------------------------------------------------------------------------------------
# classifying and resolving one expression


@dataclass(slots=True)
class _Expr:
    kind: str  # absolute | monthday | month | year | weekday | relday | period | vague
    text: str
    detail: tuple[object, ...] = ()


def _strip_prep(text: str) -> str:
    words = text.split()
    cues = load_time_cues()
    while words and words[0].lower() in cues.prepositions | {"the"}:
        words = words[1:]
    return " ".join(words)


def _classify(text: str) -> _Expr | None:
    """What kind of temporal expression ``text`` is, or None when it is no date (a length, an age)."""
    cues = load_time_cues()
    core = _strip_prep(text.strip())
    low = core.lower()
    if not low:
        return None
    if _ISO_RE.search(low):
        return _Expr("absolute", core)
    has_year = _YEAR_RE.search(low) is not None
    if _MONTH_DAY_RE.search(low):
        return _Expr("absolute" if has_year else "monthday", core)
    month = _MONTH_ONLY_RE.search(low)
    if month and not (month.group(0).lower() == "may" and not has_year and low != "may"):
        if has_year:
            return _Expr("absolute", core)
        return _Expr("month", core, (_MONTH_NUMBERS[month.group(0).rstrip(".").lower()],))
    weekday = _WEEKDAY_RE.search(low)
    if weekday:
        return _Expr("weekday", core, ((weekday.group(1) or "").lower(), _WEEKDAYS[weekday.group(2).lower()]))
    if _REL_DAY_RE.search(low):
        return _Expr("relday", core)
    period = _PERIOD_RE.search(low)
    if period:
        if period.group(0).startswith("over"):
            return _Expr("period", core, ("", "last", "weekend"))
        return _Expr(
            "period",
            core,
            ((period.group(1) or "").lower(), period.group(2).lower(), period.group(3).lower()),
        )
    if has_year and re.fullmatch(r"(?:(?:early|late|mid|mid-)\s*)?(?:1[89]|20)\d{2}", low):
        return _Expr("year", core, (int(_YEAR_RE.search(low).group(1)),))  # type: ignore[union-attr]
    if cues.not_dates.fullmatch(low) or cues.not_dates.search(low) and not cues.vague.search(text.lower()):
        if re.search(r"\b(?:coming|next|past|last|recent)\b", low):
            return _Expr("vague", core)
        return None
    if cues.vague.search(low):
        return _Expr("vague", core)
    return None


@lru_cache(maxsize=64)
def _date_parser(base: dt.date | None):  # type: ignore[no-untyped-def]
    """A dateparser reader for English relative to ``base`` (cached per base date)."""
    from dateparser.date import DateDataParser

    settings: dict[str, object] = {"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day, 12, 0)
    return DateDataParser(languages=["en"], settings=settings)


def _dateparse(text: str, base: dt.date | None) -> tuple[dt.date, str] | None:
    """dateparser's reading of ``text`` (relative to ``base``) as (date, period) or None."""
    parser = _date_parser(base)
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)
    data = parser.get_date_data(cleaned)
    if data is None or data.date_obj is None:
        return None
    return data.date_obj.date(), data.period or "day"


def _pick_year(month: int, day: int, base: dt.date, tense: str) -> dt.date | None:
    options = []
    for year in (base.year - 1, base.year, base.year + 1):
        try:
            options.append(dt.date(year, month, day))
        except ValueError:
            continue
    if not options:
        return None
    if tense == "past":
        past = [d for d in options if d <= base]
        return max(past) if past else None
    if tense == "future":
        future = [d for d in options if d >= base]
        return min(future) if future else None
    return min(options, key=lambda d: (abs((d - base).days), d > base))


def _weekday_date(modifier: str, weekday: int, base: dt.date, tense: str) -> dt.date:
    back = (base.weekday() - weekday) % 7
    forward = (weekday - base.weekday()) % 7
    if modifier in ("last", "past"):
        return base - dt.timedelta(days=back or 7)
    if modifier in ("next", "coming"):
        return base + dt.timedelta(days=forward or 7)
    if tense in ("future", "progressive", "present"):
        return base + dt.timedelta(days=forward)
    return base - dt.timedelta(days=back)


def _period_date(edge: str, which: str, unit: str, base: dt.date, tense: str) -> tuple[dt.date, str]:
    if unit == "year":
        year = base.year + {"last": -1, "past": -1, "next": 1}.get(which, 0)
        return dt.date(year, 1, 1), "year"
    if unit == "month":
        month_index = base.year * 12 + base.month - 1 + {"last": -1, "past": -1, "next": 1}.get(which, 0)
        return dt.date(month_index // 12, month_index % 12 + 1, 1), "month"
    if unit == "weekend":
        if which in ("last", "past") or (which == "this" and tense == "past") or which == "":
            back = (base.weekday() - 5) % 7
            return base - dt.timedelta(
                days=back if which == "" or which == "this" else (back or 7)
            ), "unknown"
        forward = (5 - base.weekday()) % 7
        return base + dt.timedelta(days=forward if which == "this" else (forward or 7)), "unknown"
    monday = base - dt.timedelta(days=base.weekday())
    shift = {"last": -7, "past": -7, "next": 7}.get(which, 0)
    return monday + dt.timedelta(days=shift), "unknown"


def resolve_expression(text: str, published: dt.date | None, tense: str = "unknown") -> TimeRef | None:
    """Resolve one temporal expression under a tense (past | future | present | progressive | unknown).

    Returns a TimeRef without offsets, or None when ``text`` is no date (a length of time, an age). A date that
    would fall outside the calendar Python knows (years 1 to 9999: "last week" of a page dated 0001-01-01, "next
    year" of one dated 9999-12-31) stays unresolved, with its text.
    """
    try:
        return _resolve_expression(text, published, tense)
    except (OverflowError, ValueError):
        return TimeRef(value=None, precision="unknown", text=text, anchor="unresolved")


def _resolve_expression(text: str, published: dt.date | None, tense: str = "unknown") -> TimeRef | None:
    expr = _classify(text)
    if expr is None:
        return None
    unresolved = TimeRef(value=None, precision="unknown", text=text, anchor="unresolved")
    if expr.kind == "vague":
        return unresolved
    if expr.kind in ("absolute", "year"):
        if expr.kind == "year":
            year = int(expr.detail[0])  # type: ignore[call-overload]
            return TimeRef(value=f"{year:04d}-01-01", precision="year", text=text, anchor="explicit")
        parsed = _dateparse(expr.text, None)
        if parsed is None:
            return unresolved
        value, period = parsed
        precision = period if period in ("day", "month", "year") else "unknown"
        if precision == "month":
            value = value.replace(day=1)
        elif precision == "year":
            value = value.replace(month=1, day=1)
        return TimeRef(value=value.isoformat(), precision=precision, text=text, anchor="explicit")  # type: ignore[arg-type]
    if published is None:
        return unresolved
    value: dt.date | None
    precision = "day"
    if expr.kind == "monthday":
        parsed = _dateparse(expr.text, published)
        if parsed is None:
            return unresolved
        value = _pick_year(parsed[0].month, parsed[0].day, published, tense)
    elif expr.kind == "month":
        month = int(expr.detail[0])  # type: ignore[call-overload]
        value = _pick_year(month, 1, published.replace(day=1), tense)
        precision = "month"
    elif expr.kind == "weekday":
        modifier, weekday = expr.detail
        value = _weekday_date(str(modifier), int(weekday), published, tense)  # type: ignore[call-overload]
    elif expr.kind == "period":
        edge, which, unit = (str(x) for x in expr.detail)
        value, precision = _period_date(edge, which, unit, published, tense)
    else:  # relday
        parsed = _dateparse(expr.text, published)
        if parsed is None:
            return unresolved
        value, period = parsed
        precision = "day" if period == "day" else "unknown"
    if value is None:
        return unresolved
    return TimeRef(value=value.isoformat(), precision=precision, text=text, anchor="published")  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# tense and attachment


def verb_tense(verb: Token) -> str:
    """The tense a verb gives a date attached to it: past | future | present | progressive | unknown."""
    if not is_parsed(verb):
        return _surface_tense(verb)
    cues = load_status_cues()
    if verb.pos_ not in ("VERB", "AUX"):
        return "unknown"
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = [a.lower_ for a in aux]
    if any(w in cues.intended_aux or w == "would" for w in words):
        return "future"
    if any(w in cues.hypothetical_aux for w in words):
        return "past" if "have" in words else "future"
    if "to" in words and verb.dep_ in ("xcomp", "acl", "advcl", "ccomp"):
        gov = verb.head
        if (
            lemma_in(gov, cues.intended_governors)
            or lemma_in(gov, cues.hypothetical_governors)
            or gov.lower_ == "going"
            or lemma(gov) == "be"
            or lemma(gov) in cues.intended_nouns
        ):
            return "future"
        if gov != verb and gov.pos_ in ("VERB", "AUX"):
            return verb_tense(gov)
        return "unknown"
    if any(
        a.tag_ == "VBD" or w in ("has", "have", "had", "'ve", "’ve") for a, w in zip(aux, words, strict=True)
    ):
        if verb.tag_ == "VBG" and any(w in ("is", "are", "am", "'s", "’s", "'re") for w in words):
            return "progressive"
        return "past"
    if verb.tag_ == "VBG" and any(w in ("is", "are", "am", "'s", "’s", "'re", "’re") for w in words):
        return "progressive"
    if verb.tag_ == "VBD":
        return "past"
    if verb.tag_ == "VBN":
        return "present" if any(w in ("is", "are", "am") for w in words) else "past"
    if verb.tag_ in ("VBZ", "VBP"):
        return "present"
    return "unknown"


def _surface_tense(tok: Token) -> str:
    window = [t.lower_ for t in tok.doc[max(0, tok.i - 3) : tok.i]]
    if any(w in ("will", "shall", "'ll", "to") for w in window):
        return "future"
    if any(w in ("did", "had", "has", "have", "was", "were") for w in window) or tok.lower_.endswith("ed"):
        return "past"
    return "unknown"


def _clause_head(trigger: Token) -> Token:
    """The verb whose clause holds the event: the trigger, or the verb carrying an eventive noun."""
    tok = trigger
    for _ in range(4):
        if tok.pos_ in ("VERB", "AUX") or tok.dep_ in ("ROOT", "") or tok.head == tok:
            return tok
        if tok.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "pobj", "prep", "compound", "appos", "conj"):
            tok = tok.head
        else:
            return tok
    return tok


def _path_cost(anchor: Token, top: Token) -> int | None:
    """Edges from ``anchor`` up to ``top`` plus 3 for each clause boundary crossed, or None."""
    cost = 0
    tok = anchor
    while tok != top:
        if tok.head == tok:
            return None
        if tok.dep_ in _REPORTED_DEPS:
            return None  # a date inside a reported clause dates what is reported, not the report
        if tok.dep_ in _BOUNDARY_DEPS:
            cost += 3
        cost += 1
        tok = tok.head
    return cost


def _attachment_verb(anchor: Token, trigger: Token, top: Token) -> Token | None:
    """The verb (or the trigger) the expression modifies; None when it modifies another noun."""
    tok = anchor
    while True:
        head = tok.head
        if head == tok:
            return tok if tok.pos_ in ("VERB", "AUX") else None
        if head.pos_ in ("VERB", "AUX") or head == trigger:
            return head
        if head.pos_ in ("NOUN", "PROPN", "PRON") and tok.dep_ not in ("pobj",) and tok.dep_ != "prep":
            return None  # "the November 5 election": a date on a noun
        if head == top:
            return head
        tok = head


def _with_preposition(span: Span) -> Span:
    cues = load_time_cues()
    doc = span.doc
    if span.start > 0 and doc[span.start - 1].lower_ in cues.prepositions:
        return doc[span.start - 1 : span.end]
    return span


def _find_expression(trigger: Token) -> tuple[Span, str] | None:
    sent = _sentence(trigger)
    spans = temporal_spans(sent)
    if not spans:
        return None
    if not is_parsed(trigger):
        span = min(spans, key=lambda s: min(abs(s.start - trigger.i), abs(s.end - 1 - trigger.i)))
        return span, _surface_tense(trigger)
    top = _clause_head(trigger)
    best: tuple[int, int, Span, str] | None = None
    for span in spans:
        anchor = span.root
        if trigger.i in range(span.start, span.end):
            continue
        cost = _path_cost(anchor, trigger)
        if cost is None and top != trigger:
            up = _path_cost(anchor, top)
            if up is not None and not (trigger.is_ancestor(anchor)):
                cost = up + 1
        if cost is None:
            continue
        verb = _attachment_verb(anchor, trigger, top)
        if verb is None:
            tense = "unknown"
        elif verb == trigger and trigger.pos_ not in ("VERB", "AUX"):
            tense = verb_tense(top) if top.pos_ in ("VERB", "AUX") else "unknown"
        else:
            tense = verb_tense(verb)
        key = (cost, abs(span.start - trigger.i))
        if best is None or key < best[:2]:
            best = (key[0], key[1], span, tense)
    if best is None:
        return None
    return best[2], best[3]


_CLAUSE_DEPS = {"ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "parataxis", "csubj", "pcomp"}


def _when_clause_date(trigger: Token) -> Span | None:
    """ "since 2011, when the government sent soldiers": a ``when`` clause on a date is dated by it."""
    top = _clause_head(trigger)
    if top.dep_ not in ("relcl", "advcl") or not any(c.lower_ == "when" for c in top.children):
        return None
    head = top.head
    for span in temporal_spans(_sentence(trigger)):
        if span.start <= head.i < span.end:
            return span
    return None


def _background_ref(cue: Span) -> TimeRef:
    return TimeRef(
        value=None, precision="unknown", text=cue.text, start=cue.start_char, end=cue.end_char, anchor="background"
    )


def _participial_governor(trigger: Token) -> Token | None:
    """ "responded in a Jan. 23 briefing, asserting that ...": a participle adjunct with no subject of its own happens
    when its governor does; the governor, or None."""
    if not is_parsed(trigger):
        return None
    top = _clause_head(trigger)
    if (
        top.dep_ == "advcl"
        and top.tag_ == "VBG"
        and top.head.pos_ in ("VERB", "AUX")
        and not any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in top.children)
    ):
        return top.head
    return None


def _perfect(verb: Token, aux: str) -> bool:
    return verb.tag_ == "VBN" and any(c.dep_ in ("aux", "auxpass") and c.lower_ == aux for c in verb.children)


def _background_cue(trigger: Token) -> Span | None:
    """What marks the event as background (an earlier event the story recalls, not its news), or None:
    - a modifier of its clause that ``time_cues.yaml``'s ``background`` names ("has long refused", "had previously
      agreed", "in the past", "at the time", "for years");
    - a past perfect main or relative clause ("the two sides had agreed to a truce");
    - a past clause opened by a ``background_markers`` word under a present or present-perfect clause ("has been
      governed ... since the UK returned the territory to China").
    The span returned is the cue's (the verb's auxiliary for the past perfect)."""
    if not is_parsed(trigger):
        return None
    cues = load_time_cues()
    top = _clause_head(trigger)
    doc = trigger.doc
    for head in dict.fromkeys((trigger, top)):
        for child in head.children:
            if child.dep_ in _CLAUSE_DEPS or child.dep_ in ("nsubj", "nsubjpass", "dobj", "attr"):
                continue
            span = doc[child.left_edge.i : child.right_edge.i + 1]
            if cues.background.fullmatch(span.text.lower().strip(" ,")):
                return span
    if top.pos_ not in ("VERB", "AUX"):
        return None
    if _perfect(top, "had") and top.dep_ in ("ROOT", "relcl"):
        aux = next(c for c in top.children if c.lower_ == "had")
        return doc[aux.i : aux.i + 1]
    if top.dep_ == "advcl" and top.tag_ == "VBD" or _perfect(top, "was") or _perfect(top, "were"):
        marker = next((c for c in top.children if c.dep_ in ("mark", "advmod") and c.lower_ in cues.background_markers), None)
        governor = top.head
        if (
            marker is not None
            and top.dep_ in ("advcl", "relcl")
            and governor.pos_ in ("VERB", "AUX")
            and (governor.tag_ in ("VBZ", "VBP") or _perfect(governor, "has") or _perfect(governor, "have"))
        ):
            return doc[marker.i : marker.i + 1]
    return None


def event_date(trigger: Token, published: dt.date | None, *, status: str | None = None) -> TimeRef | None:
    """The date of the event whose trigger is ``trigger``, resolved against ``published``.

    Returns the TimeRef of the temporal expression of the trigger's clause (with its text and
    offsets), or — when there is none — the publication date for an asserted past or present event
    (anchor "published", text None), else an unresolved TimeRef with no value. ``status`` is the
    event's status when the caller knows it (else it is read with :func:`event_status`).
    """
    found = _find_expression(trigger)
    if found is None:
        when = _when_clause_date(trigger)
        if when is not None:
            found = (when, "past")
    if found is None:
        governor = _participial_governor(trigger)
        if governor is not None:
            found = _find_expression(governor)
    if found is not None:
        span, tense = found
        expr = _classify(span.text)
        if expr is not None:
            if expr.kind in ("weekday", "relday", "period", "vague", "month"):
                span = _with_preposition(span)
            ref = resolve_expression(span.text, published, tense)
            if ref is not None:
                ref.start = span.start_char
                ref.end = span.end_char
                if ref.value is None:  # a vague expression: "in the past", "for years" may say background
                    cue = _background_cue(trigger)
                    if cue is not None:
                        return _background_ref(cue)
                    if load_time_cues().background.fullmatch(span.text.lower()):
                        ref.anchor = "background"
                return ref
    cue = _background_cue(trigger)
    if cue is not None:
        return _background_ref(cue)
    if status is None:
        status = event_status(trigger)[0]
    top = _clause_head(trigger)
    future = is_parsed(top) and verb_tense(top) == "future"
    if published is not None and status == "asserted" and not future:
        return TimeRef(value=published.isoformat(), precision="day", text=None, anchor="published")
    return TimeRef(value=None, precision="unknown", text=None, anchor="unresolved")


__all__ = ["event_date", "resolve_expression", "temporal_spans", "verb_tense", "load_time_cues"]
