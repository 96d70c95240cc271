"""The API's pages: ``?limit=&offset=``, with a count that stops where counting stops being useful.

DRF's ``LimitOffsetPagination`` counts every match (``SELECT COUNT(*)`` over
200,000 delegations for an office user who sees every province) to answer
50 rows. Here the count reads at most ``COUNT_CAP`` rows past the page, like
the list pages (``core.views.CappedPaginator``): ``count`` is exact below the
cap, and ``count_capped`` says when there are more.
"""

from __future__ import annotations

from rest_framework.pagination import LimitOffsetPagination
from rest_framework.response import Response

#: how many matches the API counts at most (the pages stop at the same number)
COUNT_CAP = 10_000


class CappedLimitOffsetPagination(LimitOffsetPagination):
    max_limit = 500
    cap = COUNT_CAP

    def get_count(self, queryset) -> int:
        if not hasattr(queryset, "order_by"):
            return len(queryset)
        # never less than the page asked for and one more, so that "next" is right past the cap
        cap = max(self.cap, self.get_offset(self.request) + self.limit)
        found = queryset.order_by()[: cap + 1].count()
        self.capped = found > cap
        return min(found, cap)

    def get_paginated_response(self, data):
        return Response(
            {
                "count": self.count,
                "count_capped": getattr(self, "capped", False),
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_next_link(self):
        if getattr(self, "capped", False) and self.offset + self.limit >= self.count:
            self.count += 1  # more rows than counted: there is a next page
            try:
                return super().get_next_link()
            finally:
                self.count -= 1
        return super().get_next_link()

    def get_paginated_response_schema(self, schema):
        answer = super().get_paginated_response_schema(schema)
        answer["properties"]["count"]["description"] = (
            f"Số bản ghi khớp; đếm tối đa {COUNT_CAP:,}".replace(",", ".") + " (xem count_capped)."
        )
        answer["properties"]["count_capped"] = {
            "type": "boolean",
            "description": "Đúng khi còn nhiều bản ghi hơn con số count.",
        }
        return answer
