"""API view of tasks: office staff write every task, unit staff the ones their unit leads."""

from __future__ import annotations

from doingoai.core.api.views import ScopedModelViewSet
from doingoai.tasks import services
from doingoai.tasks.api.serializers import TaskSerializer
from doingoai.tasks.filtersets import TaskFilterSet
from doingoai.tasks.models import Task


class TaskViewSet(ScopedModelViewSet):
    queryset = Task.objects.select_related("lead_unit", "province").prefetch_related("coordinating_units")
    serializer_class = TaskSerializer
    filterset_class = TaskFilterSet
    ordering_fields = ["deadline", "status", "title", "id"]
    operations = services.TASKS
