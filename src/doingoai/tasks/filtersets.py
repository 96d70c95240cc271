"""Filters of the task list: status, lead and coordinating unit, deadline window, overdue."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils import timezone

from doingoai.core.parsing import DATE_INPUT_FORMATS
from doingoai.organization.filtersets import SearchFilterSet, visible_units_for
from doingoai.tasks.models import Task

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class TaskFilterSet(SearchFilterSet):
    status = django_filters.ChoiceFilter(choices=Task.Status.choices, label="Trạng thái")
    lead_unit = django_filters.ModelChoiceFilter(queryset=visible_units_for, label="Đơn vị chủ trì")
    coordinating_unit = django_filters.ModelChoiceFilter(
        field_name="coordinating_units",
        queryset=visible_units_for,
        label="Đơn vị phối hợp",
    )
    deadline_after = django_filters.DateFilter(
        field_name="deadline",
        lookup_expr="gte",
        label="Thời hạn từ ngày",
        widget=_DATE,
        input_formats=DATE_INPUT_FORMATS,
    )
    deadline_before = django_filters.DateFilter(
        field_name="deadline",
        lookup_expr="lte",
        label="Thời hạn đến ngày",
        widget=_DATE,
        input_formats=DATE_INPUT_FORMATS,
    )
    overdue = django_filters.BooleanFilter(
        method="filter_overdue",
        label="Quá hạn",
        widget=forms.Select(choices=[("", "Tất cả"), ("true", "Quá hạn"), ("false", "Chưa quá hạn")]),
    )

    class Meta:
        model = Task
        fields = [
            "q",
            "province",
            "status",
            "lead_unit",
            "coordinating_unit",
            "deadline_after",
            "deadline_before",
            "overdue",
        ]

    def filter_overdue(self, queryset, name, value):
        """Overdue: the deadline has passed and the task is not done (whatever its recorded status)."""
        if value is None:
            return queryset
        late = {"deadline__lt": timezone.localdate()}
        if value:
            return queryset.filter(**late).exclude(status=Task.Status.DONE)
        return queryset.exclude(pk__in=queryset.filter(**late).exclude(status=Task.Status.DONE).values("pk"))
