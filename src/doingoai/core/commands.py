"""What the management commands that act for someone share: who acts (``--as``), which province.

A command acts as a named active account, or by default as the system
administrator; a province is named as people write it ("thai nguyen",
"Thái Nguyên"). Each refusal is a one-line Vietnamese ``CommandError``.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from doingoai.extraction.normalize.text import fold
from doingoai.organization.models import Province


def acting_user(username: str | None):
    User = get_user_model()
    if username:
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"Không có tài khoản đang hoạt động tên «{username}».")
        return user
    user = (
        User.objects.filter(is_active=True, is_superuser=True).order_by("pk").first()
        or User.objects.filter(is_active=True, profile__role="admin").order_by("pk").first()
    )
    if user is None:
        raise CommandError(
            "Chưa có tài khoản quản trị hệ thống: tạo bằng «doingoai manage createsuperuser» "
            "hoặc chỉ rõ --as TÊN_ĐĂNG_NHẬP."
        )
    return user


def province_named(name: str) -> Province:
    wanted = fold(name)
    for province in Province.objects.active():
        if wanted in (fold(province.name), fold(province.code)):
            return province
    known = ", ".join(Province.objects.active().values_list("name", flat=True)) or "chưa có tỉnh nào"
    raise CommandError(f"Không có tỉnh «{name}» (các tỉnh: {known}).")
