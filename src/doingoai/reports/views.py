"""The execution report's page, at /bao-cao/thuc-hien/: the figures, the tables, the lists."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from doingoai.accounts.scoping import default_province, visible_provinces
from doingoai.reports.forms import ExecutionReportForm
from doingoai.reports.selectors import BREAKDOWN_GROUPS, GROUPS, REPORT_STATES, execution_report


@login_required
def execution(request):
    provinces = visible_provinces(request.user).order_by("name")
    form = ExecutionReportForm(
        request.GET, provinces=provinces, default_province=default_province(request.user)
    )
    report = None
    if form.is_valid():
        values = form.cleaned_data
        half = int(values["half"]) if values.get("half") else None
        report = execution_report(request.user, values["province"], values["year"], half)
    return render(
        request,
        "reports/execution.html",
        {
            "form": form,
            "report": report,
            "groups": GROUPS,
            "report_states": REPORT_STATES,
            "breakdown_groups": [(key, GROUPS[key]) for key in BREAKDOWN_GROUPS],
            "nav_active": "plan_year",
            "tab": "report",
        },
    )
