"""Số người, Số ngày and how many delegations a row stands for.

Cells hold free text: "10 (bao gồm các doanh nghiệp)", "20-40", "10
người/đoàn", "06 tháng", "01 năm", "08 (mỗi tỉnh 02 ngày)". The printed total
is the value (the explanation in brackets is not); a range gives its two ends;
"/đoàn" or "mỗi đoàn" before the brackets means the figure is per delegation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from doingoai.extraction.normalize.text import fold

_TAG = re.compile(r"<[^>]*>")
_RANGE = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:-|–|—|~|den|toi)\s*(\d+(?:[.,]\d+)?)")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_PER = re.compile(r"/\s*doan|moi doan|1 doan|mot doan|/\s*dot")
_AT_MOST = re.compile(r"\b(duoi|toi da|khong qua)\b")
_AT_LEAST = re.compile(r"\b(tren|toi thieu|it nhat|hon)\b")
_COUNT = re.compile(
    r"^(?:khoang|tu|duoi|toi da|tren|hon|chung|du kien)?\s*\d{1,4}\b(?!\s*[/.-]\s*(?:19|20)\d\d)"
)
_ENUMERATION = re.compile(r"(?:^|[\s;,.:])(\d{1,2})\s*[.)]\s+(?=\S)")
_EXPLICIT = re.compile(r"\b(\d{1,2})\s*doan\b")


@dataclass(frozen=True, slots=True)
class Count:
    min: int | None
    max: int | None
    per_delegation: bool
    understood: bool


@dataclass(frozen=True, slots=True)
class Duration:
    min: float | int | None
    max: float | int | None
    unit: str
    per_delegation: bool
    understood: bool


def _main_part(text: str) -> str:
    """The cell before any explanation in brackets."""
    folded = fold(_TAG.sub(" ", text or ""))
    return folded.split("(", 1)[0].strip() if folded.find("(") > 0 else folded


def _value(number: str) -> float | int:
    value = float(number.replace(",", "."))
    return int(value) if value.is_integer() else value


def _range(part: str) -> tuple[float | int | None, float | int | None]:
    match = _RANGE.search(part)
    if match:
        low, high = _value(match.group(1)), _value(match.group(2))
        return (low, high) if low <= high else (high, low)
    match = _NUMBER.search(part)
    if not match:
        return None, None
    value = _value(match.group())
    if _AT_MOST.search(part[: match.start()]):
        return None, value
    return value, value


@lru_cache(maxsize=8192)
def parse_people(text: str) -> Count:
    """Số người: the printed figure or range."""
    part = _main_part(text)
    if not part:
        return Count(None, None, False, True)
    low, high = _range(part)
    if low is None and high is None:
        return Count(None, None, False, False)
    low = int(low) if low is not None else None
    high = int(high) if high is not None else None
    return Count(low, high, bool(_PER.search(part)), True)


@lru_cache(maxsize=8192)
def parse_duration(text: str) -> Duration:
    """Số ngày: days, months or years, as printed (the total, not the per-place figure)."""
    part = _main_part(text)
    if not part:
        return Duration(None, None, "day", False, True)
    low, high = _range(part)
    if low is None and high is None:
        return Duration(None, None, "day", False, False)
    unit = "day"
    if re.search(r"\bthang\b", part):
        unit = "month"
    elif re.search(r"\bnam\b", part):
        unit = "year"
    elif re.search(r"\btuan\b", part):
        low, high = (v * 7 if v is not None else None for v in (low, high))
    return Duration(low, high, unit, bool(_PER.search(part)), True)


@lru_cache(maxsize=8192)
def _looks(folded: str) -> bool:
    return len(folded) <= 60 and bool(_COUNT.match(folded)) and not re.fullmatch(
        r"(19|20)\d\d", folded
    )


def looks_like_count(text: str) -> bool:
    """A cheap test used when realigning shifted cells: "10", "20-40", "06 tháng"."""
    return _looks(fold(_TAG.sub(" ", text or "")))


def count_delegations(name: str, people: str = "", notes: str = "") -> int:
    """How many delegations a row stands for (1 unless the row lists several)."""
    folded = fold(_TAG.sub(" ", name or ""))
    numbers = [int(n) for n in _ENUMERATION.findall(folded)]
    if len(numbers) >= 2 and numbers == list(range(1, len(numbers) + 1)):
        return len(numbers)
    for text in (folded, fold(people or ""), fold(notes or "")):
        match = _EXPLICIT.search(text)
        if match and int(match.group(1)) > 1:
            return int(match.group(1))
    return 1
