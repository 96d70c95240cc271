"""The forms of the collection pages: opening a round, a unit's answer, a contact."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils import timezone

from doingoai.core.forms import date_field
from doingoai.organization.models import Contact


class RoundOpenForm(forms.Form):
    year = forms.IntegerField(label="Năm của kế hoạch", min_value=2000, max_value=2100)
    deadline = date_field("Hạn gửi đề xuất", required=True)
    instructions = forms.CharField(
        label="Hướng dẫn", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year + 1


class RoundDeadlineForm(forms.Form):
    deadline = date_field("Hạn gửi đề xuất mới", required=True)


class AnswerForm(forms.Form):
    ACTIONS = [("submit", "Gửi đề xuất"), ("none", "Không có đoàn")]

    action = forms.ChoiceField(choices=ACTIONS)
    note = forms.CharField(label="Ghi chú", required=False, max_length=1000)
    unit = forms.IntegerField(required=False)


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "position", "email", "phone", "notes"]


class RoundFileForm(forms.Form):
    """A file attached to a round: a blank form to fill in, or the instruction letter."""

    file = forms.FileField(
        label="Tệp",
        error_messages={"required": "Hãy chọn một tệp.", "empty": "Tệp không có nội dung."},
    )
    description = forms.CharField(
        label="Mô tả",
        required=False,
        max_length=255,
        error_messages={"max_length": "Mô tả dài quá 255 ký tự."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = settings.DOINGOAI_ATTACHMENT_MAX_BYTES // (1024 * 1024)
        self.fields["file"].help_text = f"Biểu mẫu Word, Excel; văn bản hướng dẫn PDF; tối đa {limit} MB."
