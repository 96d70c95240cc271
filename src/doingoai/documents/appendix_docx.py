"""An appendix table as a Word document: landscape A4, Times New Roman, as the plans are printed.

The title block (title, the "(Kèm theo …)" line), then one table: the header
row and the column-number row repeated on every page, the group rows (a
section, or a unit, bold across the whole width), the delegations' rows,
none split across two pages; the notes on the columns under it.

python-docx's cell API takes seconds for a table of 2,000 rows: the table is
written as WordprocessingML directly (one string, parsed once), the rest of
the document with python-docx.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.shared import Pt

from doingoai.documents import page
from doingoai.documents.appendix import Appendix

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
TWIPS_PER_MM = 1440 / 25.4
SIZE = int(page.TABLE_SIZE.pt * 2)  # half-points
BORDERS = "".join(
    f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    for side in ("top", "left", "bottom", "right", "insideH", "insideV")
)


def _paragraph(text: str, *, bold=False, italic=False, center=False, right=False) -> str:
    align = '<w:jc w:val="center"/>' if center else ('<w:jc w:val="right"/>' if right else "")
    style = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
    runs = []
    for index, line in enumerate(str(text).split("\n")):
        if index:
            runs.append("<w:r><w:br/></w:r>")
        runs.append(
            f'<w:r><w:rPr>{style}<w:sz w:val="{SIZE}"/><w:szCs w:val="{SIZE}"/></w:rPr>'
            f'<w:t xml:space="preserve">{escape(line)}</w:t></w:r>'
        )
    return f'<w:p><w:pPr><w:spacing w:before="20" w:after="20"/>{align}</w:pPr>{"".join(runs)}</w:p>'


def _cell(text: str, width: int, *, span: int = 1, **style) -> str:
    grid = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{grid}</w:tcPr>{_paragraph(text, **style)}</w:tc>'
    )


def _row(cells: str, *, header: bool = False) -> str:
    repeat = "<w:tblHeader/>" if header else ""
    return f"<w:tr><w:trPr><w:cantSplit/>{repeat}</w:trPr>{cells}</w:tr>"


def table_xml(appendix: Appendix) -> str:
    widths = [round(column.width * TWIPS_PER_MM) for column in appendix.columns]
    total = sum(widths)
    rows = [
        _row(
            "".join(
                _cell(c.header, w, bold=True, center=True)
                for c, w in zip(appendix.columns, widths, strict=True)
            ),
            header=True,
        ),
        _row(
            "".join(
                _cell("" if index == 0 else str(index), w, italic=True, center=True)
                for index, w in enumerate(widths)
            ),
            header=True,
        ),
    ]
    numbers = [column.number for column in appendix.columns]
    for group in appendix.groups:
        rows.append(
            _row(
                _cell(group.number, widths[0], bold=True)
                + _cell(group.heading, total - widths[0], span=len(widths) - 1, bold=True)
            )
        )
        if group.empty_text:
            rows.append(
                _row(_cell("1", widths[0]) + _cell(group.empty_text, total - widths[0], span=len(widths) - 1))
            )
        for values in group.rows:
            rows.append(
                _row(
                    "".join(
                        _cell(value, width, center=(index == 0), right=number)
                        for index, (value, width, number) in enumerate(
                            zip(values, widths, numbers, strict=True)
                        )
                    )
                )
            )
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)
    return (
        f'<w:tbl {W}><w:tblPr><w:tblW w:w="{total}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{BORDERS}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


def add_table(document, appendix: Appendix) -> None:
    """The title block, the table and its notes, at the end of ``document``."""
    for text, size in ((appendix.title, 14), (appendix.attached, 13)):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.font.size = Pt(size)
        run.bold = text is appendix.title
        run.italic = text is appendix.attached
    document.add_paragraph()
    anchor = document.add_paragraph()  # the table goes before it: the notes follow the table
    anchor._p.addprevious(parse_xml(table_xml(appendix)))
    note = anchor.add_run("Ghi chú:")
    note.bold = True
    note.font.size = page.TABLE_SIZE
    for line in appendix.notes:
        run = document.add_paragraph().add_run(f"- {line}")
        run.italic = True
        run.font.size = page.TABLE_SIZE


def appendix_docx(*appendices: Appendix) -> bytes:
    """One Word document with each table (several: one after the other, each from a new page)."""
    document = Document()
    page.set_up(document, landscape=True)
    for index, appendix in enumerate(appendices):
        if index:
            document.add_page_break()
        add_table(document, appendix)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
