"""The dashboard's choice of province and year (the user's province and this year unless asked)."""

from __future__ import annotations

from django import forms
from django.utils import timezone


class DashboardForm(forms.Form):
    province = forms.ModelChoiceField(label="Tỉnh", queryset=None, empty_label=None)
    year = forms.IntegerField(
        label="Năm",
        min_value=1990,
        max_value=2100,
        error_messages={
            "invalid": "Năm phải là một số, ví dụ 2025.",
            "min_value": "Năm không hợp lệ.",
            "max_value": "Năm không hợp lệ.",
        },
    )

    def __init__(self, data, *, provinces, default_province):
        data = data.copy()
        data.setdefault("year", str(timezone.localdate().year))
        if default_province is not None:
            data.setdefault("province", str(default_province.pk))
        super().__init__(data)
        self.fields["province"].queryset = provinces
        self.several_provinces = provinces.count() > 1
