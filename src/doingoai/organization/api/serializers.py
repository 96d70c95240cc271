"""API representations of provinces and units."""

from __future__ import annotations

from rest_framework import serializers

from doingoai.core.api.serializers import ScopedModelSerializer
from doingoai.organization.models import Province, Unit
from doingoai.organization.services import NAME_REQUIRED


class ProvinceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Province
        fields = ["id", "code", "name", "merged_into", "merged_on", "report_due_days"]
        read_only_fields = fields


class UnitSerializer(ScopedModelSerializer):
    province = serializers.PrimaryKeyRelatedField(queryset=Province.objects.none(), required=False)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    aliases = serializers.ListField(child=serializers.CharField(max_length=255), required=False)

    class Meta:
        model = Unit
        fields = [
            "id",
            "province",
            "name",
            "kind",
            "kind_display",
            "aliases",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
        # uniqueness is the service's rule, with a Vietnamese message
        validators = []
        extra_kwargs = {"name": {"error_messages": {"required": NAME_REQUIRED, "blank": NAME_REQUIRED}}}
