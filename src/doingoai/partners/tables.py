"""Table of the partner list."""

from __future__ import annotations

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html

from doingoai.extraction.normalize.places import country_name_vi
from doingoai.organization.tables import link_to
from doingoai.partners.models import Partner


class PartnerTable(tables.Table):
    name = tables.Column(verbose_name="Tên đối tác", linkify=link_to("partners:partner_detail"))
    kind = tables.Column(verbose_name="Loại")
    country = tables.Column(verbose_name="Nước")
    subdivision = tables.Column(verbose_name="Mã địa phương")
    relationship = tables.Column(verbose_name="Quan hệ", orderable=False)
    delegation_count = tables.Column(verbose_name="Số đoàn", attrs={"td": {"class": "num"}})

    class Meta:
        model = Partner
        fields = ("name", "kind", "country", "subdivision", "delegation_count", "relationship")
        attrs = {"class": "data"}
        empty_text = "Chưa có đối tác nào."

    def render_country(self, value):
        return format_html(
            '<a href="{}">{}</a>', reverse("partners:country_detail", args=[value]), country_name_vi(value)
        )
