"""``/api/calendar-feeds/``: the user's calendar addresses (iCalendar), made and revoked.

- ``GET /api/calendar-feeds/``: the user's own addresses not revoked;
- ``POST /api/calendar-feeds/`` with ``{"scope": "province"}``,
  ``{"scope": "unit", "unit": id}`` or ``{"scope": "person", "person": id}``:
  a new address (201, with its ``id``, ``scope`` and ``url``), through
  ``calendars.services.feed_create``, which decides who may follow what;
- ``DELETE /api/calendar-feeds/{id}/``: revoke it (204). Another user's
  address is a 404.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from doingoai.calendars import services
from doingoai.calendars.api.serializers import CalendarFeedCreateSerializer, CalendarFeedSerializer
from doingoai.calendars.models import CalendarFeed


@extend_schema_view(
    list=extend_schema(
        summary="Các địa chỉ lịch của tôi",
        description="Các địa chỉ lịch (iCalendar) bạn đã tạo và chưa thu hồi; `url` là địa chỉ .ics để "
        "thêm vào ứng dụng lịch (giữ bí mật: ai có địa chỉ đều xem được lịch).",
    ),
    retrieve=extend_schema(summary="Một địa chỉ lịch của tôi"),
    create=extend_schema(
        summary="Tạo địa chỉ lịch",
        description="Lịch đoàn ra, đoàn vào của cả tỉnh (`scope` = `province`), của một đơn vị (`unit`, "
        "kèm `unit`) hoặc lịch công tác của một lãnh đạo (`person`, kèm `person`: chỉ Sở Ngoại vụ, hoặc "
        "chính lãnh đạo đó).",
        request=CalendarFeedCreateSerializer,
        responses={201: CalendarFeedSerializer},
    ),
    destroy=extend_schema(
        summary="Thu hồi địa chỉ lịch", description="Địa chỉ cũ trả lời 404 từ nay.", responses={204: None}
    ),
)
class CalendarFeedViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = CalendarFeedSerializer
    ordering_fields = ["created_at", "id"]
    queryset = CalendarFeed.objects.select_related("province", "unit", "person").order_by(
        "-created_at", "-pk"
    )

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset.none()
        return self.queryset.filter(owner=self.request.user, revoked_at__isnull=True)

    def create(self, request, *args, **kwargs):
        data = CalendarFeedCreateSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        feed = services.feed_create(user=request.user, **data.validated_data)
        return Response(
            CalendarFeedSerializer(feed, context={"request": request}).data, status=status.HTTP_201_CREATED
        )

    def destroy(self, request, *args, **kwargs):
        services.feed_revoke(self.get_object(), user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
