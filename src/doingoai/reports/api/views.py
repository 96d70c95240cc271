"""``GET /api/reports/execution/?province=ID&year=YEAR[&half=1]``: the execution report.

The figures of ``reports.selectors.execution_report`` for a province the
user may see (another province is a 404, as everywhere in the API).
"""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.response import Response

from doingoai.accounts.scoping import scope
from doingoai.organization.models import Province
from doingoai.reports.api.serializers import ExecutionReportQuerySerializer, report_data
from doingoai.reports.selectors import execution_report


class ExecutionReportViewSet(viewsets.ViewSet):
    """The plan of a year and what became of it."""

    @extend_schema(
        summary="Báo cáo kết quả thực hiện kế hoạch đoàn ra, đoàn vào",
        description=(
            "Theo kế hoạch (`planned`), đã thực hiện (`carried_out`: đang thực hiện, đã về, đã báo cáo), "
            "hoãn, hủy, không đưa vào kế hoạch và phát sinh ngoài kế hoạch (`out_of_plan`, tính riêng). "
            "`totals` đếm số đoàn (một hàng ghi nhiều đoàn tính đủ các đoàn), `records` đếm số hàng; "
            "kèm số người, số ngày, bảng theo cấp, đơn vị, nước và danh sách đoàn của từng nhóm."
        ),
        parameters=[
            OpenApiParameter("province", int, required=True, description="mã (id) của tỉnh"),
            OpenApiParameter("year", int, required=True, description="năm"),
            OpenApiParameter("half", int, required=False, enum=[1], description="1: sáu tháng đầu năm"),
        ],
        responses={200: dict},
    )
    def list(self, request):
        query = ExecutionReportQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        values = query.validated_data
        province = scope(Province.objects.all(), request.user).filter(pk=values["province"]).first()
        if province is None:
            raise Http404
        report = execution_report(request.user, province, values["year"], values.get("half"))
        return Response(report_data(report))
