"""Every change to an international agreement goes through these functions.

Agreements are signed in the province's name: only the foreign-affairs office
(and administrators) create and change them; a unit never does, not even
through an import. An officer's change to a field read from a document is
remembered (``core.provenance.mark_edited``), so importing the document again
never reverts it silently. ``agreement_save_from_document`` is the importer's
door: the values are what the document says, not an officer's edit.

After the plan the office follows the agreement: the day signed (which makes
a planned one "signed"), in force, the term and the day it expires (counted
from the term when not given), the delegation that signed it, the signed
file (``agreement_attach``), the renewal (``agreement_renew``), and the
report after signing that a department owes within 15 days
(``signing_report_required``; its due day is derived on every save).
"""

from __future__ import annotations

import datetime
import json
import re
from functools import lru_cache
from pathlib import Path

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from doingoai.accounts.scoping import default_province, is_office, office_for
from doingoai.agreements.models import Agreement
from doingoai.core import attachments
from doingoai.core.errors import InvalidInput
from doingoai.core.provenance import mark_edited
from doingoai.core.services import (
    Operations,
    create_record,
    delete_record,
    lock,
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


SIGNING = Path(__file__).resolve().parent / "data" / "signing.json"


@lru_cache(maxsize=1)
def _signing_rules() -> dict:
    return json.loads(SIGNING.read_text(encoding="utf-8"))


def signed_in_province_name(capacity: str, province_name: str) -> bool | None:
    """Whether ``capacity`` (danh nghĩa ký) is the province's own People's Committee or Council.

    "UBND tỉnh", "UBND tỉnh Thái Nguyên", "Tỉnh Thái Nguyên" are; "Sở Y tế",
    "UBND huyện Đại Từ", "UBND thành phố Thái Nguyên" (a city of the
    province) and another province's committee are not. None when no
    capacity is written: whether a report is owed cannot be told.
    """
    from doingoai.extraction.normalize.text import fold

    capacity = " ".join(re.sub(r"[^\w]+", " ", fold(capacity or "")).split())
    if not capacity:
        return None
    rules = _signing_rules()
    province = " ".join(fold(province_name).split())
    for prefix in ("tinh ", "thanh pho ", "tp "):
        province = province.removeprefix(prefix)
    kind = "thanh pho" if province in rules["centrally_run_cities"] else "tinh"
    for pattern in rules["province_capacities"]:
        pattern = pattern.format(kind=kind)
        if capacity == pattern:
            return True
        if capacity.startswith(pattern + " "):
            rest = capacity[len(pattern) :].strip()
            if rest == province or rest.startswith(province + " "):
                return True
    return False


def signing_report_required(agreement: Agreement) -> bool:
    """A signed agreement not in the province's own name is reported within 15 days of signing."""
    if agreement.signed_on is None:
        return False
    return signed_in_province_name(agreement.signing_capacity, agreement.province.name) is False


def _derive(agreement: Agreement, changed: set[str]) -> set[str]:
    """The title's spaces; a signed day makes a planned agreement signed; the expiry and report days."""
    derived = set()
    title = " ".join((agreement.title or "").split())
    if title != agreement.title:
        agreement.title, derived = title, {"title"}
    if agreement.signed_on and agreement.status in ("planned", "postponed") and "status" not in changed:
        agreement.status = Agreement.Status.SIGNED
        derived.add("status")
    start = agreement.effective_on or agreement.signed_on
    if (
        start
        and agreement.term_months
        and "expires_on" not in changed
        and (agreement.expires_on is None or changed & {"term_months", "effective_on", "signed_on"})
    ):
        expires_on = start + relativedelta(months=agreement.term_months) - datetime.timedelta(days=1)
        if expires_on != agreement.expires_on:
            agreement.expires_on = expires_on
            derived.add("expires_on")
    due = (
        agreement.signed_on + datetime.timedelta(days=Agreement.SIGNING_REPORT_DAYS)
        if signing_report_required(agreement)
        else None
    )
    if due != agreement.signing_report_due_on:
        agreement.signing_report_due_on = due
        derived.add("signing_report_due_on")
    return derived


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
    if agreement.signed_on and agreement.signed_on > timezone.localdate():
        errors["signed_on"] = "Ngày ký không được sau hôm nay."
    if agreement.signed_on and agreement.status in ("planned", "postponed", "cancelled"):
        errors["status"] = "Thỏa thuận đã có ngày ký không thể ở trạng thái dự kiến, hoãn hay hủy."
    if agreement.expires_on and agreement.expires_on < (
        agreement.effective_on or agreement.signed_on or agreement.expires_on
    ):
        errors["expires_on"] = "Ngày hết hiệu lực không được trước ngày ký, ngày có hiệu lực."
    if agreement.effective_on and agreement.signed_on and agreement.effective_on < agreement.signed_on:
        errors["effective_on"] = "Ngày có hiệu lực không được trước ngày ký."
    if (
        agreement.signing_reported_on
        and agreement.signed_on
        and agreement.signing_reported_on < agreement.signed_on
    ):
        errors["signing_reported_on"] = "Ngày gửi báo cáo không được trước ngày ký."
    if agreement.renews_id and (
        agreement.renews_id == agreement.pk or agreement.renews.province_id != province_id
    ):
        errors["renews"] = "Thỏa thuận được gia hạn phải là một thỏa thuận khác của cùng tỉnh."
    if agreement.delegation_id and agreement.delegation.province_id != province_id:
        errors["delegation"] = "Đoàn ký kết phải thuộc tỉnh của thỏa thuận."
    if errors:
        raise InvalidInput(errors)


def _officer_edit(agreement: Agreement, changed: set[str]) -> set[str]:
    return _derive(agreement, changed) | mark_edited(agreement, changed)


@service
def agreement_create(*, user, values: dict, reason: str = "") -> Agreement:
    values = {**values, "province": values.get("province") or default_province(user)}
    agreement = create_record(
        Agreement,
        user=user,
        values=values,
        reason=reason or "Thêm thỏa thuận",
        allowed=_allowed,
        validate=_validate,
        derive=_derive,
    )
    _mark_renewed(agreement, user)
    return agreement


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
    _mark_renewed(agreement, user)
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


@service
def agreement_renew(agreement: Agreement, *, user, values: dict | None = None) -> Agreement:
    """A new agreement renewing ``agreement`` (same parties and title unless ``values`` say otherwise).

    The renewed one becomes "renewed" once the new one is signed; until then it stands as it was.
    """
    agreement = lock(agreement)
    _allowed(user, agreement)
    require(agreement.status in Agreement.SIGNED_STATES, "Chỉ gia hạn được thỏa thuận đã ký.")
    copied = (
        "province",
        "owner",
        "partner",
        "proposer",
        "signing_capacity",
        "kind",
        "countries",
        "title",
        "partner_name",
    )
    new_values = {name: getattr(agreement, name) for name in copied}
    new_values.update(term_months=agreement.term_months, renews=agreement, status=Agreement.Status.PLANNED)
    new_values.update(values or {})
    return agreement_create(user=user, values=new_values, reason="Gia hạn thỏa thuận")


def _mark_renewed(agreement: Agreement, user) -> None:
    """Once a renewal is signed, the agreement it renews is "renewed"."""
    old = agreement.renews
    if old is not None and agreement.signed_on and old.status in Agreement.BINDING_STATES + ("expired",):
        agreement_update(old, user=user, values={"status": Agreement.Status.RENEWED}, reason="Đã ký gia hạn")


@service
def agreement_attach(agreement: Agreement, *, user, name: str, data: bytes, description: str = ""):
    """Keep the signed text (or another file) of the agreement."""
    agreement = lock(agreement)
    _allowed(user, agreement)
    return attachments.store(
        agreement, user=user, kind="agreement", name=name, data=data, description=description
    )


@service
def agreement_detach(attachment, *, user):
    attachment = lock(attachment)
    _allowed(user, lock(Agreement(pk=attachment.object_id)))
    attachments.hide(attachment, user=user)
    return attachment


AGREEMENTS = Operations(
    can_create=can_create_agreement,
    can_change=can_change_agreement,
    create=agreement_create,
    update=agreement_update,
    delete=agreement_delete,
    denied=OFFICE_ONLY,
)
