"""The plan's appendix tables (Mẫu 04 đoàn ra, Mẫu 05 đoàn vào): what they hold, in their order.

A table is one direction and one level of a province's plan year, as the
plans print it (``data/appendix.json``): its title, the "(Kèm theo …)" line
naming the plan document, the header and column-number rows, the groups
(the province-level table by the sections of ``consolidation.sections``, the
department-level one by unit, as in the samples), the rows, the notes on the
columns. By default it holds the delegations of the plan: every state but
``draft``, ``submitted``, ``rejected`` and ``cancelled``, not merged, not
outside the plan; a postponed one with its new period. The cells hold the
values the records hold now (an officer's corrections included), written
the way the forms write them, so that the system's own reader reads the
same records back (``tests/web/test_appendix.py``).

``appendix_docx`` and ``appendix_xlsx`` write an ``Appendix``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from doingoai.accounts.scoping import scope
from doingoai.consolidation.sections import section_of, sections
from doingoai.consolidation.services import DIRECTIONS, LEVELS
from doingoai.delegations.models import Delegation, range_label

DATA = Path(__file__).resolve().parent / "data" / "appendix.json"


@lru_cache(maxsize=1)
def forms() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: float  # mm
    number: bool = False
    optional: bool = False  # printed only when a row has a value there


@dataclass
class Group:
    """A section ("II. Đoàn sử dụng Ngân sách…") or a unit ("2  Sở Y tế") and its rows."""

    number: str
    heading: str
    rows: list[list[str]] = field(default_factory=list)
    empty_text: str = ""  # a section with no delegation prints one row: "1  Không"


@dataclass
class Appendix:
    direction: str
    level: str
    year: int
    title: str
    attached: str  # "(Kèm theo Kế hoạch số … của UBND tỉnh …)"
    columns: tuple[Column, ...]
    groups: list[Group]
    notes: list[str]
    delegations: list[Delegation]  # in the order of the table's rows

    @property
    def row_count(self) -> int:
        return sum(len(group.rows) for group in self.groups)

    @property
    def file_stem(self) -> str:
        direction = "doan-ra" if self.direction == "out" else "doan-vao"
        level = "cap-tinh" if self.level == "province" else "cap-so-nganh"
        return f"phu-luc-{direction}-{level}-{self.year}"


@lru_cache(maxsize=2)
def columns(direction: str) -> tuple[Column, ...]:
    return tuple(Column(**spec) for spec in forms()[direction]["columns"])


# --------------------------------------------------------------------------- which delegations


def plan_delegations(user, province, year: int, direction: str, level: str, *, unit=None, version=None):
    """The delegations an appendix holds by default, among those ``user`` may see."""
    rows = scope(Delegation.objects.all(), user).filter(
        province=province, direction=direction, level=level, merged_into__isnull=True, out_of_plan=False
    )
    if version is not None:
        rows = rows.filter(plan_entries__version=version)
    else:
        rows = rows.filter(year=year, status__in=Delegation.PLAN_STATES)
    if unit is not None:
        rows = rows.filter(owner=unit)
    return rows.select_related("owner").order_by("owner__name", "tt", "pk")


# --------------------------------------------------------------------------- the cells


def _places(delegation: Delegation) -> str:
    """ "Lào (Chăm-pa-sắc), Campuchia": each country with the foreign localities named in it."""
    from doingoai.extraction.normalize.locality_names import locality_name_vi

    places = []
    for code, name in zip(delegation.countries, delegation.country_names, strict=True):
        localities = [
            locality_name_vi(local) for local in delegation.localities if local.startswith(f"{code}-")
        ]
        places.append(f"{name} ({', '.join(localities)})" if localities else name)
    return ", ".join(places)


def cells(delegation: Delegation) -> dict[str, str]:
    """What each column of the form prints for ``delegation`` (``tt`` is set by its group)."""
    countries = _places(delegation)
    if countries and delegation.countries_open:
        countries += "..."
    people = range_label(delegation.people_min, delegation.people_max)
    if people and delegation.people_per_delegation:
        people += " người/đoàn"
    duration = range_label(delegation.duration_min, delegation.duration_max)
    if duration and delegation.duration_unit != Delegation.DurationUnit.DAY:
        duration += f" {delegation.get_duration_unit_display()}"
    name = delegation.name
    return {
        "name": name,
        "leader": delegation.leader,
        "countries": countries,
        "partners": delegation.partners,
        "activities": delegation.activities,
        "people": people,
        "duration": duration,
        "period": delegation.period_label,
        "funding": delegation.funding,
        "notes": delegation.notes,
        "host_unit": delegation.host_unit,
    }


# --------------------------------------------------------------------------- the table


def attached_line(province, year: int, document=None) -> str:
    """The "(Kèm theo …)" line: the plan document when it is known, blanks to fill in otherwise."""
    if document is not None:
        kind = "Công văn" if document.kind == "committee_letter" else "Kế hoạch"
        return (
            f"(Kèm theo {kind} số {document.number} ngày {document.issued_on:%d/%m/%Y} "
            f"của UBND tỉnh {province.name})"
        )
    return f"(Kèm theo Kế hoạch số      /KH-UBND ngày      /     /{year} của UBND tỉnh {province.name})"


def build(
    delegations,
    *,
    province,
    year: int,
    direction: str,
    level: str,
    document=None,
    by_unit: bool | None = None,
) -> Appendix:
    """The table of ``delegations`` (one direction and level), grouped as the plans group them."""
    rows = list(delegations)
    form = forms()[direction]
    if by_unit is None:  # by unit as the samples group units' tables, when every row has its unit
        by_unit = level == Delegation.Level.DEPARTMENT and bool(rows) and all(row.owner_id for row in rows)
    shown = table_columns(direction, rows)
    groups: list[Group] = []
    written: list[Delegation] = []  # in the table's order
    if by_unit:
        units: dict[str, list[Delegation]] = {}
        for delegation in rows:
            units.setdefault(delegation.owner.name if delegation.owner_id else "", []).append(delegation)
        for index, (name, members) in enumerate(units.items(), start=1):
            group = Group(str(index), name)
            for position, delegation in enumerate(members, start=1):
                group.rows.append(_row(shown, delegation, f"{index}.{position}"))
                written.append(delegation)
            groups.append(group)
    else:
        by_section: dict[str, list[Delegation]] = {}
        for delegation in rows:
            by_section.setdefault(section_of(delegation).key, []).append(delegation)
        for section in sections()[direction]:
            members = by_section.get(section.key, [])
            if not members and section.unknown:
                continue  # "chưa ghi rõ nguồn kinh phí": the office's list to fix, not a section
            group = Group(section.number, section.title, empty_text="" if members else "Không")
            for position, delegation in enumerate(members, start=1):
                group.rows.append(_row(shown, delegation, str(position)))
                written.append(delegation)
            groups.append(group)
    return Appendix(
        direction=direction,
        level=level,
        year=year,
        title=form["titles"][level].format(year=year),
        attached=attached_line(province, year, document),
        columns=shown,
        groups=groups,
        notes=list(form["notes"]),
        delegations=written,
    )


def _row(shown: tuple[Column, ...], delegation: Delegation, tt: str) -> list[str]:
    values = cells(delegation)
    values["tt"] = tt
    return [values.get(column.key, "") or "" for column in shown]


def table_columns(direction: str, rows: list[Delegation]) -> tuple[Column, ...]:
    """The form's columns, an optional one only when a row has a value for it; widths kept to the page's."""
    every = columns(direction)
    page = sum(column.width for column in every if not column.optional)
    shown = [column for column in every if not column.optional or any(cells(row)[column.key] for row in rows)]
    scale = page / sum(column.width for column in shown)
    return tuple(replace(column, width=round(column.width * scale, 1)) for column in shown)


def plan_document(province, year: int, version=None):
    """The approving document the "(Kèm theo …)" line names: the version's, or the year's last approved."""
    from doingoai.consolidation.models import PlanVersion

    if version is None:
        version = (
            PlanVersion.objects.filter(province=province, year=year, approved_at__isnull=False)
            .order_by("-number")
            .first()
        )
    if version is None:
        return None
    return (
        version.approving_document
        or version.documents.filter(kind__in=("committee_plan", "committee_letter")).last()
    )


# --------------------------------------------------------------------------- what a request asks for

FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def plan_appendices(
    user, province, year: int, *, direction=None, level=None, unit=None, version=None
) -> list[Appendix]:
    """The tables of a plan year (one direction and level, or all four, the empty ones left out)."""
    document = plan_document(province, year, version)
    out = []
    for each_direction in [direction] if direction else DIRECTIONS:
        for each_level in [level] if level else LEVELS:
            rows = plan_delegations(
                user, province, year, each_direction, each_level, unit=unit, version=version
            )
            table = build(
                rows,
                province=province,
                year=year,
                direction=each_direction,
                level=each_level,
                document=document,
            )
            if table.delegations or (direction and level):
                out.append(table)
    return out


def list_appendices(delegations) -> list[Appendix]:
    """The tables of a list of delegations (any filter): one per province, year, direction and level."""
    tables: dict[tuple, list[Delegation]] = {}
    for delegation in delegations.select_related("owner", "province").order_by("owner__name", "tt", "pk"):
        key = (delegation.province_id, delegation.year, delegation.direction, delegation.level)
        tables.setdefault(key, []).append(delegation)

    def order(key: tuple) -> tuple:
        province, year, direction, level = key
        return (province, year, DIRECTIONS.index(direction), LEVELS.index(level))

    out = []
    for key in sorted((key for key in tables if key[3] in LEVELS), key=order):
        rows = tables[key]
        out.append(build(rows, province=rows[0].province, year=key[1], direction=key[2], level=key[3]))
    return out


def write(appendices: list[Appendix], file_format: str) -> bytes:
    from doingoai.documents.appendix_docx import appendix_docx
    from doingoai.documents.appendix_xlsx import appendix_xlsx

    return (appendix_docx if file_format == "docx" else appendix_xlsx)(*appendices)


def file_name(appendices: list[Appendix], file_format: str) -> str:
    if len(appendices) == 1:
        return f"{appendices[0].file_stem}.{file_format}"
    years = sorted({table.year for table in appendices})
    span = f"{years[0]}" if len(years) == 1 else f"{years[0]}-{years[-1]}"
    return f"phu-luc-ke-hoach-{span}.{file_format}"
