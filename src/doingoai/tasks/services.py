"""Every change to a task goes through these functions.

The office creates and changes every task of its provinces; a unit's officers
change the tasks their unit leads, and create tasks only with their unit as
the lead (handing one to another unit would leave it with nobody who may
change it). A follow-up task proposed in the report after a trip is created
with the report (``delegations.services.report_file``), led by whichever unit
the report names: filing the report is the permission.
"""

from __future__ import annotations

from doingoai.accounts.scoping import default_province, is_office, office_for, staff_of, user_unit
from doingoai.core.errors import InvalidInput
from doingoai.core.services import (
    Operations,
    allowed_by,
    create_record,
    delete_record,
    require,
    service,
    update_record,
)
from doingoai.tasks.models import Task

TITLE_REQUIRED = "Vui lòng nhập nội dung nhiệm vụ."
LEAD_OTHER_PROVINCE = "Đơn vị chủ trì phải thuộc tỉnh của nhiệm vụ."
COORDINATING_OTHER_PROVINCE = "Đơn vị phối hợp phải thuộc tỉnh của nhiệm vụ."
COORDINATING_IS_LEAD = "Đơn vị chủ trì không thể đồng thời là đơn vị phối hợp."
LEAD_NOT_OWN = "Cán bộ đơn vị chỉ được giao nhiệm vụ cho chính đơn vị mình chủ trì."
NOT_YOURS = "Bạn chỉ sửa được nhiệm vụ do đơn vị mình chủ trì."


def can_create_task(user) -> bool:
    return is_office(user) or user_unit(user) is not None


def can_change_task(user, task: Task) -> bool:
    return office_for(user, task.province_id) or staff_of(user, task.lead_unit_id)


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


TASKS = Operations(
    can_create=can_create_task,
    can_change=can_change_task,
    create=task_create,
    update=task_update,
    delete=task_delete,
    denied=NOT_YOURS,
)
