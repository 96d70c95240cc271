"""A table of more than a thousand rows: rows numbered 1000 and beyond are rows like the others."""

from __future__ import annotations

from benchmarks.import_plan import plan_xlsx
from doingoai.extraction import extract_bytes


def test_rows_numbered_past_999_are_read_whole():
    result = extract_bytes(plan_xlsx(1005), "ke-hoach-dai.xlsx")
    assert [record["tt"] for record in result.delegations] == [str(n) for n in range(1, 1006)]
    last = result.delegations[-1]
    assert last["name"].endswith("(đợt 1005)") and last["countries"] and last["period_start"]
    assert not any(record["review"] for record in result.delegations[995:])
