"""The warnings' pages, under /canh-bao/: the list of a plan year, and the acknowledgement of one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from doingoai.core.errors import ServiceError
from doingoai.rules import services
from doingoai.rules.checks import rules
from doingoai.rules.forms import AcknowledgeForm
from doingoai.rules.selectors import warning_list, with_titles


@login_required
def warnings_page(request):
    warnings = warning_list(request.user)
    year = request.GET.get("year", "")
    rule = request.GET.get("rule", "")
    if year.isdigit():
        warnings = warnings.filter(year=int(year))
    if rule in rules():
        warnings = warnings.filter(rule=rule)
    if request.GET.get("xac_nhan") == "chua":
        warnings = warnings.filter(acknowledged_at__isnull=True)
    page = Paginator(warnings, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "rules/warning_list.html",
        {
            "page": page,
            "warnings": with_titles(page.object_list),
            "rules": [(key, spec["title"]) for key, spec in rules().items()],
            "year": year,
            "rule": rule,
            "unacknowledged_only": request.GET.get("xac_nhan") == "chua",
            "can_acknowledge": any(services.can_acknowledge(request.user, w) for w in page.object_list),
            "form": AcknowledgeForm(),
            "nav_active": "delegations",
        },
    )


@login_required
@require_POST
def warning_acknowledge(request, pk):
    warning = get_object_or_404(warning_list(request.user), pk=pk)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = warning.delegation.get_absolute_url()
    form = AcknowledgeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Phải ghi ý kiến khi xác nhận cảnh báo.")
        return redirect(back)
    try:
        services.warning_acknowledge(warning, user=request.user, comment=form.cleaned_data["comment"])
    except ServiceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Đã xác nhận cảnh báo.")
    return redirect(back)
