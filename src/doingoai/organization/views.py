"""Pages of units (and the provinces list for administrators), and the office-only rule.

Units, partners, plan documents and agreements are reference data the
foreign-affairs office keeps for the whole province: unit staff read them but
may not change them, even an agreement their own unit proposed (``scoping``
alone would let them, as it does for delegations). The mixins below add that
rule on top of the generic pages, which already scope every row to the user's
provinces (404 elsewhere) and refuse leaders (403).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from doingoai.accounts.permissions import role_of
from doingoai.accounts.scoping import EDITORS
from doingoai.core.views import ObjectDeleteView, ObjectDetailView, ObjectEditView, ObjectListView
from doingoai.organization.filtersets import ProvinceFilterSet, UnitFilterSet
from doingoai.organization.forms import UnitForm
from doingoai.organization.models import Province, Unit
from doingoai.organization.tables import ProvinceTable, UnitTable

OFFICE_ONLY = "Chỉ cán bộ Sở Ngoại vụ được thay đổi mục này."


def is_office(user) -> bool:
    """Office staff and administrators: the only ones who change the province's reference data."""
    return role_of(user) in EDITORS


def require_office(user) -> None:
    if not is_office(user):
        raise PermissionDenied(OFFICE_ONLY)


class OfficeListMixin:
    """No "add" button for those who may not add."""

    def get_extra_context(self):
        context = super().get_extra_context()
        if not is_office(self.request.user):
            context["can_add"] = False
        return context


class OfficeDetailMixin:
    """No edit or delete buttons for those who may not use them."""

    def get_extra_context(self):
        context = super().get_extra_context()
        if not is_office(self.request.user):
            context.update(can_edit=False, edit_url=None, delete_url=None)
        return context


class OfficeEditMixin:
    """403 for anyone but office staff, after the row is found (other provinces stay 404)."""

    def get_object_or_new(self):
        obj = super().get_object_or_new()
        require_office(self.request.user)
        return obj


class OfficeDeleteMixin:
    def get_object(self):
        obj = super().get_object()
        require_office(self.request.user)
        return obj


class UnitListView(OfficeListMixin, ObjectListView):
    queryset = Unit.objects.select_related("province")
    filterset_class = UnitFilterSet
    table_class = UnitTable
    template_name = "organization/unit_list.html"
    nav_active = "units"
    title = "Đơn vị"


class UnitDetailView(OfficeDetailMixin, ObjectDetailView):
    queryset = Unit.objects.select_related("province")
    detail_fields = ("province", "name", "kind", "aliases")
    nav_active = "units"

    def format_value(self, name, value):
        if name == "aliases" and isinstance(value, list):
            return "\n".join(value) or "—"
        return super().format_value(name, value)


class UnitEditView(OfficeEditMixin, ObjectEditView):
    queryset = Unit.objects.all()
    form_class = UnitForm
    nav_active = "units"


class UnitDeleteView(OfficeDeleteMixin, ObjectDeleteView):
    queryset = Unit.objects.all()
    nav_active = "units"


class ProvinceListView(ObjectListView):
    """The provinces, for administrators who grant them to accounts; read-only."""

    queryset = Province.objects.select_related("merged_into")
    filterset_class = ProvinceFilterSet
    table_class = ProvinceTable
    nav_active = "units"
    title = "Tỉnh"

    def get(self, request, *args, **kwargs):
        if role_of(request.user) != "admin":
            raise PermissionDenied("Chỉ quản trị hệ thống được xem danh sách tỉnh.")
        return super().get(request, *args, **kwargs)
