"""The partner form: a foreign locality or organisation, its country typed any way."""

from __future__ import annotations

from django import forms

from doingoai.organization.forms import ScopedModelForm, countries_text, parse_countries
from doingoai.partners.models import Partner


class PartnerForm(ScopedModelForm):
    country = forms.CharField(
        label="Nước", required=False,
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

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_country(self):
        text = self.cleaned_data.get("country", "")
        if not text.strip():
            return ""
        codes, unresolved = parse_countries(text)
        if unresolved or not codes:
            raise forms.ValidationError(f"Không nhận ra tên nước: {', '.join(unresolved) or text}.")
        if len(codes) > 1:
            raise forms.ValidationError("Mỗi đối tác chỉ thuộc một nước.")
        return codes[0]

    def clean_subdivision(self):
        return self.cleaned_data.get("subdivision", "").strip().upper()

    def clean(self):
        cleaned = super().clean()
        province, name = cleaned.get("province"), cleaned.get("name")
        if province and name:
            clash = Partner.objects.filter(province=province, name__iexact=name).exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error("name", "Tỉnh này đã có một đối tác cùng tên.")
        country, subdivision = cleaned.get("country"), cleaned.get("subdivision")
        if subdivision and country and not subdivision.startswith(f"{country}-"):
            self.add_error("subdivision", f"Mã địa phương phải bắt đầu bằng mã nước ({country}-…).")
        return cleaned
