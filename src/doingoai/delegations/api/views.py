"""``/api/delegations/``: the list and the rows the pages show, with the same scope, rules and filters.

Reading is scoped like the pages (``scoping.scope``: the user's provinces,
active rows); writing follows ``RolePermission`` (the default permission
class: office edits all, unit staff their unit's rows, leaders nothing).
Deleting hides the row (soft delete) as on the pages.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.pagination import LimitOffsetPagination

from doingoai.accounts.permissions import RolePermission, role_of
from doingoai.accounts.scoping import can_edit
from doingoai.core.views import default_province, scoped
from doingoai.delegations.api.serializers import DelegationSerializer
from doingoai.delegations.filtersets import DelegationFilterSet
from doingoai.delegations.models import Delegation


@extend_schema_view(
    list=extend_schema(summary="Danh sách đoàn ra, đoàn vào",
                       description="Lọc theo năm, loại đoàn, cấp, nước (mã ISO), đơn vị, trạng thái, quý, "
                                   "nguồn kinh phí; `q` tìm không phân biệt hoa thường và dấu."),
    retrieve=extend_schema(summary="Một đoàn"),
    create=extend_schema(summary="Thêm đoàn"),
    update=extend_schema(summary="Sửa đoàn"),
    partial_update=extend_schema(summary="Sửa một phần đoàn (ví dụ trạng thái)"),
    destroy=extend_schema(summary="Xóa đoàn (ẩn đi, vẫn lưu trong cơ sở dữ liệu)"),
)
class DelegationViewSet(viewsets.ModelViewSet):
    serializer_class = DelegationSerializer
    filterset_class = DelegationFilterSet
    permission_classes = [RolePermission]
    pagination_class = LimitOffsetPagination
    ordering_fields = ["year", "period_start", "people_max", "status", "name", "tt", "id", "updated_at"]
    queryset = Delegation.objects.none()  # for the schema; get_queryset scopes the real one

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Delegation.objects.none()
        return scoped(Delegation.objects.select_related("owner").defer("search_text"), self.request.user)

    def perform_create(self, serializer):
        user = self.request.user
        extra = {}
        if role_of(user) == "unit":
            extra["owner"] = user.profile.unit
        owner = extra.get("owner") or serializer.validated_data.get("owner")
        province = owner.province if owner is not None else default_province(user)
        if province is None:
            raise PermissionDenied("Tài khoản của bạn chưa được gán tỉnh nào.")
        if not can_edit(user, Delegation(province=province, owner=owner)):
            raise PermissionDenied("Bạn không có quyền thêm đoàn cho đơn vị này.")
        serializer.save(province=province, **extra)

    def perform_update(self, serializer):
        owner = serializer.validated_data.get("owner", serializer.instance.owner)
        candidate = Delegation(province_id=owner.province_id if owner else serializer.instance.province_id,
                               owner=owner)
        if not can_edit(self.request.user, candidate):
            raise PermissionDenied("Bạn không có quyền giao đoàn này cho đơn vị khác.")
        if owner is not None and owner.pk != serializer.instance.owner_id:
            serializer.save(province=owner.province)
        else:
            serializer.save()

    def perform_destroy(self, instance):
        instance.soft_delete()
