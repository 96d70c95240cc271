"""Filters of the warnings list: year, rule, delegation, acknowledged, still active."""

from __future__ import annotations

import django_filters

from doingoai.rules.checks import rules
from doingoai.rules.models import Warning


class WarningFilterSet(django_filters.FilterSet):
    year = django_filters.NumberFilter(label="Năm")
    rule = django_filters.ChoiceFilter(label="Quy định", choices=lambda: [(r, r) for r in rules()])
    delegation = django_filters.NumberFilter(label="Đoàn")
    acknowledged = django_filters.BooleanFilter(
        label="Đã xác nhận", field_name="acknowledged_at", lookup_expr="isnull", exclude=True
    )
    active = django_filters.BooleanFilter(label="Còn hiệu lực")

    class Meta:
        model = Warning
        fields = ["year", "rule", "delegation", "acknowledged", "active"]
