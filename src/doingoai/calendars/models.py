"""A calendar feed: a secret address that serves the delegations of a province, a unit or a person.

The address (``/lich/<token>.ics``) is the credential: a calendar app reads
it without signing in, so the token is long and random, shown only to its
owner, and never written into the history. A feed is revoked, never
deleted; a revoked token answers 404 like one that never existed.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


def new_token() -> str:
    """43 characters of ``[A-Za-z0-9_-]`` (256 random bits)."""
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    class Scope(models.TextChoices):
        PROVINCE = "province", _("Cả tỉnh")
        UNIT = "unit", _("Một đơn vị")
        PERSON = "person", _("Lịch công tác của một lãnh đạo")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
    )
    scope = models.CharField(_("phạm vi"), max_length=10, choices=Scope.choices)
    province = models.ForeignKey(
        "organization.Province", verbose_name=_("tỉnh"), on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        "organization.Unit",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("người"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    token = models.CharField(_("mã bí mật"), max_length=64, unique=True, db_index=True, default=new_token)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)

    # the token is the credential: it stays out of the history
    history = HistoricalRecords(excluded_fields=["token"], verbose_name=_("lịch sử địa chỉ lịch"))

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("địa chỉ lịch")
        verbose_name_plural = _("địa chỉ lịch")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """What the feed shows, as its owner reads it: "Cả tỉnh Thái Nguyên", "Đơn vị: …"."""
        if self.scope == self.Scope.UNIT and self.unit_id:
            return f"Đơn vị: {self.unit.name}"
        if self.scope == self.Scope.PERSON and self.person_id:
            return f"Lịch công tác: {self.person.full_name}"
        return f"Cả tỉnh {self.province.name}"
