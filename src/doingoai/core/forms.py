"""What every edit form of the site shares: it parses, the service decides.

A form turns what an officer typed into values (a country name into its code,
"04/2025" into a date) and hands them to a service function, which checks the
permission and the rules and saves (``doingoai.core.services``). The form
never saves and never holds a rule of the record; the service's refusals come
back as messages beside the fields (``add_service_errors``).

Every form of an existing record carries the ``version`` it was opened at, in
a hidden input: a save on a version someone else has since replaced is
refused with what they changed.

Edit forms are built for one user: the provinces and units they offer are
the ones the user sees, so a form cannot even offer another province's unit.
"""

from __future__ import annotations

from typing import Any

from django import forms

from doingoai.accounts.scoping import default_province, scope, visible_provinces
from doingoai.core.errors import InvalidInput
from doingoai.core.parsing import DATE_INPUT_FORMATS


class DateInput(forms.DateInput):
    """A date typed as Vietnamese officers write it, "31/12/2025" (ISO is understood too).

    Not the browser's date picker: it shows the order of the computer's
    language, "12/31/2025" on an English Windows, which reads as another day.
    """

    def __init__(self, attrs=None):
        attrs = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off", **(attrs or {})}
        super().__init__(attrs, format="%d/%m/%Y")


def date_field(label: str, *, required: bool = False, **kwargs) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        input_formats=DATE_INPUT_FORMATS,
        error_messages={
            "invalid": f"{label} phải là một ngày hợp lệ, ví dụ 31/12/2025.",
            "required": f"Phải ghi {label[:1].lower() + label[1:]}.",
        },
        **kwargs,
    )


class MonthInput(forms.TextInput):
    """A month typed as "04/2025" ("2025-04" is understood too), whatever the browser's language."""

    def __init__(self, attrs=None):
        super().__init__(
            {"placeholder": "mm/yyyy", "inputmode": "numeric", "autocomplete": "off", **(attrs or {})}
        )

    def format_value(self, value):
        if hasattr(value, "month") and hasattr(value, "year"):
            return f"{value.month:02d}/{value.year:04d}"
        if isinstance(value, str) and len(value) == 7 and value[4] == "-":  # "2025-04"
            return f"{value[5:]}/{value[:4]}"
        return super().format_value(value)


class ServiceFormMixin:
    """The version input, the values for the service, the service's messages on the fields.

    ``service_exclude`` names fields that only help parsing (their meaning is
    already in other values) and are not handed to the service.
    """

    service_exclude: tuple[str, ...] = ()

    def add_version_field(self, version: int | None) -> None:
        self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput, required=False, initial=version)
        if version is not None and not self.is_bound:
            self.initial["version"] = version

    @property
    def version(self) -> int | None:
        return (getattr(self, "cleaned_data", None) or {}).get("version")

    def service_values(self) -> dict[str, Any]:
        skip = {"version", *self.service_exclude}
        return {
            name: self.cleaned_data[name]
            for name, field in self.fields.items()
            if name not in skip and name in self.cleaned_data and not field.disabled
        }

    def add_service_errors(self, error: InvalidInput) -> None:
        """The service's messages, each beside its field when the form shows it."""
        for name, messages in error.errors.items():
            target = name if name in self.fields else None
            for message in messages:
                if target is None or target not in getattr(self, "errors", {}):
                    self.add_error(target, message)


class ServiceModelForm(ServiceFormMixin, forms.ModelForm):
    """A model form that only parses: no instance is built, nothing is saved here.

    Django's model form would copy the values onto ``instance`` and validate
    it; here the service does both on the row as stored now, so that a check
    never runs on a stale copy.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.add_version_field(self.instance.version)

    def _post_clean(self):
        """No instance construction, no model validation: the service does it."""

    def save(self, commit=True):  # pragma: no cover - a guard against misuse
        raise NotImplementedError("Forms do not save: call the app's service function.")


class ScopedModelForm(ServiceModelForm):
    """A model form for one user: the provinces and units offered are the ones they see.

    ``unit_fields`` names the fields choosing units.
    """

    unit_fields: tuple[str, ...] = ()
    #: the generic edit view (``doingoai.core.views.ObjectEditView``) passes ``user=``
    takes_user = True

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        from doingoai.organization.models import Province, Unit

        provinces = visible_provinces(user) if user is not None else Province.objects.none()
        if "province" in self.fields:
            field = self.fields["province"]
            field.queryset = provinces
            field.empty_label = None
            field.error_messages["invalid_choice"] = "Tỉnh đã chọn không nằm trong phạm vi của bạn."
            if not self.instance.pk and not field.initial and user is not None:
                province = default_province(user)
                field.initial = province.pk if province else None
        units = (
            scope(Unit.objects.all(), user).select_related("province")
            if user is not None
            else Unit.objects.none()
        )
        for name in self.unit_fields:
            if name in self.fields:
                self.fields[name].queryset = units
                self.fields[name].error_messages["invalid_choice"] = (
                    "Đơn vị đã chọn không có hoặc không nằm trong phạm vi của bạn."
                )
