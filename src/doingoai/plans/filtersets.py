"""Filters of the plan-document list: by year, kind and issuer, and the search box."""

from __future__ import annotations

import django_filters

from doingoai.organization.filtersets import SearchFilterSet
from doingoai.plans.models import PlanDocument


class PlanDocumentFilterSet(SearchFilterSet):
    year = django_filters.NumberFilter(label="Năm kế hoạch")
    kind = django_filters.CharFilter(label="Loại văn bản")
    issuer = django_filters.CharFilter(label="Cơ quan ban hành")

    # kinds and issuers are printed text, offered as the values the user's documents have
    distinct_choices = ("kind", "issuer")

    class Meta:
        model = PlanDocument
        fields = ["q", "province", "year", "kind", "issuer"]
