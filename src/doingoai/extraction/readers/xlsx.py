"""Excel workbooks (.xlsx): every visible sheet's used rows, in order.

openpyxl is used in normal (not read-only) mode, which is what exposes merged
ranges, with ``data_only=True`` (a formula gives its cached value; a file
written by a program that never computed it gives "") and ``rich_text=True``
(bold/italic stretches inside a cell).

* Each sheet's rows become ``Row`` items ("trang tính '<name>', hàng R", R the
  Excel row number; ``Row.table`` is the sheet's position in the workbook,
  from 1). Cells are text: integers without ".0", zero-padded when the number
  format says so ("00" → "05"), percentages with "%", dates dd/mm/yyyy (or
  m/yyyy when the format shows no day), None → "". Trailing empty cells are
  trimmed, fully empty rows skipped, and columns empty on the whole sheet at
  its left are dropped, so a table starting in column B reads like one
  starting in A.
* A row with exactly one non-empty cell becomes a ``Line`` when it stands
  above the sheet's first row with at least 3 non-empty cells (titles sit in
  merged cells above the table), and also after an empty row that ends a
  table, until the next row with at least 3 non-empty cells (the titles of a
  second table on the same sheet). Its text is split at line breaks.
* Merged ranges: horizontally the value stays in the first cell and the
  other columns give ""; a range spanning several rows (at or below the
  first table row) repeats its value in every row it covers, in its first
  column.
* A cell wholly bold is wrapped in ``<b>…</b>``, wholly italic in ``<i>…</i>``,
  rich-text stretches are tagged inline and superscript is ``<sup>…</sup>``;
  the characters ``&<>`` of the text are escaped as HTML entities.

Hidden and very hidden sheets (lists behind drop-downs, scratch data) are
skipped; chart sheets have no cells.
"""

from __future__ import annotations

import datetime as dt
import io
import re

from doingoai.extraction.document import Line, Row, SourceDocument
from doingoai.extraction.errors import ExtractionError
from doingoai.extraction.readers.docx import Segment, _inline, markup
from doingoai.extraction.readers.safety import check_zip

_WIDE = 3  # non-empty cells that make a row a table row
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')
_ZEROS = re.compile(r"^0+$")


def read_xlsx(data: bytes, name: str) -> SourceDocument:
    """Read every visible sheet of a workbook into Lines and Rows (see module doc)."""
    check_zip(data, name, kind="Excel")
    try:
        import openpyxl

        workbook = openpyxl.load_workbook(
            io.BytesIO(data), read_only=False, data_only=True, rich_text=True, keep_links=False
        )
        document = SourceDocument(name=name, format="xlsx")
        for number, sheet in enumerate(workbook.worksheets, 1):
            if sheet.sheet_state != "visible":
                continue
            _read_sheet(sheet, number, document)
        return document
    except ExtractionError:
        raise
    except Exception:  # any failure of openpyxl / the XML parsers on a broken file
        raise ExtractionError(
            f"Không đọc được tệp Excel {name}: tệp bị hỏng hoặc không đúng định dạng."
        ) from None


def _read_sheet(sheet, number: int, document: SourceDocument) -> None:
    from openpyxl.cell.cell import MergedCell

    # (row, column) → formatted segments of every non-empty cell; the sheet's
    # cell dictionary is walked directly: iter_rows would create every cell of
    # a used range that formatting may have stretched to a million rows.
    cells: dict[tuple[int, int], list[Segment]] = {}
    for (row, column), cell in list(sheet._cells.items()):
        if isinstance(cell, MergedCell) or cell.value is None:
            continue
        segments = _segments(cell)
        if any(text.strip() for text, *_ in segments):
            cells[(row, column)] = segments
    if not cells:
        return
    by_row: dict[int, dict[int, list[Segment]]] = {}
    for (row, column), segments in cells.items():
        by_row.setdefault(row, {})[column] = segments
    first_wide = next((row for row in sorted(by_row) if len(by_row[row]) >= _WIDE), None)
    if first_wide is not None:
        for merged in sheet.merged_cells.ranges:
            if merged.max_row == merged.min_row or merged.min_row < first_wide:
                continue
            value = cells.get((merged.min_row, merged.min_col))
            if value is None:
                continue
            for row in range(merged.min_row + 1, merged.max_row + 1):
                by_row.setdefault(row, {})[merged.min_col] = value
    first_column = min(column for columns in by_row.values() for column in columns)
    in_table = False
    title = sheet.title
    for row in sorted(by_row):
        columns = by_row[row]
        location = f"trang tính '{title}', hàng {row}"
        if len(columns) == 1 and not in_table:
            (segments,) = columns.values()
            for part in _inline(segments, bold=False, italic=False).split("\n"):
                part = part.strip()
                if part:
                    document.items.append(Line(text=part, location=location))
        else:
            last = max(columns)
            texts = [
                markup([columns[c]]).strip() if c in columns else "" for c in range(first_column, last + 1)
            ]
            document.items.append(Row(cells=tuple(texts), location=location, table=number))
            if len(columns) >= _WIDE:
                in_table = True
        if row + 1 not in by_row:
            in_table = False  # an empty row ends the table block


def _segments(cell) -> list[Segment]:
    """The cell's text as formatted segments (rich text keeps its stretches)."""
    from openpyxl.cell.rich_text import CellRichText

    font = cell.font
    bold = bool(font.b) if font is not None else False
    italic = bool(font.i) if font is not None else False
    sup = font is not None and font.vertAlign == "superscript"
    value = cell.value
    if isinstance(value, CellRichText):
        segments: list[Segment] = []
        for part in value:
            if isinstance(part, str):
                segments.append((part, bold, italic, sup))
            else:
                inline = part.font
                segments.append(
                    (
                        part.text or "",
                        bool(inline is not None and inline.b),
                        bool(inline is not None and inline.i),
                        bool(inline is not None and inline.vertAlign == "superscript"),
                    )
                )
        return segments
    return [(_text(value, cell.number_format or "General"), bold, italic, sup)]


def _text(value, number_format: str) -> str:
    """A cell value as the text a person sees."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return _date_text(value, number_format)
    if isinstance(value, int | float):
        plain = _QUOTED.sub("", number_format)
        if "%" in plain:
            return f"{value * 100:g}%"
        if isinstance(value, float):
            if not value.is_integer() or abs(value) >= 1e15:
                return repr(value)
            value = int(value)
        text = str(value)
        if _ZEROS.match(plain) and value >= 0:
            text = text.zfill(len(plain))
        return text
    return str(value)


def _date_text(value, number_format: str) -> str:
    plain = _QUOTED.sub("", number_format).lower()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if "d" not in plain and "y" in plain and "m" in plain:
        month = f"{value.month:02d}" if "mm" in plain else str(value.month)
        return f"{month}/{value.year}"
    text = value.strftime("%d/%m/") + f"{value.year:04d}"
    if isinstance(value, dt.datetime) and "h" in plain and (value.hour or value.minute):
        text += value.strftime(" %H:%M")
    return text
