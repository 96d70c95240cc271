"""Every change to the register of people goes through these functions.

The office keeps the whole register of its provinces; a unit's officers add
the people of their own unit (who travel with its delegations) and correct
them. Names are stored with one space between words.

Who holds a title in a year (``TitleHolding``: "Thường trực Tỉnh ủy" is
these two people in 2025) is the office's setting: only the office of the
province writes it, and each change has the province's warnings of that year
checked again, since the rules about leaders count the people behind a title.
"""

from __future__ import annotations

from django.db import models

from doingoai.accounts.scoping import default_province, is_office, office_for, staff_of, user_unit
from doingoai.core.errors import InvalidInput
from doingoai.core.services import (
    Operations,
    clean_text,
    create_record,
    delete_record,
    require,
    service,
    update_record,
)
from doingoai.people.models import Person, TitleHolding, title_key

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


# --------------------------------------------------------------------------- who holds a title

TITLES_OFFICE_ONLY = "Chỉ cán bộ Sở Ngoại vụ của tỉnh mới ghi người giữ chức danh."
TITLE_REQUIRED = "Vui lòng nhập chức danh."
YEAR_RANGE = "Năm phải là một số từ 2000 đến 2100."
HOLDERS_REQUIRED = "Chọn ít nhất một người giữ chức danh."
HOLDERS_ELSEWHERE = "Người giữ chức danh phải là người trong danh sách của tỉnh (chưa bị xóa)."
TITLE_TAKEN = "Năm {year} đã ghi chức danh «{title}»: hãy sửa dòng đó thay vì thêm mới."
HOLDING_DELETED = "Chức danh này đã bị xóa: hãy thêm lại nếu cần."
#: the years a holding may name
YEARS = range(2000, 2101)


def can_change_title_holdings(user, province_id: int | None) -> bool:
    """The office of the province (and the administrators) say who holds its titles."""
    return office_for(user, province_id)


def _holding_allowed(user, holding: TitleHolding) -> None:
    require(can_change_title_holdings(user, holding.province_id), TITLES_OFFICE_ONLY)


def _number(value) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def _ids(people) -> list[int] | None:
    """The ids of ``people`` (rows or ids), or None when one of them is not an id at all."""
    ids = []
    for item in people or []:
        value = item.pk if isinstance(item, models.Model) else _number(item)
        if value is None:
            return None
        ids.append(value)
    return list(dict.fromkeys(ids))


def _holding_validator(ids: list[int] | None):
    def validate(holding: TitleHolding, changed: set[str]) -> None:
        errors = {}
        if holding.deleted_at is not None:
            raise InvalidInput(HOLDING_DELETED)
        if not title_key(holding.title):  # nothing but punctuation names no title either
            errors["title"] = TITLE_REQUIRED
        if holding.year not in YEARS:
            errors["year"] = YEAR_RANGE
        if not ids and ids is not None:
            errors["people"] = HOLDERS_REQUIRED
        elif ids is None or Person.objects.filter(
            pk__in=ids, province_id=holding.province_id, deleted_at__isnull=True
        ).count() != len(ids):
            errors["people"] = HOLDERS_ELSEWHERE
        if not errors:
            taken = TitleHolding.objects.filter(
                province_id=holding.province_id,
                year=holding.year,
                title_key=title_key(holding.title),
                deleted_at__isnull=True,
            ).exclude(pk=holding.pk)
            if taken.exists():
                errors["title"] = TITLE_TAKEN.format(year=holding.year, title=holding.title)
        if errors:
            raise InvalidInput(errors)

    return validate


def _recheck(province_id: int, year: int) -> None:
    """The rules of that plan year checked again once the running service is done."""
    from doingoai.rules.services import refresh_soon

    if year in YEARS:
        refresh_soon(province_id, year)


@service
def title_holding_save(
    *,
    user,
    province,
    year,
    title: str,
    people,
    holding: TitleHolding | None = None,
    version: int | None = None,
    reason: str = "",
) -> TitleHolding:
    """Record who holds ``title`` in ``province`` in ``year`` (a new holding, or ``holding`` changed)."""
    province_id = province.pk if isinstance(province, models.Model) else province
    require(can_change_title_holdings(user, province_id), TITLES_OFFICE_ONLY)
    ids = _ids(people)
    values = {
        "province": province_id,
        "year": _number(year),
        "title": " ".join(clean_text(str(title or "")).split()),
        "people": ids or [],
    }
    validate = _holding_validator(ids)
    if holding is None:
        saved = create_record(
            TitleHolding,
            user=user,
            values=values,
            reason=reason or "Ghi người giữ chức danh",
            allowed=_holding_allowed,
            validate=validate,
        )
    else:
        before = (holding.province_id, holding.year)
        saved, _ = update_record(
            holding,
            user=user,
            values=values,
            version=version,
            reason=reason or "Sửa người giữ chức danh",
            allowed=_holding_allowed,
            validate=validate,
        )
        _recheck(*before)
    _recheck(saved.province_id, saved.year)
    return saved


@service
def title_holding_delete(
    holding: TitleHolding, *, user, version: int | None = None, reason: str = ""
) -> TitleHolding:
    """The holding no longer counts (hidden, with its history); its plan year is checked again."""
    deleted = delete_record(
        holding,
        user=user,
        version=version,
        reason=reason or "Xóa người giữ chức danh",
        allowed=_holding_allowed,
    )
    _recheck(deleted.province_id, deleted.year)
    return deleted
