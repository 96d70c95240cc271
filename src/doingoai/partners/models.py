"""Foreign partners: localities and organisations the province works with.

The importer makes a partner of every foreign locality (by its ISO 3166-2
code, so that "Attapu", "Attapue" and "Ắt-tạ-pư" are one) and of every
organisation a delegation or an agreement names; an officer merges two
partners that are one (``PartnerMerge``, which keeps what moved so that the
merge can be undone).
"""

from __future__ import annotations

from django.conf import settings
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
    aliases = models.JSONField(_("cách viết khác"), default=list, blank=True)
    #: who the partner is, whatever the spelling: "loc:LA-AT" for a locality, "org:<folded name>" otherwise
    key = models.CharField(_("khóa nhận diện"), max_length=300, blank=True, db_index=True, editable=False)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("đã gộp vào"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_partners",
        editable=False,
    )
    #: the delegations that name it (both ways); derived from their localities and partners by the importer
    delegations = models.ManyToManyField(
        "delegations.Delegation", verbose_name=_("đoàn"), blank=True, related_name="partner_records"
    )

    history = HistoricalRecords(
        excluded_fields=["search_text", "updated_at"], verbose_name=_("lịch sử đối tác")
    )
    search_fields = ("name", "country_label", "aliases", "country", "subdivision", "relationship")
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


class PartnerMerge(models.Model):
    """Partner ``merged`` joined ``kept``: what moved, so that an officer can undo it."""

    kept = models.ForeignKey(
        Partner, verbose_name=_("đối tác giữ lại"), on_delete=models.PROTECT, related_name="merges_kept"
    )
    merged = models.ForeignKey(
        Partner, verbose_name=_("đối tác được gộp"), on_delete=models.PROTECT, related_name="merges_merged"
    )
    #: the delegations and agreements moved from ``merged`` to ``kept`` (not those both had)
    delegation_ids = models.JSONField(default=list, blank=True)
    agreement_ids = models.JSONField(default=list, blank=True)
    #: the spellings ``kept`` learnt from ``merged``
    aliases_added = models.JSONField(default=list, blank=True)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người gộp"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    merged_at = models.DateTimeField(_("gộp lúc"), auto_now_add=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người hoàn tác"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    undone_at = models.DateTimeField(_("hoàn tác lúc"), null=True, blank=True)

    class Meta:
        ordering = ["-merged_at", "-id"]
        verbose_name = _("gộp đối tác")
        verbose_name_plural = _("gộp đối tác")

    def __str__(self) -> str:
        return f"{self.merged} → {self.kept}"
