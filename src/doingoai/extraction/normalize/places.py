"""Countries, regions, organisations and foreign localities named in a cell.

Plans name places in Vietnamese ("Lào", "CHDCND Lào", "LB Nga", "Tân Tây
Lan"), in English ("New Zealand"), misspelled ("Hòa kỳ"), several to a cell
("Lào và Campuchia"), as continents ("Châu Âu"), as open lists ("Singapore,
Malaysia..."), as an international organisation standing for the country of
its seat (FHI 360 → US, as the inbound form asks), or as a foreign province
that implies its country ("Tiểu khu quân sự Kampong Thom" → Cambodia).

Matching works on words: the text is cut into words, folded (no diacritics,
lowercase), and the longest run of words that is a known name wins. Short
names that are also ordinary Vietnamese words or given names ("Anh", "Đức",
"Ý", "Nga", "Mỹ") match only with their diacritics, as printed. Names come
from pycountry and Babel; the variants the documents use come from the data
files ``countries.json`` and ``localities.json``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

from doingoai.extraction.normalize.text import fold

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_TAG = re.compile(r"<[^>]*>")
_SEPARATORS = re.compile(r"\s*(?:[,;/\n–—]|\s-\s|\bvà\b|\bva\b|\+)\s*", re.IGNORECASE)
_MAX_WORDS = 8
_STRICT_LENGTH = 4
_LOCALITY_AFFIXES = ("tinh", "thanh pho", "tp", "quan", "huyen", "vung", "bang", "thu do")
_PYCOUNTRY_SUFFIXES = re.compile(
    r"[\s-](sheng|shi|zizhiqu|zhuangzu zizhiqu|uygur zizhiqu|huizu zizhiqu|sar|do|gwangyeoksi|"
    r"teukbyeolsi|teukbyeoljachido|teukbyeoljachisi)$"
)


@dataclass(frozen=True, slots=True)
class Locality:
    code: str
    country: str
    name: str
    matched: str


@dataclass(frozen=True, slots=True)
class CountryResolution:
    codes: list[str]
    open: bool
    unresolved: list[str] = field(default_factory=list)
    localities: list[Locality] = field(default_factory=list)
    fuzzy: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Entry:
    kind: str  # "country" | "region" | "organisation" | "locality" | "home"
    code: str
    country: str
    name: str
    exact: frozenset[str] | None  # lowercase spellings required for short names


@dataclass(slots=True)
class _Index:
    names: dict[str, list[_Entry]]
    country_names: dict[str, str]  # folded name -> code, for fuzzy matching
    vi: dict[str, str]
    open_markers: tuple[str, ...]


def _words(text: str) -> list[str]:
    return [fold(w) for w in _WORD.findall(text)]


def _key(text: str) -> str:
    return " ".join(_words(text))


@cache
def _index() -> _Index:
    import pycountry
    from babel import Locale

    data_dir = resources.files("doingoai.extraction.data")
    countries = json.loads(data_dir.joinpath("countries.json").read_text("utf-8"))
    localities = json.loads(data_dir.joinpath("localities.json").read_text("utf-8"))
    territories = Locale("vi").territories
    names: dict[str, list[_Entry]] = {}
    country_names: dict[str, str] = {}
    vi: dict[str, str] = {}

    def add(name: str, kind: str, code: str, country: str, canonical: str) -> None:
        key = _key(name)
        if not key:
            return
        exact = None
        if len(key.replace(" ", "")) <= _STRICT_LENGTH and kind != "organisation":
            exact = frozenset({unicodedata.normalize("NFC", name).lower()})
        entries = names.setdefault(key, [])
        for i, entry in enumerate(entries):
            if entry.kind == kind and entry.code == code:
                if exact is not None and entry.exact is not None:
                    entries[i] = _Entry(kind, code, country, entry.name, entry.exact | exact)
                elif exact is None and entry.exact is not None:
                    entries[i] = _Entry(kind, code, country, entry.name, None)
                return
        entries.append(_Entry(kind, code, country, canonical, exact))
        if kind == "country" and len(key) >= 5:
            country_names.setdefault(key, code)

    for country in pycountry.countries:
        code = country.alpha_2
        if code == "VN":
            continue
        vi[code] = territories.get(code, country.name)
        for name in {country.name, getattr(country, "common_name", None),
                     getattr(country, "official_name", None), territories.get(code)} - {None}:
            add(name, "country", code, code, country.name)
    for code, variants in countries["countries"].items():
        for name in variants:
            add(name, "country", code, code, vi.get(code, name))
    for code, variants in countries["regions"].items():
        vi[code] = territories.get(code, variants[0])
        for name in {*variants, territories.get(code)} - {None}:
            add(name, "region", code, code, vi[code])
    for country, organisations in countries["organisations"].items():
        for name in organisations:
            add(name, "organisation", country, country, name)
    for name in countries["not_foreign"]:
        add(name, "home", "VN", "VN", "Việt Nam")

    for code, variants in localities["localities"].items():
        subdivision = pycountry.subdivisions.get(code=code)
        canonical = subdivision.name if subdivision else variants[0]
        for name in [*variants, canonical]:
            add(name, "locality", code, code.split("-")[0], canonical)
    for country in localities["all_subdivisions_of"]:
        for subdivision in pycountry.subdivisions.get(country_code=country) or []:
            base = _PYCOUNTRY_SUFFIXES.sub("", fold(subdivision.name))
            for name in {subdivision.name, base}:
                if len(_key(name)) >= 4:
                    add(name, "locality", subdivision.code, country, subdivision.name)
    markers = tuple(fold(m) for m in countries["open_markers"])
    return _Index(names=names, country_names=country_names, vi=vi, open_markers=markers)


@dataclass(frozen=True, slots=True)
class _Match:
    entry: _Entry
    start: int  # character offsets in the text
    end: int
    text: str


def _tokens(text: str) -> list[tuple[str, str, int, int]]:
    """(original, folded, start, end) for every word of ``text``."""
    return [(m.group(), fold(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]


def _scan(text: str, kinds: frozenset[str] | None = None) -> list[_Match]:
    """The longest known names in ``text``, left to right, not overlapping."""
    index = _index()
    tokens = _tokens(text)
    matches: list[_Match] = []
    i = 0
    while i < len(tokens):
        found = None
        for n in range(min(_MAX_WORDS, len(tokens) - i), 0, -1):
            key = " ".join(t[1] for t in tokens[i : i + n])
            entries = index.names.get(key)
            if not entries:
                continue
            original = text[tokens[i][2] : tokens[i + n - 1][3]]
            lowered = unicodedata.normalize("NFC", original).lower()
            for entry in entries:
                if kinds is not None and entry.kind not in kinds:
                    continue
                if entry.exact is not None and lowered not in entry.exact:
                    continue
                found = _Match(entry, tokens[i][2], tokens[i + n - 1][3], original)
                break
            if found:
                i += n
                break
        if found:
            matches.append(found)
        else:
            i += 1
    return matches


def _plain(text: str) -> str:
    if not text:
        return ""
    if "<" in text:
        text = _TAG.sub(" ", text)
    return unicodedata.normalize("NFC", text)


@lru_cache(maxsize=16384)
def resolve_countries(text: str) -> CountryResolution:
    """The countries named in a 'Nước đi' / 'Đến từ nước' / 'Nước ký kết' cell."""
    text = _plain(text)
    if not text.strip():
        return CountryResolution(codes=[], open=False)
    index = _index()
    codes: list[str] = []
    localities: list[Locality] = []
    matches = _scan(text)
    for match in matches:
        entry = match.entry
        if entry.kind == "home":
            continue
        if entry.kind == "locality":
            localities.append(Locality(entry.code, entry.country, entry.name, match.text))
        if entry.country not in codes:
            codes.append(entry.country)
    folded = fold(text)
    is_open = folded.endswith(index.open_markers) or any(
        marker in folded for marker in index.open_markers if len(marker) > 3
    )
    unresolved, fuzzy = _leftovers(text, matches, codes)
    return CountryResolution(
        codes=codes, open=is_open, unresolved=unresolved, localities=localities, fuzzy=fuzzy
    )


_FILLER = re.compile(
    r"^(cac|nuoc|cac nuoc|mot so nuoc|quoc gia|cac quoc gia|chuyen gia|cac chuyen gia|cua|to chuc|"
    r"tinh|thanh pho|tp|cac tinh|bien gioi|cac tinh bien gioi|khu vuc|vung|va|v v|vv|etc|khac|"
    r"qk\d*|qdhg|qdhq|tieu khu quan su|bo y te|bo|doan|lanh dao|dai dien)$"
)


def _leftovers(text: str, matches: list[_Match], codes: list[str]) -> tuple[list[str], list[str]]:
    """Pieces of the cell that named nothing known; fuzzy-match the longer ones."""
    masked = list(text)
    for match in matches:
        masked[match.start : match.end] = " " * (match.end - match.start)
    rest = "".join(masked)
    unresolved: list[str] = []
    fuzzy: list[str] = []
    for piece in _SEPARATORS.split(rest):
        piece = piece.strip(" .…()[]-:")
        key = _key(piece)
        if not key or _FILLER.match(key) or key.isdigit():
            continue
        words = [w for w in key.split() if not _FILLER.match(w)]
        if not words:
            continue
        code = _fuzzy(key) if len(key) >= 5 else None
        if code:
            fuzzy.append(piece)
            if code not in codes:
                codes.append(code)
        elif not codes:
            unresolved.append(piece)
    return unresolved, fuzzy


def _fuzzy(key: str) -> str | None:
    from rapidfuzz import fuzz, process

    index = _index()
    best = process.extractOne(key, index.country_names.keys(), scorer=fuzz.ratio, score_cutoff=85)
    return index.country_names[best[0]] if best else None


@lru_cache(maxsize=16384)
def find_localities(text: str) -> list[Locality]:
    """Foreign provinces and cities with an ISO 3166-2 code named in a text."""
    text = _plain(text)
    if not text.strip():
        return []
    seen: dict[str, Locality] = {}
    for match in _scan(text, frozenset({"locality", "country", "region", "organisation", "home"})):
        entry = match.entry
        if entry.kind == "locality" and entry.code not in seen:
            seen[entry.code] = Locality(entry.code, entry.country, entry.name, match.text)
    return list(seen.values())


def split_trailing_country(text: str) -> tuple[str, str] | None:
    """'Lãnh đạo UBND Nhật Bản' → ('Lãnh đạo UBND', 'Nhật Bản'); None otherwise."""
    text = _plain(text).strip()
    stripped = text.rstrip(" .,;")
    if not stripped:
        return None
    matches = _scan(stripped)
    if not matches:
        return None
    last = matches[-1]
    if last.entry.kind != "country" or last.end != len(stripped) or last.start == 0:
        return None
    head = stripped[: last.start].rstrip(" ,;-–")
    if not head or fold(head).endswith(_LOCALITY_AFFIXES + ("tai", "o", "cua", "voi")):
        return None
    return head, last.text


def country_name_vi(code: str) -> str:
    """The Vietnamese name of a country or region code, for display."""
    return _index().vi.get(code, code)
