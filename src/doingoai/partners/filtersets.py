"""Filters of the partner list: by country and kind, and the search box."""

from __future__ import annotations

import django_filters
from django import forms

from doingoai.organization.filtersets import SearchFilterSet, country_codes
from doingoai.partners.models import Partner


class PartnerFilterSet(SearchFilterSet):
    country = django_filters.CharFilter(
        method="filter_country",
        label="Nước (mã hoặc tên)",
        widget=forms.TextInput(attrs={"placeholder": "LA, Lào…"}),
    )
    kind = django_filters.ChoiceFilter(choices=Partner.Kind.choices, label="Loại đối tác")

    class Meta:
        model = Partner
        fields = ["q", "province", "country", "kind"]

    def filter_country(self, queryset, name, value):
        """A code ("LA") or a name in any spelling ("Lào", "CHDCND Lào")."""
        return queryset.filter(country__in=country_codes(value)) if value else queryset
