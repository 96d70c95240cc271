"""Every change to a delegation, its life, its members, passports, report and files goes through here.

Who may do what:

- the foreign-affairs office (and administrators) of the province: everything;
- a unit's officers: create their unit's delegations, change and delete them
  while they are drafts (once sent, the proposal is the office's to consider:
  they withdraw it to change it), take the steps the workflow gives the
  owning unit, keep its members, passports, files and report;
- leaders: approve (``delegations.workflow``), nothing else.

The state (``status``) changes only through ``delegation_transition``: each
step checked against the table of ``data/transitions.json``, recorded as a
``Transition`` (who, when, from, to, why, on what document) and in the
history. Editing the record never changes it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.utils import timezone

from doingoai.accounts.scoping import default_province, is_office, office_for, staff_of, user_unit
from doingoai.core import attachments
from doingoai.core.bulk import insert_selected
from doingoai.core.errors import InvalidInput, NotAllowed, ServiceError, StateConflict
from doingoai.core.models import Attachment
from doingoai.core.provenance import mark_edited
from doingoai.core.services import (
    Operations,
    check_version,
    clean_text,
    clean_values,
    create_record,
    delete_record,
    lock,
    require,
    save_record,
    service,
    set_fields,
    set_many,
    update_record,
    write_many_from_source,
)
from doingoai.delegations import workflow
from doingoai.delegations.models import (
    Delegation,
    DelegationMember,
    DelegationReport,
    PassportMovement,
    Transition,
)
from doingoai.delegations.rules import MSG_STATUS, rule_errors
from doingoai.extraction.normalize.funding import classify_funding

Status = Delegation.Status

NOT_YOURS = "Bạn chỉ thêm, sửa được đoàn của đơn vị mình."
SENT = (
    "Đoàn đã gửi Sở Ngoại vụ: đơn vị không sửa được nữa. Hãy «Rút lại để sửa» (khi Sở chưa xử lý) "
    "hoặc đề nghị Sở Ngoại vụ trả lại."
)
CLOSED = "Đoàn đã hủy hoặc không được đưa vào kế hoạch: không thay đổi thành viên, tệp được nữa."
#: states in which nothing more happens to a delegation
FINAL = (Status.CANCELLED, Status.REJECTED)
#: states in which a kept passport may be handed out for the trip
PASSPORT_OUT_STATES = (Status.IN_PLAN, Status.APPROVED, Status.UNDER_WAY)


# --------------------------------------------------------------------------- who may


def can_create_delegation(user) -> bool:
    return is_office(user) or user_unit(user) is not None


def can_change_delegation(user, delegation: Delegation) -> bool:
    """The office always; the owning unit's officers while it is their draft."""
    if office_for(user, delegation.province_id):
        return True
    return staff_of(user, delegation.owner_id) and delegation.status == Status.DRAFT


def can_keep_trip(user, delegation: Delegation) -> bool:
    """Members, passports, files: the office and the owning unit, until the delegation is closed."""
    return (
        office_for(user, delegation.province_id) or staff_of(user, delegation.owner_id)
    ) and delegation.status not in FINAL


def can_see_passports(user, delegation: Delegation) -> bool:
    """Passport numbers are personal data: the office and the owning unit only."""
    return office_for(user, delegation.province_id) or staff_of(user, delegation.owner_id)


def _allowed(user, delegation: Delegation) -> None:
    if delegation.pk is None:
        if office_for(user, delegation.province_id):
            return
        unit = user_unit(user)
        require(unit is not None and delegation.owner_id == unit.pk, NOT_YOURS)
        return
    if office_for(user, delegation.province_id):
        return
    require(staff_of(user, delegation.owner_id), NOT_YOURS)
    require(delegation.status == Status.DRAFT, SENT)


# --------------------------------------------------------------------------- create, update, delete


def _prepare(user, values: dict) -> dict:
    """The values as a delegation takes them: a unit's officer's are their unit's, in its province."""
    if "status" in values:
        raise InvalidInput({"status": MSG_STATUS})
    values = clean_values(values)
    unit = user_unit(user)
    if unit is not None and not is_office(user):
        values.pop("owner", None)
    return values


def _derive(delegation: Delegation, changed: set[str]) -> set[str]:
    """Values computed from others: the end month, the funding's categories, the owner's province."""
    touched = set()
    if delegation.period_start and not delegation.period_end:
        delegation.period_end = delegation.period_start
        touched.add("period_end")
    if "funding" in changed or delegation.pk is None:
        categories = list(classify_funding(delegation.funding or "").categories)
        if categories != list(delegation.funding_categories or []):
            delegation.funding_categories = categories
            touched.add("funding_categories")
    if "owner" in changed and delegation.owner_id and delegation.owner.province_id != delegation.province_id:
        delegation.province_id = delegation.owner.province_id  # a delegation belongs to its owner's province
        touched.add("province")
    return touched


def _validator(given: set[str] | None):
    def validate(delegation: Delegation, changed: set[str]) -> None:
        errors = rule_errors(delegation, given)
        if delegation.owner_id and delegation.owner.province_id != delegation.province_id:
            errors["owner"] = "Đơn vị đề xuất phải thuộc tỉnh của đoàn."
        if errors:
            raise InvalidInput(errors)

    return validate


def _recheck(delegation: Delegation, *years: int) -> None:
    """Have the plan year's warnings brought up to date before the service's transaction ends."""
    from doingoai.rules.services import refresh_soon

    for year in {delegation.year, *years}:
        if year:
            refresh_soon(delegation.province_id, year)


#: the fields that say which foreign partners a delegation names
PARTNER_FIELDS = {"localities", "countries", "partners"}


def _link_partners(delegation: Delegation, *, user, reason: str) -> None:
    """The partners it names, made and linked (``partners.services.partners_link``)."""
    from doingoai.partners.services import partners_link

    partners_link([delegation], [], user=user, reason=reason)


def _record(
    delegation: Delegation,
    *,
    user,
    action: str,
    from_status: str,
    reason: str = "",
    changes: dict | None = None,
    **details,
) -> Transition:
    moved = (changes or {}).get("year")
    _recheck(delegation, *(year for year in moved or () if isinstance(year, int)))
    return Transition.objects.create(
        delegation=delegation,
        action=action,
        from_status=from_status,
        to_status=delegation.status,
        user=user,
        reason=reason,
        changes=changes or {},
        **details,
    )


@service
def delegation_create(*, user, values: dict, reason: str = "", partial: bool = False) -> Delegation:
    """A new delegation, a draft of its owning unit (a unit's officer: their own unit).

    ``partial``: check only the rules the given values take part in (the API's
    way); otherwise every rule of the form.
    """
    values = _prepare(user, values)
    unit = user_unit(user)
    if unit is not None and not is_office(user):
        values["owner"] = unit
    owner = values.get("owner")
    values["province"] = (
        owner.province
        if owner is not None and hasattr(owner, "province")
        else values.get("province") or default_province(user)
    )
    if values["province"] is None:
        raise NotAllowed("Tài khoản của bạn chưa được gán tỉnh nào.")
    delegation = create_record(
        Delegation,
        user=user,
        values=values,
        reason=reason or "Thêm đoàn",
        allowed=_allowed,
        validate=_validator(set(values) if partial else None),
        derive=_derive,
    )
    _record(delegation, user=user, action="create", from_status="", reason=reason or "Thêm đoàn")
    _link_partners(delegation, user=user, reason=reason or "Thêm đoàn")
    return delegation


@service
def delegation_update(
    delegation: Delegation,
    *,
    user,
    values: dict,
    version: int | None = None,
    reason: str = "",
    partial: bool = True,
) -> Delegation:
    """Change the fields given (only those whose value differs are written).

    An officer's change to a field read from a document is remembered, and the
    review reasons it answers are dropped (``core.provenance``). ``status``
    is refused: the state changes through ``delegation_transition``.
    """
    values = _prepare(user, values)

    def derive(row: Delegation, changed: set[str]) -> set[str]:
        return _derive(row, changed) | mark_edited(row, changed)

    delegation, changed = update_record(
        delegation,
        user=user,
        values=values,
        version=version,
        reason=reason or "Sửa đoàn",
        allowed=_allowed,
        validate=_validator(set(values) if partial else None),
        derive=derive,
    )
    _recheck(delegation)
    if changed & PARTNER_FIELDS:
        _link_partners(delegation, user=user, reason=reason or "Sửa đoàn")
    return delegation


@service
def delegation_delete(
    delegation: Delegation, *, user, version: int | None = None, reason: str = ""
) -> Delegation:
    deleted = delete_record(
        delegation, user=user, version=version, reason=reason or "Xóa đoàn", allowed=_allowed
    )
    _recheck(deleted)
    return deleted


@service
def delegation_save_from_document(
    delegation: Delegation | None,
    *,
    user,
    values: dict,
    reason: str,
    initial_status: str = Status.SUBMITTED,
    document=None,
) -> tuple[Delegation, bool]:
    """One delegation through ``delegations_save_from_document``; returns the row and whether it was saved."""
    return delegations_save_from_document(
        [(delegation, values)], user=user, reason=reason, initial_status=initial_status, document=document
    )[0]


@service
def delegations_save_from_document(
    items: list[tuple[Delegation | None, dict]],
    *,
    user,
    reason: str,
    initial_status: str = Status.SUBMITTED,
    document=None,
) -> list[tuple[Delegation, bool]]:
    """Create or update delegations with what their document says (the importer's door).

    ``items`` are (the stored delegation or None, its values); the values
    carry the provenance (``plan_document``, ``source*``, ``review``,
    ``edited_fields`` as the importer settled them); nothing is marked as
    edited by hand and the state of a stored delegation is never changed. A
    new one starts in ``initial_status`` (approved when read from an issued
    plan, whose number and date are then its approving document), with its
    "created" step in its life. A whole document is written in a fixed
    number of queries (``write_many_from_source``). Returns, in order, each
    row and whether anything was saved.
    """
    if any("status" in values for _, values in items):
        raise InvalidInput({"status": MSG_STATUS})
    if initial_status not in (Status.DRAFT, Status.SUBMITTED, Status.IN_PLAN, Status.APPROVED):
        raise InvalidInput({"status": "Trạng thái ban đầu không hợp lệ."})
    start = {"status": initial_status}
    if initial_status == Status.APPROVED and document is not None:
        start.update(decision_number=document.number or "", decision_date=document.issued_on)
    items = [(obj, values if obj is not None else {**values, **start}) for obj, values in items]
    saved = write_many_from_source(
        Delegation, items, user=user, reason=reason, allowed=_import_allowed, derive=_derive
    )
    insert_selected(  # the "created" step of each new one, made from its stored row
        Transition,
        Delegation,
        [row.pk for (obj, _), (row, _) in zip(items, saved, strict=True) if obj is None],
        taken={"delegation": "id", "to_status": "status"},
        given={
            "action": "create",
            "from_status": "",
            "user": user.pk,
            "reason": reason,
            "document_number": start.get("decision_number", ""),
            "document_date": start.get("decision_date"),
        },
    )
    for row, written in saved:
        if written:
            _recheck(row)  # once per plan year: ``before_leaving`` keeps one request per key
    return saved


def _import_allowed(user, delegation: Delegation) -> None:
    """An import writes the office's delegations of its provinces, or a unit's own ones."""
    if office_for(user, delegation.province_id):
        return
    unit = user_unit(user)
    require(unit is not None and delegation.owner_id == unit.pk, "Đơn vị chỉ nhập được đoàn của đơn vị mình.")


DELEGATIONS = Operations(
    can_create=can_create_delegation,
    can_change=can_change_delegation,
    create=delegation_create,
    update=delegation_update,
    delete=delegation_delete,
    denied=NOT_YOURS,
)


# --------------------------------------------------------------------------- the life of a delegation


def _check_values(spec: workflow.Action, roles: set[str], delegation: Delegation, values: dict) -> None:
    """400 with the first missing or wrong value, in Vietnamese."""
    errors: dict[str, str] = {}
    for name in spec.required_values(roles):
        if name == "report":
            if not values.get("report"):
                errors["report"] = (
                    "Phải nộp báo cáo sau chuyến đi (trang «Nộp báo cáo» của đoàn, "
                    "hoặc POST /api/delegations/{id}/report/)."
                )
        elif values.get(name) in (None, ""):
            errors[name] = f"Phải ghi {workflow.VALUE_LABELS[name]}."
    today = timezone.localdate()
    date = values.get("date")
    if date is not None and date > today:
        errors["date"] = "Ngày không được sau hôm nay."
    if (
        spec.name == "return"
        and date is not None
        and delegation.departed_on
        and date < delegation.departed_on
    ):
        errors["date"] = f"Ngày về không được trước ngày đi ({delegation.departed_on:%d/%m/%Y})."
    start, end = values.get("period_start"), values.get("period_end")
    if start and end and end < start:
        errors["period_end"] = "Tháng kết thúc không được trước tháng bắt đầu."
    if values.get("document_date") and values["document_date"] > today:
        errors["document_date"] = "Ngày văn bản không được sau hôm nay."
    merged = values.get("merged_into")
    if merged is not None and (
        merged.pk == delegation.pk
        or merged.province_id != delegation.province_id
        or merged.deleted_at is not None
    ):
        errors["merged_into"] = "Đoàn được nhập vào phải là một đoàn khác của cùng tỉnh."
    if errors:
        raise InvalidInput(errors)


def _apply(spec: workflow.Action, delegation: Delegation, values: dict, role: str, user) -> dict:
    """Set what the action changes besides the state; returns field → [before, after] for undo."""
    updates: dict = {}
    reason = values.get("reason") or ""
    if spec.name == "approve":
        if role == "leader":
            updates.update(
                decision_number=values.get("document_number") or "",
                decision_date=values.get("document_date") or timezone.localdate(),
            )
        else:
            updates.update(decision_number=values["document_number"], decision_date=values["document_date"])
    elif spec.name == "depart":
        updates["departed_on"] = values["date"]
    elif spec.name == "return":
        updates["returned_on"] = values["date"]
    elif spec.name in ("revise", "reject", "cancel", "postpone"):
        updates["status_reason"] = reason
        if spec.name == "reject" and values.get("merged_into") is not None:
            updates["merged_into"] = values["merged_into"]
    if spec.name in ("postpone", "resume"):
        start = values.get("period_start")
        if start:
            end = values.get("period_end") or start
            updates.update(period_start=start, period_end=end, period_tentative=False)
            if start.year != delegation.year:
                updates["year"] = start.year  # a period in another year moves it to that year's plan
        if spec.name == "resume":
            updates["status_reason"] = ""
    changes: dict = {}
    for name, value in updates.items():
        before = getattr(delegation, name)
        if before != value:
            field = delegation._meta.get_field(name)
            changes[name] = [_json(before), _json(value)]
            if field.is_relation:
                setattr(delegation, field.attname, value.pk if value is not None else None)
            else:
                setattr(delegation, name, value)
    return changes


def _json(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "pk"):
        return value.pk
    return value


def _unjson(delegation: Delegation, name: str, value):
    field = delegation._meta.get_field(name)
    if value is not None and field.get_internal_type() == "DateField":
        return datetime.date.fromisoformat(value)
    return value


@service
def delegation_transition(
    delegation: Delegation,
    *,
    user,
    action: str,
    reason: str = "",
    date: datetime.date | None = None,
    period_start: datetime.date | None = None,
    period_end: datetime.date | None = None,
    document_number: str = "",
    document_date: datetime.date | None = None,
    merged_into: Delegation | None = None,
    version: int | None = None,
    report: DelegationReport | None = None,
) -> Delegation:
    """Take one step of the delegation's life (``data/transitions.json``).

    Refuses with ``NotAllowed`` (403) when the user's role may not take the
    action, ``StateConflict`` (409) when the state does not allow it, and
    ``InvalidInput`` (400) when a required value (reason, date, approving
    document, new period) is missing or wrong. ``date`` defaults to today for
    the actions that need one. Leaves a ``Transition`` entry and a history
    record with the user and the reason.
    """
    delegation = lock(delegation)
    spec = workflow.action(action)
    if spec is None:
        raise InvalidInput({"action": f"Không có thao tác «{action}»."})
    roles = workflow.roles_for(user, delegation)
    refused = workflow.refusal(delegation, user, action, roles=roles)
    if refused is not None:
        raise refused
    check_version(delegation, version)
    role = spec.acting_role(roles)
    reason = clean_text(reason or "")
    document_number = clean_text(document_number or "")
    if date is None and "date" in spec.required_values(roles):
        date = timezone.localdate()
    values = {
        "reason": reason,
        "date": date,
        "period_start": period_start,
        "period_end": period_end,
        "document_number": document_number,
        "document_date": document_date,
        "merged_into": merged_into,
        "report": report,
    }
    _check_values(spec, roles, delegation, values)

    from_status = delegation.status
    if action == "undo":
        return _undo(delegation, user=user, reason=reason)
    changes = _apply(spec, delegation, values, role, user)
    delegation.status = spec.target
    changes["status"] = [from_status, delegation.status]
    label = spec.label(delegation, role)
    save_record(delegation, set(changes), user=user, reason=f"{label}: {reason}" if reason else label)
    _record(
        delegation,
        user=user,
        action=action,
        from_status=from_status,
        reason=reason,
        changes=changes,
        date=date,
        period_start=period_start,
        period_end=period_end or period_start,
        document_number=document_number,
        document_date=document_date,
    )
    return delegation


def _undo(delegation: Delegation, *, user, reason: str) -> Delegation:
    """Put back the state and the values the last step changed; the step is marked undone."""
    last = workflow.last_undoable(delegation)
    from_status = delegation.status
    restored = {}
    for name, (before, _after) in (last.changes or {}).items():
        if name == "status":
            continue
        field = delegation._meta.get_field(name)
        value = _unjson(delegation, name, before)
        if field.is_relation:
            setattr(delegation, field.attname, value)
        else:
            setattr(delegation, name, value)
        restored[name] = [_after, before]
    delegation.status = last.from_status
    restored["status"] = [from_status, delegation.status]
    spec = workflow.action(last.action)
    save_record(delegation, set(restored), user=user, reason=f"Hoàn tác «{spec.label(delegation)}»: {reason}")
    if last.action == "report":
        report = DelegationReport.objects.filter(delegation=delegation).first()
        if report is not None:
            report.filed_at = None
            save_record(report, {"filed_at"}, user=user, reason=f"Hoàn tác nộp báo cáo: {reason}")
    entry = _record(
        delegation, user=user, action="undo", from_status=from_status, reason=reason, changes=restored
    )
    last.undone_by = entry
    last.save(update_fields=["undone_by"])
    return delegation


def bulk_transition(delegations: Iterable[Delegation], *, user, action: str, **values) -> list[dict]:
    """The same action on several delegations, each checked and saved on its own.

    Returns one ``{"delegation", "ok", "message"}`` per delegation: one refusal
    does not stop the others, and never leaves a row half-changed.
    """
    outcomes = []
    for delegation in delegations:
        try:
            done = delegation_transition(delegation, user=user, action=action, **values)
        except ServiceError as error:
            outcomes.append(
                {"delegation": delegation, "ok": False, "message": error.message, "status": error.status}
            )
        else:
            spec = workflow.action(action)
            outcomes.append({"delegation": done, "ok": True, "message": spec.done(done), "status": 200})
    return outcomes


# --------------------------------------------------------------------------- the report after the trip


REPORT_FIELDS = ("activities", "participants", "days_actual", "results", "proposals", "cost", "cost_notes")


@service
def report_file(
    delegation: Delegation,
    *,
    user,
    values: dict,
    members_went: Iterable | None = None,
    agreements: Iterable | None = None,
    tasks: Iterable[dict] = (),
    file: tuple[str, bytes] | None = None,
) -> DelegationReport:
    """File the report after the trip, create its follow-up tasks, and take the ``report`` step.

    ``values``: ``activities`` (required), ``participants``, ``days_actual``,
    ``results``, ``proposals``, ``cost``, ``cost_notes``. ``tasks``: dicts of
    ``title``, ``lead_unit``, ``coordinating_units``, ``deadline``, created
    as tasks linked to the report. ``file``: (name, bytes) of the signed
    report, kept as an attachment.
    """
    from doingoai.tasks.services import task_create

    delegation = lock(delegation)
    refused = workflow.refusal(delegation, user, "report")
    if refused is not None:
        raise refused
    values = clean_values({name: value for name, value in values.items() if name in REPORT_FIELDS})
    errors = {}
    if not values.get("activities"):
        errors["activities"] = "Phải ghi các hoạt động đã thực hiện."
    for name in ("days_actual", "cost"):
        if values.get(name) is not None and values[name] < 0:
            errors[name] = "Không được là số âm."
    members = list(members_went or [])
    if any(member.delegation_id != delegation.pk for member in members):
        errors["members_went"] = "Chỉ chọn thành viên của đoàn này."
    signed = list(agreements or [])
    if any(agreement.province_id != delegation.province_id for agreement in signed):
        errors["agreements"] = "Chỉ chọn thỏa thuận của tỉnh."
    if errors:
        raise InvalidInput(errors)
    report = DelegationReport.objects.filter(delegation=delegation).first() or DelegationReport(
        delegation=delegation
    )
    set_fields(report, {**values, "filed_by": user, "filed_at": timezone.now()})
    save_record(
        report,
        None if report.pk is None else set(REPORT_FIELDS) | {"filed_by", "filed_at"},
        user=user,
        reason="Nộp báo cáo sau chuyến đi",
    )
    set_many(report, {"members_went": members, "agreements": signed})
    for task in tasks:
        if (task.get("title") or "").strip():
            task_create(
                user=user,
                values={**task, "province": delegation.province},
                report=report,
                reason=f"Nhiệm vụ từ báo cáo sau chuyến đi: {delegation}",
            )
    if file is not None:
        attachments.store(delegation, user=user, kind=Attachment.Kind.REPORT, name=file[0], data=file[1])
    delegation_transition(delegation, user=user, action="report", report=report)
    return report


# --------------------------------------------------------------------------- members and passports


def _member_values(values: dict) -> dict:
    values = clean_values(values)
    if "passport_number" in values:
        values["passport_number"] = "".join((values["passport_number"] or "").split()).upper()
    return values


def _check_member(member: DelegationMember) -> None:
    errors = {}
    if member.person_id is None:
        errors["person"] = "Phải chọn người trong danh sách hoặc nhập họ tên người mới."
    elif member.person.province_id != member.delegation.province_id:
        errors["person"] = "Người này thuộc tỉnh khác."
    elif (
        DelegationMember.objects.filter(delegation_id=member.delegation_id, person_id=member.person_id)
        .exclude(pk=member.pk)
        .exists()
    ):
        errors["person"] = "Người này đã có trong đoàn."
    if member.role == DelegationMember.Role.HEAD:
        head = (
            DelegationMember.objects.filter(
                delegation_id=member.delegation_id, role=DelegationMember.Role.HEAD
            )
            .exclude(pk=member.pk)
            .first()
        )
        if head is not None:
            errors["role"] = f"Đoàn đã có Trưởng đoàn: {head.person.full_name}."
    if member.role not in DelegationMember.Role.values:
        errors["role"] = "Vai trò không hợp lệ."
    if member.passport_kind not in DelegationMember.PassportKind.values:
        errors["passport_kind"] = "Loại hộ chiếu không hợp lệ."
    number = member.passport_number
    if number and not (6 <= len(number) <= 12 and number.isalnum()):
        errors["passport_number"] = "Số hộ chiếu gồm 6 đến 12 chữ cái hoặc chữ số."
    if errors:
        raise InvalidInput(errors)


@service
def member_add(
    delegation: Delegation, *, user, values: dict, new_person: dict | None = None
) -> DelegationMember:
    """Add a person to the delegation (``values``: ``person``, ``role``, ``passport_kind``…).

    ``new_person`` (``full_name``, ``title``, ``body``, ``key_position``)
    registers someone not yet in the register first.
    """
    from doingoai.people.services import person_create

    delegation = lock(delegation)
    require(can_keep_trip(user, delegation), CLOSED if delegation.status in FINAL else NOT_YOURS)
    values = _member_values(values)
    if values.get("person") is None and new_person and (new_person.get("full_name") or "").strip():
        values["person"] = person_create(
            user=user,
            values={**new_person, "province": delegation.province},
            reason=f"Thêm khi lập danh sách đoàn: {delegation}",
        )
    member = DelegationMember(delegation=delegation)
    set_fields(member, values)
    _check_member(member)
    save_record(member, None, user=user, reason="Thêm thành viên đoàn")
    _recheck(member.delegation)
    return member


@service
def member_update(
    member: DelegationMember, *, user, values: dict, version: int | None = None
) -> DelegationMember:
    member = lock(member)
    lock(member.delegation)
    require(can_keep_trip(user, member.delegation), NOT_YOURS)
    check_version(member, version)
    values = _member_values({name: value for name, value in values.items() if name != "delegation"})
    changed = set_fields(member, values)
    if changed:
        _check_member(member)
        save_record(member, changed, user=user, reason="Sửa thông tin thành viên đoàn")
    _recheck(member.delegation)
    return member


@service
def member_remove(member: DelegationMember, *, user) -> None:
    member = lock(member)
    delegation = lock(member.delegation)
    require(can_keep_trip(user, delegation), NOT_YOURS)
    if member.passport_handed_out_on and not member.passport_returned_on:
        raise StateConflict(
            "Hộ chiếu của người này đã giao mà chưa nộp lại: ghi nhận nộp lại trước khi bỏ khỏi đoàn."
        )
    member._history_user = user
    member._change_reason = f"Bỏ {member.person.full_name} khỏi danh sách đoàn"
    member.delete()
    _recheck(member.delegation)


@service
def passport_hand_out(
    member: DelegationMember, *, user, date: datetime.date | None = None, notes: str = ""
) -> DelegationMember:
    """The managing body hands a kept passport to the member for the trip."""
    return _passport_move(member, user=user, kind=PassportMovement.Kind.OUT, date=date, notes=notes)


@service
def passport_take_back(
    member: DelegationMember, *, user, date: datetime.date | None = None, notes: str = ""
) -> DelegationMember:
    """The member hands the passport back to the managing body."""
    return _passport_move(member, user=user, kind=PassportMovement.Kind.BACK, date=date, notes=notes)


def _passport_move(member: DelegationMember, *, user, kind: str, date, notes: str) -> DelegationMember:
    member = lock(member)
    delegation = member.delegation
    require(office_for(user, delegation.province_id) or staff_of(user, delegation.owner_id), NOT_YOURS)
    if not member.keeps_passport:
        raise StateConflict("Chỉ hộ chiếu ngoại giao, công vụ do cơ quan quản lý giữ mới ghi giao, nhận.")
    date = date or timezone.localdate()
    if date > timezone.localdate():
        raise InvalidInput({"date": "Ngày không được sau hôm nay."})
    if kind == PassportMovement.Kind.OUT:
        if delegation.status not in PASSPORT_OUT_STATES:
            raise StateConflict(
                "Chỉ giao hộ chiếu cho đoàn đã được đưa vào kế hoạch, phê duyệt hoặc đang đi."
            )
        if member.passport_handed_out_on and not member.passport_returned_on:
            raise StateConflict("Hộ chiếu đã được giao và chưa nộp lại.")
        member.passport_handed_out_on, member.passport_returned_on = date, None
        changed = {"passport_handed_out_on", "passport_returned_on"}
        label = "Giao hộ chiếu"
    else:
        if not member.passport_handed_out_on or member.passport_returned_on:
            raise StateConflict("Hộ chiếu chưa được giao nên không nhận lại được.")
        if date < member.passport_handed_out_on:
            raise InvalidInput(
                {
                    "date": "Ngày nộp lại không được trước ngày giao "
                    f"({member.passport_handed_out_on:%d/%m/%Y})."
                }
            )
        member.passport_returned_on = date
        changed = {"passport_returned_on"}
        label = "Nhận lại hộ chiếu"
    save_record(member, changed, user=user, reason=label)
    PassportMovement.objects.create(
        member=member, kind=kind, date=date, recorded_by=user, notes=clean_text(notes)[:255]
    )
    return member


# --------------------------------------------------------------------------- attachments


@service
def delegation_attach(
    delegation: Delegation, *, user, kind: str, name: str, data: bytes, description: str = ""
) -> Attachment:
    """Keep a file of the delegation (invitation, decision to send, report…)."""
    delegation = lock(delegation)
    require(can_keep_trip(user, delegation), CLOSED if delegation.status in FINAL else NOT_YOURS)
    attachment = attachments.store(
        delegation, user=user, kind=kind, name=name, data=data, description=description
    )
    return attachment


@service
def delegation_detach(attachment: Attachment, *, user) -> Attachment:
    attachment = lock(attachment)
    delegation = lock(Delegation(pk=attachment.object_id))
    require(can_keep_trip(user, delegation), NOT_YOURS)
    attachments.hide(attachment, user=user)
    return attachment
