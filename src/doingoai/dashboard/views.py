"""The dashboard's page, at /tong-quan/: a province's year at a glance, every figure a link."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from doingoai.accounts.scoping import default_province, visible_provinces
from doingoai.dashboard.forms import DashboardForm
from doingoai.dashboard.selectors import EXPIRING_DAYS, dashboard
from doingoai.dashboard.world import geometry, world_map


@login_required
def overview(request):
    provinces = visible_provinces(request.user).order_by("name")
    form = DashboardForm(request.GET, provinces=provinces, default_province=default_province(request.user))
    board = None
    maps = {}
    if form.is_valid():
        board = dashboard(request.user, form.cleaned_data["province"], form.cleaned_data["year"])
        maps = {direction: world_map(board, direction) for direction in ("out", "in")}
    return render(
        request,
        "dashboard/overview.html",
        {
            "form": form,
            "board": board,
            "maps": maps,
            "map_geometry": geometry() if maps else "",
            "expiring_days": EXPIRING_DAYS,
            "nav_active": "dashboard",
        },
        status=200 if form.is_valid() or not request.GET else 400,
    )
