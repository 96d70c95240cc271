"""The task form: a lead unit and coordinating units of the task's province, a deadline.

Unit staff may only edit their own unit's tasks, so for them the lead unit is
their unit: choosing another would hand the task over to a unit they cannot
edit for.
"""

from __future__ import annotations

from django import forms

from doingoai.accounts.permissions import role_of
from doingoai.organization.forms import ScopedModelForm, date_field
from doingoai.tasks.models import Task

TITLE_REQUIRED = "Vui lòng nhập nội dung nhiệm vụ."
LEAD_OTHER_PROVINCE = "Đơn vị chủ trì phải thuộc tỉnh của nhiệm vụ."
COORDINATING_OTHER_PROVINCE = "Đơn vị phối hợp phải thuộc tỉnh của nhiệm vụ."
COORDINATING_IS_LEAD = "Đơn vị chủ trì không thể đồng thời là đơn vị phối hợp."
LEAD_NOT_OWN = "Cán bộ đơn vị chỉ được giao nhiệm vụ cho chính đơn vị mình chủ trì."


def unit_errors(province, lead_unit, coordinating_units, user=None) -> dict[str, str]:
    """What is wrong with the units of a task, by field: shared by the form and the API."""
    errors: dict[str, str] = {}
    if province is not None and lead_unit is not None and lead_unit.province_id != province.pk:
        errors["lead_unit"] = LEAD_OTHER_PROVINCE
    if user is not None and role_of(user) == "unit" and (
        lead_unit is None or lead_unit.pk != user.profile.unit_id
    ):
        errors["lead_unit"] = LEAD_NOT_OWN
    coordinating = list(coordinating_units or [])
    if province is not None and any(unit.province_id != province.pk for unit in coordinating):
        errors["coordinating_units"] = COORDINATING_OTHER_PROVINCE
    elif lead_unit is not None and any(unit.pk == lead_unit.pk for unit in coordinating):
        errors["coordinating_units"] = COORDINATING_IS_LEAD
    return errors


class TaskForm(ScopedModelForm):
    deadline = date_field("Thời hạn")

    unit_fields = ("lead_unit", "coordinating_units")

    class Meta:
        model = Task
        fields = ["province", "field", "title", "lead_unit", "coordinating_units", "deadline", "status",
                  "notes"]
        error_messages = {"title": {"required": TITLE_REQUIRED}}
        widgets = {
            "title": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "coordinating_units": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if role_of(self.user) == "unit":
            lead = self.fields["lead_unit"]
            lead.queryset = lead.queryset.filter(pk=self.user.profile.unit_id)
            lead.required = True
            lead.empty_label = None

    def clean_title(self):
        title = " ".join(self.cleaned_data.get("title", "").split())
        if not title:
            raise forms.ValidationError(TITLE_REQUIRED)
        return title

    def clean(self):
        cleaned = super().clean()
        errors = unit_errors(self.record_province(), cleaned.get("lead_unit"),
                             cleaned.get("coordinating_units"), self.user)
        for name, message in errors.items():
            if name not in self.errors:
                self.add_error(name, message)
        return cleaned
