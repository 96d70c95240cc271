"""The report a unit files after a trip: what was done, who went, results, proposals, cost.

Filed once per delegation (the ``report`` transition); due a number of days
after the return date that each province sets (``Province.report_due_days``,
15 by default). Agreements signed on the trip are linked to their records;
follow-up tasks it proposes are created as tasks that link back to it
(``Task.report``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from doingoai.core.models import VersionedModel


class DelegationReport(VersionedModel):
    delegation = models.OneToOneField(
        "delegations.Delegation", verbose_name=_("đoàn"), on_delete=models.CASCADE, related_name="report"
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người nộp"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    filed_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)  # None: taken back by an undo
    activities = models.TextField(_("hoạt động đã thực hiện"))
    participants = models.TextField(_("thành phần thực tế tham gia"), blank=True)
    members_went = models.ManyToManyField(
        "delegations.DelegationMember", verbose_name=_("thành viên đã đi"), blank=True, related_name="+"
    )
    days_actual = models.DecimalField(
        _("số ngày thực tế"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    agreements = models.ManyToManyField(
        "agreements.Agreement", verbose_name=_("thỏa thuận đã ký"), blank=True, related_name="reports"
    )
    results = models.TextField(_("kết quả đạt được"), blank=True)
    proposals = models.TextField(_("đề xuất, kiến nghị"), blank=True)
    cost = models.DecimalField(
        _("kinh phí thực chi (đồng)"), max_digits=15, decimal_places=0, null=True, blank=True
    )
    cost_notes = models.TextField(_("ghi chú kinh phí"), blank=True)

    history = HistoricalRecords(
        excluded_fields=["updated_at"], verbose_name=_("lịch sử báo cáo sau chuyến đi")
    )

    class Meta:
        verbose_name = _("báo cáo sau chuyến đi")
        verbose_name_plural = _("báo cáo sau chuyến đi")

    def __str__(self) -> str:
        return f"Báo cáo: {self.delegation}"
