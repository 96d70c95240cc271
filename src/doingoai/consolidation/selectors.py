"""The consolidation as the office reads it: every proposal of a plan year, in the plan's tables.

Tables by level and direction ("Đoàn ra cấp tỉnh"…), rows grouped by
section (``sections``) or by unit, each row with its state, its warnings in
force and what can be done with it; the proposals still waiting and those
left out (with the reason, or the delegation they were merged into) apart.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from doingoai.consolidation.models import PlanVersion
from doingoai.consolidation.services import DIRECTIONS, IN_PLAN, LEVELS, ordered
from doingoai.delegations.models import Delegation
from doingoai.rules.models import Warning

Status = Delegation.Status
LEVEL_TITLES = {
    ("province", "out"): "Đoàn ra cấp tỉnh",
    ("province", "in"): "Đoàn vào cấp tỉnh",
    ("department", "out"): "Đoàn ra cấp sở, ngành, địa phương",
    ("department", "in"): "Đoàn vào cấp sở, ngành, địa phương",
}
BY_SECTION, BY_UNIT = "muc", "don-vi"


@dataclass
class Row:
    delegation: Delegation
    section: object
    warnings: list[Warning] = field(default_factory=list)

    @property
    def waiting(self) -> bool:
        return self.delegation.status == Status.SUBMITTED

    @property
    def open_warnings(self) -> list[Warning]:
        return [warning for warning in self.warnings if warning.acknowledged_at is None]


@dataclass
class Group:
    heading: str
    rows: list[Row] = field(default_factory=list)


@dataclass
class Table:
    level: str
    direction: str
    title: str
    groups: list[Group] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(group.rows) for group in self.groups)


@dataclass
class Consolidation:
    province: object
    year: int
    grouping: str
    tables: list[Table]
    waiting: int
    taken: int
    left_out: list[Delegation]
    versions: list[PlanVersion]
    merge_targets: list[Delegation]

    @property
    def rows(self) -> list[Row]:
        return [row for table in self.tables for group in table.groups for row in group.rows]


def proposals(province_id: int, year: int):
    """A plan year's proposals: every delegation sent to the office, outside-the-plan ones apart."""
    return (
        Delegation.objects.filter(
            province_id=province_id, year=year, out_of_plan=False, deleted_at__isnull=True
        )
        .exclude(status=Status.DRAFT)
        .select_related("owner", "merged_into", "merged_into__owner")
        .prefetch_related("merged_from__owner")
    )


def consolidation(province, year: int, grouping: str = BY_SECTION) -> Consolidation:
    rows = list(proposals(province.pk, year))
    left_out = [row for row in rows if row.status == Status.REJECTED]
    current = [row for row in rows if row.status != Status.REJECTED]
    warnings: dict[int, list[Warning]] = defaultdict(list)
    for warning in Warning.objects.filter(delegation__in=[row.pk for row in current], active=True).order_by(
        "rule", "pk"
    ):
        warnings[warning.delegation_id].append(warning)
    tables = {
        (level, direction): Table(level, direction, LEVEL_TITLES[(level, direction)])
        for level in LEVELS
        for direction in DIRECTIONS
    }
    groups: dict[tuple, Group] = {}
    for delegation, section in ordered(current):
        table = tables.get((delegation.level, delegation.direction))
        if table is None:
            continue
        if grouping == BY_UNIT:
            heading = delegation.owner.name if delegation.owner_id else "Sở Ngoại vụ, Văn phòng (cấp tỉnh)"
        else:
            heading = section.heading
        key = (delegation.level, delegation.direction, heading)
        if key not in groups:
            groups[key] = Group(heading)
            table.groups.append(groups[key])
        groups[key].rows.append(Row(delegation, section, warnings.get(delegation.pk, [])))
    if grouping == BY_UNIT:
        for table in tables.values():
            table.groups.sort(key=lambda group: group.heading)
    return Consolidation(
        province=province,
        year=year,
        grouping=grouping,
        tables=list(tables.values()),
        waiting=sum(1 for row in current if row.status == Status.SUBMITTED),
        taken=sum(1 for row in current if row.status in IN_PLAN),
        left_out=sorted(left_out, key=lambda row: (row.owner.name if row.owner_id else "", row.pk)),
        versions=list(
            PlanVersion.objects.filter(province=province, year=year).select_related("approving_document")
        ),
        merge_targets=current,
    )


def version_tables(version: PlanVersion) -> list[Table]:
    """A version's entries in the plan's tables and sections, as they were when it was made."""
    tables = {
        (level, direction): Table(level, direction, LEVEL_TITLES[(level, direction)])
        for level in LEVELS
        for direction in DIRECTIONS
    }
    groups: dict[tuple, Group] = {}
    for entry in version.entries.select_related("delegation"):
        table = tables.get((entry.level, entry.direction))
        if table is None:
            continue
        key = (entry.level, entry.direction, entry.section_heading)
        if key not in groups:
            groups[key] = Group(entry.section_heading)
            table.groups.append(groups[key])
        groups[key].rows.append(entry)
    return [table for table in tables.values() if table.groups]


def version_changes(version: PlanVersion) -> dict | None:
    """What changed since the previous version: delegations added and removed (None for the first)."""
    previous = (
        PlanVersion.objects.filter(
            province_id=version.province_id, year=version.year, number__lt=version.number
        )
        .order_by("-number")
        .first()
    )
    if previous is None:
        return None
    before = {entry.delegation_id: entry for entry in previous.entries.all()}
    now = {entry.delegation_id: entry for entry in version.entries.all()}
    return {
        "previous": previous,
        "added": [now[key] for key in now if key not in before],
        "removed": [before[key] for key in before if key not in now],
    }
