"""``GET /api/search/?q=…``: what the header's search box finds, for programs."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from doingoai.search import selectors
from doingoai.search.api.serializers import SearchResultsSerializer
from doingoai.search.forms import SearchForm


class SearchView(APIView):
    @extend_schema(
        operation_id="search",
        summary="Tìm trong toàn hệ thống: đoàn, đối tác, thỏa thuận, nhiệm vụ, đơn vị, văn bản kế hoạch",
        description=(
            "Như ô tìm kiếm ở đầu trang: không phân biệt chữ hoa, chữ thường, có dấu hay không dấu; các từ "
            "được so như những từ trọn vẹn, theo thứ tự đã gõ (từ cuối có thể chưa gõ hết): «ha lan» tìm "
            "thấy Hà Lan, không tìm thấy Thái Lan. Kết quả khớp ở tên (và nước) đứng trước. Chỉ gồm những "
            "bản ghi tài khoản được xem (các tỉnh của tài khoản). Kết quả theo loại, mỗi loại nhiều nhất "
            "`limit` kết quả; `counts` cho biết mỗi loại tìm thấy bao nhiêu và địa chỉ danh sách đầy đủ."
        ),
        parameters=[
            OpenApiParameter(
                "q",
                str,
                required=True,
                description="từ cần tìm (ít nhất 2 chữ cái hoặc chữ số, tối đa 200 ký tự)",
            ),
            OpenApiParameter(
                "kind",
                str,
                enum=[key for key, _label in selectors.KIND_CHOICES],
                description="chỉ tìm một loại: delegation (đoàn), partner (đối tác), agreement (thỏa thuận), "
                "task (nhiệm vụ), unit (đơn vị), document (văn bản kế hoạch)",
            ),
            OpenApiParameter(
                "limit",
                int,
                description=f"số kết quả nhiều nhất của mỗi loại (mặc định {selectors.DEFAULT_LIMIT}, "
                f"tối đa {selectors.MAX_LIMIT})",
            ),
        ],
        responses={
            200: SearchResultsSerializer,
            400: OpenApiResponse(
                description="Thiếu từ cần tìm, từ quá ngắn, loại hoặc số kết quả không hợp lệ",
                examples=[
                    OpenApiExample(
                        "Từ quá ngắn", value={"q": ["Hãy gõ ít nhất 2 chữ cái hoặc chữ số để tìm."]}
                    )
                ],
            ),
        },
    )
    def get(self, request):
        form = SearchForm(request.query_params)
        if not form.is_valid():
            raise ValidationError({name: list(texts) for name, texts in form.errors.items()})
        kind = form.cleaned_data["kind"]
        results = selectors.search(
            request.user,
            form.cleaned_data["q"],
            kinds=[kind] if kind else None,
            limit=form.cleaned_data["limit"] or selectors.DEFAULT_LIMIT,
        )
        return Response(SearchResultsSerializer(results, context={"request": request}).data)
