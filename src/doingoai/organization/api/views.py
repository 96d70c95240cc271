"""API views of provinces and units."""

from __future__ import annotations

from rest_framework import viewsets

from doingoai.accounts.scoping import scope
from doingoai.core.api.views import ScopedModelViewSet
from doingoai.organization import services
from doingoai.organization.api.serializers import ProvinceSerializer, UnitSerializer
from doingoai.organization.filtersets import ProvinceFilterSet, UnitFilterSet
from doingoai.organization.models import Province, Unit


class ProvinceViewSet(viewsets.ReadOnlyModelViewSet):
    """The provinces the user may see (read-only: provinces are set up by administrators)."""

    queryset = Province.objects.all()
    serializer_class = ProvinceSerializer
    filterset_class = ProvinceFilterSet
    ordering_fields = ["name", "code"]

    def get_queryset(self):
        return scope(self.queryset.all(), self.request.user)


class UnitViewSet(ScopedModelViewSet):
    queryset = Unit.objects.select_related("province")
    serializer_class = UnitSerializer
    filterset_class = UnitFilterSet
    ordering_fields = ["name", "kind", "province__name"]
    operations = services.UNITS
