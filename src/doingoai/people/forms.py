"""The person form (who they are, where they work, whether their title is key), and who holds a title."""

from __future__ import annotations

from django import forms

from doingoai.accounts.scoping import is_office
from doingoai.core.forms import ScopedModelForm, ServiceFormMixin
from doingoai.people.models import Person


class PersonForm(ScopedModelForm):
    unit_fields = ("unit",)

    class Meta:
        model = Person
        fields = ["province", "full_name", "title", "body", "unit", "key_position", "notes"]
        error_messages = {"full_name": {"required": "Vui lòng nhập họ và tên."}}
        help_texts = {
            "body": "Để trống nếu là người của đơn vị trong tỉnh: lấy tên đơn vị.",
            "key_position": "Chức vụ được tính là cán bộ chủ chốt (theo quy định của tỉnh).",
        }
        widgets = {"full_name": forms.TextInput(attrs={"autocomplete": "off"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.user is not None and not is_office(self.user):
            for name in ("province", "unit"):
                self.fields[name].disabled = True
                self.fields[name].required = False
                self.fields[name].help_text = "Cán bộ đơn vị thêm người của đơn vị mình."


class TitleHoldingForm(ServiceFormMixin, forms.Form):
    """A title, the year, who holds it: parsed only, ``services.title_holding_save`` decides."""

    title = forms.CharField(
        label="Chức danh",
        max_length=255,
        help_text="Như kế hoạch ghi trưởng đoàn, ví dụ «Thường trực Tỉnh ủy», «Chủ tịch UBND tỉnh».",
        error_messages={"required": "Vui lòng nhập chức danh."},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    year = forms.IntegerField(
        label="Năm",
        error_messages={"required": "Vui lòng nhập năm.", "invalid": "Năm phải là một số, ví dụ 2026."},
        widget=forms.NumberInput(attrs={"min": 2000, "max": 2100}),
    )
    people = forms.ModelMultipleChoiceField(
        label="Người giữ chức danh",
        queryset=Person.objects.none(),
        help_text=(
            "Giữ phím Ctrl để chọn nhiều người. Họ được tính là lãnh đạo chủ chốt khi kiểm tra kế hoạch."
        ),
        error_messages={
            "required": "Chọn ít nhất một người giữ chức danh.",
            "invalid_choice": "Người đã chọn không còn trong danh sách của tỉnh.",
            "invalid_pk_value": "Người đã chọn không hợp lệ.",
            "invalid_list": "Danh sách người đã chọn không hợp lệ.",
        },
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )

    def __init__(self, *args, people=None, holding=None, **kwargs):
        if holding is not None and not kwargs.get("data") and not args:
            kwargs.setdefault(
                "initial",
                {"title": holding.title, "year": holding.year, "people": list(holding.people.all())},
            )
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = people if people is not None else Person.objects.none()
        self.fields["people"].wide = True
        if holding is not None:
            self.add_version_field(holding.version)
