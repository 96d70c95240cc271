"""How fast the reader is: table rows per second, start-up included.

Builds a corpus of a few thousand delegation rows by repeating the sample
plans, then runs ``doingoai extract`` on it in a fresh process (the way an
officer's import or a batch job runs it) and prints rows per second. The
target is at least 5,000 rows/s on one core of the project's machines.

    uv run python benchmarks/extract_rows.py [--copies 60] [--runs 3]
"""

from __future__ import annotations

import argparse
import resource
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


def build_corpus(directory: Path, copies: int, vary: bool = False) -> tuple[list[Path], int]:
    """``copies`` copies of every sample plan; returns the files and their row count."""
    files = []
    for copy in range(copies):
        for sample in sorted(SAMPLES.glob("*.txt")):
            target = directory / f"{copy:03d}_{sample.name}"
            text = sample.read_text("utf-8")
            target.write_text(_vary(text, copy) if vary else text, "utf-8")
            files.append(target)
    rows = sum(1 for path in files for line in path.read_text("utf-8").splitlines() if "\t" in line)
    return files, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=60, help="copies of the five samples")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--vary",
        action="store_true",
        help="make every copy's long cells differ, so that no cache sees a cell twice",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files, rows = build_corpus(Path(tmp), args.copies, args.vary)
        command = [sys.executable, "-m", "doingoai.cli", "extract", *map(str, files)]
        timings, cpu = [], []
        records = 0
        for _ in range(args.runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            result = subprocess.run(command, capture_output=True, check=True)
            timings.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
            records = len(result.stdout.splitlines())
        best, median = min(timings), statistics.median(timings)
        corpus = "varied copies" if args.vary else "the samples repeated"
        print(f"corpus: {corpus}; files: {len(files)}, table rows: {rows}, delegation records: {records}")
        print(f"time (process start-up included): best {best:.2f} s, median {median:.2f} s")
        print(f"rows/s: best {rows / best:,.0f}, median {rows / median:,.0f} (target ≥ 5,000)")
        cpu_median = statistics.median(cpu)
        print(
            f"CPU time of the process: median {cpu_median:.2f} s, "
            f"{rows / cpu_median:,.0f} rows per CPU-second (read this when the machine is loaded)"
        )


if __name__ == "__main__":
    main()
