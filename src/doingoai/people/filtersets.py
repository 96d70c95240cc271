"""Filters of the register of people: unit, key positions, the search box."""

from __future__ import annotations

import django_filters
from django import forms

from doingoai.organization.filtersets import SearchFilterSet, visible_units_for
from doingoai.people.models import Person


class PersonFilterSet(SearchFilterSet):
    unit = django_filters.ModelChoiceFilter(queryset=visible_units_for, label="Đơn vị")
    key_position = django_filters.BooleanFilter(
        label="Chức vụ chủ chốt",
        widget=forms.Select(choices=[("", "Tất cả"), ("true", "Có"), ("false", "Không")]),
    )

    class Meta:
        model = Person
        fields = ["q", "province", "unit", "key_position"]
