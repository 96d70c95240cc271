"""Pages of the register of people, each person's trips, and who holds a title each year."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from doingoai.accounts.scoping import default_province, visible_provinces
from doingoai.core.errors import InvalidInput, NotAllowed, ServiceError
from doingoai.core.views import (
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    permission_denied,
)
from doingoai.people import services
from doingoai.people.filtersets import PersonFilterSet
from doingoai.people.forms import PersonForm, TitleHoldingForm
from doingoai.people.models import Person, TitleHolding
from doingoai.people.tables import PersonTable


class PersonListView(ObjectListView):
    queryset = Person.objects.select_related("unit")
    operations = services.PEOPLE
    filterset_class = PersonFilterSet
    table_class = PersonTable
    template_name = "people/person_list.html"
    nav_active = "people"
    title = "Người đi, người đón"


class PersonDetailView(ObjectDetailView):
    queryset = Person.objects.select_related("province", "unit")
    operations = services.PEOPLE
    detail_fields = ("full_name", "title", "body", "unit", "key_position", "notes", "province")
    template_name = "people/person_detail.html"
    nav_active = "people"
    list_title = "Người đi, người đón"

    def get_extra_context(self):
        memberships = (
            self.object.memberships.filter(delegation__deleted_at__isnull=True)
            .select_related("delegation")
            .order_by("-delegation__year", "-delegation__period_start")
        )
        return {"memberships": memberships}


class PersonEditView(ObjectEditView):
    queryset = Person.objects.all()
    operations = services.PEOPLE
    form_class = PersonForm
    nav_active = "people"
    list_title = "Người đi, người đón"


class PersonDeleteView(ObjectDeleteView):
    queryset = Person.objects.all()
    operations = services.PEOPLE
    nav_active = "people"


# --------------------------------------------------------------------------- who holds a title


def _number(value) -> int | None:
    return int(value) if isinstance(value, str) and value.strip().isdigit() else None


def _holdings_url(province_id: int, year: int | None) -> str:
    query = {"province": province_id, **({"year": year} if year else {})}
    return f"{reverse('people:title_holdings')}?{urlencode(query)}"


@login_required
def title_holdings(request):
    """The titles of a province's year and who holds them; the office adds, changes and deletes them."""
    provinces = visible_provinces(request.user).order_by("name")
    source = request.POST if request.method == "POST" else request.GET
    province = provinces.filter(pk=_number(source.get("province")) or 0).first() or default_province(
        request.user
    )
    if province is None:
        raise Http404
    holdings = TitleHolding.objects.filter(province=province, deleted_at__isnull=True)
    year = _number(request.GET.get("year"))
    year = year if year in services.YEARS else timezone.localdate().year
    editable = services.can_change_title_holdings(request.user, province.pk)
    holding = None
    chosen = _number(source.get("holding") or source.get("sua"))
    if chosen:
        holding = get_object_or_404(holdings, pk=chosen)
        year = holding.year
    people = Person.objects.filter(province=province, deleted_at__isnull=True)
    form = None
    if request.method == "POST":
        form = TitleHoldingForm(request.POST, people=people, holding=holding)
        if form.is_valid():
            values = form.service_values()
            try:
                saved = services.title_holding_save(
                    user=request.user,
                    province=province,
                    year=values["year"],
                    title=values["title"],
                    people=list(values["people"]),
                    holding=holding,
                    version=form.version,
                )
            except InvalidInput as error:
                form.add_service_errors(error)
            except NotAllowed as error:
                return permission_denied(request, error)
            except ServiceError as error:
                messages.error(request, error.message)
                return redirect(_holdings_url(province.pk, year))
            else:
                messages.success(
                    request, f"Đã lưu «{saved.title}» năm {saved.year}; kế hoạch năm đã được kiểm tra lại."
                )
                return redirect(_holdings_url(province.pk, saved.year))
        posted = _number(request.POST.get("year"))
        year = posted if posted in services.YEARS else year
    elif editable:
        form = TitleHoldingForm(people=people, holding=holding, initial=None if holding else {"year": year})
    years = sorted({*holdings.values_list("year", flat=True), year}, reverse=True)
    return render(
        request,
        "people/title_holdings.html",
        {
            "province": province,
            "provinces": provinces,
            "year": year,
            "years": years,
            "holdings": holdings.filter(year=year).prefetch_related("people"),
            "holding": holding,
            "form": form if editable else None,
            "editable": editable,
            "nav_active": "people",
        },
        status=400 if form is not None and form.is_bound else 200,
    )


@login_required
@require_POST
def title_holding_delete(request, pk):
    holding = get_object_or_404(
        TitleHolding.objects.filter(province__in=visible_provinces(request.user), deleted_at__isnull=True),
        pk=pk,
    )
    try:
        services.title_holding_delete(
            holding, user=request.user, version=_number(request.POST.get("version"))
        )
    except NotAllowed as error:
        return permission_denied(request, error)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, f"Đã xóa «{holding.title}» năm {holding.year}; kế hoạch năm đã được kiểm tra lại."
        )
    return redirect(_holdings_url(holding.province_id, holding.year))
