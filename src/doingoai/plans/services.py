"""Every change to a plan document goes through these functions.

A document comes in through the import (``plan_document_save_from_import``):
the office brings in any document of its provinces, a unit's officer only
their own unit's proposal, and a document the office (or another unit)
imported is never replaced by their file. Afterwards the office corrects a
document's metadata (number, date, issuer…) or hides it; a unit's officers
may do so for their own unit's documents.
"""

from __future__ import annotations

from django.core.files.base import ContentFile

from doingoai.accounts.scoping import office_for, staff_of, user_unit
from doingoai.core.errors import InvalidInput
from doingoai.core.services import (
    Operations,
    create_record,
    delete_record,
    forget_on_failure,
    lock,
    require,
    save_record,
    service,
    set_fields,
    update_record,
)
from doingoai.plans.models import PlanDocument

NOT_YOURS = "Văn bản này do Sở Ngoại vụ (hoặc đơn vị khác) nhập: bạn không thay đổi được."
EDITABLE = ("kind", "number", "issued_on", "issuer", "year", "title")


def can_create_document(user) -> bool:
    """Documents come in through the import only."""
    return False


def can_change_document(user, document: PlanDocument) -> bool:
    if office_for(user, document.province_id):
        return True
    return document.owner_id is not None and staff_of(user, document.owner_id)


def _allowed(user, document: PlanDocument) -> None:
    require(can_change_document(user, document), NOT_YOURS)


def _validate(document: PlanDocument, changed: set[str]) -> None:
    if document.year is not None and not 2000 <= document.year <= 2100:
        raise InvalidInput({"year": "Năm kế hoạch phải từ 2000 đến 2100."})


@service
def plan_document_update(
    document: PlanDocument, *, user, values: dict, version: int | None = None, reason: str = ""
) -> PlanDocument:
    """Correct what was read of a document (its number, date, issuer…); never its file."""
    values = {name: value for name, value in values.items() if name in EDITABLE}
    document, _ = update_record(
        document,
        user=user,
        values=values,
        version=version,
        reason=reason or "Sửa thông tin văn bản",
        allowed=_allowed,
        validate=_validate,
    )
    return document


@service
def plan_document_delete(
    document: PlanDocument, *, user, version: int | None = None, reason: str = ""
) -> PlanDocument:
    return delete_record(
        document, user=user, version=version, reason=reason or "Xóa văn bản", allowed=_allowed
    )


def _import_allowed(user, document: PlanDocument) -> None:
    """The office imports any document of its provinces; a unit only its own unit's."""
    if office_for(user, document.province_id):
        return
    unit = user_unit(user)
    require(
        unit is not None and document.owner_id == unit.pk,
        "Đơn vị chỉ nhập được văn bản đề xuất của chính đơn vị mình; văn bản của tỉnh hoặc đã được "
        "Sở Ngoại vụ nhập thì không thay thế được.",
    )


@service
def plan_document_save_from_import(
    document: PlanDocument | None,
    *,
    user,
    values: dict,
    file_name: str,
    data: bytes,
    sha256: str,
    reason: str,
) -> tuple[PlanDocument, bool]:
    """Create or update a document with what was read of it, its file stored when new or changed.

    Returns the document and whether anything was saved.
    """
    if document is None:
        document = PlanDocument()
        set_fields(document, values)
        _import_allowed(user, document)
        _store_file(document, file_name, data, sha256)
        stored = {"file": document.file.name, "file_name": document.file_name, "file_sha256": sha256}
        return create_record(
            PlanDocument, user=user, values={**values, **stored}, reason=reason, allowed=_import_allowed
        ), True
    document = lock(document)
    _import_allowed(user, document)
    changed = set_fields(document, {name: value for name, value in values.items() if name != "owner"})
    if document.file_sha256 != sha256:
        _store_file(document, file_name, data, sha256)
        changed |= {"file", "file_name", "file_sha256"}
    if changed:
        save_record(document, changed, user=user, reason=reason)
    return document, bool(changed)


def _store_file(document: PlanDocument, file_name: str, data: bytes, sha256: str) -> None:
    document.file_name = file_name[:255]
    document.file_sha256 = sha256
    document.file.save(file_name, ContentFile(data), save=False)
    forget_on_failure(document.file.name)


DOCUMENTS = Operations(
    can_create=can_create_document,
    can_change=can_change_document,
    update=plan_document_update,
    delete=plan_document_delete,
    denied=NOT_YOURS,
)
