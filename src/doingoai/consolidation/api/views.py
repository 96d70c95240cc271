"""``/api/plan-versions/``: the versions of the provinces' plans, and their approval.

- ``GET /api/plan-versions/?province=…&year=…``: the versions the user may see,
  each with its documents and what it held;
- ``POST /api/plan-versions/{id}/approve/`` with a ``document``: the approval
  recorded, each delegation of the version approved
  (``consolidation.services.version_approve``).
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from doingoai.accounts.scoping import visible_province_ids
from doingoai.consolidation import services
from doingoai.consolidation.api.serializers import ApproveSerializer, PlanVersionSerializer
from doingoai.consolidation.models import ApprovingDocument, PlanVersion


@extend_schema_view(
    list=extend_schema(
        summary="Các phiên bản kế hoạch", description="Lọc theo tỉnh (`province`), năm (`year`)."
    ),
    retrieve=extend_schema(summary="Một phiên bản kế hoạch, các đoàn và văn bản của nó"),
)
class PlanVersionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = PlanVersionSerializer
    filterset_fields = ["province", "year", "kind"]
    queryset = PlanVersion.objects.prefetch_related("documents", "entries").order_by(
        "province", "year", "number"
    )

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset.none()
        return self.queryset.filter(province__in=visible_province_ids(self.request.user))

    @extend_schema(
        summary="Phê duyệt phiên bản theo văn bản phê duyệt: các đoàn trong đó được phê duyệt",
        request=ApproveSerializer,
        responses={200: PlanVersionSerializer},
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        data = ApproveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        version = self.get_object()
        document = ApprovingDocument.objects.filter(
            version=version, pk=data.validated_data["document"]
        ).first()
        outcome = services.version_approve(version, user=request.user, document=document)
        version = self.get_queryset().get(pk=outcome["version"].pk)
        return Response(PlanVersionSerializer(version, context={"request": request}).data)
