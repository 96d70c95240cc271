"""Every change to a task goes through these functions.

The office creates and changes every task of its provinces; a unit's officers
change the tasks their unit leads, and create tasks only with their unit as
the lead (handing one to another unit would leave it with nobody who may
change it). A follow-up task proposed in the report after a trip is created
with the report (``delegations.services.report_file``), led by whichever unit
the report names: filing the report is the permission.

The journal (``task_note_add``) is written by the office and by every unit
the task names, the coordinating ones included: they report their part. A
note may also set the task's status, which only those who may change the
task do.
"""

from __future__ import annotations

import calendar
import datetime

from django.utils import timezone

from doingoai.accounts.scoping import default_province, is_office, office_for, staff_of, user_unit
from doingoai.core.errors import InvalidInput
from doingoai.core.services import (
    Operations,
    allowed_by,
    clean_text,
    create_record,
    delete_record,
    lock,
    require,
    service,
    update_record,
)
from doingoai.tasks.models import Task, TaskNote

TITLE_REQUIRED = "Vui lòng nhập nội dung nhiệm vụ."
LEAD_OTHER_PROVINCE = "Đơn vị chủ trì phải thuộc tỉnh của nhiệm vụ."
COORDINATING_OTHER_PROVINCE = "Đơn vị phối hợp phải thuộc tỉnh của nhiệm vụ."
COORDINATING_IS_LEAD = "Đơn vị chủ trì không thể đồng thời là đơn vị phối hợp."
LEAD_NOT_OWN = "Cán bộ đơn vị chỉ được giao nhiệm vụ cho chính đơn vị mình chủ trì."
NOT_YOURS = "Bạn chỉ sửa được nhiệm vụ do đơn vị mình chủ trì."
NOT_IN_TASK = "Chỉ Sở Ngoại vụ và các đơn vị chủ trì, phối hợp thực hiện nhiệm vụ được ghi tiến độ."
STATUS_NOT_YOURS = "Chỉ Sở Ngoại vụ và đơn vị chủ trì được đổi trạng thái nhiệm vụ."
NOTE_REQUIRED = "Vui lòng ghi nội dung tiến độ."
NOTE_IN_FUTURE = "Ngày ghi tiến độ không được sau hôm nay."


def can_create_task(user) -> bool:
    return is_office(user) or user_unit(user) is not None


def can_change_task(user, task: Task) -> bool:
    if office_for(user, task.province_id) or staff_of(user, task.lead_unit_id):
        return True
    if task.pk is None:
        return False
    return any(staff_of(user, pk) for pk in task.joint_leads.values_list("pk", flat=True))


def _allowed(user, task: Task) -> None:
    if task.pk is None and not office_for(user, task.province_id):
        unit = user_unit(user)
        require(unit is not None and unit.province_id == task.province_id, NOT_YOURS)
    else:
        require(can_change_task(user, task), NOT_YOURS)


def unit_errors(task: Task, coordinating) -> dict[str, str]:
    """What is wrong with the units of a task, by field."""
    errors: dict[str, str] = {}
    if task.lead_unit_id is not None and task.lead_unit.province_id != task.province_id:
        errors["lead_unit"] = LEAD_OTHER_PROVINCE
    coordinating = list(coordinating or [])
    if any(unit.province_id != task.province_id for unit in coordinating):
        errors["coordinating_units"] = COORDINATING_OTHER_PROVINCE
    elif task.lead_unit_id is not None and any(unit.pk == task.lead_unit_id for unit in coordinating):
        errors["coordinating_units"] = COORDINATING_IS_LEAD
    return errors


def _validator(values: dict, user=None):
    """The task's rules; for a unit's officer (``user``), the lead unit is their own."""

    def validate(task: Task, changed: set[str]) -> None:
        errors = {}
        unit = user_unit(user) if user is not None and not office_for(user, task.province_id) else None
        if unit is not None and task.lead_unit_id != unit.pk:
            errors["lead_unit"] = LEAD_NOT_OWN
        task.title = " ".join((task.title or "").split())
        if not task.title:
            errors["title"] = TITLE_REQUIRED
        if task.status not in Task.Status.values:
            errors["status"] = "Trạng thái không hợp lệ."
        coordinating = values.get("coordinating_units")
        if coordinating is None and task.pk:
            coordinating = list(task.coordinating_units.all())
        errors.update(unit_errors(task, coordinating))
        if any(unit.province_id != task.province_id for unit in values.get("joint_leads") or []):
            errors["joint_leads"] = LEAD_OTHER_PROVINCE
        if errors:
            raise InvalidInput(errors)

    return validate


@service
def task_create(*, user, values: dict, reason: str = "", report=None) -> Task:
    """A new task; with ``report``, a follow-up proposed in that report (the report's filer may create it)."""
    values = {**values, "province": values.get("province") or default_province(user)}
    if report is not None:
        values.update(report=report, province=report.delegation.province)
        allowed = lambda user, task: None  # noqa: E731 - filing the report was the permission
    else:
        allowed = _allowed
    return create_record(
        Task,
        user=user,
        values=values,
        reason=reason or "Thêm nhiệm vụ",
        allowed=allowed,
        validate=_validator(values, None if report else user),
    )


@service
def task_update(task: Task, *, user, values: dict, version: int | None = None, reason: str = "") -> Task:
    task, _ = update_record(
        task,
        user=user,
        values=values,
        version=version,
        reason=reason or "Sửa nhiệm vụ",
        allowed=_allowed,
        validate=_validator(values, user),
    )
    return task


@service
def task_delete(task: Task, *, user, version: int | None = None, reason: str = "") -> Task:
    return delete_record(
        task,
        user=user,
        version=version,
        reason=reason or "Xóa nhiệm vụ",
        allowed=allowed_by(can_change_task, NOT_YOURS),
    )


# --------------------------------------------------------------------------- the journal


def can_write_note(user, task: Task) -> bool:
    """The office, and the officers of a unit the task names (lead, joint lead, coordinating)."""
    if can_change_task(user, task):
        return True
    unit = user_unit(user)
    return unit is not None and task.coordinating_units.filter(pk=unit.pk).exists()


@service
def task_note_add(task: Task, *, user, text: str, status: str = "", written_on=None) -> TaskNote:
    """A dated progress note in the task's journal; with ``status``, the task's status set too."""
    task = lock(task)
    require(can_write_note(user, task), NOT_IN_TASK)
    written_on = written_on or timezone.localdate()
    errors = {}
    if not " ".join((clean_text(text or "")).split()):
        errors["text"] = NOTE_REQUIRED
    if isinstance(written_on, datetime.date) and written_on > timezone.localdate():
        errors["written_on"] = NOTE_IN_FUTURE
    if status and status not in Task.Status.values:
        errors["status"] = "Trạng thái không hợp lệ."
    if errors:
        raise InvalidInput(errors)
    if status and status != task.status:
        require(can_change_task(user, task), STATUS_NOT_YOURS)
        task_update(task, user=user, values={"status": status}, reason="Cập nhật tiến độ")
    elif status:
        status = ""  # the note set nothing: the task already stood so
    return create_record(
        TaskNote,
        user=user,
        values={
            "task": task,
            "text": text.strip(),
            "status": status,
            "written_on": written_on,
            "author": user,
            "unit": user_unit(user) if not office_for(user, task.province_id) else None,
        },
        reason="Ghi tiến độ nhiệm vụ",
        allowed=lambda user, note: None,  # checked above
    )


# --------------------------------------------------------------------------- from the documents


def _units_named(names: list[str], units: list, province_name: str) -> tuple[list, list[str]]:
    """(the province's units ``names`` designate, the names that designate none: groups, other bodies)."""
    from doingoai.plans.importer.units import match_unit

    found, unmatched = [], []
    for name in names:
        unit = match_unit(name, units, province_name)
        if unit is None:
            unmatched.append(name)
        elif unit not in found:
            found.append(unit)
    return found, unmatched


def _deadline(value: str | None):
    """ "2025-06-30" → that day; "2025-06" → the month's last day (a task due "in June")."""
    if not value:
        return None
    parts = [int(part) for part in value.split("-")]
    if len(parts) == 3:
        return datetime.date(*parts)
    year, month = parts
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def task_values_from_record(record: dict, units: list, province) -> tuple[dict, list]:
    """A task record of the reader as the values of a Task, and its coordinating units matched."""
    leads, other_leads = _units_named(record.get("lead_units") or [], units, province.name)
    coordinating, others = _units_named(record.get("coordinating_units") or [], units, province.name)
    coordinating = [unit for unit in coordinating if unit not in leads]
    values = {
        "province": province,
        "tt": (record.get("tt") or "")[:30],
        "field": (record.get("field") or "")[:255],
        "title": record.get("content") or "",
        "lead_unit": leads[0] if leads else None,
        "lead_text": "; ".join(record.get("lead_units") or []) if other_leads or not leads else "",
        "coordinating_text": "; ".join(others),
        "deadline": _deadline(record.get("deadline")),
        "deadline_text": (record.get("deadline_text") or "")[:255],
    }
    return values, [leads[1:], coordinating]


@service
def tasks_save_from_document(plan_document, records: list[dict], *, user) -> dict[str, int]:
    """The tasks a document assigns, saved with it: new ones created, changed ones updated.

    A task is the same as one stored from this document when its number and
    content are ("II.3" and its text): reading the document again changes
    nothing, and what the units wrote in the task's journal, its status and
    notes stay. Leads and coordinating units are matched to the province's
    units; a group ("Các sở, ban, ngành liên quan") is kept as written
    (``lead_text``), for the office to name. Only the office saves them.
    """
    from doingoai.extraction.normalize.text import fold
    from doingoai.organization.models import Unit

    counts = {"created": 0, "updated": 0, "unchanged": 0}
    if not records or not office_for(user, plan_document.province_id):
        return counts
    province = plan_document.province
    units = list(Unit.objects.active().filter(province=province))
    stored = {(task.tt, fold(task.title)): task for task in Task.objects.filter(plan_document=plan_document)}
    reason = f"Nhập từ văn bản {plan_document}"[:100]
    for record in records:
        values, (joint, coordinating) = task_values_from_record(record, units, province)
        values.update(plan_document=plan_document, joint_leads=joint, coordinating_units=coordinating)
        task = stored.get((values["tt"], fold(values["title"])))
        if task is None:
            create_record(Task, user=user, values=values, reason=reason, allowed=_allowed)
            counts["created"] += 1
        else:
            _, changed = update_record(
                task, user=user, values=values, version=None, reason=reason, allowed=_allowed
            )
            counts["updated" if changed else "unchanged"] += 1
    return counts


TASKS = Operations(
    can_create=can_create_task,
    can_change=can_change_task,
    create=task_create,
    update=task_update,
    delete=task_delete,
    denied=NOT_YOURS,
)
