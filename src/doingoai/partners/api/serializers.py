"""API representation of foreign partners; the country is a code, or a name resolved to one."""

from __future__ import annotations

from rest_framework import serializers

from doingoai.core.api.serializers import ScopedModelSerializer
from doingoai.extraction.normalize.places import country_name_vi
from doingoai.organization.models import Province
from doingoai.partners.forms import parse_one_country
from doingoai.partners.models import Partner
from doingoai.partners.services import NAME_REQUIRED


class PartnerSerializer(ScopedModelSerializer):
    province = serializers.PrimaryKeyRelatedField(queryset=Province.objects.none(), required=False)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    country_name = serializers.SerializerMethodField()

    class Meta:
        model = Partner
        fields = [
            "id",
            "province",
            "name",
            "kind",
            "kind_display",
            "country",
            "country_name",
            "subdivision",
            "aliases",
            "merged_into",
            "relationship",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["aliases", "merged_into", "created_at", "updated_at"]
        validators = []
        extra_kwargs = {
            "country": {"max_length": 100},
            "name": {"error_messages": {"required": NAME_REQUIRED, "blank": NAME_REQUIRED}},
        }

    def get_country_name(self, obj) -> str:
        return country_name_vi(obj.country) if obj.country else ""

    def validate_country(self, value):
        try:
            return parse_one_country(value)
        except ValueError as error:
            raise serializers.ValidationError(str(error)) from None
