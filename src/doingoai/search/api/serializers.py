"""What ``GET /api/search/`` answers (written out only: ``search.forms.SearchForm`` parses the query)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from doingoai.search.selectors import KIND_CHOICES

#: the kinds, as the schema says them (a plain text field: another "kind" enum of the API has other values)
KINDS_TEXT = "loại bản ghi: " + ", ".join(f"`{key}` ({str(label).lower()})" for key, label in KIND_CHOICES)


class SearchHitSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text=KINDS_TEXT)
    kind_label = serializers.CharField(
        help_text="tên loại: Đoàn, Đối tác, Thỏa thuận, Nhiệm vụ, Đơn vị, Văn bản"
    )
    id = serializers.IntegerField(help_text="mã của bản ghi (như ở API của loại đó)")
    title = serializers.CharField(
        help_text="tên đoàn, đối tác, thỏa thuận, nhiệm vụ, đơn vị; số và trích yếu văn bản"
    )
    description = serializers.CharField(help_text="vài thông tin để nhận ra bản ghi (năm, nước, thời gian…)")
    url = serializers.SerializerMethodField(help_text="địa chỉ trang của bản ghi")

    def to_representation(self, hit):
        return {
            "kind": hit.kind.key,
            "kind_label": str(hit.kind.label),
            "id": hit.id,
            "title": hit.title,
            "description": hit.line,
            "url": self.get_url(hit),
        }

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, hit) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(hit.url) if request and hit.url else hit.url


class SearchCountSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text=KINDS_TEXT)
    kind_label = serializers.CharField(help_text="tên loại")
    count = serializers.IntegerField(help_text="số bản ghi tìm thấy (đếm đến 10.000)")
    capped = serializers.BooleanField(help_text="còn nhiều hơn số đã đếm")
    list_url = serializers.CharField(help_text="danh sách của loại này, lọc theo từ cần tìm (trang web)")


class SearchResultsSerializer(serializers.Serializer):
    q = serializers.CharField(help_text="từ cần tìm, như đã gửi")
    count = serializers.IntegerField(help_text="số kết quả trong `results`")
    counts = SearchCountSerializer(many=True, help_text="số bản ghi tìm thấy của từng loại")
    results = SearchHitSerializer(many=True, help_text="kết quả, theo loại, mỗi loại tốt nhất trước")

    def to_representation(self, results):
        request = self.context.get("request")
        hits = [SearchHitSerializer(hit, context=self.context).data for hit in results.hits]
        return {
            "q": results.query,
            "count": len(hits),
            "counts": [
                {
                    "kind": group.kind.key,
                    "kind_label": str(group.kind.label),
                    "count": group.count,
                    "capped": group.capped,
                    "list_url": request.build_absolute_uri(group.more_url) if request else group.more_url,
                }
                for group in results.groups
            ],
            "results": hits,
        }
