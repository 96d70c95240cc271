"""Accounts managed in the product: an administrator creates officers, sets their role, unit and
provinces, deactivates them and resets passwords; every change is in the account's history."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from doingoai.accounts import services
from doingoai.core.errors import InvalidInput, NotAllowed, StateConflict
from tests.web.conftest import PASSWORD

pytestmark = pytest.mark.django_db
STRONG = "Champasak-2026-doan-ra"


def create(client, province, school, **overrides):
    data = {
        "username": "sct.nam",
        "full_name": "Nguyễn Văn Nam",
        "email": "nam@sct.gov.vn",
        "role": "unit",
        "unit": school.pk,
        "provinces": [province.pk],
        "password": STRONG,
    }
    data.update(overrides)
    return client.post(reverse("accounts:account_add"), data)


def test_an_administrator_creates_an_officer_who_can_sign_in(client, admin_user, province, units):
    client.force_login(admin_user)
    assert client.get(reverse("accounts:account_list")).status_code == 200
    response = create(client, province, units["school"])
    assert response.status_code == 302, response.content.decode()[:2000]
    account = get_user_model().objects.get(username="sct.nam")
    assert (account.last_name, account.first_name) == ("Nguyễn Văn", "Nam")
    assert account.profile.role == "unit" and account.profile.unit == units["school"]
    assert list(account.profile.provinces.all()) == [province]
    client.logout()
    assert client.login(username="sct.nam", password=STRONG)
    assert client.get("/viec-can-lam/").status_code == 200


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"password": "83927461502"}, "password", "chữ số"),
        ({"password": "ngắn"}, "password", "ít nhất"),
        ({"username": "có dấu cách"}, "username", "không dấu cách"),
        ({"username": "sngv"}, "username", "đã có người dùng"),
        ({"unit": ""}, "unit", "phải thuộc một đơn vị"),
        ({"provinces": []}, "provinces", "ít nhất một tỉnh"),
    ],
)
def test_account_rules_in_vietnamese(
    client, admin_user, office_user, province, units, overrides, field, words
):
    client.force_login(admin_user)
    response = create(client, province, units["school"], **overrides)
    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors.get(field, []))
    assert words in errors, response.context["form"].errors
    assert not get_user_model().objects.filter(username="sct.nam").exists()


def test_changes_deactivation_and_password_are_in_the_history(
    client, admin_user, province, other_province, units
):
    account = services.account_create(
        user=admin_user,
        password=STRONG,
        values={"username": "ldt", "full_name": "Trịnh Việt Minh", "role": "leader", "provinces": [province]},
    )
    services.account_update(
        account,
        user=admin_user,
        values={"role": "office", "unit": units["office"], "provinces": [province, other_province]},
    )
    services.account_set_active(account, user=admin_user, active=False)
    services.account_set_password(account, user=admin_user, password="Doan-vao-2026-Hua-Phan")
    account.refresh_from_db()
    assert not account.is_active and account.check_password("Doan-vao-2026-Hua-Phan")
    assert not client.login(username="ldt", password="Doan-vao-2026-Hua-Phan")  # deactivated
    client.force_login(admin_user)
    page = client.get(reverse("accounts:account", args=[account.pk]))
    history = page.context["history"]
    reasons = [entry["reason"] for entry in history]
    assert {"Tạo tài khoản", "Sửa tài khoản", "Khóa tài khoản", "Đặt lại mật khẩu"} <= set(reasons)
    assert all(entry["user"] == admin_user for entry in history)
    changes = {change["field"]: change for entry in history for change in entry["changes"]}
    assert changes["role"]["new"] == "Cán bộ Sở Ngoại vụ" and changes["is_active"]["new"] == "Không"
    assert "password" not in changes  # the hash is never recorded
    html = page.content.decode()
    assert "pbkdf2" not in html and "md5$" not in html


def test_only_administrators_manage_accounts(client, office_user, school_user, leader_user):
    for user in (office_user, school_user, leader_user):
        client.force_login(user)
        assert client.get(reverse("accounts:account_list")).status_code == 403
        assert client.post(reverse("accounts:account_add"), {"username": "x"}).status_code == 403
        with pytest.raises(NotAllowed):
            services.account_set_active(school_user, user=user, active=False)


def test_an_administrator_cannot_lock_themselves_out(admin_user):
    with pytest.raises(StateConflict):
        services.account_set_active(admin_user, user=admin_user, active=False)
    with pytest.raises(StateConflict):
        services.account_update(admin_user, user=admin_user, values={"role": "office"})
    with pytest.raises(InvalidInput):
        services.account_set_password(admin_user, user=admin_user, password="123")


def test_every_officer_keeps_their_own_name_email_and_password(client, school_user, office_user):
    client.force_login(school_user)
    page = client.get(reverse("accounts:own_account"))
    assert page.status_code == 200 and "Tài khoản của tôi" in page.content.decode()
    response = client.post(
        reverse("accounts:own_account"),
        {"what": "profile", "full_name": "Lê Kim Anh", "email": "Anh.LK@truong.edu.vn"},
    )
    assert response.status_code == 302
    school_user.refresh_from_db()
    assert (school_user.last_name, school_user.first_name, school_user.email) == (
        "Lê Kim",
        "Anh",
        "anh.lk@truong.edu.vn",
    )
    record = school_user.history.first()
    assert (
        record.history_user == school_user
        and record.history_change_reason == "Tự cập nhật thông tin tài khoản"
    )

    # another account's address, a bad one, a wrong current password: refused in Vietnamese, nothing changed
    office_user.email = "sngv@thainguyen.gov.vn"
    office_user.save()
    taken = client.post(
        reverse("accounts:own_account"),
        {"what": "profile", "full_name": "Lê Kim Anh", "email": "SNGV@thainguyen.gov.vn"},
    )
    assert taken.status_code == 400 and "đã là của một tài khoản khác" in taken.content.decode()
    wrong = client.post(
        reverse("accounts:own_account"),
        {"what": "password", "current": "sai", "password": "Thu-nghiem-2026!", "confirm": "Thu-nghiem-2026!"},
    )
    assert wrong.status_code == 400 and "Mật khẩu hiện tại không đúng." in wrong.content.decode()
    weak = client.post(
        reverse("accounts:own_account"),
        {"what": "password", "current": PASSWORD, "password": "12345678", "confirm": "12345678"},
    )
    assert weak.status_code == 400
    school_user.refresh_from_db()
    assert school_user.email == "anh.lk@truong.edu.vn" and school_user.check_password(PASSWORD)

    done = client.post(
        reverse("accounts:own_account"),
        {
            "what": "password",
            "current": PASSWORD,
            "password": "Thu-nghiem-2026!",
            "confirm": "Thu-nghiem-2026!",
        },
    )
    assert done.status_code == 302
    school_user.refresh_from_db()
    assert school_user.check_password("Thu-nghiem-2026!")
    assert client.get(reverse("accounts:own_account")).status_code == 200, "still signed in after the change"
