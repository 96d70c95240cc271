"""Putting each cell of a row under the column it belongs to.

Most rows line up with their header. Converted and scanned documents break
that: a country fused onto the end of the leader cell ("Lãnh đạo UBND Nhật
Bản" with the "Nước đi" cell gone), a cell repeated, a header with an unnamed
column, the funding and notes run together in the last cell. A person reads
such a row by what each cell holds: a period looks like a period, a count like
a count, a country cell names countries. So does `align`: it builds a few
readings of the row (as printed; without the unnamed columns; repaired by
splitting, merging or padding cells), scores how well every cell fits its
column, and keeps the best, saying what it repaired.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from itertools import combinations

from doingoai.extraction.cleaning import clean
from doingoai.extraction.normalize.funding import looks_like_funding
from doingoai.extraction.normalize.periods import looks_like_period
from doingoai.extraction.normalize.places import countries_fit, split_trailing_country
from doingoai.extraction.normalize.quantities import looks_like_count
from doingoai.extraction.normalize.text import fold

_TT = re.compile(r"^\d{1,5}(?:\.\d{1,3}){0,3}\.?$")  # archives number tens of thousands of rows
_TRAILING_ITALIC = re.compile(r"^(.*\S)\s*(<i>.*</i>)\s*$", re.DOTALL)
_OPERATION_COST = 0.4


@cache
def _cues() -> dict[str, tuple[str, ...]]:
    data = json.loads(resources.files("doingoai.extraction.data").joinpath("cues.json").read_text("utf-8"))
    return {key: tuple(value) for key, value in data.items() if not key.startswith("_")}


@dataclass(slots=True)
class Alignment:
    """The row's raw cell text per column role, and what was repaired."""

    values: dict[str, str]
    repairs: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    #: the columns whose value differs from the row as printed
    changed: list[str] = field(default_factory=list)


def _starts_with(folded: str, cues: tuple[str, ...]) -> bool:
    return folded.startswith(cues)


@lru_cache(maxsize=8192)
def fitness(role: str, raw: str) -> float:
    """How well a cell's text fits a column (higher is better)."""
    text = clean(raw)
    if not text:
        return {
            "name": -1.0,
            "countries": -0.5,
            "people": -0.5,
            "duration": -0.5,
            "period": -0.5,
            "funding": -0.3,
            "leader": -0.3,
        }.get(role, 0.0)
    if role == "tt":
        return 1.0 if _TT.match(text) else -2.0
    count = looks_like_count(text)
    if role in ("people", "duration"):
        return 1.0 if count else -1.5
    period = looks_like_period(text)
    if role == "period":
        return 2.0 if period else -1.5
    if count or period:
        return -1.0
    folded = fold(text)
    cues = _cues()
    if role == "countries":
        named, unresolved = countries_fit(text)
        return 2.0 - 0.5 * unresolved if named else -1.0
    if role == "funding":
        return 1.0 if looks_like_funding(text) else -0.5
    if role == "host_unit":
        if _starts_with(folded, cues["unit_words"]):
            return 0.5
        return -1.0 if looks_like_funding(text) else 0.0
    if role == "partners":
        if _starts_with(folded, cues["partner_start"]):
            return 0.5
        return -0.2 if _starts_with(folded, cues["activity_start"]) else 0.0
    if role == "activities":
        if _starts_with(folded, cues["activity_start"]):
            return 0.5
        return -0.2 if _starts_with(folded, cues["partner_start"]) else 0.0
    if role == "notes":
        return -0.3 if looks_like_funding(text) and len(text) < 40 else 0.0
    return 0.2


def _score(cells: list[str], roles: list[str]) -> float:
    return sum(map(fitness, roles, cells))


#: the highest ``fitness`` of a cell, filled or empty, per column (every other column: 0.2)
_BEST_FITNESS = {
    "tt": 1.0,
    "people": 1.0,
    "duration": 1.0,
    "period": 2.0,
    "countries": 2.0,
    "funding": 1.0,
    "host_unit": 0.5,
    "partners": 0.5,
    "activities": 0.5,
    "notes": 0.0,
}
_OTHER_BEST_FITNESS = 0.2
#: far above the rounding error of a sum of a few dozen fitnesses, far below their steps (0.1)
_MARGIN = 1e-9


@lru_cache(maxsize=4096)
def _split_leader(raw: str) -> tuple[str, str] | None:
    """A leader cell with a country fused onto its end, split in two (asked once per cell)."""
    return split_trailing_country(clean(raw))


def _trim(cells: tuple[str, ...]) -> list[str]:
    values = [c.strip() for c in cells]
    while values and not values[-1]:
        values.pop()
    return values


def _split_options(cells: list[str], roles: list[str]) -> list[tuple[list[str], str]]:
    """Readings with one fused cell split in two."""
    options = []
    if "leader" in roles and "countries" in roles:
        index = roles.index("leader")
        if index < len(cells):
            split = _split_leader(cells[index])
            if split:
                options.append(
                    (
                        cells[:index] + [split[0], split[1]] + cells[index + 1 :],
                        "tách tên nước ra khỏi ô Trưởng đoàn",
                    )
                )
    for index in range(max(0, len(cells) - 2), len(cells)):
        cell = cells[index]
        match = _TRAILING_ITALIC.match(cell) if "<i>" in cell else None
        if match and clean(match.group(1)):
            options.append(
                (
                    cells[:index] + [match.group(1), match.group(2)] + cells[index + 1 :],
                    "tách ghi chú ra khỏi ô liền trước",
                )
            )
    return options


def _pad_options(cells: list[str], size: int) -> list[tuple[list[str], str]]:
    missing = size - len(cells)
    if missing <= 0 or missing > 2:
        return []
    options = []
    for positions in combinations(range(1, size), missing):
        padded = list(cells)
        for position in positions:
            padded.insert(position, "")
        options.append((padded, "thêm ô trống cho cột bị mất"))
    return options


def _merge_options(cells: list[str], size: int) -> list[tuple[list[str], str]]:
    extra = len(cells) - size
    if extra <= 0:
        return []
    options = []
    deduplicated = [c for i, c in enumerate(cells) if i == 0 or c != cells[i - 1] or not c]
    if len(deduplicated) < len(cells):
        options.append((deduplicated, "bỏ ô bị lặp"))
    without_empty = [c for i, c in enumerate(cells) if c or i == 0]
    if len(without_empty) < len(cells):
        options.append((without_empty, "bỏ ô trống thừa"))
    if extra <= 2:
        for index in range(1, len(cells) - 1):
            merged = cells[:index] + [f"{cells[index]} {cells[index + 1]}".strip()] + cells[index + 2 :]
            options.append((merged, "gộp hai ô bị tách"))
    return options


def _repair(cells: list[str], roles: list[str]) -> tuple[list[str], list[str], float]:
    """The best reading of ``cells`` as ``roles``, searching a few repairs deep."""
    size = len(roles)
    best_cells, best_notes = None, []
    best_score = float("-inf")
    frontier: list[tuple[list[str], list[str]]] = [(cells, [])]
    seen: set[tuple[str, ...]] = set()
    # No reading scores above every cell at its best less its repairs: once the
    # best so far reaches that for the current depth, no other reading of this
    # depth or deeper can beat it (a reading wins only with a higher score).
    ceiling = sum(_BEST_FITNESS.get(role, _OTHER_BEST_FITNESS) for role in roles)
    for depth in range(3):
        if best_score >= ceiling - _OPERATION_COST * depth + _MARGIN:
            break
        following: list[tuple[list[str], list[str]]] = []
        for candidate, notes in frontier:
            key = tuple(candidate)
            if key in seen:
                continue
            seen.add(key)
            if len(candidate) <= size and all(not c for c in candidate[size:]):
                padded = candidate + [""] * (size - len(candidate))
                score = _score(padded, roles) - _OPERATION_COST * len(notes)
                if score > best_score:
                    best_cells, best_notes, best_score = padded, notes, score
                    if best_score >= ceiling - _OPERATION_COST * depth + _MARGIN:
                        break
            if depth == 2:
                continue
            options = _split_options(candidate, roles)
            if len(candidate) < size:
                options += _pad_options(candidate, size)
            elif len(candidate) > size:
                options += _merge_options(candidate, size)
            following.extend((cells_, notes + [note]) for cells_, note in options)
        frontier = following
    if best_cells is None:
        # Far more cells than columns: keep the columns, put the rest in the last one.
        merged = cells[: size - 1] + [" ".join(c for c in cells[size - 1 :] if c)]
        return merged, ["gộp các ô thừa vào cột cuối"], _score(merged, roles) - _OPERATION_COST
    return best_cells, best_notes, best_score


def align(
    cells: tuple[str, ...], columns: list[str | None], labels: list[str | None] | None = None
) -> Alignment:
    """Read one table row against its header's column roles.

    ``labels`` name the columns that share a role under a two-row header
    ("Phía Việt Nam" | "Phía đối tác" under "Kinh phí"): their cells are
    joined as "Phía Việt Nam: …; Phía đối tác: …".
    """
    values = _trim(cells)
    named, plain, anchors = _header_plan(tuple(columns), tuple(labels) if labels else ())
    # 1. As printed.
    printed: dict[str, str]
    extra: list[str]
    if plain:
        # Every role once, no labels: each named column's cell as it is (the loop below, in C).
        printed = {role: cell for role, cell in zip(columns, values, strict=False) if role}
        extra = [cell for role, cell in zip(columns, values, strict=False) if not role and cell]
        if len(values) > len(columns):
            extra += filter(None, values[len(columns) :])
    else:
        printed = {}
        extra = []
        labelled: dict[str, list[str]] = {}
        for index, cell in enumerate(values):
            role = columns[index] if index < len(columns) else None
            if role:
                label = labels[index] if labels and index < len(labels) else None
                if label:
                    if cell:
                        labelled.setdefault(role, []).append(f"{label}: {cell}")
                    printed.setdefault(role, "")
                else:
                    printed[role] = f"{printed[role]} {cell}".strip() if role in printed else cell
            elif cell:
                extra.append(cell)
        for role, parts in labelled.items():
            printed[role] = "; ".join(filter(None, [printed[role], *parts]))
    if not extra and _anchors_fit(anchors, printed):
        return Alignment(values=printed)
    printed_cells = [printed.get(role, "") for role in named]
    printed_score = _score(printed_cells, named) - 1.0 * len(extra)
    # 2. Repaired: the best of a few readings of the named columns.
    repaired, notes, score = _repair(values, named)
    if score > printed_score + 0.5:
        alignment = Alignment(values=dict(zip(named, repaired, strict=True)), repairs=notes)
        alignment.changed = [
            role
            for role in dict.fromkeys(named)
            if clean(alignment.values[role]) != clean(printed.get(role, ""))
        ]
        return alignment
    alignment = Alignment(values=printed, extra=extra)
    if extra:
        alignment.repairs.append("hàng có nhiều ô hơn tiêu đề bảng")
    return alignment


_ANCHORS = frozenset({"period", "people", "duration", "tt"})


@lru_cache(maxsize=1024)
def _header_plan(
    columns: tuple[str | None, ...], labels: tuple[str | None, ...]
) -> tuple[tuple[str, ...], bool, tuple[str, ...]]:
    """What `align` needs of a table's header, worked out once per header.

    The named roles in column order; whether every role names one column and
    no column is labelled (cells then map one to one); the anchor roles.
    """
    named = tuple(role for role in columns if role)
    plain = not any(labels) and len(set(named)) == len(named)
    anchors = tuple(dict.fromkeys(role for role in named if role in _ANCHORS))
    return named, plain, anchors


def _anchors_fit(anchors: tuple[str, ...], printed: dict[str, str]) -> bool:
    """A row as printed is taken at once when no anchor column is off.

    Periods, counts and row numbers have unmistakable shapes; when each sits
    in its own column the row is not shifted.
    """
    for role in anchors:
        cell = printed.get(role, "")
        if cell and fitness(role, cell) < 0:
            return False
    return True
