"""Thời gian thực hiện as a range of months.

The forms ask for a month or a quarter; documents write "Quý I-II/2025",
"Quý II – III/2025", "Tháng 8/2025", "tháng 01/2024", "11/2024", "Cả năm",
"Trong năm 2025", "2024", "Dự kiến trong Quý II/2025", a quarter with no year
("Quý III", which takes the plan year), cross-year ranges ("Quý IV/2024 – Quý
I/2025"), half-years ("6 tháng đầu năm"). The result is the first and last
month ("YYYY-MM") and whether the cell says the timing is tentative.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from doingoai.extraction.normalize.text import fold

_TAG = re.compile(r"<[^>]*>")
_TENTATIVE = re.compile(r"\b(du kien|khoang|tentative|chua xac dinh|se thong bao)\b|\(dk\)")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_QNUM = r"(?:iv|iii|ii|i|[1-4])"
_JOIN = r"(?:\s*(?:-|–|—|,|;|&|\+|va|den|toi|toi het)\s*)"
_YEAR_AFTER = r"(?:\s*(?:/|nam|-|,)?\s*((?:19|20)\d\d))?"
_QUARTER = re.compile(
    rf"\b(?:quy|q)\s*\.?\s*({_QNUM})\b((?:{_JOIN}(?:quy\s*|q\s*)?{_QNUM}\b(?!\s*/\s*\d{{1,2}}\b))*)"
    rf"{_YEAR_AFTER}"
)
_MONTH = re.compile(
    rf"\b(?:thang|t)\s*\.?\s*(\d{{1,2}})\b((?:{_JOIN}(?:thang\s*)?\d{{1,2}}\b(?!\s*/\s*\d{{1,2}}\s*/))*)"
    rf"{_YEAR_AFTER}"
)
_DATE = re.compile(r"\b(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*((?:19|20)\d\d)\b")
_MONTH_YEAR = re.compile(r"\b(\d{1,2})\s*(?:/|-)\s*((?:19|20)\d\d)\b")
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_FIRST_HALF = re.compile(r"(6|sau) thang dau|nua dau|dau nam den giua nam")
_SECOND_HALF = re.compile(r"(6|sau) thang cuoi|nua cuoi|giua nam den cuoi nam")
_WHOLE_YEAR = re.compile(r"\b(ca nam|trong nam|hang nam|quanh nam|nam \d{4}|thuong xuyen|suot nam)\b")


@dataclass(frozen=True, slots=True)
class Period:
    start: str | None
    end: str | None
    tentative: bool
    understood: bool
    note: str | None = None


@dataclass(slots=True)
class _Span:
    first: int
    last: int
    year: int | None
    position: int


def _month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _spans(folded: str) -> list[_Span]:
    spans: list[_Span] = []
    for match in _QUARTER.finditer(folded):
        quarters = [_ROMAN[match.group(1)]]
        quarters += [_ROMAN[q] for q in re.findall(_QNUM, re.sub(r"quy|q", " ", match.group(2)))]
        year = int(match.group(3)) if match.group(3) else None
        spans.append(_Span((min(quarters) - 1) * 3 + 1, max(quarters) * 3, year, match.start()))
    if spans:
        return spans
    taken: list[tuple[int, int]] = []
    for match in _DATE.finditer(folded):
        month = int(match.group(2))
        if 1 <= month <= 12:
            spans.append(_Span(month, month, int(match.group(3)), match.start()))
            taken.append(match.span())
    for match in _MONTH.finditer(folded):
        if any(a <= match.start() < b for a, b in taken):
            continue
        months = [int(match.group(1))] + [int(m) for m in re.findall(r"\d{1,2}", match.group(2))]
        months = [m for m in months if 1 <= m <= 12]
        if months:
            year = int(match.group(3)) if match.group(3) else None
            spans.append(_Span(min(months), max(months), year, match.start()))
            taken.append(match.span())
    for match in _MONTH_YEAR.finditer(folded):
        if any(a <= match.start() < b for a, b in taken):
            continue
        month = int(match.group(1))
        if 1 <= month <= 12:
            spans.append(_Span(month, month, int(match.group(2)), match.start()))
    spans.sort(key=lambda span: span.position)
    return spans


@lru_cache(maxsize=8192)
def _parse(folded: str, plan_year: int | None) -> Period:
    tentative = bool(_TENTATIVE.search(folded))
    years = [int(y) for y in _YEAR.findall(folded)]
    spans = _spans(folded)
    note = None
    if spans:
        # A year written after a group ("Quý I-II/2025") applies to the spans before it.
        following: int | None = None
        for span in reversed(spans):
            if span.year is None:
                span.year = following
            following = span.year
        for span in spans:
            if span.year is None:
                span.year = years[-1] if years else plan_year
                if not years:
                    note = "năm không ghi, lấy năm kế hoạch"
        if spans[0].year is None:
            return Period(None, None, tentative, False, "không rõ năm")
        start = _month(spans[0].year, spans[0].first)
        end = _month(spans[-1].year, spans[-1].last)
        if end < start:
            start, end = end, start
        return Period(start, end, tentative, True, note)
    year = years[-1] if years else plan_year
    if year is None:
        return Period(None, None, tentative, False, "không rõ năm")
    if not years:
        note = "năm không ghi, lấy năm kế hoạch"
    if _FIRST_HALF.search(folded):
        return Period(_month(year, 1), _month(year, 6), tentative, True, note)
    if _SECOND_HALF.search(folded):
        return Period(_month(year, 7), _month(year, 12), tentative, True, note)
    if re.search(r"\bdau nam\b", folded):
        return Period(_month(year, 1), _month(year, 3), tentative, True, note)
    if re.search(r"\bcuoi nam\b", folded):
        return Period(_month(year, 10), _month(year, 12), tentative, True, note)
    if _WHOLE_YEAR.search(folded) or (years and re.fullmatch(r"[^a-z]*(nam)?[^a-z]*", folded)):
        return Period(_month(year, 1), _month(year, 12), tentative, True, note)
    return Period(None, None, tentative, False)


def parse_period(text: str, plan_year: int | None) -> Period:
    """The months a Thời gian thực hiện cell covers; empty text is not an error."""
    folded = fold(_TAG.sub(" ", text or ""))
    if not folded:
        return Period(None, None, False, True)
    return _parse(folded, plan_year)


@lru_cache(maxsize=8192)
def _looks(folded: str) -> bool:
    if not folded or len(folded) > 70:
        return False
    if _QUARTER.search(folded) or _MONTH.search(folded) or _MONTH_YEAR.search(folded):
        return True
    if _WHOLE_YEAR.search(folded) or _FIRST_HALF.search(folded) or _SECOND_HALF.search(folded):
        return True
    return bool(re.fullmatch(r"\s*(du kien\s*)?(nam\s*)?(19|20)\d\d\s*", folded))


def looks_like_period(text: str) -> bool:
    """A cheap test used when realigning shifted cells."""
    return _looks(fold(_TAG.sub(" ", text or "")))
