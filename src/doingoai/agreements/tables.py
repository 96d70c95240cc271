"""Table of the agreement list."""

from __future__ import annotations

import django_tables2 as tables

from doingoai.agreements.models import Agreement
from doingoai.core.parsing import countries_text
from doingoai.organization.tables import badge, link_to

STATUS_BADGES = {
    "planned": "out",
    "postponed": "warn",
    "signed": "ok",
    "in_force": "ok",
    "expired": "",
    "renewed": "",
    "cancelled": "danger",
}


class AgreementTable(tables.Table):
    title = tables.Column(verbose_name="Tên văn bản", linkify=link_to("agreements:agreement_detail"))
    year = tables.Column(verbose_name="Năm")
    kind = tables.Column(verbose_name="Loại")
    countries = tables.Column(verbose_name="Nước", orderable=False)
    partner_name = tables.Column(verbose_name="Đối tác")
    owner = tables.Column(verbose_name="Đơn vị đề xuất", order_by=("owner__name",))
    period_start = tables.DateColumn(verbose_name="Dự kiến ký", format="m/Y")
    status = tables.Column(verbose_name="Trạng thái")
    signed_on = tables.DateColumn(verbose_name="Ngày ký", format="d/m/Y")
    expires_on = tables.DateColumn(verbose_name="Hiệu lực đến", format="d/m/Y")

    class Meta:
        model = Agreement
        fields = (
            "title",
            "year",
            "kind",
            "countries",
            "partner_name",
            "owner",
            "period_start",
            "status",
            "signed_on",
            "expires_on",
        )
        attrs = {"class": "data"}
        empty_text = "Chưa có thỏa thuận nào."

    def render_countries(self, value):
        return countries_text(value)

    def render_status(self, record):
        shown = badge(record.get_status_display(), STATUS_BADGES.get(record.status, ""))
        if record.signing_report_overdue:
            shown += badge("Quá hạn báo cáo", "danger")
        return shown
