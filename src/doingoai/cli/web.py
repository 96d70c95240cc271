"""The web application's commands: the demo, Django's management commands, import, backup, restore.

Each sets up Django and runs the management command that does the work (the
same services as the pages), so that what the command line does is what an
officer's page would do.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence


def setup_django(*, debug: bool = False) -> None:
    """Django with the application's settings (from the environment); ``debug`` for the demo only."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doingoai.settings")
    if debug:
        os.environ.setdefault("DOINGOAI_DEBUG", "1")  # the demo runs on one machine, to try the system
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        from django.conf import settings

        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)  # SQLite's file lives there
        django.setup()
    except ImproperlyConfigured as error:
        print(f"doingoai: {error}", file=sys.stderr)
        raise SystemExit(2) from None


def add_parsers(subparsers) -> None:
    demo = subparsers.add_parser(
        "demo",
        help="chuẩn bị hệ thống thử nghiệm với 5 văn bản mẫu và chạy máy chủ tại http://127.0.0.1:8000",
        description="Cập nhật cơ sở dữ liệu, tạo tỉnh, đơn vị, tài khoản thử nghiệm, nhập các văn bản mẫu, "
        "đưa một số đoàn qua mọi trạng thái, rồi chạy máy chủ. Chạy lại nhiều lần không tạo dữ liệu trùng.",
    )
    demo.add_argument("--no-serve", action="store_true", help="chỉ chuẩn bị dữ liệu, không chạy máy chủ")
    demo.add_argument(
        "--addrport", default="127.0.0.1:8000", help="địa chỉ và cổng của máy chủ (mặc định 127.0.0.1:8000)"
    )
    demo.add_argument("--samples", default=None, help="thư mục văn bản mẫu (mặc định samples/plans)")
    demo.set_defaults(handler=run_demo)

    subparsers.add_parser(
        "manage",
        add_help=False,
        help="các lệnh quản trị của Django (migrate, createsuperuser, check…): doingoai manage help",
    )

    documents = subparsers.add_parser(
        "import",
        help="nhập văn bản kế hoạch vào hệ thống (như trang «Nhập văn bản»), in những gì thay đổi",
        description="Đọc từng tệp, so với dữ liệu đã có, in bản ghi mới, thay đổi, không đổi, không còn "
        "trong văn bản và các hàng cần xem lại. Chỉ lưu khi có --yes; mỗi tệp lưu trọn vẹn hoặc "
        "không lưu gì.",
    )
    documents.add_argument("files", nargs="+", metavar="TỆP", help="tệp .docx, .xlsx hoặc .txt")
    documents.add_argument(
        "--province", required=True, metavar="TỈNH", help="tỉnh của các văn bản (tên tỉnh)"
    )
    documents.add_argument(
        "--as",
        dest="as_user",
        metavar="TÊN_ĐĂNG_NHẬP",
        help="nhập với tư cách tài khoản này (mặc định: tài khoản quản trị hệ thống)",
    )
    documents.add_argument("--yes", action="store_true", help="lưu vào hệ thống (không có: chỉ xem trước)")
    documents.set_defaults(handler=run_import)

    backup = subparsers.add_parser(
        "backup",
        help="sao lưu cơ sở dữ liệu và các tệp đã lưu vào một tệp",
        description="Ghi cơ sở dữ liệu và các tệp đã lưu (văn bản kế hoạch, tệp đính kèm) vào một tệp "
        "lưu trữ.",
    )
    backup.add_argument(
        "-o", "--output", required=True, metavar="TỆP", help="tệp sao lưu sẽ ghi ra (.tar.gz)"
    )
    backup.set_defaults(handler=lambda args: run_command("backup", "--output", args.output))

    restore = subparsers.add_parser(
        "restore",
        help="khôi phục từ tệp sao lưu vào thư mục dữ liệu trống",
        description="Đưa cơ sở dữ liệu và các tệp đã lưu từ một tệp sao lưu trở lại. Thư mục dữ liệu (và "
        "cơ sở dữ liệu) phải còn trống: không ghi đè dữ liệu đang có.",
    )
    restore.add_argument("file", metavar="TỆP", help="tệp sao lưu do «doingoai backup» tạo ra")
    restore.set_defaults(handler=lambda args: run_command("restore", args.file))

    remind = subparsers.add_parser(
        "remind",
        help="gửi thư nhắc việc đến hạn (chạy hằng ngày bằng systemd timer hoặc cron)",
        description="Gửi thư nhắc hạn gửi đề xuất, hạn báo cáo sau chuyến đi, hộ chiếu chưa nộp lại và "
        "thư tổng hợp hằng tuần cho Sở Ngoại vụ; mỗi thư chỉ gửi một lần dù chạy bao nhiêu lần.",
    )
    remind.add_argument("--date", metavar="NGÀY", help="ngày coi là hôm nay, dd/mm/yyyy (mặc định: hôm nay)")
    add_export_parser(subparsers)
    remind.set_defaults(
        handler=lambda args: run_command("remind", *(["--date", args.date] if args.date else []))
    )


def add_export_parser(subparsers) -> None:
    export = subparsers.add_parser(
        "export",
        help="xuất văn bản: phụ lục kế hoạch (Word, Excel), báo cáo thực hiện, danh mục thỏa thuận quốc tế, "
        "tài liệu tóm tắt đoàn",
        description="Ghi văn bản từ dữ liệu hiện có (kể cả các sửa đổi của cán bộ), trong phạm vi tài khoản "
        "thực hiện được xem.",
    )
    kinds = export.add_subparsers(dest="kind", required=True, metavar="LOẠI")

    def common(parser, formats: tuple[str, ...]) -> None:
        parser.add_argument("--format", required=True, choices=formats, help="định dạng tệp")
        parser.add_argument("-o", "--output", required=True, metavar="TỆP", help="tệp sẽ ghi ra")
        parser.add_argument(
            "--as", dest="as_user", metavar="TÊN_ĐĂNG_NHẬP", help="tài khoản thực hiện (mặc định: quản trị)"
        )

    appendix = kinds.add_parser("appendix", help="bảng phụ lục kế hoạch đoàn ra (Mẫu 04), đoàn vào (Mẫu 05)")
    appendix.add_argument("--province", required=True, metavar="TỈNH", help="tên tỉnh")
    appendix.add_argument("--year", required=True, type=int, metavar="NĂM", help="năm kế hoạch")
    appendix.add_argument(
        "--direction", required=True, choices=("out", "in"), help="đoàn ra (out), đoàn vào (in)"
    )
    appendix.add_argument(
        "--level", required=True, choices=("province", "department"), help="cấp tỉnh, cấp sở ngành địa phương"
    )
    appendix.add_argument("--unit", metavar="ĐƠN_VỊ", help="chỉ các đoàn của đơn vị này (tên đơn vị)")
    appendix.add_argument(
        "--version",
        dest="plan_version",
        type=int,
        metavar="SỐ",
        help="theo phiên bản kế hoạch số này của năm",
    )
    common(appendix, ("docx", "xlsx"))
    appendix.set_defaults(handler=lambda args: run_export("exportappendix", args))

    report = kinds.add_parser("report", help="báo cáo kết quả thực hiện kế hoạch (6 tháng, cả năm)")
    report.add_argument("--province", required=True, metavar="TỈNH", help="tên tỉnh")
    report.add_argument("--year", required=True, type=int, metavar="NĂM", help="năm kế hoạch")
    report.add_argument("--half", type=int, choices=(1,), help="1: sáu tháng đầu năm (không có: cả năm)")
    common(report, ("docx", "pdf"))
    report.set_defaults(handler=lambda args: run_export("exportreport", args))

    agreements = kinds.add_parser(
        "agreements", help="danh mục thỏa thuận quốc tế của tỉnh trong năm (báo cáo Bộ Ngoại giao)"
    )
    agreements.add_argument("--province", required=True, metavar="TỈNH", help="tên tỉnh")
    agreements.add_argument("--year", required=True, type=int, metavar="NĂM", help="năm báo cáo")
    common(agreements, ("docx", "xlsx"))
    agreements.set_defaults(handler=lambda args: run_export("exportagreements", args))

    briefing = kinds.add_parser("briefing", help="tài liệu tóm tắt một đoàn cho lãnh đạo (một trang)")
    briefing.add_argument("--delegation", required=True, type=int, metavar="MÃ", help="mã (id) của đoàn")
    common(briefing, ("docx", "pdf"))
    briefing.set_defaults(handler=lambda args: run_export("exportbriefing", args))


def run_export(command: str, args) -> int:
    """``doingoai export KIND …`` → the management command ``export<KIND>`` with the same options."""
    options = []
    for name, value in vars(args).items():
        if name in ("command", "kind", "handler") or value is None:
            continue
        options += [f"--{name.replace('_', '-')}" if name != "as_user" else "--as", str(value)]
    return run_command(command, *options)


def run_demo(args) -> int:
    """The web application's demo, through Django's management command of the same name."""
    setup_django(debug=True)
    from django.core.management import call_command

    options = ["--addrport", args.addrport]
    if args.no_serve:
        options.append("--no-serve")
    if args.samples:
        options += ["--samples", args.samples]
    call_command("demo", *options)
    return 0


def run_import(args) -> int:
    options = [*args.files, "--province", args.province]
    if args.as_user:
        options += ["--as", args.as_user]
    if args.yes:
        options.append("--yes")
    return run_command("importdocuments", *options)


def run_command(name: str, *options: str) -> int:
    """A management command; its ``CommandError`` becomes one Vietnamese line and exit code 1."""
    setup_django()
    from django.core.management import call_command
    from django.core.management.base import CommandError

    try:
        result = call_command(name, *options)
    except CommandError as error:
        print(f"doingoai: {error}", file=sys.stderr)
        return 1
    return int(result or 0)


def run_manage(argv: Sequence[str]) -> int:
    """``doingoai manage ARGS`` is ``python -m doingoai.manage ARGS``: Django's commands, all of them."""
    setup_django()
    from doingoai.manage import main as manage_main

    manage_main(list(argv))
    return 0
