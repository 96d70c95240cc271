"""Which section of the consolidated tables a delegation belongs to (``data/sections.json``).

The plans group each level's table into sections by who leads and who pays:
"I. Đoàn ra cấp Ủy viên Bộ Chính trị…", "II. Đoàn sử dụng Ngân sách Đảng,
Ngân sách Nhà nước", "III. Đoàn sử dụng nguồn kinh phí khác". The section is
read from the delegation's meaning (its head, its funding categories), not
from the heading of the document it was imported from: proposals come from
many units' forms, which carry no section at all.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from doingoai.extraction.normalize.text import fold

DATA = Path(__file__).resolve().parent / "data" / "sections.json"
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


@dataclass(frozen=True)
class Section:
    key: str
    number: str
    title: str
    leader_words: tuple[str, ...] = ()
    funding: frozenset[str] = frozenset()
    other: bool = False
    unknown: bool = False

    @property
    def heading(self) -> str:
        return f"{self.number}. {self.title}"


@lru_cache(maxsize=1)
def sections() -> dict[str, tuple[Section, ...]]:
    """The sections of each direction, numbered in their order."""
    table = json.loads(DATA.read_text(encoding="utf-8"))
    out = {}
    for direction in ("out", "in"):
        out[direction] = tuple(
            Section(
                key=spec["key"],
                number=ROMAN[index],
                title=spec["title"],
                leader_words=tuple(spec.get("leader_words", ())),
                funding=frozenset(spec.get("funding", ())),
                other=bool(spec.get("other")),
                unknown=bool(spec.get("unknown")),
            )
            for index, spec in enumerate(table[direction])
        )
    return out


def section_of(delegation) -> Section:
    """The first section of the delegation's direction that it matches."""
    candidates = sections()[delegation.direction]
    leader = fold(delegation.leader or "")
    categories = set(delegation.funding_categories or ())
    for section in candidates:
        if section.leader_words and any(word in leader for word in section.leader_words):
            return section
        if section.funding and categories & section.funding:
            return section
        if section.other and categories:
            return section
        if section.unknown and not categories:
            return section
    return candidates[-1]
