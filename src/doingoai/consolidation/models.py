"""Versions of the province's plan of a year, what each holds, and the documents that approved it.

A version is a snapshot taken when the office sends the plan somewhere: the
draft sent to the Party committee, the plan the People's Committee approved,
each later amendment. It keeps which delegations it held, in which table and
section, and what they said then (``PlanEntry.values``), so that what was
sent stays readable whatever changes afterwards. Its approving documents
(the Party committee's conclusion, the People's Committee's plan or letter)
carry a number, a date and the signed file.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from doingoai.core.models import VersionedModel


class PlanVersion(VersionedModel):
    class Kind(models.TextChoices):
        DRAFT = "draft", _("Dự thảo trình Ban Thường vụ Tỉnh ủy")
        PLAN = "plan", _("Kế hoạch trình phê duyệt")
        AMENDMENT = "amendment", _("Điều chỉnh, bổ sung kế hoạch")

    province = models.ForeignKey(
        "organization.Province",
        verbose_name=_("tỉnh"),
        on_delete=models.PROTECT,
        related_name="plan_versions",
    )
    year = models.PositiveSmallIntegerField(_("năm kế hoạch"))
    number = models.PositiveSmallIntegerField(_("phiên bản số"))
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("tên"), max_length=255)
    note = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người lập"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("phê duyệt lúc"), null=True, blank=True, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ghi nhận phê duyệt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    approving_document = models.ForeignKey(
        "ApprovingDocument",
        verbose_name=_("văn bản phê duyệt"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )

    history = HistoricalRecords(excluded_fields=["updated_at"], verbose_name=_("lịch sử phiên bản kế hoạch"))

    class Meta:
        ordering = ["-year", "-number"]
        verbose_name = _("phiên bản kế hoạch")
        verbose_name_plural = _("phiên bản kế hoạch")
        constraints = [
            models.UniqueConstraint(fields=["province", "year", "number"], name="plan_version_number"),
        ]

    def __str__(self) -> str:
        return f"Phiên bản {self.number}: {self.title}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("consolidation:version", args=[self.pk])

    @property
    def approved(self) -> bool:
        return self.approved_at is not None

    @property
    def can_approve_delegations(self) -> bool:
        """A draft for the Party committee is concluded on, not approved: its trips wait for the plan."""
        return self.kind != self.Kind.DRAFT


class PlanEntry(models.Model):
    """One delegation as a version held it: its table, section and place, and what it said then."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="entries")
    delegation = models.ForeignKey(
        "delegations.Delegation",
        verbose_name=_("đoàn"),
        on_delete=models.PROTECT,
        related_name="plan_entries",
    )
    level = models.CharField(_("cấp"), max_length=12)
    direction = models.CharField(_("loại đoàn"), max_length=3)
    section = models.CharField(_("mục"), max_length=40)
    section_heading = models.CharField(_("tên mục"), max_length=255)
    position = models.PositiveIntegerField(_("thứ tự"))
    values = models.JSONField(_("nội dung lúc lập phiên bản"), default=dict)

    class Meta:
        ordering = ["version", "position"]
        verbose_name = _("đoàn trong phiên bản kế hoạch")
        verbose_name_plural = _("đoàn trong phiên bản kế hoạch")
        constraints = [
            models.UniqueConstraint(fields=["version", "delegation"], name="plan_entry_once"),
        ]


class ApprovingDocument(VersionedModel):
    """A document deciding on a version: its kind, number, date, issuer and the signed file."""

    class Kind(models.TextChoices):
        PARTY_CONCLUSION = "party_conclusion", _("Kết luận của Ban Thường vụ Tỉnh ủy")
        COMMITTEE_PLAN = "committee_plan", _("Kế hoạch của UBND tỉnh")
        COMMITTEE_LETTER = "committee_letter", _("Công văn của UBND tỉnh")
        SUBMISSION = "submission", _("Tờ trình của Sở Ngoại vụ")
        OTHER = "other", _("Văn bản khác")

    version = models.ForeignKey(
        PlanVersion, verbose_name=_("phiên bản"), on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("loại văn bản"), max_length=20, choices=Kind.choices)
    number = models.CharField(_("số, ký hiệu"), max_length=80)
    issued_on = models.DateField(_("ngày ban hành"))
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255, blank=True)
    title = models.CharField(_("trích yếu"), max_length=500, blank=True)
    attachment = models.ForeignKey(
        "core.Attachment",
        verbose_name=_("tệp"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người ghi"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords(excluded_fields=["updated_at"], verbose_name=_("lịch sử văn bản phê duyệt"))

    class Meta:
        ordering = ["issued_on", "id"]
        verbose_name = _("văn bản phê duyệt kế hoạch")
        verbose_name_plural = _("văn bản phê duyệt kế hoạch")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} số {self.number} ngày {self.issued_on:%d/%m/%Y}"
