"""The person form: who they are, where they work, whether their title is a key position."""

from __future__ import annotations

from django import forms

from doingoai.accounts.scoping import is_office
from doingoai.core.forms import ScopedModelForm
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
