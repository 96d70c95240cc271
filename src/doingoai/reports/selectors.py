"""The execution report: the plan of a year, and what became of each delegation in it.

The two reports units and the office make, for the first half-year and for
the whole year, count the delegations of the approved plan and what became of
them, and apart from them the delegations that arose outside the plan. The
groups, read from each delegation's state and its life (``Transition``):

- ``planned``: in the approved plan: not outside the plan, and approved (its
  state is approved or later, or it was approved before being postponed or
  cancelled; a plan imported as approved counts);
- ``carried_out``: of the planned, those that went: under way, returned or
  reported;
- ``postponed`` and ``cancelled``: of the planned, those postponed (also when
  the postponement moved them into the next year) or cancelled;
- ``pending``: of the planned, approved and not yet gone;
- ``rejected``: proposals the office did not put in the plan;
- ``out_of_plan``: approved delegations outside the plan, counted apart from
  the planned (``out_of_plan_carried_out``: those of them that went).

Each group is counted as records (rows of the plan) and as delegations (a
row standing for several delegations counts them all). ``half=1`` keeps the
delegations of the first six months: gone by 30 June, or planned to start by
then (the period before any postponement). People and days are planned (the
plan's figures, of the planned) and actual (of those carried out: the report
after the trip where filed, the trip's dates or the plan's figures where not).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from doingoai.accounts.scoping import scope
from doingoai.delegations.models import Delegation, DelegationReport, Transition
from doingoai.extraction.normalize.places import country_name_vi
from doingoai.organization.models import Province

Status = Delegation.Status

CARRIED_OUT = (Status.UNDER_WAY, Status.RETURNED, Status.REPORTED)
APPROVED_OR_LATER = (Status.APPROVED, *CARRIED_OUT)
#: states a delegation may have left the approved plan for
LEFT_THE_PLAN = (Status.POSTPONED, Status.CANCELLED)

#: the groups of the report, in the order they are shown, with their Vietnamese names
GROUPS = {
    "planned": "Theo kế hoạch",
    "carried_out": "Đã thực hiện",
    "postponed": "Hoãn",
    "cancelled": "Hủy",
    "pending": "Chưa thực hiện",
    "rejected": "Không đưa vào kế hoạch",
    "out_of_plan": "Phát sinh ngoài kế hoạch",
    "out_of_plan_carried_out": "Phát sinh đã thực hiện",
}
#: the groups the breakdowns by level, unit and country show
BREAKDOWN_GROUPS = ("planned", "carried_out", "postponed", "cancelled", "rejected", "out_of_plan")
LEVEL_LABELS = dict(Delegation.Level.choices)
NO_COUNTRY = "Chưa rõ nước"
NO_UNIT = "Chưa rõ đơn vị"


@dataclass
class Figure:
    """A count as records (rows of the plan) and as delegations."""

    records: int = 0
    delegations: int = 0

    def add(self, delegation: Delegation) -> None:
        self.records += 1
        self.delegations += max(delegation.delegation_count or 1, 1)


@dataclass
class BreakdownRow:
    key: str
    label: str
    figures: dict[str, Figure] = field(
        default_factory=lambda: {group: Figure() for group in BREAKDOWN_GROUPS}
    )


@dataclass
class ExecutionReport:
    province: Province
    year: int
    half: int | None
    groups: dict[str, list[Delegation]]
    totals: dict[str, Figure]
    people: dict[str, int]
    days: dict[str, Decimal]
    by_level: list[BreakdownRow]
    by_unit: list[BreakdownRow]
    by_country: list[BreakdownRow]
    #: the reports after the trip of the delegations back home: on time, late, overdue, not yet due
    reports: dict[str, list[Delegation]] = field(default_factory=dict)

    @property
    def title(self) -> str:
        period = f"6 tháng đầu năm {self.year}" if self.half == 1 else f"năm {self.year}"
        return f"Báo cáo kết quả thực hiện kế hoạch đoàn ra, đoàn vào {period} – {self.province.name}"


def _people(delegation: Delegation) -> int:
    people = delegation.people_max or delegation.people_min or 0
    return people * max(delegation.delegation_count or 1, 1) if delegation.people_per_delegation else people


def _days(delegation: Delegation) -> Decimal:
    """The plan's days of a row, for each of the delegations it stands for."""
    return (delegation.planned_days or Decimal(0)) * max(delegation.delegation_count or 1, 1)


def _actual_people(delegation: Delegation, report: DelegationReport | None, members: int) -> int:
    if report is not None and report.went_count:
        return report.went_count
    return members or _people(delegation)


def _actual_days(delegation: Delegation, report: DelegationReport | None) -> Decimal:
    if report is not None and report.days_actual is not None:
        return report.days_actual
    if delegation.departed_on and delegation.returned_on and delegation.returned_on >= delegation.departed_on:
        return Decimal((delegation.returned_on - delegation.departed_on).days + 1)
    return _days(delegation)


def _postponements(province: Province) -> dict[int, list[dict]]:
    """The changes each postponement of the province's delegations made (not undone), oldest first."""
    found: dict[int, list[dict]] = defaultdict(list)
    for delegation_id, changes in (
        Transition.objects.filter(delegation__province=province, action="postpone", undone_by__isnull=True)
        .order_by("at", "id")
        .values_list("delegation_id", "changes")
    ):
        found[delegation_id].append(changes or {})
    return found


def _planned_start(delegation: Delegation, postponements: list[dict]) -> datetime.date | None:
    """The month the plan first set, before any postponement moved it."""
    for changes in postponements:
        before = (changes.get("period_start") or [None])[0]
        if before:
            return datetime.date.fromisoformat(before)
    return delegation.period_start


def _in_first_half(delegation: Delegation, year: int, postponements: list[dict]) -> bool:
    june = datetime.date(year, 6, 30)
    if delegation.departed_on is not None:
        return delegation.departed_on <= june
    start = _planned_start(delegation, postponements)
    return start is not None and start <= june


def _group_of(delegation: Delegation) -> list[str]:
    """The groups a delegation counts in."""
    status = delegation.status
    approved = status in APPROVED_OR_LATER or (status in LEFT_THE_PLAN and delegation.was_approved)
    if status == Status.REJECTED:
        return ["rejected"]
    if not approved:
        return []
    if delegation.out_of_plan:
        return ["out_of_plan", "out_of_plan_carried_out"] if status in CARRIED_OUT else ["out_of_plan"]
    if status in CARRIED_OUT:
        return ["planned", "carried_out"]
    if status == Status.POSTPONED:
        return ["planned", "postponed"]
    if status == Status.CANCELLED:
        return ["planned", "cancelled"]
    return ["planned", "pending"]


#: what the report's totals, people, days and reports read of a delegation (``breakdowns=False``)
FIGURE_FIELDS = (
    "province",
    "owner",
    "year",
    "status",
    "out_of_plan",
    "delegation_count",
    "people_min",
    "people_max",
    "people_per_delegation",
    "duration_min",
    "duration_max",
    "duration_unit",
    "period_start",
    "period_end",
    "departed_on",
    "returned_on",
)


def execution_report(
    user, province: Province, year: int, half: int | None = None, *, breakdowns: bool = True
) -> ExecutionReport:
    """The execution report of ``province`` for ``year`` (``half=1``: its first six months),
    as ``user`` sees it.

    Reads the delegations once, with whether each was approved and how many members it had.
    ``breakdowns=False`` (the dashboard): the totals, people, days and reports only, read from the
    few columns they need; the tables by level, unit and country stay empty.
    """
    was_approved = Exists(
        Transition.objects.filter(
            delegation=OuterRef("pk"), to_status=Status.APPROVED, undone_by__isnull=True
        )
    )
    postponements = _postponements(province)
    moved_out = [
        pk
        for pk, changes_list in postponements.items()
        if any((changes.get("year") or [None])[0] == year for changes in changes_list)
    ]
    rows = (
        scope(Delegation.objects.all(), user)
        .filter(province=province, merged_into__isnull=True)
        .filter(Q(year=year) | Q(pk__in=moved_out))
        .select_related("owner")
        .annotate(was_approved=was_approved, member_count=Count("members", distinct=True))
        .order_by("direction", "level", "owner__name", "pk")
    )
    if breakdowns:
        rows = rows.defer("search_text", "source", "source_values")
    else:  # no unit's name, no order: the figures only count
        rows = rows.select_related(None).order_by().only(*FIGURE_FIELDS)
    delegations = list(rows)
    if half == 1:
        delegations = [d for d in delegations if _in_first_half(d, year, postponements.get(d.pk, []))]
    groups: dict[str, list[Delegation]] = {group: [] for group in GROUPS}
    for delegation in delegations:
        names = _group_of(delegation)
        if delegation.year != year and "postponed" not in names:
            continue  # moved into another year, and no longer postponed: that year's report counts it
        for name in names:
            groups[name].append(delegation)
    reports = {
        report.delegation_id: report
        for report in DelegationReport.objects.filter(
            delegation__in=[d.pk for d in groups["carried_out"] + groups["out_of_plan_carried_out"]],
            filed_at__isnull=False,
        ).annotate(went_count=Count("members_went"))
    }
    totals = {group: Figure() for group in GROUPS}
    for group, members in groups.items():
        for delegation in members:
            totals[group].add(delegation)
    went = groups["carried_out"]
    people = {
        "planned": sum(_people(d) for d in groups["planned"]),
        "actual": sum(_actual_people(d, reports.get(d.pk), d.member_count) for d in went),
    }
    days = {
        "planned": sum((_days(d) for d in groups["planned"]), Decimal(0)),
        "actual": sum((_actual_days(d, reports.get(d.pk)) for d in went), Decimal(0)),
    }
    return ExecutionReport(
        reports=_reports_after_trips(province, went + groups["out_of_plan_carried_out"], reports),
        province=province,
        year=year,
        half=half,
        groups=groups,
        totals=totals,
        people=people,
        days=days,
        by_level=_breakdown(groups, lambda d: [(d.level, LEVEL_LABELS.get(d.level, d.level))])
        if breakdowns
        else [],
        by_unit=_breakdown(
            groups, lambda d: [(str(d.owner_id or ""), d.owner.name if d.owner_id else NO_UNIT)]
        )
        if breakdowns
        else [],
        by_country=_breakdown(
            groups,
            lambda d: [(code, country_name_vi(code)) for code in d.countries] or [("", NO_COUNTRY)],
        )
        if breakdowns
        else [],
    )


#: how the reports after the trip stand, with their Vietnamese names
REPORT_STATES = {
    "on_time": "Nộp đúng hạn",
    "late": "Nộp muộn",
    "overdue": "Quá hạn, chưa nộp",
    "not_due": "Chưa đến hạn",
}


def _reports_after_trips(
    province: Province, delegations: list[Delegation], reports: dict[int, DelegationReport]
) -> dict[str, list[Delegation]]:
    """The delegations back home by how their report stands (due ``report_due_days`` after the return)."""
    today = timezone.localdate()
    states: dict[str, list[Delegation]] = {state: [] for state in REPORT_STATES}
    for delegation in delegations:
        if delegation.returned_on is None:
            continue  # still away
        due = delegation.returned_on + datetime.timedelta(days=province.report_due_days)
        report = reports.get(delegation.pk)
        if report is not None:
            state = "late" if timezone.localtime(report.filed_at).date() > due else "on_time"
        else:
            state = "overdue" if today > due else "not_due"
        states[state].append(delegation)
    return states


def _breakdown(groups: dict[str, list[Delegation]], keys) -> list[BreakdownRow]:
    """The groups' figures by level, unit or country (a delegation to several countries counts in each)."""
    rows: dict[str, BreakdownRow] = {}
    for group in BREAKDOWN_GROUPS:
        for delegation in groups[group]:
            for key, label in dict(keys(delegation)).items():
                row = rows.setdefault(key, BreakdownRow(key=key, label=label))
                row.figures[group].add(delegation)
    return sorted(rows.values(), key=lambda row: (-row.figures["planned"].delegations, row.label))
