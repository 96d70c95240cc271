"""The agreement form: countries typed in any spelling and stored as codes."""

from __future__ import annotations

from django import forms

from doingoai.agreements.models import Agreement
from doingoai.core.forms import ScopedModelForm, date_field
from doingoai.core.parsing import countries_text, parse_countries
from doingoai.partners.models import Partner


class AgreementForm(ScopedModelForm):
    countries = forms.CharField(
        label="Nước ký kết",
        required=False,
        help_text="Tên nước cách nhau bởi dấu phẩy (Lào, Hàn Quốc) hoặc mã ISO (LA, KR).",
    )
    period_start = date_field("Từ ngày")
    period_end = date_field("Đến ngày")

    unit_fields = ("owner",)

    class Meta:
        model = Agreement
        fields = [
            "province",
            "year",
            "title",
            "kind",
            "owner",
            "proposer",
            "signing_capacity",
            "countries",
            "partner",
            "partner_name",
            "period_start",
            "period_end",
            "status",
            "notes",
        ]
        error_messages = {"title": {"required": "Vui lòng nhập tên văn bản thỏa thuận."}}
        widgets = {
            "title": forms.Textarea(attrs={"rows": 3}),
            "partner_name": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = Partner.objects.active().filter(
            province__in=self.fields["province"].queryset.values("pk")
        )
        if self.instance.pk and not self.is_bound:
            self.initial["countries"] = countries_text(self.instance.countries)

    def clean_countries(self):
        codes, unresolved = parse_countries(self.cleaned_data.get("countries", ""))
        if unresolved:
            raise forms.ValidationError(
                f"Không nhận ra tên nước: {', '.join(unresolved)}. "
                "Hãy viết tên nước (ví dụ: Lào, Hàn Quốc) hoặc mã ISO (LA, KR)."
            )
        return codes
