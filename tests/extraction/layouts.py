"""Plan documents laid out differently from the seeds, written as real files.

Other provinces and units type the same forms in their own way: synonyms
for every column, columns in another order, a group heading over two
columns, the table continued in a second Word table after a page break,
unit rows in Excel, other column-number rows, transliterated country names,
other ways of writing a period, a unit's own proposal under its letterhead,
rows that contradict themselves. ``build(name, folder)`` writes one of the
documents below; ``DOCUMENTS`` lists them. What a careful officer reads from
each is in ``layouts_expected.jsonl`` beside this file, written by hand.

Cells use the seeds' inline markup where it matters (``<b>`` for bold).
"""

from __future__ import annotations

from pathlib import Path

# --------------------------------------------------------------------------- 1. Word: synonyms, other order

SYNONYMS_TITLE = [
    "Phụ lục I",
    "DANH MỤC ĐOÀN RA CẤP SỞ, NGÀNH NĂM 2026",
    "(Kèm theo Kế hoạch số 112/KH-UBND ngày 15/01/2026 của UBND tỉnh Nghệ An)",
]
SYNONYMS_ROWS = [
    [
        "Số TT",
        "Đơn vị chủ trì",
        "Tên đoàn công tác",
        "Họ tên, chức vụ Trưởng đoàn",
        "Nước, vùng lãnh thổ",
        "Thời điểm",
        "Số thành viên",
        "Số ngày công tác",
        "Mục đích chuyến đi",
        "Đơn vị đối tác",
        "Dự toán kinh phí",
        "Ghi chú",
    ],
    [f"({n})" for n in range(1, 13)],
    [
        "1",
        "Sở Công Thương",
        "Đoàn xúc tiến thương mại tại Nhật Bản",
        "Ông Nguyễn Văn An, Giám đốc Sở Công Thương",
        "Nhật Bản",
        "Tháng 6, 7/2026",
        "06",
        "07",
        "Xúc tiến thương mại, giới thiệu nông sản của tỉnh",
        "Tổ chức Xúc tiến Thương mại Nhật Bản (JETRO); tỉnh Shizuoka",
        "Ngân sách tỉnh",
        "",
    ],
    [
        "2",
        "Sở Giáo dục và Đào tạo",
        "Đoàn cán bộ quản lý giáo dục",
        "Bà Trần Thị Bình, Phó Giám đốc Sở",
        "Ô-xtrây-li-a",
        "Quý 3/2026",
        "05",
        "10",
        "Học tập kinh nghiệm đào tạo nghề",
        "Bang Queensland",
        "Ngân sách tỉnh, xã hội hóa",
        "Không bao gồm thời gian đi về",
    ],
    [
        "3",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Đoàn nghệ thuật tham gia Liên hoan văn hóa",
        "Ông Lê Văn Cường, Phó Giám đốc Sở",
        "Cộng hòa Liên bang Đức, Cộng hòa Pháp",
        "Tháng 9-10/2026",
        "15-20",
        "12",
        "Biểu diễn nghệ thuật, quảng bá du lịch",
        "Thành phố Frankfurt; thành phố Lyon",
        "Xã hội hóa",
        "",
    ],
    [
        "4",
        "Sở Nông nghiệp và Môi trường",
        "Đoàn khảo sát thị trường nông sản",
        "Ông Phạm Văn Dũng, Giám đốc Sở",
        "Xinh-ga-po, Ma-lai-xi-a",
        "Cuối năm 2026",
        "04",
        "06",
        "Khảo sát thị trường, kết nối doanh nghiệp nhập khẩu",
        "Các doanh nghiệp nhập khẩu nông sản",
        "Nguồn kinh phí của Sở",
        "",
    ],
    [
        "5",
        "UBND thành phố Vinh",
        "Đoàn lãnh đạo thành phố Vinh",
        "Ông Hoàng Văn Em, Chủ tịch UBND thành phố",
        "Đại Hàn Dân Quốc",
        "6 tháng đầu năm",
        "08",
        "05",
        "Thăm, làm việc với thành phố kết nghĩa",
        "Thành phố Gimhae",
        "Ngân sách thành phố",
        "",
    ],
]

# --------------------------------------------------------------------------- 2. Word: two-row header, continued

TWO_ROW_TITLE = ["KẾ HOẠCH ĐÓN CÁC ĐOÀN NƯỚC NGOÀI CẤP TỈNH NĂM 2026"]
#: first header row: (text, columns spanned)
TWO_ROW_TOP = [
    ("TT", 1),
    ("Tên đoàn", 1),
    ("Cấp trưởng đoàn", 1),
    ("Đến từ nước", 1),
    ("Nội dung làm việc", 1),
    ("Số người", 1),
    ("Thời gian", 2),
    ("Kinh phí", 2),
    ("Đơn vị đón tiếp", 1),
]
#: second header row: the sub-headings under the group headings, by column
TWO_ROW_SUB = {6: "Số ngày", 7: "Thời điểm", 8: "Phía đối tác", 9: "Phía Việt Nam"}
TWO_ROW_FIRST = [
    [
        "1",
        "Đoàn đại biểu tỉnh Champasak",
        "Phó Tỉnh trưởng",
        "CHDCND Lào",
        "Hội đàm, ký kết biên bản ghi nhớ hợp tác giai đoạn 2026-2030",
        "12",
        "04",
        "Tháng 3/2026",
        "Tự túc vé máy bay",
        "Ngân sách tỉnh chi trả ăn, ở, đi lại trong tỉnh",
        "Văn phòng UBND tỉnh",
    ],
    [
        "2",
        "Đoàn Hội hữu nghị Nhật - Việt tỉnh Fukuoka",
        "Chủ tịch Hội",
        "Nhật Bản",
        "Giao lưu văn hóa, thăm các cơ sở giáo dục",
        "20-25",
        "05",
        "Quý II năm 2026",
        "Đối tác tự chi trả toàn bộ",
        "",
        "Liên hiệp các tổ chức hữu nghị tỉnh",
    ],
    [
        "3",
        "Đoàn doanh nghiệp Hàn Quốc",
        "Chủ tịch Hiệp hội doanh nghiệp",
        "Hàn Quốc",
        "Tìm hiểu cơ hội đầu tư vào các khu công nghiệp",
        "15",
        "03",
        "Tháng 5-6/2026",
        "Doanh nghiệp tự túc",
        "",
        "Ban Quản lý các khu công nghiệp",
    ],
]
#: after the page break: a second Word table with neither header nor column numbers
TWO_ROW_SECOND = [
    [
        "4",
        "Đoàn Đại sứ quán Cu-ba tại Việt Nam",
        "Đại sứ",
        "Cu-ba",
        "Thăm, làm việc với lãnh đạo tỉnh",
        "05",
        "02",
        "26/7/2026",
        "Đối tác tự túc",
        "Ngân sách tỉnh (tiếp khách)",
        "Sở Ngoại vụ",
    ],
    [
        "5",
        "Đoàn Tổ chức Hợp tác Quốc tế Nhật Bản",
        "Trưởng đại diện",
        "Nhật Bản",
        "Khảo sát dự án cấp nước sạch",
        "04",
        "03",
        "6 tháng cuối năm 2026",
        "Đối tác chi trả",
        "",
        "Sở Nông nghiệp và Môi trường",
    ],
]

# --------------------------------------------------------------------------- 3. Excel: unit rows, (1) (2) (3)

UNITS_TITLE = ["TỔNG HỢP ĐĂNG KÝ ĐOÀN RA NĂM 2026 CỦA CÁC SỞ, BAN, NGÀNH, ĐỊA PHƯƠNG"]
UNITS_HEADER = [
    "STT",
    "Tên đoàn",
    "Trưởng đoàn",
    "Nước đi",
    "Đối tác làm việc",
    "Nội dung hoạt động",
    "Số người",
    "Số ngày",
    "Thời gian thực hiện",
    "Kinh phí",
    "Ghi chú",
]
#: ("unit", number, name) rows are bold and merged across the name and the columns after it
UNITS_ROWS: list = [
    ("unit", "I", "Sở Ngoại vụ"),
    [
        1,
        "Đoàn công tác Sở Ngoại vụ",
        "Giám đốc Sở Ngoại vụ",
        "Cam-pu-chia",
        "Sở Ngoại vụ tỉnh Kampong Thom",
        "Trao đổi kinh nghiệm công tác đối ngoại",
        5,
        4,
        "Quý II/2026",
        "Ngân sách tỉnh",
        "",
    ],
    [
        2,
        "Đoàn cán bộ Sở Ngoại vụ",
        "Phó Giám đốc Sở",
        "Thái Lan",
        "Chính quyền tỉnh Udon Thani",
        "Dự hội thảo hợp tác địa phương",
        3,
        5,
        "Tháng 8/2026",
        "Đối tác chi trả",
        "",
    ],
    ("unit", "II", "UBND huyện Sơn Tịnh"),
    [
        1,
        "Đoàn lãnh đạo huyện Sơn Tịnh",
        "Chủ tịch UBND huyện",
        "Hàn Quốc",
        "Quận Suseong, thành phố Daegu",
        "Thăm, giao lưu với địa phương kết nghĩa",
        6,
        5,
        "Tháng 10/2026",
        "Ngân sách huyện",
        "",
    ],
    ("unit", "", "Trường Đại học Phạm Văn Đồng"),
    [
        1,
        "Đoàn giảng viên Trường Đại học Phạm Văn Đồng",
        "Hiệu trưởng",
        "Nhật Bản, Hàn Quốc",
        "Các trường đại học đối tác",
        "Trao đổi hợp tác đào tạo, trao đổi sinh viên",
        4,
        7,
        "Quý IV/2026",
        "Nguồn thu sự nghiệp của Trường",
        "Kinh phí tự chủ",
    ],
]

# --------------------------------------------------------------------------- 4. Text: transliterations, periods

OUT_HEADER = (
    "TT\tTên đoàn\tTrưởng đoàn\tNước đi\tĐối tác làm việc\tNội dung hoạt động\tSố người\tSố ngày"
    "\tThời gian thực hiện\tKinh phí\tGhi chú"
)
IN_HEADER = (
    "TT\tTên đoàn\tTrưởng đoàn\tĐến từ nước\tNội dung hoạt động\tSố người\tSố ngày"
    "\tThời gian thực hiện\tKinh phí\tGhi chú"
)
TRANSLITERATED_TEXT = "\n".join(
    [
        "**KẾ HOẠCH ĐOÀN RA CẤP TỈNH NĂM 2026**",
        OUT_HEADER,
        "\t".join(f"Cột {n}" for n in range(1, 12)),
        "1\tĐoàn lãnh đạo tỉnh\tChủ tịch UBND tỉnh\tHợp chủng quốc Hoa Kỳ\tBang California"
        "\tXúc tiến đầu tư\t10\t8\tQuý 2/2026\tNgân sách tỉnh\t",
        "2\tĐoàn Thường trực HĐND tỉnh\tChủ tịch HĐND tỉnh\tNiu Di-lân, Ô-xtrây-li-a"
        "\tHội đồng thành phố Auckland\tHọc tập kinh nghiệm quản lý đô thị\t8\t9\tQuý II năm 2026\tNgân sách tỉnh\t",
        "3\tĐoàn Thường trực Tỉnh ủy\tBí thư Tỉnh ủy\tCu-ba\tTỉnh Pinar del Río\tThăm hữu nghị"
        "\t10\t7\t6 tháng cuối năm 2026\tNgân sách Đảng\t",
        "4\tĐoàn lãnh đạo tỉnh\tPhó Chủ tịch UBND tỉnh\tMông Cổ, Liên bang Nga\tTỉnh Selenge; tỉnh Irkutsk"
        "\tThúc đẩy hợp tác nông nghiệp\t7\t10\ttháng 6-7/2026\tNgân sách tỉnh\t",
        "5\tĐoàn lãnh đạo tỉnh\tPhó Chủ tịch UBND tỉnh\tXinh-ga-po\tCơ quan Phát triển Doanh nghiệp Singapore"
        "\tKết nối đầu tư\t6\t4\tTháng 6, 7/2026\tNgân sách tỉnh và xã hội hóa\t",
        "6\tĐoàn lãnh đạo tỉnh\tPhó Chủ tịch UBND tỉnh\tĐại Hàn Dân Quốc\tTỉnh Gyeonggi"
        "\tDự diễn đàn hợp tác địa phương\t5\t5\tĐầu năm 2026\tNgân sách tỉnh\t",
        "7\tĐoàn lãnh đạo tỉnh\tPhó Chủ tịch Thường trực UBND tỉnh\tCộng hòa Liên bang Đức\tBang Bayern"
        "\tXúc tiến hợp tác đào tạo nghề\t6\t7\tCuối năm\tNgân sách tỉnh\t",
        "",
        "**KẾ HOẠCH ĐOÀN VÀO CẤP TỈNH NĂM 2026**",
        IN_HEADER,
        "\t".join(f"Cột {n}" for n in range(1, 11)),
        "1\tĐoàn đại biểu tỉnh Irkutsk\tPhó Thống đốc\tLiên bang Nga\tThăm, làm việc\t8\t4\tQuý III/2026"
        "\tNgân sách tỉnh đón tiếp\t",
        "2\tĐoàn đại biểu bang Bayern\tBộ trưởng bang\tCộng hòa Liên bang Đức\tHội thảo đào tạo nghề\t6\t3"
        "\tTháng Mười năm 2026\tĐối tác tự túc\t",
        "3\tĐoàn đại biểu tỉnh Selenge\tTỉnh trưởng\tMông Cổ\tTrao đổi hợp tác\t5\t4\tNửa cuối năm 2026"
        "\tĐối tác tự túc\t",
        "",
    ]
)

# --------------------------------------------------------------------------- 5. Word: a unit's proposal

PROPOSAL_LETTERHEAD = (
    [
        "UBND TỈNH LÂM ĐỒNG",
        "<b>SỞ Y TẾ</b>",
        "Số: 215/SYT-KHTC",
        "V/v đăng ký kế hoạch đoàn ra, đoàn vào năm 2026",
    ],
    [
        "<b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b>",
        "<b>Độc lập - Tự do - Hạnh phúc</b>",
        "Lâm Đồng, ngày 10 tháng 11 năm 2025",
    ],
)
PROPOSAL_PROSE = [
    "Kính gửi: Sở Ngoại vụ tỉnh Lâm Đồng",
    "Thực hiện đề nghị của Sở Ngoại vụ về việc xây dựng kế hoạch công tác đối ngoại năm 2026, "
    "Sở Y tế đăng ký kế hoạch đoàn ra, đoàn vào năm 2026 của Sở và các đơn vị trực thuộc như sau:",
]
PROPOSAL_OUT_TITLE = "<b>DANH SÁCH ĐOÀN ĐI CÔNG TÁC NƯỚC NGOÀI NĂM 2026</b>"
PROPOSAL_OUT = [
    [
        "TT",
        "Tên đoàn",
        "Thành phần đoàn",
        "Nước đến",
        "Nội dung",
        "Số lượng",
        "Số ngày",
        "Thời gian dự kiến",
        "Nguồn kinh phí",
        "Ghi chú",
    ],
    [
        "1",
        "Đoàn cán bộ y tế học tập kỹ thuật ghép tạng",
        "PGS.TS. Nguyễn Văn Hùng, Giám đốc Sở Y tế (Trưởng đoàn) và 04 bác sĩ",
        "Hàn Quốc",
        "Học tập kỹ thuật ghép tạng tại Bệnh viện Asan",
        "05",
        "10",
        "Quý III/2026",
        "Ngân sách tỉnh và bệnh viện",
        "",
    ],
    [
        "2",
        "Đoàn Bệnh viện Đa khoa tỉnh",
        "Giám đốc Bệnh viện và 02 bác sĩ",
        "Cộng hòa Pháp",
        "Trao đổi chuyên môn với Bệnh viện Đại học Lyon",
        "03",
        "07",
        "Tháng 11/2026",
        "Kinh phí của Bệnh viện",
        "",
    ],
]
PROPOSAL_IN_TITLE = "<b>DANH SÁCH ĐOÀN KHÁCH QUỐC TẾ ĐẾN LÀM VIỆC NĂM 2026</b>"
PROPOSAL_IN = [
    [
        "TT",
        "Tên đoàn",
        "Cấp trưởng đoàn",
        "Đến từ nước",
        "Mục đích",
        "Số lượng",
        "Số ngày",
        "Thời điểm",
        "Kinh phí",
        "Ghi chú",
    ],
    [
        "1",
        "Đoàn chuyên gia Tổ chức Y tế Thế giới",
        "Trưởng đại diện tại Việt Nam",
        "Thụy Sĩ",
        "Khảo sát chương trình tiêm chủng mở rộng",
        "04",
        "03",
        "Quý II/2026",
        "Đối tác tự chi trả",
        "",
    ],
    [
        "2",
        "Đoàn bác sĩ tình nguyện Hàn Quốc",
        "Trưởng đoàn bác sĩ",
        "Hàn Quốc",
        "Khám bệnh, phát thuốc miễn phí cho người dân",
        "20",
        "07",
        "Tháng 8/2026",
        "Đối tác chi trả; Sở Y tế hỗ trợ đi lại",
        "",
    ],
]
PROPOSAL_END = ["Nơi nhận:", "- Như trên;", "- Lưu: VT, KHTC.", "GIÁM ĐỐC", "Nguyễn Văn Hùng"]

# --------------------------------------------------------------------------- 6. Word: contradictions

CONTRA_TITLE = ["KẾ HOẠCH ĐOÀN RA CỦA CÁC SỞ, NGÀNH NĂM 2026"]
CONTRA_HEADER = OUT_HEADER.split("\t")
CONTRA_FIRST = [
    [
        "1",
        "Đoàn UBND thành phố Quảng Ngãi",
        "Chủ tịch UBND thành phố",
        "Hàn Quốc",
        "Chính quyền thành phố Nam Kinh, tỉnh Giang Tô, Trung Quốc",
        "Thăm thành phố kết nghĩa",
        "6",
        "5",
        "Tháng 4/2026",
        "Ngân sách thành phố",
        "",
    ],
    [
        "2",
        "Đoàn Sở Khoa học và Công nghệ",
        "Giám đốc Sở",
        "Nhật Bản",
        "Tỉnh Gyeonggi, Hàn Quốc",
        "Học tập mô hình đổi mới sáng tạo",
        "5",
        "6",
        "Quý II/2025",
        "Ngân sách tỉnh",
        "",
    ],
    [
        "3",
        "Đoàn Sở Du lịch",
        "Giám đốc Sở",
        "Campuchea",
        "Bộ Du lịch Vương quốc Campuchia",
        "Quảng bá du lịch",
        "4",
        "4",
        "Đầu năm",
        "Xã hội hóa",
        "",
    ],
]
#: after the page break: the header and the column numbers repeated
CONTRA_SECOND = [
    [
        "4",
        "Đoàn Sở Tài chính",
        "Phó Giám đốc Sở",
        "Thái Lan",
        "Tỉnh Udon Thani",
        "Học tập quản lý tài chính công",
        "4",
        "5",
        "Tháng 9/2026",
        "Ngân sách tỉnh",
        "",
    ],
    [
        "5",
        "Đoàn Hội Nông dân tỉnh",
        "Chủ tịch Hội",
        "Lào",
        "Hội Nông dân tỉnh Luông Pha Băng",
        "Trao đổi mô hình nông nghiệp",
        "8",
        "6",
        "Tháng 10/2026",
        "Ngân sách tỉnh",
        "",
    ],
]
#: a second table whose title says outbound while its columns say inbound
CONTRA_IN_TITLE = ["DANH SÁCH ĐOÀN RA CỦA SỞ NGOẠI VỤ NĂM 2026"]
CONTRA_IN = [
    IN_HEADER.split("\t"),
    [
        "1",
        "Đoàn đại biểu tỉnh Xiêng Khoảng",
        "Phó Tỉnh trưởng",
        "CHDCND Lào",
        "Thăm và làm việc tại tỉnh",
        "10",
        "4",
        "Tháng 12/2026",
        "Ngân sách tỉnh đón tiếp",
        "",
    ],
]

# --------------------------------------------------------------------------- 7. Excel: two-row header, lettered groups

LETTERS_TITLE = ["DỰ KIẾN ĐOÀN VÀO CỦA CÁC SỞ, NGÀNH, ĐỊA PHƯƠNG NĂM 2026"]
#: first header row: (text, columns spanned); the single columns are merged down over both rows
LETTERS_TOP = [
    ("STT", 1),
    ("Đơn vị tiếp đón", 1),
    ("Tên đoàn", 1),
    ("Trưởng đoàn", 1),
    ("Quốc gia", 1),
    ("Nội dung", 1),
    ("Số lượng", 1),
    ("Thời gian", 2),
    ("Kinh phí", 1),
    ("Ghi chú", 1),
]
LETTERS_SUB = {7: "Số ngày", 8: "Thời điểm"}
LETTERS_ROWS: list = [
    ("group", "A", "Đoàn vào của các sở, ngành"),
    [
        1,
        "Sở Y tế",
        "Đoàn chuyên gia y tế Nhật Bản",
        "Giáo sư Tanaka Hiroshi",
        "Nhật Bản",
        "Chuyển giao kỹ thuật nội soi",
        5,
        7,
        "Tháng 4/2026",
        "Đối tác tự túc",
        "",
    ],
    [
        2,
        "Sở Giáo dục và Đào tạo",
        "Đoàn giáo viên tình nguyện Úc",
        "Điều phối viên chương trình",
        "Ô-xtrây-li-a",
        "Dạy tiếng Anh tại các trường phổ thông",
        12,
        30,
        "Quý III/2026",
        "Đối tác chi trả",
        "Đoàn ở 01 tháng",
    ],
    ("group", "B", "Đoàn vào của các huyện, thành phố"),
    [
        1,
        "UBND huyện Đức Phổ",
        "Đoàn thành phố Yeosu",
        "Phó Thị trưởng",
        "Hàn Quốc",
        "Giao lưu hữu nghị",
        8,
        3,
        "Tháng 5/2026",
        "Ngân sách huyện đón tiếp",
        "",
    ],
]

DOCUMENTS = [
    "word_synonyms_reordered.docx",
    "word_two_row_header_continued.docx",
    "excel_units_numbered.xlsx",
    "text_transliterated_periods.txt",
    "word_unit_proposal.docx",
    "word_contradictions.docx",
    "excel_two_row_letters.xlsx",
]


# --------------------------------------------------------------------------- writers


def build(name: str, folder: Path) -> Path:
    """Write the document ``name`` (one of ``DOCUMENTS``) into ``folder``."""
    path = Path(folder) / name
    writers = {
        "word_synonyms_reordered.docx": _synonyms,
        "word_two_row_header_continued.docx": _two_row,
        "excel_units_numbered.xlsx": _units,
        "text_transliterated_periods.txt": _transliterated,
        "word_unit_proposal.docx": _proposal,
        "word_contradictions.docx": _contradictions,
        "excel_two_row_letters.xlsx": _letters,
    }
    writers[name](path)
    return path


def _runs(paragraph, text: str, *, bold: bool = False) -> None:
    """Text with <b>…</b> stretches as bold runs."""
    import re

    for piece in re.split(r"(<b>.*?</b>)", text):
        if not piece:
            continue
        inner = piece[3:-4] if piece.startswith("<b>") else piece
        run = paragraph.add_run(inner)
        if bold or piece.startswith("<b>"):
            run.bold = True


def _set(cell, text: str, *, bold: bool = False) -> None:
    cell.text = ""
    _runs(cell.paragraphs[0], text, bold=bold)


def _word_table(document, rows: list[list[str]]):
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            if text:
                _set(table.cell(r, c), str(text))
    return table


def _title(document, lines: list[str]) -> None:
    for line in lines:
        paragraph = document.add_paragraph()
        _runs(paragraph, line, bold=not line.startswith("("))


def _page_break(document) -> None:
    from docx.enum.text import WD_BREAK

    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _synonyms(path: Path) -> None:
    import docx

    document = docx.Document()
    _title(document, SYNONYMS_TITLE)
    _word_table(document, SYNONYMS_ROWS)
    document.save(path)


def _two_row_header(table, top: list[tuple[str, int]], sub: dict[int, str]) -> None:
    """Rows 0 and 1 of ``table``: group headings spanning columns, single headings merged down."""
    column = 0
    for text, span in top:
        first = table.cell(0, column)
        if span > 1:
            merged = first.merge(table.cell(0, column + span - 1))
            _set(merged, text, bold=True)
            for offset in range(span):
                _set(table.cell(1, column + offset), sub[column + offset], bold=True)
        else:
            merged = first.merge(table.cell(1, column))
            _set(merged, text, bold=True)
        column += span


def _two_row(path: Path) -> None:
    import docx

    document = docx.Document()
    _title(document, TWO_ROW_TITLE)
    width = sum(span for _, span in TWO_ROW_TOP)
    numbers = [str(n) for n in range(1, width + 1)]
    table = _word_table(document, [[""] * width, [""] * width, numbers, *TWO_ROW_FIRST])
    _two_row_header(table, TWO_ROW_TOP, TWO_ROW_SUB)
    _page_break(document)
    _word_table(document, TWO_ROW_SECOND)
    document.save(path)


def _contradictions(path: Path) -> None:
    import docx

    document = docx.Document()
    _title(document, CONTRA_TITLE)
    numbers = [str(n) for n in range(1, len(CONTRA_HEADER) + 1)]
    _word_table(document, [CONTRA_HEADER, numbers, *CONTRA_FIRST])
    _page_break(document)
    _word_table(document, [CONTRA_HEADER, numbers, *CONTRA_SECOND])
    document.add_paragraph("")
    _title(document, CONTRA_IN_TITLE)
    _word_table(document, CONTRA_IN)
    document.save(path)


def _proposal(path: Path) -> None:
    import docx

    document = docx.Document()
    letterhead = document.add_table(rows=1, cols=2)
    for cell, lines in zip(letterhead.rows[0].cells, PROPOSAL_LETTERHEAD, strict=True):
        cell.text = ""
        for index, line in enumerate(lines):
            paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
            _runs(paragraph, line)
    for line in PROPOSAL_PROSE:
        document.add_paragraph(line)
    _title(document, [PROPOSAL_OUT_TITLE])
    _word_table(document, PROPOSAL_OUT)
    _title(document, [PROPOSAL_IN_TITLE])
    _word_table(document, PROPOSAL_IN)
    for line in PROPOSAL_END:
        document.add_paragraph(line)
    document.save(path)


def _excel_put(sheet, row: int, column: int, value, *, bold: bool = False) -> None:
    from openpyxl.styles import Font

    if value in ("", None):
        return
    cell = sheet.cell(row=row, column=column, value=value)
    if bold:
        cell.font = Font(bold=True)


def _excel_title(sheet, lines, width: int) -> int:
    """The title lines, each merged across the table; returns the next row."""
    row = 1
    for line in lines:
        _excel_put(sheet, row, 1, line, bold=True)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        row += 1
    return row


def _excel_rows(sheet, row: int, items, width: int) -> None:
    """Data rows, and heading rows (a tuple: its marker, its number, its text merged across the table)."""
    for item in items:
        if isinstance(item, tuple):
            _, number, text = item
            _excel_put(sheet, row, 1, number, bold=True)
            _excel_put(sheet, row, 2, text, bold=True)
            sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=width)
        else:
            for column, value in enumerate(item, 1):
                _excel_put(sheet, row, column, value)
        row += 1


def _units(path: Path) -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Đoàn ra"
    width = len(UNITS_HEADER)
    row = _excel_title(sheet, UNITS_TITLE, width)
    for column, text in enumerate(UNITS_HEADER, 1):
        _excel_put(sheet, row, column, text, bold=True)
    row += 1
    for column in range(1, width + 1):
        _excel_put(sheet, row, column, f"({column})")
    row += 1
    _excel_rows(sheet, row, UNITS_ROWS, width)
    workbook.save(path)


def _letters(path: Path) -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Đoàn vào"
    width = sum(span for _, span in LETTERS_TOP)
    row = _excel_title(sheet, LETTERS_TITLE, width)
    column = 1
    for text, span in LETTERS_TOP:
        _excel_put(sheet, row, column, text, bold=True)
        if span > 1:
            sheet.merge_cells(start_row=row, start_column=column, end_row=row, end_column=column + span - 1)
            for offset in range(span):
                _excel_put(sheet, row + 1, column + offset, LETTERS_SUB[column - 1 + offset], bold=True)
        else:
            sheet.merge_cells(start_row=row, start_column=column, end_row=row + 1, end_column=column)
        column += span
    row += 2
    for column in range(1, width + 1):
        _excel_put(sheet, row, column, f"[{column}]")
    row += 1
    _excel_rows(sheet, row, LETTERS_ROWS, width)
    workbook.save(path)


def _transliterated(path: Path) -> None:
    path.write_text(TRANSLITERATED_TEXT, "utf-8")
