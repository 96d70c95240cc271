"""How fast the reader is: table rows per second, start-up included.

Builds a corpus of a few thousand delegation rows by repeating the sample
plans, then runs ``doingoai extract`` on it in a fresh process (the way an
officer's import or a batch job runs it) and prints rows per second. The
target is at least 5,000 rows/s on one core of the project's machines.

    uv run python benchmarks/extract_rows.py [--copies 60] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "plans"


def _vary(text: str, copy: int) -> str:
    """Make each copy's cells differ, so no cache sees the same row twice."""
    lines = []
    for line in text.splitlines():
        if "\t" in line:
            cells = line.split("\t")
            cells = [f"{cell} ({copy})" if len(cell) > 25 else cell for cell in cells]
            line = "\t".join(cells)
        lines.append(line)
    return "\n".join(lines)


def build_corpus(directory: Path, copies: int) -> tuple[list[Path], int]:
    """``copies`` copies of every sample plan; returns the files and their row count."""
    files = []
    for copy in range(copies):
        for sample in sorted(SAMPLES.glob("*.txt")):
            target = directory / f"{copy:03d}_{sample.name}"
            target.write_text(_vary(sample.read_text("utf-8"), copy), "utf-8")
            files.append(target)
    rows = sum(
        1 for path in files for line in path.read_text("utf-8").splitlines() if "\t" in line
    )
    return files, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=60, help="copies of the five samples")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files, rows = build_corpus(Path(tmp), args.copies)
        command = [sys.executable, "-m", "doingoai.cli", "extract", *map(str, files)]
        timings = []
        records = 0
        for _ in range(args.runs):
            start = time.perf_counter()
            result = subprocess.run(command, capture_output=True, check=True)
            timings.append(time.perf_counter() - start)
            records = len(result.stdout.splitlines())
        best, median = min(timings), statistics.median(timings)
        print(f"files: {len(files)}, table rows: {rows}, delegation records: {records}")
        print(f"time (process start-up included): best {best:.2f} s, median {median:.2f} s")
        print(f"rows/s: best {rows / best:,.0f}, median {rows / median:,.0f} (target ≥ 5,000)")


if __name__ == "__main__":
    main()
