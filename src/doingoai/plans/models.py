"""Plan documents: the files records come from, kept with what was read of them.

A document is the province's (a plan the People's Committee issued, the
office's consolidated table) or a unit's (its proposal on Mẫu 04 / Mẫu 05,
``owner``): a unit's officers import and replace only their own unit's
documents; the office's are never replaced by anyone else's file.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from doingoai.core.models import BaseModel
from doingoai.organization.models import Province, Unit


class PlanDocument(BaseModel):
    """A plan, letter or notice as issued, with its file and its conflicts."""

    province = models.ForeignKey(
        Province, verbose_name=_("tỉnh"), on_delete=models.PROTECT, related_name="plan_documents"
    )
    owner = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị đề xuất (văn bản của đơn vị)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plan_documents",
        help_text=_("Trống: văn bản của tỉnh hoặc do Sở Ngoại vụ nhập."),
    )
    kind = models.CharField(_("loại văn bản"), max_length=50, blank=True)
    number = models.CharField(_("số, ký hiệu"), max_length=80, blank=True)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255, blank=True)
    year = models.PositiveSmallIntegerField(_("năm kế hoạch"), null=True, blank=True)
    title = models.TextField(_("trích yếu"), blank=True)
    file_name = models.CharField(_("tên tệp"), max_length=255)
    file = models.FileField(_("tệp"), upload_to="plans/%Y/", blank=True)
    file_sha256 = models.CharField(max_length=64, db_index=True, blank=True)
    metadata = models.JSONField(_("thông tin đọc được"), default=dict, blank=True)

    history = HistoricalRecords(verbose_name=_("lịch sử văn bản kế hoạch"))
    search_fields = ("kind", "number", "issuer", "title", "file_name")

    class Meta:
        ordering = ["-year", "-issued_on", "file_name"]
        verbose_name = _("văn bản kế hoạch")
        verbose_name_plural = _("văn bản kế hoạch")

    def __str__(self) -> str:
        label = " ".join(part for part in (self.kind, self.number) if part)
        return label or self.file_name

    @property
    def conflicts(self) -> list[dict]:
        return self.metadata.get("conflicts", [])
