"""Units by name: the same unit under the spellings documents use, and a new unit's kind.

"Bộ CHQS tỉnh" and "Bộ Chỉ huy quân sự tỉnh Đồng Nai" are one unit; so are
"Ban Quản lý các KCN" and "Ban Quản lý các Khu công nghiệp Thái Nguyên". The
abbreviations are data (``plans/data/unit_names.json``).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from doingoai.extraction.normalize.text import fold
from doingoai.organization.models import Unit

DATA = Path(__file__).resolve().parents[1] / "data" / "unit_names.json"


@lru_cache(maxsize=1)
def _data() -> dict:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    return {
        "abbreviations": [
            (re.compile(pattern), replacement) for pattern, replacement in data["abbreviations"]
        ],
        "proper_names": re.compile(data["proper_names"]),
        "kinds": [(re.compile(pattern), kind) for pattern, kind in data["kinds"]],
        "unit_in_name": re.compile(data["unit_in_name"], re.IGNORECASE),
        "authorities": re.compile(data["provincial_authorities"]),
    }


def unit_key(name: str, province_name: str = "") -> str:
    """The comparison form of a unit's name: no case, diacritics, abbreviations or province.

    "Bộ CHQS tỉnh" and "Bộ Chỉ huy quân sự tỉnh Đồng Nai" are one unit, and
    "Ban Quản lý các KCN" is "Ban Quản lý các Khu công nghiệp Thái Nguyên";
    but "Trường Cao đẳng Thái Nguyên" keeps its place name, which is part of
    a school's or hospital's proper name.
    """
    key = fold(name or "")
    key = re.sub(r"[^\w&]+", " ", key)
    for pattern, replacement in _data()["abbreviations"]:
        key = pattern.sub(replacement, key)
    key = " ".join(key.split())
    place = " ".join(re.sub(r"[^\w]+", " ", fold(province_name or "")).split())
    if place:
        key = re.sub(rf"\btinh {re.escape(place)}$", "tinh", key)
        if not _data()["proper_names"].match(key):
            key = re.sub(rf"\s+{re.escape(place)}$", "", key)
    key = re.sub(r"\s+tinh$", "", key)
    key = re.sub(r"^ban quan ly ", "", key)
    key = re.sub(r"\bcac\b", " ", key)
    return " ".join(key.split())


def match_unit(name: str, units, province_name: str = "") -> Unit | None:
    """The unit among ``units`` that ``name`` designates, by name or alias; None if none or ambiguous."""
    key = unit_key(name, province_name)
    if not key:
        return None
    found = [
        unit
        for unit in units
        if key in {unit_key(n, province_name) for n in [unit.name, *(unit.aliases or [])]}
    ]
    return found[0] if len(found) == 1 else None


def guess_unit_kind(name: str) -> str:
    """A new unit's kind from its name, so that lists group it sensibly; an officer may change it."""
    key = fold(name)
    for pattern, kind in _data()["kinds"]:
        if pattern.search(key):
            return kind
    return Unit.Kind.DEPARTMENT


def best_name(names: list[str]) -> str:
    """The name a new unit gets among the spellings of one unit: written out, then short."""

    def abbreviated(name: str) -> int:
        return sum(1 for word in name.split() if len(word) > 1 and word.isupper() and word != "UBND")

    return min(names, key=lambda n: (abbreviated(n), len(n), n))


def unit_in_name(name: str) -> str | None:
    """The unit a delegation is named after ("Đoàn công tác Sở Công Thương Bình Định đi …"), if it is."""
    match = _data()["unit_in_name"].match((name or "").strip())
    if not match:
        return None
    return _cut_at_lowercase_and(match.group(1)).strip(" .,;-")


def _cut_at_lowercase_and(text: str) -> str:
    """ "Sở Khoa học và Công nghệ" is one name; "Bộ CHQS tỉnh và cán bộ y bác sỹ" ends at "và"."""
    for match in re.finditer(r"\s+và\s+(\w)", text):
        if match.group(1).islower():
            return text[: match.start()]
    return text


def is_provincial_authority(issuer: str) -> bool:
    """Whether ``issuer`` is one of the province's own authorities (People's Committee, Party committee…)."""
    key = " ".join(re.sub(r"[^\w]+", " ", fold(issuer or "")).split())
    return bool(key) and bool(_data()["authorities"].match(key))
