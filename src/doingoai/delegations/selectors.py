"""Reads of delegations that several places share: the list, a delegation's life, what is due.

The list page and the API start from ``delegation_list``; the delegation's
page, the API and the inbox read dues from ``report_due_on`` and
``passport_due_on``; the inbox ("Việc cần làm") is ``inbox_sections``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from doingoai.accounts.permissions import role_of
from doingoai.accounts.scoping import is_office, scope, user_unit
from doingoai.core.workdays import add_working_days, working_days_between
from doingoai.delegations import workflow
from doingoai.delegations.models import PASSPORT_RETURN_WORKING_DAYS, Delegation, DelegationMember

Status = Delegation.Status
ROLE_ORDER = {DelegationMember.Role.HEAD: 0, DelegationMember.Role.DEPUTY: 1, DelegationMember.Role.MEMBER: 2}


def delegation_list(user, *, with_source: bool = False) -> QuerySet:
    """The delegations ``user`` may see, with what a list shows of each (the list page, the API, the inbox).

    The folded search text is never read; the source cells and printed
    values only ``with_source`` (the API gives them, the list page does not).
    """
    hidden = ("search_text",) if with_source else ("search_text", "source", "source_values")
    return scope(Delegation.objects.select_related("owner", "province").defer(*hidden), user)


def members_of(delegation: Delegation) -> list[DelegationMember]:
    """The delegation's members, the head first, then the deputies, then the others as added."""
    members = list(delegation.members.select_related("person", "delegation"))
    return sorted(members, key=lambda m: (ROLE_ORDER.get(m.role, 9), m.pk))


# --------------------------------------------------------------------------- dues


def report_due_on(delegation: Delegation) -> datetime.date | None:
    """The day the report after the trip is due: the return date plus the province's days."""
    if delegation.returned_on is None:
        return None
    return delegation.returned_on + datetime.timedelta(days=delegation.province.report_due_days)


def passport_due_on(member: DelegationMember) -> datetime.date | None:
    """The day a kept passport is due back: 5 working days after the delegation's return."""
    returned = member.delegation.returned_on
    if not member.keeps_passport or returned is None:
        return None
    return add_working_days(returned, PASSPORT_RETURN_WORKING_DAYS)


@dataclass
class Due:
    """Where something due stands: its date, whether done, late (working or calendar days)."""

    due_on: datetime.date | None
    done_on: datetime.date | None = None
    late_days: int = 0
    unit: str = "ngày"

    @property
    def overdue(self) -> bool:
        return self.late_days > 0

    @property
    def label(self) -> str:
        if self.due_on is None:
            return ""
        due = f"hạn {self.due_on:%d/%m/%Y}"
        if self.done_on is not None:
            if self.late_days:
                return f"Nộp ngày {self.done_on:%d/%m/%Y}, muộn {self.late_days} {self.unit} ({due})"
            return f"Nộp ngày {self.done_on:%d/%m/%Y} ({due})"
        if self.late_days:
            return f"Quá hạn {self.late_days} {self.unit} ({due})"
        return due[:1].upper() + due[1:]


def report_due(delegation: Delegation, today: datetime.date | None = None) -> Due | None:
    due_on = report_due_on(delegation)
    if due_on is None:
        return None
    report = getattr(delegation, "report", None) if hasattr(delegation, "report") else None
    filed = timezone.localtime(report.filed_at).date() if report is not None and report.filed_at else None
    end = filed or today or timezone.localdate()
    return Due(due_on, filed, max(0, (end - due_on).days))


def passport_due(member: DelegationMember, today: datetime.date | None = None) -> Due | None:
    due_on = passport_due_on(member)
    if due_on is None or member.passport_handed_out_on is None:
        return None
    end = member.passport_returned_on or today or timezone.localdate()
    return Due(
        due_on,
        member.passport_returned_on,
        working_days_between(due_on, end) if end > due_on else 0,
        unit="ngày làm việc",
    )


# --------------------------------------------------------------------------- the inbox


@dataclass
class InboxItem:
    delegation: Delegation
    note: str = ""
    action: str = ""  # the action the item asks for, when there is one
    overdue: bool = False
    due_on: datetime.date | None = None


@dataclass
class InboxSection:
    key: str
    title: str
    hint: str
    items: list[InboxItem] = field(default_factory=list)
    #: the delegation list's filter that shows the whole section ("status=submitted"), when one does
    list_query: str = ""

    @property
    def overdue_count(self) -> int:
        return sum(1 for item in self.items if item.overdue)

    @property
    def list_url(self) -> str:
        """The delegation list showing the whole section, or "" when no filter does."""
        return f"{reverse('delegations:delegation_list')}?{self.list_query}" if self.list_query else ""

    list_label = "Xem tất cả trong danh sách đoàn →"


def _month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def _trip_items(queryset, today) -> list[InboxItem]:
    """Approved delegations whose month has come (to mark as gone), and gone ones that should be back."""
    items = []
    for delegation in queryset.filter(status=Status.APPROVED, period_start__lte=_month(today)).order_by(
        "period_start", "id"
    ):
        label = workflow.action("depart").label(delegation)
        items.append(
            InboxItem(
                delegation, f"Đến thời gian thực hiện ({delegation.period_label}): «{label}»?", "depart"
            )
        )
    for delegation in queryset.filter(status=Status.UNDER_WAY).order_by("departed_on", "id"):
        days = (
            int(delegation.duration_max or delegation.duration_min or 0)
            if delegation.duration_unit == Delegation.DurationUnit.DAY
            else 0
        )
        expected = delegation.departed_on + datetime.timedelta(days=days) if delegation.departed_on else None
        ended = delegation.period_end is not None and delegation.period_end < _month(today)
        if (expected is not None and days and expected < today) or ended:
            label = workflow.action("return").label(delegation)
            since = f" từ {delegation.departed_on:%d/%m/%Y}" if delegation.departed_on else ""
            items.append(InboxItem(delegation, f"Đã đi{since}, dự kiến đã kết thúc: «{label}»?", "return"))
    return items


def _report_items(queryset, today) -> list[InboxItem]:
    items = []
    for delegation in (
        queryset.filter(status=Status.RETURNED).select_related("province").order_by("returned_on", "id")
    ):
        due = report_due(delegation, today)
        if due is None:
            continue
        items.append(
            InboxItem(
                delegation,
                f"Báo cáo sau chuyến đi: {due.label[:1].lower()}{due.label[1:]}",
                "report",
                overdue=due.overdue,
                due_on=due.due_on,
            )
        )
    return sorted(items, key=lambda item: (not item.overdue, item.due_on))


def _passport_items(queryset, today) -> list[InboxItem]:
    members = DelegationMember.objects.filter(
        delegation__in=queryset.values("pk"),
        passport_kind__in=DelegationMember.KEPT_PASSPORTS,
        passport_handed_out_on__isnull=False,
        passport_returned_on__isnull=True,
        delegation__returned_on__isnull=False,
    ).select_related("person", "delegation", "delegation__province")
    items = []
    for member in members:
        due = passport_due(member, today)
        if due is None:
            continue
        text = (
            f"Hộ chiếu của {member.person.full_name} ({member.get_passport_kind_display().lower()}): "
            f"{due.label[:1].lower()}{due.label[1:]}"
        )
        items.append(InboxItem(member.delegation, text, overdue=due.overdue, due_on=due.due_on))
    return sorted(items, key=lambda item: (not item.overdue, item.due_on))


def inbox_sections(user, today: datetime.date | None = None) -> list[InboxSection]:
    """What ``user`` has to do, by kind of work, most urgent first in each."""
    today = today or timezone.localdate()
    visible = delegation_list(user)
    role = role_of(user)
    sections: list[InboxSection] = []
    if is_office(user):
        sections += [
            InboxSection(
                "submitted",
                "Đề xuất chờ xem xét",
                "Các đơn vị đã gửi: đưa vào kế hoạch, trả lại để sửa hoặc không đưa vào. Đoàn phát "
                "sinh được phê duyệt riêng.",
                [
                    InboxItem(
                        d,
                        f"{d.owner.name if d.owner_id else 'Chưa rõ đơn vị'} gửi"
                        + (" · đoàn phát sinh" if d.out_of_plan else ""),
                        "approve" if d.out_of_plan else "include",
                    )
                    for d in visible.filter(status=Status.SUBMITTED).order_by("year", "id")
                ],
                "status=submitted",
            ),
            InboxSection(
                "approvals",
                "Chờ ghi nhận phê duyệt",
                "Đoàn trong kế hoạch chưa có văn bản phê duyệt.",
                [
                    InboxItem(d, "Trong kế hoạch", "approve")
                    for d in visible.filter(status=Status.IN_PLAN).order_by("period_start", "id")
                ],
                "status=in_plan",
            ),
        ]
        mine = visible
    elif role == "leader":
        sections.append(
            InboxSection(
                "approvals",
                "Chờ lãnh đạo phê duyệt",
                "Đoàn trong kế hoạch, và đoàn phát sinh đã gửi.",
                [
                    InboxItem(d, "Đoàn phát sinh" if d.out_of_plan else "Trong kế hoạch", "approve")
                    for d in visible.filter(
                        Q(status=Status.IN_PLAN) | Q(status=Status.SUBMITTED, out_of_plan=True)
                    ).order_by("period_start", "id")
                ],
            )
        )
        sections.append(
            InboxSection(
                "under_way",
                "Đoàn đang thực hiện",
                "Đoàn ra đang ở nước ngoài, đoàn vào đang ở Việt Nam.",
                [
                    InboxItem(d, f"Từ {d.departed_on:%d/%m/%Y}" if d.departed_on else "")
                    for d in visible.filter(status=Status.UNDER_WAY).order_by("departed_on", "id")
                ],
                "status=under_way",
            )
        )
        return sections
    else:
        unit = user_unit(user)
        mine = visible.filter(owner=unit) if unit is not None else visible.none()
        drafts = []
        for delegation in mine.filter(status=Status.DRAFT).order_by("year", "id"):
            note = (
                f"Sở Ngoại vụ trả lại: {delegation.status_reason}"
                if delegation.status_reason
                else "Dự thảo chưa gửi"
            )
            drafts.append(InboxItem(delegation, note, "submit"))
        sections.append(
            InboxSection(
                "drafts",
                "Dự thảo cần hoàn thiện và gửi",
                "Đề xuất của đơn vị chưa gửi Sở Ngoại vụ, kể cả đề xuất bị trả lại.",
                drafts,
                "status=draft",
            )
        )
    sections += [
        InboxSection(
            "trips",
            "Đoàn cần ghi nhận đi, về",
            "Đã đến thời gian thực hiện mà chưa ghi nhận đoàn đi, hoặc đã hết chuyến mà chưa ghi nhận về.",
            _trip_items(mine, today),
        ),
        InboxSection(
            "reports",
            "Báo cáo sau chuyến đi đến hạn, quá hạn",
            "Đoàn đã về, chưa nộp báo cáo kết quả.",
            _report_items(mine, today),
            "status=returned",
        ),
        InboxSection(
            "passports",
            "Hộ chiếu phải nộp lại",
            f"Hộ chiếu ngoại giao, công vụ phải nộp lại trong {PASSPORT_RETURN_WORKING_DAYS} ngày làm việc "
            "sau khi về (Luật 49/2019/QH14, Điều 23).",
            _passport_items(mine, today),
        ),
    ]
    if not is_office(user):
        sections.append(
            InboxSection(
                "waiting",
                "Đang chờ Sở Ngoại vụ, lãnh đạo",
                "Đề xuất đã gửi, chưa có văn bản phê duyệt.",
                [
                    InboxItem(d, d.status_label)
                    for d in mine.filter(status__in=(Status.SUBMITTED, Status.IN_PLAN)).order_by("year", "id")
                ],
            )
        )
    if role != "leader":
        for section in sections:
            if section.key == "trips":
                section.list_query = "status=approved"
    return sections
