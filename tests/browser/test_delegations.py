"""An officer's day with the delegation list: search, filter, open, edit, see the history."""

from __future__ import annotations

from tests.browser.conftest import detail_url, field, login, rows, screenshot, url


def _names(page) -> str:
    return "\n".join(rows(page))


def test_search_without_diacritics_finds_champasak(page, world):
    d = world["delegations"]
    login(page, "sngv")
    page.goto(url("delegations:delegation_list"))
    search = page.get_by_role("searchbox", name="Tìm kiếm")
    search.fill("champasak")
    search.press("Enter")
    page.wait_for_load_state()
    assert "q=champasak" in page.url
    found = _names(page)
    assert d["champasak"].name in found
    assert d["korea"].name not in found
    assert d["dong_nai"].name not in found, "a delegation of another province leaked into the search"
    assert search.input_value() == "champasak"

    # the same words typed with their diacritics find the rows written without, and the reverse
    search.fill("Chămpasắc")
    search.press("Enter")
    page.wait_for_load_state()
    assert d["champasak_in"].name in _names(page)
    search.fill("CHAMPASAC")
    search.press("Enter")
    page.wait_for_load_state()
    assert d["champasak_in"].name in _names(page)


def test_filters_outbound_year_and_country(page, world):
    d = world["delegations"]
    login(page, "sngv")
    page.goto(url("delegations:delegation_list"))
    everything = _names(page)
    for key in ("champasak", "champasak_in", "korea", "japan_2025", "laos_2023"):
        assert d[key].name in everything
    assert d["dong_nai"].name not in everything

    page.get_by_label("Loại đoàn", exact=True).select_option(label="Đoàn ra")
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_load_state()
    outbound = _names(page)
    assert "direction=out" in page.url
    assert d["champasak"].name in outbound and d["korea"].name in outbound
    assert d["champasak_in"].name not in outbound

    page.get_by_label("Năm", exact=True).select_option("2024")
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_load_state()
    year_2024 = _names(page)
    assert d["champasak"].name in year_2024 and d["korea"].name in year_2024
    assert d["japan_2025"].name not in year_2024 and d["laos_2023"].name not in year_2024

    page.get_by_label("Nước", exact=True).select_option("KR")
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_load_state()
    assert rows(page) and all(d["korea"].name in row for row in rows(page)), rows(page)
    # the choices stay selected after filtering
    assert page.get_by_label("Loại đoàn", exact=True).input_value() == "out"
    assert page.get_by_label("Năm", exact=True).input_value() == "2024"
    assert page.get_by_label("Nước", exact=True).input_value() == "KR"

    page.get_by_label("Nước", exact=True).select_option("JP")
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_load_state()
    assert rows(page) == []
    assert page.get_by_text("Không có đoàn nào").first.is_visible()

    page.get_by_role("link", name="Xóa lọc").click()
    page.wait_for_load_state()
    assert len(rows(page)) == 5


def test_list_screenshot(page, world):
    from doingoai.delegations.models import Delegation

    d = world["delegations"]
    Delegation.objects.filter(pk=d["laos_2023"].pk).update(
        review=[
            {"field": "countries", "code": "countries_fuzzy", "reason": "Tên nước viết sai, đã đoán: Lào"}
        ]
    )
    login(page, "sngv")
    page.goto(url("delegations:delegation_list"))
    assert page.locator("tr.review").count() == 1
    assert page.get_by_text("Cần xem lại").first.is_visible()
    screenshot(page, "delegation_list")


def test_open_a_delegation_from_the_list(page, world):
    d = world["delegations"]["korea"]
    login(page, "sngv")
    page.goto(url("delegations:delegation_list"))
    page.get_by_role("link", name=d.name).click()
    page.wait_for_load_state()
    assert page.url.endswith(detail_url(d))
    assert page.get_by_role("heading", name=d.name).is_visible()
    body = page.locator("main").inner_text()
    for text in (
        "Hàn Quốc",
        "Phạm Quốc Việt - Trưởng ban",
        "Chính quyền tỉnh Gyeongsangbuk",
        "Ban Quản lý các KCN",
        "Lịch sử thay đổi",
    ):
        assert text in body, f"{text!r} is not on the delegation's page"
    screenshot(page, "delegation_detail")


def test_edit_a_delegation_and_see_it_in_the_history(page, world):
    from doingoai.delegations.models import Delegation

    d = world["delegations"]["champasak"]
    login(page, "sngv")
    page.goto(detail_url(d))
    page.get_by_role("link", name="Sửa", exact=True).click()
    page.wait_for_load_state()
    assert page.url.endswith(url("delegations:delegation_edit", d.pk))
    assert page.get_by_label("Trạng thái").count() == 0  # the state changes through the actions only
    leader = field(page, "Trưởng đoàn")
    assert leader.input_value() == "Lê Kim Anh - Phó Hiệu trưởng"
    leader.fill("Nguyễn Văn Bình - Hiệu trưởng")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_load_state()

    assert page.url.endswith(detail_url(d)), f"not back on the delegation's page: {page.url}"
    d.refresh_from_db()
    assert d.status == Delegation.Status.DRAFT
    assert d.leader == "Nguyễn Văn Bình - Hiệu trưởng"
    history = page.locator("section", has=page.get_by_role("heading", name="Lịch sử thay đổi"))
    text = history.inner_text()
    assert "Sửa" in text
    assert "Lê Kim Anh - Phó Hiệu trưởng" in text and "Nguyễn Văn Bình - Hiệu trưởng" in text, text
    assert "Hoàng Thu Hà" in text or "Hà Hoàng Thu" in text or "sngv" in text, "the history does not say who"


def test_invalid_edit_is_refused_with_vietnamese_messages(page, world):
    d = world["delegations"]["champasak"]
    login(page, "sngv")
    page.goto(url("delegations:delegation_edit", d.pk))
    field(page, "Trưởng đoàn").fill("")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_load_state()
    assert page.get_by_text("Đoàn ra phải ghi họ tên và chức vụ của Trưởng đoàn").is_visible()
    d.refresh_from_db()
    assert d.leader == "Lê Kim Anh - Phó Hiệu trưởng"
