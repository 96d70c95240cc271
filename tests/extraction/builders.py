"""Real Word and Excel files written from the seeds' tables, for the readers' tests.

A *table* here is ``{"title": [lines above the table], "rows": [[cell, ...], ...]}``,
its first row the header; cells are the seeds' text form (inline HTML kept).

* ``tables_from_text(path)`` splits a seed text file into such tables (a header
  physically repeated after a page break is folded back into one table);
  ``document_from_text(path)`` gives the whole seed in order, prose lines
  (``str``) between the tables, which both writers accept in place of tables;
  ``prose_from_text(path)`` gives its prose lines, Markdown marks removed.
* ``write_docx`` / ``write_xlsx`` write them as a person's document would be:
  ``<b>``, ``<i>``, ``<sup>`` become bold / italic / superscript runs, ``<li>``
  items and the seeds' ``<ul> - a - b`` cells become bulleted paragraphs
  (lines "- a" in Excel), whole numbers become numbers in Excel.
  With ``merge=True``:

  - a section / unit row is one merged cell: "I. Đoàn …" (text in the first
    cell only) spans the whole row; "1 | UBND huyện …" (a number, then a name)
    keeps its number cell and the name spans the rest of the row, or, with
    ``fuse_section_number=True``, becomes ONE cell "1 UBND huyện …" across the
    whole row;
  - consecutive data rows with the same non-empty value in a column are one
    vertically merged cell (``w:vMerge`` / a merged range);
  - Excel: each title line sits in a cell merged across the table's width.

  Word with ``repeat_header=True``: the header row is marked ``w:tblHeader``
  and the table is split in two Word tables, the header physically repeated
  at the top of the second, a page-break paragraph between (as converted
  documents have it). Excel: one sheet per table, or every table on one sheet
  with ``one_sheet=True`` (a blank row between tables).
* ``expected_rows(table, …)`` gives what a reader must return for a table
  written with the same options, as physical tables of normalised rows;
  ``normalise(cell)`` is the comparison's normal form of a cell.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

# --------------------------------------------------------------------------- seeds

_MARKDOWN = re.compile(r"~~|\*\*|__|(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w)|\\(?=[-*_#.])")
_TAG = re.compile(r"<[^>]*>")
_ATTACHED = re.compile(r"kèm|/KH|UBND", re.IGNORECASE)


def strip_markdown(line: str) -> str:
    """A prose line without Markdown marks (headings, bold, strike, escapes)."""
    line = re.sub(r"^\s*#{1,6}\s+", "", line)
    return _MARKDOWN.sub("", line).strip()


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(_TAG.sub(" ", text))).strip()


def _is_upper(text: str) -> bool:
    letters = [c for c in _plain(text) if c.isalpha()]
    return len(letters) >= 6 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _title_like(text: str) -> str | None:
    """The kind of title line: "appendix", "attached", "form", "upper" or None."""
    plain = _plain(text)
    if re.match(r"(?i)phụ lục\b", plain):
        return "appendix"
    if (plain.startswith("(") or plain.endswith(")")) and _ATTACHED.search(plain):
        return "attached"
    if re.fullmatch(r"(?i)mẫu\s*\d+\w*", plain):
        return "form"
    if _is_upper(plain):
        return "upper"
    return None


def _titles_above(lines: list[str], start: int) -> list[tuple[int, str]]:
    """The title lines just above line ``start`` (the table's header), with their index."""
    titles: list[tuple[int, str]] = []
    seen_upper = gap = False
    index = start - 1
    while index >= 0 and len(titles) < 6:
        raw = lines[index]
        here = index
        index -= 1
        if "\t" in raw:
            break
        text = strip_markdown(raw)
        if not text:
            gap = bool(titles)
            continue
        kind = _title_like(text)
        if kind == "appendix":
            titles.insert(0, (here, text))
            break
        if seen_upper:
            if kind == "upper" and not gap:
                titles.insert(0, (here, text))
                continue
            break
        if kind is None:
            break
        titles.insert(0, (here, text))
        seen_upper = kind == "upper"
        gap = False
    return titles


def tables_from_text(path: str | Path) -> list[dict]:
    """The seed's tables: title lines above each header and its tab-separated rows."""
    return [block for block in document_from_text(path) if isinstance(block, dict)]


def document_from_text(path: str | Path) -> list[str | dict]:
    """The whole seed in order: prose lines (``str``, Markdown removed) and tables.

    A table's title lines belong to it (not repeated as prose). Rows after a
    prose line that is not a title (a footnote, a page break) continue the
    table above; a header repeated inside a table is folded back.
    """
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    runs: list[tuple[int, list[list[str]]]] = []
    current: list[list[str]] | None = None
    for number, raw in enumerate(lines):
        if "\t" in raw:
            if current is None:
                current = []
                runs.append((number, current))
            current.append([cell.strip() for cell in raw.split("\t")])
        elif raw.strip():
            current = None
    anchored: list[tuple[int, str | dict]] = []
    used: set[int] = set()
    last: dict | None = None
    for start, rows in runs:
        titles = _titles_above(lines, start)
        if last is not None and not titles:
            last["rows"].extend(rows)  # goes on after a page break or a footnote
            continue
        last = {"title": [text for _, text in titles], "rows": rows}
        used.update(index for index, _ in titles)
        anchored.append((titles[0][0] if titles else start, last))
    for index, raw in enumerate(lines):
        if "\t" not in raw and index not in used and (text := strip_markdown(raw)):
            anchored.append((index, text))
    anchored.sort(key=lambda pair: pair[0])
    for _, block in anchored:
        if isinstance(block, dict):
            header = [normalise(c) for c in block["rows"][0]]
            block["rows"][1:] = [row for row in block["rows"][1:] if [normalise(c) for c in row] != header]
    return [block for _, block in anchored]


def prose_from_text(path: str | Path) -> list[str]:
    """The seed's non-empty prose lines (no tab), Markdown marks removed."""
    out = []
    for raw in Path(path).read_text(encoding="utf-8").splitlines():
        if "\t" not in raw and (text := strip_markdown(raw)):
            out.append(text)
    return out


# --------------------------------------------------------------------------- cells

Run = tuple[str, bool, bool, bool]  # text, bold, italic, superscript
_INLINE = re.compile(r"<(/?)(b|strong|i|em|sup)\b[^>]*>", re.IGNORECASE)
_LI = re.compile(r"<li\b[^>]*>(.*?)(?:</li>|(?=<li\b)|$)", re.IGNORECASE | re.DOTALL)
_UL = re.compile(r"</?ul\b[^>]*>", re.IGNORECASE)


def runs(text: str) -> list[Run]:
    """Inline HTML as formatted runs (unknown tags dropped, entities decoded)."""
    out: list[Run] = []
    depth = {"b": 0, "i": 0, "sup": 0}
    position = 0
    for match in _INLINE.finditer(text):
        if match.start() > position:
            chunk = html.unescape(_TAG.sub("", text[position : match.start()]))
            out.append((chunk, depth["b"] > 0, depth["i"] > 0, depth["sup"] > 0))
        tag = {"strong": "b", "em": "i"}.get(match.group(2).lower(), match.group(2).lower())
        depth[tag] = max(0, depth[tag] + (-1 if match.group(1) else 1))
        position = match.end()
    if position < len(text):
        chunk = html.unescape(_TAG.sub("", text[position:]))
        out.append((chunk, depth["b"] > 0, depth["i"] > 0, depth["sup"] > 0))
    return [r for r in out if r[0]]


def paragraphs(cell: str) -> list[tuple[bool, list[Run]]]:
    """A seed cell as paragraphs ``(is_list_item, runs)``."""
    if re.search(r"<li\b", cell, re.IGNORECASE):
        head = _UL.sub("", cell[: re.search(r"<li\b", cell, re.IGNORECASE).start()]).strip()
        out = [(False, runs(head))] if _plain(head) else []
        for match in _LI.finditer(cell):
            item = _UL.sub("", match.group(1)).strip()
            if _plain(item):
                out.append((True, runs(item)))
        return out
    if re.match(r"\s*<ul\b", cell, re.IGNORECASE):
        body = _UL.sub("", cell).strip()
        items = [item for item in re.split(r"(?:^|\s+)-\s+", body) if _plain(item)]
        return [(True, runs(item.strip())) for item in items]
    return [(False, runs(cell))] if _plain(cell) else []


_TAGS = "b|i|sup"


def normalise(cell: str) -> str:
    """A cell's comparable form: lists as "- item", tags tidied, whitespace collapsed."""
    text = _LI.sub(lambda m: f" - {m.group(1)} ", cell)
    text = _UL.sub(" ", text)
    text = re.sub(r"\s+", " ", text)
    for _ in range(3):
        text = re.sub(rf"<({_TAGS})>(\s+)", r"\2<\1>", text)  # spaces out of tags
        text = re.sub(rf"(\s+)</({_TAGS})>", r"</\2>\1", text)
        text = re.sub(rf"<({_TAGS})></\1>", "", text)  # empty tags
        text = re.sub(rf"</({_TAGS})>(\s*)<\1>", r"\2", text)  # adjacent same tags
    text = html.unescape(text)
    return re.sub(r"\s+", " ", text).strip()


def _row_kind(row: list[str], index: int) -> str:
    if index == 0:
        return "header"
    filled = [i for i, cell in enumerate(row) if _plain(cell)]
    if len(filled) >= 3 and all(_plain(row[i]).isdigit() for i in filled):
        return "numbers"
    if len(row) >= 3 and filled == [0]:
        return "section"
    if len(row) >= 4 and filled == [0, 1] and len(_plain(row[0])) <= 6:
        return "unit"
    return "data"


def _width(table: dict) -> int:
    return max(len(row) for row in table["rows"])


def _padded(table: dict) -> list[list[str]]:
    width = _width(table)
    return [row + [""] * (width - len(row)) for row in table["rows"]]


def _parts(rows: list[list[str]], repeat_header: bool) -> list[list[tuple[int, list[str]]]]:
    """Physical tables: (index in the logical table, cells) for each row."""
    indexed = list(enumerate(rows))
    body = indexed[1:]
    if not repeat_header or len(body) < 2:
        return [indexed]
    cut = 1 + len(body) // 2
    return [indexed[:cut], [indexed[0], *indexed[cut:]]]


def _vertical_runs(part: list[tuple[int, list[str]]], kinds: list[str]) -> dict[tuple[int, int], int]:
    """(position in part, column) → rows covered, for runs of equal data cells."""
    spans: dict[tuple[int, int], int] = {}
    if not part:
        return spans
    width = len(part[0][1])
    for column in range(width):
        position = 0
        while position < len(part):
            index, cells = part[position]
            value = cells[column]
            end = position + 1
            if kinds[index] == "data" and _plain(value):
                while end < len(part) and kinds[part[end][0]] == "data" and part[end][1][column] == value:
                    end += 1
            if end - position > 1:
                spans[(position, column)] = end - position
            position = end
    return spans


def expected_rows(
    table: dict,
    *,
    kind: str = "docx",
    merge: bool = True,
    repeat_header: bool = True,
    fuse_section_number: bool = False,
) -> list[list[list[str]]]:
    """What a reader returns for ``table`` written with these options.

    A list of physical tables (Word: two when the header is repeated; Excel:
    one), each a list of rows of normalised cells, trailing empty cells
    trimmed (Word rows keep every grid column; compare trimmed).
    """
    rows = _padded(table)
    kinds = [_row_kind(row, index) for index, row in enumerate(rows)]
    parts = _parts(rows, repeat_header and kind == "docx")
    out = []
    for part in parts:
        physical = []
        for index, cells in part:
            cells = [normalise(c) for c in cells]
            if merge and fuse_section_number and kinds[index] == "unit":
                cells = [normalise(f"{rows[index][0]} {rows[index][1]}")]
            while cells and not cells[-1]:
                cells.pop()
            if cells:
                physical.append(cells)
        out.append(physical)
    return out


# --------------------------------------------------------------------------- Word


def write_docx(
    path: str | Path,
    tables: list[dict | str],
    *,
    title_lines: list[str] | tuple[str, ...] = (),
    merge: bool = True,
    repeat_header: bool = True,
    fuse_section_number: bool = False,
) -> Path:
    """Write ``tables`` (and prose ``title_lines`` first) as a Word document.

    ``tables`` may mix prose lines (``str``, written as paragraphs) with
    tables, as ``document_from_text`` gives them.
    """
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    for block in [*title_lines, *tables]:
        if isinstance(block, str):
            _docx_paragraph(document.add_paragraph(), runs(block))
            continue
        for line in block["title"]:
            paragraph = document.add_paragraph()
            italic = line.startswith("(")
            _docx_paragraph(paragraph, [(t, b or not italic, i or italic, s) for t, b, i, s in runs(line)])
        rows = _padded(block)
        kinds = [_row_kind(row, index) for index, row in enumerate(rows)]
        parts = _parts(rows, repeat_header)
        for number, part in enumerate(parts):
            if number:
                document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            _docx_table(document, part, kinds, merge, repeat_header, fuse_section_number)
    path = Path(path)
    document.save(path)
    return path


def _docx_paragraph(paragraph, formatted: list[Run]) -> None:
    for text, bold, italic, sup in formatted:
        run = paragraph.add_run(text)
        if bold:
            run.bold = True
        if italic:
            run.italic = True
        if sup:
            run.font.superscript = True


def _docx_cell_content(cell, text: str) -> None:
    first = True
    for is_list, formatted in paragraphs(text):
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        if is_list:
            paragraph.style = "List Bullet"
        _docx_paragraph(paragraph, formatted)


def _docx_table(document, part, kinds, merge, repeat_header, fuse_section_number) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.table import _Cell

    width = len(part[0][1])
    table = document.add_table(rows=0, cols=width)
    table.style = "Table Grid"
    tbl = table._tbl
    vertical = _vertical_runs(part, kinds) if merge else {}
    covered: dict[int, int] = {}  # column → rows still covered by a vertical merge

    def add_tc(tr, span: int = 1, vmerge: str | None = None):
        tc = OxmlElement("w:tc")
        tcpr = OxmlElement("w:tcPr")
        if span > 1:
            grid_span = OxmlElement("w:gridSpan")
            grid_span.set(qn("w:val"), str(span))
            tcpr.append(grid_span)
        if vmerge:
            element = OxmlElement("w:vMerge")
            if vmerge == "restart":
                element.set(qn("w:val"), "restart")
            tcpr.append(element)
        tc.append(tcpr)
        tc.append(OxmlElement("w:p"))
        tr.append(tc)
        return _Cell(tc, table)

    for position, (index, cells) in enumerate(part):
        tr = OxmlElement("w:tr")
        tbl.append(tr)
        if kinds[index] == "header" and repeat_header:
            trpr = OxmlElement("w:trPr")
            trpr.append(OxmlElement("w:tblHeader"))
            tr.append(trpr)
        kind = kinds[index] if merge else "data"
        if kind == "section":
            _docx_cell_content(add_tc(tr, width), cells[0])
            continue
        if kind == "unit":
            if fuse_section_number:
                _docx_cell_content(add_tc(tr, width), f"{cells[0]} {cells[1]}")
            else:
                _docx_cell_content(add_tc(tr), cells[0])
                _docx_cell_content(add_tc(tr, width - 1), cells[1])
            continue
        for column, value in enumerate(cells):
            if covered.get(column, 0) > 0:
                covered[column] -= 1
                add_tc(tr, vmerge="continue")
                continue
            span = vertical.get((position, column), 1)
            if span > 1:
                covered[column] = span - 1
                _docx_cell_content(add_tc(tr, vmerge="restart"), value)
            else:
                _docx_cell_content(add_tc(tr), value)


# --------------------------------------------------------------------------- Excel


def write_xlsx(
    path: str | Path,
    tables: list[dict | str],
    *,
    title_lines: list[str] | tuple[str, ...] = (),
    merge: bool = True,
    one_sheet: bool = False,
    fuse_section_number: bool = False,
) -> Path:
    """Write ``tables`` as a workbook: one sheet per table, or all on one sheet.

    Prose lines (``str`` items, and ``title_lines`` first) are one cell each,
    merged across the table width, a blank row after a table before them.
    """
    import openpyxl

    blocks = [*title_lines, *tables]
    real = [block for block in blocks if isinstance(block, dict)]
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Văn bản" if one_sheet or not real else _sheet_name(real[0], 1, set())
    names = {sheet.title}
    row = 1
    width = _width(real[0]) if real else 1
    number = 0
    after_table = False
    for block in blocks:
        if isinstance(block, str):
            row += after_table  # a blank row ends the table above
            after_table = False
            _xlsx_title(sheet, row, width, block, merge)
            row += 1
            continue
        number += 1
        width = _width(block)
        if number > 1 and not one_sheet:
            sheet = workbook.create_sheet(_sheet_name(block, number, names))
            names.add(sheet.title)
            row = 1
        elif after_table:
            row += 1  # a blank row between tables
        row = _xlsx_table(sheet, row, block, merge, fuse_section_number)
        after_table = True
    path = Path(path)
    workbook.save(path)
    return path


def _sheet_name(table: dict, number: int, taken: set[str]) -> str:
    name = next((t for t in table["title"] if _title_like(t) == "appendix"), f"Bảng {number}")
    name = re.sub(r"[\[\]:*?/\\]", " ", _plain(name))[:28].strip() or f"Bảng {number}"
    candidate, suffix = name, 2
    while candidate in taken:
        candidate, suffix = f"{name} {suffix}", suffix + 1
    return candidate


def _xlsx_value(text: str):
    """A seed cell as (value, font) for openpyxl; rich text for mixed formatting."""
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont
    from openpyxl.styles import Font

    pieces: list[Run] = []
    for is_list, formatted in paragraphs(text):
        if pieces:
            pieces.append(("\n", False, False, False))
        if is_list:
            pieces.append(("- ", False, False, False))
        pieces.extend(formatted)
    visible = [p for p in pieces if p[0].strip()]
    if not visible:
        return None, None
    bold = all(p[1] for p in visible)
    italic = all(p[2] for p in visible)
    uniform = all((p[1] == bold and p[2] == italic and not p[3]) for p in visible)
    if uniform:
        value = "".join(p[0] for p in pieces).strip()
        if re.fullmatch(r"[1-9]\d{0,5}", value):
            value = int(value)
        return value, Font(bold=bold, italic=italic) if (bold or italic) else None
    blocks = []
    for piece, is_bold, is_italic, sup in pieces:
        if is_bold or is_italic or sup:
            font = InlineFont(b=is_bold or None, i=is_italic or None)
            if sup:
                font.vertAlign = "superscript"
            blocks.append(TextBlock(font, piece))
        else:
            blocks.append(piece)
    return CellRichText(blocks), None


def _xlsx_put(sheet, row: int, column: int, text: str) -> None:
    value, font = _xlsx_value(text)
    if value is None:
        return
    cell = sheet.cell(row=row, column=column, value=value)
    if font is not None:
        cell.font = font


def _xlsx_title(sheet, row: int, width: int, line: str, merge: bool) -> None:
    from openpyxl.styles import Font

    _xlsx_put(sheet, row, 1, line)
    cell = sheet.cell(row=row, column=1)
    if isinstance(cell.value, str):
        cell.font = Font(bold=True)
    if merge and width > 1:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)


def _xlsx_table(sheet, row: int, table: dict, merge: bool, fuse_section_number: bool) -> int:
    """Write the table from ``row``; return the first row after it."""
    rows = _padded(table)
    width = len(rows[0])
    for line in table["title"]:
        _xlsx_title(sheet, row, width, line, merge)
        row += 1
    kinds = [_row_kind(cells, index) for index, cells in enumerate(rows)]
    part = list(enumerate(rows))
    vertical = _vertical_runs(part, kinds) if merge else {}
    top = row
    for position, (index, cells) in enumerate(part):
        current = top + position
        kind = kinds[index] if merge else "data"
        if kind == "section":
            _xlsx_put(sheet, current, 1, cells[0])
            sheet.merge_cells(start_row=current, start_column=1, end_row=current, end_column=width)
            continue
        if kind == "unit":
            if fuse_section_number:
                _xlsx_put(sheet, current, 1, f"{cells[0]} {cells[1]}")
                sheet.merge_cells(start_row=current, start_column=1, end_row=current, end_column=width)
            else:
                _xlsx_put(sheet, current, 1, cells[0])
                _xlsx_put(sheet, current, 2, cells[1])
                sheet.merge_cells(start_row=current, start_column=2, end_row=current, end_column=width)
            continue
        for column, value in enumerate(cells):
            _xlsx_put(sheet, current, column + 1, value)
    for (position, column), span in vertical.items():
        first = top + position
        for covered in range(first + 1, first + span):
            sheet.cell(row=covered, column=column + 1).value = None
        sheet.merge_cells(
            start_row=first, start_column=column + 1, end_row=first + span - 1, end_column=column + 1
        )
    sheet.print_title_rows = f"{top}:{top}"
    return top + len(rows)
