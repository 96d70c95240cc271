"""The register of people who travel and receive: one row per person, whatever delegations they join.

Kept so that a person's trips can be counted across delegations (a key
leader goes abroad at most twice a year, Chỉ thị 38-CT/TW), and so that a
delegation's members are named the same way every time. ``key_position``
marks a title that counts as a key leadership position; who counts is the
province's call.

``TitleHolding`` is the other half: a plan often names its head by title
only ("Thường trực Tỉnh ủy", "Chủ tịch UBND tỉnh"); the office says, for each
year, who holds such a title, so that the rules count the people behind it
(``rules.services._trips``).
"""

from __future__ import annotations

import re

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from doingoai.core.models import BaseModel, search_words
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


#: the long forms officers write as often as the short ones, folded: one key for both
_SHORT_FORMS = (
    (re.compile(r"\buy ban nhan dan\b"), "ubnd"),
    (re.compile(r"\bhoi dong nhan dan\b"), "hdnd"),
)


def title_key(text: str) -> str:
    """A title as compared: folded words (no case, no diacritics), "Ủy ban nhân dân" written "ubnd".

    ``"Thường trực Tỉnh ủy"`` → ``"thuong truc tinh uy"``; ``"Chủ tịch Ủy ban
    nhân dân tỉnh"`` → ``"chu tich ubnd tinh"``.
    """
    key = " ".join(search_words(text))
    for pattern, short in _SHORT_FORMS:
        key = pattern.sub(short, key)
    return key


class TitleHolding(BaseModel):
    """Who holds a title in a province in a year: the people a delegation headed by that title counts."""

    province = models.ForeignKey(
        Province, verbose_name=_("tỉnh"), on_delete=models.PROTECT, related_name="title_holdings"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("chức danh"), max_length=255)
    title_key = models.CharField(_("chức danh (không dấu)"), max_length=255, editable=False, default="")
    people = models.ManyToManyField(
        Person, verbose_name=_("người giữ chức danh"), blank=True, related_name="title_holdings"
    )

    history = HistoricalRecords(
        excluded_fields=["search_text", "updated_at"],
        m2m_fields=[people],
        verbose_name=_("lịch sử chức danh theo năm"),
    )
    search_fields = ("title",)
    derived_fields = ("search_text", "title_key")

    class Meta:
        ordering = ["-year", "title", "id"]
        verbose_name = _("chức danh theo năm")
        verbose_name_plural = _("chức danh lãnh đạo theo năm")
        constraints = [
            models.UniqueConstraint(
                fields=["province", "year", "title_key"],
                condition=models.Q(deleted_at__isnull=True),
                name="title_holding_once_per_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"

    def fill_derived(self) -> None:
        super().fill_derived()
        self.title_key = title_key(self.title)
