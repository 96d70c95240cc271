"""``GET /api/exports/report/``, ``/api/exports/briefing/<id>/``, ``/api/exports/agreements/``: files.

The same parameters, forms and permissions as the downloads of the pages
(``documents.views_report``): a province or a delegation the user may not
see is a 404; a wrong parameter a 400 whose messages say, in Vietnamese, what
is wrong (in JSON, like every error of the API).
"""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.views import APIView

from doingoai.documents.api.negotiation import FileFormatNegotiation
from doingoai.documents.forms import AgreementListForm, FormatForm, ReportExportForm
from doingoai.documents.views_appendix import file_response
from doingoai.documents.views_report import agreements_file, briefing_file, report_file

FORMAT = OpenApiParameter(
    "format", str, enum=["docx", "pdf"], required=True, description="định dạng: docx (Word) hoặc pdf"
)
FILE = {(200, "application/octet-stream"): OpenApiTypes.BINARY}


def _checked(form):
    if not form.is_valid():
        raise ValidationError({name: list(texts) for name, texts in form.errors.items()})
    return form.cleaned_data


class ReportExportView(APIView):
    content_negotiation_class = FileFormatNegotiation

    @extend_schema(
        summary="Báo cáo kết quả thực hiện kế hoạch đoàn ra, đoàn vào, tệp Word hoặc PDF",
        description="Báo cáo 6 tháng đầu năm hoặc cả năm của một tỉnh: số liệu từng nhóm (theo kế hoạch, "
        "đã thực hiện, hoãn, hủy, phát sinh…), số người, số ngày, báo cáo sau chuyến đi, ba biểu đồ "
        "(theo quý, 10 nước, 10 đơn vị), bảng theo cấp, đơn vị, nước và danh sách đoàn của từng nhóm.",
        parameters=[
            OpenApiParameter("province", int, required=True, description="mã (id) của tỉnh"),
            OpenApiParameter("year", int, required=True, description="năm kế hoạch"),
            OpenApiParameter("half", int, enum=[1], description="1: sáu tháng đầu năm; bỏ trống: cả năm"),
            FORMAT,
        ],
        responses=FILE,
    )
    def get(self, request):
        return file_response(*report_file(request.user, _checked(ReportExportForm(request.query_params))))


class BriefingExportView(APIView):
    content_negotiation_class = FileFormatNegotiation

    @extend_schema(
        summary="Tài liệu tóm tắt một đoàn cho lãnh đạo, tệp Word hoặc PDF",
        description="Một trang: trưởng đoàn, thành viên, nước, đối tác, thời gian, nội dung, số người, "
        "số ngày, kinh phí, quá trình phê duyệt và các cảnh báo theo quy định còn hiệu lực.",
        parameters=[
            OpenApiParameter("id", int, OpenApiParameter.PATH, description="mã (id) của đoàn"),
            FORMAT,
        ],
        responses=FILE,
    )
    def get(self, request, pk: int):
        values = _checked(FormatForm(request.query_params))
        return file_response(*briefing_file(request.user, pk, values["format"]))


class AgreementsExportView(APIView):
    content_negotiation_class = FileFormatNegotiation

    @extend_schema(
        summary="Danh mục thỏa thuận quốc tế của tỉnh trong năm, tệp Word hoặc Excel",
        description="Báo cáo Bộ Ngoại giao (hạn 15/11): thỏa thuận đã ký trong năm, dự kiến ký nhưng "
        "chưa ký, ký từ các năm trước còn hiệu lực; với thỏa thuận ký nhân danh sở, ngành, địa phương: "
        "báo cáo sau khi ký (Nghị định 64/2021/NĐ-CP).",
        parameters=[
            OpenApiParameter("province", int, required=True, description="mã (id) của tỉnh"),
            OpenApiParameter("year", int, required=True, description="năm báo cáo"),
            OpenApiParameter(
                "format", str, enum=["docx", "xlsx"], required=True, description="định dạng: docx hoặc xlsx"
            ),
        ],
        responses=FILE,
    )
    def get(self, request):
        return file_response(
            *agreements_file(request.user, _checked(AgreementListForm(request.query_params)))
        )
