"""Every change to a foreign partner goes through these functions.

Partners (foreign localities and organisations) are reference data of the
province kept by the foreign-affairs office. A partner's name is unique in
its province (without case); its locality code (ISO 3166-2) starts with its
country's code.
"""

from __future__ import annotations

from doingoai.accounts.scoping import default_province, is_office, office_for
from doingoai.core.errors import InvalidInput
from doingoai.core.parsing import is_country_code
from doingoai.core.services import (
    Operations,
    create_record,
    delete_record,
    require,
    service,
    update_record,
)
from doingoai.partners.models import Partner

OFFICE_ONLY = "Chỉ cán bộ Sở Ngoại vụ được thay đổi danh mục đối tác."
NAME_REQUIRED = "Vui lòng nhập tên đối tác."


def can_create_partner(user) -> bool:
    return is_office(user)


def can_change_partner(user, partner: Partner) -> bool:
    return office_for(user, partner.province_id)


def _allowed(user, partner: Partner) -> None:
    require(can_change_partner(user, partner), OFFICE_ONLY)


def _derive(partner: Partner, changed: set[str]) -> set[str]:
    touched = set()
    for name, value in (
        ("name", " ".join((partner.name or "").split())),
        ("country", (partner.country or "").strip().upper()),
        ("subdivision", (partner.subdivision or "").strip().upper()),
    ):
        if getattr(partner, name) != value:
            setattr(partner, name, value)
            touched.add(name)
    return touched


def _validate(partner: Partner, changed: set[str]) -> None:
    errors = {}
    if not partner.name:
        errors["name"] = NAME_REQUIRED
    elif (
        Partner.objects.filter(province_id=partner.province_id, name__iexact=partner.name)
        .exclude(pk=partner.pk)
        .exists()
    ):
        errors["name"] = "Tỉnh này đã có một đối tác cùng tên."
    if partner.country and not is_country_code(partner.country):
        errors["country"] = f"Không nhận ra mã nước {partner.country}."
    if partner.subdivision and partner.country and not partner.subdivision.startswith(f"{partner.country}-"):
        errors["subdivision"] = f"Mã địa phương phải bắt đầu bằng mã nước ({partner.country}-…)."
    if partner.kind not in Partner.Kind.values:
        errors["kind"] = "Loại đối tác không hợp lệ."
    if errors:
        raise InvalidInput(errors)


@service
def partner_create(*, user, values: dict, reason: str = "") -> Partner:
    values = {**values, "province": values.get("province") or default_province(user)}
    return create_record(
        Partner,
        user=user,
        values=values,
        reason=reason or "Thêm đối tác",
        allowed=_allowed,
        validate=_validate,
        derive=_derive,
    )


@service
def partner_update(
    partner: Partner, *, user, values: dict, version: int | None = None, reason: str = ""
) -> Partner:
    partner, _ = update_record(
        partner,
        user=user,
        values=values,
        version=version,
        reason=reason or "Sửa đối tác",
        allowed=_allowed,
        validate=_validate,
        derive=_derive,
    )
    return partner


@service
def partner_delete(partner: Partner, *, user, version: int | None = None, reason: str = "") -> Partner:
    return delete_record(
        partner, user=user, version=version, reason=reason or "Xóa đối tác", allowed=_allowed
    )


PARTNERS = Operations(
    can_create=can_create_partner,
    can_change=can_change_partner,
    create=partner_create,
    update=partner_update,
    delete=partner_delete,
    denied=OFFICE_ONLY,
)
