"""Who may see and change what.

- office staff (Sở Ngoại vụ) see and edit everything of their provinces;
- unit staff see the province's plan and edit only their own unit's
  delegations and tasks;
- leaders read everything and edit nothing;
- administrators manage accounts.

A user sees only their province unless granted more (``provinces``).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history import register
from simple_history.models import HistoricalRecords

from doingoai.organization.models import Province, Unit


class Profile(models.Model):
    class Role(models.TextChoices):
        OFFICE = "office", _("Cán bộ Sở Ngoại vụ")
        UNIT = "unit", _("Cán bộ đơn vị")
        LEADER = "leader", _("Lãnh đạo")
        ADMIN = "admin", _("Quản trị hệ thống")

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    role = models.CharField(_("vai trò"), max_length=10, choices=Role.choices, default=Role.UNIT)
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), null=True, blank=True, on_delete=models.PROTECT, related_name="staff"
    )
    provinces = models.ManyToManyField(
        Province, verbose_name=_("tỉnh được xem"), blank=True, related_name="staff"
    )

    history = HistoricalRecords(m2m_fields=[provinces], verbose_name=_("lịch sử vai trò tài khoản"))

    class Meta:
        verbose_name = _("hồ sơ người dùng")
        verbose_name_plural = _("hồ sơ người dùng")

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


# Every change to an account is in the history: the user's own fields (never the password's hash, nor the
# time of the last login, which changes at each sign-in) beside the profile's role, unit and provinces.
register(
    get_user_model(),
    app="doingoai.accounts",
    excluded_fields=["password", "last_login"],
    verbose_name=_("lịch sử tài khoản"),
)
