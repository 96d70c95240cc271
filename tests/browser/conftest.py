"""Browser tests: real Chromium (Debian's /usr/bin/chromium) driven by Playwright against ``live_server``.

- No browser is ever downloaded: Playwright launches the system Chromium
  (``DOINGOAI_CHROMIUM`` overrides the path). When it is missing the tests
  skip with the reason, unless ``DOINGOAI_REQUIRE_BROWSER=1`` (CI), which
  makes them fail.
- Playwright's sync API runs an event loop in the test's thread, so Django's
  "async unsafe" guard is lifted for these tests (``DJANGO_ALLOW_ASYNC_UNSAFE``).
- Every page is 1366×768, Vietnamese locale, Hồ Chí Minh time. A JavaScript
  error, a server error (5xx) or a request to any other host than the
  server (a script or font from a CDN: government networks are often
  offline) on any page fails the test that caused it.
- Screenshots go to ``artifacts/screenshots/`` (ignored by git).

Data (``world``): two provinces; in the first the foreign-affairs office, a
college and the industrial-zones board with a user each, and delegations that
the scenarios filter and search; in the second one delegation nobody of the
first may see.
"""

from __future__ import annotations

import datetime
import os
import re
from pathlib import Path

import pytest

from tests.conftest import ARTIFACTS

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("DOINGOAI_CHROMIUM", "/usr/bin/chromium")
REQUIRE_BROWSER = os.environ.get("DOINGOAI_REQUIRE_BROWSER", "") not in ("", "0", "false", "no")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1366, "height": 768}
SCREENSHOTS = ARTIFACTS / "screenshots"
PASSWORD = "mat-khau-trinh-duyet"


def pytest_collection_modifyitems(config, items):
    """Every browser test uses a live server: mark them so ``-m browser`` / ``-m 'not browser'`` work."""
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.browser)


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: runs in real Chromium through Playwright")


# --------------------------------------------------------------------------- the browser


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session."""
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        reason = (
            f"Chromium is not installed at {CHROMIUM} "
            "(apt-get install chromium; Playwright's own browsers are never downloaded)"
        )
        if REQUIRE_BROWSER:
            pytest.fail(f"DOINGOAI_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
        pytest.skip(reason)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:  # pragma: no cover - playwright is a dev dependency
        if REQUIRE_BROWSER:
            pytest.fail(f"the playwright package is missing: {error}", pytrace=False)
        pytest.skip(f"the playwright package is missing: {error}")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser, live_server):
    """``new_page()`` opens a fresh browser context (own cookies) at the live server; closed after the test."""
    contexts = []
    errors: list[str] = []

    def make():
        context = browser.new_context(
            viewport=VIEWPORT,
            locale="vi-VN",
            timezone_id="Asia/Ho_Chi_Minh",
            base_url=live_server.url,
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(f"JavaScript error on {page.url}: {error}"))
        # offline throughout: nothing a page loads may come from elsewhere than the server itself
        page.on(
            "request",
            lambda request: (
                not _served_here(request.url, live_server.url)
                and errors.append(f"{page.url} asked the internet for {request.url}")
            ),
        )
        page.on(
            "response",
            lambda response: (
                response.status >= 500
                and errors.append(
                    f"server error {response.status} on {response.request.method} {response.url}"
                )
            ),
        )
        return page

    yield make
    for context in contexts:
        context.close()
    assert not errors, "; ".join(dict.fromkeys(errors))


def _served_here(address: str, server: str) -> bool:
    return address.startswith(server) or address.split(":", 1)[0] in ("data", "blob", "about")


@pytest.fixture
def page(new_page):
    return new_page()


def screenshot(page, name: str, *, full_page: bool = False) -> Path:
    """Save ``<artifacts>/screenshots/<name>.png`` of what the 1366×768 window shows."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


# --------------------------------------------------------------------------- URLs and actions


def url(name: str, *args) -> str:
    from django.urls import reverse

    return reverse(name, args=args)


def detail_url(delegation) -> str:
    """The delegation's page: ``delegations:delegation_detail`` (or the model's own URL)."""
    from django.urls import NoReverseMatch

    try:
        return url("delegations:delegation_detail", delegation.pk)
    except NoReverseMatch:
        return delegation.get_absolute_url()


def login(page, username: str, password: str = PASSWORD) -> None:
    """Sign in through the login form, as an officer does."""
    page.goto(url("login"))
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()
    assert "/dang-nhap/" not in page.url, f"login failed for {username}: still on {page.url}"


def field(page, label: str):
    """The form control labelled ``label`` (a required field's "*" mark allowed after it)."""
    return page.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$"))


def click_action(page, label: str) -> None:
    """Open an action's confirmation form from the delegation's page."""
    page.locator(".lifebar").get_by_role("link", name=label, exact=True).click()
    page.wait_for_load_state()


def confirm(page, label: str) -> None:
    page.get_by_role("button", name=label, exact=True).click()
    page.wait_for_load_state()


def rows(page) -> list[str]:
    """The text of each data row of the page's first table (the "no rows" row, one wide cell, excluded)."""
    texts = page.locator("table.data").first.locator("tbody tr:not(:has(td[colspan]))").all_inner_texts()
    return [re.sub(r"\s+", " ", t).strip() for t in texts]


# --------------------------------------------------------------------------- data


@pytest.fixture
def world(transactional_db):
    """Provinces, units, users of each role and the delegations the scenarios look for."""
    from django.contrib.auth import get_user_model

    from doingoai.accounts.models import Profile
    from doingoai.delegations.models import Delegation
    from doingoai.organization.models import Province, Unit

    thai_nguyen = Province.objects.create(code="thai-nguyen", name="Thái Nguyên")
    dong_nai = Province.objects.create(code="dong-nai", name="Đồng Nai")
    units = {
        "office": Unit.objects.create(
            province=thai_nguyen, name="Sở Ngoại vụ", kind=Unit.Kind.FOREIGN_AFFAIRS
        ),
        "school": Unit.objects.create(
            province=thai_nguyen, name="Trường Cao đẳng Thái Nguyên", kind=Unit.Kind.SCHOOL
        ),
        "industry": Unit.objects.create(
            province=thai_nguyen, name="Ban Quản lý các KCN", kind=Unit.Kind.DEPARTMENT
        ),
        "dong_nai": Unit.objects.create(
            province=dong_nai, name="Sở Công Thương Đồng Nai", kind=Unit.Kind.DEPARTMENT
        ),
    }

    users = {}
    for username, role, unit, provinces, full_name in [
        ("sngv", "office", units["office"], [thai_nguyen], ("Hoàng Thu", "Hà")),
        ("truong", "unit", units["school"], [thai_nguyen], ("Lê Kim", "Anh")),
        ("kcn", "unit", units["industry"], [thai_nguyen], ("Phạm Quốc", "Việt")),
    ]:
        user = get_user_model().objects.create_user(
            username=username, password=PASSWORD, first_name=full_name[1], last_name=full_name[0]
        )
        profile = Profile.objects.create(user=user, role=role, unit=unit)
        profile.provinces.set(provinces)
        users[username] = user

    def make(**values):
        defaults = {
            "province": thai_nguyen,
            "owner": units["school"],
            "direction": "out",
            "level": "department",
            "year": 2024,
            "tt": "1",
            "name": "Đoàn cán bộ Trường Cao đẳng Thái Nguyên",
            "leader": "Lê Kim Anh - Phó Hiệu trưởng",
            "countries": ["LA"],
            "partners": "Sở Giáo dục và Thể thao tỉnh Luông Pha Bang",
            "activities": "Trao đổi tuyển sinh",
            "people_min": 5,
            "people_max": 5,
            "duration_min": 6,
            "duration_max": 6,
            "period_start": datetime.date(2024, 7, 1),
            "period_end": datetime.date(2024, 7, 1),
            "funding": "Đối tác chi trả",
            "funding_categories": ["partner_pays"],
        }
        defaults.update(values)
        return Delegation.objects.create(**defaults)

    delegations = {
        "champasak": make(
            tt="1",
            name="Đoàn cán bộ Trường Cao đẳng Thái Nguyên làm việc tại tỉnh Champasak",
            partners="Sở Giáo dục và Thể thao tỉnh Champasak, Lào",
            localities=["LA-CH"],
            activities="Ký kết biên bản ghi nhớ về đào tạo nghề",
        ),
        "champasak_in": make(
            tt="2",
            direction="in",
            owner=units["office"],
            level="province",
            name="Đoàn đại biểu tỉnh Chămpasắc thăm và làm việc tại tỉnh Thái Nguyên",
            leader="Phó Tỉnh trưởng tỉnh Chămpasắc",
            partners="Chính quyền tỉnh Chămpasắc",
            localities=["LA-CH"],
            funding="Ngân sách tỉnh",
            funding_categories=["provincial_budget"],
        ),
        "korea": make(
            tt="3",
            owner=units["industry"],
            name="Đoàn Ban Quản lý các KCN xúc tiến đầu tư tại Hàn Quốc",
            leader="Phạm Quốc Việt - Trưởng ban",
            countries=["KR"],
            localities=["KR-47"],
            partners="Chính quyền tỉnh Gyeongsangbuk",
            activities="Xúc tiến đầu tư vào các khu công nghiệp",
            funding="Ngân sách tỉnh",
            funding_categories=["provincial_budget"],
        ),
        "japan_2025": make(
            tt="4",
            year=2025,
            name="Đoàn cán bộ Trường Cao đẳng Thái Nguyên đi Nhật Bản",
            countries=["JP"],
            partners="Trường Cao đẳng Kỹ thuật Osaka",
            localities=["JP-27"],
            period_start=datetime.date(2025, 4, 1),
            period_end=datetime.date(2025, 6, 1),
        ),
        "laos_2023": make(
            tt="5",
            year=2023,
            name="Đoàn Sở Ngoại vụ thăm tỉnh Luông Pha Bang",
            owner=units["office"],
            period_start=datetime.date(2023, 9, 1),
            period_end=datetime.date(2023, 9, 1),
        ),
        "dong_nai": make(
            province=dong_nai,
            owner=units["dong_nai"],
            tt="1",
            name="Đoàn Sở Công Thương Đồng Nai đi Champasak",
            partners="Sở Công Thương tỉnh Champasak",
        ),
    }
    return {
        "provinces": {"thai_nguyen": thai_nguyen, "dong_nai": dong_nai},
        "units": units,
        "users": users,
        "delegations": delegations,
    }
