"""The unit form, and what every edit form of the site shares.

Edit forms are built for one user: the provinces and units they offer are the
ones the user sees, so a form can never attach a record to another province,
and a unit chosen on a record must belong to the record's province.
"""

from __future__ import annotations

import re

from django import forms

from doingoai.accounts.scoping import scope, visible_provinces
from doingoai.extraction.normalize.places import country_name_vi, resolve_countries
from doingoai.organization.filtersets import DATE_INPUT_FORMATS
from doingoai.organization.models import Province, Unit

_SEPARATORS = re.compile(r"[,;\n]+")


def is_country_code(value: str) -> bool:
    """Whether ``value`` is a country or region code the place data knows ("LA", "150")."""
    value = value.strip().upper()
    return bool(value) and len(value) <= 3 and country_name_vi(value) != value


def parse_countries(text: str) -> tuple[list[str], list[str]]:
    """(codes, pieces not understood) of a countries text: names in any spelling, or codes.

    Each comma-separated piece is either a code ("LA") or resolved as the
    importer resolves a "Nước ký kết" cell ("CHDCND Lào" → LA), so what an
    officer types is stored exactly like what the documents print.
    """
    codes: list[str] = []
    unresolved: list[str] = []
    for piece in _SEPARATORS.split(text or ""):
        piece = piece.strip()
        if not piece:
            continue
        if is_country_code(piece):
            found = [piece.upper()]
        else:
            resolution = resolve_countries(piece)
            found = resolution.codes
            unresolved.extend(resolution.unresolved if found else [piece])
        codes.extend(code for code in found if code not in codes)
    return codes, unresolved


def countries_text(codes) -> str:
    """``["LA", "KR"]`` → ``"Lào, Hàn Quốc"``: how a countries field shows stored codes."""
    return ", ".join(country_name_vi(code) for code in codes or [])


class DateInput(forms.DateInput):
    """The browser's date picker; its value is ISO whatever the locale."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def date_field(label: str, *, required: bool = False) -> forms.DateField:
    return forms.DateField(
        label=label, required=required, widget=DateInput(), input_formats=DATE_INPUT_FORMATS,
        error_messages={"invalid": f"{label} phải là một ngày hợp lệ, ví dụ 31/12/2025."},
    )


class ScopedModelForm(forms.ModelForm):
    """A model form for one user: provinces and units offered are the ones they see.

    ``unit_fields`` names the fields choosing units; ``clean`` checks each
    chosen unit belongs to the record's province.
    """

    unit_fields: tuple[str, ...] = ()
    #: the generic edit view (``doingoai.core.views.ObjectEditView``) passes ``user=``
    takes_user = True

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        provinces = visible_provinces(user) if user is not None else Province.objects.none()
        if "province" in self.fields:
            field = self.fields["province"]
            field.queryset = provinces
            field.empty_label = None
            field.error_messages["invalid_choice"] = "Tỉnh đã chọn không nằm trong phạm vi của bạn."
            if not self.instance.pk and not field.initial and user is not None:
                from doingoai.core.views import default_province

                province = default_province(user)
                field.initial = province.pk if province else None
        units = scope(Unit.objects.all(), user).select_related("province") if user is not None \
            else Unit.objects.none()
        for name in self.unit_fields:
            if name in self.fields:
                self.fields[name].queryset = units
                self.fields[name].error_messages["invalid_choice"] = (
                    "Đơn vị đã chọn không có hoặc không nằm trong phạm vi của bạn."
                )

    def record_province(self) -> Province | None:
        """The province the record will belong to once saved."""
        if "province" in self.fields:
            return self.cleaned_data.get("province")
        return self.instance.province if self.instance.province_id else None

    def check_unit_province(self, name: str, message: str) -> None:
        """Add ``message`` to field ``name`` when the unit(s) chosen there are of another province."""
        province = self.record_province()
        value = self.cleaned_data.get(name)
        if province is None or not value:
            return
        chosen = value if hasattr(value, "__iter__") else [value]
        if any(unit.province_id != province.pk for unit in chosen):
            self.add_error(name, message)


class UnitForm(ScopedModelForm):
    aliases = forms.CharField(
        label="Tên gọi khác", required=False, widget=forms.Textarea(attrs={"rows": 3}),
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

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_aliases(self):
        seen: list[str] = []
        for line in (self.cleaned_data.get("aliases") or "").splitlines():
            line = " ".join(line.split())
            if line and line not in seen:
                seen.append(line)
        return seen

    def clean(self):
        cleaned = super().clean()
        province, name = cleaned.get("province"), cleaned.get("name")
        if province and name:
            # deleted units count too: the database keeps their names unique
            clash = Unit.objects.filter(province=province, name__iexact=name).exclude(pk=self.instance.pk)
            if clash.exists():
                deleted = not clash.filter(deleted_at__isnull=True).exists()
                self.add_error("name", "Tỉnh này đã có một đơn vị cùng tên"
                               + (" (đã bị xóa)." if deleted else "."))
        return cleaned
