"""Số người, Số ngày, and how many delegations a row stands for.

The cells hold free text, not numbers: "10 (bao gồm các doanh nghiệp)",
"20-40", "10 – 15 người", "từ 10 đến 15", "10 người/đoàn", "mỗi đoàn 10
người", "khoảng 20", "06 tháng", "01 năm", "2 tuần", "08 (mỗi tỉnh 02 ngày)",
"10 ngày (mỗi đoàn dự kiến từ 02-03 ngày)". A person reads them this way, and
so does this module:

- The printed figure is the value; an explanation in brackets is not (the
  gold keeps "08 (mỗi tỉnh 02 ngày)" as 8 days, the total, not 2 per
  province). Only when everything is in brackets ("(10)") are they read.
- A range gives its two ends, smaller first.
- "/đoàn", "mỗi đoàn" outside the brackets means the figure is per delegation;
  the value stays as printed and ``per_delegation`` says so.
- Bounds: "dưới 10", "tối đa 10", "không quá 10" give ``min=None, max=10``;
  "trên 20", "ít nhất 20", "20+", "từ 20 trở lên" give ``min=20, max=None``
  (the number as printed, not 9 or 21: officers write "dưới 10" loosely).
  "khoảng 20" is 20.
- Where a cell gives both a part and a total ("mỗi tỉnh 02 ngày, tổng 08
  ngày"), the figure after "tổng" wins.
- Durations: "ngày" is days (the default when no unit is written), "tuần"
  is 7 days, "tháng" months, "năm" years, "rưỡi" adds a half, "3 ngày 2 đêm"
  is 3 days and nights alone are nights + 1 days. Hours ("4 giờ") are not a
  unit of the form: not understood, for review.

Every function takes any text and never raises; results are cached because
the same few values fill most cells.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from doingoai.extraction.normalize.text import fold_cell


@dataclass(frozen=True, slots=True)
class Count:
    """Số người as printed: one figure (min == max), a range, or one bound."""

    min: int | None
    max: int | None
    per_delegation: bool  # "10 người/đoàn", "mỗi đoàn 10 người"
    understood: bool


@dataclass(frozen=True, slots=True)
class Duration:
    """Số ngày as printed, in ``unit`` ("day" | "month" | "year"); ints where whole."""

    min: float | int | None
    max: float | int | None
    unit: str
    per_delegation: bool
    understood: bool


_EMPTY_COUNT = Count(None, None, False, True)
_EMPTY_DURATION = Duration(None, None, "day", False, True)

# A number: "1.000" / "1,000" (thousands) or "10", "1,5", "1.5" (decimal).
_NUM = r"(?:\d{1,3}(?:[.,]\d{3})+|\d+(?:[.,]\d{1,2})?)(?![\d])"
_UNIT_WORD = r"(?:nguoi|ngay|tuan|thang|nam|dem|buoi|gio|tieng|days?|weeks?|months?|years?|pax)"
_BRACKETS = re.compile(r"\([^()]*\)?|\[[^\[\]]*\]?")
_TOTAL = re.compile(rf"\btong(?: cong| so| thoi gian| so nguoi)?\s*(?:la|:)?\s*({_NUM})")
_RANGE = re.compile(
    rf"({_NUM})\s*(?:{_UNIT_WORD}\s*)?(?:-|~|\bden\b|\btoi\b|\bhoac\b)\s*({_NUM})(\s*ruoi\b)?"
)
_NUMBER = re.compile(rf"({_NUM})(\s*ruoi\b)?")
_AT_MOST = re.compile(r"(?:\b(?:duoi|toi da|khong qua|it hon|max(?:imum)?|up to)|[<≤])\s*$")
_AT_LEAST = re.compile(r"(?:\b(?:tren|toi thieu|it nhat|hon|nhieu hon|min(?:imum)?)|[>≥])\s*$")
_PLUS = re.compile(rf"\s*(?:[a-z]+\s*){{0,3}}\+\s*({_NUM})")
_YEAR_LIKE = re.compile(r"(?:19|20)\d{2}")
_HALF_AFTER = re.compile(r"\s*ruoi\b")
_OR_MORE = re.compile(r"^\s*(?:\+|(?:nguoi\s*)?tro len\b)")
_PER = re.compile(
    r"/\s*(?:1\s*|mot\s*|moi\s*)?(?:doan|dot)\b|\b(?:moi|mot|1|cho moi|tung) (?:doan|dot)\b"
    r"|\bper (?:delegation|group)\b"
)
_WORD_NUMBERS = {
    "mot": 1,
    "hai": 2,
    "ba": 3,
    "bon": 4,
    "nam": 5,
    "sau": 6,
    "bay": 7,
    "tam": 8,
    "chin": 9,
    "muoi": 10,
}
_WORD_NUMBER = re.compile(r"^(?:khoang\s+)?(mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi)\b")
# Matched right after the figure (Pattern.match at a position anchors there).
_DURATION_UNIT = re.compile(r"\s*(ngay|tuan|thang|nam|dem|buoi|gio|tieng|days?|weeks?|months?|years?)\b")
_ANY_DURATION_UNIT = re.compile(r"\b(ngay|tuan|thang|nam|days?|weeks?|months?|years?)\b")
_DAYS_NUMBER = re.compile(rf"({_NUM})\s*(?:ngay|days?)\b")
_UNITS = {
    "ngay": ("day", 1),
    "day": ("day", 1),
    "days": ("day", 1),
    "tuan": ("day", 7),
    "week": ("day", 7),
    "weeks": ("day", 7),
    "thang": ("month", 1),
    "month": ("month", 1),
    "months": ("month", 1),
    "nam": ("year", 1),
    "year": ("year", 1),
    "years": ("year", 1),
    "buoi": ("day", 0.5),
}
_PUNCTUATION_ONLY = " -.,;:_*/()[]"


def _value(number: str) -> float | int:
    """ "10" → 10, "1,5" → 1.5, "1.000" → 1000."""
    if len(number) > 4 and number[-4] in ".,":
        return int(number.replace(".", "").replace(",", ""))
    value = float(number.replace(",", "."))
    return int(value) if value.is_integer() else value


def _whole(value: float | int | None) -> float | int | None:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _main(folded: str) -> str:
    """The cell without its explanations in brackets, unless that leaves nothing."""
    if "(" not in folded and "[" not in folded:
        return folded
    main = _BRACKETS.sub(" ", folded).strip()
    if any(c.isdigit() for c in main) or _WORD_NUMBER.match(main):
        return main
    return folded.replace("(", " ").replace(")", " ").replace("[", " ").replace("]", " ").strip()


@dataclass(slots=True)
class _Figure:
    low: float | int | None
    high: float | int | None
    end: int  # where the figure ends in the text (to find its unit)
    per: bool


def _figure(main: str) -> _Figure | None:
    """The printed figure of a cell (already without brackets)."""
    per = _PER.search(main) is not None
    total = _TOTAL.search(main)
    if total:
        value = _value(total.group(1))
        return _Figure(value, value, total.end(), per)
    numbers = _NUMBER.search(main)
    if numbers is None:
        word = _WORD_NUMBER.match(main)
        if word is None:
            return None
        value = _WORD_NUMBERS[word.group(1)]
        return _Figure(value, value, word.end(), per)
    span = _RANGE.search(main, numbers.start())
    if span is not None and span.start() == numbers.start():
        low, high = _value(span.group(1)), _value(span.group(2))
        if span.group(3):
            high += 0.5
        if low > high:
            low, high = high, low
        return _Figure(low, high, span.end(), per)
    value = _value(numbers.group(1))
    if numbers.group(2):
        value += 0.5
    end = numbers.end()
    plus = _PLUS.match(main, end)
    while plus is not None:
        # "05 người + 02 phiên dịch": the row's figure is the sum.
        value += _value(plus.group(1))
        end = plus.end()
        plus = _PLUS.match(main, end)
    before, after = main[: numbers.start()], main[end:]
    if _AT_MOST.search(before):
        return _Figure(None, value, end, per)
    if _AT_LEAST.search(before) or _OR_MORE.match(after):
        return _Figure(value, None, end, per)
    return _Figure(value, value, end, per)


def _prepare(text: object) -> str | None:
    """Folded cell text, or None when there is nothing in it."""
    if not text or not isinstance(text, str):
        return None
    folded = fold_cell(text)
    if not folded.strip(_PUNCTUATION_ONLY):
        return None
    return folded


@lru_cache(maxsize=16384)
def _people(text: str) -> Count:
    folded = _prepare(text)
    if folded is None:
        return _EMPTY_COUNT
    figure = _figure(_main(folded))
    if figure is None:
        return Count(None, None, False, False)
    values = (figure.low, figure.high)
    if any(v is not None and (not float(v).is_integer() or v > 100000) for v in values):
        return Count(None, None, figure.per, False)
    if _YEAR_LIKE.fullmatch(folded):
        # A bare "2024" under Số người is a shifted period, not 2024 people.
        return Count(None, None, False, False)
    low, high = (int(v) if v is not None else None for v in values)
    return Count(low, high, figure.per, True)


def parse_people(text: str) -> Count:
    """Số người: the printed figure or range ("10", "20-40", "10 người/đoàn")."""
    return _people(text) if isinstance(text, str) else _EMPTY_COUNT


@lru_cache(maxsize=16384)
def _duration(text: str) -> Duration:
    folded = _prepare(text)
    if folded is None:
        return _EMPTY_DURATION
    main = _main(folded)
    figure = _figure(main)
    if figure is None:
        return Duration(None, None, "day", False, False)
    unit_match = _DURATION_UNIT.match(main, figure.end)
    word = unit_match.group(1) if unit_match else None
    if word is None:
        anywhere = _ANY_DURATION_UNIT.search(main)
        word = anywhere.group(1) if anywhere else "ngay"
    if _YEAR_LIKE.fullmatch(folded):
        return Duration(None, None, "day", False, False)
    low, high = figure.low, figure.high
    if unit_match is not None and _HALF_AFTER.match(main, unit_match.end()):
        # "1 tháng rưỡi" is a month and a half.
        low = low + 0.5 if low is not None else None
        high = high + 0.5 if high is not None else None
    if word == "dem":
        # "2 đêm 3 ngày": the days are printed too; nights alone are nights + 1 days.
        days = _DAYS_NUMBER.search(main)
        if days is not None:
            low = high = _value(days.group(1))
        else:
            low = low + 1 if low is not None else None
            high = high + 1 if high is not None else None
        word = "ngay"
    if word in ("gio", "tieng"):
        return Duration(None, None, "day", figure.per, False)
    unit, factor = _UNITS[word]
    if factor != 1:
        low = low * factor if low is not None else None
        high = high * factor if high is not None else None
    if any(v is not None and (math.isnan(v) or v > 100000) for v in (low, high)):
        return Duration(None, None, unit, figure.per, False)
    return Duration(_whole(low), _whole(high), unit, figure.per, True)


def parse_duration(text: str) -> Duration:
    """Số ngày: days, months or years as printed (the total, not the per-place figure)."""
    return _duration(text) if isinstance(text, str) else _EMPTY_DURATION


_LOOKS_COUNT = re.compile(
    r"(?:(?:khoang|tu|duoi|toi da|khong qua|tren|hon|it nhat|toi thieu|du kien|tong(?: cong)?|"
    r"moi doan|chung|gom|so nguoi|so ngay)\s*:?\s*)*"
    r"\d{1,3}(?:[.,]\d)?(?:\s*(?:nguoi|ngay|dem)?\s*(?:-|~|den|toi)\s*\d{1,3}(?:[.,]\d)?)?"
    r"\s*(?:ruoi\s*)?(?:nguoi|ngay|tuan|thang|nam|dem|buoi|pax)?(?:\s*ruoi)?"
    r"(?:\s+\d{1,3}\s*(?:dem|ngay))?"
    r"(?:\s*/\s*(?:1\s*)?(?:doan|dot|nguoi|tinh|nuoc))?"
    r"\s*\+?\s*(?:tro len)?\s*(?:\(.*\))?\s*[.;,]?"
)


@lru_cache(maxsize=16384)
def looks_like_count(text: str) -> bool:
    """Whether a cell is a count or a length and little else.

    "10", "20-40", "10 người/đoàn", "06 tháng", "08 (mỗi tỉnh 02 ngày)" are;
    a year ("2024"), a month ("11/2024"), a sentence are not. Used to put
    shifted cells back under their column, so it is strict.
    """
    if not text or not isinstance(text, str):
        return False
    folded = fold_cell(text)
    if not folded or len(folded) > 60:
        return False
    return _LOOKS_COUNT.fullmatch(folded) is not None


# Both patterns start with a digit, which the regex engine finds quickly; the
# word boundary before it is checked on the match (``_starts_word``).
_ENUMERATION = re.compile(r"(\d{1,2})\s*[.)]\s*(?=[a-z])")
_ENUMERATION_BEFORE = frozenset(" \t\n\r\f\v;,:(")
_EXPLICIT = re.compile(r"(\d{1,2})\s+(?:luot\s+)?doan\b(?!\s*(?:vien|the\b|ket|thanh nien|tncs|\d))")
_ITEM_SPLIT = re.compile(r"\s*;\s*|\s+-\s+|^\s*-\s*")


# Names are long and nearly all different, so most are dismissed before folding,
# by what each signal needs in the printed text: "1. Đoàn …" a number, a dot or
# bracket and a letter; "Đoàn A; Đoàn B" a ";" or a dash; "02 đoàn" see _MAY_COUNT.
_MAY_ENUMERATE = re.compile(r"\d\s*[.)]\s*(?:<[^>]*>\s*)*[^\W\d_]").search
_MAY_ITEMS = re.compile(r"[;\-\u2010-\u2015\u2212\ufe58\ufe63\uff0d]").search
_HAS_DIGIT = re.compile(r"\d").search
# What "02 đoàn" / "03 lượt đoàn" needs in the printed text, tags allowed between: checked before folding.
_MAY_COUNT = re.compile(r"\d(?:\s|<[^>]*>)+[dDđĐlL]").search


def _enumerated(folded: str) -> list[int]:
    """The numbers of "1. Đoàn A; 2. Đoàn B": each at the start or after a space or ;,:( ."""
    return [
        int(match.group(1))
        for match in _ENUMERATION.finditer(folded)
        if match.start() == 0 or folded[match.start() - 1] in _ENUMERATION_BEFORE
    ]


def _explicit(folded: str) -> int | None:
    """The number of "02 đoàn", "gồm 03 lượt đoàn" (a number starting a word)."""
    if "doan" not in folded:
        return None
    for match in _EXPLICIT.finditer(folded):
        start = match.start()
        if start == 0 or not (folded[start - 1].isalnum() or folded[start - 1] == "_"):
            return int(match.group(1))
    return None


@lru_cache(maxsize=16384)
def _delegations(name: str, people: str, notes: str) -> int:
    may_enumerate = _MAY_ENUMERATE(name) is not None
    may_list = _MAY_ITEMS(name) is not None
    folded = fold_cell(name) if may_enumerate or may_list or _MAY_COUNT(name) else ""
    if folded:
        numbers = _enumerated(folded) if may_enumerate else []
        if len(numbers) >= 2 and numbers == list(range(1, len(numbers) + 1)):
            return len(numbers)
        if may_list:
            items = [item for item in _ITEM_SPLIT.split(folded) if item]
            if len(items) >= 2 and all(item.startswith("doan ") for item in items):
                return len(items)
    for text in (name, people, notes):
        if not text or not _MAY_COUNT(text):
            continue
        number = _explicit(folded if text is name else fold_cell(text))
        if number is not None and 1 <= number <= 50:
            return number
    return 1


def count_delegations(name: str, people: str = "", notes: str = "") -> int:
    """How many delegations a row stands for.

    A name that enumerates "1. Đoàn A; 2. Đoàn B; 3. …; 4. …" gives 4 (so does
    "Đoàn A; Đoàn B; …" where every item is a delegation); an explicit "02
    đoàn" / "gồm 03 đoàn" in the name, then the people cell, then the notes,
    gives that number; otherwise 1. "Đoàn cán bộ các Sở ngành 04 tỉnh Nam
    Lào" is one delegation from four provinces, and "10 đoàn viên" are union
    members, not delegations.
    """
    return _delegations(
        name if isinstance(name, str) else "",
        people if isinstance(people, str) else "",
        notes if isinstance(notes, str) else "",
    )
