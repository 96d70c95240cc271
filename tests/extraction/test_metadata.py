"""The document record: kind, number, date, issuer, province, year, title."""

import pytest

from doingoai.extraction import extract_bytes, extract_path
from tests.conftest import sample


@pytest.mark.parametrize(
    ("prefix", "kind", "number", "date", "issuer", "province", "year"),
    [
        ("000", "Công văn", "1367/UBND-TH", "2025-02-24", "UBND tỉnh Bình Định", "Bình Định", 2025),
        ("001", "Kế hoạch", None, None, "UBND tỉnh Đồng Nai", "Đồng Nai", 2025),
        ("002", "Kế hoạch", "65/KH-UBND", "2024-04-09", "UBND tỉnh Thái Nguyên", "Thái Nguyên", 2024),
        ("003", "Thông báo", None, None, "UBND tỉnh Bình Định", "Bình Định", 2025),
        ("004", "Kế hoạch", "90/KH-UBND", "2024-03-14", "UBND tỉnh Đồng Nai", "Đồng Nai", 2024),
    ],
)
def test_seed_documents(prefix, kind, number, date, issuer, province, year):
    document = extract_path(sample(prefix)).document
    assert document["record"] == "document"
    assert (document["kind"], document["number"], document["date"]) == (kind, number, date)
    assert (document["issuer"], document["province"], document["year"]) == (issuer, province, year)
    assert document["title"]


def test_titles():
    assert extract_path(sample("002")).document["title"] == (
        "Triển khai công tác đối ngoại năm 2024 của tỉnh Thái Nguyên"
    )
    assert extract_path(sample("000")).document["title"].startswith("kế hoạch đoàn ra, đoàn vào")


def test_seed_002_prints_two_numbers_and_two_dates_for_itself():
    document = extract_path(sample("002")).document
    conflicts = {c["field"]: c for c in document["conflicts"]}
    assert [v["value"] for v in conflicts["number"]["values"]] == ["65/KH-UBND", "67/KH-UBND"]
    assert conflicts["number"]["values"][1]["where"] == ["Phụ lục II (dòng 233)"]
    assert [v["value"] for v in conflicts["date"]["values"]] == ["2024-04-09", "2024-04-08"]
    assert len(document["review"]) == 2


def test_appendix_only_document_takes_its_kind_from_the_reference():
    document = extract_path(sample("001")).document
    assert document["appendix_only"] is True


def test_cited_documents_are_not_conflicts():
    text = (
        "Số: 12/KH-UBND\nHà Giang, ngày 05 tháng 01 năm 2026\nKẾ HOẠCH\nCông tác đối ngoại năm 2026\n"
        "Thực hiện Công văn số 17/TTg-QHQT ngày 16/02/2024 của Thủ tướng Chính phủ.\n"
    )
    document = extract_bytes(text.encode(), "hg.txt").document
    assert document["number"] == "12/KH-UBND" and document["conflicts"] == []
    assert document["province"] == "Hà Giang" and document["date"] == "2026-01-05"


def test_issuer_is_not_joined_with_the_kind_heading():
    text = "ỦY BAN NHÂN DÂN\nSố: 7/KH-UBND\nKẾ HOẠCH\nĐối ngoại năm 2026\n"
    document = extract_bytes(text.encode(), "kh.txt").document
    assert document["kind"] == "Kế hoạch" and document["title"] == "Đối ngoại năm 2026"
    assert "Kế Hoạch" not in (document["issuer"] or "")


@pytest.mark.parametrize(
    ("header", "issuer", "province"),
    [
        # a department under its parent: the department issues
        ("UBND TỈNH THÁI NGUYÊN\nSỞ CÔNG THƯƠNG", "SỞ CÔNG THƯƠNG", "Thái Nguyên"),
        ("UBND TỈNH THÁI NGUYÊN\nTRƯỜNG CAO ĐẲNG THÁI NGUYÊN", "TRƯỜNG CAO ĐẲNG THÁI NGUYÊN", "Thái Nguyên"),
        # the People's Committee on two lines, of a province or of a district
        ("ỦY BAN NHÂN DÂN\nTỈNH THÁI NGUYÊN", "UBND tỉnh Thái Nguyên", "Thái Nguyên"),
        ("UBND HUYỆN ĐỊNH HÓA", "UBND huyện Định Hóa", None),
        # the national motto beside the agency, as a conversion puts the two header columns
        (
            "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH HÀ GIANG\tĐộc lập - Tự do - Hạnh phúc",
            "UBND tỉnh Hà Giang",
            "Hà Giang",
        ),
    ],
)
def test_issuer_is_the_agency_of_the_header(header, issuer, province):
    text = f"{header}\nSố: 15/KH-XX\nKẾ HOẠCH\nĐoàn ra năm 2026\n"
    document = extract_bytes(text.encode(), "de-xuat.txt").document
    assert (document["issuer"], document["province"]) == (issuer, province)
    assert document["kind"] == "Kế hoạch" and document["number"] == "15/KH-XX"


def test_header_table_of_a_word_document(tmp_path):
    """Word documents set the header in a two-column table above the heading."""
    import docx

    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "UBND TỈNH THÁI NGUYÊN\nSỞ NGOẠI VỤ"
    table.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    table.cell(1, 0).text = "Số: 88/TTr-SNgV"
    table.cell(1, 1).text = "Thái Nguyên, ngày 03 tháng 11 năm 2025"
    document.add_paragraph("TỜ TRÌNH")
    document.add_paragraph("Kế hoạch đoàn ra, đoàn vào năm 2026")
    path = tmp_path / "to-trinh.docx"
    document.save(path)
    record = extract_path(path).document
    assert record["issuer"] == "SỞ NGOẠI VỤ" and record["province"] == "Thái Nguyên"
    assert (record["kind"], record["number"], record["date"]) == ("Tờ trình", "88/TTr-SNgV", "2025-11-03")
    assert record["title"] == "Kế hoạch đoàn ra, đoàn vào năm 2026"
