"""The consolidation's pages, under /tong-hop/: the plan year's proposals in the plan's tables, its versions.

Views only route: every change is a call to ``consolidation.services``,
whose refusals are shown as messages.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from doingoai.accounts.scoping import default_province, scope, visible_province_ids, visible_provinces
from doingoai.collection.selectors import current_round
from doingoai.consolidation import services
from doingoai.consolidation.forms import (
    ApproveForm,
    ConsolidationForm,
    DocumentForm,
    ProposalForm,
    VersionForm,
)
from doingoai.consolidation.models import ApprovingDocument, PlanVersion
from doingoai.consolidation.selectors import consolidation, version_changes, version_tables
from doingoai.core.attachments import attachments_of
from doingoai.core.errors import ServiceError
from doingoai.delegations.models import Delegation


def _back(province_id: int, year: int, grouping: str = "") -> str:
    suffix = f"&nhom={grouping}" if grouping else ""
    return f"/tong-hop/?province={province_id}&year={year}{suffix}"


def _refused(request, error: ServiceError) -> None:
    messages.error(request, error.message)  # an InvalidInput's message is its first field's


@login_required
def consolidation_page(request):
    provinces = visible_provinces(request.user).order_by("name")
    province = default_province(request.user)
    latest = current_round(province.pk) if province is not None else None
    form = ConsolidationForm(
        request.GET,
        provinces=provinces,
        default_province=province,
        default_year=latest.year if latest is not None else None,
    )
    if not form.is_valid():
        if province is None:
            raise Http404
        return render(
            request,
            "consolidation/consolidation.html",
            {"form": form, "nav_active": "plan_year", "tab": "consolidation"},
        )
    values = form.cleaned_data
    plan = consolidation(values["province"], values["year"], values.get("nhom") or "muc")
    office = services.can_consolidate(request.user, values["province"].pk)
    return render(
        request,
        "consolidation/consolidation.html",
        {
            "form": form,
            "plan": plan,
            "office": office,
            "version_form": VersionForm() if office else None,
            "nav_active": "plan_year",
            "tab": "consolidation",
        },
    )


def _delegation(request, pk) -> Delegation:
    return get_object_or_404(scope(Delegation.objects.all(), request.user).select_related("owner"), pk=pk)


@login_required
@require_POST
def proposal_action(request, pk):
    delegation = _delegation(request, pk)
    form = ProposalForm(request.POST)
    back = _back(delegation.province_id, delegation.year, request.POST.get("nhom", ""))
    if not form.is_valid():
        messages.error(request, "Yêu cầu không hợp lệ.")
        return redirect(back)
    values = form.cleaned_data
    try:
        if values["action"] == "take_in":
            services.proposal_take_in(delegation, user=request.user)
            done = "Đã đưa vào kế hoạch"
        elif values["action"] == "leave_out":
            services.proposal_leave_out(delegation, user=request.user, reason=values["reason"])
            done = "Đã không đưa vào kế hoạch"
        else:
            into = scope(Delegation.objects.all(), request.user).filter(pk=values.get("into") or 0).first()
            services.proposal_merge(delegation, user=request.user, into=into, reason=values["reason"])
            done = f"Đã gộp vào đoàn «{into.name[:80]}»"
    except ServiceError as error:
        _refused(request, error)
    else:
        messages.success(request, f"{done}: {delegation.name[:100]}.")
    return redirect(f"{back}#de-xuat-{delegation.pk}")


@login_required
@require_POST
def take_in_many(request):
    """Take several waiting proposals in at once (the checked rows)."""
    ids = [int(value) for value in request.POST.getlist("ids") if value.isdigit()]
    chosen = list(scope(Delegation.objects.all(), request.user).filter(pk__in=ids).select_related("owner"))
    if not chosen:
        messages.error(request, "Hãy chọn ít nhất một đề xuất.")
        return redirect(request.POST.get("back") or "/tong-hop/")
    taken, refused = 0, []
    for delegation in chosen:
        try:
            services.proposal_take_in(delegation, user=request.user)
        except ServiceError as error:
            refused.append(f"{delegation.name[:60]}: {error.message}")
        else:
            taken += 1
    if taken:
        messages.success(request, f"Đã đưa {taken} đề xuất vào kế hoạch.")
    for text in refused[:5]:
        messages.error(request, text)
    first = chosen[0]
    return redirect(_back(first.province_id, first.year, request.POST.get("nhom", "")))


@login_required
@require_POST
def version_create(request):
    provinces = visible_provinces(request.user)
    province = provinces.filter(pk=request.POST.get("province") or 0).first()
    year = request.POST.get("year", "")
    if province is None or not year.isdigit():
        raise Http404
    form = VersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Hãy chọn loại phiên bản.")
        return redirect(_back(province.pk, int(year)))
    try:
        version = services.version_create(
            user=request.user, province=province, year=int(year), **form.cleaned_data
        )
    except ServiceError as error:
        _refused(request, error)
        return redirect(_back(province.pk, int(year)))
    messages.success(request, f"Đã lập phiên bản {version.number}: {version.entries.count()} đoàn.")
    return redirect(version.get_absolute_url())


def _versions(user):
    return PlanVersion.objects.filter(province__in=visible_province_ids(user))


@login_required
def version_page(request, pk):
    version = get_object_or_404(
        _versions(request.user).select_related("province", "approving_document"), pk=pk
    )
    office = services.can_consolidate(request.user, version.province_id)
    approver = services.can_approve(request.user, version.province_id)
    documents = list(version.documents.select_related("attachment"))
    return render(
        request,
        "consolidation/version.html",
        {
            "version": version,
            "tables": version_tables(version),
            "changes": version_changes(version),
            "documents": documents,
            "files": attachments_of(version),
            "office": office,
            "document_form": DocumentForm() if office and not version.approved else None,
            "can_approve": approver and not version.approved and version.can_approve_delegations,
            "back": _back(version.province_id, version.year),
            "nav_active": "plan_year",
            "tab": "consolidation",
        },
    )


@login_required
@require_POST
def version_document(request, pk):
    version = get_object_or_404(_versions(request.user), pk=pk)
    form = DocumentForm(request.POST, request.FILES)
    if not form.is_valid():
        for texts in form.errors.values():
            messages.error(request, " ".join(texts))
        return redirect(f"{version.get_absolute_url()}#van-ban")
    values = dict(form.cleaned_data)
    upload = values.pop("file", None)
    try:
        services.version_document_add(
            version,
            user=request.user,
            file_name=upload.name if upload else "",
            data=upload.read() if upload else None,
            **values,
        )
    except ServiceError as error:
        _refused(request, error)
    else:
        messages.success(request, f"Đã ghi văn bản số {values['number']}.")
    return redirect(f"{version.get_absolute_url()}#van-ban")


@login_required
@require_POST
def version_approve(request, pk):
    version = get_object_or_404(_versions(request.user), pk=pk)
    form = ApproveForm(request.POST)
    document = None
    if form.is_valid():
        document = ApprovingDocument.objects.filter(version=version, pk=form.cleaned_data["document"]).first()
    try:
        outcome = services.version_approve(version, user=request.user, document=document)
    except ServiceError as error:
        _refused(request, error)
    else:
        extra = []
        if outcome["already"]:
            extra.append(f"{outcome['already']} đoàn đã được phê duyệt trước")
        if outcome["dropped"]:
            extra.append(f"{outcome['dropped']} đoàn đã bỏ khỏi kế hoạch hoặc đã hủy, không phê duyệt")
        tail = f" ({'; '.join(extra)})" if extra else ""
        messages.success(
            request, f"Đã phê duyệt phiên bản {version.number}: {len(outcome['approved'])} đoàn{tail}."
        )
    return redirect(version.get_absolute_url())
