"""The inbox's sections of tasks and agreements, beside the delegations' (``delegations.selectors``).

An item here is a record with a page (a task, an agreement): its title, a
line saying what it is, and why it is in the inbox; its page is where the
work is done. The office sees every overdue task of its provinces, the tasks
led by a group the document did not name unit by unit, the agreements whose
report after signing is owed and those expiring; a unit's officer the tasks
their unit leads that are overdue or due within ``SOON_DAYS``, and the
reports owed on the agreements it proposed.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone

from doingoai.accounts.scoping import is_office, scope, user_unit
from doingoai.agreements import selectors as agreement_selectors
from doingoai.agreements.models import Agreement
from doingoai.tasks import selectors as task_selectors

#: a task due within this many days is shown as coming
SOON_DAYS = 14


@dataclass
class RecordItem:
    title: str
    url: str
    subtitle: str
    note: str
    overdue: bool = False
    due_on: datetime.date | None = None


@dataclass
class RecordSection:
    key: str
    title: str
    hint: str
    items: list[RecordItem] = field(default_factory=list)
    #: the list showing the whole section
    list_url: str = ""
    list_label: str = ""

    @property
    def overdue_count(self) -> int:
        return sum(1 for item in self.items if item.overdue)


def _due_note(due: datetime.date | None, today: datetime.date, what: str = "Hạn") -> tuple[str, bool]:
    if due is None:
        return "Chưa có thời hạn", False
    if due < today:
        return f"Quá hạn {(today - due).days} ngày ({what.lower()} {due:%d/%m/%Y})", True
    return f"{what} {due:%d/%m/%Y}", False


# --------------------------------------------------------------------------- tasks


def _task_item(task, today: datetime.date) -> RecordItem:
    note, late = _due_note(task.deadline, today)
    lead = task.lead_unit.name if task.lead_unit_id else (task.lead_text or "chưa có đơn vị chủ trì")
    return RecordItem(
        title=task.title,
        url=reverse("tasks:task_detail", args=[task.pk]),
        subtitle=f"Nhiệm vụ{' ' + task.tt if task.tt else ''} · {lead}",
        note=note,
        overdue=late,
        due_on=task.deadline,
    )


def task_sections(user, today: datetime.date | None = None) -> list[RecordSection]:
    today = today or timezone.localdate()
    tasks = task_selectors.open_tasks(user)
    task_list = reverse("tasks:task_list")
    if is_office(user):
        return [
            RecordSection(
                "tasks_overdue",
                "Nhiệm vụ quá hạn",
                "Nhiệm vụ đã quá thời hạn mà chưa hoàn thành, của mọi đơn vị.",
                [
                    _task_item(task, today)
                    for task in task_selectors.overdue(tasks, today).order_by("deadline", "id")
                ],
                f"{task_list}?overdue=true",
                "Xem tất cả trong danh sách nhiệm vụ →",
            ),
            RecordSection(
                "tasks_groups",
                "Nhiệm vụ giao cho nhóm đơn vị chưa xác định",
                "Văn bản giao cho một nhóm («Các sở, ban, ngành liên quan»): Sở Ngoại vụ theo dõi đến khi "
                "xác định được các đơn vị chủ trì.",
                [_task_item(task, today) for task in task_selectors.led_by_a_group(tasks).order_by("id")],
                task_list,
                "Xem danh sách nhiệm vụ →",
            ),
        ]
    unit = user_unit(user)
    if unit is None:
        return []
    soon = today + datetime.timedelta(days=SOON_DAYS)
    own = task_selectors.led_by(tasks, unit).filter(deadline__lte=soon).order_by("deadline", "id")
    return [
        RecordSection(
            "tasks_due",
            "Nhiệm vụ quá hạn, sắp đến hạn",
            f"Nhiệm vụ đơn vị chủ trì (hoặc cùng chủ trì) đã quá hạn hoặc đến hạn trong {SOON_DAYS} ngày.",
            [_task_item(task, today) for task in own],
            f"{task_list}?lead_unit={unit.pk}",
            "Xem các nhiệm vụ của đơn vị →",
        )
    ]


# --------------------------------------------------------------------------- agreements


def _agreement_item(agreement: Agreement, note: str, late: bool, due: datetime.date | None) -> RecordItem:
    parts = ["Thỏa thuận quốc tế"]
    if agreement.signed_on:
        parts.append(f"ký {agreement.signed_on:%d/%m/%Y}")
    if agreement.signing_capacity:
        parts.append(agreement.signing_capacity)
    return RecordItem(
        title=agreement.title,
        url=reverse("agreements:agreement_detail", args=[agreement.pk]),
        subtitle=" · ".join(parts),
        note=note,
        overdue=late,
        due_on=due,
    )


def agreement_sections(user, today: datetime.date | None = None) -> list[RecordSection]:
    today = today or timezone.localdate()
    agreements = scope(Agreement.objects.all(), user)
    office = is_office(user)
    if not office:
        unit = user_unit(user)
        if unit is None:
            return []
        agreements = agreements.filter(owner=unit)
    owed = []
    for agreement in agreement_selectors.signing_reports_owed(agreements):
        note, late = _due_note(agreement.signing_report_due_on, today, "Hạn báo cáo")
        owed.append(_agreement_item(agreement, note, late, agreement.signing_report_due_on))
    sections = [
        RecordSection(
            "agreements_report",
            "Báo cáo sau khi ký thỏa thuận",
            "Thỏa thuận ký nhân danh sở, ngành, địa phương: báo cáo Chủ tịch UBND tỉnh và Sở Ngoại vụ trong "
            "15 ngày kể từ ngày ký (Nghị định 64/2021/NĐ-CP, Điều 5 khoản 6)."
            + (" Sở Ngoại vụ ghi ngày nhận báo cáo trên trang thỏa thuận." if office else ""),
            owed,
            f"{reverse('agreements:agreement_list')}?follow=report_owed",
            "Xem danh sách thỏa thuận →",
        )
    ]
    if office:
        items = []
        for agreement in agreement_selectors.expiring(agreements, today):
            days = (agreement.expires_on - today).days
            items.append(
                _agreement_item(
                    agreement,
                    f"Hết hiệu lực ngày {agreement.expires_on:%d/%m/%Y} (còn {days} ngày)",
                    False,
                    agreement.expires_on,
                )
            )
        sections.append(
            RecordSection(
                "agreements_expiring",
                "Thỏa thuận sắp hết hiệu lực",
                f"Thỏa thuận đang có hiệu lực sẽ hết hạn trong {agreement_selectors.EXPIRING_DAYS} ngày tới: "
                "xem xét gia hạn.",
                items,
                f"{reverse('agreements:agreement_list')}?follow=expiring",
                "Xem danh sách thỏa thuận →",
            )
        )
    return sections


def record_sections(user) -> list[RecordSection]:
    return [*task_sections(user), *agreement_sections(user)]
