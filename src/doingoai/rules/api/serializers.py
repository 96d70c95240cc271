"""Warnings in the API: what a rule says of a delegation, and an acknowledgement's comment."""

from __future__ import annotations

from rest_framework import serializers

from doingoai.rules.models import Warning


class WarningSerializer(serializers.ModelSerializer):
    """One warning: ``rule`` (its id), ``message`` (why), ``source`` (the rule's source), ``acknowledged``."""

    acknowledged = serializers.BooleanField(read_only=True)
    rule_title = serializers.CharField(read_only=True)
    acknowledged_by = serializers.SerializerMethodField()

    class Meta:
        model = Warning
        fields = [
            "id",
            "rule",
            "rule_title",
            "message",
            "source",
            "clear",
            "delegation",
            "year",
            "related",
            "active",
            "acknowledged",
            "acknowledged_by",
            "acknowledged_at",
            "comment",
        ]
        read_only_fields = fields

    def get_acknowledged_by(self, obj) -> str | None:
        user = obj.acknowledged_by
        return (user.get_full_name() or user.username) if user is not None else None


class AcknowledgeSerializer(serializers.Serializer):
    comment = serializers.CharField(
        max_length=2000, help_text="ý kiến của cán bộ: vì sao kế hoạch vẫn giữ điều bị cảnh báo"
    )
