"""The dashboard and its world map in Chromium: a figure and a country on the map lead to the
delegations they count; at 1366×768 and on a 390 px phone, without sideways scrolling of the page."""

from __future__ import annotations

from tests.browser.conftest import login, rows, screenshot, url


def test_the_map_leads_to_a_countrys_delegations(new_page, world):
    page = new_page()
    login(page, "sngv")
    page.goto(url("dashboard:overview") + "?year=2024")
    assert page.get_by_role("heading", name="Tổng quan năm 2024 – Thái Nguyên").count() == 1
    screenshot(page, "dashboard_1366", full_page=True)
    page.locator('[data-map="out"]').scroll_into_view_if_needed()
    screenshot(page, "map_1366")
    korea = page.locator('[data-map="out"] a[aria-label^="Hàn Quốc:"]')
    label = korea.get_attribute("aria-label")
    count = int(label.split(":")[1].split()[0])
    korea.click()  # a real click, where the country is drawn
    page.wait_for_load_state()
    assert "country=KR" in page.url and "direction=out" in page.url
    assert len(rows(page)) == count == 1  # the industrial-zones board's investment trip of 2024
    page.goto(url("dashboard:overview") + "?year=2024")
    page.locator('[data-figures="totals"] [data-direction="in"]').click()
    page.wait_for_load_state()
    assert "direction=in" in page.url and len(rows(page)) == 1


def test_the_dashboard_on_a_phone(new_page, world):
    page = new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, "sngv")
    page.goto(url("dashboard:overview") + "?year=2024")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 391, f"the dashboard is {width} px wide on a 390 px screen"
    assert page.locator('[data-map="out"] svg').is_visible()
    screenshot(page, "dashboard_390", full_page=True)
    page.locator('[data-map="out"]').scroll_into_view_if_needed()
    screenshot(page, "map_390")
