"""The unit form: it parses (one alias per line), the service checks and saves."""

from __future__ import annotations

from django import forms

from doingoai.core.forms import ScopedModelForm
from doingoai.organization.models import Unit


class UnitForm(ScopedModelForm):
    aliases = forms.CharField(
        label="Tên gọi khác",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Mỗi dòng một tên, như văn bản thường viết (ví dụ: Sở NgV, Sở Ngoại vụ tỉnh).",
    )

    class Meta:
        model = Unit
        fields = ["province", "name", "kind", "aliases"]
        error_messages = {
            "name": {"required": "Vui lòng nhập tên đơn vị."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["aliases"] = "\n".join(self.instance.aliases or [])

    def clean_aliases(self) -> list[str]:
        return [line for line in (self.cleaned_data.get("aliases") or "").splitlines() if line.strip()]
