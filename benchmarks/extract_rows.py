"""How fast the reader is: table rows per second, start-up included.

Builds a corpus of a few thousand delegation rows by repeating the sample
plans (``--vary``: every copy's rows made different, so that no cache sees a
row twice), then runs ``doingoai extract`` on it in a fresh process (the way
a batch job runs it) and prints rows per second: once reading the files one
after the other in one process (``--jobs 1``, what one core does, and what
an import in the browser does with its one file), once with one process per
core (the command's default for a batch). The target is at least 5,000
rows/s. A first run, not counted, leaves the modules' bytecode compiled, as
an installed package has it.

    uv run python benchmarks/extract_rows.py [--vary] [--copies 60] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "plans"


_CLOSING = re.compile(r"^(.*?)((?:\s*</[a-zA-Z]+>)*)\s*$", re.DOTALL)
_WORDS = re.compile(r"[^\W\d_]{2,}(?:\s+[^\W\d_]+)+")


def _mark(cell: str, copy: int) -> str:
    """The cell with the copy's number before its closing tags: "<b>Sở Y tế (3)</b>"."""
    match = _CLOSING.match(cell)
    return f"{match.group(1)} ({copy}){match.group(2)}"


def _vary(text: str, copy: int) -> str:
    """Make each copy's rows differ, so no cache sees the same row twice.

    Every long cell gets the copy's number; a row with no long cell gets it in
    its longest cell of several words (a header, a unit or section row, a
    short data row). Rows without such a cell stay as they are, so that they
    keep their meaning: column-number rows ("1 2 3 …"), separator lines, empty
    rows of the form and rows that say only "Không".
    """
    lines = []
    for line in text.splitlines():
        if "\t" in line:
            cells = line.split("\t")
            varied = [_mark(cell, copy) if len(cell) > 25 else cell for cell in cells]
            if varied == cells:
                worded = [i for i, cell in enumerate(cells) if _WORDS.search(re.sub(r"<[^>]*>", "", cell))]
                if worded:
                    longest = max(worded, key=lambda i: len(cells[i]))
                    varied[longest] = _mark(cells[longest], copy)
            line = "\t".join(varied)
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


def distinct_rows(files: list[Path]) -> int:
    """How many different table rows the corpus holds."""
    return len({line for path in files for line in path.read_text("utf-8").splitlines() if "\t" in line})


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
        corpus = "varied copies" if args.vary else "the samples repeated"
        print(
            f"corpus: {corpus}; files: {len(files)}, table rows: {rows} ({distinct_rows(files)} different), "
            f"cores: {os.cpu_count()}"
        )
        for jobs in (1, 0):
            _measure(files, rows, jobs, args.runs)


def _measure(files: list[Path], rows: int, jobs: int, runs: int) -> None:
    """Run ``doingoai extract --jobs JOBS`` ``runs`` times; print its rows per second."""
    command = [sys.executable, "-m", "doingoai.cli", "extract", "--jobs", str(jobs), *map(str, files)]
    # as an installed package runs: its modules' bytecode compiled once (``uv sync`` does not, and
    # PYTHONDONTWRITEBYTECODE, set on some machines, would make every run compile them again)
    environment = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(command, capture_output=True, check=True, env=environment)  # the warm-up, not counted
    timings, cpu = [], []
    records = 0
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        result = subprocess.run(command, capture_output=True, check=True, env=environment)
        timings.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        records = len(result.stdout.splitlines())
    best, median = min(timings), statistics.median(timings)
    label = "one process (--jobs 1)" if jobs == 1 else f"one process per core (--jobs {os.cpu_count()})"
    cpu_median = statistics.median(cpu)
    print(f"== {label}: {records} delegation records")
    print(f"   time (process start-up included): best {best:.2f} s, median {median:.2f} s")
    print(f"   rows/s: best {rows / best:,.0f}, median {rows / median:,.0f} (target ≥ 5,000)")
    print(
        f"   CPU time: median {cpu_median:.2f} s, {rows / cpu_median:,.0f} rows per CPU-second "
        "(read this when the machine is loaded)"
    )


if __name__ == "__main__":
    main()
