"""Read PETRARCH/TABARI actor (``*.actors.txt``) and agent (``*.agents.txt``) dictionaries.

Actor dictionaries
------------------
An actor entry is a phrase (words joined by ``_`` or spaces; a final ``_`` is a TABARI stemming stop and is
ignored, as PETRARCH does) followed by one or more codes in brackets, on the same line or on the lines after it::

    HAMID_KARZAI_  # comment
    +KARZAI_                       synonym of the entry above
        [AFGELI 750101-000101]     code in force between two dates (inclusive)
        [AFGGOV >011222]           code in force on and after a date
        [HOB <950601]              code in force before a date
        [AFGELI]                   default code, used when no dated code applies

Dates are ``YYMMDD`` (years 00–30 are 20YY, others 19YY, as in KEDS/TABARI/PETRARCH) or ``YYYYMMDD``. The first
dated code that covers the date wins, in file order; otherwise the last undated code. ``[---]`` is TABARI's null
code: the phrase is known but codes to nothing (``lookup`` gives None). Compound codes (``[FRO/BIL/SAM]``) are
returned as written; :meth:`PetrarchActors.codes` splits them. Comments run from ``#`` to the end of the line;
lines starting with ``<`` are (XML) comments, and ``<!--`` ... ``-->`` may span lines.

Agent dictionaries
------------------
``NOUN_PHRASE {PLURALS} [~CODE]``. ``!NAME! = A, B, C`` defines a substitution set: every phrase holding
``!NAME!`` is expanded once per alternative, without plurals. A regular plural of the last word is made
automatically (``-y`` → ``-ies`` after a consonant, ``-s/-sh/-ch/-x/-z`` → ``-es``, ``-man`` → ``-men``, else
``-s``) unless ``{}`` is given; ``{A B}`` lists irregular plurals instead.

Combination rule: ``[~GOV]`` (tilde first) is a *suffix* agent, appended after the actor code (USA + ~GOV →
``USAGOV``); ``[NGO~]`` (tilde last) is a *prefix* agent, placed before it (USA + NGO~ → ``NGOUSA``). See
:func:`combine_codes`.

Malformed lines never stop loading: they are skipped and recorded in ``.warnings`` as (file, line, problem).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import DataFileError

if TYPE_CHECKING:
    from .knowledge import Match

NULL_CODE = "---"

_SPACES = re.compile(r"[\s_]+")
_BRACKET = re.compile(r"\[([^\[\]{}]*)[\]}]")
_CODE_BODY = re.compile(
    r"^(?P<code>[A-Za-z0-9/+\-]*?)"
    r"(?:\s*(?P<op>[<>])\s*(?P<d0>\d+)|\s+(?P<d1>\d+)\s*-\s*(?P<d2>\d+)|\s+(?P<lone>\d+))?$"
)
_VALID_CODE = re.compile(r"^(?:---|\+\+\+|[A-Z0-9]{3,}(?:/[A-Z0-9]{3,})*)$")
_SUBST = re.compile(r"^(![A-Z0-9_\-]+!)\s*=\s*(.+)$")
_APOS = str.maketrans({"\u2019": "'", "\u2018": "'"})


@dataclass(frozen=True, slots=True)
class DictionaryWarning:
    """A line that was skipped or repaired while loading a dictionary."""

    file: str
    line: int
    problem: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.problem}"


@dataclass(frozen=True, slots=True)
class DatedCode:
    """A code and the dates it applies between (``None`` = open); both None for a default code."""

    code: str
    start: dt.date | None = None
    end: dt.date | None = None
    before: bool = False  # the "<date" form: in force strictly before ``end``

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def applies(self, on: dt.date) -> bool:
        if self.before:
            return self.end is not None and on < self.end
        return (self.start is None or on >= self.start) and (self.end is None or on <= self.end)


@dataclass(frozen=True, slots=True)
class PetrarchActor:
    """One actor entry: its phrase, synonyms, codes in file order, and where it was read."""

    phrase: str
    synonyms: tuple[str, ...]
    codes: tuple[DatedCode, ...]
    source: str  # file:line

    def code_on(self, on: dt.date | None = None) -> str | None:
        """The code in force on ``on``; without a date, the default (undated) code, else the latest dated one."""
        default = None
        for code in self.codes:
            if not code.dated:
                default = code.code
            elif on is not None and code.applies(on):
                return None if code.code == NULL_CODE else code.code
        if default is None and on is None and self.codes:
            latest = max(self.codes, key=lambda c: c.start or c.end or dt.date.min)
            default = latest.code
        return None if default in (None, NULL_CODE) else default

    @property
    def is_person(self) -> bool:
        """Actors with dated codes are people who held offices (PETRARCH's CountryInfo convention)."""
        return any(c.dated for c in self.codes)


def normalize_phrase(text: str) -> str:
    """The lookup key of a phrase: upper case, ``_`` and white space folded to one space, possessive dropped."""
    text = text.translate(_APOS).strip()
    if text.endswith(("'s", "'S")):
        text = text[:-2]
    return _SPACES.sub(" ", text).strip().upper()


def _parse_date(digits: str) -> dt.date:
    if len(digits) <= 7:
        digits = digits.zfill(6)[-6:]
        year = int(digits[:2])
        year += 2000 if year <= 30 else 1900
        return dt.date(year, int(digits[2:4]), int(digits[4:6]))
    return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))


def _read_lines(path: Path, warnings: list[DictionaryWarning]) -> Iterator[tuple[int, str]]:
    """Lines with comments removed (``#`` to end of line, ``<...`` lines, multi-line ``<!-- -->``)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataFileError(f"cannot read dictionary {path}: {exc}", source=str(path)) from exc
    in_comment = False
    for lineno, raw in enumerate(data.split(b"\n"), 1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            line = raw.decode("utf-8", errors="replace")
            warnings.append(DictionaryWarning(str(path), lineno, "invalid UTF-8 bytes replaced"))
        stripped = line.strip()
        if in_comment:
            if "-->" in stripped:
                in_comment = False
            continue
        if stripped.startswith("<"):
            if stripped.startswith("<!--") and "-->" not in stripped:
                in_comment = True
            continue
        line = line.split("#", 1)[0].rstrip()
        if line.strip():
            yield lineno, line


def _parse_codes(text: str, where: tuple[str, int], warnings: list[DictionaryWarning]) -> list[DatedCode]:
    out: list[DatedCode] = []
    for m in _BRACKET.finditer(text):
        if m.group(0).endswith("}"):
            warnings.append(DictionaryWarning(*where, f"bracket {m.group(0)!r} closed with '}}'; read as ']'"))
        body = m.group(1).strip()
        cm = _CODE_BODY.match(body)
        if not cm:
            warnings.append(DictionaryWarning(*where, f"cannot read code {m.group(0)!r}"))
            continue
        code = cm.group("code")
        if code != code.upper():
            warnings.append(DictionaryWarning(*where, f"lower-case code {code!r} read as {code.upper()!r}"))
            code = code.upper()
        if not _VALID_CODE.match(code):
            warnings.append(DictionaryWarning(*where, f"no valid code in {m.group(0)!r}"))
            continue
        try:
            if cm.group("lone"):
                warnings.append(
                    DictionaryWarning(*where, f"date without '<', '>' or range in {m.group(0)!r}; read as '>'")
                )
                out.append(DatedCode(code, _parse_date(cm.group("lone"))))
            elif cm.group("op"):
                day = _parse_date(cm.group("d0"))
                out.append(DatedCode(code, end=day, before=True) if cm.group("op") == "<" else DatedCode(code, day))
            elif cm.group("d1"):
                start, end = _parse_date(cm.group("d1")), _parse_date(cm.group("d2"))
                if end < start:
                    warnings.append(DictionaryWarning(*where, f"date range ends before it starts in {m.group(0)!r}"))
                    continue
                out.append(DatedCode(code, start, end))
            else:
                out.append(DatedCode(code))
        except ValueError:
            warnings.append(DictionaryWarning(*where, f"invalid date in {m.group(0)!r}"))
    rest = _BRACKET.sub("", text).strip()
    if rest:
        warnings.append(DictionaryWarning(*where, f"text after the code ignored: {rest[:40]!r}"))
    return out


@dataclass
class PetrarchActors:
    """Actors read from one or more PETRARCH actor dictionaries."""

    actors: list[PetrarchActor] = field(default_factory=list)
    warnings: list[DictionaryWarning] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    _by_phrase: dict[str, int] = field(default_factory=dict, repr=False)
    _match_cache: dict[int, Match] = field(default_factory=dict, repr=False)

    def __len__(self) -> int:
        return len(self.actors)

    def _index_of(self, phrase: str) -> int | None:
        key = normalize_phrase(phrase)
        i = self._by_phrase.get(key)
        if i is None and key.startswith("THE "):
            i = self._by_phrase.get(key[4:])
        return i

    def actor(self, phrase: str) -> PetrarchActor | None:
        """The entry a phrase (or synonym) belongs to; a leading "the" is optional."""
        i = self._index_of(phrase)
        return None if i is None else self.actors[i]

    def lookup(self, phrase: str, on: dt.date | None = None) -> str | None:
        """The CAMEO code in force for ``phrase`` on ``on`` (see :meth:`PetrarchActor.code_on`)."""
        actor = self.actor(phrase)
        return None if actor is None else actor.code_on(on)

    def codes(self, phrase: str, on: dt.date | None = None) -> tuple[str, ...]:
        """Like :meth:`lookup`, with a compound code (``FRO/BIL``) split into its parts."""
        code = self.lookup(phrase, on)
        return tuple(code.split("/")) if code else ()

    def phrases(self) -> Iterator[str]:
        """Every phrase and synonym (upper case, words separated by one space), for a phrase matcher."""
        return iter(self._by_phrase)

    def count_from(self, path: str | Path) -> int:
        """How many actor entries came from ``path``."""
        name = str(path)
        return sum(1 for a in self.actors if a.source.rsplit(":", 1)[0] == name)

    def matches(self, text: str) -> list[Match]:
        """The knowledge-base reading of a phrase: a person or organisation Match carrying the default code."""
        from .knowledge import Match, Organization

        i = self._index_of(text)
        if i is None:
            return []
        actor = self.actors[i]
        cached = self._match_cache.get(i)
        if cached is None:
            code = actor.code_on(None) or ""
            country = code[:3] if _is_country_code(code[:3]) else None
            sector = code[3:6] if country and len(code) >= 6 else None
            entry = Organization(
                name=actor.phrase.title(), aliases=tuple(s.title() for s in actor.synonyms), code=code,
                country=country, sector=sector, kind="person" if actor.is_person else "organization",
            )
            cached = Match("person" if actor.is_person else "organization", entry, actor.phrase)
            self._match_cache[i] = cached
        return [cached]


def _is_country_code(code: str) -> bool:
    return code in _country_codes()


_COUNTRY_CODES: frozenset[str] | None = None


def _country_codes() -> frozenset[str]:
    global _COUNTRY_CODES
    if _COUNTRY_CODES is None:
        import pycountry

        codes = {c.alpha_3 for c in pycountry.countries} | {"XKX", "KSV"}
        _COUNTRY_CODES = frozenset(codes)
    return _COUNTRY_CODES


def load_petrarch_actors(paths: Sequence[str | Path] | str | Path) -> PetrarchActors:
    """Read actor dictionaries; the first definition of a phrase wins (later duplicates are warned about)."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    result = PetrarchActors()
    warnings = result.warnings
    for path in map(Path, paths):
        result.files.append(str(path))
        current: dict | None = None

        def finish(entry: dict | None, path: Path = path) -> None:
            if entry is None:
                return
            if not entry["codes"]:
                warnings.append(DictionaryWarning(str(path), entry["line"], f"actor {entry['phrase']!r} has no code"))
                return
            actor = PetrarchActor(
                entry["phrase"], tuple(entry["synonyms"]), tuple(entry["codes"]), f"{path}:{entry['line']}"
            )
            index = len(result.actors)
            result.actors.append(actor)
            for phrase, lineno in [(entry["phrase"], entry["line"]), *entry["synonym_lines"]]:
                prior = result._by_phrase.get(phrase)
                if prior is None:
                    result._by_phrase[phrase] = index
                elif result.actors[prior].codes != actor.codes:
                    warnings.append(
                        DictionaryWarning(
                            str(path), lineno, f"{phrase!r} already defined at {result.actors[prior].source}; kept"
                        )
                    )

        for lineno, line in _read_lines(path, warnings):
            stripped = line.strip()
            where = (str(path), lineno)
            if stripped.startswith("+"):
                if current is None:
                    warnings.append(DictionaryWarning(*where, "synonym before any actor"))
                    continue
                name, _, codes = stripped[1:].partition("[")
                phrase = normalize_phrase(name)
                if phrase:
                    current["synonyms"].append(phrase)
                    current["synonym_lines"].append((phrase, lineno))
                if codes:
                    current["codes"] += _parse_codes("[" + codes, where, warnings)
            elif stripped.startswith("["):
                if current is None:
                    warnings.append(DictionaryWarning(*where, "code line before any actor"))
                    continue
                current["bracketed"] = True
                current["codes"] += _parse_codes(stripped, where, warnings)
            else:
                name, bracket, codes = stripped.partition("[")
                phrase = normalize_phrase(name)
                if not phrase or ":" in phrase:
                    warnings.append(DictionaryWarning(*where, f"not an actor line: {stripped[:40]!r}"))
                    continue
                if current is not None and not current["codes"] and not current["bracketed"]:
                    # Consecutive phrases before one code block share it (TABARI grouping).
                    current["synonyms"].append(phrase)
                    current["synonym_lines"].append((phrase, lineno))
                    if bracket:
                        current["codes"] += _parse_codes("[" + codes, where, warnings)
                    continue
                finish(current)
                current = {
                    "phrase": phrase, "line": lineno, "synonyms": [], "synonym_lines": [], "codes": [],
                    "bracketed": bool(bracket),
                }
                if bracket:
                    current["codes"] += _parse_codes("[" + codes, where, warnings)
        finish(current)
    return result


# ------------------------------------------------------------------------------------------------ agents


@dataclass(frozen=True, slots=True)
class AgentEntry:
    """An agent phrase and its code; ``prefix`` is True for ``[CODE~]`` agents."""

    phrase: str
    code: str
    prefix: bool
    source: str

    @property
    def raw(self) -> str:
        """The code as the dictionary writes it: ``~GOV`` or ``NGO~``."""
        return f"{self.code}~" if self.prefix else f"~{self.code}"

    def apply(self, actor_code: str | None) -> str:
        """Combine with an actor code: suffix agents go after it, prefix agents before it."""
        return combine_codes(actor_code, self.raw)


def combine_codes(actor_code: str | None, agent_code: str) -> str:
    """``combine_codes("USA", "~GOV") == "USAGOV"``; ``combine_codes("USA", "NGO~") == "NGOUSA"``."""
    actor_code = actor_code or ""
    if agent_code.endswith("~"):
        return agent_code[:-1] + actor_code
    return actor_code + agent_code.lstrip("~")


def _plural_forms(phrase: str) -> list[str]:
    words = phrase.split(" ")
    last = words[-1]
    if last.endswith("MAN"):
        plural = last[:-3] + "MEN"
    elif last.endswith("Y") and len(last) > 1 and last[-2] not in "AEIOU":
        plural = last[:-1] + "IES"
    elif last.endswith(("S", "SH", "CH", "X", "Z")):
        plural = last + "ES"
    else:
        plural = last + "S"
    return [" ".join([*words[:-1], plural])]


@dataclass
class PetrarchAgents:
    """Agents (role nouns) read from one or more PETRARCH agent dictionaries."""

    entries: dict[str, AgentEntry] = field(default_factory=dict)
    warnings: list[DictionaryWarning] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.entries)

    def entry(self, noun_phrase: str) -> AgentEntry | None:
        """The entry for a noun phrase (singular or plural form as generated), or None."""
        key = normalize_phrase(noun_phrase)
        found = self.entries.get(key)
        if found is None and key.startswith("THE "):
            found = self.entries.get(key[4:])
        return found

    def lookup(self, noun_phrase: str) -> str | None:
        """The agent code without its tilde ("GOV", "NGO"); use :meth:`entry` for the prefix/suffix position."""
        found = self.entry(noun_phrase)
        return None if found is None else found.code

    def phrases(self) -> Iterator[str]:
        """Every phrase, with generated plurals and substitutions."""
        return iter(self.entries)

    def count_from(self, path: str | Path) -> int:
        name = str(path)
        return len({e.source for e in self.entries.values() if e.source.rsplit(":", 1)[0] == name})


def load_petrarch_agents(paths: Sequence[str | Path] | str | Path) -> PetrarchAgents:
    """Read agent dictionaries; the first definition of a phrase wins."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    result = PetrarchAgents()
    warnings = result.warnings
    for path in map(Path, paths):
        result.files.append(str(path))
        substitutions: dict[str, list[str]] = {}
        for lineno, line in _read_lines(path, warnings):
            where = (str(path), lineno)
            stripped = line.strip()
            sm = _SUBST.match(stripped)
            if sm:
                substitutions[sm.group(1)] = [normalize_phrase(a) for a in sm.group(2).split(",") if a.strip()]
                continue
            head, bracket, _ = stripped.partition("[")
            if not bracket:
                warnings.append(DictionaryWarning(*where, "agent line without a [code]"))
                continue
            phrase_part, brace, plural_part = head.partition("{")
            plurals: list[str] | None = None
            if brace:
                if "}" not in plural_part:
                    warnings.append(DictionaryWarning(*where, "unclosed '{' in plural list"))
                    continue
                plurals = [normalize_phrase(p) for p in plural_part.split("}", 1)[0].split() if p.strip()]
            code_text = stripped[len(head):]
            m = _BRACKET.search(code_text)
            raw = m.group(1).replace(" ", "") if m else ""
            if m and m.group(0).endswith("}"):
                warnings.append(DictionaryWarning(*where, "code bracket closed with '}'; read as ']'"))
            if raw.count("~") != 1 or not re.fullmatch(r"~[A-Za-z0-9]+|[A-Za-z0-9]+~", raw):
                warnings.append(DictionaryWarning(*where, f"agent code must be [~CODE] or [CODE~], got {code_text!r}"))
                continue
            prefix = raw.endswith("~")
            code = raw.strip("~").upper()
            phrase_text = phrase_part.strip()
            markers = re.findall(r"![A-Z0-9_\-]+!", phrase_text)
            if markers:
                unknown = [mk for mk in markers if mk not in substitutions]
                if unknown:
                    warnings.append(DictionaryWarning(*where, f"unknown substitution set {unknown[0]}"))
                    continue
                forms = [phrase_text]
                for mk in dict.fromkeys(markers):
                    forms = [f.replace(mk, alt) for f in forms for alt in substitutions[mk]]
                phrases = [normalize_phrase(f) for f in forms]
            else:
                base = normalize_phrase(phrase_text)
                if not base:
                    warnings.append(DictionaryWarning(*where, "agent line without a phrase"))
                    continue
                phrases = [base] + (plurals if plurals is not None else _plural_forms(base))
            source = f"{path}:{lineno}"
            for phrase in phrases:
                if phrase and phrase not in result.entries:
                    result.entries[phrase] = AgentEntry(phrase, code, prefix, source)
    return result


def load_petrarch(paths: Iterable[str | Path]) -> tuple[PetrarchActors, PetrarchAgents]:
    """Load every ``*.actors.txt`` and ``*.agents.txt`` among ``paths`` (files or folders)."""
    files: list[Path] = []
    for p in map(Path, paths):
        files += sorted(p.iterdir()) if p.is_dir() else [p]
    actors = [f for f in files if f.name.lower().endswith(".actors.txt")]
    agents = [f for f in files if f.name.lower().endswith(".agents.txt")]
    return load_petrarch_actors(actors), load_petrarch_agents(agents)


__all__ = [
    "AgentEntry", "DatedCode", "DictionaryWarning", "PetrarchActor", "PetrarchActors", "PetrarchAgents",
    "combine_codes", "load_petrarch", "load_petrarch_actors", "load_petrarch_agents", "normalize_phrase",
]
