"""No input crashes the reader: anything it cannot read is an ExtractionError."""

import io
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doingoai.extraction import ExtractionError, extract_bytes
from tests.extraction.test_layout import IN_HEADER, OUT_HEADER

cell = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\t\r\n\x00"),
    max_size=40,
)
row = st.lists(cell, min_size=0, max_size=14).map("\t".join)
line = st.one_of(
    row,
    cell,
    st.sampled_from(
        [
            OUT_HEADER,
            IN_HEADER,
            "KẾ HOẠCH ĐOÀN RA CẤP TỈNH NĂM 2025",
            "BẢNG TỔNG HỢP ĐOÀN VÀO CẤP SỞ",
            "DANH MỤC THỎA THUẬN QUỐC TẾ DỰ KIẾN KÝ KẾT NĂM 2024",
            "I. Đoàn sử dụng Ngân sách",
            "<b>1</b>\t<b>UBND huyện</b>",
            "1\tKhông",
            "\t1\t2\t3\t4\t5",
            "Số: 12/KH-UBND",
            "Hà Nội, ngày 1 tháng 2 năm 2025",
            "(Kèm theo Kế hoạch số 65 /KH-UBND ngày 09/4/2024)",
        ]
    ),
)


def _read(data: bytes):
    try:
        result = extract_bytes(data, "hypothesis.txt")
    except ExtractionError as error:
        assert error.message and "hypothesis.txt" in error.message
        return None
    for record in result.delegations:
        assert record["direction"] in ("out", "in", None)
        assert isinstance(record["countries"], list)
    return result


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(line, max_size=30).map("\n".join))
def test_any_text_document(text):
    _read(text.encode("utf-8"))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=4096))
def test_any_bytes(data):
    _read(data)


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=2048), st.sampled_from(["word/document.xml", "xl/workbook.xml"]))
def test_any_zip_that_looks_like_office(payload, member):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", payload[:100])
        archive.writestr(member, payload)
    _read(buffer.getvalue())
