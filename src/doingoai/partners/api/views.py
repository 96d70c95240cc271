"""API view of foreign partners (written by office staff only, through ``partners.services``)."""

from __future__ import annotations

from doingoai.core.api.views import ScopedModelViewSet
from doingoai.partners import services
from doingoai.partners.api.serializers import PartnerSerializer
from doingoai.partners.filtersets import PartnerFilterSet
from doingoai.partners.models import Partner


class PartnerViewSet(ScopedModelViewSet):
    queryset = Partner.objects.select_related("province")
    serializer_class = PartnerSerializer
    filterset_class = PartnerFilterSet
    ordering_fields = ["name", "country", "kind"]
    operations = services.PARTNERS
