"""API representation of tasks; the rules are the service's (``tasks.services``)."""

from __future__ import annotations

from rest_framework import serializers

from doingoai.core.api.serializers import ScopedModelSerializer
from doingoai.organization.models import Province
from doingoai.tasks.models import Task, TaskNote
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


class TaskNoteSerializer(serializers.ModelSerializer):
    """A progress note of the task's journal; ``status``, when sent, sets the task's status too."""

    author_name = serializers.SerializerMethodField()
    unit_name = serializers.CharField(source="unit.name", read_only=True, default=None)
    written_on = serializers.DateField(required=False)
    status = serializers.ChoiceField(choices=Task.Status.choices, required=False, allow_blank=True)

    class Meta:
        model = TaskNote
        fields = [
            "id",
            "written_on",
            "text",
            "status",
            "author",
            "author_name",
            "unit",
            "unit_name",
            "created_at",
        ]
        read_only_fields = ["author", "unit", "created_at"]
        extra_kwargs = {
            "text": {
                "error_messages": {
                    "required": "Vui lòng ghi nội dung tiến độ.",
                    "blank": "Vui lòng ghi nội dung tiến độ.",
                }
            }
        }

    def get_author_name(self, obj) -> str:
        return obj.author.get_full_name() or obj.author.username if obj.author_id else ""
