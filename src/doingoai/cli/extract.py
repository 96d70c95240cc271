"""``doingoai extract FILE... [--format jsonl|json|csv] [--records KIND] [--review] [--jobs N]``.

Reads plan documents and prints their records; needs no database (the reader
is a plain Python package). A CSV never carries a cell a spreadsheet would
run as a formula. Several files are read by several processes at once (one
per core unless ``--jobs`` says otherwise), their output still in the order
the files were given.
"""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor

from doingoai.labels import field_label
from doingoai.spreadsheet import safe_cell

RECORD_KINDS = ("delegations", "agreements", "tasks", "documents", "all")
#: one record as one line of JSON (records are trees the reader built: no cycles to look for)
_JSON_LINE = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "extract",
        help="đọc văn bản kế hoạch và in các bản ghi (đoàn ra, đoàn vào, thỏa thuận, văn bản)",
        description="Đọc văn bản kế hoạch (.txt, .docx, .xlsx) và in các bản ghi.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="tệp cần đọc")
    parser.add_argument(
        "--format",
        choices=("jsonl", "json", "csv"),
        default="jsonl",
        help="định dạng đầu ra (mặc định: jsonl)",
    )
    parser.add_argument(
        "--records",
        choices=RECORD_KINDS,
        default="delegations",
        help="loại bản ghi cần in: đoàn, thỏa thuận, nhiệm vụ, văn bản hoặc tất cả (mặc định: delegations)",
    )
    parser.add_argument(
        "--review", action="store_true", help="chỉ liệt kê các hàng cần cán bộ xem lại, kèm lý do"
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=0,
        metavar="N",
        help="số tiến trình đọc song song (mặc định: bằng số lõi CPU; 1: đọc lần lượt)",
    )
    parser.set_defaults(handler=run_extract)


def _cell(value) -> str:
    return safe_cell(_text(value))


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(
            item.get("reason", json.dumps(item, ensure_ascii=False)) if isinstance(item, dict) else str(item)
            for item in value
        )
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def write_records(records: list[dict], fmt: str, out) -> None:
    """Print records as JSON lines, one JSON array, or CSV with a header row."""
    if fmt == "jsonl":
        out.write("".join([f"{_JSON_LINE(record)}\n" for record in records]))
    elif fmt == "json":
        json.dump(records, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        columns: dict[str, None] = {}
        for record in records:
            columns.update(dict.fromkeys(record))
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([safe_cell(column) for column in columns])
        for record in records:
            writer.writerow(_cell(record.get(column)) for column in columns)
        out.write(buffer.getvalue())


def write_review(result, out) -> None:
    """The rows an officer should look at, with the reasons, readable."""
    rows = [r for r in result.delegations + result.agreements if r["review"]]
    document = result.document
    out.write(
        f"== {result.name}: {len(result.delegations)} đoàn, "
        f"{len(result.agreements)} thỏa thuận, {len(rows)} hàng cần xem lại\n"
    )
    for item in document.get("review", []):
        out.write(f"   Văn bản: {item['reason']}\n")
    for record in rows:
        kind = (
            "Thỏa thuận"
            if record["record"] == "agreement"
            else ("Đoàn vào" if record.get("direction") == "in" else "Đoàn ra")
        )
        title = record.get("name") or record.get("title") or ""
        out.write(
            f"-- Bảng {record['table']}, TT {record['tt'] or '?'} "
            f"({record['source']['row']}) {kind}: {title[:70]}\n"
        )
        for item in record["review"]:
            out.write(f"     • [{field_label(item['field'])}] {item['reason']}\n")


#: below this many files a pool's start-up costs more than it saves
_FILES_FOR_A_POOL = 4
#: files handed to a worker at a time
_CHUNK = 4


def _jobs(args) -> int:
    """How many processes read the files: ``--jobs``, or one per core for a batch of files."""
    if args.jobs and args.jobs > 0:
        return min(args.jobs, len(args.files))
    if len(args.files) < _FILES_FOR_A_POOL:
        return 1
    return min(os.cpu_count() or 1, len(args.files))


def _read_one(path: str, fmt: str, kinds: str, review: bool) -> tuple[str | None, str, list[dict]]:
    """One file read: (its error message or None, its printed text, its records for --format json/csv).

    Runs in a worker process, so it returns text where it can: the
    records of JSON lines and the review list are written here, not
    sent back to be written.
    """
    from doingoai.extraction import ExtractionError, extract_path

    try:
        result = extract_path(path, tasks=kinds in ("tasks", "all"))  # read only what is asked for
    except ExtractionError as error:
        return error.message, "", []
    except Exception as error:  # noqa: BLE001 - one bad file must not stop the others
        return f"lỗi không mong đợi khi đọc tệp ({type(error).__name__}).", "", []
    out = io.StringIO()
    if review:
        write_review(result, out)
        return None, out.getvalue(), []
    if fmt == "jsonl":
        write_records(result.records(kinds), "jsonl", out)
        return None, out.getvalue(), []
    return None, "", result.records(kinds)


def _read_all(args):
    """Each file's outcome, in the order given, read by ``_jobs(args)`` processes."""
    jobs = _jobs(args)
    fixed = (args.format, args.records, args.review)
    if jobs == 1:
        for path in args.files:
            yield _read_one(path, *fixed)
        return
    # "fork" where there is one: the workers start with the reader and its tables already loaded.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    count = len(args.files)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        yield from pool.map(
            _read_one,
            args.files,
            *([value] * count for value in fixed),
            chunksize=max(1, min(_CHUNK, count // (jobs * 4))),
        )


def run_extract(args) -> int:
    import doingoai.extraction  # noqa: F401 - loaded once, before the workers are forked

    failed = 0
    collected: list[dict] = []
    out = sys.stdout
    for path, (error, text, records) in zip(args.files, _read_all(args), strict=True):
        if error is not None:
            failed += 1
            print(f"doingoai: {path}: {error}", file=sys.stderr)
            continue
        if text:
            out.write(text)
        collected.extend(records)
    if not args.review and args.format != "jsonl":
        write_records(collected, args.format, out)
    if failed:
        print(f"doingoai: {failed}/{len(args.files)} tệp không đọc được.", file=sys.stderr)
    return 1 if failed else 0
