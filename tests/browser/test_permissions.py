"""A unit officer cannot open or change another unit's delegation, by URL or through the API."""

from __future__ import annotations

import json

from tests.browser.conftest import detail_url, login, url

FETCH = """async ([method, path, body]) => {
    const token = (document.cookie.match(/(?:^|; )csrftoken=([^;]+)/) || [])[1] || "";
    const response = await fetch(path, {
        method,
        credentials: "same-origin",
        headers: {"Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": token},
        body: body === null ? undefined : body,
    });
    return {status: response.status, text: await response.text()};
}"""


def api(page, method: str, path: str, data: dict | None = None) -> dict:
    """Call the API from the page, with the page's session cookie and CSRF token (as the site's JS would)."""
    return page.evaluate(FETCH, [method, path, None if data is None else json.dumps(data)])


def test_unit_officer_cannot_edit_another_units_delegation_by_url(page, world):
    d = world["delegations"]
    login(page, "kcn")  # Ban Quản lý các KCN

    # their own delegation: the edit page opens
    own = page.goto(url("delegations:delegation_edit", d["korea"].pk))
    assert own.status == 200
    assert page.get_by_role("button", name="Lưu").is_visible()

    # the college's delegation: readable (same province's plan), not editable
    response = page.goto(detail_url(d["champasak"]))
    assert response.status == 200
    assert page.get_by_role("link", name="Sửa", exact=True).count() == 0, (
        "an edit button the user may not use"
    )

    response = page.goto(url("delegations:delegation_edit", d["champasak"].pk))
    assert response.status == 403
    assert page.get_by_role("heading", name="Không có quyền truy cập").is_visible()
    assert page.get_by_role("button", name="Đăng xuất").is_visible(), "the 403 page lost the site's layout"

    # another province's delegation does not exist for them
    response = page.goto(detail_url(d["dong_nai"]))
    assert response.status in (403, 404)
    assert (
        page.get_by_role("heading", name="Không tìm thấy trang").is_visible()
        or page.get_by_role("heading", name="Không có quyền truy cập").is_visible()
    )


def test_unit_officer_cannot_post_the_edit_form_of_another_unit(page, world):
    """Even with a valid session and CSRF token, a forged form post is refused and nothing changes."""
    from doingoai.delegations.models import Delegation

    d = world["delegations"]["champasak"]
    login(page, "kcn")
    page.goto(url("delegations:delegation_list"))
    result = page.evaluate(
        """async (path) => {
            const token = (document.cookie.match(/(?:^|; )csrftoken=([^;]+)/) || [])[1] || "";
            const body = new URLSearchParams({csrfmiddlewaretoken: token, name: "Đoàn bị sửa trái phép",
                direction: "out", level: "department", year: "2024", status: "cancelled",
                leader: "X - Y", countries: "LA", funding: "Ngân sách tỉnh", delegation_count: "1",
                period_text: "07/2024", duration_unit: "day"});
            const response = await fetch(path, {method: "POST", body, credentials: "same-origin",
                                                 redirect: "manual"});
            return response.status;
        }""",
        url("delegations:delegation_edit", d.pk),
    )
    assert result == 403
    d.refresh_from_db()
    assert d.name != "Đoàn bị sửa trái phép" and d.status == Delegation.Status.DRAFT


def test_unit_officer_cannot_change_another_units_delegation_through_the_api(page, world):
    from doingoai.delegations.models import Delegation

    d = world["delegations"]
    login(page, "kcn")
    page.goto(url("delegations:delegation_list"))

    own = api(page, "GET", f"/api/delegations/{d['korea'].pk}/")
    assert own["status"] == 200, own
    assert json.loads(own["text"])["name"] == d["korea"].name

    listed = api(page, "GET", "/api/delegations/?limit=50")
    assert listed["status"] == 200, listed
    names = json.dumps(json.loads(listed["text"]), ensure_ascii=False)
    assert d["dong_nai"].name not in names, "the API lists another province's delegation"

    other_province = api(page, "GET", f"/api/delegations/{d['dong_nai'].pk}/")
    assert other_province["status"] in (403, 404), other_province

    for method in ("PATCH", "PUT"):
        changed = api(
            page,
            method,
            f"/api/delegations/{d['champasak'].pk}/",
            {"name": "Đoàn bị sửa qua API", "status": "cancelled"},
        )
        assert changed["status"] in (403, 404), changed
    deleted = api(page, "DELETE", f"/api/delegations/{d['champasak'].pk}/")
    assert deleted["status"] in (403, 404), deleted
    elsewhere = api(page, "PATCH", f"/api/delegations/{d['dong_nai'].pk}/", {"name": "Sửa tỉnh khác"})
    assert elsewhere["status"] in (403, 404), elsewhere

    d["champasak"].refresh_from_db()
    d["dong_nai"].refresh_from_db()
    assert d["champasak"].name != "Đoàn bị sửa qua API"
    assert d["champasak"].status == Delegation.Status.DRAFT and d["champasak"].deleted_at is None
    assert d["dong_nai"].name != "Sửa tỉnh khác"

    # their own delegation they may change through the API
    mine = api(page, "PATCH", f"/api/delegations/{d['korea'].pk}/", {"notes": "Cập nhật qua API"})
    assert mine["status"] == 200, mine
    d["korea"].refresh_from_db()
    assert d["korea"].notes == "Cập nhật qua API"


def test_anonymous_api_call_is_refused(page, world):
    page.goto(url("login"))
    response = api(page, "GET", "/api/delegations/")
    assert response["status"] in (401, 403), response
