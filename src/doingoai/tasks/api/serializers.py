"""API representation of tasks; the rules are the service's (``tasks.services``)."""

from __future__ import annotations

from rest_framework import serializers

from doingoai.core.api.serializers import ScopedModelSerializer
from doingoai.organization.models import Province
from doingoai.tasks.models import Task
from doingoai.tasks.services import TITLE_REQUIRED
from doingoai.tasks.tables import is_overdue


class TaskSerializer(ScopedModelSerializer):
    province = serializers.PrimaryKeyRelatedField(queryset=Province.objects.none(), required=False)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    lead_unit_name = serializers.CharField(source="lead_unit.name", read_only=True, default=None)
    overdue = serializers.SerializerMethodField()

    unit_fields = ("lead_unit", "joint_leads", "coordinating_units")

    class Meta:
        model = Task
        fields = [
            "id",
            "province",
            "plan_document",
            "report",
            "field",
            "tt",
            "title",
            "lead_unit",
            "lead_unit_name",
            "joint_leads",
            "lead_text",
            "coordinating_units",
            "coordinating_text",
            "deadline",
            "deadline_text",
            "status",
            "status_display",
            "overdue",
            "notes",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["plan_document", "report", "created_at", "updated_at"]
        extra_kwargs = {"title": {"error_messages": {"required": TITLE_REQUIRED, "blank": TITLE_REQUIRED}}}

    def get_overdue(self, obj) -> bool:
        return is_overdue(obj)
