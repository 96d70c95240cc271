"""API view of plan documents: read, correct the metadata, soft-delete; never create.

A document comes into the system by importing its file (``plans/views_import.py``),
which also creates its delegations, agreements and tasks; an empty document
made through the API would have none of them.
"""

from __future__ import annotations

from doingoai.core.api.views import ScopedModelViewSet
from doingoai.plans import services
from doingoai.plans.api.serializers import PlanDocumentSerializer
from doingoai.plans.filtersets import PlanDocumentFilterSet
from doingoai.plans.models import PlanDocument


class PlanDocumentViewSet(ScopedModelViewSet):
    queryset = PlanDocument.objects.select_related("province")
    serializer_class = PlanDocumentSerializer
    filterset_class = PlanDocumentFilterSet
    ordering_fields = ["year", "issued_on", "kind", "number", "file_name"]
    operations = services.DOCUMENTS
    http_method_names = ["get", "put", "patch", "delete", "head", "options"]
