"""Every change to an account goes through these functions: administrators only, all in the history.

An account is a Django user with its profile: the role (office, unit officer,
leader, administrator), the unit of a unit officer, the provinces it sees.
Accounts are never deleted (their names stay in every history): they are
deactivated. A password an administrator sets obeys the password rules
(length, not common, not all digits, not like the name); its hash is never
recorded in the history, only that it was set.
"""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from doingoai.accounts.models import Profile
from doingoai.accounts.permissions import role_of
from doingoai.core.errors import InvalidInput, StateConflict
from doingoai.core.services import clean_values, require, save_record, service

ADMIN_ONLY = "Chỉ quản trị hệ thống được quản lý tài khoản."
USERNAME = re.compile(r"^[\w.@+-]{3,150}$")
Role = Profile.Role


def can_manage_accounts(user) -> bool:
    return role_of(user) == "admin"


def split_name(full_name: str) -> tuple[str, str]:
    """ "Hoàng Thu Hà" → ("Hoàng Thu", "Hà"): family and middle names, then the given name."""
    words = (full_name or "").split()
    if not words:
        return "", ""
    return " ".join(words[:-1]), words[-1]


def _set_name(account, full_name: str) -> set[str]:
    """Family and given names from "Hoàng Thu Hà"; returns the fields that changed."""
    changed = set()
    last_name, first_name = split_name(full_name)
    for name, value in (("last_name", last_name), ("first_name", first_name)):
        if getattr(account, name) != value:
            setattr(account, name, value)
            changed.add(name)
    return changed


def _check(account, profile: Profile, provinces: list, errors: dict) -> None:
    if not USERNAME.match(account.username or ""):
        errors["username"] = (
            "Tên đăng nhập gồm 3 đến 150 chữ cái, chữ số hoặc các dấu . @ + - _ (không dấu cách)."
        )
    elif get_user_model().objects.filter(username__iexact=account.username).exclude(pk=account.pk).exists():
        errors["username"] = "Tên đăng nhập này đã có người dùng."
    if profile.role not in Role.values:
        errors["role"] = "Vai trò không hợp lệ."
    if profile.role != Role.ADMIN and not provinces:
        errors["provinces"] = "Phải chọn ít nhất một tỉnh tài khoản được xem."
    if profile.role == Role.UNIT:
        if profile.unit_id is None:
            errors["unit"] = "Cán bộ đơn vị phải thuộc một đơn vị."
        elif profile.unit.province_id not in {province.pk for province in provinces}:
            errors["unit"] = "Đơn vị phải thuộc một tỉnh tài khoản được xem."
    if errors:
        raise InvalidInput(errors)


def _password_errors(password: str, account) -> list[str]:
    try:
        validate_password(password, account)
    except ValidationError as error:
        return list(error.messages)
    return []


def _new_password(account, password: str, *, user, reason: str):
    """Set ``password`` if the password rules accept it; only that it was set goes into the history."""
    problems = _password_errors(password or "", account) if password else ["Phải nhập mật khẩu mới."]
    if problems:
        raise InvalidInput({"password": problems})
    account.set_password(password)
    save_record(account, {"password"}, user=user, reason=reason)
    return account


@service
def account_create(*, user, values: dict, password: str, reason: str = "") -> object:
    """A new account; ``values``: username, full_name, email, role, unit, provinces."""
    require(can_manage_accounts(user), ADMIN_ONLY)
    values = clean_values(values)
    last_name, first_name = split_name(values.get("full_name", ""))
    account = get_user_model()(
        username=values.get("username", ""),
        first_name=first_name,
        last_name=last_name,
        email=values.get("email", ""),
        is_active=True,
    )
    profile = Profile(role=values.get("role") or Role.UNIT, unit=values.get("unit"))
    provinces = list(values.get("provinces") or [])
    errors: dict = {}
    if not password:
        errors["password"] = "Phải đặt mật khẩu ban đầu."
    elif problems := _password_errors(password, account):
        errors["password"] = problems
    _check(account, profile, provinces, errors)
    account.set_password(password)
    account.is_superuser = account.is_staff = profile.role == Role.ADMIN
    try:
        save_record(account, None, user=user, reason=reason or "Tạo tài khoản")
    except IntegrityError:
        raise InvalidInput({"username": "Tên đăng nhập này đã có người dùng."}) from None
    profile.user = account
    save_record(profile, None, user=user, reason=reason or "Tạo tài khoản")
    profile.provinces.set(provinces)
    return account


@service
def account_update(account, *, user, values: dict, reason: str = "") -> object:
    """Change an account's name, e-mail, role, unit or provinces (the fields given)."""
    require(can_manage_accounts(user), ADMIN_ONLY)
    account = get_user_model().objects.select_for_update().get(pk=account.pk)
    profile = Profile.objects.select_for_update().filter(user=account).first() or Profile(user=account)
    values = clean_values(values)
    if account.pk == user.pk and values.get("role", Role.ADMIN) != Role.ADMIN:
        raise StateConflict("Bạn không thể tự bỏ vai trò quản trị của chính mình.")
    changed: set[str] = set()
    if "full_name" in values:
        changed |= _set_name(account, values["full_name"])
    for name in ("username", "email"):
        if name in values and getattr(account, name) != values[name]:
            setattr(account, name, values[name])
            changed.add(name)
    profile_changed = set()
    if "role" in values and profile.role != values["role"]:
        profile.role = values["role"]
        profile_changed.add("role")
    if "unit" in values and profile.unit_id != (values["unit"].pk if values["unit"] else None):
        profile.unit = values["unit"]
        profile_changed.add("unit")
    provinces = (
        list(values["provinces"])
        if "provinces" in values
        else (list(profile.provinces.all()) if profile.pk else [])
    )
    _check(account, profile, provinces, {})
    admin = profile.role == Role.ADMIN
    if (account.is_superuser, account.is_staff) != (admin, admin):
        account.is_superuser = account.is_staff = admin
        changed |= {"is_superuser", "is_staff"}
    reason = reason or "Sửa tài khoản"
    if changed:
        save_record(account, changed, user=user, reason=reason)
    if profile_changed or profile.pk is None:
        save_record(profile, profile_changed if profile.pk else None, user=user, reason=reason)
    if "provinces" in values and set(profile.provinces.values_list("pk", flat=True)) != {
        p.pk for p in provinces
    }:
        profile._history_user, profile._change_reason = user, reason
        profile.provinces.set(provinces)
    return account


@service
def account_set_active(account, *, user, active: bool, reason: str = "") -> object:
    """Deactivate an account (it can no longer sign in; its name stays in the histories) or reactivate it."""
    require(can_manage_accounts(user), ADMIN_ONLY)
    if account.pk == user.pk and not active:
        raise StateConflict("Bạn không thể tự khóa tài khoản của chính mình.")
    account = get_user_model().objects.select_for_update().get(pk=account.pk)
    if account.is_active != active:
        account.is_active = active
        save_record(
            account,
            {"is_active"},
            user=user,
            reason=reason or ("Mở lại tài khoản" if active else "Khóa tài khoản"),
        )
    return account


@service
def account_set_password(account, *, user, password: str) -> object:
    """Set a new password (the account's owner is told it by the administrator, outside the system)."""
    require(can_manage_accounts(user), ADMIN_ONLY)
    account = get_user_model().objects.select_for_update().get(pk=account.pk)
    return _new_password(account, password, user=user, reason="Đặt lại mật khẩu")


# --------------------------------------------------------------------------- one's own account


@service
def own_account_update(*, user, values: dict) -> object:
    """An officer keeps their own name and e-mail up to date (reminders go to that address)."""
    require(user.is_authenticated, "Hãy đăng nhập.")
    account = get_user_model().objects.select_for_update().get(pk=user.pk)
    values = clean_values({name: values[name] for name in ("full_name", "email") if name in values})
    errors = {}
    email = (values.get("email") or "").strip().lower()
    if email and get_user_model().objects.filter(email__iexact=email).exclude(pk=account.pk).exists():
        errors["email"] = "Địa chỉ thư điện tử này đã là của một tài khoản khác."
    if "full_name" in values and not values["full_name"]:
        errors["full_name"] = "Phải ghi họ và tên."
    if errors:
        raise InvalidInput(errors)
    changed: set[str] = set()
    if "full_name" in values:
        changed |= _set_name(account, values["full_name"])
    if "email" in values and account.email != email:
        account.email = email
        changed.add("email")
    if changed:
        save_record(account, changed, user=user, reason="Tự cập nhật thông tin tài khoản")
    return account


@service
def own_password_change(*, user, current: str, password: str) -> object:
    """An officer changes their own password, giving the current one first."""
    require(user.is_authenticated, "Hãy đăng nhập.")
    account = get_user_model().objects.select_for_update().get(pk=user.pk)
    if not account.check_password(current or ""):
        raise InvalidInput({"current": "Mật khẩu hiện tại không đúng."})
    return _new_password(account, password, user=user, reason="Tự đổi mật khẩu")
