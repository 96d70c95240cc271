"""How fast the plan's appendix tables are written: 2,000 delegations in Word and in Excel.

Builds 2,000 different delegations in memory (units, leaders, countries,
partners, months, people, funding drawn from the forms' vocabulary, like
``import_plan.py``), groups them as the department-level table does (by
unit), and times, for each format, writing the file beside reading the same
file back with the system's own reader (which must give the 2,000 records).
The target: each write under 2 s.

    uv run python benchmarks/export_appendix.py [--rows 2000] [--runs 3]
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "src"))

from import_plan import FUNDING, LEADERS, PLACES, UNITS  # noqa: E402  (the same vocabulary)


def delegations(count: int, seed: int = 11):
    from doingoai.delegations.models import Delegation
    from doingoai.extraction.normalize.places import resolve_countries
    from doingoai.organization.models import Province, Unit

    rng = random.Random(seed)
    province = Province(name="Thái Nguyên", code="thai-nguyen")
    units = [Unit(pk=index + 1, name=name, province=province) for index, name in enumerate(UNITS)]
    rows = []
    for index in range(count):
        country, locality = rng.choice(PLACES)
        unit = units[index % len(units)]
        month = rng.randint(1, 12)
        people = rng.randint(2, 25)
        rows.append(
            Delegation(
                pk=index + 1,
                province=province,
                owner=unit,
                direction="out",
                level="department",
                year=2027,
                status="approved",
                tt=str(index + 1),
                name=f"Đoàn {unit.name} làm việc tại {locality}, {country} (đợt {index + 1})",
                leader=f"{rng.choice(LEADERS)} {unit.name}",
                countries=list(resolve_countries(country).codes),
                partners=f"Chính quyền {locality}; các doanh nghiệp đối tác số {index}",
                activities=f"Trao đổi kinh nghiệm, ký kết hợp tác lần {index}",
                people_min=people,
                people_max=people,
                duration_min=rng.randint(3, 10),
                duration_max=None,
                period_start=datetime.date(2027, month, 1),
                period_end=datetime.date(2027, month, 1),
                funding=rng.choice(FUNDING),
                notes="",
            )
        )
    for row in rows:
        row.duration_max = row.duration_min
    return province, rows


def timed(function, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doingoai.settings_test")
    import django

    django.setup()
    from doingoai.documents import appendix
    from doingoai.extraction.pipeline import extract_bytes

    province, rows = delegations(args.rows)
    table = appendix.build(rows, province=province, year=2027, direction="out", level="department")
    print(f"Phụ lục {args.rows} đoàn, {len(table.groups)} đơn vị (trung vị của {args.runs} lần)")
    print(f"{'định dạng':10} {'ghi (giây)':>11} {'đọc lại (giây)':>15} {'đọc được':>9}  mục tiêu: ghi < 2 s")
    for file_format in ("docx", "xlsx"):
        write_time, data = timed(partial(appendix.write, [table], file_format), args.runs)
        read_time, result = timed(partial(extract_bytes, data, f"phu-luc.{file_format}"), args.runs)
        verdict = "ĐẠT" if write_time < 2 else "CHƯA ĐẠT"
        print(
            f"{file_format:10} {write_time:11.2f} {read_time:15.2f} {len(result.delegations):9}  {verdict}"
            f"  ({len(data) / 1e6:.1f} MB)"
        )


if __name__ == "__main__":
    main()
