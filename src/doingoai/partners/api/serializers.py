"""API representation of foreign partners; the country is a code, or a name resolved to one."""

from __future__ import annotations

from rest_framework import serializers

from doingoai.extraction.normalize.places import country_name_vi
from doingoai.organization.api.serializers import ScopedModelSerializer
from doingoai.organization.forms import parse_countries
from doingoai.organization.models import Province
from doingoai.partners.models import Partner

NAME_REQUIRED = "Vui lòng nhập tên đối tác."


class PartnerSerializer(ScopedModelSerializer):
    province = serializers.PrimaryKeyRelatedField(queryset=Province.objects.none(), required=False)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    country_name = serializers.SerializerMethodField()

    class Meta:
        model = Partner
        fields = ["id", "province", "name", "kind", "kind_display", "country", "country_name", "subdivision",
                  "relationship", "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]
        validators = []
        extra_kwargs = {
            "country": {"max_length": 100},
            "name": {"error_messages": {"required": NAME_REQUIRED, "blank": NAME_REQUIRED}},
        }

    def get_country_name(self, obj) -> str:
        return country_name_vi(obj.country) if obj.country else ""

    def validate_name(self, value):
        value = " ".join(value.split())
        if not value:
            raise serializers.ValidationError(NAME_REQUIRED)
        return value

    def validate_country(self, value):
        if not value.strip():
            return ""
        codes, unresolved = parse_countries(value)
        if unresolved or not codes:
            raise serializers.ValidationError(f"Không nhận ra tên nước: {', '.join(unresolved) or value}.")
        if len(codes) > 1:
            raise serializers.ValidationError("Mỗi đối tác chỉ thuộc một nước.")
        return codes[0]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        province, name = self.current(attrs, "province"), self.current(attrs, "name")
        if province is not None and name:
            clash = Partner.objects.filter(province=province, name__iexact=name)
            if self.instance is not None:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                raise serializers.ValidationError({"name": "Tỉnh này đã có một đối tác cùng tên."})
        return attrs
