"""API view of tasks: office staff write every task, unit staff the ones their unit leads."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from doingoai.core.api.views import ScopedModelViewSet
from doingoai.tasks import services
from doingoai.tasks.api.serializers import TaskNoteSerializer, TaskSerializer
from doingoai.tasks.filtersets import TaskFilterSet
from doingoai.tasks.models import Task


class TaskViewSet(ScopedModelViewSet):
    queryset = Task.objects.select_related("lead_unit", "province").prefetch_related("coordinating_units")
    serializer_class = TaskSerializer
    filterset_class = TaskFilterSet
    ordering_fields = ["deadline", "status", "title", "id"]
    operations = services.TASKS

    @extend_schema(
        methods=["GET"], summary="Tiến độ thực hiện nhiệm vụ", responses=TaskNoteSerializer(many=True)
    )
    @extend_schema(
        methods=["POST"],
        summary="Ghi tiến độ nhiệm vụ (đơn vị chủ trì, phối hợp hoặc Sở Ngoại vụ)",
        request=TaskNoteSerializer,
        responses={201: TaskNoteSerializer},
    )
    @action(detail=True, methods=["get", "post"])
    def journal(self, request, pk=None):
        task = self.get_object()
        if request.method == "GET":
            return Response(TaskNoteSerializer(task.journal.select_related("author", "unit"), many=True).data)
        form = TaskNoteSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        note = services.task_note_add(task, user=request.user, **form.validated_data)
        return Response(TaskNoteSerializer(note).data, status=status.HTTP_201_CREATED)
