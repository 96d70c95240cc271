"""Plan versions in the API: what each version held, its documents, its approval."""

from __future__ import annotations

from rest_framework import serializers

from doingoai.consolidation.models import ApprovingDocument, PlanEntry, PlanVersion


class ApprovingDocumentSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = ApprovingDocument
        fields = ["id", "kind", "kind_label", "number", "issued_on", "issuer", "title", "attachment"]
        read_only_fields = fields


class PlanEntrySerializer(serializers.ModelSerializer):
    """A delegation as a version held it: its table (``level``, ``direction``), section and values."""

    class Meta:
        model = PlanEntry
        fields = ["delegation", "level", "direction", "section", "section_heading", "position", "values"]
        read_only_fields = fields


class PlanVersionSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    approved = serializers.BooleanField(read_only=True)
    documents = ApprovingDocumentSerializer(many=True, read_only=True)
    entries = PlanEntrySerializer(many=True, read_only=True)

    class Meta:
        model = PlanVersion
        fields = [
            "id",
            "province",
            "year",
            "number",
            "kind",
            "kind_label",
            "title",
            "note",
            "created_at",
            "approved",
            "approved_at",
            "approving_document",
            "documents",
            "entries",
        ]
        read_only_fields = fields


class ApproveSerializer(serializers.Serializer):
    document = serializers.IntegerField(help_text="Mã văn bản phê duyệt của phiên bản (trong `documents`).")
