"""Foreign partners: localities and organisations the province works with."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from doingoai.core.models import BaseModel
from doingoai.organization.models import Province


class Partner(BaseModel):
    class Kind(models.TextChoices):
        LOCALITY = "locality", _("Địa phương nước ngoài")
        ORGANISATION = "organisation", _("Tổ chức, cơ quan")
        ENTERPRISE = "enterprise", _("Doanh nghiệp")

    province = models.ForeignKey(
        Province, verbose_name=_("tỉnh"), on_delete=models.PROTECT, related_name="partners"
    )
    name = models.CharField(_("tên đối tác"), max_length=255)
    kind = models.CharField(_("loại"), max_length=20, choices=Kind.choices, default=Kind.LOCALITY)
    country = models.CharField(_("nước (ISO 3166-1)"), max_length=3, blank=True)
    subdivision = models.CharField(_("mã địa phương (ISO 3166-2)"), max_length=10, blank=True)
    relationship = models.TextField(_("quan hệ (kết nghĩa, ghi nhớ…)"), blank=True)

    history = HistoricalRecords(
        excluded_fields=["search_text", "updated_at"], verbose_name=_("lịch sử đối tác")
    )
    search_fields = ("name", "country_label", "country", "subdivision", "relationship")
    search_head = ("name", "country_label")

    class Meta:
        ordering = ["country", "name"]
        verbose_name = _("đối tác nước ngoài")
        verbose_name_plural = _("đối tác nước ngoài")
        constraints = [
            models.UniqueConstraint(fields=["province", "name"], name="partner_unique_name_per_province"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def country_label(self) -> str:
        from doingoai.extraction.normalize.places import country_name_vi

        return country_name_vi(self.country) if self.country else ""
