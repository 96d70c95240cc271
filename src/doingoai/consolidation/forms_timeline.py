"""The timeline's filters: which province and year, which delegations. They parse; the selector reads."""

from __future__ import annotations

from django import forms

from doingoai.accounts.scoping import scope
from doingoai.consolidation.timeline import ALL_STATES
from doingoai.delegations.models import Delegation
from doingoai.organization.models import Unit

INVALID = "Giá trị đã chọn không có trong danh sách."


class TimelineForm(forms.Form):
    province = forms.ModelChoiceField(
        label="Tỉnh",
        queryset=None,
        empty_label=None,
        error_messages={"invalid_choice": "Không có tỉnh này trong phạm vi tài khoản của bạn."},
    )
    year = forms.IntegerField(
        label="Năm kế hoạch",
        min_value=2000,
        max_value=2100,
        error_messages={
            "invalid": "Năm phải là một số, ví dụ 2025.",
            "required": "Hãy ghi năm kế hoạch.",
            "min_value": "Năm phải từ 2000 đến 2100.",
            "max_value": "Năm phải từ 2000 đến 2100.",
        },
    )
    direction = forms.ChoiceField(
        label="Loại đoàn",
        choices=[("", "Đoàn ra và đoàn vào"), *Delegation.Direction.choices],
        required=False,
        error_messages={"invalid_choice": INVALID},
    )
    level = forms.ChoiceField(
        label="Cấp",
        choices=[("", "Mọi cấp"), *Delegation.Level.choices],
        required=False,
        error_messages={"invalid_choice": INVALID},
    )
    unit = forms.ModelChoiceField(
        label="Đơn vị đề xuất",
        queryset=None,
        required=False,
        empty_label="Mọi đơn vị",
        error_messages={"invalid_choice": "Không có đơn vị này trong tỉnh đã chọn."},
    )
    state = forms.ChoiceField(
        label="Trạng thái",
        choices=[
            ("", "Trừ hủy, không đưa vào"),
            (ALL_STATES, "Mọi trạng thái"),
            *Delegation.Status.choices,
        ],
        required=False,
        error_messages={"invalid_choice": INVALID},
    )

    def __init__(self, data, *, user, provinces, default_province, default_year: int):
        data = data.copy()
        if not data.get("year"):
            data["year"] = str(default_year)
        if not data.get("province") and default_province is not None:
            data["province"] = str(default_province.pk)
        super().__init__(data)
        self.fields["province"].queryset = provinces
        self.several_provinces = len(provinces) > 1
        # the units offered are those of the province asked for (another province's unit is refused)
        chosen = next((p for p in provinces if str(p.pk) == str(data.get("province"))), default_province)
        units = scope(Unit.objects.all(), user)
        self.fields["unit"].queryset = (
            units.filter(province=chosen).order_by("name") if chosen is not None else units.none()
        )
