"""``/api/warnings/``: the warnings of the plan, and their acknowledgement.

- ``GET /api/warnings/?year=…&rule=…`` (also ``delegation``, ``acknowledged``,
  ``active``; by default the active ones): the warnings of the provinces the
  user sees;
- ``POST /api/warnings/{id}/acknowledge/`` with a ``comment``: the office
  acknowledges one (``rules.services.warning_acknowledge``).
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from doingoai.accounts.scoping import visible_province_ids
from doingoai.rules import services
from doingoai.rules.api.serializers import AcknowledgeSerializer, WarningSerializer
from doingoai.rules.filtersets import WarningFilterSet
from doingoai.rules.models import Warning


@extend_schema_view(
    list=extend_schema(
        summary="Các cảnh báo theo quy định",
        description="Lọc theo năm (`year`), quy định (`rule`), đoàn, đã xác nhận, còn hiệu lực "
        "(mặc định chỉ các cảnh báo còn hiệu lực).",
    ),
    retrieve=extend_schema(summary="Một cảnh báo"),
)
class WarningViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = WarningSerializer
    filterset_class = WarningFilterSet
    queryset = Warning.objects.select_related("acknowledged_by").order_by(
        "year", "delegation_id", "rule", "key"
    )

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset.none()
        queryset = self.queryset.filter(
            province__in=visible_province_ids(self.request.user), delegation__deleted_at__isnull=True
        )
        if self.action == "list" and "active" not in self.request.query_params:
            queryset = queryset.filter(active=True)
        return queryset

    @extend_schema(
        summary="Xác nhận một cảnh báo, kèm ý kiến",
        request=AcknowledgeSerializer,
        responses={200: WarningSerializer},
    )
    @action(detail=True, methods=["post"])
    def acknowledge(self, request, pk=None):
        data = AcknowledgeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        warning = services.warning_acknowledge(
            self.get_object(), user=request.user, comment=data.validated_data["comment"]
        )
        return Response(WarningSerializer(warning, context={"request": request}).data)
