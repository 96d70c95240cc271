"""A partner's page in Chromium: from the list to a locality named in three spellings, its
delegations both ways, a merge of two spellings of one school and its undo; at 1366 px and 390 px."""

from __future__ import annotations

import io

from django.core.management import call_command

from tests.browser.conftest import login, screenshot, url


def _link_partners(world):
    from doingoai.partners.models import Partner

    call_command("linkpartners", "--as", "sngv", stdout=io.StringIO())
    province = world["provinces"]["thai_nguyen"]
    # the same school written another way, as a unit's proposal might
    osaka = Partner.objects.get(province=province, name="Trường Cao đẳng Kỹ thuật Osaka")
    twin = Partner.objects.create(
        province=province, name="Trường CĐ Kỹ thuật Osaka", kind="organisation", country="JP", key="org:x"
    )
    return osaka, twin


def test_partner_page_merge_and_undo(new_page, world):
    osaka, twin = _link_partners(world)
    page = new_page()
    login(page, "sngv")
    page.goto(url("partners:partner_list"))
    page.get_by_role("link", name="Chăm-pa-sắc").click()
    page.wait_for_load_state()
    both = page.locator("section", has=page.get_by_role("heading", name="Đoàn ra, đoàn vào"))
    assert (
        both.get_by_role(
            "link", name="Đoàn cán bộ Trường Cao đẳng Thái Nguyên làm việc tại tỉnh Champasak"
        ).count()
        == 1
    )
    assert (
        both.get_by_role(
            "link", name="Đoàn đại biểu tỉnh Chămpasắc thăm và làm việc tại tỉnh Thái Nguyên"
        ).count()
        == 1
    )
    assert "Champasak" in page.locator("table.fields-table").inner_text()  # its other spellings
    assert "Đồng Nai" not in both.inner_text()  # another province's delegation to the same place
    screenshot(page, "partner_1366", full_page=True)

    page.get_by_role("link", name="Lào").first.click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Lào").count() == 1
    assert page.get_by_role("link", name="Chăm-pa-sắc", exact=True).count() == 1

    page.goto(url("partners:partner_detail", osaka.pk))
    page.get_by_label("Đối tác trùng với đối tác này").select_option(label="Trường CĐ Kỹ thuật Osaka (JP)")
    page.get_by_role("button", name="Gộp vào đối tác này").click()
    page.wait_for_load_state()
    assert "Đã gộp «Trường CĐ Kỹ thuật Osaka»" in page.content()
    assert "Trường CĐ Kỹ thuật Osaka" in page.locator("table.fields-table").inner_text()  # now an alias
    page.get_by_role("button", name="Hoàn tác").click()
    page.wait_for_load_state()
    assert "lại là một đối tác riêng" in page.content()
    twin.refresh_from_db()
    assert twin.merged_into_id is None


def test_partner_page_on_a_phone(new_page, world):
    osaka, _twin = _link_partners(world)
    page = new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, "sngv")
    page.goto(url("partners:partner_detail", osaka.pk))
    assert page.get_by_role("heading", name="Trường Cao đẳng Kỹ thuật Osaka").count() == 1
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 391, f"the partner's page is {width} px wide on a 390 px screen"
    screenshot(page, "partner_390", full_page=True)


def test_the_country_map_of_partner_localities(new_page, world):
    """The country page places the localities on a map; a circle leads to the locality's page."""
    _link_partners(world)
    for width in (1366, 390):
        page = new_page()
        page.set_viewport_size({"width": width, "height": 844 if width < 500 else 768})
        login(page, "sngv")
        page.goto(url("partners:country_detail", "LA"))
        circle = page.locator('svg.localities-map a[aria-label^="Chăm-pa-sắc"]')
        assert circle.count() == 1
        assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
        screenshot(page, f"country_map_{width}", full_page=True)
        circle.click()
        page.wait_for_load_state()
        assert page.get_by_role("heading", name="Chăm-pa-sắc").count() == 1
