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
