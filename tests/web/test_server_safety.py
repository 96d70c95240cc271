"""Safe to put on a server: the deploy check, the refusal to start without a key, throttled logins.

The deploy check and the refusal run ``doingoai`` in a fresh process with the
environment the README documents for production, as a server would start it.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.web.conftest import PASSWORD

PRODUCTION = {
    "DOINGOAI_SECRET_KEY": "k8Jx2-vQ9m_Zr4Lw7Tn1Yb6Hc3Fd0Gs5Pe8Ua2Io4Kj7Mh9Nq1Rt3Vy5Xz",
    "DOINGOAI_ALLOWED_HOSTS": "doingoai.thainguyen.gov.vn",
    "DOINGOAI_HTTPS": "1",
}


def doingoai(*args: str, env: dict, tmp_path) -> subprocess.CompletedProcess:
    base = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DOINGOAI_", "DJANGO_", "DATABASE_URL"))
    }
    base.update({"DOINGOAI_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "doingoai.settings", **env})
    return subprocess.run(
        [sys.executable, "-m", "doingoai.cli", *args], env=base, capture_output=True, text=True, timeout=120
    )


def test_the_deploy_check_passes_with_the_documented_production_settings(tmp_path):
    result = doingoai(
        "manage", "check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION, tmp_path=tmp_path
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_without_https_the_deploy_check_says_what_is_missing(tmp_path):
    env = {**PRODUCTION, "DOINGOAI_HTTPS": "0"}
    result = doingoai("manage", "check", "--deploy", "--fail-level", "WARNING", env=env, tmp_path=tmp_path)
    assert result.returncode != 0 and "SECURE_HSTS_SECONDS" in result.stderr + result.stdout


def test_without_a_secret_key_the_system_refuses_to_start(tmp_path):
    env = {key: value for key, value in PRODUCTION.items() if key != "DOINGOAI_SECRET_KEY"}
    result = doingoai("manage", "check", env=env, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "Chưa đặt khóa bí mật: hãy đặt biến môi trường DOINGOAI_SECRET_KEY" in result.stderr


def test_debugging_is_off_unless_asked(tmp_path):
    script = "from django.conf import settings; print(settings.DEBUG)"
    result = doingoai("manage", "shell", "-c", script, env=PRODUCTION, tmp_path=tmp_path)
    assert result.stdout.strip().endswith("False"), result.stderr
    result = doingoai("manage", "shell", "-c", script, env={"DOINGOAI_DEBUG": "1"}, tmp_path=tmp_path)
    assert result.stdout.strip().endswith("True"), result.stderr


# --------------------------------------------------------------------------- throttled logins


@pytest.fixture
def throttled(settings):
    with override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3):
        yield


@pytest.mark.django_db
def test_the_login_page_locks_after_repeated_wrong_passwords(client, throttled, office_user):
    for _ in range(3):
        response = client.post(reverse("login"), {"username": office_user.username, "password": "sai"})
        assert response.status_code in (200, 429)
    response = client.post(reverse("login"), {"username": office_user.username, "password": PASSWORD})
    assert response.status_code == 429  # even the right password waits
    html = response.content.decode()
    assert "Đăng nhập sai quá nhiều lần" in html and "phút" in html
    assert int(response["Retry-After"]) > 0


@pytest.mark.django_db
def test_an_account_is_locked_whichever_address_tries(client, throttled, office_user):
    for number in range(3):
        client.post(
            reverse("login"),
            {"username": office_user.username, "password": "sai"},
            REMOTE_ADDR=f"10.0.0.{number + 1}",
        )
    response = client.post(
        reverse("login"), {"username": office_user.username, "password": PASSWORD}, REMOTE_ADDR="10.0.0.9"
    )
    assert response.status_code == 429


@pytest.mark.django_db
def test_the_api_token_is_throttled_too(client, throttled, office_user):
    def token(password):
        return client.post(
            "/api/token/",
            json.dumps({"username": office_user.username, "password": password}),
            content_type="application/json",
        )

    response = token(PASSWORD)
    assert response.status_code == 200 and len(response.json()["token"]) == 40
    key = response.json()["token"]
    assert client.get("/api/delegations/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 200
    response = token("sai")
    assert (
        response.status_code == 400 and response.json()["detail"] == "Tên đăng nhập hoặc mật khẩu không đúng."
    )
    token("sai")
    token("sai")
    response = token(PASSWORD)
    assert response.status_code == 429 and "Đăng nhập sai quá nhiều lần" in response.json()["detail"]


@pytest.mark.django_db
def test_the_administration_login_is_throttled(client, throttled, admin_user):
    for _ in range(3):
        client.post("/quan-tri/login/", {"username": admin_user.username, "password": "sai"})
    response = client.post("/quan-tri/login/", {"username": admin_user.username, "password": PASSWORD})
    assert response.status_code == 429


@pytest.mark.django_db
def test_password_validators_refuse_weak_passwords(office_user):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ("12345678901", "matkhau", "password123"):
        with pytest.raises(ValidationError):
            validate_password(weak, office_user)
    validate_password("Doan-ra-2026-Champasak", office_user)


# --------------------------------------------------------------------------- the schema and the pages of errors


@pytest.mark.django_db
def test_the_api_schema_and_its_viewer_need_a_login(client, office_user):
    assert client.get("/api/schema/").status_code in (401, 403)
    response = client.get("/api/docs/")
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    client.force_login(office_user)
    assert client.get("/api/schema/").status_code == 200
    page = client.get("/api/docs/").content.decode()
    # served locally: every script, style sheet and link of the viewer is a path of this server
    # (not a substring test: the page's CSRF token is random letters, "cdn" among them at times)
    sources = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)""", page)
    assert sources and all(source.startswith("/") for source in sources), sources
    assert not re.search(r"https?://", page)


@pytest.mark.django_db
def test_404_and_500_pages_in_vietnamese_with_debugging_off(client, office_user, settings):
    settings.DEBUG = False
    client.force_login(office_user)
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404 and "Không tìm thấy trang" in response.content.decode()
    response = client.get("/api/delegations/999999/")
    assert response.status_code == 404 and "Không tìm thấy bản ghi" in response.json()["detail"]
    from doingoai.core.views import server_error

    response = server_error(None)
    assert response.status_code == 500 and "Hệ thống gặp lỗi" in response.content.decode()
