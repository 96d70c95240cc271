"""Delegations in the API: the normalized fields, their source, review reasons, owner, document.

Writing obeys the same rules as the page form (``delegation_rule_errors``):
a client cannot store what an officer could not type. Months travel as
"YYYY-MM", as in the extraction records; countries as ISO codes (names are
accepted on input and resolved like a document's cell).
"""

from __future__ import annotations

import datetime
import functools

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.relations import PKOnlyObject

from doingoai.accounts.permissions import role_of
from doingoai.accounts.scoping import visible_provinces
from doingoai.delegations.forms import (
    REVIEW_FIELDS,
    SOURCED_FIELDS,
    delegation_rule_errors,
    parse_countries,
    parse_month,
)
from doingoai.delegations.models import Delegation
from doingoai.extraction.normalize.funding import classify_funding
from doingoai.organization.models import Unit

_PLAIN = (str, int, bool, float, type(None))
#: serializer fields whose output is the attribute itself when it is a plain value
_PASS_THROUGH = (serializers.CharField, serializers.IntegerField, serializers.BooleanField,
                 serializers.ChoiceField, serializers.JSONField, serializers.ListField)

@functools.lru_cache(maxsize=16)
def _choice_labels(source: str) -> dict | None:
    """{value: label} of a ``get_<field>_display`` source, or None for any other source."""
    if not (source.startswith("get_") and source.endswith("_display")):
        return None
    field = Delegation._meta.get_field(source[4:-8])
    return {value: str(label) for value, label in field.flatchoices}


#: which rules a partial update checks: a PATCH of ``status`` must not fail on an imported row's gaps
RULE_INPUTS = {
    "leader": {"leader", "direction"}, "countries": {"countries"},
    "period_start": {"period_start", "period_end"}, "period_end": {"period_start", "period_end"},
    "funding": {"funding"}, "people_min": {"people_min", "people_max"},
    "people_max": {"people_min", "people_max"}, "duration_min": {"duration_min", "duration_max"},
    "duration_max": {"duration_min", "duration_max"},
}


@extend_schema_field({"type": "string", "pattern": r"^\d{4}-\d{2}$", "example": "2025-04", "nullable": True})
class MonthField(serializers.Field):
    """A month as "YYYY-MM" (stored as its first day); "MM/YYYY" and full dates are accepted on input."""

    default_error_messages = {"invalid": "Tháng không hợp lệ; ghi theo dạng 2025-04."}

    def to_representation(self, value):
        return f"{value.year:04d}-{value.month:02d}" if value else None

    def to_internal_value(self, data):
        if data in (None, ""):
            return None
        if isinstance(data, datetime.date):
            return data.replace(day=1)
        text = str(data)
        try:
            if len(text) == 10 and text[4] == "-":
                return datetime.date.fromisoformat(text).replace(day=1)
            return parse_month(text)
        except ValueError:
            self.fail("invalid")


class CountriesField(serializers.ListField):
    """ISO codes (or names, resolved) → codes, in the order given."""

    child = serializers.CharField()

    def to_internal_value(self, data):
        items = super().to_internal_value(data)
        codes, unresolved = parse_countries(", ".join(items))
        if unresolved:
            raise serializers.ValidationError(f"Không xác định được nước: {', '.join(unresolved)}.")
        return codes


class UnitBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ["id", "name", "kind"]


class DelegationSerializer(serializers.ModelSerializer):
    owner = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.none(), allow_null=True, required=False)
    owner_detail = UnitBriefSerializer(source="owner", read_only=True)
    countries = CountriesField(required=False)
    country_names = serializers.ListField(child=serializers.CharField(), read_only=True)
    period_start = MonthField(required=False, allow_null=True)
    period_end = MonthField(required=False, allow_null=True)
    period_label = serializers.CharField(read_only=True)
    funding_labels = serializers.ListField(child=serializers.CharField(), read_only=True)
    direction_label = serializers.CharField(source="get_direction_display", read_only=True)
    level_label = serializers.CharField(source="get_level_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Delegation
        fields = [
            "id", "url", "province", "owner", "owner_detail", "plan_document", "source_table", "source_row",
            "source", "source_values", "review", "edited_fields", "out_of_plan",
            "direction", "direction_label", "level", "level_label", "year", "status", "status_label",
            "section", "unit_heading", "tt", "name", "leader", "countries", "country_names",
            "countries_open", "localities", "partners", "activities", "people_min", "people_max",
            "people_per_delegation", "delegation_count", "duration_min", "duration_max", "duration_unit",
            "period_start", "period_end", "period_tentative", "period_label", "funding",
            "funding_categories", "funding_labels", "notes", "host_unit", "created_at", "updated_at",
        ]
        read_only_fields = [
            "province", "plan_document", "source_table", "source_row", "source", "source_values", "review",
            "edited_fields", "funding_categories", "localities", "section", "unit_heading",
            "created_at", "updated_at",
        ]
        extra_kwargs = {
            "people_min": {"min_value": 0}, "people_max": {"min_value": 0},
            "duration_min": {"min_value": 0}, "duration_max": {"min_value": 0},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is not None and "owner" in self.fields:
            provinces = visible_provinces(user).values("pk")
            units = Unit.objects.filter(deleted_at__isnull=True, province__in=provinces)
            if role_of(user) == "unit":
                units = units.filter(pk=user.profile.unit_id)
            self.fields["owner"].queryset = units

    def to_representation(self, instance):
        """DRF's output, without its per-field machinery where the value is already plain JSON.

        A page of 50 delegations has ~2,500 values; DRF inspects the signature
        of every attribute it reads, which costs more than the query. Values
        that are plain (str, int, bool, None, or the lists and dicts of JSON
        fields) are taken as they are; everything else goes through the
        field, exactly as ``ModelSerializer.to_representation`` would.
        """
        out = {}
        for field in self._readable_fields:
            attrs = field.source_attrs
            if isinstance(field, _PASS_THROUGH) and len(attrs) == 1:
                labels = _choice_labels(attrs[0])
                if labels is not None:  # get_<field>_display without rebuilding the choices per call
                    value = getattr(instance, attrs[0][4:-8])
                    out[field.field_name] = labels.get(value, value)
                    continue
                value = getattr(instance, attrs[0])
                if callable(value):
                    value = value()
                structured = type(value) in (list, dict) and isinstance(
                    field, (serializers.JSONField, serializers.ListField))
                if type(value) in _PLAIN or structured:
                    out[field.field_name] = value
                    continue
            attribute = field.get_attribute(instance)
            check = attribute.pk if isinstance(attribute, PKOnlyObject) else attribute
            out[field.field_name] = None if check is None else field.to_representation(attribute)
        return out

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, obj) -> str:
        request = self.context.get("request")
        path = obj.get_absolute_url()
        return request.build_absolute_uri(path) if request else path

    def validate(self, attrs):
        merged = {}
        if self.instance is not None:
            for name in ("direction", "leader", "countries", "period_start", "period_end", "funding",
                         "people_min", "people_max", "duration_min", "duration_max"):
                merged[name] = getattr(self.instance, name)
        merged.update(attrs)
        if merged.get("period_start") and not merged.get("period_end"):
            merged["period_end"] = attrs["period_end"] = merged["period_start"]
        errors = delegation_rule_errors(merged)
        if self.partial:
            errors = {f: m for f, m in errors.items() if RULE_INPUTS.get(f, {f}) & set(attrs)}
        if errors:
            raise serializers.ValidationError(errors)
        if "funding" in attrs:
            attrs["funding_categories"] = classify_funding(attrs["funding"]).categories
        return attrs

    def update(self, instance, validated_data):
        before = {name: (instance.owner_id if name == "owner" else getattr(instance, name))
                  for name in SOURCED_FIELDS}
        for name, value in validated_data.items():
            setattr(instance, name, value)
        if instance.plan_document_id or instance.source or instance.source_values:
            changed = [name for name, old in before.items()
                       if (instance.owner_id if name == "owner" else getattr(instance, name)) != old]
            if changed:
                instance.edited_fields = list(dict.fromkeys([*instance.edited_fields, *changed]))
                instance.review = [item for item in instance.review or []
                                   if not (isinstance(item, dict)
                                           and set(REVIEW_FIELDS.get(item.get("field"), ())) & set(changed))]
        instance.save()
        return instance
