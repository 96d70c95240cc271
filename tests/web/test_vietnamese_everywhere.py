"""No English sentence of Django, DRF or argparse reaches a user: every page and API error, as each role.

The sentences looked for are the English messages of the frameworks' own
catalogues (Django, its admin and auth, Django REST framework,
django-simple-history): any of them (of two words or more) found in what a
page or an API answer shows fails the test.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import django
import pytest
import rest_framework
import simple_history
from django.urls import reverse

from doingoai.delegations import services

pytestmark = pytest.mark.django_db

CATALOGUES = [
    Path(django.__file__).parent / "conf/locale/en/LC_MESSAGES/django.po",
    Path(django.__file__).parent / "contrib/admin/locale/en/LC_MESSAGES/django.po",
    Path(django.__file__).parent / "contrib/auth/locale/en/LC_MESSAGES/django.po",
    Path(rest_framework.__file__).parent / "locale/en/LC_MESSAGES/django.po",
    Path(simple_history.__file__).parent / "locale/en/LC_MESSAGES/django.po",
]
#: English words that are names, not sentences a person is asked to read
ALLOWED = {"Django REST framework", "OpenAPI", "Swagger UI"}


def english_sentences() -> list[str]:
    """The frameworks' messages of two words or more, placeholders cut out (the parts around them)."""
    found = set()
    for path in CATALOGUES:
        if not path.exists():
            continue
        for message in re.findall(r'^msgid "(.+)"$', path.read_text(encoding="utf-8"), re.M):
            message = message.replace('\\"', '"')
            for part in re.split(r"%\([^)]*\)[sd]|%[sd]|\{[^}]*\}", message):
                part = part.strip(" .:,")
                if len(part) >= 12 and " " in part and part not in ALLOWED:
                    found.add(part)
    return sorted(found, key=len, reverse=True)


SENTENCES = english_sentences()


def visible_text(body: str) -> str:
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S | re.I)
    body = re.sub(r"<[^>]+>", " ", body)
    return " ".join(html.unescape(body).split())


def english_in(text: str) -> list[str]:
    return [sentence for sentence in SENTENCES if sentence in text]


@pytest.fixture
def world(delegation, office_user, school_user, leader_user, admin_user, units, province):
    row = delegation(status="draft")
    services.delegation_transition(row, user=school_user, action="submit")
    return {"row": row}


def pages_for(role: str, row) -> list[str]:
    pages = [
        reverse("inbox:inbox"),
        reverse("delegations:delegation_list"),
        row.get_absolute_url(),
        reverse("delegations:delegation_list") + "?year=abc",
        reverse("plans:plandocument_list"),
        reverse("organization:unit_list"),
        reverse("partners:partner_list"),
        reverse("agreements:agreement_list"),
        reverse("tasks:task_list"),
        reverse("people:person_list"),
        reverse("reports:execution"),
        reverse("reports:execution") + "?year=abc&half=7",
        reverse("rules:warning_list") + "?year=abc&rule=x",
        reverse("collection:round") + "?dot=x&province=y",
        reverse("collection:reminders"),
        reverse("consolidation:consolidation") + "?year=abc&nhom=x&province=y",
        reverse("people:title_holdings") + "?year=abc",
        reverse("accounts:own_account"),
        reverse("collection:contacts", args=[row.owner_id]),
        reverse("rules:rule_settings"),
        "/khong-co-trang-nay/",
        reverse("delegations:delegation_edit", args=[row.pk]),
        f"/doan/{row.pk}/thao-tac/cancel/",
    ]
    if role in ("office", "admin", "unit"):
        pages += [
            reverse("delegations:delegation_add"),
            reverse("plans:import_start"),
            reverse("tasks:task_add"),
            reverse("people:person_add"),
        ]
    if role in ("office", "admin"):
        pages += [
            f"/doan/{row.pk}/thao-tac/include/",
            reverse("organization:unit_add"),
            reverse("agreements:agreement_add"),
            reverse("partners:partner_add"),
        ]
    if role == "admin":
        pages += [reverse("accounts:account_list"), reverse("accounts:account_add")]
    return pages


@pytest.mark.parametrize("role", ["office", "unit", "leader", "admin"])
def test_every_page_speaks_vietnamese(client, world, role, office_user, school_user, leader_user, admin_user):
    user = {"office": office_user, "unit": school_user, "leader": leader_user, "admin": admin_user}[role]
    client.force_login(user)
    for path in pages_for(role, world["row"]):
        response = client.get(path)
        assert response.status_code in (200, 302, 403, 404), (path, response.status_code)
        if response.status_code == 302:
            continue
        found = english_in(visible_text(response.content.decode()))
        assert not found, f"{role} {path}: {found[:5]}"
    # the forms' own messages, posted empty
    for path in (
        reverse("delegations:delegation_add"),
        reverse("tasks:task_add"),
        reverse("people:person_add"),
    ):
        response = client.post(path, {})
        if response.status_code in (200, 400):
            found = english_in(visible_text(response.content.decode()))
            assert not found, f"{role} POST {path}: {found[:5]}"


ADMIN_SITE = [
    "/quan-tri/",
    "/quan-tri/delegations/delegation/",
    "/quan-tri/auth/group/add/",
    "/quan-tri/password_change/",
    "/quan-tri/auth/user/",
    "/quan-tri/organization/province/",
]


@pytest.fixture
def superuser(db):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser("sieu-quan-tri", password="Mat-khau-quan-tri-2026")


def test_the_administration_speaks_vietnamese(client, world, superuser):
    client.force_login(superuser)
    for path in ADMIN_SITE:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        found = english_in(visible_text(response.content.decode()))
        assert not found, f"{path}: {found[:5]}"
    user_page = client.get(f"/quan-tri/auth/user/{superuser.pk}/change/")
    assert user_page.status_code == 200
    assert not english_in(visible_text(user_page.content.decode()))


def test_the_login_and_lockout_pages(client):
    response = client.get(reverse("login"))
    assert not english_in(visible_text(response.content.decode()))
    response = client.post(reverse("login"), {"username": "ai-do", "password": "sai"})
    assert not english_in(visible_text(response.content.decode()))
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


def test_every_api_error_speaks_vietnamese(client, world, office_user, school_user, leader_user):
    row = world["row"]
    answers = [
        client.get("/api/delegations/"),
        client.get("/api/schema/"),
        client.get("/api/delegations/", HTTP_AUTHORIZATION="Token sai-ma-xac-thuc"),
    ]
    client.force_login(school_user)
    answers += [
        client.get("/api/delegations/999999/"),
        client.patch(
            f"/api/delegations/{row.pk}/", json.dumps({"name": "x"}), content_type="application/json"
        ),
        client.post("/api/delegations/", "{khong phai json", content_type="application/json"),
        client.post(
            "/api/delegations/",
            json.dumps({"year": "abc", "people_min": -1, "period_start": "x"}),
            content_type="application/json",
        ),
        client.put("/api/units/1/", json.dumps({}), content_type="application/json"),
        client.post("/api/agreements/", json.dumps({}), content_type="application/json"),
        client.generic("PROPFIND", "/api/delegations/"),
        client.get("/api/delegations/", {"limit": "abc", "year": "abc"}),
        client.post(
            f"/api/delegations/{row.pk}/transitions/",
            json.dumps({"action": "fly"}),
            content_type="application/json",
        ),
        client.post(
            f"/api/delegations/{row.pk}/transitions/",
            json.dumps({"action": "include"}),
            content_type="application/json",
        ),
        client.post("/api/delegations/", json.dumps({"owner": 999999}), content_type="application/json"),
        client.get("/api/delegations/", HTTP_ACCEPT="text/html"),  # the browsable API
    ]
    client.force_login(office_user)
    answers += [
        client.post(
            f"/api/delegations/{row.pk}/transitions/",
            json.dumps({"action": "withdraw"}),
            content_type="application/json",
        ),
        client.post("/api/delegations/", json.dumps({"countries": "LA"}), content_type="application/json"),
    ]
    client.force_login(leader_user)
    answers.append(client.delete(f"/api/delegations/{row.pk}/"))
    for response in answers:
        text = visible_text(response.content.decode())
        found = english_in(text)
        assert not found, f"{response.request['REQUEST_METHOD']} {response.request['PATH_INFO']}: {found[:5]}"


def test_the_check_can_fail(client, superuser):
    """The same pages asked for in English do show the frameworks' sentences: the detector works."""
    assert len(SENTENCES) > 200 and "This field is required" in SENTENCES
    client.force_login(superuser)
    response = client.get("/quan-tri/password_change/", HTTP_ACCEPT_LANGUAGE="en")
    assert english_in(visible_text(response.content.decode()))
