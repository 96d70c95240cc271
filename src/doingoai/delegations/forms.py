"""The delegation form: what Mẫu 04 / Mẫu 05 require, checked with Vietnamese messages.

The rules (``delegation_rule_errors``) are shared with the API serializer so
that a delegation typed in a page and one posted to ``/api/delegations/``
obey the same form:

- outbound: the head's full name and title; inbound: the head's expected rank;
- at least one country (codes or names, resolved like the documents are);
- a month or a quarter, the end not before the start;
- the funding source (its categories computed, as on import);
- people and days non-negative, the minimum not above the maximum.

Who owns a delegation is not the user's choice when they are unit staff: it
is their unit. Office staff choose among the units of their provinces.

A field an officer changes on a row that came from a document is added to
``edited_fields``, so that a re-import of the document does not overwrite it
silently; review reasons about that field are considered dealt with.
"""

from __future__ import annotations

import datetime
import re

from django import forms

from doingoai.accounts.permissions import role_of
from doingoai.accounts.scoping import visible_provinces
from doingoai.delegations.filtersets import country_choices
from doingoai.delegations.models import Delegation, month_start
from doingoai.extraction.normalize.funding import classify_funding
from doingoai.extraction.normalize.periods import parse_period
from doingoai.extraction.normalize.places import country_name_vi, resolve_countries
from doingoai.organization.models import Unit

MSG_LEADER_OUT = "Đoàn ra phải ghi họ tên và chức vụ của Trưởng đoàn."
MSG_LEADER_IN = "Đoàn vào phải ghi cấp Trưởng đoàn dự kiến."
MSG_COUNTRY = "Phải ghi ít nhất một nước."
MSG_PERIOD = "Phải ghi thời gian thực hiện: tháng hoặc quý."
MSG_PERIOD_ORDER = "Tháng kết thúc không được trước tháng bắt đầu."
MSG_FUNDING = "Phải ghi nguồn kinh phí."
MSG_NEGATIVE = "Không được là số âm."
MSG_PEOPLE_ORDER = "Số người tối thiểu không được lớn hơn số người tối đa."
MSG_DURATION_ORDER = "Thời gian tối thiểu không được lớn hơn thời gian tối đa."
MSG_OWNER = "Phải chọn đơn vị đề xuất trong tỉnh của bạn."

#: fields the import fills from a document, whose manual change is recorded in ``edited_fields``
SOURCED_FIELDS = (
    "direction", "level", "year", "section", "tt", "name", "leader", "countries", "countries_open",
    "partners", "activities", "people_min", "people_max", "people_per_delegation", "delegation_count",
    "duration_min", "duration_max", "duration_unit", "period_start", "period_end", "period_tentative",
    "funding", "notes", "host_unit", "owner",
)
#: review reasons' ``field`` → the model fields whose edit deals with them
REVIEW_FIELDS = {
    "countries": ("countries",), "period": ("period_start", "period_end"),
    "people": ("people_min", "people_max"), "duration": ("duration_min", "duration_max"),
    "leader": ("leader",), "funding": ("funding",), "name": ("name",), "year": ("year",),
    "direction": ("direction",), "level": ("level",),
}

_CODE = re.compile(r"^(?:[A-Za-z]{2}|\d{3})$")
_SPLIT = re.compile(r"[,;\n]+")
_MONTH = re.compile(r"^\s*(?:(\d{4})-(\d{1,2})|(\d{1,2})/(\d{4}))\s*$")


def delegation_rule_errors(data: dict) -> dict[str, str]:
    """The form's rules over normalized values; {field: Vietnamese message} for each one broken.

    ``data`` holds model field names (``countries`` as a list of codes,
    ``period_start`` / ``period_end`` as dates).
    """
    errors: dict[str, str] = {}
    leader = (data.get("leader") or "").strip()
    if not leader:
        inbound = data.get("direction") == Delegation.Direction.IN
        errors["leader"] = MSG_LEADER_IN if inbound else MSG_LEADER_OUT
    if not data.get("countries"):
        errors["countries"] = MSG_COUNTRY
    start, end = data.get("period_start"), data.get("period_end")
    if start is None:
        errors["period_start"] = MSG_PERIOD
    elif end is not None and end < start:
        errors["period_end"] = MSG_PERIOD_ORDER
    if not (data.get("funding") or "").strip():
        errors["funding"] = MSG_FUNDING
    for low, high, message in (("people_min", "people_max", MSG_PEOPLE_ORDER),
                               ("duration_min", "duration_max", MSG_DURATION_ORDER)):
        for name in (low, high):
            if data.get(name) is not None and data[name] < 0:
                errors[name] = MSG_NEGATIVE
        if (data.get(low) is not None and data.get(high) is not None and data[low] > data[high]
                and low not in errors and high not in errors):
            errors[high] = message
    return errors


def parse_countries(text: str) -> tuple[list[str], list[str]]:
    """"LA, Campuchia; Nhật Bản" → (["LA", "KH", "JP"], unresolved pieces).

    A piece that is a known ISO code (or UN M49 region code) is taken as is;
    anything else is read like a document's countries cell.
    """
    known = {code for code, _ in country_choices()}
    codes: list[str] = []
    unresolved: list[str] = []
    for piece in _SPLIT.split(text or ""):
        piece = piece.strip(" .")
        if not piece:
            continue
        if _CODE.match(piece) and piece.upper() in known:
            found = [piece.upper()]
        else:
            resolution = resolve_countries(piece)
            found = resolution.codes
            if not found:
                unresolved.append(piece)
        for code in found:
            if code not in codes and code != "VN":
                codes.append(code)
    return codes, unresolved


def parse_month(text: str) -> datetime.date | None:
    """"2025-04" (an ``<input type=month>``) or "04/2025" → 2025-04-01; None if empty; ValueError if wrong."""
    if not text or not text.strip():
        return None
    match = _MONTH.match(text)
    if not match:
        raise ValueError(text)
    year, month = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
    return datetime.date(int(year), int(month), 1)


class MonthInput(forms.TextInput):
    """``<input type="month">``: browsers show a month picker; the value is "YYYY-MM"."""

    input_type = "month"

    def format_value(self, value):
        if isinstance(value, datetime.date):
            return f"{value.year:04d}-{value.month:02d}"
        return super().format_value(value)


def _number_field(label: str, decimal: bool = False, **kwargs):
    messages = {"min_value": MSG_NEGATIVE, "invalid": "Phải là một số."}
    field = forms.DecimalField if decimal else forms.IntegerField
    extra = {"decimal_places": 1, "max_digits": 6} if decimal else {}
    return field(label=label, required=False, min_value=0, error_messages=messages, **extra, **kwargs)


class DelegationForm(forms.ModelForm):
    """Create or edit a delegation (Mẫu 04 đoàn ra / Mẫu 05 đoàn vào)."""

    takes_user = True  # ObjectEditView passes user=request.user

    countries = forms.CharField(
        label="Nước", required=False,
        help_text="Tên nước hoặc mã ISO, cách nhau bằng dấu phẩy; ví dụ: Lào, Campuchia hoặc LA, KH.",
        widget=forms.TextInput(attrs={"list": "country-names", "autocomplete": "off"}),
    )
    period_text = forms.CharField(
        label="Thời gian thực hiện (ghi nhanh)", required=False,
        help_text="Ví dụ: Quý II/2025, Quý I-II/2025, 07/2025, 03-05/2025. "
                  "Để trống thì dùng tháng bắt đầu, tháng kết thúc bên dưới.",
    )
    period_start = forms.CharField(label="Từ tháng", required=False, widget=MonthInput,
                                   help_text="Tháng/năm, ví dụ 04/2025.")
    period_end = forms.CharField(label="Đến tháng", required=False, widget=MonthInput,
                                 help_text="Để trống nếu chỉ trong một tháng.")
    people_min = _number_field("Số người (tối thiểu)")
    people_max = _number_field("Số người (tối đa)")
    duration_min = _number_field("Thời gian (tối thiểu)", decimal=True)
    duration_max = _number_field("Thời gian (tối đa)", decimal=True)
    delegation_count = forms.IntegerField(label="Số đoàn", min_value=1, initial=1,
                                          error_messages={"min_value": "Phải có ít nhất 1 đoàn."})

    class Meta:
        model = Delegation
        fields = [
            "direction", "level", "year", "status", "owner", "out_of_plan", "name", "leader",
            "countries_open", "partners", "activities", "delegation_count", "people_per_delegation",
            "duration_unit", "period_tentative", "funding", "host_unit", "notes",
        ]
        labels = {
            "direction": "Loại đoàn", "level": "Cấp", "year": "Năm kế hoạch", "status": "Trạng thái",
            "owner": "Đơn vị đề xuất", "out_of_plan": "Đoàn phát sinh (ngoài kế hoạch)",
            "name": "Tên đoàn", "leader": "Trưởng đoàn", "countries_open": "Danh sách nước còn mở (…)",
            "partners": "Đối tác làm việc", "activities": "Nội dung hoạt động",
            "people_per_delegation": "Số người tính cho mỗi đoàn", "duration_unit": "Đơn vị thời gian",
            "period_tentative": "Thời gian dự kiến", "funding": "Kinh phí",
            "host_unit": "Đơn vị chủ trì/đón tiếp", "notes": "Ghi chú",
        }
        help_texts = {
            "leader": "Đoàn ra: họ tên, chức vụ Trưởng đoàn. Đoàn vào: cấp Trưởng đoàn dự kiến.",
            "funding": "Bên Việt Nam chi những gì, từ nguồn nào (ngân sách Đảng, nhà nước, tỉnh, xã hội "
                       "hóa…); đối tác chi những gì.",
        }
        widgets = {
            "name": forms.Textarea(attrs={"rows": 2}),
            "leader": forms.TextInput(),
            "partners": forms.Textarea(attrs={"rows": 2}),
            "activities": forms.Textarea(attrs={"rows": 3}),
            "funding": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {
            "name": {"required": "Phải ghi tên đoàn."},
            "direction": {"required": "Phải chọn đoàn ra hay đoàn vào."},
            "level": {"required": "Phải chọn cấp của đoàn."},
            "year": {"required": "Phải ghi năm kế hoạch."},
        }

    field_order = [
        "direction", "level", "year", "status", "owner", "out_of_plan", "name", "leader", "countries",
        "countries_open", "partners", "activities", "people_min", "people_max", "people_per_delegation",
        "delegation_count", "duration_min", "duration_max", "duration_unit", "period_text", "period_start",
        "period_end", "period_tentative", "funding", "host_unit", "notes",
    ]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        instance = self.instance
        self._original = {name: getattr(instance, name) for name in SOURCED_FIELDS if name != "owner"}
        self._original["owner"] = instance.owner_id
        if instance.pk:
            self.initial["countries"] = ", ".join(country_name_vi(code) for code in instance.countries)
            self.initial["period_start"] = instance.period_start
            self.initial["period_end"] = instance.period_end
            for name in ("people_min", "people_max", "duration_min", "duration_max"):
                self.initial[name] = getattr(instance, name)
            if instance.period_start:
                self.fields["period_text"].help_text += f" Hiện tại: {instance.period_label}."
        elif not self.initial.get("year"):  # the instance's empty values are in the initial data too
            self.initial["year"] = datetime.date.today().year
        for name in ("direction", "level"):
            self.fields[name].choices = [("", "— Chọn —"), *[c for c in self.fields[name].choices if c[0]]]
        self.fields["year"].error_messages.update({"min_value": MSG_NEGATIVE, "invalid": "Năm không hợp lệ."})
        self.fields["year"].widget.attrs.update({"min": 2000, "max": 2100})
        self._setup_owner()

    # ------------------------------------------------------------------ owner

    def _setup_owner(self) -> None:
        """Unit staff: the owner is their unit (shown, not editable). Office: the units of their provinces."""
        field = self.fields["owner"]
        role = role_of(self.user) if self.user is not None else None
        provinces = visible_provinces(self.user).values("pk") if self.user is not None else []
        field.queryset = Unit.objects.filter(deleted_at__isnull=True, province__in=provinces).order_by("name")
        field.empty_label = "— Chưa xác định —"
        field.error_messages["invalid_choice"] = MSG_OWNER
        if role == "unit":
            unit = self.user.profile.unit
            field.queryset = Unit.objects.filter(pk=unit.pk) if unit else Unit.objects.none()
            field.initial = unit
            self.initial["owner"] = unit.pk if unit else None
            field.disabled = True
            field.required = False
            field.help_text = "Cán bộ đơn vị chỉ tạo, sửa đoàn của đơn vị mình."

    # ------------------------------------------------------------------ cleaning

    def clean_countries(self):
        codes, unresolved = parse_countries(self.cleaned_data.get("countries", ""))
        if unresolved:
            raise forms.ValidationError("Không xác định được nước: %(pieces)s.",
                                        params={"pieces": ", ".join(unresolved)})
        return codes

    def _month(self, name: str):
        try:
            return parse_month(self.cleaned_data.get(name, ""))
        except ValueError:
            self.add_error(name, "Tháng không hợp lệ; ghi theo dạng 04/2025.")
            return None

    def clean(self):
        cleaned = super().clean()
        text = (cleaned.get("period_text") or "").strip()
        start = self._month("period_start")
        end = self._month("period_end")
        if text:
            period = parse_period(text, cleaned.get("year"))
            if not period.understood or not period.start:
                self.add_error("period_text",
                               f"Không hiểu thời gian «{text}»; ghi như Quý II/2025 hoặc 07/2025.")
            else:
                start, end = month_start(period.start), month_start(period.end)
                if period.tentative:
                    cleaned["period_tentative"] = True
        elif start is not None and end is None:
            end = start
        cleaned["period_start"], cleaned["period_end"] = start, end

        for low, high in (("people_min", "people_max"), ("duration_min", "duration_max")):
            if cleaned.get(low) is None and cleaned.get(high) is not None:
                cleaned[low] = cleaned[high]
            elif cleaned.get(high) is None and cleaned.get(low) is not None:
                cleaned[high] = cleaned[low]

        for field, message in delegation_rule_errors(cleaned).items():
            if field == "period_start" and ("period_text" in self.errors or "period_start" in self.errors):
                continue  # the period's own message is already shown
            if field not in self.errors:
                self.add_error(field, message)
        return cleaned

    # ------------------------------------------------------------------ saving

    def save(self, commit=True):
        obj = super().save(commit=False)
        cleaned = self.cleaned_data
        obj.countries = cleaned["countries"]
        obj.period_start, obj.period_end = cleaned["period_start"], cleaned["period_end"]
        obj.period_tentative = cleaned.get("period_tentative", False)
        for name in ("people_min", "people_max", "duration_min", "duration_max"):
            setattr(obj, name, cleaned.get(name))
        obj.funding_categories = classify_funding(obj.funding).categories
        role = role_of(self.user) if self.user is not None else None
        if role == "unit":
            obj.owner = self.user.profile.unit
        if obj.owner_id and (obj.pk is None or obj.owner_id != self._original["owner"]):
            obj.province_id = obj.owner.province_id  # a row belongs to its owner's province
        self._track_edits(obj)
        if commit:
            obj.save()
        return obj

    def _track_edits(self, obj) -> None:
        """Note which document-sourced fields changed, and drop the review reasons they answer."""
        if obj.pk is None or not (obj.plan_document_id or obj.source or obj.source_values):
            return
        changed = [name for name, before in self._original.items()
                   if (obj.owner_id if name == "owner" else getattr(obj, name)) != before]
        if not changed:
            return
        obj.edited_fields = list(dict.fromkeys([*obj.edited_fields, *changed]))
        if obj.review:
            obj.review = [item for item in obj.review
                          if not (isinstance(item, dict)
                                  and set(REVIEW_FIELDS.get(item.get("field"), ())) & set(changed))]

