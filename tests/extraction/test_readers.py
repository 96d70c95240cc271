"""Word and Excel readers: the seeds written as real files read back the same, bad files refused."""

from __future__ import annotations

import datetime as dt
import io
import random
import zipfile
from pathlib import Path

import pytest

from doingoai.extraction.cleaning import clean
from doingoai.extraction.document import Line, Row, SourceDocument
from doingoai.extraction.errors import ExtractionError
from doingoai.extraction.readers import docx as docx_reader
from doingoai.extraction.readers import safety
from doingoai.extraction.readers.docx import read_docx
from doingoai.extraction.readers.xlsx import read_xlsx
from tests.conftest import SAMPLES
from tests.extraction.builders import (
    document_from_text,
    expected_rows,
    normalise,
    prose_from_text,
    tables_from_text,
    write_docx,
    write_xlsx,
)

SEEDS = sorted(SAMPLES.glob("*.txt"))
TABLE_SEEDS = [seed for seed in SEEDS if tables_from_text(seed)]


def _id(seed: Path) -> str:
    return seed.name[:3]


def stream(document: SourceDocument) -> list[tuple]:
    """Items as comparable tuples: lines cleaned, rows normalised and trimmed."""
    out: list[tuple] = []
    for item in document.items:
        if isinstance(item, Line):
            out.append(("line", clean(item.text)))
        else:
            cells = [normalise(c) for c in item.cells]
            while cells and not cells[-1]:
                cells.pop()
            out.append(("row", item.table, cells))
    return out


def expected_stream(blocks: list, kind: str, one_sheet: bool = False, **options) -> list[tuple]:
    """What a reader gives for tables (and prose lines, ``str`` blocks) so written."""
    out: list[tuple] = []
    physical = 0
    number = 0
    for table in blocks:
        if isinstance(table, str):
            if clean(table):
                out.append(("line", clean(table)))
            continue
        number += 1
        out.extend(("line", clean(line)) for line in table["title"])
        for part in expected_rows(table, kind=kind, **options):
            physical += 1
            table_number = physical if kind == "docx" else (1 if one_sheet else number)
            out.extend(("row", table_number, cells) for cells in part)
    return out


# --------------------------------------------------------------------------- round trips

DOCX_OPTIONS = [
    {"merge": True, "repeat_header": True},
    {"merge": False, "repeat_header": False},
    {"merge": True, "repeat_header": False},
    {"merge": True, "repeat_header": True, "fuse_section_number": True},
]


@pytest.mark.parametrize(
    "options", DOCX_OPTIONS, ids=lambda o: "-".join(k for k, v in o.items() if v) or "plain"
)
@pytest.mark.parametrize("seed", TABLE_SEEDS, ids=_id)
def test_docx_round_trip(seed: Path, options: dict, tmp_path: Path):
    tables = tables_from_text(seed)
    path = write_docx(tmp_path / "ke-hoach.docx", tables, **options)
    document = read_docx(path.read_bytes(), "ke-hoach.docx")
    assert (document.name, document.format) == ("ke-hoach.docx", "docx")
    assert stream(document) == expected_stream(tables, "docx", **options)
    # every grid column given once: all rows of a Word table have the header's width
    widths: dict[int, set[int]] = {}
    for item in document.items:
        if isinstance(item, Row):
            widths.setdefault(item.table, set()).add(len(item.cells))
            assert item.location.startswith(f"bảng {item.table}, hàng ")
        else:
            assert item.location.startswith("đoạn ")
    assert all(len(w) == 1 for w in widths.values()), widths
    xml = zipfile.ZipFile(path).read("word/document.xml")
    if options["merge"]:
        assert b"w:gridSpan" in xml or not any(k in ("section", "unit") for t in tables for k in _kinds(t))
        assert b"w:vMerge" in xml
    else:
        assert b"w:gridSpan" not in xml and b"w:vMerge" not in xml
    assert (b"w:tblHeader" in xml) == options["repeat_header"]


def _kinds(table: dict) -> list[str]:
    from tests.extraction.builders import _padded, _row_kind

    return [_row_kind(row, index) for index, row in enumerate(_padded(table))]


XLSX_OPTIONS = [
    {"merge": True},
    {"merge": False},
    {"merge": True, "one_sheet": True},
    {"merge": True, "fuse_section_number": True},
]


@pytest.mark.parametrize(
    "options", XLSX_OPTIONS, ids=lambda o: "-".join(k for k, v in o.items() if v) or "plain"
)
@pytest.mark.parametrize("seed", TABLE_SEEDS, ids=_id)
def test_xlsx_round_trip(seed: Path, options: dict, tmp_path: Path):
    tables = tables_from_text(seed)
    path = write_xlsx(tmp_path / "ke-hoach.xlsx", tables, **options)
    document = read_xlsx(path.read_bytes(), "ke-hoach.xlsx")
    assert (document.name, document.format) == ("ke-hoach.xlsx", "xlsx")
    row_options = {k: v for k, v in options.items() if k != "one_sheet"}
    assert stream(document) == expected_stream(
        tables, "xlsx", one_sheet=options.get("one_sheet", False), **row_options
    )
    for item in document.items:
        assert item.location.startswith("trang tính '")


@pytest.mark.parametrize("seed", SEEDS, ids=_id)
def test_whole_documents_prose_and_tables(seed: Path, tmp_path: Path):
    blocks = document_from_text(seed)
    assert sum(isinstance(b, dict) for b in blocks) == len(tables_from_text(seed))
    word = read_docx(write_docx(tmp_path / "vb.docx", blocks).read_bytes(), "vb.docx")
    assert stream(word) == expected_stream(blocks, "docx")
    for one_sheet in (False, True):
        path = write_xlsx(tmp_path / "vb.xlsx", blocks, one_sheet=one_sheet)
        excel = read_xlsx(path.read_bytes(), "vb.xlsx")
        assert stream(excel) == expected_stream(blocks, "xlsx", one_sheet=one_sheet)


@pytest.mark.parametrize("seed", [s for s in SEEDS if not tables_from_text(s)], ids=_id)
def test_prose_only_documents(seed: Path, tmp_path: Path):
    prose = prose_from_text(seed)
    expected = [("line", clean(line)) for line in prose if clean(line)]
    word = read_docx(write_docx(tmp_path / "tb.docx", [], title_lines=prose).read_bytes(), "tb.docx")
    assert stream(word) == expected
    excel = read_xlsx(write_xlsx(tmp_path / "tb.xlsx", [], title_lines=prose).read_bytes(), "tb.xlsx")
    assert stream(excel) == expected


def test_merged_cells_and_repeated_header_in_word(tmp_path: Path):
    """Seed 002, Phụ lục III: unit rows, italic column numbers, a repeated header."""
    seed = next(s for s in SEEDS if s.name.startswith("002"))
    table = tables_from_text(seed)[2]
    document = read_docx(write_docx(tmp_path / "pl3.docx", [table]).read_bytes(), "pl3.docx")
    rows = [item for item in document.items if isinstance(item, Row)]
    header = rows[0].cells
    assert header[:3] == ("TT", "Tên đoàn", "Trưởng đoàn") and len(header) == 11
    assert rows[1].cells == ("",) + tuple(f"<i>{n}</i>" for n in range(1, 11))
    assert rows[2].cells == ("<b>1</b>", "<b>UBND huyện Định Hóa</b>") + ("",) * 9
    second = [row for row in rows if row.table == 2]
    assert second[0].cells == header  # physically repeated after the page break
    assert [line.text for line in document.items if isinstance(line, Line)][0] == "Phụ lục III"
    # "Ban Quản lý các KCN Thái Nguyên" is vertically merged over four rows: every row has it
    kcn = [row for row in rows if row.cells[0].startswith("2.")]
    assert len(kcn) == 4 and {row.cells[1] for row in kcn} == {"Ban Quản lý các KCN Thái Nguyên"}
    xml = zipfile.ZipFile(tmp_path / "pl3.docx").read("word/document.xml").decode()
    assert xml.count('w:vMerge w:val="restart"') >= 1


def test_fused_unit_row_is_one_cell(tmp_path: Path):
    seed = next(s for s in SEEDS if s.name.startswith("002"))
    table = tables_from_text(seed)[2]
    path = write_docx(tmp_path / "pl3.docx", [table], fuse_section_number=True)
    rows = [item for item in read_docx(path.read_bytes(), "pl3.docx").items if isinstance(item, Row)]
    assert rows[2].cells == ("<b>1 UBND huyện Định Hóa</b>",) + ("",) * 10


def test_excel_titles_merged_and_vertical_values_repeated(tmp_path: Path):
    seed = next(s for s in SEEDS if s.name.startswith("002"))
    tables = tables_from_text(seed)
    path = write_xlsx(tmp_path / "kh.xlsx", tables)
    import openpyxl

    sheet = openpyxl.load_workbook(path)["Phụ lục III"]
    assert "A1:K1" in {str(r) for r in sheet.merged_cells.ranges}
    assert any(r.min_row != r.max_row for r in sheet.merged_cells.ranges)
    document = read_xlsx(path.read_bytes(), "kh.xlsx")
    lines = [item for item in document.items if isinstance(item, Line)]
    assert [line.text for line in lines[:3]] == [
        "Phụ lục I",
        "KẾ HOẠCH ĐOÀN RA NĂM 2024 CỦA LÃNH ĐẠO TỈNH THÁI NGUYÊN<sup>1</sup>",
        "(Kèm theo Kế hoạch số 65 /KH-UBND ngày 09 /4/2024 của UBND tỉnh Thái Nguyên)",
    ]
    rows = [item for item in document.items if isinstance(item, Row) and item.table == 3]
    assert rows[2].cells == ("<b>1</b>", "<b>UBND huyện Định Hóa</b>")
    kcn = [row for row in rows if row.cells[0].startswith("2.")]
    assert {row.cells[1] for row in kcn} == {"Ban Quản lý các KCN Thái Nguyên"}
    assert rows[0].location == "trang tính 'Phụ lục III', hàng 4"


# --------------------------------------------------------------------------- Word details


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx_with_body(body_xml: str) -> bytes:
    """A python-docx document whose body is replaced by ``body_xml``."""
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    return _replace_member(
        buffer.getvalue(),
        "word/document.xml",
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W_NS}><w:body>'
        f"{body_xml}</w:body></w:document>".encode(),
    )


def _replace_member(data: bytes, member: str, content: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, content if info.filename == member else source.read(info))
    return out.getvalue()


def _p(text: str, rpr: str = "", ppr: str = "") -> str:
    return f'<w:p>{ppr}<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def _tc(content: str, tcpr: str = "") -> str:
    return f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{content}</w:tc>"


def test_word_cells_merges_lists_and_formatting():
    numbered = '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
    body = (
        _p("KẾ HOẠCH")
        + "<w:p><w:r><w:t>Dòng 1</w:t><w:br/><w:t>Dòng 2</w:t></w:r></w:p>"
        + "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
        + "<w:tr>"
        + _tc(_p("TT"))
        + _tc(_p("Tên đoàn"))
        + _tc(_p("Kinh phí"))
        + _tc(_p("Ghi chú"))
        + "</w:tr><w:tr>"
        + _tc(_p("I. Đoàn", "<w:rPr><w:b/></w:rPr>"), '<w:gridSpan w:val="4"/>')
        + "</w:tr><w:tr>"
        + _tc(_p("1"))
        + _tc(_p("Đoàn A &amp; B", "<w:rPr><w:i/></w:rPr>"))
        + _tc(_p("Ngân sách tỉnh"), '<w:vMerge w:val="restart"/>')
        + _tc(_p("a", ppr=numbered) + _p("b", ppr=numbered))
        + "</w:tr><w:tr>"
        + '<w:trPr><w:gridBefore w:val="1"/></w:trPr>'
        + _tc("<w:tbl><w:tr>" + _tc(_p("lồng")) + _tc(_p("nhau")) + "</w:tr></w:tbl><w:p/>")
        + _tc("<w:p/>", "<w:vMerge/>")
        + _tc(
            '<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Chú ý: </w:t></w:r>'
            '<w:r><w:t>x</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            "<w:t>2</w:t></w:r></w:p>"
        )
        + "</w:tr></w:tbl>"
        + '<w:p><w:r><w:t>Ghi chú</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>'
    )
    document = read_docx(_docx_with_body(body), "t.docx")
    assert document.items == [
        Line("KẾ HOẠCH", "đoạn 1"),
        Line("Dòng 1", "đoạn 2"),
        Line("Dòng 2", "đoạn 2"),
        Row(("TT", "Tên đoàn", "Kinh phí", "Ghi chú"), "bảng 1, hàng 1", 1),
        Row(("<b>I. Đoàn</b>", "", "", ""), "bảng 1, hàng 2", 1),
        Row(("1", "<i>Đoàn A &amp; B</i>", "Ngân sách tỉnh", "<li>a</li><li>b</li>"), "bảng 1, hàng 3", 1),
        Row(("", "lồng nhau", "Ngân sách tỉnh", "<b>Chú ý:</b> x<sup>2</sup>"), "bảng 1, hàng 4", 1),
        Line("Ghi chú<sup>1</sup>", "đoạn 3"),
    ]
    assert clean(document.items[5].cells[3]) == "a; b"


def test_word_list_style_and_sdt():
    body = (
        '<w:sdt><w:sdtContent><w:p><w:pPr><w:pStyle w:val="ListBullet"/></w:pPr>'
        "<w:r><w:t>trong điều khiển nội dung</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        "<w:tbl><w:tr>"
        + _tc('<w:p><w:pPr><w:pStyle w:val="ListBullet"/></w:pPr><w:r><w:t>một</w:t></w:r></w:p>')
        + _tc(
            "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>A</w:t></w:r></w:p>"
            "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>B</w:t></w:r></w:p>"
        )
        + _tc("<w:p/>")
        + "</w:tr></w:tbl>"
    )
    document = read_docx(_docx_with_body(body), "t.docx")
    assert document.items == [
        Line("trong điều khiển nội dung", "đoạn 1"),
        Row(("<li>một</li>", "<b>A\nB</b>", ""), "bảng 1, hàng 1", 1),
    ]


# --------------------------------------------------------------------------- Excel details


def test_excel_values_dates_and_layout():
    import openpyxl
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Đoàn ra"
    sheet["B1"] = "KẾ HOẠCH ĐOÀN RA NĂM 2025"
    sheet.merge_cells("B1:G1")
    sheet.append([None, "TT", "Tên đoàn", "Số người", "Số ngày", "Thời gian", "Kinh phí", "Ghi chú"])
    sheet.append([None, 1, "Đoàn A", 10.0, 5, dt.datetime(2025, 3, 15), "Ngân sách tỉnh", None])
    sheet.append([None, 2, "Đoàn B", 2.5, 5, dt.datetime(2024, 11, 1), None, "=1+1"])
    sheet["H4"].value = None
    sheet["F4"].number_format = "mm/yyyy"
    sheet["E3"].number_format = "00"
    sheet.merge_cells("G3:G4")
    sheet["C3"].font = Font(bold=True)
    sheet.append([None, 3, "Đoàn <C> & D", None, None, None, None, "=A1"])
    hidden = workbook.create_sheet("Danh mục")
    hidden.sheet_state = "hidden"
    hidden.append(["Lào", "Campuchia", "Thái Lan"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    document = read_xlsx(buffer.getvalue(), "kh.xlsx")
    where = "trang tính 'Đoàn ra', hàng"
    assert document.items == [
        Line("KẾ HOẠCH ĐOÀN RA NĂM 2025", f"{where} 1"),
        Row(("TT", "Tên đoàn", "Số người", "Số ngày", "Thời gian", "Kinh phí", "Ghi chú"), f"{where} 2", 1),
        Row(("1", "<b>Đoàn A</b>", "10", "05", "15/03/2025", "Ngân sách tỉnh"), f"{where} 3", 1),
        Row(("2", "Đoàn B", "2.5", "5", "11/2024", "Ngân sách tỉnh"), f"{where} 4", 1),
        Row(("3", "Đoàn &lt;C&gt; &amp; D"), f"{where} 5", 1),
    ]


def test_excel_rich_text_cells():
    import openpyxl
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["TT", "Trưởng đoàn", "Nước đi"])
    sheet.append([1, CellRichText([TextBlock(InlineFont(b=True), "Trưởng đoàn:"), " Ông A"]), "Lào"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    rows = [i for i in read_xlsx(buffer.getvalue(), "kh.xlsx").items if isinstance(i, Row)]
    assert rows[1].cells == ("1", "<b>Trưởng đoàn:</b> Ông A", "Lào")


# --------------------------------------------------------------------------- bad files


def _valid_docx(tmp_path: Path) -> bytes:
    seed = next(s for s in SEEDS if s.name.startswith("000"))
    return write_docx(tmp_path / "ok.docx", tables_from_text(seed)).read_bytes()


def _valid_xlsx(tmp_path: Path) -> bytes:
    seed = next(s for s in SEEDS if s.name.startswith("000"))
    return write_xlsx(tmp_path / "ok.xlsx", tables_from_text(seed)).read_bytes()


def _with_member(data: bytes, name: str, content: bytes, compression=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a") as archive:
        archive.writestr(zipfile.ZipInfo(name), content, compress_type=compression)
    return out.getvalue()


def _prolog(data: bytes, member: str, dtd: bytes, reference: bytes = b"") -> bytes:
    xml = zipfile.ZipFile(io.BytesIO(data)).read(member)
    head, _, rest = xml.partition(b"?>")
    if reference:
        rest = rest.replace(b"<w:body>", b"<w:body><w:p><w:r><w:t>" + reference + b"</w:t></w:r></w:p>", 1)
    return _replace_member(data, member, head + b"?>" + dtd + rest)


LAUGHS = (
    b'<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
    + b"".join(
        f'<!ENTITY {b} "{("&" + a + ";") * 10}">'.encode()
        for a, b in zip("abcdefgh", "bcdefghi", strict=True)
    )
    + b"]>"
)
XXE = b'<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'


def _bad_inputs(tmp_path: Path) -> dict[str, tuple[bytes, str]]:
    """name → (bytes, reader) for every kind of bad input."""
    docx = _valid_docx(tmp_path)
    xlsx = _valid_xlsx(tmp_path)
    many = io.BytesIO()
    with zipfile.ZipFile(many, "w") as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        for index in range(5000):
            archive.writestr(f"word/part{index}.xml", b"<a/>")
    return {
        "empty": (b"", "docx"),
        "empty-xlsx": (b"", "xlsx"),
        "random": (random.Random(7).randbytes(20_000), "docx"),
        "random-xlsx": (random.Random(8).randbytes(20_000), "xlsx"),
        "truncated": (docx[: len(docx) // 2], "docx"),
        "truncated-xlsx": (xlsx[: len(xlsx) // 2], "xlsx"),
        "bomb": (_with_member(docx, "word/media/zeros.bin", bytes(60 * 1024 * 1024)), "docx"),
        "ratio": (_with_member(docx, "word/media/zeros.bin", bytes(5 * 1024 * 1024)), "docx"),
        "members": (many.getvalue(), "docx"),
        "xlsx-as-docx": (xlsx, "docx"),
        "docx-as-xlsx": (docx, "xlsx"),
        "laughs": (_prolog(docx, "word/document.xml", LAUGHS, b"&i;"), "docx"),
        "xxe": (_prolog(docx, "word/document.xml", XXE, b"&x;"), "docx"),
        "xxe-styles": (_prolog(docx, "word/styles.xml", XXE.replace(b"w:document", b"w:styles")), "docx"),
        "xxe-xlsx": (
            _prolog(xlsx, "xl/worksheets/sheet1.xml", XXE.replace(b"w:document", b"worksheet")),
            "xlsx",
        ),
        "laughs-xlsx": (_prolog(xlsx, "xl/styles.xml", LAUGHS), "xlsx"),
        "utf32": (
            _replace_member(docx, "word/document.xml", "<?xml version='1.0'?><a/>".encode("utf-32")),
            "docx",
        ),
    }


BAD = [
    "empty",
    "empty-xlsx",
    "random",
    "random-xlsx",
    "truncated",
    "truncated-xlsx",
    "bomb",
    "ratio",
    "members",
    "xlsx-as-docx",
    "docx-as-xlsx",
    "laughs",
    "xxe",
    "xxe-styles",
    "xxe-xlsx",
    "laughs-xlsx",
    "utf32",
]


@pytest.fixture(scope="module")
def bad_inputs(tmp_path_factory) -> dict[str, tuple[bytes, str]]:
    return _bad_inputs(tmp_path_factory.mktemp("bad"))


@pytest.mark.parametrize("case", BAD)
def test_bad_files_raise_extraction_error(case: str, bad_inputs):
    data, kind = bad_inputs[case]
    name = f"tệp xấu {case}.{'docx' if kind == 'docx' else 'xlsx'}"
    reader = read_docx if kind == "docx" else read_xlsx
    with pytest.raises(ExtractionError) as caught:
        reader(data, name)
    error = caught.value
    assert name in error.message and error.message == str(error)
    assert any(word in error.message for word in ("Không đọc được", "từ chối"))
    assert error.__cause__ is None  # no chained traceback shown with the message
    assert error.__context__ is None or error.__suppress_context__


def test_bad_file_messages(bad_inputs):
    messages = {}
    for case in ("truncated", "bomb", "ratio", "members", "xxe", "xlsx-as-docx", "docx-as-xlsx"):
        data, kind = bad_inputs[case]
        with pytest.raises(ExtractionError) as caught:
            (read_docx if kind == "docx" else read_xlsx)(data, "kh.docx")
        messages[case] = caught.value.message
    assert messages["truncated"] == "Không đọc được tệp Word kh.docx: tệp bị hỏng hoặc không đúng định dạng."
    assert messages["xlsx-as-docx"] == messages["truncated"]
    assert messages["docx-as-xlsx"].startswith("Không đọc được tệp Excel kh.docx")
    assert "50 MB" in messages["bomb"]
    assert "bom nén" in messages["ratio"]
    assert "5001 thành phần" in messages["members"]
    assert "DTD" in messages["xxe"]


def test_total_size_limit(tmp_path: Path, monkeypatch):
    data = _with_member(_valid_docx(tmp_path), "word/media/noise.bin", random.Random(1).randbytes(300_000))
    monkeypatch.setattr(safety, "MAX_TOTAL_SIZE", 200_000)
    with pytest.raises(ExtractionError, match="vượt quá"):
        read_docx(data, "kh.docx")


def test_parsers_are_safe_without_the_dtd_check(bad_inputs, monkeypatch):
    """Defence in depth: with ``check_zip`` off, the XML parsing alone neither
    expands entities nor reads files; it fails or leaves the references out."""
    monkeypatch.setattr(docx_reader, "check_zip", lambda data, name, kind="": None)
    for case in ("laughs", "xxe"):
        data, _ = bad_inputs[case]
        try:
            document = read_docx(data, "kh.docx")
        except ExtractionError:
            continue
        text = " ".join(str(item) for item in document.items)
        assert "root:" not in text and "aaaaaaaaaa" not in text


def test_check_zip_accepts_valid_files(tmp_path: Path):
    safety.check_zip(_valid_docx(tmp_path), "ok.docx")
    safety.check_zip(_valid_xlsx(tmp_path), "ok.xlsx")
