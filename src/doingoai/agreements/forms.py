"""The agreement form: countries typed in any spelling and stored as codes."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from doingoai.accounts.scoping import scope
from doingoai.agreements.models import Agreement
from doingoai.core.forms import MonthInput, ScopedModelForm, date_field
from doingoai.core.parsing import countries_text, parse_countries, parse_month
from doingoai.delegations.models import Delegation
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

    signed_on = date_field("Ngày ký")
    effective_on = date_field("Ngày có hiệu lực", help_text="Để trống nếu có hiệu lực từ ngày ký.")
    expires_on = date_field(
        "Ngày hết hiệu lực", help_text="Để trống để tính từ thời hạn (tháng) kể từ ngày có hiệu lực."
    )
    signing_reported_on = date_field(
        "Ngày gửi báo cáo sau khi ký",
        help_text="Thỏa thuận ký nhân danh sở, ngành, địa phương: báo cáo Chủ tịch UBND tỉnh và Sở Ngoại vụ "
        "trong 15 ngày kể từ ngày ký (Nghị định 64/2021/NĐ-CP).",
    )

    unit_fields = ("owner",)
    #: the delegations offered as "signed during the trip of": those that went, in the last years
    DELEGATION_YEARS = 6

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
            "signed_on",
            "effective_on",
            "term_months",
            "expires_on",
            "delegation",
            "renews",
            "signing_reported_on",
            "signing_report_number",
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
        self._limit_followed_choices()
        if self.instance.pk and not self.is_bound:
            self.initial["countries"] = countries_text(self.instance.countries)
            self.initial["period_start"] = self.instance.period_start
            self.initial["period_end"] = self.instance.period_end

    def _limit_followed_choices(self) -> None:
        """The delegations that went in recent years, and the signed agreements, of the user's provinces."""
        provinces = self.fields["province"].queryset.values("pk")
        since = timezone.localdate().year - self.DELEGATION_YEARS
        went = ("under_way", "returned", "reported")
        delegation = self.fields["delegation"]
        delegation.queryset = (
            scope(Delegation.objects.all(), self.user)
            .filter(province__in=provinces, status__in=went, year__gte=since)
            .order_by("-year", "name")
        )
        delegation.label_from_instance = lambda d: f"{d.year} · {d.name[:90]}"
        renews = self.fields["renews"]
        renews.queryset = (
            Agreement.objects.active()
            .filter(province__in=provinces, status__in=Agreement.SIGNED_STATES)
            .exclude(pk=self.instance.pk)
            .order_by("-signed_on")
        )
        renews.label_from_instance = lambda a: (
            f"{a.signed_on:%d/%m/%Y} · {a.title[:90]}" if a.signed_on else a.title[:100]
        )

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
