"""API representation of tasks, with the same unit rules as the form (``tasks.forms.unit_errors``)."""

from __future__ import annotations

from rest_framework import serializers

from doingoai.organization.api.serializers import ScopedModelSerializer
from doingoai.organization.models import Province
from doingoai.tasks.forms import TITLE_REQUIRED, unit_errors
from doingoai.tasks.models import Task
from doingoai.tasks.tables import is_overdue


class TaskSerializer(ScopedModelSerializer):
    province = serializers.PrimaryKeyRelatedField(queryset=Province.objects.none(), required=False)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    lead_unit_name = serializers.CharField(source="lead_unit.name", read_only=True, default=None)
    overdue = serializers.SerializerMethodField()

    unit_fields = ("lead_unit", "coordinating_units")

    class Meta:
        model = Task
        fields = ["id", "province", "plan_document", "field", "title", "lead_unit", "lead_unit_name",
                  "coordinating_units", "deadline", "status", "status_display", "overdue", "notes",
                  "created_at", "updated_at"]
        read_only_fields = ["plan_document", "created_at", "updated_at"]
        extra_kwargs = {"title": {"error_messages": {"required": TITLE_REQUIRED, "blank": TITLE_REQUIRED}}}

    def get_overdue(self, obj) -> bool:
        return is_overdue(obj)

    def validate_title(self, value):
        value = " ".join(value.split())
        if not value:
            raise serializers.ValidationError(TITLE_REQUIRED)
        return value

    def validate(self, attrs):
        attrs = super().validate(attrs)
        province = self.current(attrs, "province")
        errors = unit_errors(province, self.current(attrs, "lead_unit"),
                             self.current(attrs, "coordinating_units"), self._user())
        if errors:
            raise serializers.ValidationError(errors)
        return attrs
