"""The choice of a report's province, year and half."""

from __future__ import annotations

from django import forms
from django.utils import timezone

HALVES = [("", "Cả năm"), ("1", "6 tháng đầu năm")]


class ExecutionReportForm(forms.Form):
    province = forms.ModelChoiceField(label="Tỉnh", queryset=None, empty_label=None)
    year = forms.IntegerField(label="Năm", min_value=1990, max_value=2100)
    half = forms.ChoiceField(label="Kỳ báo cáo", choices=HALVES, required=False)

    def __init__(self, data, *, provinces, default_province):
        data = data.copy()
        data.setdefault("year", str(timezone.localdate().year))
        if default_province is not None:
            data.setdefault("province", str(default_province.pk))
        super().__init__(data)
        self.fields["province"].queryset = provinces
        self.several_provinces = provinces.count() > 1
