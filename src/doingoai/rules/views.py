"""The warnings' pages, under /canh-bao/: the list of a plan year, and the acknowledgement of one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from doingoai.accounts.scoping import default_province, visible_provinces
from doingoai.core.errors import ServiceError
from doingoai.rules import services
from doingoai.rules.checks import rules
from doingoai.rules.forms import AcknowledgeForm
from doingoai.rules.selectors import warning_list

#: the Vietnamese names of the rules' parameters
PARAM_LABELS = {
    "limit": "Giới hạn",
    "directions": "Áp dụng cho loại đoàn (out: đoàn ra, in: đoàn vào), mỗi dòng một loại",
    "max_trips": "Số chuyến tối đa trong năm",
    "key_titles": "Chức danh lãnh đạo chủ chốt (viết không dấu, chữ thường), mỗi dòng một chức danh",
    "top_titles": "Chức danh lãnh đạo chủ chốt của tỉnh (không dấu, chữ thường), mỗi dòng một chức danh",
    "years": "Số năm",
    "similarity": "Độ giống nhau tối thiểu của nội dung (0–100)",
    "max_period_months": "Thời gian dài nhất được coi là rõ (tháng)",
    "not_a_person": "Cách ghi trưởng đoàn không chỉ một người cụ thể (không dấu), mỗi dòng một cách",
}


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
            "warnings": page.object_list,
            "rules": [(key, spec["title"]) for key, spec in rules().items()],
            "year": year,
            "rule": rule,
            "unacknowledged_only": request.GET.get("xac_nhan") == "chua",
            "can_acknowledge": any(services.can_acknowledge(request.user, w) for w in page.object_list),
            "form": AcknowledgeForm(),
            "nav_active": "plan_year",
            "tab": "warnings",
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


@login_required
def rule_settings(request):
    """The rules a province checks its plan against, each on or off, with its limits."""
    provinces = visible_provinces(request.user).order_by("name")
    province = provinces.filter(pk=request.GET.get("province") or request.POST.get("province") or 0).first()
    province = province or default_province(request.user)
    if province is None:
        raise Http404
    editable = services.can_change_settings(request.user, province)
    if request.method == "POST":
        rule = request.POST.get("rule", "")
        spec = rules().get(rule, {"params": {}})
        params = {name: request.POST.get(f"param_{name}", "") for name in spec["params"]}
        try:
            services.rule_setting_save(
                province, rule, user=request.user, enabled=request.POST.get("enabled") == "on", params=params
            )
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "Đã lưu thiết lập; các cảnh báo đã được kiểm tra lại.")
        return redirect(f"{request.path}?province={province.pk}#quy-dinh-{rule}")
    settings = services.settings_for(province.pk)
    items = []
    for rule, spec in rules().items():
        setting = settings[rule]
        params = [
            {
                "name": name,
                "value": "\n".join(value) if isinstance(value, list) else value,
                "is_list": isinstance(value, list),
                "label": PARAM_LABELS.get(name, name),
            }
            for name, value in setting["params"].items()
            if not isinstance(value, bool)
        ]
        items.append({"rule": rule, "spec": spec, "enabled": setting["enabled"], "params": params})
    return render(
        request,
        "rules/rule_settings.html",
        {
            "items": items,
            "province": province,
            "provinces": provinces,
            "editable": editable,
            "nav_active": "delegations",
        },
    )
