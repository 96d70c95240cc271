"""Every change to a unit (and to a province's settings) goes through these functions.

Units are the province's reference data: only the foreign-affairs office (and
administrators) of the province create, rename or delete them. A unit's name
is unique in its province, deleted units included (the database keeps their
names), compared without case. Deleting a unit hides it; its officers then
write nothing in its name (``scoping.user_unit``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from doingoai.accounts.scoping import default_province, is_office, office_for, sees_province, staff_of
from doingoai.core.errors import InvalidInput
from doingoai.core.services import (
    Operations,
    allowed_by,
    clean_values,
    create_record,
    delete_record,
    require,
    service,
    update_record,
)
from doingoai.organization.models import Contact, Province, Unit

OFFICE_ONLY = "Chỉ cán bộ Sở Ngoại vụ được thay đổi danh mục đơn vị."
ADMIN_ONLY = "Chỉ quản trị hệ thống được thay đổi thiết lập của tỉnh."
NAME_REQUIRED = "Vui lòng nhập tên đơn vị."


def can_create_unit(user) -> bool:
    return is_office(user)


def can_change_unit(user, unit: Unit) -> bool:
    return office_for(user, unit.province_id)


def _derive(unit: Unit, changed: set[str]) -> set[str]:
    """One space between words of the name; aliases trimmed, without repeats or the name itself."""
    touched = set()
    name = " ".join((unit.name or "").split())
    if name != unit.name:
        unit.name = name
        touched.add("name")
    aliases = list(dict.fromkeys(" ".join(a.split()) for a in unit.aliases or [] if a and a.split()))
    aliases = [alias for alias in aliases if alias != unit.name]
    if aliases != list(unit.aliases or []):
        unit.aliases = aliases
        touched.add("aliases")
    return touched


def _validate(unit: Unit, changed: set[str]) -> None:
    errors = {}
    if not unit.name:
        errors["name"] = NAME_REQUIRED
    if unit.province_id is None:
        errors["province"] = "Phải chọn tỉnh của đơn vị."
    elif unit.name:
        clash = Unit.objects.filter(province_id=unit.province_id, name__iexact=unit.name).exclude(pk=unit.pk)
        if clash.exists():
            deleted = not clash.filter(deleted_at__isnull=True).exists()
            errors["name"] = "Tỉnh này đã có một đơn vị cùng tên" + (" (đã bị xóa)." if deleted else ".")
    if unit.kind not in Unit.Kind.values:
        errors["kind"] = "Loại đơn vị không hợp lệ."
    if errors:
        raise InvalidInput(errors)


def _allowed(user, unit: Unit) -> None:
    require(can_change_unit(user, unit) if unit.province_id else can_create_unit(user), OFFICE_ONLY)


@service
def unit_create(*, user, values: dict, reason: str = "") -> Unit:
    values = {**values, "province": values.get("province") or default_province(user)}
    return create_record(
        Unit,
        user=user,
        values=values,
        reason=reason or "Thêm đơn vị",
        allowed=_allowed,
        validate=_validate,
        derive=_derive,
    )


@service
def unit_update(unit: Unit, *, user, values: dict, version: int | None = None, reason: str = "") -> Unit:
    unit, _ = update_record(
        unit,
        user=user,
        values=values,
        version=version,
        reason=reason or "Sửa đơn vị",
        allowed=_allowed,
        validate=_validate,
        derive=_derive,
    )
    return unit


@service
def unit_delete(unit: Unit, *, user, version: int | None = None, reason: str = "") -> Unit:
    return delete_record(
        unit,
        user=user,
        version=version,
        reason=reason or "Xóa đơn vị",
        allowed=allowed_by(can_change_unit, OFFICE_ONLY),
    )


UNITS = Operations(
    can_create=can_create_unit,
    can_change=can_change_unit,
    create=unit_create,
    update=unit_update,
    delete=unit_delete,
    denied=OFFICE_ONLY,
)


# --------------------------------------------------------------------------- provinces


def can_change_province(user, province: Province) -> bool:
    from doingoai.accounts.permissions import role_of

    return role_of(user) == "admin" and sees_province(user, province.pk)


def _validate_province(province: Province, changed: set[str]) -> None:
    errors = {}
    if not (province.name or "").strip():
        errors["name"] = "Vui lòng nhập tên tỉnh."
    if province.report_due_days is None or not 1 <= province.report_due_days <= 120:
        errors["report_due_days"] = "Số ngày phải từ 1 đến 120."
    if errors:
        raise InvalidInput(errors)


@service
def province_update(
    province: Province, *, user, values: dict, version: int | None = None, reason: str = ""
) -> Province:
    """A province's settings (the days a unit has to report after a trip…): administrators only."""
    province, _ = update_record(
        province,
        user=user,
        values=values,
        version=version,
        reason=reason or "Sửa thiết lập của tỉnh",
        allowed=allowed_by(can_change_province, ADMIN_ONLY),
        validate=_validate_province,
    )
    return province


# --------------------------------------------------------------------------- contacts

CONTACT_FIELDS = ("name", "position", "email", "phone", "notes")
NOT_YOUR_UNIT = "Chỉ đơn vị đó và Sở Ngoại vụ được sửa người liên hệ của đơn vị."


def can_keep_contacts(user, unit: Unit) -> bool:
    """A unit keeps its own contacts; the office of its province may too."""
    return office_for(user, unit.province_id) or staff_of(user, unit.pk)


def _check_contact(contact: Contact) -> None:
    errors = {}
    if not contact.name:
        errors["name"] = "Vui lòng nhập họ và tên."
    if contact.email:
        try:
            validate_email(contact.email)
        except ValidationError:
            errors["email"] = "Địa chỉ thư điện tử không hợp lệ."
    if not contact.email and not contact.phone:
        errors["phone"] = "Ghi ít nhất thư điện tử hoặc điện thoại để liên lạc được."
    if errors:
        raise InvalidInput(errors)


@service
def contact_save(unit: Unit, contact: Contact | None = None, *, user, values: dict) -> Contact:
    """Add a contact to ``unit``, or change ``contact`` (only the fields given)."""
    require(can_keep_contacts(user, unit), NOT_YOUR_UNIT)
    values = clean_values({name: values[name] for name in CONTACT_FIELDS if name in values})
    if contact is None:
        contact = Contact(unit=unit)
        reason = "Thêm người liên hệ"
    else:
        contact = Contact.objects.select_for_update().get(pk=contact.pk, unit=unit)
        contact.version += 1
        reason = "Sửa người liên hệ"
    for name, value in values.items():
        setattr(contact, name, value.lower() if name == "email" else value)
    _check_contact(contact)
    contact._history_user = user
    contact._change_reason = reason
    contact.save()
    return contact


@service
def contact_delete(contact: Contact, *, user) -> None:
    require(can_keep_contacts(user, contact.unit), NOT_YOUR_UNIT)
    contact._history_user = user
    contact._change_reason = "Xóa người liên hệ"
    contact.delete()
