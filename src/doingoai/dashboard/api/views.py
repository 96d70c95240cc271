"""``GET /api/dashboard/?province=ID&year=YEAR``: the dashboard's figures.

The same figures as the page (``dashboard.selectors.dashboard``), each with
the query of the delegation list that shows what it counts; a province the
user may not see is a 404, as everywhere in the API.
"""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from doingoai.accounts.scoping import scope
from doingoai.dashboard.selectors import dashboard
from doingoai.organization.models import Province


class DashboardQuerySerializer(serializers.Serializer):
    province = serializers.IntegerField(
        min_value=1,
        help_text="mã (id) của tỉnh trong API",
        error_messages={"invalid": "Mã tỉnh phải là một số.", "required": "Cần chọn tỉnh (province)."},
    )
    year = serializers.IntegerField(
        min_value=1990,
        max_value=2100,
        help_text="năm của kế hoạch",
        error_messages={"invalid": "Năm phải là một số, ví dụ 2025.", "required": "Cần chọn năm (year)."},
    )


def _figures(figures) -> list[dict]:
    return [{"key": f.key, "label": f.label, "count": f.count, "list_query": f.query} for f in figures]


def dashboard_data(board) -> dict:
    return {
        "province": {"id": board.province.pk, "name": board.province.name},
        "year": board.year,
        "total": board.total,
        "by_direction": _figures(board.by_direction),
        "by_status": _figures(board.by_status),
        "by_quarter": {direction: _figures(rows) for direction, rows in board.by_quarter.items()},
        "by_level": _figures(board.by_level),
        "by_unit": _figures(board.by_unit),
        "by_funding": _figures(board.by_funding),
        "by_country": _figures(board.by_country),
        "by_country_direction": {d: _figures(rows) for d, rows in board.by_country_direction.items()},
        "people": board.people,
        "days": board.days,
        "overdue": board.overdue,
        "agreements_expiring": [
            {"id": a.pk, "title": a.title, "expires_on": a.expires_on} for a in board.expiring
        ],
        "previous_year": {"year": board.year - 1, "by_direction": board.previous},
    }


class DashboardViewSet(viewsets.ViewSet):
    """Where a province's year stands."""

    @extend_schema(
        summary="Tổng quan năm của một tỉnh",
        description=(
            "Số đoàn theo chiều (`by_direction`), trạng thái (`by_status`), quý (`by_quarter`, "
            "theo chiều; một đoàn kéo dài hai quý tính ở cả hai), cấp, đơn vị (`by_unit`), "
            "nguồn kinh phí (`by_funding`), nước (`by_country`); số người, số ngày theo kế hoạch "
            "và thực tế; việc quá hạn (`overdue`: báo cáo sau chuyến đi, hộ chiếu, nhiệm vụ); "
            "thỏa thuận sắp hết hạn trong 90 ngày; năm trước. "
            "Mỗi số kèm `list_query`: bộ lọc của danh sách đoàn cho đúng các đoàn đó."
        ),
        parameters=[
            OpenApiParameter("province", int, required=True, description="mã (id) của tỉnh"),
            OpenApiParameter("year", int, required=True, description="năm"),
        ],
        responses={200: dict},
    )
    def list(self, request):
        query = DashboardQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        values = query.validated_data
        province = scope(Province.objects.all(), request.user).filter(pk=values["province"]).first()
        if province is None:
            raise Http404("Không tìm thấy tỉnh này.")
        return Response(dashboard_data(dashboard(request.user, province, values["year"])))
