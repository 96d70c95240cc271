"""Pages of units (and the provinces list for administrators).

Units are reference data the foreign-affairs office keeps for the whole
province: everyone of the province reads them, the office changes them
(``organization.services``; the pages show the buttons the services allow).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from doingoai.accounts.permissions import role_of
from doingoai.core.views import ObjectDeleteView, ObjectDetailView, ObjectEditView, ObjectListView
from doingoai.organization import services
from doingoai.organization.filtersets import ProvinceFilterSet, UnitFilterSet
from doingoai.organization.forms import UnitForm
from doingoai.organization.models import Province, Unit
from doingoai.organization.tables import ProvinceTable, UnitTable


class UnitListView(ObjectListView):
    queryset = Unit.objects.select_related("province")
    filterset_class = UnitFilterSet
    table_class = UnitTable
    operations = services.UNITS
    template_name = "organization/unit_list.html"
    nav_active = "units"
    title = "Đơn vị"


class UnitDetailView(ObjectDetailView):
    queryset = Unit.objects.select_related("province")
    operations = services.UNITS
    detail_fields = ("province", "name", "kind", "aliases")
    nav_active = "units"

    def format_value(self, name, value):
        if name == "aliases" and isinstance(value, list):
            return "\n".join(value) or "—"
        return super().format_value(name, value)


class UnitEditView(ObjectEditView):
    queryset = Unit.objects.all()
    operations = services.UNITS
    form_class = UnitForm
    nav_active = "units"


class UnitDeleteView(ObjectDeleteView):
    queryset = Unit.objects.all()
    operations = services.UNITS
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
