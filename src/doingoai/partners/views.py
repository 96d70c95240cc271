"""Pages of foreign partners: office staff keep and merge them, everyone of the province reads them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from doingoai.core.errors import ServiceError
from doingoai.core.parsing import is_country_code
from doingoai.core.views import ObjectDeleteView, ObjectDetailView, ObjectEditView, ObjectListView
from doingoai.dashboard.world import geometry
from doingoai.extraction.normalize.places import country_name_vi
from doingoai.partners import maps, selectors, services
from doingoai.partners.filtersets import PartnerFilterSet
from doingoai.partners.forms import MergeForm, PartnerForm
from doingoai.partners.models import Partner, PartnerMerge
from doingoai.partners.tables import PartnerTable

#: rows of each list on a partner's or a country's page
SHOWN = 50


class PartnerListView(ObjectListView):
    queryset = Partner.objects.select_related("province")
    operations = services.PARTNERS
    filterset_class = PartnerFilterSet
    table_class = PartnerTable
    title = "Đối tác nước ngoài"

    def get_scoped_queryset(self):
        return selectors.partner_list(self.request.user)


class PartnerDetailView(ObjectDetailView):
    queryset = Partner.objects.select_related("province", "merged_into")
    operations = services.PARTNERS
    detail_fields = ("province", "name", "kind", "country", "subdivision", "aliases", "relationship")
    template_name = "partners/partner_detail.html"

    def format_value(self, name, value):
        if name == "country" and value:
            return f"{country_name_vi(value)} ({value})"
        if name == "aliases":
            return ", ".join(value or []) or "—"
        return super().format_value(name, value)

    def get_extra_context(self):
        partner, user = self.object, self.request.user
        delegations = selectors.partner_delegations(partner, user)
        agreements = selectors.partner_agreements(partner, user)
        can_merge = services.can_merge(user, partner) and partner.merged_into_id is None
        return {
            "delegations": delegations[:SHOWN],
            "delegation_count": delegations.count(),
            "agreements": agreements[:SHOWN],
            "tasks": selectors.partner_tasks(partner, user, delegations)[:SHOWN],
            "timeline": selectors.timeline(delegations, agreements),
            "merges": selectors.partner_merges(partner),
            "can_merge": can_merge,
            "merge_form": MergeForm(partner=partner, user=user) if can_merge else None,
        }


class PartnerEditView(ObjectEditView):
    queryset = Partner.objects.all()
    operations = services.PARTNERS
    form_class = PartnerForm


class PartnerDeleteView(ObjectDeleteView):
    queryset = Partner.objects.all()
    operations = services.PARTNERS


def _visible_partner(request, pk) -> Partner:
    return get_object_or_404(selectors.partner_list(request.user), pk=pk)


@login_required
@require_POST
def partner_merge(request, pk):
    """Merge the chosen partner into this one (the office)."""
    kept = _visible_partner(request, pk)
    form = MergeForm(request.POST, partner=kept, user=request.user)
    if not form.is_valid():
        messages.error(request, form.first_error())
        return redirect("partners:partner_detail", kept.pk)
    merged = form.cleaned_data["merged"]
    try:
        services.partner_merge(kept, merged, user=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Đã gộp «{merged.name}» vào «{kept.name}». Có thể hoàn tác bên dưới.")
    return redirect("partners:partner_detail", kept.pk)


@login_required
@require_POST
def partner_merge_undo(request, pk):
    """Undo a merge (the office); both partners are as they were."""
    merge = get_object_or_404(PartnerMerge.objects.select_related("kept", "merged"), pk=pk)
    if not selectors.partner_list(request.user).filter(pk=merge.kept_id).exists():
        raise Http404("Không tìm thấy lần gộp này.")
    try:
        services.partner_merge_undo(merge, user=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Đã hoàn tác: «{merge.merged.name}» lại là một đối tác riêng.")
    return redirect("partners:partner_detail", merge.merged_id)


@login_required
def country_detail(request, code):
    """A country: its partners, the delegations both ways by year, the agreements."""
    code = code.upper()
    if not is_country_code(code) or code == "VN":
        raise Http404("Không có nước này.")
    overview = selectors.country_overview(code, request.user)
    localities = [
        maps.MapPoint(
            partner.subdivision,
            partner.name,
            partner.delegation_count,
            reverse("partners:partner_detail", args=[partner.pk]),
        )
        for partner in overview.partners.filter(kind=Partner.Kind.LOCALITY).exclude(subdivision="")
    ]
    localities_map = maps.localities_map(
        localities,
        title=f"Các địa phương đối tác của {country_name_vi(code)}",
        map_id="localities",
        country=code,
    )
    return render(
        request,
        "partners/country_detail.html",
        {
            "title": country_name_vi(code),
            "overview": overview,
            "partners": overview.partners[:SHOWN],
            "delegations": overview.delegations[:SHOWN],
            "delegation_count": overview.delegations.count(),
            "agreements": overview.agreements[:SHOWN],
            "localities_map": localities_map,
            "map_geometry": geometry() if localities_map["svg"] else "",
            "nav_active": "partners",
        },
    )
