"""The execution report and a delegation's briefing as Word and PDF files: the writers, the downloads, the API,
the commands.

The plan year is taken through its life by the real services (as in
``test_execution_report``); the files are read back with python-docx (the
Word ones) or searched byte by byte (the PDFs: the embedded font, the pages,
the pictures), and the downloads checked against what each user may see.
"""

from __future__ import annotations

import datetime
import io
import re
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command
from docx import Document
from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw

from doingoai.delegations import services
from doingoai.delegations.models import DelegationMember
from doingoai.documents import charts, page
from doingoai.documents.blocks import authority, place_and_date
from doingoai.documents.briefing import briefing_context, briefing_docx, briefing_pdf, steps_of
from doingoai.documents.report import report_docx, report_pdf
from doingoai.people.models import Person
from doingoai.reports.selectors import execution_report
from doingoai.rules import services as rule_services

pytestmark = pytest.mark.django_db

YEAR = 2026
D = datetime.date
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
APPROVE = ("approve", {"document_number": "123/KH-UBND", "document_date": D(YEAR, 1, 15)})
PLANNED = (("submit", {}), ("include", {}), APPROVE)


@pytest.fixture
def officers(make_user, units, other_province):
    return {
        "office": make_user("office", units["office"], username="sngv"),
        "school": make_user("unit", units["school"], username="truong"),
        "stranger": make_user("office", provinces=[other_province], username="dongnai"),
    }


def _through(row, officers, *steps):
    for action, values in steps:
        user = officers["school"] if action == "submit" else officers["office"]
        row = services.delegation_transition(row, user=user, action=action, **values)
    return row


@pytest.fixture
def year(delegation, officers):
    """A plan year: name → delegation; two carried out, one postponed, one cancelled, one pending (three
    delegations on one row), one rejected, one outside the plan."""

    def make(name, *, month=5, **values):
        start = D(YEAR, month, 1)
        return delegation(name=name, year=YEAR, period_start=start, period_end=start, **values)

    rows = {
        "Đoàn học tập kinh nghiệm tại Lào": _through(
            make("Đoàn học tập kinh nghiệm tại Lào", month=3),
            officers,
            *PLANNED,
            ("depart", {"date": D(YEAR, 3, 10)}),
            ("return", {"date": D(YEAR, 3, 16)}),
        ),
        "Đoàn xúc tiến đầu tư Hàn Quốc": _through(
            make("Đoàn xúc tiến đầu tư Hàn Quốc", month=8, countries=["KR"]),
            officers,
            *PLANNED,
            ("depart", {"date": D(YEAR, 8, 1)}),
        ),
        "Đoàn trao đổi giáo dục Thái Lan": _through(
            make("Đoàn trao đổi giáo dục Thái Lan", month=5, countries=["TH"]),
            officers,
            *PLANNED,
            ("postpone", {"reason": "Đối tác đề nghị lùi"}),
        ),
        "Đoàn khảo sát thị trường Nhật Bản": _through(
            make("Đoàn khảo sát thị trường Nhật Bản", month=9, countries=["JP"]),
            officers,
            *PLANNED,
            ("cancel", {"reason": "Không bố trí được kinh phí"}),
        ),
        "Đoàn tuyển sinh": _through(make("Đoàn tuyển sinh", month=2, delegation_count=3), officers, *PLANNED),
        "Đoàn trùng nội dung": _through(
            make("Đoàn trùng nội dung", month=10), officers, ("submit", {}), ("reject", {"reason": "Trùng"})
        ),
        "Đoàn phát sinh dự hội chợ": _through(
            make("Đoàn phát sinh dự hội chợ", month=6, out_of_plan=True),
            officers,
            ("submit", {}),
            APPROVE,
            ("depart", {"date": D(YEAR, 6, 20)}),
        ),
    }
    services.report_file(
        rows["Đoàn học tập kinh nghiệm tại Lào"],
        user=officers["school"],
        values={"activities": "Làm việc", "days_actual": 7},
    )
    return rows


@pytest.fixture
def briefed(delegation, officers, province):
    """An approved delegation with a head, a member and a warning in force (twelve people: too many)."""
    row = delegation(
        name="Đoàn lãnh đạo tỉnh thăm Hàn Quốc",
        year=YEAR,
        countries=["KR"],
        people_min=12,
        people_max=12,
        period_start=D(YEAR, 4, 1),
        period_end=D(YEAR, 4, 1),
    )
    row = _through(row, officers, *PLANNED)
    head = Person.objects.create(
        province=province, full_name="Nguyễn Văn Hưng", title="Phó Chủ tịch UBND tỉnh", key_position=True
    )
    member = Person.objects.create(province=province, full_name="Trần Thị Ngọc Điệp", title="Chuyên viên")
    DelegationMember.objects.create(delegation=row, person=member, role="member")
    DelegationMember.objects.create(delegation=row, person=head, role="head")
    rule_services.warnings_refresh(province.pk, YEAR)
    return row


def docx_text(data: bytes) -> tuple[Document, str]:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return document, "\n".join(parts)


def table_rows(document) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]


def table_row(document, first: str) -> list[str]:
    for cells in table_rows(document):
        if cells[0] == first:
            return cells
    raise AssertionError(f"no row «{first}»")


def pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", data))


# --------------------------------------------------------------------------- the writers


def test_the_report_in_word(year, officers, province):
    report = execution_report(officers["office"], province, YEAR)
    document, text = docx_text(report_docx(report))
    assert "UBND TỈNH THÁI NGUYÊN" in text and "SỞ NGOẠI VỤ" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "BÁO CÁO\nKết quả thực hiện kế hoạch đoàn ra, đoàn vào năm 2026 – Thái Nguyên" in text
    assert document.core_properties.title == report.title
    # the figures: two carried out, five rows planned standing for seven delegations
    assert table_row(document, "Đã thực hiện")[1:] == ["2", "2"]
    assert table_row(document, "Theo kế hoạch")[1:] == ["7", "5"]
    assert table_row(document, "Phát sinh ngoài kế hoạch")[1:] == ["1", "1"]
    assert table_row(document, "Số ngày")[1:] == ["42", "13"]  # 7 × 6 planned; 7 (report) + 6 actual
    assert table_row(document, "Nộp đúng hạn")[1] == "0" and table_row(document, "Nộp muộn")[1] == "1"
    assert table_row(document, "Lào")[1:3] == ["4 (2 hàng)", "1"]
    assert table_row(document, "Trường Cao đẳng Thái Nguyên")[1] == "7 (5 hàng)"
    for name in year:
        assert name in text, name
    assert "Đoàn tuyển sinh (3 đoàn)" in text
    assert len(document.inline_shapes) == 3  # the charts
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.left_margin.mm) == 30
    assert document.styles["Normal"].font.name == "Times New Roman"


def test_the_first_half_year_in_word(year, officers, province):
    report = execution_report(officers["office"], province, YEAR, 1)
    document, text = docx_text(report_docx(report))
    assert "6 tháng đầu năm 2026" in text
    assert table_row(document, "Đã thực hiện")[1] == "1"
    assert "Đoàn xúc tiến đầu tư Hàn Quốc" not in text  # it left in August


def test_the_report_in_pdf(year, officers, province):
    data = report_pdf(execution_report(officers["office"], province, YEAR))
    assert data.startswith(b"%PDF-")
    assert b"LiberationSerif" in data and b"/FontFile2" in data  # the bundled font, embedded
    assert pdf_pages(data) >= 2
    assert len(re.findall(rb"/Subtype\s*/Image", data)) == 3  # the charts


def test_a_year_without_delegations(officers, province):
    report = execution_report(officers["office"], province, 2030)
    document, text = docx_text(report_docx(report))
    assert len(document.inline_shapes) == 3 and "Không có đoàn nào." in text
    assert report_pdf(report).startswith(b"%PDF-")


def test_the_charts_draw_vietnamese_labels():
    names = ["Sở Giáo dục và Đào tạo tỉnh Thái Nguyên, Trường Đại học Sư phạm", "Lào", "Hàn Quốc"]
    series = [
        charts.Series(*charts.PLANNED, [3, 1, 12]),
        charts.Series(*charts.CARRIED_OUT, [2, 0, 7]),
        charts.Series(*charts.OUT_OF_PLAN, [0, 1, 0]),
    ]
    bars = Image.open(io.BytesIO(charts.bar_chart(names, series)))
    columns = Image.open(io.BytesIO(charts.column_chart(list(charts.QUARTERS[:3]), series)))
    for image in (bars, columns):
        assert image.format == "PNG" and image.width == charts.WIDTH
    # the names were drawn in ink: left of the bars, under the columns
    assert bars.convert("L").crop((0, 100, 560, 250)).getextrema()[0] < 60
    assert columns.convert("L").crop((200, columns.height - 60, 1700, columns.height)).getextrema()[0] < 60

    # each Vietnamese letter is a glyph of the font, not the box of a missing one
    def glyph(letter: str) -> bytes:
        image = Image.new("L", (60, 60))
        ImageDraw.Draw(image).text((10, 10), letter, font=charts.font(30), fill=255)
        return image.tobytes()

    missing = glyph("\U0010fffd")
    for letter in "ĐưệƯỡ":
        assert glyph(letter) != missing, letter
    cmap = TTFont(page.PDF_FONT_FILES[""]).getBestCmap()
    assert all(ord(letter) in cmap for letter in "ĐđưƯệỆốờữẫ")
    empty = Image.open(io.BytesIO(charts.bar_chart([], series[:1])))
    assert empty.height > 100  # "Không có số liệu", not an error


def test_the_charts_count_per_quarter(year, officers, province):
    planned, carried_out = charts.quarter_figures(execution_report(officers["office"], province, YEAR))
    assert planned == [4, 1, 2, 0]  # Q1: March and the three of February; Q2: May; Q3: August, September
    assert carried_out == [1, 0, 1, 0]  # gone in March and in August


def test_the_letterhead_words(province):
    assert authority(province) == "UBND TỈNH THÁI NGUYÊN"
    assert authority(SimpleNamespace(name="Thành phố Hà Nội")) == "UBND THÀNH PHỐ HÀ NỘI"
    assert place_and_date(province, D(2026, 2, 5)) == "Thái Nguyên, ngày 05 tháng 02 năm 2026"
    assert place_and_date(province, D(2026, 11, 20)) == "Thái Nguyên, ngày 20 tháng 11 năm 2026"


def test_the_briefing(briefed, officers, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        context = briefing_context(briefed, officers["office"])
        steps = [step.label for step in context["steps"]]
    assert steps == ["Đã gửi Sở Ngoại vụ", "Đã đưa vào kế hoạch của tỉnh", "Đã phê duyệt"]
    assert [m.person.full_name for m in context["members"]][0] == "Nguyễn Văn Hưng"  # the head first
    (warning,) = context["warnings"]
    document, text = docx_text(
        briefing_docx(briefed, **{k: context[k] for k in ("warnings", "steps", "members")})
    )
    assert "TÓM TẮT THÔNG TIN ĐOÀN" in text and briefed.name in text
    assert table_row(document, "Trưởng đoàn")[1].startswith("Nguyễn Văn Hưng (Phó Chủ tịch UBND tỉnh")
    members = table_row(document, "Thành viên")[1]
    assert "Trần Thị Ngọc Điệp" in members and "Thành viên" in members and "Trưởng đoàn" in members
    assert table_row(document, "Nước")[1] == "Hàn Quốc"
    assert "123/KH-UBND ngày 15/01/2026" in table_row(document, "Văn bản phê duyệt")[1]
    approval = [row for row in table_rows(document) if row[1] == "Đã phê duyệt"]
    assert approval and approval[0][2] == "sngv" and approval[0][3] == "123/KH-UBND ngày 15/01/2026"
    assert warning.message in text and warning.rule_title in text
    assert "Kinh phí" in text and "Đối tác chi trả" in text
    pdf = briefing_pdf(
        briefed, warnings=context["warnings"], steps=context["steps"], members=context["members"]
    )
    assert pdf.startswith(b"%PDF-") and pdf_pages(pdf) == 1 and b"LiberationSerif" in pdf


def test_an_undone_step_is_left_out_of_the_briefing(briefed, officers):
    row = services.delegation_transition(briefed, user=officers["office"], action="postpone", reason="Lùi")
    row = services.delegation_transition(row, user=officers["office"], action="undo", reason="Nhầm")
    assert [step.label for step in steps_of(row)][-1] == "Đã phê duyệt"


# --------------------------------------------------------------------------- the downloads


def test_the_report_downloads(client, year, officers, province):
    client.force_login(officers["office"])
    url = f"/xuat/bao-cao/?province={province.pk}&year={YEAR}"
    word = client.get(url + "&format=docx")
    assert word.status_code == 200 and word["Content-Type"] == DOCX
    assert word["Content-Disposition"] == 'attachment; filename="bao-cao-thuc-hien-thai-nguyen-2026.docx"'
    assert "Đã thực hiện" in docx_text(word.content)[1]
    pdf = client.get(url + "&half=1&format=pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-") and "6-thang-2026.pdf" in pdf["Content-Disposition"]
    bad = client.get(url + "&format=xls")
    assert bad.status_code == 400 and "Định dạng phải là docx (Word) hoặc pdf" in bad.content.decode()
    bad_year = client.get(f"/xuat/bao-cao/?province={province.pk}&year=20x6&format=pdf")
    assert bad_year.status_code == 400 and "Năm không hợp lệ" in bad_year.content.decode()
    assert (
        client.get(f"/xuat/bao-cao/?province={province.pk}&year={YEAR}&half=2&format=pdf").status_code == 400
    )
    page_html = client.get(f"/bao-cao/thuc-hien/?province={province.pk}&year={YEAR}").content.decode()
    assert (
        f'href="/xuat/bao-cao/?province={province.pk}&amp;year={YEAR}&amp;format=docx">Tải Word' in page_html
    )
    assert "Tải PDF" in page_html
    client.force_login(officers["stranger"])
    assert client.get(url + "&format=docx").status_code == 404
    client.logout()
    assert client.get(url + "&format=docx").status_code == 302  # to the login page


def test_the_briefing_downloads(client, briefed, officers):
    client.force_login(officers["school"])
    word = client.get(f"/xuat/doan/{briefed.pk}/tom-tat/?format=docx")
    assert word.status_code == 200 and word["Content-Type"] == DOCX
    assert f'filename="tom-tat-doan-{briefed.pk}.docx"' in word["Content-Disposition"]
    assert "Nguyễn Văn Hưng" in docx_text(word.content)[1]
    pdf = client.get(f"/xuat/doan/{briefed.pk}/tom-tat/?format=pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert client.get(f"/xuat/doan/{briefed.pk}/tom-tat/?format=odt").status_code == 400
    detail = client.get(briefed.get_absolute_url()).content.decode()
    assert "Tóm tắt cho lãnh đạo" in detail and f"/xuat/doan/{briefed.pk}/tom-tat/?format=pdf" in detail
    client.force_login(officers["stranger"])
    assert client.get(f"/xuat/doan/{briefed.pk}/tom-tat/?format=docx").status_code == 404
    assert client.get(f"/xuat/doan/{briefed.pk + 999}/tom-tat/?format=docx").status_code == 404


def test_the_api_answers_the_same_files(client, year, briefed, officers, province):
    client.force_login(officers["office"])  # a session, no token
    report = client.get(f"/api/exports/report/?province={province.pk}&year={YEAR}&format=pdf")
    assert report.status_code == 200 and report["Content-Type"] == "application/pdf"
    assert report.content.startswith(b"%PDF-")
    word = client.get(f"/api/exports/report/?province={province.pk}&year={YEAR}&half=1&format=docx")
    assert word.status_code == 200 and word["Content-Type"] == DOCX
    assert "bao-cao-thuc-hien-thai-nguyen-6-thang-2026.docx" in word["Content-Disposition"]
    brief = client.get(f"/api/exports/briefing/{briefed.pk}/?format=docx")
    assert brief.status_code == 200 and brief["Content-Type"] == DOCX
    wrong = client.get(f"/api/exports/report/?province={province.pk}&year=abc&format=xls")
    assert wrong.status_code == 400
    assert "Năm không hợp lệ" in str(wrong.json()) and "Định dạng phải là" in str(wrong.json())
    assert client.get(f"/api/exports/briefing/{briefed.pk}/").status_code == 400
    schema = client.get("/api/schema/").content.decode()
    assert "/api/exports/report/" in schema and "/api/exports/briefing/{id}/" in schema
    client.force_login(officers["stranger"])
    assert (
        client.get(f"/api/exports/report/?province={province.pk}&year={YEAR}&format=pdf").status_code == 404
    )
    assert client.get(f"/api/exports/briefing/{briefed.pk}/?format=pdf").status_code == 404
    client.logout()
    assert client.get(f"/api/exports/briefing/{briefed.pk}/?format=pdf").status_code in (401, 403)


# --------------------------------------------------------------------------- the commands


def test_the_commands_write_the_files(year, briefed, officers, tmp_path):
    out = io.StringIO()
    target = tmp_path / "bao-cao.docx"
    call_command(
        "exportreport", "--province", "thai nguyen", "--year", str(YEAR), "--format", "docx",
        "-o", str(target), "--as", "sngv", stdout=out,
    )  # fmt: skip
    assert "Đã thực hiện" in docx_text(target.read_bytes())[1] and "Đã ghi" in out.getvalue()
    half = tmp_path / "bao-cao.pdf"
    call_command(
        "exportreport", "--province", "Thái Nguyên", "--year", str(YEAR), "--half", "1",
        "--format", "pdf", "-o", str(half), "--as", "sngv", stdout=io.StringIO(),
    )  # fmt: skip
    assert half.read_bytes().startswith(b"%PDF-")
    brief = tmp_path / "tom-tat.pdf"
    call_command(
        "exportbriefing", "--delegation", str(briefed.pk), "--format", "pdf", "-o", str(brief),
        "--as", "truong", stdout=io.StringIO(),
    )  # fmt: skip
    assert brief.read_bytes().startswith(b"%PDF-")


def test_the_commands_refuse_in_vietnamese(briefed, officers, tmp_path):
    target = str(tmp_path / "x.docx")
    with pytest.raises(CommandError, match="Không có tỉnh «Hà Giang»"):
        call_command(
            "exportreport", "--province", "Hà Giang", "--year", "2026", "--format", "docx", "-o", target,
            "--as", "sngv",
        )  # fmt: skip
    with pytest.raises(CommandError, match="không được xem tỉnh Thái Nguyên"):
        call_command(
            "exportreport", "--province", "Thái Nguyên", "--year", "2026", "--format", "docx", "-o", target,
            "--as", "dongnai",
        )  # fmt: skip
    for who, pk in (("sngv", briefed.pk + 999), ("dongnai", briefed.pk)):
        with pytest.raises(
            CommandError, match=f"Không có đoàn mã {pk} hoặc tài khoản «{who}» không được xem"
        ):
            call_command(
                "exportbriefing", "--delegation", str(pk), "--format", "docx", "-o", target, "--as", who
            )
