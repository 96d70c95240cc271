"""Table of the plan-document list: what each document is, and whether it reports conflicts."""

from __future__ import annotations

import django_tables2 as tables

from doingoai.organization.tables import badge, link_to
from doingoai.plans.models import PlanDocument


class PlanDocumentTable(tables.Table):
    document = tables.Column(
        verbose_name="Văn bản",
        accessor="pk",
        order_by=("kind", "number"),
        linkify=link_to("plans:plandocument_detail"),
    )
    year = tables.Column(verbose_name="Năm")
    issued_on = tables.DateColumn(verbose_name="Ngày ban hành", format="d/m/Y")
    issuer = tables.Column(verbose_name="Cơ quan ban hành")
    title = tables.Column(verbose_name="Trích yếu")
    conflicts = tables.Column(verbose_name="Mâu thuẫn", accessor="metadata", orderable=False, empty_values=())

    class Meta:
        model = PlanDocument
        fields = ("document", "year", "issued_on", "issuer", "title", "conflicts")
        attrs = {"class": "data"}
        empty_text = "Chưa có văn bản nào."

    def render_document(self, record):
        return str(record)

    def render_title(self, value):
        return value if len(value) <= 160 else value[:157] + "…"

    def render_conflicts(self, record):
        count = len(record.conflicts)
        return badge(f"{count} mâu thuẫn", "warn") if count else "—"
