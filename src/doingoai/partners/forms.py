"""The partner form: a foreign locality or organisation, its country typed any way."""

from __future__ import annotations

from django import forms

from doingoai.core.forms import ScopedModelForm
from doingoai.core.parsing import countries_text, parse_countries
from doingoai.partners.models import Partner


def parse_one_country(text: str) -> str:
    """The code of the one country ``text`` names ("" for none); ValueError with the message otherwise."""
    if not (text or "").strip():
        return ""
    codes, unresolved = parse_countries(text)
    if unresolved or not codes:
        raise ValueError(f"Không nhận ra tên nước: {', '.join(unresolved) or text}.")
    if len(codes) > 1:
        raise ValueError("Mỗi đối tác chỉ thuộc một nước.")
    return codes[0]


class PartnerForm(ScopedModelForm):
    country = forms.CharField(
        label="Nước",
        required=False,
        help_text="Tên nước (Lào, CHDCND Lào, Hàn Quốc…) hoặc mã ISO (LA, KR).",
    )

    class Meta:
        model = Partner
        fields = ["province", "name", "kind", "country", "subdivision", "relationship"]
        error_messages = {"name": {"required": "Vui lòng nhập tên đối tác."}}
        widgets = {"relationship": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound and self.instance.country:
            self.initial["country"] = countries_text([self.instance.country])

    def clean_country(self):
        try:
            return parse_one_country(self.cleaned_data.get("country", ""))
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None
