"""The task form: a lead unit and coordinating units of the user's provinces, a deadline.

Unit staff may only lead with their own unit, so for them the lead unit offered
is their unit; the service checks it again whatever the form offered.
"""

from __future__ import annotations

from django import forms

from doingoai.accounts.scoping import user_unit
from doingoai.core.forms import ScopedModelForm, date_field
from doingoai.tasks.models import Task


class TaskForm(ScopedModelForm):
    deadline = date_field("Thời hạn")

    unit_fields = ("lead_unit", "joint_leads", "coordinating_units")

    class Meta:
        model = Task
        fields = [
            "province",
            "field",
            "title",
            "lead_unit",
            "joint_leads",
            "lead_text",
            "coordinating_units",
            "coordinating_text",
            "deadline",
            "status",
            "notes",
        ]
        error_messages = {"title": {"required": "Vui lòng nhập nội dung nhiệm vụ."}}
        widgets = {
            "title": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "coordinating_units": forms.SelectMultiple(attrs={"size": 8}),
            "joint_leads": forms.SelectMultiple(attrs={"size": 4}),
            "lead_text": forms.Textarea(attrs={"rows": 2}),
            "coordinating_text": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        unit = user_unit(self.user)
        if unit is not None:
            lead = self.fields["lead_unit"]
            lead.queryset = lead.queryset.filter(pk=unit.pk)
            lead.required = True
            lead.empty_label = None
            lead.error_messages["invalid_choice"] = (
                "Cán bộ đơn vị chỉ được giao nhiệm vụ cho chính đơn vị mình chủ trì."
            )


class TaskNoteForm(forms.Form):
    """A progress note: its day, what was done, and optionally the status it sets."""

    written_on = date_field("Ngày", required=True)
    text = forms.CharField(
        label="Nội dung tiến độ",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Vui lòng ghi nội dung tiến độ.",
            "max_length": "Nội dung quá dài (tối đa 4.000 ký tự).",
        },
    )
    status = forms.ChoiceField(
        label="Trạng thái nhiệm vụ", required=False, choices=[("", "Giữ nguyên"), *Task.Status.choices]
    )

    def __init__(self, *args, can_set_status: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_set_status:
            del self.fields["status"]
