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


class MergeForm(forms.Form):
    """Which partner to merge into the one shown (same province, not merged yet)."""

    merged = forms.ModelChoiceField(
        queryset=Partner.objects.none(),
        label="Đối tác trùng với đối tác này",
        empty_label="— Chọn đối tác —",
        help_text=(
            "Đối tác được chọn sẽ gộp vào đối tác này: các đoàn, thỏa thuận và cách viết tên chuyển sang."
        ),
        error_messages={
            "required": "Vui lòng chọn đối tác cần gộp.",
            "invalid_choice": "Đối tác đã chọn không còn gộp được (đã gộp hoặc đã xóa).",
        },
    )

    def __init__(self, *args, partner: Partner, user, **kwargs):
        from doingoai.partners.selectors import merge_candidates

        super().__init__(*args, **kwargs)
        self.fields["merged"].queryset = merge_candidates(partner, user)
        self.fields["merged"].label_from_instance = lambda p: (
            f"{p.name} ({p.country})" if p.country else p.name
        )

    def first_error(self) -> str:
        for errors in self.errors.values():
            return str(errors[0])
        return "Không gộp được."
