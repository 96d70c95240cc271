"""The register of people who travel and receive: one row per person, whatever delegations they join.

Kept so that a person's trips can be counted across delegations (a key
leader goes abroad at most twice a year, Chỉ thị 38-CT/TW), and so that a
delegation's members are named the same way every time. ``key_position``
marks a title that counts as a key leadership position; who counts is the
province's call.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from doingoai.core.models import BaseModel
from doingoai.organization.models import Province, Unit


class Person(BaseModel):
    province = models.ForeignKey(
        Province, verbose_name=_("tỉnh"), on_delete=models.PROTECT, related_name="people"
    )
    full_name = models.CharField(_("họ và tên"), max_length=120)
    title = models.CharField(_("chức vụ"), max_length=255, blank=True)
    body = models.CharField(_("cơ quan, đơn vị công tác"), max_length=255, blank=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị trong tỉnh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people",
    )
    key_position = models.BooleanField(_("giữ chức vụ chủ chốt"), default=False)
    notes = models.CharField(_("ghi chú"), max_length=255, blank=True)

    history = HistoricalRecords(
        excluded_fields=["search_text", "updated_at"], verbose_name=_("lịch sử người")
    )
    search_fields = ("full_name", "title", "body")

    class Meta:
        ordering = ["full_name", "id"]
        verbose_name = _("người")
        verbose_name_plural = _("danh sách người đi, người đón")
        indexes = [models.Index(fields=["province", "full_name"], name="person_name")]

    def __str__(self) -> str:
        return f"{self.full_name} - {self.title}" if self.title else self.full_name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("people:person", args=[self.pk])
