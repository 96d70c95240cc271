"""The execution report in the API: the query it takes, the figures it answers."""

from __future__ import annotations

from rest_framework import serializers

from doingoai.reports.selectors import BREAKDOWN_GROUPS, GROUPS

TOTALS = tuple(GROUPS)


class ExecutionReportQuerySerializer(serializers.Serializer):
    """``?province=ID&year=YEAR[&half=1]``: the province by its API id."""

    province = serializers.IntegerField(min_value=1, help_text="mã (id) của tỉnh trong API")
    year = serializers.IntegerField(min_value=1990, max_value=2100, help_text="năm của kế hoạch")
    half = serializers.ChoiceField(
        choices=[(1, "6 tháng đầu năm")],
        required=False,
        allow_null=True,
        help_text="1: sáu tháng đầu năm; bỏ trống: cả năm",
    )


def _figures(figures: dict) -> dict:
    return {
        group: {"records": figures[group].records, "delegations": figures[group].delegations}
        for group in BREAKDOWN_GROUPS
    }


def _delegation(delegation) -> dict:
    return {
        "id": delegation.pk,
        "name": delegation.name,
        "direction": delegation.direction,
        "level": delegation.level,
        "status": delegation.status,
        "status_label": delegation.get_status_display(),
        "out_of_plan": delegation.out_of_plan,
        "owner": delegation.owner.name if delegation.owner_id else None,
        "countries": delegation.countries,
        "country_names": delegation.country_names,
        "period": delegation.period_label,
        "departed_on": delegation.departed_on,
        "returned_on": delegation.returned_on,
        "delegations": max(delegation.delegation_count or 1, 1),
    }


def report_data(report) -> dict:
    """The report as the API answers it (``totals`` count delegations, ``records`` the plan's rows)."""
    return {
        "province": {"id": report.province.pk, "name": report.province.name},
        "year": report.year,
        "half": report.half,
        "title": report.title,
        "totals": {group: report.totals[group].delegations for group in TOTALS},
        "records": {group: report.totals[group].records for group in TOTALS},
        "people": report.people,
        "days": {key: float(value) for key, value in report.days.items()},
        "by_level": [{"key": r.key, "label": r.label, **_figures(r.figures)} for r in report.by_level],
        "by_unit": [{"key": r.key, "label": r.label, **_figures(r.figures)} for r in report.by_unit],
        "by_country": [{"key": r.key, "label": r.label, **_figures(r.figures)} for r in report.by_country],
        "groups": {group: [_delegation(d) for d in report.groups[group]] for group in TOTALS},
        "reports_after_trips": {state: [d.pk for d in rows] for state, rows in report.reports.items()},
    }
