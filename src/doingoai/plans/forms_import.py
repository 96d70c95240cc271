"""The import's two forms: the upload, and the preview where the officer decides.

The preview form is built from an ``importer.ImportPreview``, one page of
rows at a time: per row a "skip" box, the owner (office staff only), every
value the document gives (``importer.EDITABLE_FIELDS``), an "overwrite" box
per field an officer edited since the last import, and per record that left
the document "remove / keep". The decisions of the other pages are kept in
the pending import (``PendingImport.choices``) as the officer moves between
pages; the confirm checks them all at once.

A field missing from the submitted data means "as proposed": the page's
script leaves unchanged inputs out of the submission (a province's plan has
hundreds of rows, and servers cap the number of fields in a request), and a
test or another client may send only what it changes. Only a value that
differs from what the preview proposed counts as a correction.
"""

from __future__ import annotations

from django import forms

from doingoai.accounts.scoping import visible_provinces
from doingoai.core.forms import MonthInput
from doingoai.core.parsing import parse_countries, parse_month
from doingoai.core.renderers import QuickRenderer
from doingoai.delegations.models import Delegation
from doingoai.extraction.normalize.places import country_name_vi
from doingoai.plans import importer

MSG_MONTH = "Tháng không hợp lệ: ghi theo dạng 04/2025."
MSG_COUNTRIES = "Không nhận ra nước: {}."
MSG_ORDER_PERIOD = "Tháng kết thúc không được trước tháng bắt đầu."
MSG_ORDER_PEOPLE = "Số người tối thiểu không được lớn hơn số người tối đa."
MSG_ORDER_DURATION = "Số ngày tối thiểu không được lớn hơn số ngày tối đa."

MB = 1024 * 1024
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
        self.fields["files"].help_text = (
            f"Tối đa {importer.MAX_FILES} tệp, tổng cộng {importer.MAX_UPLOAD_BYTES // MB} MB, "
            f"mỗi tệp {importer.MAX_FILE_BYTES // MB} MB, {importer.MAX_IMPORT_ROWS:,} hàng mỗi lần nhập."
        ).replace(",", ".")

    def clean_files(self):
        files = self.cleaned_data["files"]
        if len(files) > importer.MAX_FILES:
            raise forms.ValidationError(
                f"Đã chọn {len(files)} tệp: mỗi lần tối đa {importer.MAX_FILES} tệp. "
                "Hãy nhập thành nhiều lần.",
                code="too_many",
            )
        total = sum(upload.size or 0 for upload in files)
        if total > importer.MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"Các tệp đã chọn nặng {total / MB:.0f} MB: mỗi lần tối đa "
                f"{importer.MAX_UPLOAD_BYTES // MB} MB. Hãy nhập thành nhiều lần.",
                code="too_big",
            )
        return files


# --------------------------------------------------------------------------- the preview


def format_value(name: str, value) -> str:
    """A value as its input shows it."""
    if value in (None, ""):
        return ""
    if name == "countries":
        return ", ".join(country_name_vi(code) for code in value)
    if name in ("period_start", "period_end") and len(str(value)) == 7:
        return f"{str(value)[5:]}/{str(value)[:4]}"  # "2025-04" as officers write it: 04/2025
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


LABELS = {
    "name": "Tên đoàn",
    "leader": "Trưởng đoàn",
    "direction": "Đoàn ra / đoàn vào",
    "level": "Cấp",
    "year": "Năm kế hoạch",
    "countries": "Nước",
    "partners": "Đối tác làm việc",
    "activities": "Nội dung hoạt động",
    "period_start": "Từ tháng",
    "period_end": "Đến tháng",
    "people_min": "Số người (từ)",
    "people_max": "Số người (đến)",
    "duration_min": "Số ngày (từ)",
    "duration_max": "Số ngày (đến)",
    "funding": "Kinh phí",
    "host_unit": "Đơn vị chủ trì đón",
    "notes": "Ghi chú",
    "title": "Tên văn bản",
    "kind": "Loại văn bản",
    "proposer": "Cơ quan đề xuất",
    "signing_capacity": "Danh nghĩa ký",
    "partner_name": "Đối tác nước ngoài",
}
TEXTS = {
    "name",
    "title",
    "leader",
    "funding",
    "partner_name",
    "partners",
    "activities",
    "notes",
    "host_unit",
    "proposer",
    "signing_capacity",
}


def _edit_field(name: str) -> forms.Field:
    label = LABELS.get(name, name)
    attrs = {"aria-label": label, "placeholder": label}
    if name in TEXTS:
        return forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={**attrs, "rows": 2}))
    if name in ("period_start", "period_end"):
        return forms.CharField(label=label, required=False, widget=MonthInput(attrs=attrs))
    if name in ("direction", "level"):
        choices = Delegation.Direction.choices if name == "direction" else Delegation.Level.choices
        widget = forms.Select(attrs=attrs)
        return forms.ChoiceField(label=label, choices=choices, required=False, widget=widget)
    if name == "year":
        return forms.IntegerField(
            label=label,
            required=False,
            min_value=1990,
            max_value=2100,
            widget=forms.NumberInput(attrs={**attrs, "class": "narrow"}),
        )
    if name in ("people_min", "people_max"):
        return forms.IntegerField(
            label=label,
            required=False,
            min_value=0,
            max_value=10000,
            widget=forms.NumberInput(attrs={**attrs, "min": 0, "class": "narrow"}),
        )
    if name in ("duration_min", "duration_max"):
        return forms.DecimalField(
            label=label,
            required=False,
            min_value=0,
            max_value=3650,
            decimal_places=1,
            widget=forms.NumberInput(attrs={**attrs, "min": 0, "step": "0.5", "class": "narrow"}),
        )
    return forms.CharField(label=label, required=False, widget=forms.TextInput(attrs=attrs))


#: pairs that must be in order: (first, second, message)
ORDERED = (
    ("period_start", "period_end", MSG_ORDER_PERIOD),
    ("people_min", "people_max", MSG_ORDER_PEOPLE),
    ("duration_min", "duration_max", MSG_ORDER_DURATION),
)


def decided_rows(names) -> set[str]:
    """The row keys ("0_12") that field names such as "r0_12_name" belong to."""
    return {"_".join(name[1:].split("_", 2)[:2]) for name in names if name.startswith("r")}


#: one for every preview form: its engine is made once (see ``core.renderers``)
QUICK_RENDERER = QuickRenderer()


class PreviewForm(forms.Form):
    """The decisions of one page of a preview, or of all of it; ``decisions()`` gives them to the importer.

    ``page`` (an ``importer.PreviewPage``): only its rows, and the decisions
    of the documents whose header is on it. Without a page (the confirm,
    checking every page's decisions kept in ``data``): every document's own
    decisions and the rows ``data`` decides something on; the others are
    saved as proposed, without a field each (a plan of 2,000 rows would
    otherwise be 40,000 fields to check). ``choices``: the decisions already
    made on earlier visits of the page, shown as the inputs' values (an
    unbound form). A page has about a thousand inputs: they are written
    without the template engine (``QuickRenderer``).
    """

    default_renderer = QUICK_RENDERER

    def __init__(self, preview: importer.ImportPreview, data=None, *, page=None, choices=None):
        self.preview = preview
        self.page = page
        self.keys = page.keys if page is not None else decided_rows(data or {})
        self._initial_text: dict[str, str] = {}
        fields: dict[str, forms.Field] = {}
        for doc in self.documents:
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
            for gone in doc.gone:
                if gone.editable:
                    name = f"g{gone.key}"
                    initial = "remove" if gone.default_remove else "keep"
                    fields[name] = forms.ChoiceField(choices=GONE_CHOICES, required=False, initial=initial)
                    self._initial_text[name] = initial
        for row in self.rows:
            prefix = f"r{row.key}_"
            fields[prefix + "skip"] = forms.BooleanField(label="Bỏ qua", required=False)
            if preview.chooses_owner:
                fields[prefix + "owner"] = forms.ChoiceField(
                    label="Đơn vị",
                    choices=preview.documents[row.doc_index].unit_choices,
                    required=False,
                    initial=row.owner_choice,
                    widget=forms.Select(attrs={"aria-label": f"Đơn vị của hàng {row.source_row}"}),
                )
                self._initial_text[prefix + "owner"] = row.owner_choice
            for name in importer.EDITABLE_FIELDS[row.kind]:
                field = _edit_field(name)
                field.initial = format_value(name, row.effective.get(name))
                self._initial_text[prefix + name] = field.initial
                fields[prefix + name] = field
            for change in row.conflicts:
                fields[f"{prefix}overwrite_{change.field}"] = forms.BooleanField(
                    label="Lấy giá trị của văn bản", required=False
                )
        if data is not None:
            data = data.copy()
            for name, text in self._initial_text.items():
                if name not in data:
                    data[name] = text  # left out: as proposed
        super().__init__(data)
        self.fields.update(fields)
        for name, text in self._initial_text.items():
            self.fields[name].widget.attrs["data-initial"] = text
        for name, value in (choices or {}).items():
            if name in self.fields:
                checkbox = isinstance(self.fields[name], forms.BooleanField)
                self.fields[name].initial = value == "on" if checkbox else value

    @property
    def documents(self) -> list:
        """The documents whose own decisions this form holds."""
        if self.page is None:
            return self.preview.importable
        return [doc for doc in self.preview.importable if self.page.has_header(doc)]

    @property
    def rows(self) -> list:
        """The rows this form decides on."""
        return [
            row
            for doc in self.preview.importable
            for row in doc.rows
            if row.editable and row.key in self.keys
        ]

    # ------------------------------------------------------------------ checking

    def _changed(self, name: str) -> bool:
        raw = self.data.get(name, self._initial_text.get(name, ""))
        return (raw or "").strip() != (self._initial_text.get(name) or "").strip()

    def _edit(self, key: str, name: str, value):
        """The comparison form of a corrected value (``importer.values``), or raise ValidationError."""
        if name == "countries":
            codes, unresolved = parse_countries(value or "")
            if unresolved:
                raise forms.ValidationError(MSG_COUNTRIES.format(", ".join(unresolved)))
            return codes
        if name in ("period_start", "period_end"):
            try:
                month = parse_month(value or "")
            except ValueError:
                raise forms.ValidationError(MSG_MONTH) from None
            return f"{month.year:04d}-{month.month:02d}" if month else None
        if name in ("duration_min", "duration_max"):
            return None if value is None else float(value)
        if name == "direction" and not value:
            raise forms.ValidationError("Hãy chọn đoàn ra hay đoàn vào.")
        if isinstance(value, str):
            return value.strip()
        return value

    def clean(self):
        cleaned = super().clean()
        self._edits: dict[str, dict] = {}
        for row in self.rows:
            prefix = f"r{row.key}_"
            edits: dict = {}
            for name in importer.EDITABLE_FIELDS[row.kind]:
                key = prefix + name
                if key in self.errors or not self._changed(key):
                    continue
                try:
                    edits[name] = self._edit(key, name, cleaned.get(key))
                except forms.ValidationError as error:
                    self.add_error(key, error)
            merged = {**row.effective, **edits}
            for first, second, message in ORDERED:
                if (
                    merged.get(first) is not None
                    and merged.get(second) is not None
                    and merged[second] < merged[first]
                    and prefix + second not in self.errors
                    and first in importer.EDITABLE_FIELDS[row.kind]
                ):
                    self.add_error(prefix + second, message)
            if edits:
                self._edits[row.key] = edits
        return cleaned

    def error_rows(self) -> list[str]:
        """The keys of the rows with an error, in the preview's order."""
        keys = decided_rows(self.errors)
        return [row.key for row in self.rows if row.key in keys]

    def decisions(self) -> importer.Decisions:
        cleaned = self.cleaned_data
        decisions = importer.Decisions()
        for doc in self.documents:
            if self.preview.chooses_owner:
                decisions.default_owner[doc.index] = cleaned.get(f"d{doc.index}_default_owner") or ""
            if cleaned.get(f"d{doc.index}_initial_status"):
                decisions.initial_status[doc.index] = cleaned[f"d{doc.index}_initial_status"]
            for gone in doc.gone:
                if gone.editable:
                    decisions.gone[gone.key] = (cleaned.get(f"g{gone.key}") or "keep") == "remove"
        for row in self.rows:
            prefix = f"r{row.key}_"
            decisions.rows[row.key] = importer.RowDecision(
                skip=bool(cleaned.get(prefix + "skip")),
                owner=cleaned.get(prefix + "owner") if self.preview.chooses_owner else None,
                edits=self._edits.get(row.key, {}),
                overwrite={c.field for c in row.conflicts if cleaned.get(f"{prefix}overwrite_{c.field}")},
            )
        return decisions

    def page_choices(self) -> dict[str, str]:
        """This (valid) form's decisions that differ from the proposals, as raw values to keep."""
        out = {}
        for name, field in self.fields.items():
            if isinstance(field, forms.BooleanField):
                if self.cleaned_data.get(name):
                    out[name] = "on"
            elif self._changed(name):
                out[name] = (self.data.get(name) or "").strip()
        return out

    # ------------------------------------------------------------------ rendering

    def bind_rows(self) -> None:
        """Attach each row's bound fields to the preview, for the template to lay out."""
        for doc in self.preview.importable:
            chooses = self.preview.chooses_owner
            name = f"d{doc.index}_default_owner"
            doc.default_owner_field = self[name] if chooses and name in self.fields else None
            name = f"d{doc.index}_initial_status"
            doc.initial_status_field = self[name] if name in self.fields else None
            for gone in doc.gone:
                name = f"g{gone.key}"
                gone.field = self[name] if name in self.fields else None
        for row in self.rows:
            prefix = f"r{row.key}_"
            row.fields = {name[len(prefix) :]: self[name] for name in self.fields if name.startswith(prefix)}
            for change in row.conflicts:
                change.overwrite_field = self[f"{prefix}overwrite_{change.field}"]
