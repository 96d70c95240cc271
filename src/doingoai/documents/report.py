"""The execution report as an office sends it: Word and PDF, from ``reports.selectors.execution_report``.

What the report's page shows, in the order of a written report: the
letterhead, the title, the figures of each group (delegations and rows of
the plan), people and days planned and actual, the reports after the trips;
three charts (per quarter, the ten countries, the ten units); the tables by
level, unit and country; the delegations of each group.
"""

from __future__ import annotations

from django.utils import timezone

from doingoai.documents import charts
from doingoai.documents.blocks import Heading, Letterhead, Picture, Table, Text, Title, to_docx, to_pdf
from doingoai.reports.selectors import BREAKDOWN_GROUPS, GROUPS, REPORT_STATES

BREAKDOWN_WIDTHS = [45] + [20] * len(BREAKDOWN_GROUPS)
LIST_WIDTHS = [10, 57, 32, 22, 22, 22]
NOTE = (
    "Ghi chú: một hàng của kế hoạch ghi nhiều đoàn được tính đủ số đoàn; đoàn phát sinh ngoài kế hoạch "
    "tính riêng, không cộng vào đoàn theo kế hoạch. Số người, số ngày thực tế lấy từ báo cáo sau chuyến "
    "đi, nếu chưa có thì từ ngày đi, ngày về hoặc số liệu kế hoạch."
)


def _number(value) -> str:
    """12 → "12", Decimal("7.5") → "7,5" (the Vietnamese decimal comma)."""
    text = f"{value.normalize():f}" if hasattr(value, "normalize") else str(value)
    return text.replace(".", ",")


def _figure(figure) -> str:
    """Delegations, and the rows of the plan when a row stands for several."""
    if figure.records != figure.delegations:
        return f"{figure.delegations} ({figure.records} hàng)"
    return str(figure.delegations)


def summary(report) -> str:
    totals = report.totals
    period = "6 tháng đầu năm" if report.half == 1 else "năm"
    return (
        f"Kế hoạch đoàn ra, đoàn vào {period} {report.year} đã được phê duyệt gồm "
        f"{totals['planned'].delegations} đoàn; đã thực hiện {totals['carried_out'].delegations} đoàn, "
        f"hoãn {totals['postponed'].delegations}, hủy {totals['cancelled'].delegations}, chưa thực hiện "
        f"{totals['pending'].delegations}. Có {totals['rejected'].delegations} đề xuất không đưa vào kế "
        f"hoạch; {totals['out_of_plan'].delegations} đoàn phát sinh ngoài kế hoạch "
        f"({totals['out_of_plan_carried_out'].delegations} đoàn đã thực hiện)."
    )


def _figures(report) -> list:
    return [
        Heading("I. KẾT QUẢ THỰC HIỆN"),
        Text(summary(report)),
        Heading("1. Số đoàn theo từng nhóm", level=2),
        Table(
            ["Nhóm", "Số đoàn", "Số hàng của kế hoạch"],
            [
                [label, str(report.totals[key].delegations), str(report.totals[key].records)]
                for key, label in GROUPS.items()
            ],
            [85, 40, 40],
            numbers={1, 2},
        ),
        Heading("2. Số người, số ngày", level=2),
        Table(
            ["", "Theo kế hoạch", "Thực tế"],
            [
                ["Số người", _number(report.people["planned"]), _number(report.people["actual"])],
                ["Số ngày", _number(report.days["planned"]), _number(report.days["actual"])],
            ],
            [85, 40, 40],
            numbers={1, 2},
        ),
        Heading("3. Báo cáo sau chuyến đi của các đoàn đã về", level=2),
        Table(
            ["Tình trạng", "Số đoàn"],
            [[label, str(len(report.reports.get(key, [])))] for key, label in REPORT_STATES.items()],
            [125, 40],
            numbers={1},
        ),
        Text(
            f"Báo cáo hạn nộp {report.province.report_due_days} ngày sau khi đoàn về.",
            italic=True,
            size=12,
        ),
    ]


def _charts(report) -> list:
    return [
        Heading("II. BIỂU ĐỒ"),
        Picture(charts.quarter_chart(report), "Biểu đồ 1. Số đoàn theo quý: theo kế hoạch và đã thực hiện"),
        Picture(charts.country_chart(report), f"Biểu đồ 2. {charts.TOP} nước có nhiều đoàn nhất"),
        Picture(charts.unit_chart(report), f"Biểu đồ 3. {charts.TOP} đơn vị có nhiều đoàn nhất"),
    ]


def _breakdown(title: str, rows) -> list:
    header = [""] + [GROUPS[group] for group in BREAKDOWN_GROUPS]
    if not rows:
        return [Heading(title, level=2), Text("Không có đoàn nào.")]
    return [
        Heading(title, level=2),
        Table(
            header,
            [[row.label] + [_figure(row.figures[group]) for group in BREAKDOWN_GROUPS] for row in rows],
            BREAKDOWN_WIDTHS,
            numbers=set(range(1, len(header))),
        ),
    ]


def _name(delegation) -> str:
    count = delegation.delegation_count or 1
    return f"{delegation.name} ({count} đoàn)" if count > 1 else delegation.name


def _lists(report) -> list:
    blocks: list = [Heading("IV. DANH SÁCH ĐOÀN")]
    for number, (key, label) in enumerate(GROUPS.items(), start=1):
        members = report.groups[key]
        blocks.append(Heading(f"{number}. {label} ({len(members)})", level=2))
        if not members:
            blocks.append(Text("Không có."))
            continue
        rows = [
            [
                str(index),
                _name(delegation),
                delegation.owner.name if delegation.owner_id else "",
                ", ".join(delegation.country_names),
                delegation.period_label,
                delegation.status_label,
            ]
            for index, delegation in enumerate(members, start=1)
        ]
        header = ["TT", "Tên đoàn", "Đơn vị", "Nước", "Thời gian", "Trạng thái"]
        blocks.append(Table(header, rows, LIST_WIDTHS, numbers={0}))
    return blocks


def subject(report) -> str:
    """What the report is about, under "BÁO CÁO": its title without the word "Báo cáo"."""
    title = report.title
    if title.lower().startswith("báo cáo "):
        title = title[len("báo cáo ") :]
    return title[:1].upper() + title[1:]


def report_blocks(report) -> list:
    today = timezone.localdate()
    return [
        Letterhead(report.province, number="BC-SNgV", day=today),
        Title("BÁO CÁO"),
        Title(subject(report), size=13),
        Text(f"(Số liệu đến ngày {today:%d/%m/%Y})", italic=True, align="center"),
        *_figures(report),
        *_charts(report),
        Heading("III. THEO CẤP, ĐƠN VỊ, NƯỚC"),
        *_breakdown("1. Theo cấp", report.by_level),
        *_breakdown("2. Theo đơn vị", report.by_unit),
        *_breakdown("3. Theo nước", report.by_country),
        *_lists(report),
        Text(NOTE, italic=True, size=12),
    ]


def report_docx(report) -> bytes:
    return to_docx(report_blocks(report), title=report.title)


def report_pdf(report) -> bytes:
    return to_pdf(report_blocks(report), title=report.title)


def report_filename(report, extension: str) -> str:
    """ "bao-cao-thuc-hien-thai-nguyen-2026.docx", "…-6-thang-2026.pdf": ASCII, safe in every browser."""
    half = "6-thang-" if report.half == 1 else ""
    return f"bao-cao-thuc-hien-{report.province.code}-{half}{report.year}.{extension}"


#: the formats the report is written in, with their content types
FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def write(report, file_format: str) -> bytes:
    return report_docx(report) if file_format == "docx" else report_pdf(report)
