"""The yearly list of a province's international agreements, for the ministry (due 15 November).

Three parts, as the office reports them: the agreements signed in the year;
those the year's plan expected that were not signed (postponed, cancelled,
still planned); those signed before and still binding during the year. Each
row says who proposed it and in whose name it was signed, the kind, the
foreign party and country, the day signed, until when it binds, its state,
and, for one signed in a department's name, the report owed within 15 days
of signing (Nghị định 64/2021/NĐ-CP, Điều 5 khoản 6). Written to Word (the
report's letterhead and page, ``blocks``) and to Excel (one sheet, the
header repeated on every printed page).
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from doingoai.accounts.scoping import scope
from doingoai.agreements.models import Agreement
from doingoai.core.parsing import countries_text
from doingoai.documents import page
from doingoai.documents.appendix_xlsx import BOX, MM_PER_CHARACTER
from doingoai.documents.blocks import Heading, Letterhead, Table, Text, Title, clean, to_docx

#: the columns: header and width in mm (the Word table fills the 165 mm of a portrait page)
COLUMNS = (
    ("TT", 10),
    ("Tên thỏa thuận", 33),
    ("Cơ quan đề xuất / danh nghĩa ký", 22),
    ("Loại văn bản", 14),
    ("Đối tác nước ngoài (nước)", 22),
    ("Ngày ký", 20.5),
    ("Hiệu lực đến", 20.5),
    ("Tình trạng, báo cáo sau khi ký", 23),
)

#: the formats the list is written in, with their content types
FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass
class Part:
    heading: str
    agreements: list[Agreement] = field(default_factory=list)


@dataclass
class AgreementList:
    province: object
    year: int
    day: datetime.date
    parts: list[Part]

    @property
    def title(self) -> str:
        return f"Danh mục thỏa thuận quốc tế năm {self.year} của {_province_label(self.province)}"

    @property
    def count(self) -> int:
        return sum(len(part.agreements) for part in self.parts)

    def filename(self, extension: str) -> str:
        """ "thoa-thuan-quoc-te-thai-nguyen-2026.docx": ASCII, safe in every browser."""
        return f"thoa-thuan-quoc-te-{self.province.code}-{self.year}.{extension}"


def _province_label(province) -> str:
    from doingoai.extraction.normalize.text import fold

    name = clean(province.name)
    return name if fold(name).startswith(("tinh ", "thanh pho ")) else f"tỉnh {name}"


def agreement_list(user, province, year: int, *, today: datetime.date | None = None) -> AgreementList:
    """The agreements of ``province`` for ``year`` that ``user`` may see, in the list's three parts."""
    agreements = (
        scope(Agreement.objects.all(), user)
        .filter(province=province)
        .select_related("owner", "partner")
        .order_by("signed_on", "tt", "id")
    )
    signed = list(agreements.filter(signed_on__year=year))
    expected = list(agreements.filter(year=year, signed_on__isnull=True).order_by("tt", "id"))
    first_day = datetime.date(year, 1, 1)
    binding = list(
        agreements.filter(
            signed_on__lt=first_day, status__in=(*Agreement.BINDING_STATES, "expired", "renewed")
        )
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=first_day))
        .exclude(status__in=("expired", "renewed"), expires_on__isnull=True)
    )
    return AgreementList(
        province=province,
        year=year,
        day=today or timezone.localdate(),
        parts=[
            Part(f"I. THỎA THUẬN QUỐC TẾ ĐÃ KÝ TRONG NĂM {year}", signed),
            Part(f"II. THỎA THUẬN DỰ KIẾN KÝ TRONG NĂM {year} NHƯNG CHƯA KÝ", expected),
            Part(f"III. THỎA THUẬN KÝ TỪ CÁC NĂM TRƯỚC CÒN HIỆU LỰC TRONG NĂM {year}", binding),
        ],
    )


# --------------------------------------------------------------------------- the cells


def _day(value) -> str:
    return f"{value:%d/%m/%Y}" if value else ""


def _expected(agreement: Agreement) -> str:
    start, end = agreement.period_start, agreement.period_end
    if not start:
        return ""
    if end and end != start:
        return f"dự kiến {start:%m/%Y} – {end:%m/%Y}"
    return f"dự kiến {start:%m/%Y}"


def _state(agreement: Agreement) -> str:
    parts = [agreement.get_status_display()]
    if agreement.signing_report_due_on:
        if agreement.signing_reported_on:
            number = f" (số {agreement.signing_report_number})" if agreement.signing_report_number else ""
            parts.append(f"đã báo cáo ngày {agreement.signing_reported_on:%d/%m/%Y}{number}")
        else:
            parts.append(f"chưa báo cáo (hạn {agreement.signing_report_due_on:%d/%m/%Y})")
    if agreement.renews_id:
        parts.append("gia hạn thỏa thuận trước")
    return "; ".join(parts)


def cells(agreement: Agreement, number: int) -> list[str]:
    """The row of ``agreement``, the ``number``-th of its part."""
    proposer = agreement.owner.name if agreement.owner_id else agreement.proposer
    capacity = agreement.signing_capacity
    who = proposer if not capacity or capacity == proposer else f"{proposer} / {capacity}".strip(" /")
    partner = agreement.partner_name or (agreement.partner.name if agreement.partner_id else "")
    countries = countries_text(agreement.countries)
    return [
        str(number),
        clean(agreement.title),
        clean(who),
        clean(agreement.kind),
        clean(f"{partner} ({countries})" if partner and countries else partner or countries),
        _day(agreement.signed_on) or _expected(agreement),
        _day(agreement.expires_on),
        _state(agreement),
    ]


# --------------------------------------------------------------------------- Word


def to_word(listing: AgreementList) -> bytes:
    blocks = [
        Letterhead(listing.province, number="BC-SNgV", day=listing.day),
        Title("BÁO CÁO"),
        Title(listing.title, size=13),
        Text(f"(Số liệu đến ngày {listing.day:%d/%m/%Y})", italic=True, align="center"),
    ]
    header = [name for name, _ in COLUMNS]
    widths = [width for _, width in COLUMNS]
    for part in listing.parts:
        blocks.append(Heading(f"{part.heading} ({len(part.agreements)})"))
        if part.agreements:
            rows = [cells(agreement, number) for number, agreement in enumerate(part.agreements, 1)]
            blocks.append(Table(header, rows, widths, numbers={0}, size=10))
        else:
            blocks.append(Text("Không có."))
    blocks.append(
        Text(
            "Ghi chú: thỏa thuận ký nhân danh sở, ban, ngành, địa phương được báo cáo Chủ tịch UBND tỉnh và "
            "Sở Ngoại vụ trong 15 ngày kể từ ngày ký (Nghị định 64/2021/NĐ-CP, Điều 5 khoản 6).",
            italic=True,
            size=12,
        )
    )
    return to_docx(blocks, title=listing.title)


# --------------------------------------------------------------------------- Excel

#: the sheet is printed landscape: its columns are wider than the Word table's
SCALE = 1.45


def to_excel(listing: AgreementList) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = f"Thỏa thuận {listing.year}"
    width = len(COLUMNS)
    last = get_column_letter(width)
    plain, bold = Font(name=page.FONT, size=11), Font(name=page.FONT, size=11, bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    lines = [
        (listing.title.upper(), Font(name=page.FONT, size=13, bold=True)),
        (f"(Số liệu đến ngày {listing.day:%d/%m/%Y})", Font(name=page.FONT, size=11, italic=True)),
    ]
    for row, (text, font) in enumerate(lines, 1):
        sheet.cell(row=row, column=1, value=text).font = font
        sheet.cell(row=row, column=1).alignment = Alignment(horizontal="center", wrap_text=True)
        sheet.merge_cells(f"A{row}:{last}{row}")
    header_row = 4
    for column, (name, mm) in enumerate(COLUMNS, 1):
        cell = sheet.cell(row=header_row, column=column, value=name)
        cell.font, cell.border = bold, BOX
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        sheet.column_dimensions[get_column_letter(column)].width = round(mm * SCALE / MM_PER_CHARACTER, 1)
    row = header_row
    for part in listing.parts:
        row += 1
        sheet.cell(row=row, column=1, value=f"{part.heading} ({len(part.agreements)})").font = bold
        sheet.merge_cells(f"A{row}:{last}{row}")
        for number, agreement in enumerate(part.agreements, 1):
            row += 1
            for column, value in enumerate(cells(agreement, number), 1):
                cell = sheet.cell(row=row, column=column, value=number if column == 1 else value)
                cell.font, cell.border, cell.alignment = plain, BOX, wrap
        if not part.agreements:
            row += 1
            sheet.cell(row=row, column=2, value="Không có.").font = plain
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    book.properties.title = listing.title
    book.properties.creator = "Sở Ngoại vụ"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write(listing: AgreementList, file_format: str) -> bytes:
    return to_word(listing) if file_format == "docx" else to_excel(listing)
