"""Thời gian thực hiện as a range of months ("YYYY-MM" .. "YYYY-MM").

The forms ask for "a month or a quarter", and units write it every way:
"Quý I-II/2025", "Quý II – III/2025", "Quý I, II/2025", "Q2/2025", "Tháng
8/2025", "tháng 01/2024", "Tháng 3-4/2025", "T5/2025", "từ tháng 5 đến tháng
7/2025", "11/2024", "15/5/2025", "Cả năm", "Trong năm 2025", "2024", "6 tháng
đầu năm", a quarter with no year ("Quý III", which takes the plan year), ranges
across the new year ("Tháng 12/2024 - Tháng 1/2025", "Quý IV/2024 – Quý
I/2025"), and a "Dự kiến" in front when the timing is not settled.

How it reads a cell, the way a person does:

1. The cell is folded (no diacritics, lowercase, one kind of dash) and cut into
   *mentions*: a list of quarters or months with perhaps a year ("quy i-ii/2025"),
   a date, a month/year, a part of a year ("6 thang dau nam", "cuoi nam"), a
   whole year ("ca nam", "trong nam") or a bare year ("2025").
2. A mention without a year takes the next year written after it ("Tháng 3,
   4/2025", "từ tháng 5 đến tháng 7/2025", "Trong năm 2025"), else the last one
   written before it, else the plan year (and the note says so). Counting back
   from the year, a month larger than the one after it belongs to the year
   before ("Tháng 12 - Tháng 1/2025" starts in December 2024).
3. The period runs from the earliest month mentioned to the latest. A bare year
   only counts as "the whole year" when the cell names no month or quarter;
   otherwise it is only where the months get their year.

A cell with text but no mention ("Theo lịch của đối tác") is returned with
``understood=False`` so that a person reviews it; an empty cell is not an error
(missing values are reported by the caller).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from doingoai.extraction.normalize.text import fold_cell


@dataclass(frozen=True, slots=True)
class Period:
    """A month range; ``note`` says what was assumed (e.g. the plan year)."""

    start: str | None  # "YYYY-MM"
    end: str | None  # "YYYY-MM"
    tentative: bool
    understood: bool
    note: str | None = None
    #: months read from words that name no month ("Đầu năm" = January–March): a choice to check
    approximate: bool = False


NOTE_PLAN_YEAR = "năm không ghi, lấy năm kế hoạch"
NOTE_NO_YEAR = "năm không ghi và không biết năm kế hoạch"
NOTE_BAD_VALUE = "tháng hoặc quý không hợp lệ"
NOTE_UNREAD = "có tháng hoặc quý không đọc được"

_EMPTY = Period(None, None, False, True)


def _load() -> dict:
    return json.loads(resources.files("doingoai.extraction.data").joinpath("periods.json").read_text("utf-8"))


def _words(phrases) -> str:
    """An alternation of folded phrases, longest first."""
    return "|".join(re.escape(p).replace("\\ ", " ") for p in sorted(phrases, key=len, reverse=True))


_DATA = _load()
# Words that make the timing tentative ("Dự kiến Quý II").
_TENTATIVE = re.compile(rf"(?<!\w)(?:{_words(_DATA['tentative'])})(?!\w)")
_EDGES: dict[str, list[int]] = _DATA["edges"]
_HALVES: dict[str, list[int]] = _DATA["halves"]
_PART_WORDS: dict[str, int] = _DATA["part_numbers"]
_MONTH_WORDS: dict[str, int] = _DATA["month_words"]

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_Q = r"(?:iv|iii|ii|i|[1-4])\b"
_M = r"\d{1,2}(?!\d)"
_SEP = rf"\s*(?:-|,|;|&|\+|(?:{_words(_DATA['separators'])})\b)\s*"
_YEAR4 = r"(?:19|20)\d{2}(?!\d)"


def _tail(name: str) -> str:
    """An optional year after a quarter or month list: "/2025", " năm 2025", "/25"."""
    return (
        rf"(?:\s*(?:[/.,-]\s*)?(?:nam\s*)?(?P<{name}>{_YEAR4})"
        rf"|\s*/\s*(?P<{name}2>\d{{2}})(?!\d))?"
    )


# Letters a mention can start with: digits, "quý"/"q", "tháng"/"t", "nửa", and the data's words.
_FIRST = "".join(
    sorted(
        set("0123456789qtn")
        | {w[0] for w in (*_PART_WORDS, *_EDGES, *_DATA["edge_prefixes"], *_DATA["whole_year"])}
    )
)

# One pass over the folded cell; the alternatives are tried in this order at
# each position, so a full date wins over a month/year and a quarter list keeps
# its year.
_TOKEN = re.compile(
    # Every alternative starts with one of these; the lookahead lets the
    # scanner skip other positions quickly.
    rf"(?=[{_FIRST}])(?:"
    # 15/5/2025, 10-15/5/2025, 15.5.2025 (same separator twice)
    rf"(?P<date>\b\d{{1,2}}(?:\s*-\s*\d{{1,2}})?\s*(?P<ds>[/.])\s*(?P<dm>{_M})\s*(?P=ds)\s*"
    rf"(?P<dy>{_YEAR4}))"
    # 2025-05 or 2025-05-15 (spreadsheet dates)
    rf"|(?P<iso>\b(?P<iy>{_YEAR4})-(?P<im>{_M})(?:-\d{{1,2}}(?!\d))?)"
    # 6 tháng đầu năm, sáu tháng cuối năm, nửa đầu năm
    rf"|(?P<part>\b(?P<pn>\d{{1,2}}|{_words(_PART_WORDS)}) thang (?P<pw>{_words(_HALVES)}) nam\b"
    rf"|\bnua (?P<hw>{_words(_HALVES)}) nam\b)"
    # đầu năm, giữa năm, cuối năm, những tháng cuối năm
    rf"|(?P<edge>\b(?:(?:{_words(_DATA['edge_prefixes'])}) )?(?P<ew>{_words(_EDGES)}) nam\b)"
    # cả năm, trong năm, quanh năm, hằng năm, thường xuyên
    rf"|(?P<whole>\b(?:{_words(_DATA['whole_year'])})\b)"
    # Quý I-II/2025, Quý II – III/2025, Quý I, II/2025, Q2/2025, Quý IV - Quý I/2025
    rf"|(?P<quarter>\b(?:qu[yi]|q)\s*\.?\s*(?P<qlist>{_Q}(?:{_SEP}(?:(?:qu[yi]|q)\s*\.?\s*)?{_Q})*)"
    rf"{_tail('qy')})"
    # Tháng 8/2025, Tháng 3-4/2025, T5/2025, từ tháng 5 đến tháng 7/2025
    rf"|(?P<month>\b(?:thang|th|t)\s*\.?\s*(?P<mlist>{_M}(?:{_SEP}(?:(?:thang|th|t)\s*\.?\s*)?{_M})*)"
    rf"{_tail('my')})"
    # tháng Sáu năm 2025, tháng Giêng (at the end, or before a year or a separator)
    rf"|(?P<named>\bthang (?P<mw>{_words(_MONTH_WORDS)})(?=\s*(?:$|[/,;.)]|-|nam \d|\d{{4}}))"
    rf"{_tail('ny')})"
    # 4/2024, 11/2024, 4-6/2024, 05-2025
    rf"|(?P<bare>\b(?P<blist>{_M}(?:{_SEP}{_M})*)\s*[/-]\s*(?P<by>{_YEAR4}))"
    # 2024
    rf"|(?P<year>\b{_YEAR4})"
    r")"
)
_NUMBER = re.compile(r"\d+|iv|iii|ii|i")
_QUARTER_WORD = re.compile(r"qu[yi]")
_LEFTOVER = re.compile(r"\b(?:qu[yi]|thang)\b")

# What may surround the mentions in a cell that is only a period.
_FILLER = re.compile(rf"\b(?:{_words(_DATA['filler'])})\b|[\s,;.:()\-/+&*]+")


@dataclass(slots=True)
class _Mention:
    months: list[int]  # 1..12 in written order (a quarter gives its first and last month)
    year: int | None
    approximate: bool = False


def _mention(match: re.Match) -> _Mention | None:
    """The months and year of one match; None when a month or quarter is impossible."""
    kind = match.lastgroup
    if kind == "quarter":
        quarters = [_ROMAN[q] for q in _NUMBER.findall(_QUARTER_WORD.sub(" ", match["qlist"]))]
        months = [m for q in quarters for m in (3 * q - 2, 3 * q)]
        return _Mention(months, _year(match["qy"], match["qy2"]))
    if kind == "month":
        months = [int(m) for m in _NUMBER.findall(match["mlist"])]
        return _Mention(months, _year(match["my"], match["my2"]))
    if kind == "named":
        return _Mention([_MONTH_WORDS[match["mw"]]], _year(match["ny"], match["ny2"]))
    if kind == "bare":
        months = [int(m) for m in _NUMBER.findall(match["blist"])]
        return _Mention(months, int(match["by"]))
    if kind == "date":
        return _Mention([int(match["dm"])], int(match["dy"]))
    if kind == "iso":
        return _Mention([int(match["im"])], int(match["iy"]))
    if kind == "part":
        if match["hw"]:
            return _Mention(list(_HALVES[match["hw"]]), None)
        word = match["pn"]
        count, where = _PART_WORDS.get(word) or int(word), match["pw"]
        if not 1 <= count <= 12:
            return None
        first, last = _HALVES[where]
        return _Mention([first, first + count - 1] if first == 1 else [last - count + 1, last], None)
    if kind == "edge":
        # Documented choice (data/periods.json): đầu năm = Q1, giữa năm = May–August, cuối năm = Q4.
        return _Mention(list(_EDGES[match["ew"]]), None, approximate=True)
    if kind == "whole":
        return _Mention([1, 12], None)
    return None


def _year(four: str | None, two: str | None) -> int | None:
    if four:
        return int(four)
    if two:
        return 2000 + int(two)
    return None


def _span(mention: _Mention) -> tuple[int, int]:
    """First and last month of a mention as month numbers since year 0.

    The year belongs to the last month written; going back, a month larger
    than the one after it is in the year before ("12-1/2025", "IV-I/2025").
    """
    year = mention.year or 0
    values = []
    following = None
    for month in reversed(mention.months):
        if following is not None and month > following:
            year -= 1
        values.append(year * 12 + month - 1)
        following = month
    return min(values), max(values)


def _label(value: int) -> str:
    return f"{value // 12:04d}-{value % 12 + 1:02d}"


def _resolve(folded: str, plan_year: int | None) -> tuple[int, int, str | None, bool] | str:
    """(first, last, note, approximate) of the cell, or the reason it cannot be read."""
    mentions: list[_Mention] = []
    years: list[int] = []
    pending: list[_Mention] = []
    last_year: int | None = None
    gaps: list[str] = []
    position = 0
    for match in _TOKEN.finditer(folded):
        gaps.append(folded[position : match.start()])
        position = match.end()
        if match.lastgroup == "year":
            year = int(match.group())
            years.append(year)
            _give_year(pending, year, None)
            pending.clear()
            last_year = year
            continue
        mention = _mention(match)
        if mention is None or not mention.months or not all(1 <= m <= 12 for m in mention.months):
            return NOTE_BAD_VALUE
        mentions.append(mention)
        if mention.year is None:
            pending.append(mention)
        else:
            _give_year(pending, mention.year, mention)
            pending.clear()
            last_year = mention.year
    gaps.append(folded[position:])
    if _LEFTOVER.search(" ".join(gaps)):
        # "Quý V/2025", "tháng Tư": a quarter or month word that no mention took.
        return NOTE_UNREAD
    if not mentions:
        if not years:
            return ""
        return min(years) * 12, max(years) * 12 + 11, None, False
    note = None
    if pending:
        year = last_year if last_year is not None else plan_year
        if year is None:
            return NOTE_NO_YEAR
        if last_year is None:
            note = NOTE_PLAN_YEAR
        for mention in pending:
            mention.year = year
    spans = [_span(m) for m in mentions]
    return min(s[0] for s in spans), max(s[1] for s in spans), note, any(m.approximate for m in mentions)


def _give_year(pending: list[_Mention], year: int, following: _Mention | None) -> None:
    """Give a year written later to the mentions before it that had none.

    A mention ending in a later month than the one after it starts belongs to
    the year before ("Tháng 12 đến Quý I/2025").
    """
    next_first = following.months[0] if following is not None else None
    for mention in reversed(pending):
        if next_first is not None and mention.months[-1] > next_first:
            year -= 1
        mention.year = year
        next_first = mention.months[0]


@lru_cache(maxsize=16384)
def _parse(text: str, plan_year: int | None) -> Period:
    folded = fold_cell(text)
    if not folded.strip(" -.,;:_*/"):
        return _EMPTY
    tentative = _TENTATIVE.search(folded) is not None
    result = _resolve(folded, plan_year)
    if isinstance(result, str):
        return Period(None, None, tentative, False, result or None)
    first, last, note, approximate = result
    return Period(_label(first), _label(last), tentative, True, note, approximate)


def parse_period(text: str, plan_year: int | None) -> Period:
    """The months a Thời gian thực hiện cell covers.

    Empty (or only a dash) gives ``Period(None, None, False, True)``: missing
    is not misunderstood. Never raises.
    """
    if not text or not isinstance(text, str):
        return _EMPTY
    return _parse(text, plan_year)


@lru_cache(maxsize=16384)
def looks_like_period(text: str) -> bool:
    """Whether a cell is a period and little else ("Quý II/2024", "4/2024", "Cả năm").

    Used to put shifted cells back under their column, so it is strict: the
    cell must hold a mention and nothing but filler words around it ("Dự kiến
    trong …"); an activity that names "giai đoạn 2024-2025" in a sentence, or a
    bare count ("8"), is not a period.
    """
    if not text or not isinstance(text, str):
        return False
    folded = fold_cell(text)
    if not folded or len(folded) > 60:
        return False
    rest, found = _TOKEN.subn(" ", folded)
    return found > 0 and not _FILLER.sub("", rest)
