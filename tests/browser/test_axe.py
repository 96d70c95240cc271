"""Every main page passes axe-core's accessibility check (no serious or critical violation), for the
office and for a unit's officer, at 1366 px and on a 390 px phone; the login and 404 pages too.
One test per role and width reads every page and lists every violation found."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from tests.browser.axe import violations
from tests.browser.conftest import login, url
from tests.conftest import sample


def _pages(world) -> dict[str, str]:
    from doingoai.partners.models import Partner

    call_command("linkpartners", "--as", "sngv", stdout=io.StringIO())
    row = world["delegations"]["champasak"]
    partner = Partner.objects.filter(subdivision="LA-CH", province=row.province_id).first()
    return {
        "inbox": url("inbox:inbox"),
        "dashboard": url("dashboard:overview") + f"?year={row.year}",
        "list": url("delegations:delegation_list") + f"?year={row.year}&direction=out",
        "detail": row.get_absolute_url(),
        "edit": url("delegations:delegation_edit", row.pk),
        "action": f"/doan/{row.pk}/thao-tac/postpone/",
        "import": url("plans:import_start"),
        "documents": url("plans:plandocument_list"),
        "tasks": url("tasks:task_list"),
        "agreements": url("agreements:agreement_list"),
        "partners": url("partners:partner_list"),
        "partner": url("partners:partner_detail", partner.pk),
        "country": url("partners:country_detail", "LA"),
        "people": url("people:person_list"),
        "units": url("organization:unit_list"),
        "report": url("reports:execution") + f"?year={row.year}",
        "warnings": url("rules:warning_list"),
        "round": url("collection:round"),
        "consolidation": url("consolidation:consolidation") + f"?year={row.year}",
        "calendar": url("calendars:calendars"),
        "own_account": url("accounts:own_account"),
    }


@pytest.mark.parametrize("width", [1366, 390])
@pytest.mark.parametrize("username", ["sngv", "truong"])
def test_the_pages_pass_the_accessibility_check(new_page, world, username, width):
    page = new_page()
    page.set_viewport_size({"width": width, "height": 844 if width < 500 else 768})
    login(page, username)
    found = {}
    for name, path in _pages(world).items():
        answer = page.goto(path)
        if answer.status == 403:  # a page this role may not open: its refusal page is checked
            assert "không có quyền" in page.content().lower()
        page.wait_for_load_state()
        if problems := violations(page):
            found[name] = problems
    page.goto(url("plans:import_start"))
    if username == "sngv":
        page.set_input_files("input[type=file]", str(sample("002")))
        page.get_by_role("button", name="Đọc và xem trước").click()
        page.wait_for_load_state()
        if problems := violations(page):
            found["import_preview"] = problems
    assert not found, "\n".join(
        f"{name}: {v['id']} ({v['impact']}): {v['help']} — {', '.join(v['targets'])}"
        for name, problems in found.items()
        for v in problems
    )


def test_the_login_and_missing_pages_pass_the_accessibility_check(new_page, world):
    page = new_page()
    page.goto(url("login"))
    assert violations(page) == []
    login(page, "sngv")
    page.goto("/khong-co-trang-nay/")
    assert "Không tìm thấy" in page.content()
    assert violations(page) == []
