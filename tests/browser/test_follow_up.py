"""Following tasks and agreements in the browser: a unit writes its progress, the office records a
signing, keeps the signed file, sees the report owed and downloads the year's list; at 1366 px and 390 px."""

from __future__ import annotations

import datetime
import io

from docx import Document
from openpyxl import load_workbook

from tests.browser.axe import violations
from tests.browser.conftest import login, screenshot, url


def _task(world):
    from doingoai.tasks.models import Task

    school = world["delegations"]["champasak"].owner
    return Task.objects.create(
        province=school.province,
        title="Xây dựng chương trình trao đổi sinh viên với tỉnh Chăm-pa-sắc",
        lead_unit=school,
        deadline=datetime.date.today() - datetime.timedelta(days=2),
    )


def _agreement(world):
    from doingoai.agreements.models import Agreement

    school = world["delegations"]["champasak"].owner
    return Agreement.objects.create(
        province=school.province,
        year=datetime.date.today().year,
        owner=school,
        title="Biên bản ghi nhớ hợp tác đào tạo nghề với Sở Giáo dục tỉnh Chăm-pa-sắc",
        kind="Biên bản ghi nhớ",
        signing_capacity="Trường Cao đẳng Thái Nguyên",
        countries=["LA"],
        partner_name="Sở Giáo dục và Thể thao tỉnh Chăm-pa-sắc",
    )


def test_a_unit_writes_its_progress_on_an_overdue_task(new_page, world):
    task = _task(world)
    page = new_page()
    login(page, "truong")
    page.goto(url("inbox:inbox"))
    section = page.locator("#tasks_due")
    assert "Quá hạn 2 ngày" in section.inner_text()
    section.get_by_role("link", name=task.title).click()
    page.wait_for_load_state()
    page.get_by_label("Nội dung tiến độ").fill("Đã gửi thư mời và dự thảo chương trình cho phía Lào.")
    page.get_by_label("Trạng thái nhiệm vụ").select_option(label="Đang thực hiện")
    page.get_by_role("button", name="Ghi tiến độ").click()
    page.wait_for_load_state()
    assert "Đã ghi tiến độ nhiệm vụ." in page.content()
    journal = page.locator("#tien-do")
    assert "Đã gửi thư mời" in journal.inner_text() and "Trường Cao đẳng Thái Nguyên" in journal.inner_text()
    assert "Đang thực hiện" in page.locator("table.fields-table").inner_text()
    assert violations(page) == []
    screenshot(page, "task_journal_1366", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 391, f"the task's page is {width} px wide on a 390 px screen"
    screenshot(page, "task_journal_390", full_page=True)


def test_the_office_records_a_signing_and_downloads_the_years_list(new_page, world, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    agreement = _agreement(world)
    signed = datetime.date.today() - datetime.timedelta(days=20)
    page = new_page()
    login(page, "sngv")
    page.goto(url("agreements:agreement_edit", agreement.pk))
    page.get_by_label("Ngày ký").fill(signed.strftime("%d/%m/%Y"))
    page.get_by_label("Thời hạn (tháng)").fill("60")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_load_state()
    fields = page.locator("table.fields-table").inner_text()
    due = signed + datetime.timedelta(days=15)
    assert "Đã ký" in fields and f"{due:%d/%m/%Y} (quá hạn, chưa báo cáo)" in fields
    assert page.get_by_text("Quá hạn báo cáo sau khi ký").count() >= 1

    document = Document()
    document.add_paragraph("BIÊN BẢN GHI NHỚ")
    data = io.BytesIO()
    document.save(data)
    page.set_input_files(
        "#agreement-file",
        files=[
            {
                "name": "bien-ban-ghi-nho.docx",
                "mimeType": "application/octet-stream",
                "buffer": data.getvalue(),
            }
        ],
    )
    page.get_by_role("button", name="Đính kèm tệp").click()
    page.wait_for_load_state()
    assert page.locator("#van-ban").get_by_role("link", name="bien-ban-ghi-nho.docx").count() == 1
    assert violations(page) == []
    screenshot(page, "agreement_followed_1366", full_page=True)

    page.goto(url("inbox:inbox"))
    assert agreement.title in page.locator("#agreements_report").inner_text()
    page.goto(url("agreements:agreement_list"))
    with page.expect_download() as download:
        page.get_by_role("button", name="Excel").click()
    path = tmp_path / "list.xlsx"
    download.value.save_as(path)
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    assert any(row[1] == agreement.title and row[5] == f"{signed:%d/%m/%Y}" for row in rows)

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(url("agreements:agreement_detail", agreement.pk))
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 391, f"the agreement's page is {width} px wide on a 390 px screen"
    screenshot(page, "agreement_followed_390", full_page=True)
