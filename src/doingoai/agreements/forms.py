"""The agreement form: countries typed in any spelling and stored as codes."""

from __future__ import annotations

from django import forms

from doingoai.agreements.models import Agreement
from doingoai.core.forms import MonthInput, ScopedModelForm
from doingoai.core.parsing import countries_text, parse_countries, parse_month
from doingoai.partners.models import Partner


class AgreementForm(ScopedModelForm):
    countries = forms.CharField(
        label="Nước ký kết",
        required=False,
        help_text="Tên nước cách nhau bởi dấu phẩy (Lào, Hàn Quốc) hoặc mã ISO (LA, KR).",
    )
    period_start = forms.CharField(
        label="Từ tháng", required=False, widget=MonthInput, help_text="Tháng/năm dự kiến ký, ví dụ 04/2025."
    )
    period_end = forms.CharField(
        label="Đến tháng", required=False, widget=MonthInput, help_text="Để trống nếu trong một tháng."
    )

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
            self.initial["period_start"] = self.instance.period_start
            self.initial["period_end"] = self.instance.period_end

    def _month(self, name: str):
        try:
            return parse_month(self.cleaned_data.get(name))
        except ValueError:
            raise forms.ValidationError("Tháng không hợp lệ; ghi theo dạng 04/2025.") from None

    def clean_period_start(self):
        return self._month("period_start")

    def clean_period_end(self):
        return self._month("period_end") or self.cleaned_data.get("period_start")

    def clean_countries(self):
        codes, unresolved = parse_countries(self.cleaned_data.get("countries", ""))
        if unresolved:
            raise forms.ValidationError(
                f"Không nhận ra tên nước: {', '.join(unresolved)}. "
                "Hãy viết tên nước (ví dụ: Lào, Hàn Quốc) hoặc mã ISO (LA, KR)."
            )
        return codes
