"""Any list as CSV: the rows the filters chose, every page of them, for Excel to open.

UTF-8 with the byte-order mark Excel needs to read Vietnamese; the columns
of the list's table (their headers and their text, without the selection
box); every cell that a spreadsheet would run as a formula made text
(``doingoai.spreadsheet.safe_cell``). Streamed: a list of 200,000 rows does
not sit in memory.
"""

from __future__ import annotations

import csv
from html import unescape

from django.http import StreamingHttpResponse
from django.utils.html import strip_tags
from django.utils.text import slugify

from doingoai.extraction.normalize.text import fold
from doingoai.spreadsheet import safe_cell

BOM = "\ufeff"
#: the table columns a CSV leaves out: the selection box, the row's buttons
NOT_EXPORTED = ("pk", "select", "actions")


class _Echo:
    def write(self, value: str) -> str:
        return value


def _text(value) -> str:
    """A cell as text: the list's links and badges without their HTML, "—" (nothing) as empty."""
    text = unescape(strip_tags(str(value if value is not None else ""))).strip()
    return "" if text == "—" else text


def file_stem(title: str) -> str:
    """ "Đoàn ra, đoàn vào" → "doan-ra-doan-vao": a file name every system accepts."""
    return slugify(fold(title)) or "danh-sach"


def csv_response(table, filename: str) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())
    exclude = [name for name in NOT_EXPORTED if name in table.columns.names()]

    def lines():
        yield BOM
        for row in table.as_values(exclude_columns=exclude):
            yield writer.writerow([safe_cell(_text(value)) for value in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
