"""``GET /api/exports/appendix/``: the plan's appendix tables as a Word or Excel file."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.views import APIView

from doingoai.documents import appendix
from doingoai.documents.api.negotiation import FileFormatNegotiation
from doingoai.documents.forms import AppendixForm
from doingoai.documents.selectors import appendix_request
from doingoai.documents.views_appendix import file_response


class AppendixExportView(APIView):
    content_negotiation_class = FileFormatNegotiation

    @extend_schema(
        summary="Bảng phụ lục kế hoạch đoàn ra (Mẫu 04), đoàn vào (Mẫu 05), tệp Word hoặc Excel",
        description="Các đoàn của kế hoạch năm (mọi trạng thái trừ dự thảo, đã gửi, không đưa vào, hủy), "
        "theo mục hoặc theo đơn vị như các văn bản kế hoạch. Không ghi `direction`, `level`: cả bốn bảng.",
        parameters=[
            OpenApiParameter("province", int, required=True, description="mã tỉnh"),
            OpenApiParameter("year", int, required=True, description="năm kế hoạch"),
            OpenApiParameter("direction", str, enum=["out", "in"], description="đoàn ra, đoàn vào"),
            OpenApiParameter("level", str, enum=["province", "department"], description="cấp"),
            OpenApiParameter("unit", int, description="chỉ các đoàn của đơn vị này"),
            OpenApiParameter("version", int, description="theo phiên bản kế hoạch số này"),
            OpenApiParameter("format", str, enum=["docx", "xlsx"], required=True, description="định dạng"),
        ],
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
    )
    def get(self, request):
        form = AppendixForm(request.query_params)
        if not form.is_valid():
            raise ValidationError({name: list(texts) for name, texts in form.errors.items()})
        tables = appendix_request(request.user, form.cleaned_data)
        file_format = form.cleaned_data["format"]
        return file_response(
            appendix.write(tables, file_format),
            appendix.FORMATS[file_format],
            appendix.file_name(tables, file_format),
        )
