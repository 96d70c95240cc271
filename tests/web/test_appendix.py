"""The plan's appendix tables: written in Word and Excel, read back by the system's own reader, the same records.

The round trip runs on the whole demo (the five sample plans, the demo's
delegations in every state, next year's proposals): for every province, year,
direction and level, each table written and read back gives exactly the
records it was written from, field by field. Then the pages, the API, the
command and the CSV of the lists, each within what the user may see.
"""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from docx import Document
from openpyxl import load_workbook

from doingoai.delegations.models import Delegation
from doingoai.documents import appendix
from doingoai.extraction.pipeline import extract_bytes
from doingoai.organization.models import Province
from doingoai.plans.importer.common import DELEGATION_FIELDS
from doingoai.plans.importer.values import delegation_values, stored_value

#: what the importer compares on a re-import, but a table does not carry as a value: its place and grouping
LAYOUT = ("section", "unit_heading", "tt", "out_of_plan")
#: found by the reader in the text (partners, name): a delegation written on the form may hold none yet
FOUND_IN_TEXT = ("localities",)
#: the fields a record read back must give exactly as the delegation holds them (the importer's comparison)
FIELDS = tuple(name for name in DELEGATION_FIELDS if name not in LAYOUT + FOUND_IN_TEXT)


@pytest.fixture
def demo(settings, tmp_path, django_db_setup, django_db_blocker):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("demo", "--no-serve", stdout=io.StringIO())
    return get_user_model().objects.get(username="quantri")


@pytest.mark.django_db
def test_every_table_of_the_demo_reads_back_as_the_records_it_was_written_from(demo):
    checked = 0
    combinations = (
        Delegation.objects.filter(status__in=Delegation.PLAN_STATES)
        .values_list("province", "year", "direction", "level")
        .distinct()
    )
    assert len(combinations) >= 12
    for province_id, year, direction, level in combinations:
        province = Province.objects.get(pk=province_id)
        tables = appendix.plan_appendices(demo, province, year, direction=direction, level=level)
        for file_format in ("docx", "xlsx"):
            data = appendix.write(tables, file_format)
            records = extract_bytes(data, f"phu-luc.{file_format}").delegations
            written = tables[0].delegations
            where = f"{province.name} {year} {direction} {level} {file_format}"
            assert len(records) == len(written), where
            for delegation, record in zip(written, records, strict=True):
                values = delegation_values(record)
                for name in FIELDS:
                    assert values[name] == stored_value(delegation, name), (where, delegation.pk, name)
                if delegation.localities:
                    assert values["localities"] == delegation.localities, (where, delegation.pk)
                grouped_by_unit = level == "department" and all(d.owner_id for d in written)
                unit = delegation.owner.name if grouped_by_unit else None
                assert record["unit"] == unit, (where, delegation.pk)
                checked += 1
    assert checked >= 2 * 140


@pytest.mark.django_db
def test_the_word_table_is_laid_out_as_the_plans_are(demo):
    province = Province.objects.get(name="Thái Nguyên")
    tables = appendix.plan_appendices(demo, province, 2024, direction="out", level="department")
    document = Document(io.BytesIO(appendix.write(tables, "docx")))
    section = document.sections[0]
    assert section.page_width > section.page_height  # landscape A4
    assert round(section.page_width.mm) == 297 and round(section.left_margin.mm) == 30
    assert document.styles["Normal"].font.name == "Times New Roman"
    table = document.tables[0]
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert tables[0].title in texts and any(text.startswith("(Kèm theo") for text in texts)
    assert [cell.text for cell in table.rows[0].cells][:3] == ["TT", "Tên đoàn", "Trưởng đoàn"]
    assert [cell.text for cell in table.rows[1].cells][1:4] == ["1", "2", "3"]
    for row in table.rows[:2]:  # repeated on every page
        assert (
            row._tr.trPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader")
            is not None
        )
    assert all(
        row._tr.trPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}cantSplit")
        is not None
        for row in table.rows
    )
    assert "Ghi chú:" in texts


@pytest.mark.django_db
def test_the_excel_table_prints_and_counts(demo):
    province = Province.objects.get(name="Đồng Nai")
    tables = appendix.plan_appendices(demo, province, 2025, direction="out", level="province")
    sheet = load_workbook(io.BytesIO(appendix.write(tables, "xlsx"))).active
    assert sheet.freeze_panes == "A6" and sheet.print_title_rows == "$4:$5"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
    people = [row[6] for row in sheet.iter_rows(min_row=6, values_only=True) if isinstance(row[6], int)]
    assert people and all(isinstance(value, int) for value in people)  # figures are numbers
    assert sheet["A4"].value == "TT" and sheet["A4"].font.name == "Times New Roman"


@pytest.mark.django_db
def test_downloads_respect_who_may_see_what(client, demo):
    thai_nguyen = Province.objects.get(name="Thái Nguyên")
    dong_nai = Province.objects.get(name="Đồng Nai")
    unit_officer = get_user_model().objects.get(username="donvi.cdthainguyen")
    client.force_login(unit_officer)
    ok = client.get("/xuat/phu-luc/", {"province": thai_nguyen.pk, "year": 2024, "format": "xlsx"})
    assert ok.status_code == 200 and ok["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="phu-luc-ke-hoach-2024.xlsx"' in ok["Content-Disposition"]
    assert len(load_workbook(io.BytesIO(ok.content)).sheetnames) == 4
    assert (
        client.get("/xuat/phu-luc/", {"province": dong_nai.pk, "year": 2025, "format": "docx"}).status_code
        == 404
    )
    bad = client.get("/xuat/phu-luc/", {"province": thai_nguyen.pk, "year": 2024, "format": "pdf"})
    assert (
        bad.status_code == 400 and "Định dạng phải là docx (Word) hoặc xlsx (Excel)." in bad.content.decode()
    )
    empty = client.get("/xuat/phu-luc/", {"province": thai_nguyen.pk, "year": 2031, "format": "docx"})
    assert empty.status_code == 400 and "chưa có đoàn nào" in empty.content.decode()
    listed = client.get(
        "/xuat/phu-luc/", {"danh-sach": "1", "format": "docx", "year": "2024", "direction": "in"}
    )
    assert listed.status_code == 200
    records = extract_bytes(listed.content, "x.docx").delegations
    assert records and {record["direction"] for record in records} == {"in"}

    api = client.get(
        "/api/exports/appendix/",
        {
            "province": thai_nguyen.pk,
            "year": 2024,
            "direction": "out",
            "level": "department",
            "format": "docx",
        },
    )
    assert api.status_code == 200 and len(extract_bytes(api.content, "x.docx").delegations) == 12
    refused = client.get(
        "/api/exports/appendix/", {"province": thai_nguyen.pk, "year": "abc", "format": "docx"}
    )
    assert refused.status_code == 400 and refused.json()["year"] == ["Năm không hợp lệ."]


@pytest.mark.django_db
def test_the_command_writes_the_table(demo, tmp_path):
    out = io.StringIO()
    target = tmp_path / "phu-luc.docx"
    call_command(
        "exportappendix",
        "--province",
        "thai nguyen",
        "--year",
        "2024",
        "--direction",
        "out",
        "--level",
        "department",
        "--format",
        "docx",
        "--output",
        str(target),
        stdout=out,
    )
    assert "12 đoàn" in out.getvalue()
    assert len(extract_bytes(target.read_bytes(), "x.docx").delegations) == 12
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="không được xem tỉnh"):
        call_command(
            "exportappendix",
            "--province",
            "Đồng Nai",
            "--year",
            "2025",
            "--direction",
            "out",
            "--level",
            "province",
            "--format",
            "xlsx",
            "--output",
            str(tmp_path / "x.xlsx"),
            "--as",
            "donvi.cdthainguyen",
        )


@pytest.mark.django_db
def test_any_list_as_csv_for_excel(client, demo):
    row = Delegation.objects.filter(province__name="Thái Nguyên", year=2024).first()
    Delegation.objects.filter(pk=row.pk).update(name='=HYPERLINK("http://x")')
    client.force_login(demo)
    response = client.get("/doan/", {"xuat": "csv", "year": 2024})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert "Tên đoàn" in rows[0]
    names = [line[rows[0].index("Tên đoàn")] for line in rows[1:]]
    assert '\'=HYPERLINK("http://x")' in names  # text, not a formula
    assert len(rows) - 1 == Delegation.objects.filter(year=2024, deleted_at__isnull=True).count()
