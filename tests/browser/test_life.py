"""A delegation's whole life in Chromium, each step by the person who takes it.

The college's officer drafts and submits a delegation; the office puts it in
the plan and records the approval with the document's number; the college
marks it gone and back; its member's passport comes back on the 6th working
day and shows late; the college files its report late; the page shows the
whole history. Screenshots: the delegation's page with its actions, the
inbox, the report form (1366 px), and the delegation's page on a phone.
"""

from __future__ import annotations

import datetime

from tests.browser.conftest import click_action, confirm, field, login, screenshot, url


def test_a_delegation_from_draft_to_report(new_page, world):
    from django.utils import timezone

    from doingoai.core.workdays import add_working_days
    from doingoai.delegations.models import Delegation

    today = timezone.localdate()
    returned = today - datetime.timedelta(days=20)
    departed = returned - datetime.timedelta(days=5)

    # the college drafts its proposal and sends it
    unit = new_page()
    login(unit, "truong")
    unit.goto(url("delegations:delegation_add"))
    field(unit, "Loại đoàn").select_option("out")
    field(unit, "Cấp").select_option("department")
    field(unit, "Năm kế hoạch").fill(str(departed.year))
    field(unit, "Tên đoàn").fill("Đoàn cán bộ Trường Cao đẳng Thái Nguyên trao đổi giáo viên tại Lào")
    field(unit, "Trưởng đoàn").fill("Lê Kim Anh - Phó Hiệu trưởng")
    field(unit, "Nước").fill("Lào")
    field(unit, "Số người (tối đa)").fill("3")
    field(unit, "Thời gian (tối đa)").fill("6")
    field(unit, "Từ tháng").fill(f"{departed.year:04d}-{departed.month:02d}")
    field(unit, "Kinh phí").fill("Ngân sách tỉnh")
    unit.get_by_role("button", name="Thêm").click()
    unit.wait_for_load_state()
    delegation = Delegation.objects.get(name__startswith="Đoàn cán bộ Trường Cao đẳng Thái Nguyên trao đổi")
    assert unit.url.endswith(delegation.get_absolute_url())
    assert "Dự thảo" in unit.locator("#life").inner_text()
    click_action(unit, "Gửi Sở Ngoại vụ")
    confirm(unit, "Gửi Sở Ngoại vụ")
    assert "Đã gửi Sở Ngoại vụ" in unit.locator("#life").inner_text()
    assert unit.locator(".lifebar").get_by_role("link", name="Rút lại để sửa").is_visible()

    # the office puts it in the plan and records the approval, with the document's number
    office = new_page()
    login(office, "sngv")
    office.goto(url("inbox:inbox"))
    assert delegation.name in office.locator("#submitted").inner_text()
    office.locator("#submitted").get_by_role("link", name="Đưa vào kế hoạch").first.click()
    office.wait_for_load_state()
    confirm(office, "Đưa vào kế hoạch")
    click_action(office, "Ghi nhận phê duyệt")
    confirm(office, "Ghi nhận phê duyệt")  # without the document: refused, in Vietnamese
    assert office.get_by_text("Phải ghi số văn bản phê duyệt").is_visible()
    field(office, "Số văn bản phê duyệt").fill("2150/UBND-KGVX")
    field(office, "Ngày văn bản phê duyệt").fill((departed - datetime.timedelta(days=10)).isoformat())
    confirm(office, "Ghi nhận phê duyệt")
    assert "2150/UBND-KGVX" in office.locator("#life").inner_text()

    # the office lists the member and hands out her official passport
    office.get_by_role("link", name="+ Thêm thành viên").click()
    office.wait_for_load_state()
    field(office, "Hoặc người mới: họ và tên").fill("Lê Kim Anh")
    field(office, "Chức vụ").fill("Phó Hiệu trưởng")
    field(office, "Vai trò trong đoàn").select_option("head")
    field(office, "Loại hộ chiếu").select_option("official")
    field(office, "Số hộ chiếu").fill("C1234567")
    office.get_by_role("button", name="Lưu").click()
    office.wait_for_load_state()
    office.locator("#members").get_by_role("link", name="Giao hộ chiếu").click()
    field(office, "Ngày").fill((departed - datetime.timedelta(days=1)).isoformat())
    confirm(office, "Giao hộ chiếu")
    screenshot(office, "life_approved_office", full_page=True)

    # the college marks the trip gone, then back
    unit.goto(delegation.get_absolute_url())
    click_action(unit, "Đoàn đã xuất cảnh")
    field(unit, "Ngày đi (đoàn vào: ngày đến)").fill(departed.isoformat())
    confirm(unit, "Đoàn đã xuất cảnh")
    click_action(unit, "Đoàn đã về")
    field(unit, "Ngày về (đoàn vào: ngày rời Việt Nam)").fill(returned.isoformat())
    confirm(unit, "Đoàn đã về")
    assert "Đã về" in unit.locator("#life").inner_text()

    # the passport comes back on the 6th working day: late
    office.goto(delegation.get_absolute_url())
    office.locator("#members").get_by_role("link", name="Nhận lại hộ chiếu").click()
    field(office, "Ngày").fill(add_working_days(returned, 6).isoformat())
    confirm(office, "Nhận lại hộ chiếu")
    members = office.locator("#members").inner_text()
    assert "muộn 1 ngày làm việc" in members and "nộp muộn" in members, members

    # the college's inbox: the report is overdue; it files it late
    unit.goto(url("inbox:inbox"))
    reports = unit.locator("#reports").inner_text()
    assert delegation.name in reports and "quá hạn 5 ngày" in reports
    screenshot(unit, "life_inbox_unit", full_page=True)
    unit.locator("#reports").get_by_role("link", name="Nộp báo cáo").first.click()
    unit.wait_for_load_state()
    assert "Quá hạn" in unit.locator(".pagehead").inner_text()
    field(unit, "Hoạt động đã thực hiện").fill("Làm việc với Sở Giáo dục và Thể thao tỉnh Champasak")
    field(unit, "Kết quả đạt được").fill("Thống nhất trao đổi 4 giáo viên mỗi năm")
    unit.locator("#id_tasks-0-title").fill("Chuẩn bị biên bản ghi nhớ trao đổi giáo viên")
    unit.locator("#id_tasks-0-lead_unit").select_option(label="Trường Cao đẳng Thái Nguyên")
    screenshot(unit, "life_report_form", full_page=True)
    confirm(unit, "Nộp báo cáo")
    life = unit.locator("#life").inner_text()
    assert "Đã báo cáo" in life
    report = unit.locator("#report").inner_text()
    assert "nộp muộn" in report and "Chuẩn bị biên bản ghi nhớ" in report

    # the whole history, in order, with who took each step
    steps = unit.locator("#steps").inner_text()
    order = [
        "Tạo đoàn",
        "Gửi Sở Ngoại vụ",
        "Đưa vào kế hoạch",
        "Phê duyệt",
        "Đoàn đã xuất cảnh",
        "Đoàn đã về",
        "Nộp báo cáo",
    ]
    positions = [steps.find(label) for label in order]
    assert -1 not in positions and positions == sorted(positions), steps
    assert "Văn bản 2150/UBND-KGVX" in steps and "Hoàng Thu Hà" in steps and "Lê Kim Anh" in steps
    screenshot(unit, "life_delegation_page", full_page=True)
    delegation.refresh_from_db()
    assert delegation.status == "reported" and delegation.report.filed_by.username == "truong"

    # on a phone
    phone = new_page()
    phone.set_viewport_size({"width": 390, "height": 844})
    login(phone, "sngv")
    phone.goto(delegation.get_absolute_url())
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390 + 1  # nothing wider than the screen
    screenshot(phone, "life_delegation_phone", full_page=True)
    phone.goto(url("inbox:inbox"))
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390 + 1
    screenshot(phone, "life_inbox_phone", full_page=True)


def test_a_leader_approves_from_the_inbox(new_page, world):
    from django.contrib.auth import get_user_model

    from doingoai.accounts.models import Profile
    from doingoai.delegations.models import Delegation

    leader = get_user_model().objects.create_user(
        "lanhdao", password="mat-khau-trinh-duyet", first_name="Minh", last_name="Trịnh Việt"
    )
    Profile.objects.create(user=leader, role="leader").provinces.set([world["provinces"]["thai_nguyen"]])
    row = world["delegations"]["korea"]
    Delegation.objects.filter(pk=row.pk).update(status="in_plan")
    page = new_page()
    login(page, "lanhdao")
    approvals = page.locator("#approvals")
    assert row.name in approvals.inner_text()
    approvals.get_by_role("link", name="Phê duyệt").first.click()
    page.wait_for_load_state()
    field(page, "Ý kiến của lãnh đạo").fill("Đồng ý")
    confirm(page, "Phê duyệt")
    row.refresh_from_db()
    assert row.status == "approved"
    assert page.locator(".lifebar").count() == 0  # nothing more for a leader to do on it
    screenshot(page, "life_leader_approved")
