"""Tables read as a person reads them: titles, headers, sections, units, rows."""

from doingoai.extraction import extract_bytes, extract_path
from tests.conftest import sample

OUT_HEADER = "TT\tTên đoàn\tTrưởng đoàn\tNước đi\tĐối tác làm việc\tNội dung hoạt động\tSố người\tSố ngày\tThời gian thực hiện\tKinh phí\tGhi chú"
IN_HEADER = "TT\tTên đoàn\tTrưởng đoàn\tĐến từ nước\tNội dung hoạt động\tSố người\tSố ngày\tThời gian thực hiện\tKinh phí\tGhi chú"


def read(text: str):
    return extract_bytes(text.encode("utf-8"), "ke-hoach.txt")


def test_title_gives_direction_level_and_year():
    result = read(
        "KẾ HOẠCH ĐOÀN VÀO CỦA CÁC SỞ, BAN, NGÀNH NĂM 2026\n"
        f"{IN_HEADER}\n"
        "1\tĐoàn tỉnh Savannakhet\tPhó Tỉnh trưởng\tLào\tThăm và làm việc\t10\t3\tQuý II/2026\tNgân sách tỉnh\t\n"
    )
    [record] = result.delegations
    assert (record["direction"], record["level"], record["year"]) == ("in", "department", 2026)
    assert record["table_title"] == "KẾ HOẠCH ĐOÀN VÀO CỦA CÁC SỞ, BAN, NGÀNH NĂM 2026"
    assert record["partners"] is None  # inbound tables have no Đối tác column
    assert record["period_start"] == "2026-04"


def test_province_level_title_and_sections():
    result = read(
        "BẢNG TỔNG HỢP KẾ HOẠCH ĐOÀN RA CẤP TỈNH NĂM 2026\n"
        f"{OUT_HEADER}\n"
        "\t1\t2\t3\t4\t5\t6\t7\t8\t9\t10\n"
        "I. Đoàn ra cấp Ủy viên Bộ Chính trị, Bí thư Trung ương Đảng\t\t\t\n"
        "1\tKhông\t\t\t\t\t\t\t\t\t\n"
        "II.\tĐoàn sử dụng Ngân sách Đảng, Ngân sách Nhà nước\t\t\t\n"
        "1\tĐoàn Lãnh đạo tỉnh\tBí thư Tỉnh ủy\tCuba\tTỉnh Pinar del Río\tThăm\t10\t5\tQuý I/2026\tNgân sách tỉnh\t\n"
        "III. Đoàn sử dụng nguồn kinh phí khác\t\t\t\n"
        "1\t\t\t\t\t\t\t\t\t\t\n"
        "---\t--\t---\t---\n"
    )
    [record] = result.delegations
    assert record["level"] == "province"
    assert record["section"] == "II. Đoàn sử dụng Ngân sách Đảng, Ngân sách Nhà nước"
    assert record["countries"] == ["CU"]


def test_unit_headers_group_rows():
    result = read(
        "KẾ HOẠCH ĐOÀN RA NĂM 2026 CỦA CÁC SỞ, BAN, NGÀNH, ĐỊA PHƯƠNG THUỘC TỈNH\n"
        f"{OUT_HEADER}\n"
        "<b>1</b>\t<b>UBND huyện Phú Lương</b>\t\t\t\t\t\t\t\t\t\n"
        "1.1\tĐoàn huyện\tChủ tịch UBND huyện\tHàn Quốc\tHuyện Cheongdo\tGiao lưu\t10\t7\t10/2026\tNgân sách huyện\t\n"
        "2\tSở Y tế\t\t\t\t\t\t\t\t\t\n"
        "2.1\tĐoàn Sở Y tế\tGiám đốc Sở\tNhật Bản\tTỉnh Fukuoka\tHọc tập\t5\t5\tQuý III/2026\tNgân sách tỉnh\t\n"
    )
    units = [r["unit"] for r in result.delegations]
    assert units == ["UBND huyện Phú Lương", "Sở Y tế"]
    assert [r["tt"] for r in result.delegations] == ["1.1", "2.1"]
    assert result.delegations[1]["proposing_unit"] == {"name": "Sở Y tế", "source": "dòng tiêu đề đơn vị"}


def test_header_repeated_after_a_page_break_is_the_same_table():
    row = "{n}\tĐoàn {n}\tGiám đốc Sở\tLào\tTỉnh Champasak\tLàm việc\t5\t3\tQuý I/2026\tNgân sách tỉnh\t"
    result = read(
        "KẾ HOẠCH ĐOÀN RA CỦA SỞ, NGÀNH NĂM 2026\n"
        f"{OUT_HEADER}\n{row.format(n=1)}\n"
        "<sup>1</sup> Chú thích cuối trang.\n"
        f"{OUT_HEADER}\n{row.format(n=2)}\n"
        "Trang 3\n"
        f"{row.format(n=3)}\n"
        "KẾ HOẠCH ĐOÀN VÀO CỦA SỞ, NGÀNH NĂM 2026\n"
        f"{IN_HEADER}\n"
        "1\tĐoàn Sở Ngoại vụ Champasak\tGiám đốc Sở\tLào\tLàm việc\t5\t3\tQuý I/2026\tNgân sách tỉnh\t\n"
    )
    assert [(r["table"], r["tt"], r["direction"]) for r in result.delegations] == [
        (1, "1", "out"),
        (1, "2", "out"),
        (1, "3", "out"),
        (2, "1", "in"),
    ]


def test_extra_host_unit_column():
    result = read(
        "BẢN TỔNG HỢP ĐOÀN VÀO CẤP SỞ, NGÀNH NĂM 2026\n"
        "TT\tTên đoàn\tTrưởng đoàn\tĐến từ nước\tNội dung hoạt động\tSố người\tSố ngày\tThời gian thực hiện\tĐơn vị đón tiếp\tKinh phí\tGhi chú\n"
        "1\tĐoàn TKQS Kampong Cham\tChỉ huy trưởng\tCampuchia\tChúc Tết\t13\t2\ttháng 01/2026\tBộ CHQS tỉnh\tNgân sách tỉnh\t\n"
    )
    [record] = result.delegations
    assert record["host_unit"] == "Bộ CHQS tỉnh"
    assert record["funding"] == "Ngân sách tỉnh"
    assert record["proposing_unit"]["name"] == "Bộ CHQS tỉnh"


def test_lead_unit_in_the_notes():
    result = read(
        "BẢNG TỔNG HỢP KẾ HOẠCH ĐOÀN RA CẤP TỈNH NĂM 2026\n"
        f"{OUT_HEADER}\n"
        "1\tĐoàn Lãnh đạo tỉnh\tThường trực Tỉnh ủy\tHoa Kỳ\tDoanh nghiệp\tXúc tiến\t10\t3\tQuý II/2026\tNgân sách tỉnh\t- Sở Công Thương chủ trì; - Không bao gồm thời gian đi và về\n"
    )
    assert result.delegations[0]["proposing_unit"]["name"] == "Sở Công Thương"


def test_country_fused_onto_the_leader_cell_is_split_off():
    result = read(
        "BẢNG TỔNG HỢP KẾ HOẠCH ĐOÀN RA CẤP TỈNH NĂM 2026\n"
        f"{OUT_HEADER}\n"
        "5\tĐoàn công tác học tập mô hình 3S\tLãnh đạo UBND Nhật Bản\tTrung tâm PREX, Cục Kinh tế vùng Kansai\tTham quan học tập mô hình 3S\t10\t5\tQuý III/2026\tNgân sách tỉnh\tBao gồm thời gian đi và về\t\n"
    )
    [record] = result.delegations
    assert record["leader"] == "Lãnh đạo UBND"
    assert record["countries"] == ["JP"]
    assert record["partners"] == "Trung tâm PREX, Cục Kinh tế vùng Kansai"
    assert record["people_min"] == 10 and record["duration_min"] == 5
    assert record["period_start"] == "2026-07"
    assert any(r["code"] == "repaired" for r in record["review"])


def test_row_with_a_repeated_cell_too_many():
    result = read(
        "BẢNG TỔNG HỢP ĐOÀN RA CẤP SỞ, NGÀNH NĂM 2026\n"
        f"{OUT_HEADER}\n"
        "1\tĐoàn Bộ CHQS tỉnh\tCấp trưởng Bộ CHQS tỉnh\tCampuchia\tTiểu khu quân sự Kampong Thom\tChúc Tết Chol Chnam Thmay\tChúc Tết Chol Chnam Thmay\t7\t3\tTháng 5/2026\tNgân sách\tKhông bao gồm thời gian đi và về\n"
    )
    [record] = result.delegations
    assert record["activities"] == "Chúc Tết Chol Chnam Thmay"
    assert (record["people_min"], record["duration_min"], record["period_start"]) == (7, 3, "2026-05")
    assert record["notes"] == "Không bao gồm thời gian đi và về"


def test_rows_of_other_tables_are_not_delegations():
    result = read(
        "DANH SÁCH NHIỆM VỤ NĂM 2026\n"
        "TT\tNhiệm vụ\tĐơn vị chủ trì\tĐơn vị phối hợp\n"
        "1\tTuyên truyền\tSở Ngoại vụ\tSở Văn hóa\n"
    )
    assert result.delegations == [] and result.agreements == []


def test_seed_004_repairs_shifted_rows():
    result = extract_path(sample("004"))
    by_table = {}
    for record in result.delegations:
        by_table.setdefault(record["table"], []).append(record)
    assert sorted((t, len(rows)) for t, rows in by_table.items()) == [(1, 10), (2, 3), (3, 16), (4, 6)]
    assert [r["direction"] for r in by_table[1]][:1] == ["out"]
    fifth = by_table[1][4]
    assert fifth["leader"] == "Lãnh đạo UBND" and fifth["countries"] == ["JP"]
    assert fifth["period_start"] == "2024-07"
    assert all(r["period_start"] for r in result.delegations)
    assert all(r["people_min"] for r in result.delegations)
    host_units = {r["host_unit"] for r in by_table[4]}
    assert host_units == {"Bộ CHQS tỉnh", "UBND thành phố Biên Hòa"}
    assert by_table[2][0]["period_start"] == "2024-01" and by_table[2][0]["period_end"] == "2024-12"
    assert by_table[1][0]["section"].startswith("II. Đoàn sử dụng Ngân sách")


def test_row_with_far_more_cells_than_columns_is_kept_with_a_review():
    result = read(
        "KẾ HOẠCH ĐOÀN RA CỦA SỞ, NGÀNH NĂM 2026\n"
        f"{OUT_HEADER}\n"
        "1\tĐoàn Sở Y tế\tGiám đốc\tLào\tSở Y tế Champasak\tLàm việc\t5\t3\tQuý I/2026\tNgân sách tỉnh\ta\tb\tc\td\te\n"
    )
    [record] = result.delegations
    assert record["name"] == "Đoàn Sở Y tế" and record["period_start"] == "2026-01"
    assert any(r["field"] == "row" for r in record["review"])
