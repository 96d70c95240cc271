"""A document as a list of blocks, written once to Word and once to PDF: the report's and the briefing's.

A writer describes what the document says (``Letterhead``, ``Title``,
``Heading``, ``Text``, ``Table``, ``Picture``); ``to_docx`` lays it out with
python-docx on the page of ``page.set_up`` (portrait A4, the decree's margins,
Times New Roman), ``to_pdf`` with fpdf2 on the same page, in the bundled
Liberation Serif, with the page numbers in the footer.

The letterhead is the one of a report of the foreign-affairs office (Nghị
định 30/2020/NĐ-CP, Phụ lục I): on the left the People's Committee and the
office, on the right the national title and motto, each underlined; below,
the document's number left blank for the clerk, and the place and date.
"""

from __future__ import annotations

import datetime
import io
import unicodedata
from dataclasses import dataclass, field

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace
from PIL import Image

from doingoai.documents import page
from doingoai.extraction.normalize.text import fold

#: the width text may take on a portrait A4 page, in mm (210 − 30 − 15)
TEXT_WIDTH = 165
BODY = 13
TABLE = 11
#: the centrally-run cities: their People's Committee is "UBND THÀNH PHỐ …"
CITIES = {"ha noi", "ho chi minh", "hai phong", "da nang", "can tho", "hue"}
HEADER_FILL = (230, 230, 230)


@dataclass
class Letterhead:
    """The header of an administrative document of the office of ``province``."""

    province: object
    #: the document's kind and issuer after the number ("BC-SNgV"); None: no number line
    number: str | None = None
    day: datetime.date | None = None


@dataclass
class Title:
    text: str
    size: int = 14


@dataclass
class Heading:
    """A section's heading ("I. …", level 1) or a part of it ("1. …", level 2), kept with what follows."""

    text: str
    level: int = 1


@dataclass
class Text:
    text: str
    bold: bool = False
    italic: bool = False
    align: str = "justify"  # left, center, right, justify
    size: int = BODY


@dataclass
class Table:
    """Rows of text; ``widths`` in mm; ``numbers``: the columns set right; no header: a key/value table."""

    header: list[str] | None
    rows: list[list[str]]
    widths: list[float]
    numbers: set[int] = field(default_factory=set)
    #: the first column printed bold (the labels of a key/value table)
    bold_first: bool = False
    size: int = TABLE


@dataclass
class Picture:
    png: bytes
    caption: str
    width: float = 160  # mm


# --------------------------------------------------------------------------- the words


#: control characters a Word file cannot hold (a vertical tab pasted from Word, a bell…), but the line breaks
CONTROL = dict.fromkeys(c for c in range(32) if chr(c) not in "\n\t")


def clean(text) -> str:
    """Text as the fonts want it: composed (NFC) Vietnamese letters, no control characters, never None."""
    return unicodedata.normalize("NFC", str(text or "")).translate(CONTROL)


def authority(province) -> str:
    """ "Thái Nguyên" → "UBND TỈNH THÁI NGUYÊN"; a centrally-run city → "UBND THÀNH PHỐ …"."""
    name = clean(province.name).strip()
    for prefix in ("tinh ", "thanh pho ", "tp. ", "tp "):
        if fold(name).startswith(prefix):
            name = name[len(prefix) :].strip()
            break
    kind = "THÀNH PHỐ" if fold(name) in CITIES else "TỈNH"
    return f"UBND {kind} {name.upper()}"


def place_and_date(province, day: datetime.date) -> str:
    """ "Thái Nguyên, ngày 05 tháng 02 năm 2026": days below 10 and months below 3 with a leading zero."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{clean(province.name)}, ngày {day.day:02d} tháng {month} năm {day.year}"


def _letterhead_lines(head: Letterhead) -> tuple[list, list]:
    """(left, right): lines as (text, bold, italic, underline after)."""
    day = head.day or datetime.date.today()
    left = [(authority(head.province), False, False, False), ("SỞ NGOẠI VỤ", True, False, True)]
    right = [
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, False, False),
        ("Độc lập - Tự do - Hạnh phúc", True, False, True),
    ]
    if head.number:
        left.append((f"Số:       /{head.number}", False, False, False))
    right.append((place_and_date(head.province, day), False, True, False))
    return left, right


LETTERHEAD_WIDTHS = (70, 95)  # mm, left and right


def _rule_width(column: float) -> float:
    """The rule under the office's name is a third of its column; under the motto, as long as the motto."""
    return 30 if column < 80 else 55


# --------------------------------------------------------------------------- Word

DOCX_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


def _run(paragraph, text: str, *, bold=False, italic=False, size=BODY):
    run = paragraph.add_run(clean(text))
    run.bold, run.italic, run.font.size = bold, italic, Pt(size)
    return run


def _underline(paragraph, width_mm: float, cell_mm: float) -> None:
    """A short rule under a centered line: a bottom border on a paragraph indented from both sides."""
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "auto")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)
    indent = Mm(max(cell_mm - width_mm, 0) / 2)
    paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = indent
    paragraph.paragraph_format.line_spacing = Pt(2)  # the rule right under the line above
    paragraph.paragraph_format.space_after = Pt(6)


def _docx_letterhead(document, head: Letterhead) -> None:
    table = document.add_table(rows=1, cols=2)
    table.autofit = False
    for column, width in zip(table.columns, LETTERHEAD_WIDTHS, strict=True):
        column.width = Mm(width)
    for cell, lines, width in zip(
        table.rows[0].cells, _letterhead_lines(head), LETTERHEAD_WIDTHS, strict=True
    ):
        cell.width = Mm(width)
        for number, (text, bold, italic, underline) in enumerate(lines):
            paragraph = cell.paragraphs[0] if number == 0 else cell.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _run(paragraph, text, bold=bold, italic=italic, size=12 if text.isupper() else BODY)
            if underline:  # a short rule under the office's name and under the motto
                _underline(cell.add_paragraph(), _rule_width(width), width)
    document.add_paragraph()


def _docx_table(document, block: Table) -> None:
    columns = len(block.widths)
    table = document.add_table(rows=0, cols=columns)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, block.widths, strict=True):
        column.width = Mm(width)
    rows = ([block.header] if block.header else []) + block.rows
    for number, values in enumerate(rows):
        heading = bool(block.header) and number == 0
        row = table.add_row()
        if heading:  # repeated at the top of every page
            flag = OxmlElement("w:tblHeader")
            flag.set(qn("w:val"), "true")
            row._tr.get_or_add_trPr().append(flag)
        for index, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
            cell.width = Mm(block.widths[index])
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(1)
            if heading:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            elif index in block.numbers:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            bold = heading or (block.bold_first and index == 0)
            _run(paragraph, value, bold=bold, size=block.size)
    document.add_paragraph()


def _docx_page_numbers(document) -> None:
    """The page's number centered in the footer (a PAGE field Word fills in)."""
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    run.font.size = Pt(10)
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == "PAGE":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = " PAGE "
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)


def to_docx(blocks: list, *, title: str = "") -> bytes:
    document = Document()
    page.set_up(document)
    _docx_page_numbers(document)
    document.core_properties.title = clean(title)
    document.core_properties.author = "Sở Ngoại vụ"
    for block in blocks:
        if isinstance(block, Letterhead):
            _docx_letterhead(document, block)
        elif isinstance(block, Title):
            paragraph = document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _run(paragraph, block.text, bold=True, size=block.size)
        elif isinstance(block, Heading):
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.space_before = Pt(6 if block.level == 1 else 3)
            paragraph.paragraph_format.space_after = Pt(3)
            paragraph.paragraph_format.keep_with_next = True
            _run(paragraph, block.text, bold=True)
        elif isinstance(block, Text):
            paragraph = document.add_paragraph()
            paragraph.alignment = DOCX_ALIGN[block.align]
            paragraph.paragraph_format.space_after = Pt(3)
            _run(paragraph, block.text, bold=block.bold, italic=block.italic, size=block.size)
        elif isinstance(block, Table):
            _docx_table(document, block)
        elif isinstance(block, Picture):
            paragraph = document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.keep_with_next = True
            paragraph.add_run().add_picture(io.BytesIO(block.png), width=Mm(block.width))
            caption = document.add_paragraph()
            caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
            caption.paragraph_format.space_after = Pt(9)
            _run(caption, block.caption, italic=True, size=12)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --------------------------------------------------------------------------- PDF

PDF_ALIGN = {"left": "L", "center": "C", "right": "R", "justify": "J"}


class _PDF(FPDF):
    """A4 portrait with the decree's margins, Liberation Serif, "Trang 2/5" in the footer."""

    def __init__(self, title: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        top, bottom = (page.MARGINS[side].mm for side in ("top", "bottom"))
        left, right = (page.MARGINS[side].mm for side in ("left", "right"))
        self.set_margins(left, top, right)
        self.set_auto_page_break(True, margin=bottom)
        page.add_pdf_fonts(self)
        self.set_title(clean(title))
        self.set_author("Sở Ngoại vụ")
        self.set_creator("doingoai")
        self.set_lang("vi")
        self.set_font(page.PDF_FONT, size=BODY)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(page.PDF_FONT, size=10)
        self.cell(0, 5, f"Trang {self.page_no()}/{{nb}}", align="C")


def _pdf_line(pdf: _PDF, text: str, *, style="", size=BODY, align="J", height=None) -> None:
    pdf.set_font(page.PDF_FONT, style=style, size=size)
    pdf.multi_cell(0, height or size * 0.45, clean(text), align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _pdf_letterhead(pdf: _PDF, head: Letterhead) -> None:
    top = pdf.get_y()
    bottom = top
    x = pdf.l_margin
    for lines, width in zip(_letterhead_lines(head), LETTERHEAD_WIDTHS, strict=True):
        pdf.set_xy(x, top)
        for text, bold, italic, underline in lines:
            size = 12 if text.isupper() else BODY
            pdf.set_font(page.PDF_FONT, style=("B" if bold else "") + ("I" if italic else ""), size=size)
            pdf.set_x(x)
            pdf.multi_cell(width, 6, clean(text), align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
            if underline:
                rule = _rule_width(width)
                y = pdf.get_y() + 0.5
                pdf.line(x + (width - rule) / 2, y, x + (width + rule) / 2, y)
                pdf.set_y(y + 2.5)
        bottom = max(bottom, pdf.get_y())
        x += width
    pdf.set_xy(pdf.l_margin, bottom + 5)


def _pdf_table(pdf: _PDF, block: Table) -> None:
    pdf.set_font(page.PDF_FONT, size=block.size)
    aligns = tuple("R" if index in block.numbers else "L" for index in range(len(block.widths)))
    bold = FontFace(emphasis="BOLD")
    with pdf.table(
        align="LEFT",
        width=sum(block.widths),
        col_widths=tuple(block.widths),
        text_align=aligns,
        first_row_as_headings=bool(block.header),
        headings_style=FontFace(emphasis="BOLD", fill_color=HEADER_FILL),
        line_height=block.size * 0.42,
        padding=(1, 1.2),
    ) as table:
        if block.header:
            row = table.row()
            for value in block.header:
                row.cell(clean(value), align="C")
        for values in block.rows:
            row = table.row()
            for index, value in enumerate(values):
                row.cell(clean(value), style=bold if block.bold_first and index == 0 else None)
    pdf.ln(4)


def _picture_height(block: Picture) -> float:
    with Image.open(io.BytesIO(block.png)) as image:
        return block.width * image.height / image.width


def _least_height(block) -> float:
    """The room (mm) the start of ``block`` needs on a page: a picture whole, a table its first rows."""
    if isinstance(block, Picture):
        return _picture_height(block) + 8
    if isinstance(block, Heading):
        return 10 + 20
    return 20


def _pdf_picture(pdf: _PDF, block: Picture) -> None:
    height = _picture_height(block)
    if pdf.get_y() + height + 8 > pdf.page_break_trigger:
        pdf.add_page()
    pdf.image(io.BytesIO(block.png), x=pdf.l_margin + (pdf.epw - block.width) / 2, w=block.width)
    _pdf_line(pdf, block.caption, style="I", size=12, align="C")
    pdf.ln(3)


def to_pdf(blocks: list, *, title: str = "") -> bytes:
    pdf = _PDF(title)
    pdf.add_page()
    for index, block in enumerate(blocks):
        if isinstance(block, Letterhead):
            _pdf_letterhead(pdf, block)
        elif isinstance(block, Title):
            _pdf_line(pdf, block.text, style="B", size=block.size, align="C", height=7)
        elif isinstance(block, Heading):
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if pdf.get_y() + 10 + _least_height(following) > pdf.page_break_trigger:
                pdf.add_page()  # never a heading alone at the foot of a page
            pdf.ln(2 if block.level == 1 else 1)
            _pdf_line(pdf, block.text, style="B", align="L", height=6)
            pdf.ln(1)
        elif isinstance(block, Text):
            style = ("B" if block.bold else "") + ("I" if block.italic else "")
            _pdf_line(pdf, block.text, style=style, size=block.size, align=PDF_ALIGN[block.align])
            pdf.ln(1)
        elif isinstance(block, Table):
            _pdf_table(pdf, block)
        elif isinstance(block, Picture):
            _pdf_picture(pdf, block)
    return bytes(pdf.output())
