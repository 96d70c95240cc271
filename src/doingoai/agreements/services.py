"""Every change to an international agreement goes through these functions.

Agreements are signed in the province's name: only the foreign-affairs office
(and administrators) create and change them; a unit never does, not even
through an import. An officer's change to a field read from a document is
remembered (``core.provenance.mark_edited``), so importing the document again
never reverts it silently. ``agreement_save_from_document`` is the importer's
door: the values are what the document says, not an officer's edit.
"""

from __future__ import annotations

from doingoai.accounts.scoping import default_province, is_office, office_for
from doingoai.agreements.models import Agreement
from doingoai.core.errors import InvalidInput
from doingoai.core.provenance import mark_edited
from doingoai.core.services import (
    Operations,
    create_record,
    delete_record,
    require,
    service,
    update_record,
    write_many_from_source,
)

OFFICE_ONLY = "Chỉ cán bộ Sở Ngoại vụ được thêm, sửa thỏa thuận quốc tế; đơn vị không tạo thỏa thuận."
TITLE_REQUIRED = "Vui lòng nhập tên văn bản thỏa thuận."


def can_create_agreement(user) -> bool:
    return is_office(user)


def can_change_agreement(user, agreement: Agreement) -> bool:
    return office_for(user, agreement.province_id)


def _allowed(user, agreement: Agreement) -> None:
    require(can_change_agreement(user, agreement), OFFICE_ONLY)


def _derive(agreement: Agreement, changed: set[str]) -> set[str]:
    title = " ".join((agreement.title or "").split())
    if title != agreement.title:
        agreement.title = title
        return {"title"}
    return set()


def _validate(agreement: Agreement, changed: set[str]) -> None:
    errors = {}
    if not agreement.title:
        errors["title"] = TITLE_REQUIRED
    province_id = agreement.province_id
    if agreement.owner_id and agreement.owner.province_id != province_id:
        errors["owner"] = "Đơn vị đề xuất phải thuộc tỉnh của thỏa thuận."
    if agreement.partner_id and agreement.partner.province_id != province_id:
        errors["partner"] = "Đối tác phải thuộc tỉnh của thỏa thuận."
    start, end = agreement.period_start, agreement.period_end
    if start and end and end < start:
        errors["period_end"] = "Thời gian kết thúc không được trước thời gian bắt đầu."
    if agreement.status not in Agreement.Status.values:
        errors["status"] = "Trạng thái không hợp lệ."
    if errors:
        raise InvalidInput(errors)


def _officer_edit(agreement: Agreement, changed: set[str]) -> set[str]:
    return _derive(agreement, changed) | mark_edited(agreement, changed)


@service
def agreement_create(*, user, values: dict, reason: str = "") -> Agreement:
    values = {**values, "province": values.get("province") or default_province(user)}
    return create_record(
        Agreement,
        user=user,
        values=values,
        reason=reason or "Thêm thỏa thuận",
        allowed=_allowed,
        validate=_validate,
        derive=_derive,
    )


@service
def agreement_update(
    agreement: Agreement, *, user, values: dict, version: int | None = None, reason: str = ""
) -> Agreement:
    agreement, _ = update_record(
        agreement,
        user=user,
        values=values,
        version=version,
        reason=reason or "Sửa thỏa thuận",
        allowed=_allowed,
        validate=_validate,
        derive=_officer_edit,
    )
    return agreement


@service
def agreement_delete(
    agreement: Agreement, *, user, version: int | None = None, reason: str = ""
) -> Agreement:
    return delete_record(
        agreement, user=user, version=version, reason=reason or "Xóa thỏa thuận", allowed=_allowed
    )


@service
def agreement_save_from_document(
    agreement: Agreement | None, *, user, values: dict, reason: str
) -> tuple[Agreement, bool]:
    """One agreement through ``agreements_save_from_document``; returns the row and whether it was saved."""
    return agreements_save_from_document([(agreement, values)], user=user, reason=reason)[0]


@service
def agreements_save_from_document(
    items: list[tuple[Agreement | None, dict]], *, user, reason: str
) -> list[tuple[Agreement, bool]]:
    """Create or update agreements with what their document says (the importer's door).

    ``items`` are (the stored agreement or None, its values); the values
    carry the provenance too (``plan_document``, ``source*``, ``review``,
    ``edited_fields`` as the importer settled them). Nothing is marked as
    edited by hand. A document's agreements are written in a fixed number of
    queries. Returns, in order, each row and whether anything was saved.
    """
    return write_many_from_source(Agreement, items, user=user, reason=reason, allowed=_allowed)


AGREEMENTS = Operations(
    can_create=can_create_agreement,
    can_change=can_change_agreement,
    create=agreement_create,
    update=agreement_update,
    delete=agreement_delete,
    denied=OFFICE_ONLY,
)
