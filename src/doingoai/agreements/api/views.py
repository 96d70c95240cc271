"""API view of international agreements (written by office staff only, through ``agreements.services``)."""

from __future__ import annotations

from doingoai.agreements import services
from doingoai.agreements.api.serializers import AgreementSerializer
from doingoai.agreements.filtersets import AgreementFilterSet
from doingoai.agreements.models import Agreement
from doingoai.core.api.views import ScopedModelViewSet


class AgreementViewSet(ScopedModelViewSet):
    queryset = Agreement.objects.select_related("owner", "province")
    serializer_class = AgreementSerializer
    filterset_class = AgreementFilterSet
    ordering_fields = ["year", "title", "status", "period_start", "id"]
    operations = services.AGREEMENTS
