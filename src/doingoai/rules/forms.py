"""An officer's acknowledgement of a warning."""

from django import forms


class AcknowledgeForm(forms.Form):
    comment = forms.CharField(
        label="Ý kiến khi xác nhận",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": "Vì sao kế hoạch vẫn giữ điều bị cảnh báo"}),
    )
