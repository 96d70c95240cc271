"""Every change to the register of people goes through these functions.

The office keeps the whole register of its provinces; a unit's officers add
the people of their own unit (who travel with its delegations) and correct
them. Names are stored with one space between words.
"""

from __future__ import annotations

from doingoai.accounts.scoping import default_province, is_office, office_for, staff_of, user_unit
from doingoai.core.errors import InvalidInput
from doingoai.core.services import (
    Operations,
    create_record,
    delete_record,
    require,
    service,
    update_record,
)
from doingoai.people.models import Person

NOT_YOURS = "Bạn chỉ thêm, sửa được người của đơn vị mình."
NAME_REQUIRED = "Vui lòng nhập họ và tên."


def can_create_person(user) -> bool:
    return is_office(user) or user_unit(user) is not None


def can_change_person(user, person: Person) -> bool:
    return office_for(user, person.province_id) or staff_of(user, person.unit_id)


def _allowed(user, person: Person) -> None:
    require(can_change_person(user, person), NOT_YOURS)


def _derive(person: Person, changed: set[str]) -> set[str]:
    touched = set()
    for name in ("full_name", "title", "body"):
        value = " ".join((getattr(person, name) or "").split())
        if value != getattr(person, name):
            setattr(person, name, value)
            touched.add(name)
    if person.unit_id and not person.body:
        person.body = person.unit.name
        touched.add("body")
    return touched


def _validate(person: Person, changed: set[str]) -> None:
    errors = {}
    if not person.full_name:
        errors["full_name"] = NAME_REQUIRED
    if person.unit_id and person.unit.province_id != person.province_id:
        errors["unit"] = "Đơn vị phải thuộc tỉnh của người này."
    if errors:
        raise InvalidInput(errors)


def _values_for(user, values: dict) -> dict:
    """A unit's officer registers people of their own unit, in its province."""
    unit = user_unit(user)
    if unit is not None and not is_office(user):
        return {**values, "unit": unit, "province": unit.province}
    return {**values, "province": values.get("province") or default_province(user)}


@service
def person_create(*, user, values: dict, reason: str = "") -> Person:
    return create_record(
        Person,
        user=user,
        values=_values_for(user, values),
        reason=reason or "Thêm người",
        allowed=_allowed,
        validate=_validate,
        derive=_derive,
    )


@service
def person_update(
    person: Person, *, user, values: dict, version: int | None = None, reason: str = ""
) -> Person:
    if not is_office(user):
        values = {name: value for name, value in values.items() if name not in ("unit", "province")}
    person, _ = update_record(
        person,
        user=user,
        values=values,
        version=version,
        reason=reason or "Sửa thông tin",
        allowed=_allowed,
        validate=_validate,
        derive=_derive,
    )
    return person


@service
def person_delete(person: Person, *, user, version: int | None = None, reason: str = "") -> Person:
    return delete_record(
        person, user=user, version=version, reason=reason or "Xóa khỏi danh sách", allowed=_allowed
    )


PEOPLE = Operations(
    can_create=can_create_person,
    can_change=can_change_person,
    create=person_create,
    update=person_update,
    delete=person_delete,
    denied=NOT_YOURS,
)
