"""The figures of the dashboard: a province's year of delegations at a glance, beside the year before.

Every figure is a count of the delegations the user may see (the list's
scope: ``delegations.selectors.delegation_list``) and carries the query of
the delegation list that shows exactly those delegations, so that a number
on the dashboard is a link to what it counts. Quarters follow the list's
filter (a delegation counts in each quarter its period overlaps; one known
to no month is "chưa rõ"); countries and funding categories count each
delegation once per country or category it names. People and days are the
execution report's (planned; and actual, from the reports after the trips).
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from doingoai.accounts.scoping import scope
from doingoai.agreements import selectors as agreement_selectors
from doingoai.agreements.models import Agreement
from doingoai.delegations.models import Delegation
from doingoai.delegations.selectors import delegation_list
from doingoai.extraction.normalize.funding import funding_label
from doingoai.extraction.normalize.places import country_name_vi
from doingoai.organization.models import Province
from doingoai.reports.selectors import execution_report
from doingoai.tasks.models import Task

DIRECTIONS = dict(Delegation.Direction.choices)
STATUSES = dict(Delegation.Status.choices)
LEVELS = dict(Delegation.Level.choices)
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
#: agreements in force expiring within this many days are "expiring"
EXPIRING_DAYS = agreement_selectors.EXPIRING_DAYS
#: the units and countries shown by name; the others are summed as "khác"
TOP = 12


@dataclass
class Figure:
    """One figure: its key, its label, how many, and the delegation list's query that shows them."""

    key: str
    label: str
    count: int
    query: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"{reverse('delegations:delegation_list')}?{self.query}" if self.query else ""


@dataclass
class Dashboard:
    province: Province
    year: int
    by_direction: list[Figure]
    by_status: list[Figure]
    by_quarter: dict[str, list[Figure]]
    by_level: list[Figure]
    by_unit: list[Figure]
    by_funding: list[Figure]
    by_country: list[Figure]
    by_country_direction: dict[str, list[Figure]]
    people: dict[str, int]
    days: dict[str, float]
    overdue: dict[str, int]
    expiring: list[Agreement]
    previous: dict[str, int]

    @property
    def total(self) -> int:
        return sum(figure.count for figure in self.by_direction)

    @property
    def biggest_country(self) -> int:
        return max((figure.count for figure in self.by_country), default=0)


def _query(province: Province, year: int, **filters) -> str:
    return urlencode({"province": province.pk, "year": year, **{k: v for k, v in filters.items() if v != ""}})


def year_delegations(user, province: Province, year: int):
    """The delegations of ``province``'s plan year that ``user`` sees (merged ones left out)."""
    return delegation_list(user).filter(province=province, year=year, merged_into__isnull=True)


def _quarters(rows, province, year) -> dict[str, list[Figure]]:
    out: dict[str, list[Figure]] = {}
    for direction in DIRECTIONS:
        figures = []
        own = [row for row in rows if row[0] == direction]
        for quarter in range(1, 5):
            first = datetime.date(year, (quarter - 1) * 3 + 1, 1)
            last = datetime.date(year, quarter * 3, 1)
            count = sum(1 for _, start, end in own if start and start <= last and (end or start) >= first)
            query = _query(province, year, direction=direction, quarter=quarter)
            figures.append(Figure(str(quarter), f"Quý {ROMAN[quarter]}", count, query))
        unknown = sum(1 for _, start, _end in own if start is None)
        figures.append(Figure("", "Chưa rõ thời gian", unknown, ""))
        out[direction] = figures
    return out


def dashboard(user, province: Province, year: int, today: datetime.date | None = None) -> Dashboard:
    """The dashboard of ``province``'s ``year`` as ``user`` sees it."""
    today = today or timezone.localdate()
    delegations = year_delegations(user, province, year).order_by()
    by_direction = [
        Figure(d, DIRECTIONS.get(d, d), n, _query(province, year, direction=d))
        for d, n in _counted(delegations, "direction", DIRECTIONS)
    ]
    by_status = [
        Figure(s, STATUSES.get(s, s), n, _query(province, year, status=s))
        for s, n in _counted(delegations, "status", STATUSES)
    ]
    by_level = [
        Figure(level, LEVELS.get(level, level), n, _query(province, year, level=level))
        for level, n in _counted(delegations, "level", LEVELS)
    ]
    by_unit = [
        Figure(
            str(owner or ""),
            name or "Chưa rõ đơn vị",
            n,
            _query(province, year, owner=owner) if owner else "",
        )
        for owner, name, n in delegations.values_list("owner_id", "owner__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "owner__name")
        .values_list("owner_id", "owner__name", "n")[:TOP]
    ]
    # the denormalised ",LA,KH," columns: the same codes as the JSON lists, without parsing JSON per row
    rows = [
        (direction, start, end, _codes(countries), _codes(funding))
        for direction, start, end, countries, funding in delegations.values_list(
            "direction", "period_start", "period_end", "countries_key", "funding_key"
        )
    ]
    by_quarter = _quarters([(d, s, e) for d, s, e, _c, _f in rows], province, year)
    countries = Counter(code for *_rest, codes, _f in rows for code in (codes or []))
    by_country = [
        Figure(code, country_name_vi(code), n, _query(province, year, country=code))
        for code, n in sorted(countries.items(), key=lambda item: (-item[1], country_name_vi(item[0])))
    ]
    by_country_direction = {
        direction: [
            Figure(code, country_name_vi(code), n, _query(province, year, direction=direction, country=code))
            for code, n in Counter(
                code for d, _s, _e, codes, _f in rows if d == direction for code in (codes or [])
            ).most_common()
        ]
        for direction in DIRECTIONS
    }
    funding = Counter(category for *_rest, cats in rows for category in (cats or []))
    by_funding = [
        Figure(key, funding_label(key), n, _query(province, year, funding=key))
        for key, n in sorted(funding.items(), key=lambda item: -item[1])
    ]
    report = execution_report(user, province, year, breakdowns=False)
    overdue = {
        "reports": len(report.reports.get("overdue", [])),
        "passports": _overdue_passports(user, province, today),
        "tasks": _overdue_tasks(user, province, today).count(),
    }
    expiring = list(
        agreement_selectors.expiring(
            scope(Agreement.objects.all(), user).filter(province=province), today, EXPIRING_DAYS
        )
    )
    previous = dict(
        year_delegations(user, province, year - 1).order_by().values_list("direction").annotate(n=Count("pk"))
    )
    return Dashboard(
        province=province,
        year=year,
        by_direction=by_direction,
        by_status=by_status,
        by_quarter=by_quarter,
        by_level=by_level,
        by_unit=by_unit,
        by_funding=by_funding,
        by_country=by_country,
        by_country_direction=by_country_direction,
        people={"planned": report.people["planned"], "actual": report.people["actual"]},
        days={"planned": float(report.days["planned"]), "actual": float(report.days["actual"])},
        overdue=overdue,
        expiring=expiring,
        previous={"out": previous.get("out", 0), "in": previous.get("in", 0)},
    )


def _codes(key: str) -> list[str]:
    return [code for code in (key or "").split(",") if code]


def _counted(queryset, name: str, order: dict) -> list[tuple[str, int]]:
    """(value, count) of ``name`` in the order of ``order``'s keys (its choices), zeros left out."""
    counts = dict(queryset.values_list(name).annotate(n=Count("pk")).values_list(name, "n"))
    return [(key, counts[key]) for key in order if counts.get(key)]


def _overdue_passports(user, province: Province, today: datetime.date) -> int:
    from doingoai.delegations.selectors import _passport_items

    visible = delegation_list(user).filter(province=province)
    return sum(1 for item in _passport_items(visible, today) if item.overdue)


def _overdue_tasks(user, province: Province, today: datetime.date):
    return (
        scope(Task.objects.all(), user)
        .filter(province=province, deadline__lt=today)
        .exclude(status=Task.Status.DONE)
    )
