"""API representation of the register of people."""

from __future__ import annotations

from rest_framework import serializers

from doingoai.core.api.serializers import ScopedModelSerializer
from doingoai.organization.models import Province
from doingoai.people.models import Person
from doingoai.people.services import NAME_REQUIRED


class PersonSerializer(ScopedModelSerializer):
    province = serializers.PrimaryKeyRelatedField(queryset=Province.objects.none(), required=False)
    unit_fields = ("unit",)

    class Meta:
        model = Person
        fields = [
            "id",
            "province",
            "full_name",
            "title",
            "body",
            "unit",
            "key_position",
            "notes",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
        extra_kwargs = {"full_name": {"error_messages": {"required": NAME_REQUIRED, "blank": NAME_REQUIRED}}}
