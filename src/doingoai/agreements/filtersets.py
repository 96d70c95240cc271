"""Filters of the agreement list: year, country, status, proposing unit, what to follow, the search box."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone

from doingoai.agreements import selectors
from doingoai.agreements.models import Agreement
from doingoai.organization.filtersets import SearchFilterSet, country_codes, visible_units_for


class AgreementFilterSet(SearchFilterSet):
    year = django_filters.NumberFilter(label="Năm")
    country = django_filters.CharFilter(
        method="filter_country",
        label="Nước (mã hoặc tên)",
        widget=forms.TextInput(attrs={"placeholder": "KR, Hàn Quốc…"}),
    )
    status = django_filters.ChoiceFilter(choices=Agreement.Status.choices, label="Trạng thái")
    owner = django_filters.ModelChoiceFilter(queryset=visible_units_for, label="Đơn vị đề xuất")
    follow = django_filters.ChoiceFilter(
        method="filter_follow",
        label="Cần theo dõi",
        choices=[
            ("report_owed", "Chưa báo cáo sau khi ký"),
            ("expiring", "Sắp hết hiệu lực (90 ngày)"),
        ],
    )

    class Meta:
        model = Agreement
        fields = ["q", "province", "year", "country", "status", "owner", "follow"]

    def filter_follow(self, queryset, name, value):
        """The same reads as the inbox's sections (``agreements.selectors``)."""
        if value == "report_owed":
            return selectors.signing_reports_owed(queryset)
        if value == "expiring":
            return selectors.expiring(queryset, timezone.localdate())
        return queryset

    def filter_country(self, queryset, name, value):
        """Agreements naming any of the countries meant.

        ``countries`` is a JSON list; containment lookups differ between SQLite
        and PostgreSQL, but both render the list as text with each code quoted,
        so a quoted code is found the same way on both.
        """
        if not value:
            return queryset
        condition = Q()
        for code in country_codes(value):
            condition |= Q(countries__icontains=f'"{code}"')
        return queryset.filter(condition)
