"""Pages that load third-party code, the API documentation and the administration, work offline.

Every browser test fails on a request to another host than the server
(``conftest.new_page``); these visit the pages built from libraries' own
assets, whose viewer scripts once came from a CDN.
"""

from __future__ import annotations

from tests.browser.conftest import login, screenshot


def test_the_api_documentation_works_without_the_internet(page, world):
    login(page, "sngv")
    page.goto("/api/docs/")
    page.wait_for_selector(".swagger-ui .information-container", timeout=15_000)
    assert "API của doingoai" in page.locator(".swagger-ui").inner_text()
    assert page.locator(".opblock-tag").count() >= 5  # the groups of operations are drawn
    screenshot(page, "api_docs")


def test_the_administration_works_without_the_internet(page, world):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("quantri", password="mat-khau-trinh-duyet")
    login(page, "quantri")
    page.goto("/quan-tri/")
    assert page.get_by_role("heading", name="Trang quản trị").is_visible()
    page.goto("/quan-tri/delegations/delegation/")
    page.wait_for_load_state()
    assert (
        "Chọn đoàn để thay đổi" in page.locator("body").inner_text() or page.locator("#result_list").count()
    )
