"""Countries, world regions, organisations and foreign localities named in a cell.

The plans name the places of a delegation in many ways: in Vietnamese with
or without the state's full style ("Lào", "CHDCND Lào", "Nước CHDCND Lào"),
by transliteration ("Ôxtrâylia", "Xanh Pê-téc-bua"), in English ("New
Zealand"), misspelled by hand or by OCR ("Hòa kỳ", "Campuchea"), several to a
cell ("Lào và Campuchia"), as a continent ("Châu Âu"), as an open list
("Singapore, Malaysia..."), as an international organisation that stands for
the country of its seat (the inbound form asks for it: FHI 360 -> US), or as a
foreign province that implies its country ("Tiểu khu quân sự Kampong Thom").
Codes are ISO 3166-1 alpha-2 for countries, UN M49 for regions and ISO 3166-2
for localities.

How matching works, and why:

* The text is folded once (lowercase, no diacritics, đ -> d) with a
  one-to-one character table, so every folded word keeps the offsets of the
  printed word it came from: the printed form stays at hand for the checks
  below and for the ``matched`` text reported back.
* Names are looked up word by word in dictionaries (never one regular
  expression per name): at each word the longest known run of words wins.
  A second dictionary holds every name with its words glued together, so
  that hyphenated transliterations written with other syllable breaks still
  meet ("Savăn-na-khệt" = "Sa-văn-na-khệt" = "Savannakhet"). Glued lookups
  only span words joined by hyphens, never by plain spaces, so two unrelated
  Vietnamese words cannot fuse into a name ("anh uy" is not "An Huy").
* Short names are ordinary Vietnamese words and given names too ("Anh",
  "Đức", "Nga", "Ý", "Mỹ", "Lào"): they match only with their printed
  diacritics, capitalised, and not inside a person's name or a compound
  ("Đ/c Mai Thị Thúy Nga", "ý kiến", "Lào Cai"). Longer names match folded,
  which absorbs OCR slips of tone marks ("Hòa kỳ", "Đại Loan"); such a match
  is reported in ``fuzzy`` for review because the printed spelling is not one
  we know. Pieces of a cell that matched nothing at all get one last chance
  through rapidfuzz, also reported in ``fuzzy``.
* Sino-Vietnamese names of Chinese provinces that are also Vietnamese places
  or given names ("Hà Nam", "Sơn Tây", "Thanh Hải") count only when China is
  named in the same text, or after a word such as "tỉnh" (see the flags in
  ``data/localities.json``). Towns without an ISO 3166-2 code of their own
  ("thành phố Pakse") tell a countries cell its country but are not
  reported as localities.
* Everything a cell yields is cached per cell text: the reader asks about
  the same cell several times while it aligns a row.

Reference data: Babel (Vietnamese country and region names), pycountry
(English country names, ISO 3166-2 subdivisions) and the files
``countries.json``, ``organisations.json``, ``localities.json`` and
``place_words.json`` in ``doingoai/extraction/data``. Everything is loaded
once, on first use.
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import pickle
import re
import sys
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from importlib import resources
from itertools import accumulate, chain, islice
from operator import itemgetter
from pathlib import Path

__all__ = [
    "CountryResolution",
    "Locality",
    "countries_fit",
    "country_name_vi",
    "find_localities",
    "foreign_places",
    "resolve_countries",
    "split_trailing_country",
]


@dataclass(frozen=True, slots=True)
class Locality:
    """A foreign province, state or city with an ISO 3166-2 code."""

    code: str  # ISO 3166-2, e.g. "LA-CH"
    country: str  # ISO 3166-1 alpha-2, e.g. "LA"
    name: str  # canonical (English/romanized) name, e.g. "Champasak"
    matched: str  # the text as it appeared in the document


@dataclass(frozen=True, slots=True)
class CountryResolution:
    """What a countries cell names, with what an officer should look at."""

    codes: list[str]  # alpha-2 or UN M49 codes, in the order named, no duplicates
    open: bool  # open-ended list ("Singapore, Malaysia...", "v.v.")
    unresolved: list[str] = field(default_factory=list)  # pieces that named nothing known
    localities: list[Locality] = field(default_factory=list)  # foreign localities named
    fuzzy: list[str] = field(default_factory=list)  # pieces resolved only approximately


# --------------------------------------------------------------------------- text

_DATA_PACKAGE = "doingoai.extraction.data"
_WORD = re.compile(r"[^\W_]+")
_SPLIT = re.compile(r"(\w+)")  # words are [^\W_]+: ``_words`` turns "_" into a space first (faster)
_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)[^>]*>")
_BLOCK_TAGS = frozenset({"br", "li", "ul", "ol", "p", "div", "tr", "td", "th", "table"})
_MARKDOWN = re.compile(r"\*\*|__|~~|`|(?<!\w)\*|\*(?!\w)|^#{1,6}\s+", re.MULTILINE)
_ELLIPSIS = re.compile(r"\.\s?\.\s?\.|…")
_PIECE_SEPARATOR = re.compile(r"[,;\n|]+|\s+(?:và|hoặc|cùng|and|&|\+)\s+|\s[-–—]+\s", re.IGNORECASE)
_PIECE_TRIM = " \t.…:()[]{}\"'“”‘’-–—*•/"
_TRAILING_TRIM = " \t.,;:…"
_LINK = re.compile(r"^[\s,;/&+\-–—]*(?:(?:và|and|hoặc)\s*)?[\s,;/&+\-–—]*$", re.IGNORECASE)
# Vietnamese tone marks, which may sit on either vowel of "oa", "oe", "uy"
# ("Hoà" / "Hòa", "Thuỵ" / "Thụy"): exact comparisons move them to the end.
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")


def _fold_table() -> dict[int, str]:
    """Lowercase and strip diacritics, one character for one character.

    One-to-one matters: a folded word has the same offsets as the printed
    word, so the printed spelling and capitals can be checked afterwards.
    """
    table: dict[int, str] = {}
    for code in chain(range(0x41, 0x5B), range(0xC0, 0x250), range(0x370, 0x530), range(0x1E00, 0x1F00)):
        char = chr(code)
        lower = char.lower()
        if len(lower) != 1:
            continue
        base = "".join(c for c in unicodedata.normalize("NFD", lower) if not unicodedata.combining(c))
        if len(base) != 1:
            base = lower
        if base != char:
            table[code] = base
    for char, base in {
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "Ð": "d",
        "ł": "l",
        "Ł": "l",
        "ø": "o",
        "Ø": "o",
        "ı": "i",
        "\u00a0": " ",
        "’": "'",
        "‘": "'",
        "ʼ": "'",
    }.items():
        table[ord(char)] = base
    return table


_FOLD = _fold_table()


def _clean(text: str) -> str:
    """The cell as plain NFC text: tags, entities and markdown marks removed.

    Block tags become line breaks (they separate list items, as commas do);
    inline tags disappear.
    """
    if not text:
        return ""
    if "<" in text:
        text = _TAG.sub(lambda m: "\n" if m.group(2).lower() in _BLOCK_TAGS else " ", text)
    if "&" in text:
        text = html.unescape(text)
    if "*" in text or "_" in text or "~" in text or "`" in text or "#" in text:
        text = _MARKDOWN.sub("", text)
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


# A Vietnamese syllable, folded: names made of these ("Ba Lan", "Mã Lai",
# "Cáp-ve") fold onto everyday words ("ba lần", "mà lại", "cấp về").
_VI_SYLLABLE = re.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?$"
)


@lru_cache(maxsize=8192)
def _strip_tones(word: str) -> str:
    """A word without its tone mark but with its other marks ("lần" -> "lân")."""
    if word.isascii():
        return word
    return unicodedata.normalize(
        "NFC", "".join(c for c in unicodedata.normalize("NFD", word) if c not in _TONE_MARKS)
    )


def _same_letters(printed: list[str], spelling: str) -> bool:
    """Whether printed words can be a spelling that differs at most in tone marks.

    A word printed without any diacritic may stand for any marks (typed
    without a Vietnamese keyboard: "Han Quoc"); a word printed with marks must
    have the same letters and vowel marks, only its tone may differ ("Hòa kỳ"
    for "Hoa Kỳ", "Đại Loan" for "Đài Loan"; but "ba lần" is not "Ba Lan").
    """
    offset = 0
    for word in printed:
        size = len(word)
        if not word.isascii() and _strip_tones(word.lower()) != spelling[offset : offset + size]:
            return False
        offset += size
    return offset == len(spelling)


@lru_cache(maxsize=16384)
def _tone_key(word: str) -> str:
    """A lowercase word with its tone mark moved to the end ("hoà" == "hòa")."""
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFD", word)
    tones = "".join(c for c in decomposed if c in _TONE_MARKS)
    if not tones:
        return decomposed
    return "".join(c for c in decomposed if c not in _TONE_MARKS) + tones


# Kinds of gap between two words.
_JOIN, _SPACE, _DASH, _DOT, _HARD = range(5)
_JOINERS = frozenset({"-", "'", "\u2010", "\u2011"})
#: a character that may join two words into one spelling (see _JOIN and _DASH; "’" folds to "'")
_JOINING = re.compile("[-'\u2010\u2011\u2013\u2014\u2018\u2019\u02bc]")
_DASHES = frozenset({"-", "–", "—", "\u2010", "\u2011"})
_GAP_KINDS: dict[str, int] = {}


def _gap_kind(printed: str) -> int:
    kind = _GAP_KINDS.get(printed)
    if kind is None:
        gap = printed.translate(_FOLD)
        core = gap.strip(" \t")
        if gap in _JOINERS:
            kind = _JOIN
        elif not core:
            kind = _SPACE
        elif core in _DASHES:
            kind = _DASH
        elif core == ".":
            kind = _DOT
        else:
            kind = _HARD
        if len(_GAP_KINDS) < 4096:
            _GAP_KINDS[printed] = kind
    return kind


@dataclass(slots=True)
class _Words:
    """The words of a text: folded form, printed offsets, gap before each."""

    text: str
    words: list[str]
    spans: list[tuple[int, int]]
    gaps: list[int]


# Folded form of each printed word: a province's documents use a few thousand
# words, so nearly every word is found here (bounded: cleared when full).
_WORD_FOLDS: dict[str, str] = {}
_WORD_FOLDS_MAX = 32768


def _fold_words(printed: list[str]) -> list[str]:
    folded = list(map(_WORD_FOLDS.get, printed))
    if None in folded:
        if len(_WORD_FOLDS) > _WORD_FOLDS_MAX:
            _WORD_FOLDS.clear()
        for index, value in enumerate(folded):
            if value is None:
                word = printed[index]
                folded[index] = _WORD_FOLDS[word] = word.translate(_FOLD)
    return folded


def _cut(text: str) -> tuple[str, list[str], list[str]]:
    """The text ("_" made a space), its pieces (gap, word, gap, …, gap) and its folded words."""
    if "_" in text:
        text = text.replace("_", " ")  # one character for one: offsets stay
    parts = _SPLIT.split(text)
    printed = parts[1::2]
    return text, parts, printed if not printed or text.isascii() and text.islower() else _fold_words(printed)


def _words(text: str, cut: tuple[str, list[str], list[str]] | None = None) -> _Words:
    """Cut the text into words, folded, keeping printed offsets and gap kinds.

    One ``re.split`` of the printed text does the cutting in C (the fold maps
    letters to letters and other characters to others, one for one, so it
    cuts where the folded text would); offsets come from the running sum of
    the pieces' lengths; each word is folded once per run (``_fold_words``).
    """
    text, parts, words = cut or _cut(text)
    if not words:
        return _Words(text, [], [], [])
    offsets = list(accumulate(map(len, parts)))
    spans = list(zip(offsets[0::2], offsets[1::2], strict=False))
    gaps = [_HARD, *map(_GAP_KINDS.get, parts[2:-1:2])]
    if None in gaps:
        gaps = [_gap_kind(parts[2 * k]) if kind is None else kind for k, kind in enumerate(gaps)]
    return _Words(text, words, spans, gaps)


# --------------------------------------------------------------------------- index

_COUNTRY, _REGION, _ORG, _HOME, _PREFIX, _OPEN, _LOCALITY, _CITY = range(8)
_COUNTRY_LIKE = frozenset({_COUNTRY, _REGION, _ORG, _HOME})
_PLACES = frozenset({_LOCALITY, _CITY})  # inside a country; a city has no code of its own
_NAMED = frozenset({_COUNTRY, _REGION})
_CODED = frozenset({_COUNTRY, _REGION, _ORG, _LOCALITY, _CITY})  # kinds that give a countries cell a code
# Flags (see countries.json / localities.json): exact diacritics, name guard,
# case-sensitive, needs locality word or country, needs country, only at end.
_EXACT, _GUARD, _CASE, _CONTEXT, _NEEDS_COUNTRY, _AT_END = 1, 2, 4, 8, 16, 32
_FLAG_CHARS = {"=": _EXACT, "@": _GUARD, "#": _CASE, "^": _CONTEXT, "!": _NEEDS_COUNTRY, "$": _AT_END}
_SHORT = 4  # names of this many letters or fewer are also ordinary words


@dataclass(frozen=True, slots=True)
class _Cand:
    kind: int
    code: str  # alpha-2, M49, ISO 3166-2, or "" for prefixes and open markers
    country: str  # the country the match stands for ("" for regions and markers)
    name: str  # canonical name (localities)
    flags: int
    exact: frozenset[str]  # spellings: printed words, lowercase, tone-normalized, glued
    cased: frozenset[str]  # spellings: printed words glued (for _CASE)
    letters: int
    data: bool  # from a data file (wins over names derived from pycountry)
    key: str  # folded words joined by spaces
    vietnamese: bool  # written in Vietnamese syllables: folded matches need care
    marks: frozenset[str]  # spellings without tone marks, lowercase, glued
    plain: bool = field(init=False)  # no flag and not Vietnamese: accepted wherever it is found (_accept)

    def __post_init__(self) -> None:
        object.__setattr__(self, "plain", not self.flags and not self.vietnamese)


@dataclass(slots=True)
class _Index:
    seq: dict[str, list[_Cand]]  # words joined by spaces (two words or more)
    seq_prefixes: set[str]
    glued: dict[str, list[_Cand]]  # words glued together (every name)
    glued_prefixes: set[str]
    starters: frozenset[str]  # words a name can start with (glued names, first words)
    locality_before: frozenset[str]
    locality_after: frozenset[str]
    guard_before: frozenset[str]
    guard_after: frozenset[str]
    directions: frozenset[str]
    not_fused_after: frozenset[str]
    filler: frozenset[str]
    filler_longest: int
    domestic: frozenset[str]
    nothing: frozenset[str]
    names_vi: dict[str, str]
    qualified_by: dict[str, str]
    country_ends: frozenset[str]  # last folded words of country and region names


def _load(name: str) -> dict:
    return json.loads(resources.files(_DATA_PACKAGE).joinpath(name).read_text("utf-8"))


def _folded_phrase(text: str) -> str:
    """Words compared without diacritics ("Thế giới" -> "the gioi")."""
    return " ".join(_WORD.findall(unicodedata.normalize("NFC", text).translate(_FOLD)))


def _printed_phrases(phrases: list[str]) -> frozenset[str]:
    """Words compared with their diacritics, for words that differ only by them ("bằng", "bang")."""
    return frozenset(
        " ".join(_tone_key(p.lower()) for p in _WORD.findall(unicodedata.normalize("NFC", phrase)))
        for phrase in phrases
    )


_BRACKETED = re.compile(r"\s*[\[(]([^\])]*)[\])]")
_CODE_LIKE = re.compile(r"\b[A-Z]{2}-|\bpart\b")


def _plain_name(name: str) -> str:
    """pycountry's name without its bracketed notes ("Wales [Cymru GB-CYM]" -> "Wales")."""
    return _BRACKETED.sub("", name).strip()


def _name_forms(name: str, *, reorder: bool = True) -> list[str]:
    """The ways a reference name may be written.

    pycountry's "Korea, Republic of" -> "Korea, Republic of", "Korea",
    "Republic of Korea"; "Holy See (Vatican City State)" -> "Holy See",
    "Vatican City State"; Babel's "Myanmar (Miến Điện)" -> "Myanmar",
    "Miến Điện". Bracketed notes that are codes or qualifiers ("French part")
    are dropped.
    """
    forms = []
    plain = _plain_name(name)
    forms.append(plain)
    for inner in _BRACKETED.findall(name):
        if not _CODE_LIKE.search(inner) and (len(inner.split()) >= 2 or not reorder):
            forms.append(inner.strip())
    if ", " in plain:
        head, tail = plain.split(", ", 1)
        forms.append(head)
        if reorder:
            forms.append(f"{tail} {head}")
    return [re.sub(r"^(?:The|the)\s+", "", f).strip() for f in dict.fromkeys(forms) if f.strip()]


class _Builder:
    """Collects every spelling with its candidate, then freezes the index."""

    def __init__(self) -> None:
        self.entries: dict[str, list[tuple[tuple[str, ...], _Cand]]] = {}

    def add(self, spelling: str, kind: int, code: str, country: str, name: str, *, data: bool) -> None:
        flags = 0
        while spelling and spelling[0] in _FLAG_CHARS:
            flags |= _FLAG_CHARS[spelling[0]]
            spelling = spelling[1:]
        spelling = unicodedata.normalize("NFC", spelling).strip()
        folded = spelling.translate(_FOLD)
        matches = list(_WORD.finditer(folded))
        if not matches:
            return
        words = tuple(m.group() for m in matches)
        printed = [spelling[m.start() : m.end()] for m in matches]
        letters = sum(len(w) for w in words)
        if spelling.isupper() and letters >= 2 and kind not in _PLACES:
            flags |= _CASE
        elif letters <= _SHORT and not flags & _CASE:
            if kind in (_COUNTRY, _REGION, _HOME):
                flags |= _EXACT | _GUARD
            elif kind in _PLACES:
                flags |= _EXACT | _CONTEXT
            elif kind == _ORG:
                flags |= _EXACT
        cand = _Cand(
            kind=kind,
            code=code,
            country=country,
            name=name,
            flags=flags,
            exact=frozenset({"".join(_tone_key(p.lower()) for p in printed)}),
            cased=frozenset({"".join(printed)}),
            letters=letters,
            data=data,
            key=" ".join(words),
            vietnamese=all(_VI_SYLLABLE.match(t) for t in words)
            and (len(words) > 1 or not spelling.isascii()),
            marks=frozenset({"".join(_strip_tones(p.lower()) for p in printed)}),
        )
        self.entries.setdefault(" ".join(words), []).append((words, cand))

    def freeze(
        self, words: dict[str, list[str]], names_vi: dict[str, str], qualified_by: dict[str, str]
    ) -> _Index:
        seq: dict[str, list[_Cand]] = {}
        glued: dict[str, list[_Cand]] = {}
        for key, entries in self.entries.items():
            cands = _settle([c for _, c in entries])
            if not cands:
                continue
            tokens = entries[0][0]
            if len(tokens) > 1:
                seq[key] = cands
            glued_key = "".join(tokens)
            glued[glued_key] = _settle(glued[glued_key] + cands) if glued_key in glued else cands
        seq_prefixes = set()
        for key in seq:
            parts = key.split(" ")
            for n in range(1, len(parts)):
                seq_prefixes.add(" ".join(parts[:n]))
        glued_prefixes = set()
        for key in glued:
            for n in range(1, len(key)):
                glued_prefixes.add(key[:n])
        phrases = {
            k: frozenset(_folded_phrase(w) for w in v) for k, v in words.items() if not k.startswith("_")
        }
        printed = _printed_phrases
        domestic = printed(words["domestic"])
        filler = phrases["filler"]
        return _Index(
            seq=seq,
            seq_prefixes=seq_prefixes,
            glued=glued,
            glued_prefixes=glued_prefixes,
            starters=frozenset(glued) | frozenset(seq_prefixes),
            locality_before=printed(words["locality_before"]),
            locality_after=printed(words["locality_after"]),
            guard_before=printed(words["guard_before"]),
            guard_after=printed(words["guard_after"]),
            directions=printed(words["directions"]),
            not_fused_after=printed(words["not_fused_after"]),
            filler=filler,
            filler_longest=max(len(f.split()) for f in filler),
            domestic=domestic,
            nothing=phrases["nothing"],
            names_vi=names_vi,
            qualified_by=qualified_by,
            country_ends=frozenset(
                tokens[-1] for entries in self.entries.values() for tokens, c in entries if c.kind in _NAMED
            ),
        )


def _settle(cands: list[_Cand]) -> list[_Cand]:
    """One spelling's candidates, best first, conflicts resolved.

    Country-like names come before localities. Among country-like names one
    code wins: a data file's over a derived name; two derived names for
    different codes ("Korea" from both Koreas' pycountry names) cancel out.
    A data file's locality spelling removes derived ones for other codes.
    """
    if len(cands) == 1:
        return cands
    groups: dict[tuple[int, str], list[_Cand]] = {}
    for cand in cands:
        groups.setdefault((cand.kind, cand.code), []).append(cand)
    unique: dict[tuple[int, str], _Cand] = {}
    for key, group in groups.items():
        base = [c for c in group if c.data] or group
        flags = 0
        for c in base:
            flags |= c.flags
        unique[key] = replace(
            base[0],
            flags=flags,
            exact=frozenset().union(*(c.exact for c in group)),
            cased=frozenset().union(*(c.cased for c in group)),
            letters=min(c.letters for c in group),
            vietnamese=all(c.vietnamese for c in group),
            marks=frozenset().union(*(c.marks for c in group)),
        )
    country_like = [c for c in unique.values() if c.kind in _COUNTRY_LIKE]
    if country_like:
        from_data = [c for c in country_like if c.data]
        pool = from_data or country_like
        codes = {c.code for c in pool}
        country_like = [pool[0]] if len(codes) == 1 or from_data else []
    others = [c for c in unique.values() if c.kind not in _COUNTRY_LIKE and c.kind not in _PLACES]
    localities = [c for c in unique.values() if c.kind in _PLACES]
    if any(c.data for c in localities):
        localities = [c for c in localities if c.data]
    return country_like + others + localities


@cache
def _index() -> _Index:
    """The names index, from the on-disk cache when it matches its inputs.

    Building it from pycountry, Babel and the data files takes a few hundred
    milliseconds, which would dominate a short ``doingoai extract`` run; the
    result is kept in the user's cache folder under a key made of every input
    (data files, this module, the libraries' versions), so any change rebuilds.
    """
    return _cached_index()


_DATA_FILES = ("countries.json", "organisations.json", "localities.json", "place_words.json")


def _cache_key() -> str:
    import hashlib
    from importlib.metadata import version

    digest = hashlib.sha256()
    digest.update(Path(__file__).read_bytes())
    for name in sorted(_DATA_FILES):
        digest.update(resources.files("doingoai.extraction.data").joinpath(name).read_bytes())
    digest.update(f"{version('pycountry')}|{version('babel')}|{sys.version_info[:2]}".encode())
    return digest.hexdigest()[:24]


def _cached_index() -> _Index:
    folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "doingoai"
    try:
        path = folder / f"places-{_cache_key()}.pickle"
        with path.open("rb") as handle:
            index = pickle.load(handle)
        if isinstance(index, _Index):
            return index
    except Exception:  # noqa: BLE001 - no cache, an old one, or an unreadable one: rebuild
        pass
    index = _build_index()
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / f".places-{os.getpid()}.tmp"
        with temporary.open("wb") as handle:
            pickle.dump(index, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    return index


def _build_index() -> _Index:
    import pycountry
    from babel import Locale

    countries = _load("countries.json")
    organisations = _load("organisations.json")
    localities = _load("localities.json")
    words = _load("place_words.json")
    territories = Locale("vi").territories
    skip = set(countries["babel_skip"])
    builder = _Builder()

    names_vi: dict[str, str] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        kind = _HOME if code == "VN" else _COUNTRY
        names_vi[code] = territories.get(code, country.name)
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                for form in _name_forms(value):
                    builder.add(form, kind, code, code, country.name, data=False)
    for code, name in territories.items():
        if code in skip:
            continue
        if code.isdigit():
            names_vi[code] = name
            for form in _name_forms(name, reorder=False):
                builder.add(form, _REGION, code, "", name, data=False)
        elif code in names_vi:
            kind = _HOME if code == "VN" else _COUNTRY
            for form in _name_forms(name, reorder=False):
                builder.add(form, kind, code, code, name, data=False)
    names_vi.update(countries["display"])

    for code, spellings in countries["countries"].items():
        for spelling in spellings:
            builder.add(spelling, _COUNTRY, code, code, names_vi.get(code, code), data=True)
    for code, spellings in countries["regions"].items():
        names_vi.setdefault(code, spellings[0].lstrip("=@#"))
        for spelling in spellings:
            builder.add(spelling, _REGION, code, "", names_vi[code], data=True)
    for spelling in countries["home"]:
        builder.add(spelling, _HOME, "VN", "VN", "Việt Nam", data=True)
    for spelling in countries["prefixes"]:
        builder.add(spelling, _PREFIX, "", "", "", data=True)
    for spelling in words["open"]:
        builder.add(spelling, _OPEN, "", "", "", data=True)
    for organisation in organisations["organisations"]:
        seat = organisation["seat"]
        for spelling in organisation["names"]:
            builder.add(spelling, _ORG, seat, seat, spelling.lstrip("#="), data=True)

    listed = localities["localities"]
    suffixes = sorted(localities["base_suffixes"], key=len, reverse=True)
    for country, options in localities["subdivisions"].items():
        types = options.get("types")
        exclude = set(options.get("exclude", ()))
        stems = [(re.compile(p), r) for p, r in localities.get("stems", {}).get(country, ())]
        for sub in pycountry.subdivisions.get(country_code=country) or ():
            if sub.code in exclude or (types is None and sub.parent_code is not None):
                continue
            if types is not None and sub.type not in types:
                continue
            forms = _name_forms(sub.name, reorder=False)
            canonical = listed.get(sub.code, {}).get("name") or _plain_name(sub.name)
            bases = []
            for form in forms:
                for suffix in suffixes:
                    if form.lower().endswith(suffix.lower()):
                        bases.append(form[: -len(suffix)])
                        break
                    if form.lower().startswith(suffix.lower()):
                        bases.append(form[len(suffix) :])
                        break
            for base in list(bases):
                for pattern, repl in stems:
                    if pattern.search(base):
                        bases.append(pattern.sub(repl, base))
            for form in dict.fromkeys(forms + bases):
                if len(_folded_phrase(form).replace(" ", "")) >= 3:
                    builder.add(form, _LOCALITY, sub.code, country, canonical, data=False)
    for code, entry in listed.items():
        country = code.split("-", 1)[0]
        sub = pycountry.subdivisions.get(code=code)
        name = entry.get("name") or (sub.name if sub else code)
        for spelling in entry["variants"]:
            builder.add(spelling, _LOCALITY, code, country, name, data=True)
    for country, spellings in localities.get("cities", {}).items():
        for spelling in spellings:
            builder.add(spelling, _CITY, country, country, spelling.lstrip("=^!"), data=True)

    return builder.freeze(words, names_vi, countries["qualified_by"])


# --------------------------------------------------------------------------- scanning


_size = itemgetter(0)


@dataclass(slots=True)
class _Hit:
    first: int  # index of the first word
    count: int  # number of words
    start: int  # printed offsets (start moves left over a merged prefix)
    end: int
    cands: list[_Cand]
    glued: bool = False

    @property
    def kind(self) -> int:
        return self.cands[0].kind


@cache
def _starts() -> tuple[frozenset[str], frozenset[str]]:
    """Every name of one word (glued), and the first two words of every longer name."""
    index = _index()
    pairs = frozenset(
        " ".join(key.split(" ")[:2]) for key in chain(index.seq, index.seq_prefixes) if " " in key
    )
    return frozenset(index.glued), pairs


def _scan(w: _Words, pairs: list[str] | None = None) -> list[_Hit]:
    """Known names in the text, longest first at each word, left to right."""
    index = _index()
    return _settle_context(_scan_names(w, index, pairs), w, index)


def _scan_names(w: _Words, index: _Index, pairs: list[str] | None = None) -> list[_Hit]:
    """The names `_scan` finds, before prefixes are merged and localities checked against the text.

    ``pairs`` are the text's adjacent words joined by a space, when the
    caller has them already.
    """
    glued, seq = index.glued, index.seq
    seq_prefixes, glued_prefixes = index.seq_prefixes, index.glued_prefixes
    words, gaps, n = w.words, w.gaps, len(w.words)
    hits: list[_Hit] = []
    ends: set[int] = set()  # word indexes that end an accepted name
    # Most words start no name: find the few that may, then look closer there.
    # A name starts at a word that is a name by itself, or whose two first
    # words start a longer name ("tỉnh" alone starts nothing, "tỉnh Champasak"
    # does), or, before a hyphen, that starts a hyphenated one.
    singles, bigrams = _starts()
    joined = _JOIN in gaps or _DASH in gaps
    if pairs is None:
        pairs = list(map(" ".join, zip(words, islice(words, 1, None), strict=False)))
    single_hits = singles.intersection(words)
    pair_hits = bigrams.intersection(pairs)
    if not single_hits and not pair_hits and not joined:
        return []  # the common case for a sentence, decided in C
    positions = {k for k, word in enumerate(words) if word in single_hits} if single_hits else set()
    if pair_hits:
        positions.update(k for k, pair in enumerate(pairs) if pair in pair_hits and gaps[k + 1] != _HARD)
    if joined:
        positions.update(
            k
            for k in range(n - 1)
            if (gaps[k + 1] == _JOIN or gaps[k + 1] == _DASH) and words[k] in glued_prefixes
        )
    if not positions:
        return []
    candidates = sorted(positions)
    i = 0
    for start in candidates:
        if start < i:
            continue
        i = start
        word = words[i]
        options: list[tuple[int, list[_Cand], bool]] = []
        cands = glued.get(word)
        if cands:
            options.append((1, cands, False))
        key, j = word, i
        while key in seq_prefixes and j + 1 < n and gaps[j + 1] != _HARD:
            j += 1
            key = f"{key} {words[j]}"
            cands = seq.get(key)
            if cands:
                options.append((j - i + 1, cands, False))
        key, j = word, i
        while key in glued_prefixes and j + 1 < n and gaps[j + 1] in (_JOIN, _DASH):
            j += 1
            key += words[j]
            cands = glued.get(key)
            if cands:
                options.append((j - i + 1, cands, True))
        accepted = None
        if options:
            if len(options) > 1:
                options.sort(key=_size, reverse=True)  # longest first; stable, so glued after spaced
            for count, cands, is_glued in options:
                ok = [c for c in cands if c.plain or _accept(c, w, i, count, ends, index)]
                if ok:
                    if ok[0].kind not in _PLACES:
                        ok = [c for c in ok if c.kind not in _PLACES][:1]
                    accepted = _Hit(i, count, w.spans[i][0], w.spans[i + count - 1][1], ok, is_glued)
                    break
        if accepted:
            hits.append(accepted)
            ends.add(i + accepted.count - 1)
            i += accepted.count
        else:
            i += 1
    return hits


def _accept(c: _Cand, w: _Words, i: int, count: int, ends: set[int], index: _Index) -> bool:
    """Checks that need only the words around the name (``_Cand.plain`` ones need none)."""
    flags = c.flags
    if c.plain:
        return True
    text, spans = w.text, w.spans
    printed = [text[s:e] for s, e in spans[i : i + count]]
    if c.vietnamese and not flags & (_EXACT | _CASE) and not _near_spelling(printed, c):
        return False
    if flags & _CASE and "".join(printed) not in c.cased:
        return False
    if flags & _EXACT and "".join([_tone_key(p.lower()) for p in printed]) not in c.exact:
        return False
    if flags & _AT_END and i + count < len(w.words):
        return False
    if flags & _EXACT and c.kind in _PLACES and not printed[0][:1].isupper():
        return False  # "kép" (double) is not Kep, "nan giải" is not Nan
    if flags & _GUARD:
        return _guard(w, i, count, printed, ends, index)
    return True


def _near_spelling(printed: list[str], c: _Cand) -> bool:
    """A Vietnamese name printed as known, or capitalised with only its tones changed."""
    if "".join([_tone_key(p.lower()) for p in printed]) in c.exact:
        return True
    return printed[0][:1].isupper() and any(_same_letters(printed, m) for m in c.marks)


def _guard(w: _Words, i: int, count: int, printed: list[str], ends: set[int], index: _Index) -> bool:
    """A short name is a country only if it is not part of a name or a compound.

    "Đ/c Mai Thị Thúy Nga": a capitalised word before it that is not a
    preposition makes it a given name; "Ý kiến", "Nga Sơn", "Lào Cai": a word
    after it that is not a conjunction or another place makes it a compound.
    """
    if not printed[0][:1].isupper():
        return False
    caps = all(p.isupper() for p in printed) and len("".join(printed)) > 1
    text, spans, words, gaps = w.text, w.spans, w.words, w.gaps
    if i > 0 and gaps[i] == _SPACE and (i - 1) not in ends:
        before = text[spans[i - 1][0] : spans[i - 1][1]]
        if before[:1].isupper() and _tone_key(before.lower()) not in index.guard_before:
            acronym = before.isupper() and len(before) > 1 and not caps
            if not acronym and not _part_of_country(w, i - 1, index):
                return False
    after_index = i + count
    if after_index < len(words) and gaps[after_index] == _SPACE:
        after = text[spans[after_index][0] : spans[after_index][1]]
        word = _tone_key(after.lower())
        if after[:1].isupper():
            if not (caps and word in index.guard_after) and not _name_starts(w, after_index, index):
                return False
        elif not after[:1].isdigit() and word not in index.guard_after:
            return False
    return True


def _part_of_country(w: _Words, k: int, index: _Index) -> bool:
    """ "Nam Lào", "Bắc Lào": a direction before a country, not a given name.

    Only when the direction itself does not follow a capitalised word, as in
    a person's name ("Nguyễn Nam Anh").
    """
    text, spans = w.text, w.spans
    if _tone_key(text[spans[k][0] : spans[k][1]].lower()) not in index.directions:
        return False
    if k == 0 or w.gaps[k] != _SPACE:
        return True
    before = text[spans[k - 1][0] : spans[k - 1][1]]
    return not before[:1].isupper() or _tone_key(before.lower()) in index.guard_before


def _name_starts(w: _Words, k: int, index: _Index) -> bool:
    """Whether a known country-like name starts at word ``k`` ("Anh Đức": yes; "Mỹ Tho": no)."""
    words, n = w.words, len(w.words)
    if any(c.kind in _COUNTRY_LIKE for c in index.glued.get(words[k], ())):
        return True
    key, j = words[k], k
    while key in index.seq_prefixes and j + 1 < n and w.gaps[j + 1] != _HARD:
        j += 1
        key = f"{key} {words[j]}"
        if any(c.kind in _COUNTRY_LIKE for c in index.seq.get(key, ())):
            return True
    return False


def _settle_context(hits: list[_Hit], w: _Words, index: _Index) -> list[_Hit]:
    """Merge prefixes into the names they open; keep localities that fit the text."""
    merged: list[_Hit] = []
    pending: _Hit | None = None  # a run of prefixes waiting for its name
    for hit in hits:
        if hit.kind == _PREFIX:
            if pending is None or pending.first + pending.count != hit.first or w.gaps[hit.first] == _HARD:
                pending = _Hit(hit.first, hit.count, hit.start, hit.end, hit.cands)
            else:
                pending.count += hit.count
                pending.end = hit.end
            continue
        if (
            pending is not None
            and hit.kind in _COUNTRY_LIKE
            and pending.first + pending.count == hit.first
            and w.gaps[hit.first] != _HARD
        ):
            hit.start = pending.start
        pending = None
        merged.append(hit)

    named = {h.cands[0].country for h in merged if h.kind in (_COUNTRY, _HOME)}
    result: list[_Hit] = []
    for hit in merged:
        if hit.kind not in _PLACES:
            result.append(hit)
            continue
        fitting = []
        for c in hit.cands:
            if c.flags & _NEEDS_COUNTRY:
                if c.country not in named:
                    continue
            elif c.flags & _CONTEXT and c.country not in named and not _locality_word(w, hit, index):
                continue
            fitting.append(c)
        if fitting:
            fitting.sort(key=lambda c: c.country not in named)
            hit.cands = fitting[:1]
            result.append(hit)
    return result


def _locality_word(w: _Words, hit: _Hit, index: _Index) -> bool:
    """A word such as "tỉnh" before the name or "Province" after it.

    Compared with its diacritics: "bằng" is not "bang" (state).
    """
    gaps, spans, text = w.gaps, w.spans, w.text

    def printed(k: int) -> str:
        return _tone_key(text[spans[k][0] : spans[k][1]].lower())

    first = hit.first
    for size in (1, 2, 3):
        begin = first - size
        if begin < 0 or any(gaps[k] == _HARD for k in range(begin + 1, first + 1)):
            break
        if " ".join(printed(k) for k in range(begin, first)) in index.locality_before:
            return True
    after = first + hit.count
    return after < len(w.words) and gaps[after] != _HARD and printed(after) in index.locality_after


# --------------------------------------------------------------------------- public API


@lru_cache(maxsize=1024)
def _analysed(text: str) -> tuple[_Words, list[_Hit]]:
    """A cell's words and the names in it; shared by the public functions.

    The reader asks about the same cell several times (its countries, its
    localities, whether a country was fused onto it): it is read once.
    Callers must not change what this returns.
    """
    w = _words(_clean(text))
    return w, (_scan(w) if w.words else [])


@lru_cache(maxsize=8192)
def _resolve(
    text: str,
) -> tuple[tuple[str, ...], bool, tuple[str, ...], tuple[Locality, ...], tuple[str, ...]]:
    return _resolution(text, True)


def _resolution(
    text: str, with_fuzzy: bool
) -> tuple[tuple[str, ...], bool, tuple[str, ...], tuple[Locality, ...], tuple[str, ...]]:
    w, hits = _analysed(text)
    text = w.text
    if not w.words:
        return (), bool(_ELLIPSIS.search(text)), (), (), ()
    index = _index()
    found: list[tuple[int, str]] = []  # (offset, code)
    localities: list[Locality] = []
    fuzzy: list[str] = []
    is_open = bool(_ELLIPSIS.search(text))
    for number, hit in enumerate(hits):
        cand = hit.cands[0]
        kind = cand.kind
        if kind == _COUNTRY and _is_qualifier(text, hits, number, index):
            continue
        if kind == _OPEN:
            is_open = True
        elif kind in (_COUNTRY, _REGION, _ORG):
            found.append((hit.start, cand.code))
            if kind != _ORG and not _known_spelling(w, hit):
                fuzzy.append(text[hit.start : hit.end])
        elif kind == _LOCALITY:
            found.append((hit.start, cand.country))
            localities.append(Locality(cand.code, cand.country, cand.name, text[hit.start : hit.end]))
        elif kind == _CITY:
            found.append((hit.start, cand.country))
    unresolved: list[str] = []
    for start, end in _pieces(text):
        if any(h.start < end and h.end > start and h.kind != _PREFIX for h in hits):
            continue
        piece = text[start:end].strip(_PIECE_TRIM)
        content = _content_words(piece, index)
        if not content:
            continue
        guess = _fuzzy(piece, content) if with_fuzzy else None
        if guess is None:
            unresolved.append(piece)
            continue
        cand, printed = guess
        if cand.kind == _HOME:
            continue
        fuzzy.append(printed)
        if cand.kind == _LOCALITY:
            localities.append(Locality(cand.code, cand.country, cand.name, printed))
            found.append((start, cand.country))
        else:
            found.append((start, cand.code))
    found.sort(key=lambda f: f[0])
    codes = tuple(dict.fromkeys(code for _, code in found))
    seen: dict[str, Locality] = {}
    for locality in localities:
        seen.setdefault(locality.code, locality)
    return codes, is_open, tuple(unresolved), tuple(seen.values()), tuple(fuzzy)


def _is_qualifier(text: str, hits: list[_Hit], number: int, index: _Index) -> bool:
    """ "Đài Loan (Trung Quốc)": the bracketed China qualifies Taiwan, it is no destination."""
    if number == 0:
        return False
    before, hit = hits[number - 1], hits[number]
    return (
        index.qualified_by.get(before.cands[0].code) == hit.cands[0].code
        and text[before.end : hit.start].strip() == "("
        and text[hit.end : hit.end + 2].strip().startswith(")")
    )


def _known_spelling(w: _Words, hit: _Hit) -> bool:
    """Whether the printed name is one of the spellings we know, diacritics included.

    A long name also matches with other diacritics ("Hòa kỳ" for "Hoa Kỳ");
    the officer should see those, as they may be OCR slips of another word.
    """
    printed = w.text[w.spans[hit.first][0] : w.spans[hit.first + hit.count - 1][1]]
    exact = "".join(_tone_key(p.lower()) for p in _WORD.findall(printed))
    return exact in _spellings_by_code().get(hit.cands[0].code, ())


@cache
def _spellings_by_code() -> dict[str, frozenset[str]]:
    by_code: dict[str, set[str]] = {}
    for cands in _index().glued.values():
        for c in cands:
            by_code.setdefault(c.code, set()).update(c.exact)
    return {code: frozenset(spellings) for code, spellings in by_code.items()}


def _pieces(text: str) -> list[tuple[int, int]]:
    """Spans of the list items of a cell ("A, B và C" -> A / B / C)."""
    spans = []
    start = 0
    for sep in _PIECE_SEPARATOR.finditer(text):
        if sep.start() > start:
            spans.append((start, sep.start()))
        start = sep.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _content_words(piece: str, index: _Index) -> list[str]:
    """The folded words of a piece that could name something, or [] if none."""
    if not piece or not any(ch.isalpha() for ch in piece):
        return []
    words = _WORD.findall(piece.translate(_FOLD))
    phrase = " ".join(words)
    if phrase in index.nothing or _ELLIPSIS.fullmatch(piece):
        return []
    printed = [_tone_key(p.lower()) for p in _WORD.findall(piece)[:4]]
    for size in (4, 3, 2, 1):
        if " ".join(printed[:size]) in index.domestic:
            return []
    if len(words) > 8:  # a sentence, not a name: no use looking closer
        return words
    content: list[str] = []
    k = 0
    while k < len(words):
        for size in range(min(index.filler_longest, len(words) - k), 0, -1):
            if " ".join(words[k : k + size]) in index.filler:
                k += size
                break
        else:
            if not words[k].isdigit():
                content.append(words[k])
            k += 1
    return content


@cache
def _fuzzy_choices() -> tuple[list[str], list[_Cand]]:
    """Names that may be compared approximately, folded, shortest first.

    Only romanized and English names: Vietnamese names are everyday
    syllables ("Ba Lan", "Mã Lai"), so an approximate match on them would
    find countries in ordinary words. Their misspellings by a tone mark are
    caught by folded matching instead.
    """
    keys: dict[str, _Cand] = {}
    index = _index()
    for table in (index.seq, index.glued):
        for cands in table.values():
            for c in cands:
                if c.kind not in (_COUNTRY, _REGION, _HOME, _LOCALITY):
                    continue
                if c.flags & (_EXACT | _CASE | _NEEDS_COUNTRY | _CONTEXT) or c.letters < 5 or c.vietnamese:
                    continue
                keys.setdefault(c.key, c)
    ordered = sorted(keys, key=len)
    return ordered, [keys[k] for k in ordered]


@lru_cache(maxsize=256)
def _fuzzy_band(size: int) -> tuple[list[str], list[_Cand]]:
    """The names whose length allows a ratio of 86 or more with a query of ``size``.

    fuzz.ratio is 2·matches/(len a + len b), so the shorter string must be at
    least 0.754 of the longer one; comparing with the others is wasted time.
    """
    choices, cands = _fuzzy_choices()
    lengths = [len(c) for c in choices]
    low = bisect_left(lengths, int(size * 0.75))
    high = bisect_right(lengths, int(size / 0.75) + 1)
    return choices[low:high], cands[low:high]


def _foreign_looking(words: list[str]) -> bool:
    """Words that are not all Vietnamese syllables, and long enough to compare."""
    return sum(len(w) for w in words) >= 5 and not all(_VI_SYLLABLE.match(w) for w in words)


def _fuzzy(piece: str, content: list[str]) -> tuple[_Cand, str] | None:
    """A misspelt foreign name in a piece that matched nothing ("Campuchea" -> KH).

    Tries the piece without its filler words, then each run of capitalised
    words in it; returns the best candidate and the printed words it matched.
    """
    queries: dict[str, str] = {}  # folded query -> printed words
    if len(content) <= 4 and _foreign_looking(content):
        queries[" ".join(content)] = piece
    run: list[str] = []
    for word in [*_WORD.findall(piece), ""]:
        if word[:1].isupper():
            run.append(word)
            continue
        if run and len(run) <= 4:
            printed = " ".join(run)
            folded = _WORD.findall(printed.translate(_FOLD))
            if _foreign_looking(folded):
                queries.setdefault(" ".join(folded), printed)
        run = []
    if not queries:
        return None
    best = None
    for query, printed in queries.items():
        result = _closest(query)
        if result and (best is None or result[0] > best[0]):
            best = (result[0], result[1], printed)
    return (best[1], best[2]) if best else None


@lru_cache(maxsize=8192)
def _closest(query: str) -> tuple[float, _Cand] | None:
    """The known name closest to a folded query (ratio 86 or more), and its score.

    Cached: the same words come back from row to row ("Trung tâm", "PREX"),
    and each comparison goes through hundreds of names.
    """
    from rapidfuzz import fuzz, process

    choices, cands = _fuzzy_band(len(query))
    result = process.extractOne(query, choices, scorer=fuzz.ratio, score_cutoff=86)
    return (result[1], cands[result[2]]) if result else None


#: a countries cell longer than this is scored without approximate matching (see ``countries_fit``)
_FIT_FUZZY_LENGTH = 60


@lru_cache(maxsize=8192)
def countries_fit(text: str) -> tuple[bool, int]:
    """Whether a cell names countries, and how many of its pieces name nothing: for scoring readings.

    The reader tries several readings of a damaged row and asks, for each
    cell that might be the countries cell, how well it fits. A cell of a
    reading may be two cells run together, long and full of names of
    anything; comparing each of its pieces approximately with every known
    name is the dearest test of all and changes nothing there, so a cell
    longer than a real countries cell ("Lào, Campuchia, Thái Lan, Myanmar")
    is scored on exact names only. The countries of a record always come
    from ``resolve_countries``.
    """
    if len(text) <= _FIT_FUZZY_LENGTH:
        codes, _, unresolved, _, _ = _resolve(text or "")
        return bool(codes), len(unresolved)
    if not any(hit.kind in _CODED for hit in _analysed(text)[1]):
        return False, 0  # no name gives a code (nothing approximate here): the pieces need not be weighed
    codes, _, unresolved, _, _ = _resolution(text, False)
    return bool(codes), len(unresolved)


def resolve_countries(text: str) -> CountryResolution:
    """The countries named in a 'Nước đi' / 'Đến từ nước' / 'Nước ký kết' cell.

    Viet Nam itself is never counted ("Các tỉnh biên giới Trung Quốc - Việt
    Nam" -> CN); an organisation counts as the country of its seat; a foreign
    locality counts as its country; a region keeps its UN M49 code.
    """
    codes, is_open, unresolved, localities, fuzzy = _resolve(text or "")
    return CountryResolution(list(codes), is_open, list(unresolved), list(localities), list(fuzzy))


@cache
def _place_starts() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Where a foreign place's name can start: one-word names (glued), the first two words
    of longer names, and the beginnings of glued names (for hyphenated spellings)."""
    index = _index()
    singles = frozenset(key for key, cands in index.glued.items() if any(c.kind in _PLACES for c in cands))
    pairs = frozenset(
        " ".join(key.split(" ")[:2])
        for key, cands in index.seq.items()
        if any(c.kind in _PLACES for c in cands)
    )
    prefixes = frozenset(key[:size] for key in singles for size in range(1, len(key)))
    return singles, pairs, prefixes


def _hyphenated_place_start(w: _Words) -> bool:
    """Whether a word before a hyphen could start a foreign place's hyphenated name ("Sa-văn-na-khệt")."""
    words, gaps = w.words, w.gaps
    if _JOIN not in gaps and _DASH not in gaps:
        return False
    prefixes = _place_starts()[2]
    return any(
        (gaps[k + 1] == _JOIN or gaps[k + 1] == _DASH) and words[k] in prefixes for k in range(len(words) - 1)
    )


@lru_cache(maxsize=8192)
def _places(text: str) -> tuple[tuple[Locality, ...], tuple[tuple[str, str], ...]]:
    """The localities (with a code) and the foreign places (with their country) a text names.

    Both from one reading of the text, cached as small tuples: partner and
    name cells are long and read once each. Most name no foreign place at
    all: when no word could start one, the text is not scanned further, and
    when the names found are no places, their context need not be weighed.
    """
    cut = _cut(_clean(text))
    words = cut[2]
    if not words:
        return (), ()
    singles, starts, _ = _place_starts()
    pairs = list(map(" ".join, zip(words, islice(words, 1, None), strict=False)))
    if singles.isdisjoint(words) and starts.isdisjoint(pairs):
        if _JOINING.search(cut[0]) is None:
            return (), ()  # no word starts a place, and no hyphenated spelling: decided before offsets
        w = _words(cut[0], cut)
        if not _hyphenated_place_start(w):
            return (), ()
    else:
        w = _words(cut[0], cut)
    index = _index()
    hits = _scan_names(w, index, pairs)
    if not any(hit.cands[0].kind in _PLACES for hit in hits):
        return (), ()
    localities: dict[str, Locality] = {}
    places: dict[str, str] = {}
    for hit in _settle_context(hits, w, index):
        if hit.kind in _PLACES:
            c = hit.cands[0]
            printed = w.text[hit.start : hit.end]
            places.setdefault(c.country, printed)
            if hit.kind == _LOCALITY:
                localities.setdefault(c.code, Locality(c.code, c.country, c.name, printed))
    return tuple(localities.values()), tuple((place, country) for country, place in places.items())


def foreign_places(text: str) -> list[tuple[str, str]]:
    """(printed name, country code) of the foreign provinces and cities named in a text.

    Towns without an ISO 3166-2 code count too ("thành phố Nam Kinh"): each
    lies in one country, so a row naming one tells where the delegation goes.
    One entry per country, the first place named in it.
    """
    if not text:
        return []
    return list(_places(text)[1])


def find_localities(text: str) -> list[Locality]:
    """Foreign provinces/cities with an ISO 3166-2 code named anywhere in a text.

    For partner and delegation-name cells ("Chính quyền tỉnh Champasak, Lào"),
    in the order named, each code once. Towns without a code of their own
    ("thành phố Pakse") are not returned: they only tell a countries cell
    which country is meant.
    """
    if not text:
        return []
    return list(_places(text)[0])


def split_trailing_country(text: str) -> tuple[str, str] | None:
    """'Lãnh đạo UBND Nhật Bản' -> ('Lãnh đạo UBND', 'Nhật Bản').

    None when the text does not END with the name of a foreign country or
    region. For rows where the conversion fused the countries cell onto the
    end of the leader cell; several countries joined by "," or "và" come
    off together ("Hàn Quốc và Nhật Bản").
    """
    if not text:
        return None
    cleaned = " ".join(_clean(text).split())
    stripped = cleaned.rstrip(_TRAILING_TRIM)
    w = _words(stripped)
    if not w.words or w.words[-1] not in _index().country_ends:
        return None  # the common case, checked cheaply: no country name ends the text
    hits = _scan(w)
    if not hits or hits[-1].kind not in _NAMED or hits[-1].end != len(stripped):
        return None
    start = hits[-1].start
    for hit in reversed(hits[:-1]):
        if hit.kind not in _NAMED or not _LINK.match(stripped[hit.end : start]):
            break
        start = hit.start
    head = stripped[:start].rstrip(" ,;:-–—/")
    last_word = _WORD.findall(head[-12:])[-1:]
    if last_word and _tone_key(last_word[0].lower()) in _index().not_fused_after:
        return None  # "Đại sứ Việt Nam tại Nhật Bản": the country belongs to the title
    return head, stripped[start:]


def country_name_vi(code: str) -> str:
    """The Vietnamese name of a country or region code, for display.

    'LA' -> 'Lào', '150' -> 'Châu Âu'; an unknown code is returned as is.
    """
    return _index().names_vi.get(code, code)
