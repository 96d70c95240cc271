"""Repairing shifted rows: the search's early stop never changes the reading chosen."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from doingoai.extraction import align as align_module
from doingoai.extraction.align import _BEST_FITNESS, _OTHER_BEST_FITNESS, _repair, fitness
from doingoai.extraction.layout import interpret
from doingoai.extraction.pipeline import read_source
from tests.conftest import sample

ROLES = (
    *_BEST_FITNESS,
    "name",
    "leader",
    "members",
    "coordinating",
    "title",
    "partner",
)


def _sample_cells() -> list[str]:
    cells = []
    for number in ("000", "001", "002", "003", "004"):
        path = sample(number)
        for row in interpret(read_source(path.read_bytes(), path.name)):
            cells.extend(row.cells)
    return cells


CELLS = _sample_cells()


def test_the_search_ceiling_is_above_every_fitness_of_every_column():
    """``_repair`` stops once a reading reaches the best each column allows: that must be a true bound."""
    pieces = [
        "",
        "   ",
        "12",
        "3.1",
        "Lào",
        "Quý II/2025",
        "Tháng 5/2025",
        "5 người",
        "Ngân sách tỉnh",
        "x" * 300,
    ]
    for role in ROLES:
        best = _BEST_FITNESS.get(role, _OTHER_BEST_FITNESS)
        for cell in (*CELLS, *pieces):
            assert fitness(role, cell) <= best, (role, cell)


def _without_ceiling(cells, roles):
    saved = dict(align_module._BEST_FITNESS)
    try:
        align_module._BEST_FITNESS.update(dict.fromkeys(roles, 1e9))  # a ceiling never reached: full search
        return _repair(cells, roles)
    finally:
        align_module._BEST_FITNESS.clear()
        align_module._BEST_FITNESS.update(saved)


ROW_ROLES = ["tt", "name", "leader", "countries", "people", "duration", "period", "funding", "notes"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(CELLS or [""]), min_size=6, max_size=11))
def test_stopping_early_chooses_what_the_full_search_chooses(cells):
    assert _repair(list(cells), ROW_ROLES) == _without_ceiling(list(cells), ROW_ROLES)
