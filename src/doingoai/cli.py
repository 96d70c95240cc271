"""The ``doingoai`` command line.

    doingoai extract FILE... [--format jsonl|json|csv] [--records KIND] [--review]

reads plan documents and prints their records; other subcommands (the web
application's) are added beside it:

    doingoai demo [--no-serve] [--addrport 127.0.0.1:8000]   the demo, sample plans loaded
    doingoai manage COMMAND ...                              Django's management commands
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Sequence

RECORD_KINDS = ("delegations", "agreements", "documents", "all")


def _extract_parser(subparsers) -> None:
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
        writer.writerow(columns)
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
            out.write(f"     • [{item['field']}] {item['reason']}\n")


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


def _demo_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="chuẩn bị hệ thống thử nghiệm với 5 văn bản mẫu và chạy máy chủ tại http://127.0.0.1:8000",
        description="Cập nhật cơ sở dữ liệu, tạo tỉnh, đơn vị, tài khoản thử nghiệm, nhập các văn bản mẫu, "
        "rồi chạy máy chủ. Chạy lại nhiều lần không tạo dữ liệu trùng.",
    )
    parser.add_argument("--no-serve", action="store_true", help="chỉ chuẩn bị dữ liệu, không chạy máy chủ")
    parser.add_argument(
        "--addrport", default="127.0.0.1:8000", help="địa chỉ và cổng của máy chủ (mặc định 127.0.0.1:8000)"
    )
    parser.add_argument("--samples", default=None, help="thư mục văn bản mẫu (mặc định samples/plans)")
    parser.set_defaults(handler=run_demo)


def run_demo(args) -> int:
    """The web application's demo, through Django's management command of the same name."""
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doingoai.settings")
    import django
    from django.conf import settings
    from django.core.management import call_command

    settings.DATA_DIR.mkdir(parents=True, exist_ok=True)  # SQLite's file lives there
    django.setup()
    options = ["--addrport", args.addrport]
    if args.no_serve:
        options.append("--no-serve")
    if args.samples:
        options += ["--samples", args.samples]
    call_command("demo", *options)
    return 0


def _manage_parser(subparsers) -> None:
    subparsers.add_parser(
        "manage",
        add_help=False,
        help="các lệnh quản trị của Django (migrate, createsuperuser, runserver…): doingoai manage help",
    )


def run_manage(argv: Sequence[str]) -> int:
    """``doingoai manage ARGS`` is ``python -m doingoai.manage ARGS``: Django's commands, all of them."""
    from doingoai.manage import main as manage_main

    manage_main(list(argv))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="doingoai",
        description="doingoai — hệ thống quản lý công tác đối ngoại của tỉnh.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="LỆNH")
    _extract_parser(subparsers)
    _demo_parser(subparsers)
    _manage_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["manage"]:  # everything after "manage" is Django's, options included
        return run_manage(arguments[1:])
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
