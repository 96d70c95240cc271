"""API representation of plan documents: metadata editable, what was read of the file read-only.

Documents are created by importing a file, so the file, its hash and what was
read of it (``metadata``, ``conflicts``) cannot be written here; the file is
offered through the page that checks the user's province.
"""

from __future__ import annotations

from django.urls import reverse
from rest_framework import serializers

from doingoai.core.api.serializers import ScopedModelSerializer
from doingoai.plans.models import PlanDocument


class PlanDocumentSerializer(ScopedModelSerializer):
    conflicts = serializers.ListField(child=serializers.DictField(), read_only=True)
    file_url = serializers.SerializerMethodField()

    class Meta:
        model = PlanDocument
        fields = [
            "id",
            "province",
            "owner",
            "kind",
            "number",
            "issued_on",
            "issuer",
            "year",
            "title",
            "file_name",
            "file_url",
            "file_sha256",
            "metadata",
            "conflicts",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "province",
            "owner",
            "file_name",
            "file_sha256",
            "metadata",
            "created_at",
            "updated_at",
        ]

    def get_file_url(self, obj) -> str | None:
        if not obj.file:
            return None
        url = reverse("plans:plandocument_file", args=[obj.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request is not None else url
