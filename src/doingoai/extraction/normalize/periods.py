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

import re
from dataclasses import dataclass
from functools import lru_cache

from doingoai.extraction.normalize.text import fold_cell


@dataclass(frozen=True, slots=True)
class Period:
    """A month range; ``note`` says what was assumed (e.g. the plan year)."""

    start: str | None  # "YYYY-MM"
    end: str | None  # "YYYY-MM"
    tentative: bool
    understood: bool
    note: str | None = None


NOTE_PLAN_YEAR = "năm không ghi, lấy năm kế hoạch"
NOTE_NO_YEAR = "năm không ghi và không biết năm kế hoạch"
NOTE_BAD_VALUE = "tháng hoặc quý không hợp lệ"
NOTE_UNREAD = "có tháng hoặc quý không đọc được"

_EMPTY = Period(None, None, False, True)

# Words that make the timing tentative. "hoặc" (Quý II hoặc III) is not one:
# the gold marks tentative only where the cell says so.
_TENTATIVE = re.compile(
    r"\b(?:du kien|du tinh|du dinh|khoang|co the|chua xac dinh|chua chot|"
    r"(?:se )?thong bao sau|tentative(?:ly)?|expected|approx\w*|tbc|tbd)\b|\(dk\)"
)

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_Q = r"(?:iv|iii|ii|i|[1-4])\b"
_M = r"\d{1,2}(?!\d)"
_SEP = r"\s*(?:-|,|;|&|\+|va|den(?: het)?|toi|hoac|hay)\s*"
_YEAR4 = r"(?:19|20)\d{2}(?!\d)"


def _tail(name: str) -> str:
    """An optional year after a quarter or month list: "/2025", " năm 2025", "/25"."""
    return (
        rf"(?:\s*(?:[/.,-]\s*)?(?:nam\s*)?(?P<{name}>{_YEAR4})"
        rf"|\s*/\s*(?P<{name}2>\d{{2}})(?!\d))?"
    )


# One pass over the folded cell; the alternatives are tried in this order at
# each position, so a full date wins over a month/year and a quarter list keeps
# its year.
_TOKEN = re.compile(
    # Every alternative starts with one of these; the lookahead lets the
    # scanner skip other positions quickly.
    r"(?=[0-9bcdghmnqst])(?:"
    # 15/5/2025, 10-15/5/2025, 15.5.2025 (same separator twice)
    rf"(?P<date>\b\d{{1,2}}(?:\s*-\s*\d{{1,2}})?\s*(?P<ds>[/.])\s*(?P<dm>{_M})\s*(?P=ds)\s*"
    rf"(?P<dy>{_YEAR4}))"
    # 2025-05 or 2025-05-15 (spreadsheet dates)
    rf"|(?P<iso>\b(?P<iy>{_YEAR4})-(?P<im>{_M})(?:-\d{{1,2}}(?!\d))?)"
    # 6 tháng đầu năm, 6 tháng cuối năm, nửa đầu năm
    r"|(?P<part>\b(?P<pn>\d{1,2}|sau|ba|chin) thang (?P<pw>dau|cuoi) nam\b"
    r"|\bnua (?P<hw>dau|cuoi) nam\b)"
    # đầu năm, giữa năm, cuối năm
    r"|(?P<edge>\b(?P<ew>dau|giua|cuoi) nam\b)"
    # cả năm, trong năm, quanh năm, hằng năm, thường xuyên
    r"|(?P<whole>\b(?:ca|trong|quanh|suot|hang|moi) nam\b|\bthuong xuyen\b"
    r"|\bhang (?:thang|quy)\b|\bdinh ky\b)"
    # Quý I-II/2025, Quý II – III/2025, Quý I, II/2025, Q2/2025, Quý IV - Quý I/2025
    rf"|(?P<quarter>\b(?:qu[yi]|q)\s*\.?\s*(?P<qlist>{_Q}(?:{_SEP}(?:(?:qu[yi]|q)\s*\.?\s*)?{_Q})*)"
    rf"{_tail('qy')})"
    # Tháng 8/2025, Tháng 3-4/2025, T5/2025, từ tháng 5 đến tháng 7/2025
    rf"|(?P<month>\b(?:thang|th|t)\s*\.?\s*(?P<mlist>{_M}(?:{_SEP}(?:(?:thang|th|t)\s*\.?\s*)?{_M})*)"
    rf"{_tail('my')})"
    # 4/2024, 11/2024, 4-6/2024, 05-2025
    rf"|(?P<bare>\b(?P<blist>{_M}(?:{_SEP}{_M})*)\s*[/-]\s*(?P<by>{_YEAR4}))"
    # 2024
    rf"|(?P<year>\b{_YEAR4})"
    r")"
)
_NUMBER = re.compile(r"\d+|iv|iii|ii|i")
_QUARTER_WORD = re.compile(r"qu[yi]")
_LEFTOVER = re.compile(r"\b(?:qu[yi]|thang)\b")
_PART_WORDS = {"sau": 6, "ba": 3, "chin": 9}

# What may surround the mentions in a cell that is only a period.
_FILLER = re.compile(
    r"\b(?:du kien|du tinh|du dinh|khoang|trong|vao|tu|den|het|toi|va|hoac|thoi gian|"
    r"to chuc|thuc hien|nam|giai doan|dip|luc|thoi diem|ke hoach)\b|[\s,;.:()\-/+&*]+"
)


@dataclass(slots=True)
class _Mention:
    months: list[int]  # 1..12 in written order (a quarter gives its first and last month)
    year: int | None


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
    if kind == "bare":
        months = [int(m) for m in _NUMBER.findall(match["blist"])]
        return _Mention(months, int(match["by"]))
    if kind == "date":
        return _Mention([int(match["dm"])], int(match["dy"]))
    if kind == "iso":
        return _Mention([int(match["im"])], int(match["iy"]))
    if kind == "part":
        if match["hw"]:
            count, where = 6, match["hw"]
        else:
            word = match["pn"]
            count, where = _PART_WORDS.get(word) or int(word), match["pw"]
        if not 1 <= count <= 12:
            return None
        return _Mention([1, count] if where == "dau" else [13 - count, 12], None)
    if kind == "edge":
        # Documented choice: đầu năm = Q1, giữa năm = May–August, cuối năm = Q4.
        return _Mention({"dau": [1, 3], "giua": [5, 8], "cuoi": [10, 12]}[match["ew"]], None)
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


def _resolve(folded: str, plan_year: int | None) -> tuple[int, int, str | None] | str:
    """(first, last, note) of the cell, or the reason it cannot be read."""
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
        return min(years) * 12, max(years) * 12 + 11, None
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
    return min(s[0] for s in spans), max(s[1] for s in spans), note


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
    first, last, note = result
    return Period(_label(first), _label(last), tentative, True, note)


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
