"""What the search box sends, parsed: the query, the kind asked for, how many of each (page and API)."""

from __future__ import annotations

from django import forms

from doingoai.search.selectors import KIND_CHOICES, MAX_LIMIT, MIN_LENGTH, query_length

TOO_SHORT = f"Hãy gõ ít nhất {MIN_LENGTH} chữ cái hoặc chữ số để tìm."


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Tìm kiếm",
        max_length=200,
        error_messages={
            "required": "Hãy gõ từ cần tìm.",
            "max_length": "Từ cần tìm dài quá %(limit_value)d ký tự.",
        },
    )
    kind = forms.ChoiceField(
        label="Loại",
        choices=[("", "Mọi loại"), *KIND_CHOICES],
        required=False,
        error_messages={
            "invalid_choice": "Không có loại «%(value)s». Các loại: "
            + ", ".join(key for key, _label in KIND_CHOICES)
            + "."
        },
    )
    limit = forms.IntegerField(
        label="Số kết quả mỗi loại",
        min_value=1,
        max_value=MAX_LIMIT,
        required=False,
        error_messages={
            "invalid": "Số kết quả phải là một số nguyên.",
            "min_value": f"Số kết quả phải từ 1 đến {MAX_LIMIT}.",
            "max_value": f"Số kết quả phải từ 1 đến {MAX_LIMIT}.",
        },
    )

    def clean_q(self) -> str:
        query = self.cleaned_data["q"]
        if query_length(query) < MIN_LENGTH:
            raise forms.ValidationError(TOO_SHORT)
        return query
