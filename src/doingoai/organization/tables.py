"""Tables of the unit and province lists."""

from __future__ import annotations

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html

from doingoai.organization.models import Province, Unit


def link_to(view_name: str):
    """A ``linkify`` callable pointing a column at the record's detail page."""
    return lambda record: reverse(view_name, args=[record.pk])


def badge(text: str, kind: str = "") -> str:
    """A coloured label as the stylesheet draws them (``badge-ok``, ``badge-warn``…)."""
    return format_html('<span class="badge{}">{}</span>', f" badge-{kind}" if kind else "", text)


class UnitTable(tables.Table):
    name = tables.Column(verbose_name="Tên đơn vị", linkify=link_to("organization:unit_detail"))
    kind = tables.Column(verbose_name="Loại")
    province = tables.Column(verbose_name="Tỉnh", order_by=("province__name",))
    aliases = tables.Column(verbose_name="Tên gọi khác", orderable=False)

    class Meta:
        model = Unit
        fields = ("name", "kind", "province", "aliases")
        attrs = {"class": "data"}
        empty_text = "Không có đơn vị nào."

    def render_aliases(self, value):
        return "; ".join(value)


class ProvinceTable(tables.Table):
    name = tables.Column(verbose_name="Tên tỉnh")
    code = tables.Column(verbose_name="Mã")
    merged_into = tables.Column(verbose_name="Đã hợp nhất vào")
    merged_on = tables.DateColumn(verbose_name="Ngày hợp nhất", format="d/m/Y")

    class Meta:
        model = Province
        fields = ("name", "code", "merged_into", "merged_on")
        attrs = {"class": "data"}
        empty_text = "Không có tỉnh nào."
