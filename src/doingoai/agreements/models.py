"""International agreements (thỏa thuận quốc tế): planned in the plan, then signed, in force, renewed.

An agreement is planned in the year's plan (``year``, the expected signing
months ``period_start``–``period_end``), then followed: signed on a day,
perhaps during a delegation's trip, in force from a day for a term, expiring
on a day (``expires_on``), renewed by a later agreement (``renews``). One
signed in the name of a department or another body of the province, not of
the province's People's Committee, is reported to the Chairman of the
People's Committee and the foreign-affairs office within 15 days of its
signing (Nghị định 64/2021/NĐ-CP, Điều 5 khoản 6): ``signing_report_due_on``
is that day, ``signing_reported_on`` when it was done.
"""

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
        POSTPONED = "postponed", _("Hoãn")
        SIGNED = "signed", _("Đã ký")
        IN_FORCE = "in_force", _("Đang có hiệu lực")
        EXPIRED = "expired", _("Hết hiệu lực")
        RENEWED = "renewed", _("Đã gia hạn")
        CANCELLED = "cancelled", _("Hủy")

    #: the states of an agreement that has been signed
    SIGNED_STATES = ("signed", "in_force", "expired", "renewed")
    #: the states in which an agreement binds and its expiry matters
    BINDING_STATES = ("signed", "in_force")
    #: days after the signing within which a department reports it (NĐ 64/2021/NĐ-CP, Điều 5 khoản 6)
    SIGNING_REPORT_DAYS = 15

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

    # ---- followed after the plan
    delegation = models.ForeignKey(
        "delegations.Delegation",
        verbose_name=_("ký trong chuyến đi của đoàn"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agreements_signed",
    )
    signed_on = models.DateField(_("ngày ký"), null=True, blank=True)
    effective_on = models.DateField(_("ngày có hiệu lực"), null=True, blank=True)
    term_months = models.PositiveSmallIntegerField(_("thời hạn (tháng)"), null=True, blank=True)
    expires_on = models.DateField(_("ngày hết hiệu lực"), null=True, blank=True)
    renews = models.ForeignKey(
        "self",
        verbose_name=_("gia hạn thỏa thuận"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="renewals",
    )
    signing_report_due_on = models.DateField(
        _("hạn báo cáo sau khi ký"), null=True, blank=True, editable=False
    )
    signing_reported_on = models.DateField(_("ngày gửi báo cáo sau khi ký"), null=True, blank=True)
    signing_report_number = models.CharField(_("số văn bản báo cáo sau khi ký"), max_length=60, blank=True)

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
    def signing_report_overdue(self) -> bool:
        from django.utils import timezone

        due = self.signing_report_due_on
        return due is not None and self.signing_reported_on is None and due < timezone.localdate()

    @property
    def countries_names(self) -> str:
        from doingoai.extraction.normalize.places import country_name_vi

        return " ".join(country_name_vi(code) for code in self.countries)
