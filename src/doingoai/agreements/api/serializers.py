"""API representation of international agreements.

``countries`` is written as a list of codes or names in any spelling
(["LA", "Hàn Quốc"]) and stored as codes, resolved the way the importer
resolves a "Nước ký kết" cell.
"""

from __future__ import annotations

from rest_framework import serializers

from doingoai.agreements.models import Agreement
from doingoai.extraction.normalize.places import country_name_vi
from doingoai.organization.api.serializers import ScopedModelSerializer
from doingoai.organization.forms import parse_countries
from doingoai.organization.models import Province
from doingoai.partners.models import Partner

TITLE_REQUIRED = "Vui lòng nhập tên văn bản thỏa thuận."


class AgreementSerializer(ScopedModelSerializer):
    province = serializers.PrimaryKeyRelatedField(queryset=Province.objects.none(), required=False)
    countries = serializers.ListField(child=serializers.CharField(max_length=100), required=False)
    countries_names = serializers.SerializerMethodField()
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    owner_name = serializers.CharField(source="owner.name", read_only=True, default=None)

    unit_fields = ("owner",)

    class Meta:
        model = Agreement
        fields = ["id", "province", "year", "tt", "title", "kind", "owner", "owner_name", "proposer",
                  "signing_capacity", "countries", "countries_names", "partner", "partner_name",
                  "period_start", "period_end", "status", "status_display", "notes", "plan_document",
                  "source_table", "source_row", "created_at", "updated_at"]
        read_only_fields = ["plan_document", "source_table", "source_row", "created_at", "updated_at"]
        extra_kwargs = {"title": {"error_messages": {"required": TITLE_REQUIRED, "blank": TITLE_REQUIRED}}}

    def get_fields(self):
        fields = super().get_fields()
        partner = fields.get("partner")
        if partner is not None:
            provinces = fields["province"].queryset
            partner.queryset = Partner.objects.active().filter(province__in=provinces.values("pk"))
        return fields

    def get_countries_names(self, obj) -> list[str]:
        return [country_name_vi(code) for code in obj.countries]

    def validate_title(self, value):
        value = " ".join(value.split())
        if not value:
            raise serializers.ValidationError(TITLE_REQUIRED)
        return value

    def validate_countries(self, value):
        codes, unresolved = parse_countries("\n".join(value))
        if unresolved:
            raise serializers.ValidationError(f"Không nhận ra tên nước: {', '.join(unresolved)}.")
        return codes

    def validate(self, attrs):
        attrs = super().validate(attrs)
        errors = {}
        province = self.current(attrs, "province")
        owner, partner = self.current(attrs, "owner"), self.current(attrs, "partner")
        if province is not None and owner is not None and owner.province_id != province.pk:
            errors["owner"] = "Đơn vị đề xuất phải thuộc tỉnh của thỏa thuận."
        if province is not None and partner is not None and partner.province_id != province.pk:
            errors["partner"] = "Đối tác phải thuộc tỉnh của thỏa thuận."
        start, end = self.current(attrs, "period_start"), self.current(attrs, "period_end")
        if start and end and end < start:
            errors["period_end"] = "Thời gian kết thúc không được trước thời gian bắt đầu."
        if errors:
            raise serializers.ValidationError(errors)
        return attrs
