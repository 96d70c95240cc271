"""The import's two forms: the upload, and the preview where the officer decides.

The preview form is built from an ``importer.ImportPreview``: per row a "skip"
box, the owner (office staff only), the values an officer most often corrects
(name, head, countries, months, people, funding; for agreements title, kind,
partner, countries, months), an "overwrite" box per field an officer edited
since the last import, and per record that left the document "remove / keep".

A field missing from the submitted data means "as proposed": the page's
script leaves unchanged inputs out of the submission (a province's plan has
hundreds of rows, and servers cap the number of fields in a request), and a
test or another client may send only what it changes. Only a value that
differs from what the preview proposed counts as a correction.
"""

from __future__ import annotations

from django import forms

from doingoai.accounts.scoping import visible_provinces
from doingoai.core.parsing import parse_countries, parse_month
from doingoai.extraction.normalize.places import country_name_vi
from doingoai.plans import importer

MSG_MONTH = "Tháng không hợp lệ: ghi theo dạng 2025-04 hoặc 04/2025."
MSG_COUNTRIES = "Không nhận ra nước: {}."
MSG_ORDER_PERIOD = "Tháng kết thúc không được trước tháng bắt đầu."
MSG_ORDER_PEOPLE = "Số người tối thiểu không được lớn hơn số người tối đa."

GONE_CHOICES = [("remove", "Ẩn bản ghi (không còn trong văn bản)"), ("keep", "Giữ lại")]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input, each read by the importer as it is.

    Django's own checks (an empty file, a missing name) would reject the
    whole upload; the reader gives each bad file its own Vietnamese message
    and the other files are still previewed.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            MultipleFileInput(
                attrs={
                    "accept": ".docx,.xlsx,.txt,.md,text/plain,"
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document,"
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                }
            ),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = [item for item in (data if isinstance(data, (list, tuple)) else [data]) if item]
        if not files and self.required:
            raise forms.ValidationError("Hãy chọn ít nhất một tệp văn bản.", code="required")
        return files


class UploadForm(forms.Form):
    files = MultipleFileField(label="Tệp văn bản (.docx, .xlsx hoặc văn bản .txt)")
    province = forms.ModelChoiceField(
        label="Tỉnh",
        queryset=None,
        required=False,
        empty_label="Theo văn bản",
        help_text="Chỉ chọn khi văn bản không ghi tỉnh hoặc ghi sai.",
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["province"].queryset = visible_provinces(user)
        if importer.user_unit_of(user) is not None:
            del self.fields["province"]  # unit staff import for their unit's province


# --------------------------------------------------------------------------- the preview


def format_value(name: str, value) -> str:
    """A value as its input shows it."""
    if value in (None, ""):
        return ""
    if name == "countries":
        return ", ".join(country_name_vi(code) for code in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class MonthInput(forms.TextInput):
    input_type = "month"


def _edit_field(kind: str, name: str) -> forms.Field:
    labels = {
        "name": "Tên đoàn",
        "leader": "Trưởng đoàn",
        "countries": "Nước",
        "period_start": "Từ tháng",
        "period_end": "Đến tháng",
        "people_min": "Số người (từ)",
        "people_max": "Số người (đến)",
        "funding": "Kinh phí",
        "title": "Tên văn bản",
        "kind": "Loại văn bản",
        "partner_name": "Đối tác nước ngoài",
    }
    label = labels.get(name, name)
    if name in ("name", "title", "leader", "funding", "partner_name"):
        return forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": 2}))
    if name in ("period_start", "period_end"):
        return forms.CharField(label=label, required=False, widget=MonthInput())
    if name in ("people_min", "people_max"):
        return forms.IntegerField(
            label=label,
            required=False,
            min_value=0,
            widget=forms.NumberInput(attrs={"min": 0, "class": "narrow"}),
        )
    return forms.CharField(label=label, required=False)


class PreviewForm(forms.Form):
    """Every decision of one preview; ``decisions()`` gives them to ``importer.apply``."""

    def __init__(self, preview: importer.ImportPreview, data=None):
        self.preview = preview
        self._initial_text: dict[str, str] = {}
        fields: dict[str, forms.Field] = {}
        for doc in preview.importable:
            if preview.chooses_owner:
                fields[f"d{doc.index}_default_owner"] = forms.ChoiceField(
                    label="Áp dụng cho mọi hàng chưa có đơn vị", choices=doc.unit_choices, required=False
                )
            if doc.delegations:
                name = f"d{doc.index}_initial_status"
                fields[name] = forms.ChoiceField(
                    label="Trạng thái ban đầu của các đoàn mới",
                    choices=doc.initial_choices,
                    required=False,
                    initial=doc.initial_status,
                )
                self._initial_text[name] = doc.initial_status
            for row in doc.rows:
                if not row.editable:
                    continue
                prefix = f"r{row.key}_"
                fields[prefix + "skip"] = forms.BooleanField(label="Bỏ qua", required=False)
                if preview.chooses_owner:
                    fields[prefix + "owner"] = forms.ChoiceField(
                        label="Đơn vị", choices=doc.unit_choices, required=False, initial=row.owner_choice
                    )
                    self._initial_text[prefix + "owner"] = row.owner_choice
                for name in importer.EDITABLE_FIELDS[row.kind]:
                    field = _edit_field(row.kind, name)
                    field.initial = format_value(name, row.effective.get(name))
                    self._initial_text[prefix + name] = field.initial
                    fields[prefix + name] = field
                for change in row.conflicts:
                    fields[f"{prefix}overwrite_{change.field}"] = forms.BooleanField(
                        label="Lấy giá trị của văn bản", required=False
                    )
            for gone in doc.gone:
                if gone.editable:
                    name = f"g{gone.key}"
                    initial = "remove" if gone.default_remove else "keep"
                    fields[name] = forms.ChoiceField(choices=GONE_CHOICES, required=False, initial=initial)
                    self._initial_text[name] = initial
        if data is not None:
            data = data.copy()
            for name, text in self._initial_text.items():
                if name not in data:
                    data[name] = text  # left out: as proposed
        super().__init__(data)
        self.fields.update(fields)
        for name, text in self._initial_text.items():
            self.fields[name].widget.attrs["data-initial"] = text

    # ------------------------------------------------------------------ checking

    def _changed(self, name: str) -> bool:
        raw = self.data.get(name, self._initial_text.get(name, ""))
        return (raw or "").strip() != (self._initial_text.get(name) or "").strip()

    def clean(self):
        cleaned = super().clean()
        self._edits: dict[str, dict] = {}
        for doc in self.preview.importable:
            for row in doc.rows:
                if not row.editable:
                    continue
                prefix = f"r{row.key}_"
                edits: dict = {}
                for name in importer.EDITABLE_FIELDS[row.kind]:
                    key = prefix + name
                    if key in self.errors or not self._changed(key):
                        continue
                    value = cleaned.get(key)
                    if name == "countries":
                        codes, unresolved = parse_countries(value or "")
                        if unresolved:
                            self.add_error(key, MSG_COUNTRIES.format(", ".join(unresolved)))
                            continue
                        value = codes
                    elif name in ("period_start", "period_end"):
                        try:
                            month = parse_month(value or "")
                        except ValueError:
                            self.add_error(key, MSG_MONTH)
                            continue
                        value = f"{month.year:04d}-{month.month:02d}" if month else None
                    elif isinstance(value, str):
                        value = value.strip()
                    edits[name] = value
                merged = {**row.effective, **edits}
                if (
                    merged.get("period_start")
                    and merged.get("period_end")
                    and merged["period_end"] < merged["period_start"]
                    and prefix + "period_end" not in self.errors
                ):
                    self.add_error(prefix + "period_end", MSG_ORDER_PERIOD)
                if (
                    merged.get("people_min") is not None
                    and merged.get("people_max") is not None
                    and merged["people_min"] > merged["people_max"]
                    and prefix + "people_max" not in self.errors
                ):
                    self.add_error(prefix + "people_max", MSG_ORDER_PEOPLE)
                if edits:
                    self._edits[row.key] = edits
        return cleaned

    def decisions(self) -> importer.Decisions:
        cleaned = self.cleaned_data
        decisions = importer.Decisions()
        for doc in self.preview.importable:
            if self.preview.chooses_owner:
                decisions.default_owner[doc.index] = cleaned.get(f"d{doc.index}_default_owner") or ""
            if cleaned.get(f"d{doc.index}_initial_status"):
                decisions.initial_status[doc.index] = cleaned[f"d{doc.index}_initial_status"]
            for row in doc.rows:
                if not row.editable:
                    continue
                prefix = f"r{row.key}_"
                decisions.rows[row.key] = importer.RowDecision(
                    skip=bool(cleaned.get(prefix + "skip")),
                    owner=cleaned.get(prefix + "owner") if self.preview.chooses_owner else None,
                    edits=self._edits.get(row.key, {}),
                    overwrite={c.field for c in row.conflicts if cleaned.get(f"{prefix}overwrite_{c.field}")},
                )
            for gone in doc.gone:
                if gone.editable:
                    decisions.gone[gone.key] = (cleaned.get(f"g{gone.key}") or "keep") == "remove"
        return decisions

    # ------------------------------------------------------------------ rendering

    def bind_rows(self) -> None:
        """Attach each row's bound fields to the preview, for the template to lay out."""
        for doc in self.preview.importable:
            chooses = self.preview.chooses_owner
            doc.default_owner_field = self[f"d{doc.index}_default_owner"] if chooses else None
            name = f"d{doc.index}_initial_status"
            doc.initial_status_field = self[name] if name in self.fields else None
            for row in doc.rows:
                row.fields = {}
                if not row.editable:
                    continue
                prefix = f"r{row.key}_"
                for name in self.fields:
                    if name.startswith(prefix):
                        row.fields[name[len(prefix) :]] = self[name]
                for change in row.conflicts:
                    change.overwrite_field = self[f"{prefix}overwrite_{change.field}"]
            for gone in doc.gone:
                gone.field = self[f"g{gone.key}"] if gone.editable else None
