"""Values every page's layout needs: the navigation and the user's role."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from doingoai.accounts.permissions import role_of

#: (label, URL name, key) of the main navigation, in order
NAVIGATION = [
    (_("Việc cần làm"), "inbox:inbox", "inbox"),
    (_("Tổng quan"), "dashboard:overview", "dashboard"),
    (_("Đoàn ra, đoàn vào"), "delegations:delegation_list", "delegations"),
    (_("Nhập văn bản"), "plans:import_start", "import"),
    (_("Văn bản"), "plans:plandocument_list", "plans"),
    (_("Thỏa thuận"), "agreements:agreement_list", "agreements"),
    (_("Nhiệm vụ"), "tasks:task_list", "tasks"),
    (_("Kế hoạch"), "collection:round", "plan_year"),
    (_("Đối tác"), "partners:partner_list", "partners"),
    (_("Người đi, đón"), "people:person_list", "people"),
    (_("Đơn vị"), "organization:unit_list", "units"),
    (_("Tài khoản"), "accounts:account_list", "accounts"),
]

ROLE_LABELS = {
    "office": _("Cán bộ Sở Ngoại vụ"),
    "unit": _("Cán bộ đơn vị"),
    "leader": _("Lãnh đạo"),
    "admin": _("Quản trị hệ thống"),
}


def navigation(request):
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    role = role_of(user)
    items = []
    for label, name, key in NAVIGATION:
        if key == "import" and role == "leader":
            continue  # leaders read; they do not import
        if key == "accounts" and role != "admin":
            continue  # accounts are the administrators' work
        try:
            items.append((label, reverse(name), key))
        except NoReverseMatch:  # a section not installed in this deployment
            continue
    return {"navigation": items, "user_role": role, "user_role_label": ROLE_LABELS.get(role, "")}
