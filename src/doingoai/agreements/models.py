"""International agreements expected to be signed (thỏa thuận quốc tế)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from doingoai.core.models import SourcedModel
from doingoai.organization.models import Province, Unit
from doingoai.partners.models import Partner
from doingoai.plans.models import PlanDocument


class Agreement(SourcedModel):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Dự kiến ký")
        SIGNED = "signed", _("Đã ký")
        POSTPONED = "postponed", _("Hoãn")
        CANCELLED = "cancelled", _("Hủy")

    province = models.ForeignKey(
        Province, verbose_name=_("tỉnh"), on_delete=models.PROTECT, related_name="agreements"
    )
    owner = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị đề xuất"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    plan_document = models.ForeignKey(
        PlanDocument,
        verbose_name=_("văn bản"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("đối tác"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True)
    tt = models.CharField(_("TT"), max_length=20, blank=True)
    proposer = models.CharField(_("cơ quan đề xuất ký"), max_length=255, blank=True)
    signing_capacity = models.CharField(_("danh nghĩa ký"), max_length=255, blank=True)
    kind = models.CharField(_("loại văn bản"), max_length=120, blank=True)
    countries = models.JSONField(_("nước ký kết"), default=list, blank=True)
    title = models.TextField(_("tên văn bản"))
    partner_name = models.TextField(_("đối tác nước ngoài"), blank=True)
    period_start = models.DateField(_("từ tháng"), null=True, blank=True)
    period_end = models.DateField(_("đến tháng"), null=True, blank=True)
    status = models.CharField(_("trạng thái"), max_length=12, choices=Status.choices, default=Status.PLANNED)
    notes = models.TextField(_("ghi chú"), blank=True)

    history = HistoricalRecords(
        excluded_fields=["search_text", "updated_at"], verbose_name=_("lịch sử thỏa thuận")
    )
    search_fields = ("title", "countries_names", "kind", "proposer", "partner_name", "countries", "notes")
    search_head = ("title", "countries_names")
    sourced_fields = (
        "year",
        "tt",
        "proposer",
        "signing_capacity",
        "kind",
        "countries",
        "title",
        "partner_name",
        "period_start",
        "period_end",
        "notes",
    )
    review_fields = {
        "countries": ("countries",),
        "period": ("period_start", "period_end"),
        "title": ("title",),
        "year": ("year",),
    }

    class Meta:
        ordering = ["-year", "id"]
        verbose_name = _("thỏa thuận quốc tế")
        verbose_name_plural = _("thỏa thuận quốc tế")
        constraints = [
            models.UniqueConstraint(
                fields=["plan_document", "source_table", "source_row"],
                condition=models.Q(plan_document__isnull=False),
                name="agreement_unique_source_row",
            ),
        ]

    def __str__(self) -> str:
        return self.title[:120]

    @property
    def countries_names(self) -> str:
        from doingoai.extraction.normalize.places import country_name_vi

        return " ".join(country_name_vi(code) for code in self.countries)
