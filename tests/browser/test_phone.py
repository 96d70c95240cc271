"""Every page of the main set works at 390 px: no sideways scrolling of the page, the menu in a button.

Screenshots of each page on a phone are saved to ``artifacts/screenshots/phone_*.png``
(``DOINGOAI_ARTIFACTS`` moves the ``artifacts`` folder).
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import login, screenshot, url

PHONE = {"width": 390, "height": 844}


def no_sideways_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + 1, f"{page.url} is {width} px wide on a 390 px screen"


@pytest.fixture
def phone(new_page):
    page = new_page()
    page.set_viewport_size(PHONE)
    return page


def test_the_main_pages_fit_a_phone(phone, world, tmp_path):
    from doingoai.delegations.models import Delegation

    row = world["delegations"]["champasak"]
    Delegation.objects.filter(pk=row.pk).update(status="approved")
    login(phone, "sngv")
    pages = {
        "inbox": url("inbox:inbox"),
        "list": url("delegations:delegation_list"),
        "detail": row.get_absolute_url(),
        "edit": url("delegations:delegation_edit", row.pk),
        "action": f"/doan/{row.pk}/thao-tac/postpone/",
        "member": f"/doan/{row.pk}/thanh-vien/them/",
        "import": url("plans:import_start"),
        "tasks": url("tasks:task_list"),
        "agreements": url("agreements:agreement_list"),
        "people": url("people:person_list"),
        "report": url("reports:execution") + f"?year={row.year}",
        "warnings": url("rules:warning_list"),
        "round": url("collection:round"),
        "consolidation": url("consolidation:consolidation") + f"?year={row.year}",
        "titles": url("people:title_holdings"),
        "own_account": url("accounts:own_account"),
        "contacts": url("collection:contacts", row.owner_id),
    }
    for name, path in pages.items():
        phone.goto(path)
        phone.wait_for_load_state()
        no_sideways_scroll(phone)
        screenshot(phone, f"phone_{name}", full_page=True)

    # the menu folds into its button
    phone.goto(url("inbox:inbox"))
    nav = phone.locator("#mainnav")
    assert not nav.is_visible()
    phone.get_by_role("button", name="☰ Menu").click()
    assert nav.is_visible() and nav.get_by_role("link", name="Đoàn ra, đoàn vào").is_visible()
    assert nav.get_by_role("link", name="Tài khoản của tôi").is_visible()  # the name box folds away
    screenshot(phone, "phone_menu_open")

    # the import preview of a real plan
    from tests.conftest import sample

    phone.goto(url("plans:import_start"))
    phone.set_input_files("input[type=file]", str(sample("002")))
    phone.get_by_role("button", name="Đọc và xem trước").click()
    phone.wait_for_load_state()
    assert "Xem trước khi nhập" in phone.content()
    no_sideways_scroll(phone)
    screenshot(phone, "phone_import_preview")


def test_accounts_pages_fit_a_phone(new_page, world):
    from django.contrib.auth import get_user_model

    from doingoai.accounts.models import Profile

    admin = get_user_model().objects.create_user("quantri", password="mat-khau-trinh-duyet")
    Profile.objects.create(user=admin, role="admin")
    page = new_page()
    page.set_viewport_size(PHONE)
    login(page, "quantri")
    for name, path in (
        ("accounts", url("accounts:account_list")),
        ("account_add", url("accounts:account_add")),
    ):
        page.goto(path)
        no_sideways_scroll(page)
        screenshot(page, f"phone_{name}", full_page=True)
