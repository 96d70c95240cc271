"""The delegation's forms: they parse what an officer types; ``delegations.services`` decides.

- ``DelegationForm``: Mẫu 04 / Mẫu 05's fields. Countries are typed as names
  or codes, the period as "Quý II/2025" or months; the form turns them into
  values (codes, first days of months) and the service checks the rules
  (``delegations.rules``) and saves. The state is not a field: it changes
  through the actions.
- ``TransitionForm``: the short confirmation of one action, with the values
  that action needs (reason, date, approving document, new period).
- ``MemberForm``, ``PassportForm``, ``ReportForm`` (with its follow-up tasks),
  ``AttachmentForm``.

A unit's officer does not choose the owning unit: it is theirs (the field is
shown, disabled). The office chooses among the units of its provinces.
"""

from __future__ import annotations

import datetime

from django import forms

from doingoai.accounts.scoping import scope, user_unit, visible_provinces
from doingoai.core.forms import DateInput, MonthInput, ServiceFormMixin, ServiceModelForm, date_field
from doingoai.core.models import Attachment
from doingoai.core.parsing import countries_text, parse_countries, parse_month
from doingoai.delegations import workflow
from doingoai.delegations.models import Delegation, DelegationMember, DelegationReport, month_start
from doingoai.delegations.rules import MSG_NEGATIVE
from doingoai.extraction.normalize.periods import parse_period
from doingoai.organization.models import Unit
from doingoai.people.models import Person


def _number_field(label: str, decimal: bool = False, **kwargs):
    messages = {"min_value": MSG_NEGATIVE, "invalid": "Phải là một số."}
    field = forms.DecimalField if decimal else forms.IntegerField
    extra = {"decimal_places": 1, "max_digits": 6} if decimal else {}
    return field(label=label, required=False, min_value=0, error_messages=messages, **extra, **kwargs)


def _month_field(label: str, required: bool = False, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        widget=MonthInput,
        help_text=help_text,
        error_messages={"required": f"Phải ghi {label.lower()}."},
    )


def clean_month(form: forms.Form, name: str) -> datetime.date | None:
    """The month typed in field ``name``, or None; an error on the field when it is not a month."""
    try:
        return parse_month(form.cleaned_data.get(name, ""))
    except ValueError:
        form.add_error(name, "Tháng không hợp lệ; ghi theo dạng 04/2025.")
        return None


class DelegationForm(ServiceModelForm):
    """Create or edit a delegation (Mẫu 04 đoàn ra / Mẫu 05 đoàn vào)."""

    takes_user = True  # ObjectEditView passes user=request.user
    service_exclude = ("period_text",)

    countries = forms.CharField(
        label="Nước",
        required=False,
        help_text="Tên nước hoặc mã ISO, cách nhau bằng dấu phẩy; ví dụ: Lào, Campuchia hoặc LA, KH.",
        widget=forms.TextInput(attrs={"list": "country-names", "autocomplete": "off"}),
    )
    period_text = forms.CharField(
        label="Thời gian thực hiện (ghi nhanh)",
        required=False,
        help_text="Ví dụ: Quý II/2025, Quý I-II/2025, 07/2025, 03-05/2025. "
        "Để trống thì dùng tháng bắt đầu, tháng kết thúc bên dưới.",
    )
    period_start = _month_field("Từ tháng", help_text="Tháng/năm, ví dụ 04/2025.")
    period_end = _month_field("Đến tháng", help_text="Để trống nếu chỉ trong một tháng.")
    people_min = _number_field("Số người (tối thiểu)")
    people_max = _number_field("Số người (tối đa)")
    duration_min = _number_field("Thời gian (tối thiểu)", decimal=True)
    duration_max = _number_field("Thời gian (tối đa)", decimal=True)
    delegation_count = forms.IntegerField(
        label="Số đoàn", min_value=1, initial=1, error_messages={"min_value": "Phải có ít nhất 1 đoàn."}
    )

    class Meta:
        model = Delegation
        fields = [
            "direction",
            "level",
            "year",
            "owner",
            "out_of_plan",
            "ministry_opinion_required",
            "ministry_opinion",
            "name",
            "leader",
            "countries_open",
            "partners",
            "activities",
            "delegation_count",
            "people_per_delegation",
            "duration_unit",
            "period_tentative",
            "funding",
            "host_unit",
            "notes",
        ]
        labels = {
            "direction": "Loại đoàn",
            "level": "Cấp",
            "year": "Năm kế hoạch",
            "owner": "Đơn vị đề xuất",
            "out_of_plan": "Đoàn phát sinh (ngoài kế hoạch)",
            "ministry_opinion_required": "Cần xin ý kiến Bộ Ngoại giao",
            "ministry_opinion": "Ý kiến của Bộ Ngoại giao",
            "name": "Tên đoàn",
            "leader": "Trưởng đoàn",
            "countries_open": "Danh sách nước còn mở (…)",
            "partners": "Đối tác làm việc",
            "activities": "Nội dung hoạt động",
            "people_per_delegation": "Số người tính cho mỗi đoàn",
            "duration_unit": "Đơn vị thời gian",
            "period_tentative": "Thời gian dự kiến",
            "funding": "Kinh phí",
            "host_unit": "Đơn vị chủ trì/đón tiếp",
            "notes": "Ghi chú",
        }
        help_texts = {
            "leader": "Đoàn ra: họ tên, chức vụ Trưởng đoàn. Đoàn vào: cấp Trưởng đoàn dự kiến.",
            "funding": "Bên Việt Nam chi những gì, từ nguồn nào (ngân sách Đảng, nhà nước, tỉnh, xã hội "
            "hóa…); đối tác chi những gì.",
            "ministry_opinion": "Số, ngày văn bản và nội dung ý kiến (với đoàn phát sinh cần xin ý kiến).",
        }
        widgets = {
            "name": forms.Textarea(attrs={"rows": 2}),
            "leader": forms.TextInput(),
            "partners": forms.Textarea(attrs={"rows": 2}),
            "activities": forms.Textarea(attrs={"rows": 3}),
            "funding": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 2}),
            "ministry_opinion": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {
            "name": {"required": "Phải ghi tên đoàn."},
            "direction": {"required": "Phải chọn đoàn ra hay đoàn vào."},
            "level": {"required": "Phải chọn cấp của đoàn."},
            "year": {"required": "Phải ghi năm kế hoạch."},
        }

    field_order = [
        "direction",
        "level",
        "year",
        "owner",
        "out_of_plan",
        "ministry_opinion_required",
        "ministry_opinion",
        "name",
        "leader",
        "countries",
        "countries_open",
        "partners",
        "activities",
        "people_min",
        "people_max",
        "people_per_delegation",
        "delegation_count",
        "duration_min",
        "duration_max",
        "duration_unit",
        "period_text",
        "period_start",
        "period_end",
        "period_tentative",
        "funding",
        "host_unit",
        "notes",
    ]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        instance = self.instance
        if instance.pk:
            self.initial["countries"] = countries_text(instance.countries)
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

    def _setup_owner(self) -> None:
        """Unit staff: the owner is their unit (shown, not editable). Office: the units of their provinces."""
        field = self.fields["owner"]
        provinces = visible_provinces(self.user).values("pk") if self.user is not None else []
        field.queryset = Unit.objects.filter(deleted_at__isnull=True, province__in=provinces).order_by("name")
        field.empty_label = "— Chưa xác định —"
        field.error_messages["invalid_choice"] = "Phải chọn đơn vị đề xuất trong tỉnh của bạn."
        unit = user_unit(self.user) if self.user is not None else None
        if unit is not None:
            field.queryset = Unit.objects.filter(pk=unit.pk)
            field.initial = unit
            self.initial["owner"] = unit.pk
            field.disabled = True
            field.required = False
            field.help_text = "Cán bộ đơn vị chỉ tạo, sửa đoàn của đơn vị mình."

    def clean_countries(self):
        codes, unresolved = parse_countries(self.cleaned_data.get("countries", ""))
        if unresolved:
            raise forms.ValidationError(
                "Không xác định được nước: %(pieces)s.", params={"pieces": ", ".join(unresolved)}
            )
        return codes

    def clean(self):
        """The period from the quick text or the months; a range typed at one end only covers both."""
        cleaned = super().clean()
        text = (cleaned.get("period_text") or "").strip()
        start = clean_month(self, "period_start")
        end = clean_month(self, "period_end")
        if text:
            period = parse_period(text, cleaned.get("year"))
            if not period.understood or not period.start:
                self.add_error(
                    "period_text", f"Không hiểu thời gian «{text}»; ghi như Quý II/2025 hoặc 07/2025."
                )
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
        return cleaned

    def add_service_errors(self, error) -> None:
        """The period's rule speaks of the quick text too: no second message when it already has one."""
        if "period_start" in error.errors and ("period_text" in self.errors or "period_start" in self.errors):
            error.errors.pop("period_start")
        super().add_service_errors(error)


# --------------------------------------------------------------------------- the actions


class TransitionForm(ServiceFormMixin, forms.Form):
    """The values one action needs, as its confirmation form asks them.

    ``required`` lists what the action needs from this user (``workflow``);
    the other values it can take are offered, optional.
    """

    reason = forms.CharField(label="Lý do, ghi chú", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    date = date_field("Ngày")
    period_start = _month_field("Thời gian mới: từ tháng")
    period_end = _month_field("Đến tháng", help_text="Để trống nếu trong một tháng.")
    document_number = forms.CharField(
        label="Số văn bản phê duyệt",
        required=False,
        max_length=80,
        help_text="Ví dụ: 1367/UBND-TH, 65/KH-UBND.",
    )
    document_date = date_field("Ngày văn bản phê duyệt")
    merged_into = forms.ModelChoiceField(
        label="Đã nhập vào đoàn của đơn vị khác",
        required=False,
        queryset=Delegation.objects.none(),
        empty_label="— Không —",
        help_text="Nếu đề xuất này trùng với đoàn của đơn vị khác và được nhập vào đoàn đó.",
    )

    #: which fields each action shows (beyond those it requires)
    SHOWN = {
        "approve": ("document_number", "document_date", "reason"),
        "depart": ("date", "reason"),
        "return": ("date", "reason"),
        "postpone": ("reason", "period_start", "period_end"),
        "resume": ("period_start", "period_end", "reason"),
        "reject": ("reason", "merged_into"),
    }

    def __init__(self, *args, spec: workflow.Action, roles: set[str], delegation: Delegation, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.spec = spec
        required = set(spec.required_values(roles))
        shown = set(self.SHOWN.get(spec.name, ("reason",))) | required
        for name in list(self.fields):
            if name not in shown:
                del self.fields[name]
        for name in required & set(self.fields):
            self.fields[name].required = True
            self.fields[name].error_messages["required"] = f"Phải ghi {workflow.VALUE_LABELS[name]}."
        if "date" in self.fields:
            self.fields["date"].initial = datetime.date.today()
            self.fields["date"].label = {
                "depart": "Ngày đi (đoàn vào: ngày đến)",
                "return": "Ngày về (đoàn vào: ngày rời Việt Nam)",
            }.get(spec.name, "Ngày")
        if "merged_into" in self.fields:
            self.fields["merged_into"].queryset = (
                scope(Delegation.objects.all(), user)
                .filter(province=delegation.province, year=delegation.year, direction=delegation.direction)
                .exclude(pk=delegation.pk)
                .order_by("name")
            )
        if spec.name == "approve" and "office" not in roles:
            self.fields["reason"].label = "Ý kiến của lãnh đạo"
        self.add_version_field(delegation.version)

    def clean(self):
        cleaned = super().clean()
        for name in ("period_start", "period_end"):
            if name in self.fields:
                cleaned[name] = clean_month(self, name)
        return cleaned

    def transition_values(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}


class BulkActionForm(TransitionForm):
    """One action on several delegations: the values for all of them."""


# --------------------------------------------------------------------------- members and passports


class MemberForm(ServiceFormMixin, forms.ModelForm):
    """A member: someone of the register, or a new person typed here; their role and passport."""

    new_full_name = forms.CharField(label="Hoặc người mới: họ và tên", required=False, max_length=120)
    new_title = forms.CharField(label="Chức vụ", required=False, max_length=255)
    new_body = forms.CharField(label="Cơ quan, đơn vị", required=False, max_length=255)
    new_key_position = forms.BooleanField(label="Giữ chức vụ chủ chốt", required=False)

    field_order = [
        "person",
        "new_full_name",
        "new_title",
        "new_body",
        "new_key_position",
        "role",
        "passport_kind",
        "passport_number",
        "notes",
    ]

    class Meta:
        model = DelegationMember
        fields = ["person", "role", "passport_kind", "passport_number", "notes"]
        help_texts = {"passport_number": "Chỉ Sở Ngoại vụ và đơn vị của đoàn xem được số hộ chiếu."}

    def __init__(self, *args, delegation: Delegation, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        field.queryset = Person.objects.filter(province=delegation.province, deleted_at__isnull=True)
        field.required = False
        field.empty_label = "— Chọn trong danh sách người —"
        if self.instance.pk:
            for name in ("new_full_name", "new_title", "new_body", "new_key_position"):
                del self.fields[name]
            self.add_version_field(self.instance.version)

    def _post_clean(self):
        """No instance construction: the service does it."""

    def clean(self):
        cleaned = super().clean()
        if (
            not self.instance.pk
            and not cleaned.get("person")
            and not (cleaned.get("new_full_name") or "").strip()
        ):
            self.add_error("person", "Chọn một người trong danh sách, hoặc nhập họ tên người mới.")
        return cleaned

    def new_person(self) -> dict | None:
        if not (self.cleaned_data.get("new_full_name") or "").strip():
            return None
        return {
            "full_name": self.cleaned_data["new_full_name"],
            "title": self.cleaned_data.get("new_title", ""),
            "body": self.cleaned_data.get("new_body", ""),
            "key_position": self.cleaned_data.get("new_key_position", False),
        }

    def member_values(self) -> dict:
        return {
            name: self.cleaned_data.get(name)
            for name in ("person", "role", "passport_kind", "passport_number", "notes")
            if name in self.cleaned_data and not (name == "person" and self.cleaned_data[name] is None)
        }


class PassportForm(ServiceFormMixin, forms.Form):
    date = date_field("Ngày", required=True)
    notes = forms.CharField(label="Ghi chú", required=False, max_length=255)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = datetime.date.today()


# --------------------------------------------------------------------------- the report


class ReportForm(ServiceFormMixin, forms.ModelForm):
    """The report after the trip; its follow-up tasks come in ``FollowUpTaskFormSet``."""

    file = forms.FileField(
        label="Tệp báo cáo (bản ký, scan)", required=False, help_text="PDF, ảnh, Word hoặc Excel."
    )

    class Meta:
        model = DelegationReport
        fields = [
            "activities",
            "participants",
            "members_went",
            "days_actual",
            "agreements",
            "results",
            "proposals",
            "cost",
            "cost_notes",
        ]
        widgets = {
            "activities": forms.Textarea(attrs={"rows": 4}),
            "participants": forms.Textarea(attrs={"rows": 2}),
            "results": forms.Textarea(attrs={"rows": 4}),
            "proposals": forms.Textarea(attrs={"rows": 3}),
            "cost_notes": forms.Textarea(attrs={"rows": 2}),
            "members_went": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "participants": "Những người đã đi mà không có trong danh sách thành viên (nếu có).",
            "days_actual": "Tổng số ngày của chuyến đi, kể cả đi đường.",
            "agreements": "Các thỏa thuận quốc tế đã ký trong chuyến đi (đã có trong hệ thống).",
        }
        error_messages = {"activities": {"required": "Phải ghi các hoạt động đã thực hiện."}}

    def __init__(self, *args, delegation: Delegation, **kwargs):
        super().__init__(*args, **kwargs)
        from doingoai.agreements.models import Agreement

        self.fields["members_went"].queryset = delegation.members.select_related("person")
        self.fields["members_went"].label_from_instance = lambda member: str(member.person)
        self.fields["agreements"].queryset = Agreement.objects.filter(
            province=delegation.province, deleted_at__isnull=True
        )
        self.fields["agreements"].widget.attrs["size"] = 6
        for name in ("days_actual", "cost"):
            self.fields[name].min_value = 0
            self.fields[name].widget.attrs["min"] = 0
            self.fields[name].error_messages["min_value"] = MSG_NEGATIVE

    def _post_clean(self):
        """No instance construction: the service does it."""

    def report_values(self) -> dict:
        return {
            name: self.cleaned_data.get(name)
            for name in (
                "activities",
                "participants",
                "days_actual",
                "results",
                "proposals",
                "cost",
                "cost_notes",
            )
        }


class FollowUpTaskForm(forms.Form):
    title = forms.CharField(
        label="Nhiệm vụ tiếp theo", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    lead_unit = forms.ModelChoiceField(
        label="Đơn vị chủ trì", required=False, queryset=Unit.objects.none(), empty_label="— Chọn —"
    )
    coordinating_units = forms.ModelMultipleChoiceField(
        label="Đơn vị phối hợp",
        required=False,
        queryset=Unit.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )
    deadline = forms.DateField(label="Thời hạn", required=False, widget=DateInput())

    def __init__(self, *args, province=None, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(province=province, deleted_at__isnull=True).order_by("name")
        self.fields["lead_unit"].queryset = units
        self.fields["coordinating_units"].queryset = units

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("title") or "").strip() and cleaned.get("lead_unit") is None:
            self.add_error("lead_unit", "Phải chọn đơn vị chủ trì của nhiệm vụ.")
        return cleaned


FollowUpTaskFormSet = forms.formset_factory(FollowUpTaskForm, extra=3, max_num=20)


class AttachmentForm(ServiceFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label="Loại tệp",
        choices=[choice for choice in Attachment.Kind.choices if choice[0] != Attachment.Kind.FORM],
    )
    file = forms.FileField(
        label="Tệp",
        help_text="PDF, ảnh JPEG/PNG, Word hoặc Excel; tối đa 20 MB.",
        error_messages={"required": "Hãy chọn một tệp."},
    )
    description = forms.CharField(label="Mô tả", required=False, max_length=255)
