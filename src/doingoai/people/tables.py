"""Table of the register of people."""

from __future__ import annotations

import django_tables2 as tables

from doingoai.organization.tables import badge, link_to
from doingoai.people.models import Person


class PersonTable(tables.Table):
    full_name = tables.Column(verbose_name="Họ và tên", linkify=link_to("people:person_detail"))
    title = tables.Column(verbose_name="Chức vụ")
    body = tables.Column(verbose_name="Cơ quan, đơn vị")
    key_position = tables.Column(verbose_name="Chủ chốt")

    class Meta:
        model = Person
        fields = ("full_name", "title", "body", "key_position")
        attrs = {"class": "data"}
        empty_text = "Chưa có người nào trong danh sách."

    def render_key_position(self, value):
        return badge("Chủ chốt", "warn") if value else ""
