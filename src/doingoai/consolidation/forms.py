"""The forms of the consolidation pages: they parse; the services decide."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from doingoai.consolidation.models import ApprovingDocument, PlanVersion
from doingoai.consolidation.selectors import BY_SECTION, BY_UNIT
from doingoai.core.forms import date_field


class ConsolidationForm(forms.Form):
    """Which plan year to show, and how its rows are grouped."""

    province = forms.ModelChoiceField(label="Tỉnh", queryset=None, empty_label=None)
    year = forms.IntegerField(label="Năm kế hoạch", min_value=2000, max_value=2100)
    nhom = forms.ChoiceField(
        label="Nhóm theo",
        choices=[(BY_SECTION, "Mục kinh phí"), (BY_UNIT, "Đơn vị đề xuất")],
        required=False,
    )

    def __init__(self, data, *, provinces, default_province, default_year=None):
        data = data.copy()
        data.setdefault("year", str(default_year or timezone.localdate().year + 1))
        if default_province is not None:
            data.setdefault("province", str(default_province.pk))
        super().__init__(data)
        self.fields["province"].queryset = provinces
        self.several_provinces = provinces.count() > 1


class ProposalForm(forms.Form):
    ACTIONS = [
        ("take_in", "Đưa vào kế hoạch"),
        ("leave_out", "Không đưa vào"),
        ("merge", "Gộp vào đoàn khác"),
    ]

    action = forms.ChoiceField(choices=ACTIONS)
    reason = forms.CharField(label="Lý do", required=False, max_length=2000)
    into = forms.IntegerField(label="Gộp vào đoàn", required=False)


class VersionForm(forms.Form):
    kind = forms.ChoiceField(label="Loại phiên bản", choices=PlanVersion.Kind.choices)
    title = forms.CharField(label="Tên phiên bản", required=False, max_length=255)
    note = forms.CharField(label="Ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label="Loại văn bản", choices=ApprovingDocument.Kind.choices)
    number = forms.CharField(
        label="Số, ký hiệu", max_length=80, error_messages={"required": "Phải ghi số, ký hiệu văn bản."}
    )
    issued_on = date_field("Ngày ban hành", required=True)
    issuer = forms.CharField(label="Cơ quan ban hành", required=False, max_length=255)
    title = forms.CharField(label="Trích yếu", required=False, max_length=500)
    file = forms.FileField(
        label="Tệp văn bản", required=False, help_text="PDF, ảnh, Word hoặc Excel; tối đa 20 MB."
    )


class ApproveForm(forms.Form):
    document = forms.IntegerField(error_messages={"required": "Hãy chọn văn bản phê duyệt."})
