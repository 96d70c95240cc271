"""The plan year's timeline page, under /tong-hop/dong-thoi-gian/ (a tab of the plan year's pages)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from doingoai.accounts.permissions import role_of
from doingoai.accounts.scoping import default_province, user_unit, visible_provinces
from doingoai.consolidation.forms_timeline import TimelineForm
from doingoai.consolidation.timeline import year_timeline


def _with_year(request, year: int) -> str:
    """The page's query with another year, the other filters kept."""
    query = request.GET.copy()
    query["year"] = str(year)
    return query.urlencode()


@login_required
def timeline_page(request):
    provinces = visible_provinces(request.user).order_by("name")
    province = default_province(request.user)
    if province is None:
        raise Http404
    today = timezone.localdate()
    form = TimelineForm(
        request.GET,
        user=request.user,
        provinces=provinces,
        default_province=province,
        default_year=today.year,
    )
    context = {
        "form": form,
        "nav_active": "plan_year",
        "tab": "timeline",
        "own_unit": user_unit(request.user) if role_of(request.user) == "unit" else None,
    }
    if form.is_valid():
        values = form.cleaned_data
        context["year_links"] = {
            "previous": _with_year(request, values["year"] - 1),
            "next": _with_year(request, values["year"] + 1),
        }
        context["timeline"] = year_timeline(
            request.user,
            values["province"],
            values["year"],
            direction=values["direction"],
            level=values["level"],
            unit=values["unit"],
            state=values["state"],
            today=today,
        )
    return render(request, "consolidation/timeline.html", context)
