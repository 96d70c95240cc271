"""One plan year end to end in Chromium, each step by the person who takes it.

The office opens the round; the college and the industrial-zones board send
their proposals, the police are late, are reminded by e-mail and then say
they have none; the office consolidates (takes the proposals in, acknowledges
the warning one of them trips), makes the plan's version, records the
People's Committee's plan with its file and approves the version; one trip is
postponed, one cancelled, one arises outside the plan; one returns and its
report is filed late; the execution report then shows exactly that.
Screenshots: the round's progress, the consolidation, the approved version,
the report.
"""

from __future__ import annotations

import datetime
import io
import re

from django.core import mail
from django.core.management import call_command

from tests.browser.conftest import click_action, confirm, field, login, screenshot, url


def _docx() -> bytes:
    from docx import Document

    document = Document()
    document.add_paragraph("Kế hoạch đoàn ra, đoàn vào của tỉnh (bản ký)")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def labelled(page, label: str):
    """A control of a plain Django form: its label ends with ":"."""
    return page.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*:?\s*$"))


def figure(page, group: str) -> int:
    text = page.locator(f'.report-totals [data-group="{group}"] strong').inner_text()
    return int(text)


def test_a_plan_year_from_the_round_to_the_execution_report(new_page, world, settings, tmp_path):
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from doingoai.accounts.models import Profile
    from doingoai.consolidation.models import PlanVersion
    from doingoai.delegations import services as delegation_services
    from doingoai.delegations.models import Delegation
    from doingoai.organization.models import Contact, Province, Unit
    from doingoai.rules.models import Warning
    from tests.browser.conftest import PASSWORD

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MEDIA_ROOT = tmp_path / "media"
    today = timezone.localdate()
    year = today.year
    day = datetime.timedelta(days=1)
    month = f"{year:04d}-{today.month:02d}"
    province = Province.objects.get(name="Thái Nguyên")
    Province.objects.filter(pk=province.pk).update(report_due_days=1)
    police = Unit.objects.create(province=province, name="Công an tỉnh", kind=Unit.Kind.POLICE)
    Contact.objects.create(
        unit=police, name="Anh Hùng", email="hung@congan.thainguyen.gov.vn", phone="0208 3855 000"
    )
    user = get_user_model().objects.create_user(username="congan", password=PASSWORD)
    Profile.objects.create(user=user, role="unit", unit=police).provinces.set([province])
    # two drafts of each unit that sends proposals (how a draft is written is the delegation form's test)
    school, industry = world["units"]["school"], world["units"]["industry"]
    users = world["users"]

    def draft(owner, officer, name, country, people=5):
        return delegation_services.delegation_create(
            user=officer,
            values={
                "direction": "out",
                "level": "department",
                "year": year,
                "owner": owner,
                "name": name,
                "leader": "Lê Kim Anh - Phó Hiệu trưởng"
                if owner == school
                else "Phạm Quốc Việt - Trưởng ban",
                "countries": [country],
                "partners": "Đối tác",
                "activities": "Trao đổi hợp tác",
                "people_min": people,
                "people_max": people,
                "duration_min": 6,
                "duration_max": 6,
                "period_start": today.replace(day=1),
                "funding": "Ngân sách tỉnh",
            },
        )

    laos = draft(school, users["truong"], "Đoàn Trường Cao đẳng trao đổi giáo viên tại Lào", "LA")
    thailand = draft(school, users["truong"], "Đoàn Trường Cao đẳng khảo sát tại Thái Lan", "TH")
    japan = draft(industry, users["kcn"], "Đoàn Ban Quản lý các KCN xúc tiến đầu tư tại Nhật Bản", "JP", 15)
    korea = draft(industry, users["kcn"], "Đoàn Ban Quản lý các KCN làm việc tại Hàn Quốc", "KR")

    # the office opens the round, its deadline already passed for the test
    office = new_page()
    login(office, "sngv")
    office.goto(url("collection:round"))
    labelled(office, "Năm của kế hoạch").fill(str(year))
    labelled(office, "Hạn gửi đề xuất").fill((today - 2 * day).isoformat())
    labelled(office, "Hướng dẫn").fill("Gửi đề xuất theo Mẫu 04, Mẫu 05.")
    confirm(office, "Mở đợt thu thập")
    assert f"Thu thập đề xuất đoàn ra, đoàn vào năm {year}" in office.locator("h1").inner_text()

    # two units send their proposals from the round's page
    for username, count in (("truong", 2), ("kcn", 2)):
        unit = new_page()
        login(unit, username)
        unit.goto(url("collection:round"))
        confirm(unit, f"Gửi {count} đề xuất")
        assert "Đã gửi đề xuất" in unit.locator("#don-vi-cua-toi").inner_text()
    assert set(
        Delegation.objects.filter(pk__in=[laos.pk, thailand.pk, japan.pk, korea.pk]).values_list(
            "status", flat=True
        )
    ) == {"submitted"}

    # the office sees who is late, with the number to telephone
    office.goto(url("collection:round"))
    assert "Công an tỉnh" in office.locator("#goi-dien").inner_text()
    assert "0208 3855 000" in office.locator("#goi-dien").inner_text()
    screenshot(office, "plan_year_round_progress", full_page=True)

    # the daily reminder writes to the late unit's contact, once
    out = io.StringIO()
    call_command("remind", stdout=out)
    late = [message for message in mail.outbox if "hung@congan.thainguyen.gov.vn" in message.to]
    assert len(late) == 1 and "Quá hạn gửi đề xuất" in late[0].subject, [m.subject for m in mail.outbox]
    call_command("remind", stdout=io.StringIO())
    assert len([m for m in mail.outbox if "hung@congan.thainguyen.gov.vn" in m.to]) == 1

    # the police say they have none
    police_page = new_page()
    login(police_page, "congan")
    police_page.goto(url("collection:round"))
    assert "quá hạn" in police_page.locator("#don-vi-cua-toi").inner_text()
    confirm(police_page, "Báo «không có đoàn»")
    assert "Không có đoàn" in police_page.locator("#don-vi-cua-toi").inner_text()
    police_page.goto(url("collection:reminders"))
    assert "Quá hạn gửi đề xuất" in police_page.locator("main").inner_text()

    # the office consolidates: every proposal taken in, in the department-level table, section II
    office.goto(f"{url('consolidation:consolidation')}?province={province.pk}&year={year}")
    table = office.locator('[data-table="department-out"]')
    assert "II. Đoàn sử dụng Ngân sách Đảng, Ngân sách Nhà nước" in table.inner_text()
    for row in (laos, thailand, japan, korea):
        office.locator(f'#de-xuat-{row.pk} input[type="checkbox"]').check()
    confirm(office, "Đưa các đề xuất đã chọn vào kế hoạch")
    assert "Đã đưa 4 đề xuất vào kế hoạch." in office.locator(".messages").inner_text()

    # the Japanese trip has 15 people: the warning is acknowledged, with a comment
    warning = Warning.objects.get(delegation=japan, rule="max_people", active=True)
    row = office.locator(f"#de-xuat-{japan.pk}")
    row.locator("details.row-warnings > summary").click()
    item = row.locator(f"#canh-bao-{warning.pk}")
    assert "Đoàn ra quá số người cho phép" in item.inner_text()
    item.get_by_label("Xác nhận, kèm ý kiến").fill("Đoàn gồm cả 5 doanh nghiệp tự chi trả.")
    item.get_by_role("button", name="Xác nhận").click()
    office.wait_for_load_state()
    warning.refresh_from_db()
    assert warning.acknowledged_at is not None and warning.acknowledged_by.username == "sngv"
    screenshot(office, "plan_year_consolidation", full_page=True)

    # a version of the plan, its approving document with its file, its approval
    # with every proposal decided, the form for the first version stands open
    new_version = office.locator("details.version-new")
    assert "Lập phiên bản mới từ 4 đoàn" in new_version.inner_text()
    assert new_version.get_attribute("open") is not None
    labelled(office, "Loại phiên bản").select_option("plan")
    labelled(office, "Tên phiên bản").fill(f"Kế hoạch đoàn ra, đoàn vào năm {year}")
    confirm(office, "Lập phiên bản")
    version = PlanVersion.objects.get(province=province, year=year)
    assert office.url.endswith(version.get_absolute_url()) and version.entries.count() == 4
    labelled(office, "Loại văn bản").select_option("committee_plan")
    labelled(office, "Số, ký hiệu").fill("15/KH-UBND")
    labelled(office, "Ngày ban hành").fill((today - 1 * day).isoformat())
    labelled(office, "Cơ quan ban hành").fill("UBND tỉnh Thái Nguyên")
    labelled(office, "Tệp văn bản").set_input_files(
        files=[{"name": "ke-hoach-15.docx", "mimeType": "application/octet-stream", "buffer": _docx()}]
    )
    confirm(office, "Ghi văn bản")
    assert "ke-hoach-15.docx" in office.locator("#van-ban").inner_text()
    confirm(office, "Phê duyệt phiên bản: các đoàn trong kế hoạch được phê duyệt")
    assert "Đã phê duyệt phiên bản 1: 4 đoàn." in office.locator(".messages").inner_text()
    screenshot(office, "plan_year_version_approved", full_page=True)
    for row in Delegation.objects.filter(pk__in=[laos.pk, thailand.pk, japan.pk, korea.pk]):
        assert (row.status, row.decision_number) == ("approved", "15/KH-UBND")

    # during the year: Korea postponed, Thailand cancelled
    office.goto(korea.get_absolute_url())
    click_action(office, "Hoãn")
    field(office, "Lý do, ghi chú").fill("Đối tác đề nghị lùi thời gian")
    confirm(office, "Hoãn")
    office.goto(thailand.get_absolute_url())
    click_action(office, "Hủy đoàn")
    field(office, "Lý do, ghi chú").fill("Không bố trí được kinh phí")
    confirm(office, "Hủy đoàn")

    # a trip outside the plan: the college writes it, the office records its approval
    college = new_page()
    login(college, "truong")
    college.goto(url("delegations:delegation_add"))
    field(college, "Loại đoàn").select_option("out")
    field(college, "Cấp").select_option("department")
    field(college, "Năm kế hoạch").fill(str(year))
    field(college, "Tên đoàn").fill("Đoàn Trường Cao đẳng dự hội nghị hiệu trưởng ASEAN")
    field(college, "Trưởng đoàn").fill("Lê Kim Anh - Phó Hiệu trưởng")
    field(college, "Nước").fill("Singapore")
    field(college, "Từ tháng").fill(month)
    field(college, "Kinh phí").fill("Ngân sách tỉnh")
    field(college, "Đoàn phát sinh (ngoài kế hoạch)").check()
    college.get_by_role("button", name="Thêm").click()
    college.wait_for_load_state()
    outside = Delegation.objects.get(name="Đoàn Trường Cao đẳng dự hội nghị hiệu trưởng ASEAN")
    assert outside.out_of_plan
    click_action(college, "Gửi Sở Ngoại vụ")
    confirm(college, "Gửi Sở Ngoại vụ")
    office.goto(outside.get_absolute_url())
    click_action(office, "Ghi nhận phê duyệt")
    field(office, "Số văn bản phê duyệt").fill("88/UBND-NC")
    field(office, "Ngày văn bản phê duyệt").fill(today.isoformat())
    confirm(office, "Ghi nhận phê duyệt")
    assert "88/UBND-NC" in office.locator("#life").inner_text()

    # Laos: gone and back; its report, due the next day, filed two days late
    college.goto(laos.get_absolute_url())
    click_action(college, "Đoàn đã xuất cảnh")
    field(college, "Ngày đi (đoàn vào: ngày đến)").fill((today - 8 * day).isoformat())
    confirm(college, "Đoàn đã xuất cảnh")
    click_action(college, "Đoàn đã về")
    field(college, "Ngày về (đoàn vào: ngày rời Việt Nam)").fill((today - 3 * day).isoformat())
    confirm(college, "Đoàn đã về")
    click_action(college, "Nộp báo cáo")
    assert "Quá hạn" in college.locator(".pagehead").inner_text()
    field(college, "Hoạt động đã thực hiện").fill("Làm việc với Sở Giáo dục và Thể thao tỉnh Champasak")
    field(college, "Kết quả đạt được").fill("Thống nhất trao đổi 4 giáo viên mỗi năm")
    confirm(college, "Nộp báo cáo")
    assert "nộp muộn" in college.locator("#report").inner_text()

    # the execution report shows exactly that
    office.goto(f"{url('reports:execution')}?province={province.pk}&year={year}")
    figures = {
        group: figure(office, group)
        for group in (
            "planned",
            "carried_out",
            "postponed",
            "cancelled",
            "pending",
            "rejected",
            "out_of_plan",
        )
    }
    assert figures == {
        "planned": 4,
        "carried_out": 1,
        "postponed": 1,
        "cancelled": 1,
        "pending": 1,
        "rejected": 0,
        "out_of_plan": 1,
    }, figures
    lists = {
        group: office.locator(f"#nhom-{group}").inner_text()
        for group in ("carried_out", "postponed", "cancelled", "out_of_plan")
    }
    assert laos.name in lists["carried_out"] and korea.name in lists["postponed"]
    assert thailand.name in lists["cancelled"] and outside.name in lists["out_of_plan"]
    late_reports = office.locator('[data-reports="late"]').inner_text()
    assert late_reports.startswith("1") and laos.name in late_reports
    screenshot(office, "plan_year_execution_report", full_page=True)
    data = office.request.get(f"/api/reports/execution/?province={province.pk}&year={year}").json()
    assert {key: data["totals"][key] for key in figures if key in data["totals"]} == {
        key: value for key, value in figures.items() if key in data["totals"]
    }
    assert data["reports_after_trips"]["late"] == [laos.pk]
