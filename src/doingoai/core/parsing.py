"""How what an officer types becomes a stored value: countries, months, dates.

One place for each rule, so that a country typed in a page, posted to the
API, corrected in the import preview or read from a document is stored the
same way (``resolve_countries`` is the document reader's own).
"""

from __future__ import annotations

import datetime
import re

from doingoai.extraction.normalize.places import country_name_vi, resolve_countries

#: dates are typed the Vietnamese way (31/12/2025) or come from a date picker (2025-12-31)
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"]

_SEPARATORS = re.compile(r"[,;\n]+")
_MONTH = re.compile(r"^\s*(?:(\d{4})-(\d{1,2})(?:-\d{1,2})?|(\d{1,2})/(\d{4}))\s*$")
#: the province's own country is never a destination or a partner's country
HOME = "VN"


def is_country_code(value: str) -> bool:
    """Whether ``value`` is a country or region code the place data knows ("LA", "150")."""
    value = value.strip().upper()
    return bool(value) and len(value) <= 3 and country_name_vi(value) != value


def parse_countries(text: str) -> tuple[list[str], list[str]]:
    """(codes, pieces not understood) of a countries text: names in any spelling, or codes.

    "LA, Campuchia; CHDCND Lào" → (["LA", "KH"], []). Each piece separated by
    a comma, semicolon or line is either a code or read as a document's
    countries cell is. Viet Nam is left out: it is where the trips start.
    """
    codes: list[str] = []
    unresolved: list[str] = []
    for piece in _SEPARATORS.split(text or ""):
        piece = piece.strip(" .")
        if not piece:
            continue
        if is_country_code(piece):
            found = [piece.upper()]
        else:
            resolution = resolve_countries(piece)
            found = resolution.codes
            unresolved.extend(resolution.unresolved if found else [piece])
        codes.extend(code for code in found if code not in codes and code != HOME)
    return codes, unresolved


def countries_text(codes) -> str:
    """``["LA", "KR"]`` → ``"Lào, Hàn Quốc"``: how a countries field shows stored codes."""
    return ", ".join(country_name_vi(code) for code in codes or [])


def parse_month(text: str | None) -> datetime.date | None:
    """ "2025-04", "2025-04-17" or "04/2025" → 2025-04-01; None if empty; ValueError if wrong."""
    if isinstance(text, datetime.date):
        return text.replace(day=1)
    if not text or not str(text).strip():
        return None
    match = _MONTH.match(str(text))
    if not match:
        raise ValueError(text)
    year, month = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
    return datetime.date(int(year), int(month), 1)


def month_text(value: datetime.date | None) -> str:
    """2025-04-01 → "04/2025"."""
    return f"{value.month:02d}/{value.year}" if value else ""
