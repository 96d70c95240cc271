"""What an export is asked for: they parse the request; the writers and the scoping decide."""

from __future__ import annotations

from django import forms

from doingoai.delegations.models import Delegation


class ExportForm(forms.Form):
    """What every export form says when a value is wrong: its first message, in Vietnamese."""

    def first_error(self) -> str:
        for texts in self.errors.values():
            return " ".join(texts)
        return "Yêu cầu không hợp lệ."


class AppendixForm(ExportForm):
    """A plan year's appendix: its province and year; one direction and level, or all; a unit; a version."""

    province = forms.IntegerField(
        error_messages={"required": "Hãy chọn tỉnh.", "invalid": "Tỉnh không hợp lệ."}
    )
    year = forms.IntegerField(
        min_value=2000,
        max_value=2100,
        error_messages={"required": "Hãy ghi năm kế hoạch.", "invalid": "Năm không hợp lệ."},
    )
    direction = forms.ChoiceField(
        choices=[("", "")] + list(Delegation.Direction.choices),
        required=False,
        error_messages={"invalid_choice": "Loại đoàn phải là out (đoàn ra) hoặc in (đoàn vào)."},
    )
    level = forms.ChoiceField(
        choices=[("", "")] + list(Delegation.Level.choices),
        required=False,
        error_messages={"invalid_choice": "Cấp phải là province (cấp tỉnh) hoặc department (cấp sở, ngành)."},
    )
    unit = forms.IntegerField(required=False, error_messages={"invalid": "Đơn vị không hợp lệ."})
    version = forms.IntegerField(required=False, error_messages={"invalid": "Phiên bản không hợp lệ."})
    format = forms.ChoiceField(
        choices=[("docx", "Word"), ("xlsx", "Excel")],
        error_messages={
            "required": "Hãy chọn định dạng: docx hoặc xlsx.",
            "invalid_choice": "Định dạng phải là docx (Word) hoặc xlsx (Excel).",
        },
    )


FORMAT_CHOICES = [("docx", "Word"), ("pdf", "PDF")]
FORMAT_ERRORS = {
    "required": "Hãy chọn định dạng: docx (Word) hoặc pdf.",
    "invalid_choice": "Định dạng phải là docx (Word) hoặc pdf.",
}


class FormatForm(ExportForm):
    """A report or a briefing: Word or PDF."""

    format = forms.ChoiceField(choices=FORMAT_CHOICES, error_messages=FORMAT_ERRORS)


class ReportExportForm(FormatForm):
    """The report of a province (by id), a year, the first half-year or the whole year."""

    province = forms.IntegerField(
        min_value=1, error_messages={"required": "Hãy chọn tỉnh.", "invalid": "Tỉnh không hợp lệ."}
    )
    year = forms.IntegerField(
        min_value=1990,
        max_value=2100,
        error_messages={"required": "Hãy ghi năm kế hoạch.", "invalid": "Năm không hợp lệ."},
    )
    half = forms.ChoiceField(
        choices=[("", "Cả năm"), ("1", "6 tháng đầu năm")],
        required=False,
        error_messages={"invalid_choice": "Kỳ báo cáo là 1 (sáu tháng đầu năm) hoặc bỏ trống (cả năm)."},
    )


class AgreementListForm(ExportForm):
    """The yearly list of agreements of a province (by id): Word or Excel."""

    province = forms.IntegerField(
        min_value=1, error_messages={"required": "Hãy chọn tỉnh.", "invalid": "Tỉnh không hợp lệ."}
    )
    year = forms.IntegerField(
        min_value=1990,
        max_value=2100,
        error_messages={"required": "Hãy ghi năm báo cáo.", "invalid": "Năm không hợp lệ."},
    )
    format = forms.ChoiceField(
        choices=[("docx", "Word"), ("xlsx", "Excel")],
        error_messages={
            "required": "Hãy chọn định dạng: docx hoặc xlsx.",
            "invalid_choice": "Định dạng phải là docx (Word) hoặc xlsx (Excel).",
        },
    )
