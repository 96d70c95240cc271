"""The page of a Vietnamese administrative document (Nghị định 30/2020/NĐ-CP, Phụ lục I), for every writer.

A4; margins top and bottom 20 mm, left 30 mm, right 15 mm (landscape pages
keep the binding margin on the left); Times New Roman, body 13 pt, tables
12 pt (the plans' tables are printed at 11–12 pt to fit eleven columns).
"""

from __future__ import annotations

from pathlib import Path

from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

FONT = "Times New Roman"
BODY_SIZE = Pt(13)
TABLE_SIZE = Pt(11)
A4 = (Mm(210), Mm(297))
MARGINS = {"top": Mm(20), "bottom": Mm(20), "left": Mm(30), "right": Mm(15)}
FONTS = Path(__file__).resolve().parent / "fonts"
#: the bundled font the PDFs embed, by style ("" regular, "B" bold, "I" italic, "BI")
PDF_FONT = "LiberationSerif"
PDF_FONT_FILES = {
    "": FONTS / "LiberationSerif-Regular.ttf",
    "B": FONTS / "LiberationSerif-Bold.ttf",
    "I": FONTS / "LiberationSerif-Italic.ttf",
    "BI": FONTS / "LiberationSerif-BoldItalic.ttf",
}


def set_up(document, *, landscape: bool = False) -> None:
    """A4 (landscape or not), the decree's margins, Times New Roman everywhere (East Asian slots too)."""
    for section in document.sections:
        width, height = A4
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (height, width) if landscape else (width, height)
        section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
        section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = BODY_SIZE
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), FONT)
    paragraph = style.paragraph_format
    paragraph.space_before = paragraph.space_after = Pt(0)


def add_pdf_fonts(pdf) -> None:
    """Register the bundled Liberation Serif (all four styles) with an fpdf2 document."""
    for style, path in PDF_FONT_FILES.items():
        pdf.add_font(PDF_FONT, style=style, fname=str(path))
