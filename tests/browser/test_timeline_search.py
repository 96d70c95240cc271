"""The header's search box and the plan year's timeline in Chromium, at 1366×768 and 390×844.

Search: type in the box at the top of any page, press Enter, read the results grouped by kind, open
one. Timeline: the year's bars under their months, a quarter drawn as a quarter, a leader's two
trips at once marked and listed, a bar opening its delegation; on a phone the timeline scrolls in
its own box and the page never sideways.
"""

from __future__ import annotations

import datetime
import io
import re

from django.core.management import call_command

from tests.browser.axe import assert_accessible
from tests.browser.conftest import login, screenshot, url

PHONE = {"width": 390, "height": 844}


def _more_of_2024(world):
    """A quarter-only delegation, a second trip of the college's head in July, a trip known to the day."""
    from doingoai.delegations.models import Delegation

    base = world["delegations"]["champasak"]
    common = {
        "province": base.province,
        "year": 2024,
        "direction": "out",
        "level": "department",
        "countries": ["TH"],
        "funding": "Ngân sách tỉnh",
        "funding_categories": ["provincial_budget"],
    }
    return {
        "quarter": Delegation.objects.create(
            **common,
            owner=world["units"]["industry"],
            name="Đoàn Ban Quản lý các KCN giao lưu đầu tư tại Thái Lan",
            leader="Lãnh đạo Ban",
            period_start=datetime.date(2024, 4, 1),
            period_end=datetime.date(2024, 6, 1),
        ),
        "second_trip": Delegation.objects.create(
            **common,
            owner=world["units"]["school"],
            name="Đoàn Trường Cao đẳng Thái Nguyên dự hội nghị tại Bangkok",
            leader="Lê Kim Anh - Phó Hiệu trưởng",
            period_start=datetime.date(2024, 7, 1),
            period_end=datetime.date(2024, 8, 1),
        ),
        "gone": Delegation.objects.create(
            **common,
            owner=world["units"]["office"],
            name="Đoàn Sở Ngoại vụ làm việc tại Chiang Mai",
            leader="Hoàng Thu Hà",
            period_start=datetime.date(2024, 10, 1),
            period_end=datetime.date(2024, 10, 1),
            status="returned",
            departed_on=datetime.date(2024, 10, 7),
            returned_on=datetime.date(2024, 10, 12),
        ),
    }


def no_sideways_scroll(page) -> int:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{page.url} is {width} px wide on a 390 px screen"
    return width


def test_search_from_the_header(new_page, world):
    call_command("linkpartners", "--as", "sngv", stdout=io.StringIO())  # partners named by the delegations
    page = new_page()
    login(page, "sngv")
    page.goto(url("inbox:inbox"))
    box = page.get_by_role("searchbox", name="Tìm trong toàn hệ thống")
    box.click()
    box.fill("CHAMPASAK")
    box.press("Enter")
    page.wait_for_load_state()
    assert "/tim-kiem/?q=CHAMPASAK" in page.url
    assert page.get_by_role("heading", name="Kết quả tìm kiếm").count() == 1

    delegations = page.locator('section[data-kind="delegation"]')
    assert delegations.get_by_role("heading").inner_text().startswith("Đoàn ra, đoàn vào")
    assert delegations.locator(".badge[data-count]").inner_text() == "2"
    links = delegations.locator("ol.search-hits a")
    assert sorted(links.all_inner_texts()) == sorted(
        [
            "Đoàn cán bộ Trường Cao đẳng Thái Nguyên làm việc tại tỉnh Champasak",
            "Đoàn đại biểu tỉnh Chămpasắc thăm và làm việc tại tỉnh Thái Nguyên",
        ]
    )
    assert set(delegations.locator(".search-kind").all_inner_texts()) == {"Đoàn"}
    partners = page.locator('section[data-kind="partner"]')
    assert partners.count() == 1 and "Đối tác" in partners.locator(".search-kind").first.inner_text()
    assert "Đồng Nai" not in page.locator("main").inner_text()  # another province's delegation there
    # each group leads to its own list, filtered by what was typed
    assert (
        delegations.get_by_role("link", name=re.compile("^Xem tất cả 2 kết quả")).get_attribute("href")
        == "/doan/?q=CHAMPASAK"
    )
    screenshot(page, "search_1366", full_page=True)
    assert_accessible(page)

    links.filter(has_text="làm việc tại tỉnh Champasak").click()
    page.wait_for_load_state()
    champasak = world["delegations"]["champasak"]
    assert page.url.endswith(champasak.get_absolute_url())
    assert page.get_by_role("heading", name=champasak.name).count() == 1

    # the list behind «xem tất cả» shows the same two
    page.goto("/doan/?q=CHAMPASAK")
    assert page.locator("table.data tbody tr").count() == 2


def test_search_on_a_phone(new_page, world):
    page = new_page()
    page.set_viewport_size(PHONE)
    login(page, "truong")
    page.goto(url("delegations:delegation_list"))
    box = page.locator("#topsearch-q")
    assert box.is_visible()
    box.fill("han quoc")
    box.press("Enter")
    page.wait_for_load_state()
    section = page.locator('section[data-kind="delegation"]')
    assert section.locator("ol.search-hits a").all_inner_texts() == [
        "Đoàn Ban Quản lý các KCN xúc tiến đầu tư tại Hàn Quốc"
    ]
    no_sideways_scroll(page)
    screenshot(page, "search_390", full_page=True)
    assert_accessible(page)
    # too short: said in Vietnamese, nothing searched
    box = page.locator("#topsearch-q")
    box.fill("h")
    box.press("Enter")
    page.wait_for_load_state()
    assert "Hãy gõ ít nhất 2 chữ cái hoặc chữ số để tìm." in page.locator("main").inner_text()


def test_timeline_of_the_year(new_page, world):
    more = _more_of_2024(world)
    d = world["delegations"]
    page = new_page()
    login(page, "sngv")
    page.goto(url("consolidation:consolidation"))
    page.locator("nav.tabs").get_by_role("link", name="Dòng thời gian").click()
    page.wait_for_load_state()
    page.get_by_label("Năm kế hoạch").fill("2024")
    page.get_by_role("button", name="Xem").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Dòng thời gian các đoàn năm 2024").count() == 1

    def bar(delegation, where="tbody:not(.tl-leaders)"):
        return page.locator(f'{where} a.tl-bar[data-delegation="{delegation.pk}"]')

    def month_box(number: int):
        return page.locator("th.tl-month").nth(number - 1).bounding_box()

    # July: the bar starts under «Tháng 7» and ends with it
    july = bar(d["korea"])
    assert july.is_visible()
    box, column = july.bounding_box(), month_box(7)
    assert (
        abs(box["x"] - column["x"]) <= 2 and abs(box["x"] + box["width"] - column["x"] - column["width"]) <= 2
    )
    # only the quarter known: hatched across April-June, labelled as the quarter
    quarter = bar(more["quarter"])
    assert "tl-quarter" in quarter.get_attribute("class") and quarter.inner_text().strip() == "Quý II"
    box = quarter.bounding_box()
    assert abs(box["x"] - month_box(4)["x"]) <= 2
    assert abs(box["x"] + box["width"] - month_box(6)["x"] - month_box(6)["width"]) <= 2
    assert "tl-quarter" not in july.get_attribute("class")
    # known to the day: 7-12 October, inside October
    gone = bar(more["gone"])
    assert gone.get_attribute("data-precision") == "day" and "07/10-12/10" in gone.inner_text()
    box, october = gone.bounding_box(), month_box(10)
    assert october["x"] < box["x"] and box["x"] + box["width"] < october["x"] + october["width"]
    # another province's delegation is not there
    assert page.locator(f'a.tl-bar[data-delegation="{d["dong_nai"].pk}"]').count() == 0

    # the college's head leads two delegations in July: their row, both marked, the pair listed
    leader = page.locator("tr.tl-leader", has_text="Lê Kim Anh - Phó Hiệu trưởng")
    assert leader.locator("a.tl-bar").count() == 2 and leader.locator("a.tl-conflict").count() == 2
    overlaps = page.locator("#trung-thoi-gian")
    assert "Trưởng đoàn trùng thời gian (1)" in overlaps.inner_text()
    assert overlaps.get_by_role("link", name=more["second_trip"].name).count() == 1
    assert (
        page.locator("tr.tl-leader", has_text="Lãnh đạo Ban").count() == 0
    )  # a role is nobody in particular
    screenshot(page, "timeline_1366", full_page=True)
    assert_accessible(page)

    # filters: inbound only
    page.get_by_label("Loại đoàn").select_option(label="Đoàn vào")
    page.get_by_role("button", name="Xem").click()
    page.wait_for_load_state()
    assert page.locator("tbody:not(.tl-leaders) a.tl-bar").count() == 1
    assert bar(d["champasak_in"]).is_visible()

    # a bar opens its delegation
    bar(d["champasak_in"]).click()
    page.wait_for_load_state()
    assert page.url.endswith(d["champasak_in"].get_absolute_url())


def test_timeline_on_a_phone(new_page, world):
    _more_of_2024(world)
    page = new_page()
    page.set_viewport_size(PHONE)
    login(page, "kcn")
    page.goto(url("consolidation:timeline") + "?year=2024")
    assert page.locator("a.tl-bar").first.is_visible()
    no_sideways_scroll(page)
    scroller = page.locator(".tl-scroll")
    inner, outer = scroller.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert inner > outer, "the twelve months scroll inside their own box"
    # the box opens at April, where the year's first trip begins (not at January, empty)
    opened = scroller.evaluate("e => e.scrollLeft")
    april, label = (
        page.locator('th[data-month="4"]').bounding_box(),
        page.locator("thead th.tl-label").bounding_box(),
    )
    assert opened > 0 and abs(april["x"] - (label["x"] + label["width"])) <= 2
    # the delegation's name stays in view while the months scroll
    name = page.locator("tbody:not(.tl-leaders) th.tl-label").first
    before = name.bounding_box()["x"]
    scroller.evaluate("e => e.scrollBy(300, 0)")
    assert abs(name.bounding_box()["x"] - before) <= 1
    no_sideways_scroll(page)
    scroller.evaluate(f"e => e.scrollTo({opened}, 0)")
    screenshot(page, "timeline_390", full_page=True)
    assert_accessible(page)
