"""API representation of international agreements.

``countries`` is written as a list of codes or names in any spelling
(["LA", "Hàn Quốc"]) and stored as codes, resolved the way the importer
resolves a "Nước ký kết" cell.
"""

from __future__ import annotations

from rest_framework import serializers

from doingoai.agreements.models import Agreement
from doingoai.agreements.services import TITLE_REQUIRED
from doingoai.core.api.serializers import ScopedModelSerializer
from doingoai.core.parsing import parse_countries
from doingoai.extraction.normalize.places import country_name_vi
from doingoai.organization.models import Province
from doingoai.partners.models import Partner


class AgreementSerializer(ScopedModelSerializer):
    province = serializers.PrimaryKeyRelatedField(queryset=Province.objects.none(), required=False)
    countries = serializers.ListField(child=serializers.CharField(max_length=100), required=False)
    countries_names = serializers.SerializerMethodField()
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    owner_name = serializers.CharField(source="owner.name", read_only=True, default=None)
    signing_report_overdue = serializers.BooleanField(read_only=True)

    unit_fields = ("owner",)

    class Meta:
        model = Agreement
        fields = [
            "id",
            "province",
            "year",
            "tt",
            "title",
            "kind",
            "owner",
            "owner_name",
            "proposer",
            "signing_capacity",
            "countries",
            "countries_names",
            "partner",
            "partner_name",
            "period_start",
            "period_end",
            "status",
            "status_display",
            "signed_on",
            "effective_on",
            "term_months",
            "expires_on",
            "delegation",
            "renews",
            "signing_report_due_on",
            "signing_reported_on",
            "signing_report_number",
            "signing_report_overdue",
            "notes",
            "plan_document",
            "source_table",
            "source_row",
            "edited_fields",
            "review",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "signing_report_due_on",
            "plan_document",
            "source_table",
            "source_row",
            "edited_fields",
            "review",
            "created_at",
            "updated_at",
        ]
        extra_kwargs = {"title": {"error_messages": {"required": TITLE_REQUIRED, "blank": TITLE_REQUIRED}}}

    def get_fields(self):
        fields = super().get_fields()
        partner = fields.get("partner")
        if partner is not None:
            provinces = fields["province"].queryset
            partner.queryset = Partner.objects.active().filter(province__in=provinces.values("pk"))
        provinces = fields["province"].queryset.values("pk")
        if "delegation" in fields:
            from doingoai.delegations.models import Delegation

            fields["delegation"].queryset = Delegation.objects.active().filter(province__in=provinces)
        if "renews" in fields:
            fields["renews"].queryset = Agreement.objects.active().filter(province__in=provinces)
        return fields

    def get_countries_names(self, obj) -> list[str]:
        return [country_name_vi(code) for code in obj.countries]

    def validate_countries(self, value):
        codes, unresolved = parse_countries("\n".join(value))
        if unresolved:
            raise serializers.ValidationError(f"Không nhận ra tên nước: {', '.join(unresolved)}.")
        return codes
