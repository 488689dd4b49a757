"""The actor knowledge base: countries, organisations, role nouns (sectors), office holders, and geographic names
that hold a country's name but are no actor ("Sea of Japan").

The built-in tables live in ``eventwire/data/*.tsv`` (each documented in ``data/README.md``); a user adds or
corrects rows with files of the same shape passed in ``extra`` (config ``data``). PETRARCH/TABARI dictionaries
(``*.actors.txt``, ``*.agents.txt``) load through the same call and answer for names the tables do not know.

Everything is validated on load: a bad row raises :class:`~eventwire.errors.DataFileError` naming the file, the
line and the column. :func:`load_actor_knowledge` is cached, so a process loads each combination once.

Lookup rules (:meth:`ActorKnowledge.lookup`):

* case-insensitive, except that all-caps acronyms ("US", "U.S.", "UN", "NATO") match only as written; acronyms of
  four letters or more also match in title case ("Nato", "Opec") as British outlets write them;
* curly apostrophes are straightened, a possessive ``'s``/``’s``/``s'`` and a leading ``the`` are ignored;
* office holders are found by full name, by any alias, and by surname forms derived here: the last word with any
  name particles before it ("von der Leyen", "bin Salman"), or the first word for family-name-first countries
  (China, Taiwan, the Koreas, Cambodia: "Xi", "Kim"); generational suffixes ("Jr.") are dropped.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

from .errors import DataFileError

DATA_DIR = Path(__file__).resolve().parent / "data"

MatchKind = Literal["country", "demonym", "capital", "organization", "person", "sector", "geographic"]

COUNTRY_COLUMNS = (
    "iso3", "iso2", "name", "aliases", "demonyms", "capital", "capital_lat", "capital_lon", "capital_aliases",
)
ORGANIZATION_COLUMNS = ("name", "aliases", "code", "country", "sector", "kind")
SECTOR_COLUMNS = ("phrase", "sector", "kind")
OFFICE_COLUMNS = ("name", "aliases", "country", "role", "sector", "start", "end")
GEOGRAPHIC_COLUMNS = ("name", "aliases", "kind")
GEOGRAPHIC_KINDS = frozenset({"sea", "gulf", "strait", "ocean", "bay", "channel", "river", "peninsula", "region", "state"})

ORGANIZATION_KINDS = frozenset({"organization", "group", "person"})
SECTOR_KINDS = frozenset({"person", "body"})
# Countries whose people are named family name first in English-language news.
FAMILY_NAME_FIRST = frozenset({"CHN", "TWN", "PRK", "KOR", "KHM"})
# Countries whose names have no surname news uses alone (Burmese names; Malay and Ethiopian patronymics):
# list the short form news uses ("Suu Kyi", "Anwar", "Abiy") as an alias instead.
NO_SURNAME = frozenset({"MMR", "MYS", "ETH"})
NAME_PARTICLES = frozenset(
    {"von", "van", "der", "den", "de", "del", "della", "da", "dos", "das", "du", "la", "le", "bin", "ibn", "al",
     "el", "abu", "ben", "ter", "zu"}
)
NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})
_SPACE = re.compile(r"\s+")
_ACRONYM = re.compile(r"^(?:[A-Z]\.){2,}$|^[A-Z][A-Z0-9&\-]*[A-Z0-9]$")
_CODE = re.compile(r"^[A-Z0-9]{3,15}$")
_ISO3 = re.compile(r"^[A-Z]{3}$")
_ISO2 = re.compile(r"^[A-Z]{2}$")
_SECTOR = re.compile(r"^[A-Z]{3}(?:[A-Z]{3})*$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


# --------------------------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class Country:
    """One country: codes, names, demonyms and capital."""

    iso3: str
    iso2: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capital: str
    capital_lat: float | None
    capital_lon: float | None
    capital_aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Organization:
    """An IGO, NGO, party, armed group... (or an actor read from a PETRARCH dictionary, with its code)."""

    name: str
    aliases: tuple[str, ...]
    code: str
    country: str | None
    sector: str | None
    kind: str
    # codes the body had before a date, earliest first: (until, code, sector), in force on days before ``until``
    # (the Taliban: AFGREB before 2021-08-15, AFGGOV since)
    earlier: tuple[tuple[dt.date, str, str | None], ...] = ()

    def code_on(self, on: dt.date | None) -> tuple[str, str | None]:
        """The code and sector in force on ``on``; the current ones when the date is unknown."""
        if on is not None:
            for until, code, sector in self.earlier:
                if on < until:
                    return code, sector
        return self.code, self.sector


@dataclass(frozen=True, slots=True)
class OfficeTerm:
    """One person's term in one office; ``start`` is the first day and ``end`` the last day of the term."""

    name: str
    aliases: tuple[str, ...]
    country: str
    role: str
    sector: str
    start: dt.date
    end: dt.date | None

    def in_force(self, on: dt.date) -> bool:
        """Whether the term covers ``on``."""
        return self.start <= on and (self.end is None or on <= self.end)


@dataclass(frozen=True, slots=True)
class SectorEntry:
    """A role noun or phrase ("foreign ministry", "troops") and its sector code."""

    phrase: str
    sector: str
    kind: str  # person (a role a person holds: minister, soldier) | body (an institution or collective)


@dataclass(frozen=True, slots=True)
class GeographicName:
    """A place whose name holds a country's name or demonym but which is no country as an actor ("Sea of
    Japan", "Taiwan Strait", "Indian Ocean", "New Mexico")."""

    name: str
    aliases: tuple[str, ...]
    kind: str


@dataclass(frozen=True, slots=True)
class Match:
    """One reading of a surface form: which kind of thing it names, the entry, and the key that matched."""

    kind: MatchKind
    entry: Country | Organization | OfficeTerm | SectorEntry | GeographicName
    key: str


@dataclass(frozen=True, slots=True)
class LoadedFile:
    """A file the knowledge base was built from (for ``eventwire data list``)."""

    path: str
    kind: str  # countries | organizations | sectors | offices | geographic | petrarch-actors | petrarch-agents
    rows: int
    builtin: bool


# --------------------------------------------------------------------------------------------- text keys


def normalize_surface(text: str) -> str:
    """Straighten apostrophes, fold white space, drop a possessive and a leading "the" (case kept)."""
    text = _SPACE.sub(" ", text.translate(_APOSTROPHES)).strip()
    if text.endswith("'s") or text.endswith("'S"):
        text = text[:-2]
    elif text.endswith("s'"):
        text = text[:-1]
    if text[:4].lower() == "the ":
        text = text[4:]
    return text.strip()


def _casefold_key(text: str) -> str:
    return normalize_surface(text).casefold()


def is_acronym(form: str) -> bool:
    """True for all-caps forms such as "US", "U.S.", "NATO", "G7" that must match as written."""
    return bool(_ACRONYM.match(form)) and any(c.isalpha() for c in form)


def _split(value: str) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for part in value.split("|"):
        part = part.strip()
        if part:
            seen.setdefault(part, None)
    return tuple(seen)


def surname_forms(name: str, country: str | None = None) -> tuple[str, ...]:
    """Short forms of a person's name that news uses alone: "Donald Trump" → ("Trump",)."""
    words = [w for w in name.split() if w.lower().strip(",") not in NAME_SUFFIXES]
    if len(words) < 2 or country in NO_SURNAME:
        return ()
    if country in FAMILY_NAME_FIRST:
        return (words[0],)
    i = len(words) - 1
    while i > 1 and words[i - 1].lower() in NAME_PARTICLES:
        i -= 1
    forms = [" ".join(words[i:])]
    last = words[-1]
    if "-" in last and last.lower().startswith(("al-", "el-")):
        forms.append(last.split("-", 1)[1])
    return tuple(dict.fromkeys(forms))


def _plurals(word: str) -> list[str]:
    low = word.lower()
    if low.endswith(("man",)):
        return [word[:-3] + "men"]
    if low.endswith("y") and len(low) > 1 and low[-2] not in "aeiou":
        return [word[:-1] + "ies"]
    if low.endswith(("s", "sh", "ch", "x", "z")):
        return [word + "es"]
    if low.endswith("person"):
        return [word[:-6] + "people"]
    return [word + "s"]


def _singulars(word: str) -> list[str]:
    low = word.lower()
    out: list[str] = []
    if low.endswith("men"):
        out.append(word[:-3] + "man")
    if low.endswith("people"):
        out.append(word[:-6] + "person")
    if low.endswith("ies"):
        out.append(word[:-3] + "y")
    if low.endswith("es"):
        out.append(word[:-2])
    if low.endswith("s") and not low.endswith("ss"):
        out.append(word[:-1])
    return out


# --------------------------------------------------------------------------------------------- TSV reading


def _rows(path: Path, columns: tuple[str, ...], required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a tab-separated knowledge file: ``#`` comments, one header line naming ``columns``."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise DataFileError(f"data file {path} does not exist", source=str(path)) from exc
    except UnicodeDecodeError as exc:
        raise DataFileError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})", source=str(path)) from exc
    except OSError as exc:
        raise DataFileError(f"cannot read data file {path}: {exc}", source=str(path)) from exc
    header: list[str] | None = None
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))
        if header is None:
            header = [c.strip() for c in cells]
            missing = [c for c in columns if c not in header]
            unknown = [c for c in header if c not in columns]
            if missing or unknown:
                raise DataFileError(
                    f"{path}:{lineno}: header must name the columns {', '.join(columns)}"
                    + (f"; missing {', '.join(missing)}" if missing else "")
                    + (f"; unknown {', '.join(unknown)}" if unknown else ""),
                    source=str(path),
                )
            continue
        if len(cells) > len(header):
            raise DataFileError(
                f"{path}:{lineno}: {len(cells)} tab-separated cells, the header has {len(header)}", source=str(path)
            )
        row = {name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(header)}
        for name in required:
            if not row[name]:
                raise DataFileError(f"{path}:{lineno}: column {name!r} is empty", source=str(path))
        yield lineno, row
    if header is None:
        raise DataFileError(f"{path}: no header line (expected: {' '.join(columns)})", source=str(path))


def _bad(path: Path, lineno: int, column: str, value: str, why: str) -> DataFileError:
    return DataFileError(f"{path}:{lineno}: column {column!r}: {value!r} {why}", source=str(path))


def _coordinate(path: Path, lineno: int, column: str, value: str, limit: float) -> float | None:
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        raise _bad(path, lineno, column, value, "is not a number") from None
    if not -limit <= number <= limit:
        raise _bad(path, lineno, column, value, f"is outside -{limit}..{limit}")
    return number


def _month(path: Path, lineno: int, column: str, value: str, *, end: bool) -> dt.date:
    m = _MONTH.match(value)
    if not m:
        raise _bad(path, lineno, column, value, "is not a date YYYY-MM (or YYYY-MM-DD)")
    year, month = int(m.group(1)), int(m.group(2))
    try:
        if m.group(3):
            return dt.date(year, month, int(m.group(3)))
        day = calendar.monthrange(year, month)[1] if end else 1
        return dt.date(year, month, day)
    except (ValueError, calendar.IllegalMonthError):
        raise _bad(path, lineno, column, value, "is not a real date") from None


def read_countries(path: Path) -> list[Country]:
    """Read and validate a countries table."""
    out = []
    for lineno, row in _rows(path, COUNTRY_COLUMNS, ("iso3", "iso2", "name")):
        if not _ISO3.match(row["iso3"]):
            raise _bad(path, lineno, "iso3", row["iso3"], "is not a 3-letter upper-case code")
        if not _ISO2.match(row["iso2"]):
            raise _bad(path, lineno, "iso2", row["iso2"], "is not a 2-letter upper-case code")
        out.append(
            Country(
                iso3=row["iso3"], iso2=row["iso2"], name=row["name"], aliases=_split(row["aliases"]),
                demonyms=_split(row["demonyms"]), capital=row["capital"],
                capital_lat=_coordinate(path, lineno, "capital_lat", row["capital_lat"], 90.0),
                capital_lon=_coordinate(path, lineno, "capital_lon", row["capital_lon"], 180.0),
                capital_aliases=_split(row["capital_aliases"]),
            )
        )
    return out


def read_organizations(path: Path, countries: Iterable[str] = ()) -> list[Organization]:
    """Read and validate an organisations table."""
    out = []
    for lineno, row in _rows(path, ORGANIZATION_COLUMNS, ("name", "code", "kind")):
        code, *dated = _split(row["code"])
        earlier = []
        for alternative in dated:  # "AFGGOV|AFGREB<2021-08-15": the code, then the codes it had before a date
            old_code, _, until = alternative.partition("<")
            try:
                day = dt.date.fromisoformat(until)
            except ValueError:
                raise _bad(path, lineno, "code", alternative, "is not CODE<YYYY-MM-DD (a code before a date)") from None
            if not _CODE.match(old_code):
                raise _bad(path, lineno, "code", old_code, "is not an upper-case CAMEO-style code")
            sector = old_code[3:6] if row["country"] and old_code.startswith(row["country"]) else None
            earlier.append((day, old_code, sector or None))
        row["code"] = code
        if not _CODE.match(row["code"]):
            raise _bad(path, lineno, "code", row["code"], "is not an upper-case CAMEO-style code")
        if row["country"] and not _ISO3.match(row["country"]):
            raise _bad(path, lineno, "country", row["country"], "is not an ISO alpha-3 code (or empty)")
        if row["sector"] and not _SECTOR.match(row["sector"]):
            raise _bad(path, lineno, "sector", row["sector"], "is not a sector code such as GOV or REB")
        if row["kind"] not in ORGANIZATION_KINDS:
            raise _bad(path, lineno, "kind", row["kind"], f"is not one of {sorted(ORGANIZATION_KINDS)}")
        out.append(
            Organization(
                name=row["name"], aliases=_split(row["aliases"]), code=row["code"], country=row["country"] or None,
                sector=row["sector"] or None, kind=row["kind"], earlier=tuple(sorted(earlier)),
            )
        )
    return out


def read_sectors(path: Path) -> list[SectorEntry]:
    """Read and validate a sectors (role noun) table."""
    out = []
    for lineno, row in _rows(path, SECTOR_COLUMNS, ("phrase", "sector", "kind")):
        if not _SECTOR.match(row["sector"]):
            raise _bad(path, lineno, "sector", row["sector"], "is not a sector code such as GOV or MIL")
        if row["kind"] not in SECTOR_KINDS:
            raise _bad(path, lineno, "kind", row["kind"], f"is not one of {sorted(SECTOR_KINDS)}")
        out.append(SectorEntry(phrase=row["phrase"].lower(), sector=row["sector"], kind=row["kind"]))
    return out


def read_geographic(path: Path) -> list[GeographicName]:
    """Read and validate a table of geographic names that are no actor (seas, straits, peninsulas ...)."""
    out = []
    for lineno, row in _rows(path, GEOGRAPHIC_COLUMNS, ("name", "kind")):
        if row["kind"] not in GEOGRAPHIC_KINDS:
            raise _bad(path, lineno, "kind", row["kind"], f"is not one of {sorted(GEOGRAPHIC_KINDS)}")
        out.append(GeographicName(name=row["name"], aliases=_split(row["aliases"]), kind=row["kind"]))
    return out


def read_offices(path: Path) -> list[OfficeTerm]:
    """Read and validate an office-holders table."""
    out = []
    for lineno, row in _rows(path, OFFICE_COLUMNS, ("name", "country", "role", "sector", "start")):
        if not _CODE.match(row["country"]):
            raise _bad(path, lineno, "country", row["country"], "is not an ISO alpha-3 or IGO code")
        if not _SECTOR.match(row["sector"]):
            raise _bad(path, lineno, "sector", row["sector"], "is not a sector code such as GOV")
        start = _month(path, lineno, "start", row["start"], end=False)
        end = _month(path, lineno, "end", row["end"], end=True) if row["end"] else None
        if end is not None and end < start:
            raise _bad(path, lineno, "end", row["end"], f"is before the start {row['start']}")
        out.append(
            OfficeTerm(
                name=row["name"], aliases=_split(row["aliases"]), country=row["country"], role=row["role"],
                sector=row["sector"], start=start, end=end,
            )
        )
    return out


# --------------------------------------------------------------------------------------------- the index


@dataclass
class _Index:
    """Surface form → matches; acronyms are kept case-sensitive, everything else case-folded."""

    folded: dict[str, list[Match]] = field(default_factory=dict)
    exact: dict[str, list[Match]] = field(default_factory=dict)
    forms: dict[str, list[Match]] = field(default_factory=dict)  # as written, for surface_forms()

    def add(self, form: str, match: Match) -> None:
        form = normalize_surface(form)
        if not form:
            return
        bucket = self.exact if is_acronym(form) else self.folded
        key = form if bucket is self.exact else form.casefold()
        entries = bucket.setdefault(key, [])
        # One reading per entry: "Ukraine" and "The Ukraine" are the same country.
        if not any(m.kind == match.kind and m.entry is match.entry for m in entries):
            entries.append(match)
            self.forms.setdefault(form, []).append(match)

    def get(self, text: str) -> list[Match]:
        form = normalize_surface(text)
        if not form:
            return []
        if form in self.exact:
            return list(self.exact[form])
        out = list(self.folded.get(form.casefold(), ()))
        # Long acronyms also match in title case ("Nato"); "Us" never matches "US".
        upper = form.upper()
        if len(form) >= 4 and form[0].isupper() and form[1:].islower() and upper in self.exact:
            out.extend(m for m in self.exact[upper] if m not in out)
        return out


class ActorKnowledge:
    """Countries, organisations, sectors and office holders, indexed by every surface form."""

    def __init__(
        self,
        countries: Iterable[Country] = (),
        organizations: Iterable[Organization] = (),
        sectors: Iterable[SectorEntry] = (),
        offices: Iterable[OfficeTerm] = (),
        geographic: Iterable[GeographicName] = (),
        petrarch_actors: object | None = None,
        petrarch_agents: object | None = None,
        files: Sequence[LoadedFile] = (),
    ) -> None:
        self.countries: dict[str, Country] = {}
        for country in countries:
            self.countries[country.iso3] = country  # later files replace earlier rows
        self.organizations: list[Organization] = _dedupe(organizations, key=lambda o: (o.name, o.code))
        self.sectors: dict[str, SectorEntry] = {}
        for entry in sectors:
            self.sectors[entry.phrase] = entry
        self.offices: list[OfficeTerm] = _dedupe(offices, key=lambda t: (t.name, t.country, t.role, t.start))
        self.geographic: list[GeographicName] = _dedupe(geographic, key=lambda g: g.name)
        self.petrarch_actors = petrarch_actors
        self.petrarch_agents = petrarch_agents
        self.files: tuple[LoadedFile, ...] = tuple(files)
        self._index = _Index()
        self._people = _Index()
        self._sector_keys: dict[str, SectorEntry] = {}
        self._build()

    # -- building
    def _build(self) -> None:
        idx = self._index
        for c in self.countries.values():
            for form in (c.name, *c.aliases):  # bare ISO codes are not names ("AND", "CAN")
                idx.add(form, Match("country", c, form))
            for form in c.demonyms:
                idx.add(form, Match("demonym", c, form))
            for form in (c.capital, *c.capital_aliases):
                if form:
                    idx.add(form, Match("capital", c, form))
        for org in self.organizations:
            for form in (org.name, *org.aliases):
                idx.add(form, Match("organization", org, form))
        for place in self.geographic:
            for form in (place.name, *place.aliases):
                idx.add(form, Match("geographic", place, form))
        for term in self.offices:
            full = (term.name, *term.aliases)
            for form in full:
                self._people.add(form, Match("person", term, form))
            for form in {s for f in full for s in surname_forms(f, term.country)} - set(full):
                self._people.add(form, Match("person", term, "~" + form))
        for people in self._people.forms.items():
            for match in people[1]:
                idx.add(people[0], match)
        for entry in self.sectors.values():
            words = entry.phrase.split()
            forms = [entry.phrase] + [" ".join([*words[:-1], p]) for p in _plurals(words[-1])]
            for form in forms:
                self._sector_keys.setdefault(form, entry)
                idx.add(form, Match("sector", entry, entry.phrase))

    # -- queries
    def lookup(self, text: str) -> list[Match]:
        """Every reading of ``text`` as a whole surface form (see the module docstring for the rules).

        Names the built-in and user tables do not know fall back to loaded PETRARCH dictionaries.
        """
        matches = self._index.get(text)
        if not matches and self.petrarch_actors is not None:
            matches = self.petrarch_actors.matches(text)  # type: ignore[attr-defined]
        return matches

    def country_of_name(self, text: str) -> Country | None:
        """The country a name, alias, demonym or capital stands for ("Kyiv" → Ukraine), or None if unknown
        or ambiguous ("Congolese"). A country's own name wins over another country's demonym."""
        matches = [m for m in self._index.get(text) if m.kind in ("country", "demonym", "capital")]
        found = {m.entry.iso3: m for m in matches}  # type: ignore[union-attr]
        if len(found) == 1:
            return next(iter(found.values())).entry  # type: ignore[return-value]
        names = {m.entry.iso3 for m in matches if m.kind == "country"}  # type: ignore[union-attr]
        if len(names) == 1:
            return self.countries[names.pop()]
        return None

    def person_terms(self, name: str) -> list[OfficeTerm]:
        """Every office term of everyone the name may stand for, oldest first."""
        return sorted((m.entry for m in self._people.get(name)), key=lambda t: t.start)  # type: ignore[misc]

    def office_holder(self, name: str, on: dt.date | None = None) -> OfficeTerm | None:
        """The office term of the person named, in force on ``on`` (or their latest term when ``on`` is None).

        A name shared by several people (a surname such as "Kim") resolves only when exactly one of them is in
        office on that date (or, without a date, only when it names one person). When one person holds
        several offices at once, a substantive office beats an acting one, then the term that started last wins.
        """
        terms: list[OfficeTerm] = self.person_terms(name)
        if not terms:
            return None
        if on is not None:
            terms = [t for t in terms if t.in_force(on)]
        if len({t.name for t in terms}) != 1:
            return None
        return max(terms, key=lambda t: ("acting" not in t.role.lower(), t.start))

    def sector_of(self, phrase: str) -> str | None:
        """The sector code of a role noun or phrase ("foreign ministry" → GOV, "troops" → MIL).

        Plural and singular forms both match; when the whole phrase is unknown, leading modifiers are dropped
        one by one ("Russian embassy" → "embassy"). Loaded PETRARCH agent dictionaries answer last.
        """
        entry = self.sector_entry(phrase)
        if entry is not None:
            return entry.sector
        if self.petrarch_agents is not None:
            words = _casefold_key(phrase).split()
            for i in range(len(words)):
                code = self.petrarch_agents.lookup(" ".join(words[i:]))  # type: ignore[attr-defined]
                if code:
                    return code
        return None

    def sector_entry(self, phrase: str) -> SectorEntry | None:
        """The sectors-table entry behind :meth:`sector_of`, or None."""
        words = _casefold_key(phrase).replace("-", " ").split()
        for i in range(len(words)):
            head = words[i:]
            for last in (head[-1], *_singulars(head[-1])):
                entry = self._sector_keys.get(" ".join([*head[:-1], last]))
                if entry is not None:
                    return entry
        return None

    def surface_forms(self) -> Iterator[tuple[str, Match]]:
        """Every name form with its match, as written (acronyms in capitals), for a spaCy PhraseMatcher."""
        for form, matches in self._index.forms.items():
            for match in matches:
                yield form, match

    def __repr__(self) -> str:
        return (
            f"ActorKnowledge({len(self.countries)} countries, {len(self.organizations)} organizations, "
            f"{len(self.sectors)} sector phrases, {len(self.offices)} office terms)"
        )


def _dedupe(items: Iterable, key) -> list:  # type: ignore[no-untyped-def]
    seen: dict[object, object] = {}
    for item in items:
        seen[key(item)] = item  # a later file's row replaces an earlier row with the same key
    return list(seen.values())


# --------------------------------------------------------------------------------------------- loading

_PATTERNS = (
    ("countries", "*countries*.tsv"),
    ("organizations", "*organizations*.tsv"),
    ("sectors", "*sectors*.tsv"),
    ("offices", "*offices*.tsv"),
    ("geographic", "*geographic*.tsv"),
)


# Built-in tables beyond the one file per kind: terms of office before offices.tsv's period.
_BUILTIN_EXTRA = (("offices", "offices_historical.tsv"),)


def _kind_of(path: Path) -> str | None:
    name = path.name.lower()
    if name.endswith(".actors.txt"):
        return "petrarch-actors"
    if name.endswith(".agents.txt"):
        return "petrarch-agents"
    for kind, pattern in _PATTERNS:
        if path.match(pattern):
            return kind
    return None


def _collect(extra: Sequence[str | Path]) -> list[tuple[str, Path]]:
    found: list[tuple[str, Path]] = []
    for item in extra:
        path = Path(item).expanduser()
        if path.is_dir():
            for child in sorted(path.iterdir()):
                kind = _kind_of(child)
                if kind and child.is_file():
                    found.append((kind, child))
        elif path.is_file():
            kind = _kind_of(path)
            if kind is None:
                continue  # another component's data file (lexicon, ...): not ours
            found.append((kind, path))
        else:
            raise DataFileError(f"data path {path} does not exist", source=str(path))
    return found


def load_actor_knowledge(extra: Sequence[str | Path] = (), builtin: bool = True) -> ActorKnowledge:
    """Load the built-in actor tables plus ``extra`` files or folders (cached per argument tuple).

    Files are recognised by name: ``*countries*.tsv``, ``*organizations*.tsv``, ``*sectors*.tsv``,
    ``*offices*.tsv``, ``*geographic*.tsv`` (same columns as the built-in tables) and PETRARCH ``*.actors.txt`` / ``*.agents.txt``.
    Other files in a folder are left alone (they belong to other components).
    """
    return _load(tuple(str(Path(p).expanduser().resolve()) for p in extra), builtin)


def _sources(extra: tuple[str, ...], builtin: bool) -> list[tuple[str, Path, bool]]:
    sources: list[tuple[str, Path, bool]] = []
    if builtin:
        sources += [(kind, DATA_DIR / f"{kind}.tsv", True) for kind, _ in _PATTERNS]
        sources += [(kind, DATA_DIR / name, True) for kind, name in _BUILTIN_EXTRA]
    return sources + [(kind, path, False) for kind, path in _collect(extra)]


def actor_files(extra: Sequence[str | Path] = (), builtin: bool = True) -> list[Path]:
    """The files ``load_actor_knowledge`` reads for these arguments, in order (for the knowledge version)."""
    return [path for _, path, _ in _sources(tuple(str(Path(p).expanduser().resolve()) for p in extra), builtin)]


@lru_cache(maxsize=8)
def _load(extra: tuple[str, ...], builtin: bool) -> ActorKnowledge:
    from .petrarch_dict import load_petrarch_actors, load_petrarch_agents

    sources = _sources(extra, builtin)
    countries: list[Country] = []
    organizations: list[Organization] = []
    sectors: list[SectorEntry] = []
    offices: list[OfficeTerm] = []
    geographic: list[GeographicName] = []
    actor_files: list[Path] = []
    agent_files: list[Path] = []
    files: list[LoadedFile] = []
    for kind, path, is_builtin in sources:
        if kind == "countries":
            rows: list = read_countries(path)
            countries += rows
        elif kind == "organizations":
            rows = read_organizations(path)
            organizations += rows
        elif kind == "sectors":
            rows = read_sectors(path)
            sectors += rows
        elif kind == "offices":
            rows = read_offices(path)
            offices += rows
        elif kind == "geographic":
            rows = read_geographic(path)
            geographic += rows
        elif kind == "petrarch-actors":
            actor_files.append(path)
            continue
        else:
            agent_files.append(path)
            continue
        files.append(LoadedFile(str(path), kind, len(rows), is_builtin))
    actors = load_petrarch_actors(actor_files) if actor_files else None
    agents = load_petrarch_agents(agent_files) if agent_files else None
    for path in actor_files:
        files.append(LoadedFile(str(path), "petrarch-actors", actors.count_from(path) if actors else 0, False))
    for path in agent_files:
        files.append(LoadedFile(str(path), "petrarch-agents", agents.count_from(path) if agents else 0, False))
    return ActorKnowledge(countries, organizations, sectors, offices, geographic, actors, agents, files)


__all__ = [
    "ActorKnowledge", "Country", "GeographicName", "actor_files", "LoadedFile", "Match", "OfficeTerm", "Organization", "SectorEntry",
    "is_acronym", "load_actor_knowledge", "normalize_surface", "surname_forms", "read_countries",
    "read_geographic", "read_offices", "read_organizations", "read_sectors",
]
