"""``doingoai extract FILE... [--format jsonl|json|csv] [--records KIND] [--review]``: read plan documents.

Prints their records; needs no database (the reader is a plain Python
package). A CSV never carries a cell a spreadsheet would run as a formula.
"""

from __future__ import annotations

import csv
import io
import json
import sys

from doingoai.labels import field_label
from doingoai.spreadsheet import safe_cell

RECORD_KINDS = ("delegations", "agreements", "documents", "all")


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
        help="loại bản ghi cần in (mặc định: delegations)",
    )
    parser.add_argument(
        "--review", action="store_true", help="chỉ liệt kê các hàng cần cán bộ xem lại, kèm lý do"
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
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
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


def run_extract(args) -> int:
    from doingoai.extraction import ExtractionError, extract_path

    failed = 0
    collected: list[dict] = []
    out = sys.stdout
    for path in args.files:
        try:
            result = extract_path(path)
        except ExtractionError as error:
            failed += 1
            print(f"doingoai: {path}: {error.message}", file=sys.stderr)
            continue
        except Exception as error:  # noqa: BLE001 - one bad file must not stop the others
            failed += 1
            print(
                f"doingoai: {path}: lỗi không mong đợi khi đọc tệp ({type(error).__name__}).", file=sys.stderr
            )
            continue
        if args.review:
            write_review(result, out)
        elif args.format == "jsonl":
            write_records(result.records(args.records), "jsonl", out)
        else:
            collected.extend(result.records(args.records))
    if not args.review and args.format != "jsonl":
        write_records(collected, args.format, out)
    if failed:
        print(f"doingoai: {failed}/{len(args.files)} tệp không đọc được.", file=sys.stderr)
    return 1 if failed else 0
