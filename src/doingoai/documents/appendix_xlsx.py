"""An appendix table as an Excel workbook: the same columns and groups as the Word table.

One sheet per table: the title and the "(Kèm theo …)" line over the table,
the header and column-number rows frozen on screen and repeated on every
printed page, widths that fit the text, wrapped cells, figures as numbers,
landscape A4 fitted to the page's width, the notes under the table.
"""

from __future__ import annotations

import io
import re

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from doingoai.documents import page
from doingoai.documents.appendix import Appendix

FONT = page.FONT
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(wrap_text=True, vertical="top", horizontal="center")
RIGHT = Alignment(wrap_text=True, vertical="top", horizontal="right")
#: Excel's column width is in characters of the default font: about 1.9 mm each at 11 pt
MM_PER_CHARACTER = 1.9
WHOLE_NUMBER = re.compile(r"^\d{1,6}$")
DECIMAL = re.compile(r"^\d{1,6}\.\d+$")


def _figure(text: str):
    """ "10" → 10, "2.5" → 2.5; a range or a text stays as written."""
    if WHOLE_NUMBER.match(text):
        return int(text)
    if DECIMAL.match(text):
        return float(text)
    return text


def add_sheet(book: Workbook, appendix: Appendix, title: str) -> None:
    sheet = book.create_sheet(title=title[:31])
    width = len(appendix.columns)
    last = get_column_letter(width)
    plain, bold, italic = (
        Font(name=FONT, size=11),
        Font(name=FONT, size=11, bold=True),
        Font(name=FONT, size=11, italic=True),
    )
    sheet.append([appendix.title])
    sheet.append([appendix.attached])
    sheet.append([])
    for row, font in ((1, Font(name=FONT, size=13, bold=True)), (2, Font(name=FONT, size=12, italic=True))):
        sheet.merge_cells(f"A{row}:{last}{row}")
        cell = sheet.cell(row=row, column=1)
        cell.font, cell.alignment = font, Alignment(horizontal="center", wrap_text=True)
    sheet.append([column.header for column in appendix.columns])
    sheet.append(["", *(index for index in range(1, width))])
    for row in (4, 5):
        for cell in sheet[row]:
            cell.font, cell.alignment, cell.border = (bold if row == 4 else italic), CENTER, BOX
    numbers = [column.number for column in appendix.columns]
    aligned = [CENTER, *(RIGHT if number else WRAP for number in numbers[1:])]
    at = 5  # the row last written (``sheet.max_row`` scans every cell each time: slow on long tables)

    def spanning(values: list, font) -> None:
        nonlocal at
        sheet.append(values)
        at += 1
        sheet.merge_cells(start_row=at, start_column=2, end_row=at, end_column=width)
        for column in range(1, width + 1):
            cell = sheet.cell(row=at, column=column)
            cell.font, cell.alignment, cell.border = font, WRAP, BOX

    for group in appendix.groups:
        spanning([group.number, group.heading], bold)
        if group.empty_text:
            spanning(["1", group.empty_text], plain)
        for values in group.rows:
            sheet.append(
                [_figure(value) if number else value for value, number in zip(values, numbers, strict=True)]
            )
            at += 1
            for column in range(width):
                cell = sheet.cell(row=at, column=column + 1)
                cell.font, cell.border, cell.alignment = plain, BOX, aligned[column]
    sheet.append([])
    sheet.append(["Ghi chú:"])
    at += 2
    sheet.cell(row=at, column=1).font = bold
    for line in appendix.notes:
        sheet.append([f"- {line}"])
        at += 1
        sheet.cell(row=at, column=1).font = italic
    for index, column in enumerate(appendix.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = round(
            column.width / MM_PER_CHARACTER * 1.6, 1
        )
    sheet.freeze_panes = "A6"
    sheet.print_title_rows = "4:5"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_margins.left, sheet.page_margins.right = 30 / 25.4, 15 / 25.4
    sheet.page_margins.top = sheet.page_margins.bottom = 20 / 25.4


def appendix_xlsx(*appendices: Appendix) -> bytes:
    """One workbook, a sheet for each table ("Đoàn ra cấp tỉnh"…)."""
    book = Workbook()
    book.remove(book.active)
    for appendix in appendices:
        direction = "Đoàn ra" if appendix.direction == "out" else "Đoàn vào"
        level = "cấp tỉnh" if appendix.level == "province" else "cấp sở, ngành"
        add_sheet(book, appendix, f"{direction} {level}")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
