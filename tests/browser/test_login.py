"""Signing in and out in a real browser."""

from __future__ import annotations

from tests.browser.conftest import login, url


def test_anonymous_visitor_is_sent_to_the_login_page(page, world):
    page.goto("/")
    assert "/dang-nhap/" in page.url
    assert page.get_by_role("heading", name="Đăng nhập").is_visible()


def test_wrong_password_is_refused_in_vietnamese(page, world):
    page.goto(url("login"))
    page.get_by_label("Tên đăng nhập").fill("sngv")
    page.get_by_label("Mật khẩu").fill("sai-mat-khau")
    page.get_by_role("button", name="Đăng nhập").click()
    assert page.get_by_text("Tên đăng nhập hoặc mật khẩu không đúng").is_visible()
    assert "/dang-nhap/" in page.url


def test_officer_signs_in_lands_on_the_inbox_and_signs_out(page, world):
    login(page, "sngv")
    assert page.url.rstrip("/").endswith(url("inbox:inbox").rstrip("/"))
    assert page.get_by_role("heading", name="Việc cần làm").first.is_visible()
    header = page.locator("header")
    assert "Hoàng Thu Hà" in header.inner_text() or "Hà Hoàng Thu" in header.inner_text()
    assert "Cán bộ Sở Ngoại vụ" in header.inner_text()
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_load_state()
    assert "/dang-nhap/" in page.url
    page.goto(url("delegations:delegation_list"))
    assert "/dang-nhap/" in page.url
