"""Delegations in the API: the normalized fields, their source, review reasons, owner, document, life.

The serializers only parse and represent: writing goes through
``delegations.services``, which applies the same rules as the page form (a
client cannot store what an officer could not type). Months travel as
"YYYY-MM", as in the extraction records; countries as ISO codes (names are
accepted on input and resolved like a document's cell). ``status`` is never
written by editing: a request that sends it is refused (400) and the state
changes through ``POST /api/delegations/{id}/transitions/``.
"""

from __future__ import annotations

import datetime
import functools

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.relations import PKOnlyObject

from doingoai.accounts.scoping import user_unit, visible_provinces
from doingoai.core.parsing import parse_countries, parse_month
from doingoai.delegations import workflow
from doingoai.delegations.models import Delegation, DelegationMember, DelegationReport, Transition
from doingoai.delegations.rules import MSG_STATUS
from doingoai.delegations.services import can_see_passports
from doingoai.organization.models import Unit
from doingoai.rules.api.serializers import WarningSerializer

_PLAIN = (str, int, bool, float, type(None))
#: serializer fields whose output is the attribute itself when it is a plain value
_PASS_THROUGH = (
    serializers.CharField,
    serializers.IntegerField,
    serializers.BooleanField,
    serializers.ChoiceField,
    serializers.JSONField,
    serializers.ListField,
)


@functools.lru_cache(maxsize=16)
def _choice_labels(source: str) -> dict | None:
    """{value: label} of a ``get_<field>_display`` source, or None for any other source."""
    if not (source.startswith("get_") and source.endswith("_display")):
        return None
    field = Delegation._meta.get_field(source[4:-8])
    return {value: str(label) for value, label in field.flatchoices}


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
        try:
            return parse_month(str(data))
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
    status_label = serializers.CharField(read_only=True)
    version = serializers.IntegerField(
        required=False,
        min_value=0,
        help_text="Phiên bản của bản ghi. Gửi kèm khi sửa: nếu người khác đã lưu sau phiên bản này, "
        "yêu cầu bị từ chối (409) kèm các thay đổi đó. Không gửi: chỉ các trường có trong "
        "yêu cầu được ghi.",
    )
    url = serializers.SerializerMethodField()

    class Meta:
        model = Delegation
        fields = [
            "id",
            "url",
            "province",
            "owner",
            "owner_detail",
            "plan_document",
            "source_table",
            "source_row",
            "source",
            "source_values",
            "review",
            "edited_fields",
            "out_of_plan",
            "direction",
            "direction_label",
            "level",
            "level_label",
            "year",
            "status",
            "status_label",
            "version",
            "section",
            "unit_heading",
            "tt",
            "name",
            "leader",
            "countries",
            "country_names",
            "countries_open",
            "localities",
            "partners",
            "activities",
            "people_min",
            "people_max",
            "people_per_delegation",
            "delegation_count",
            "duration_min",
            "duration_max",
            "duration_unit",
            "period_start",
            "period_end",
            "period_tentative",
            "period_label",
            "funding",
            "funding_categories",
            "funding_labels",
            "notes",
            "host_unit",
            "ministry_opinion_required",
            "ministry_opinion",
            "decision_number",
            "decision_date",
            "departed_on",
            "returned_on",
            "status_reason",
            "merged_into",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "province",
            "plan_document",
            "source_table",
            "source_row",
            "source",
            "source_values",
            "review",
            "edited_fields",
            "funding_categories",
            "localities",
            "section",
            "unit_heading",
            "status",
            "decision_number",
            "decision_date",
            "departed_on",
            "returned_on",
            "status_reason",
            "merged_into",
            "created_at",
            "updated_at",
        ]
        extra_kwargs = {
            "people_min": {"min_value": 0},
            "people_max": {"min_value": 0},
            "duration_min": {"min_value": 0},
            "duration_max": {"min_value": 0},
            "name": {"required": False, "allow_blank": True},
            "direction": {"required": False},
            "level": {"required": False},
            "year": {"required": False},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is not None and "owner" in self.fields:
            provinces = visible_provinces(user).values("pk")
            units = Unit.objects.filter(deleted_at__isnull=True, province__in=provinces)
            unit = user_unit(user)
            if unit is not None:
                units = units.filter(pk=unit.pk)
            self.fields["owner"].queryset = units

    def to_internal_value(self, data):
        """Refuse ``status`` with a Vietnamese message (DRF would silently ignore a read-only field)."""
        if hasattr(data, "keys") and "status" in data:
            raise serializers.ValidationError({"status": [MSG_STATUS]})
        return super().to_internal_value(data)

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
                    field, (serializers.JSONField, serializers.ListField)
                )
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

    def service_values(self) -> dict:
        return {name: value for name, value in self.validated_data.items() if name != "version"}

    @property
    def sent_version(self) -> int | None:
        return self.validated_data.get("version")


class DelegationDetailSerializer(DelegationSerializer):
    """One delegation: its fields, and the actions the requesting user may take on it now."""

    actions = serializers.SerializerMethodField(
        help_text="Các thao tác người dùng này được thực hiện lúc này (submit, approve, depart…)."
    )
    warnings = serializers.SerializerMethodField(
        help_text="Các cảnh báo theo quy định còn hiệu lực: id, rule, message, source, acknowledged…"
    )

    class Meta(DelegationSerializer.Meta):
        fields = [*DelegationSerializer.Meta.fields, "actions", "warnings"]

    def get_actions(self, obj) -> list[str]:
        request = self.context.get("request")
        return workflow.available_actions(obj, request.user) if request is not None else []

    @extend_schema_field(WarningSerializer(many=True))
    def get_warnings(self, obj) -> list[dict]:
        active = obj.warnings.filter(active=True).select_related("acknowledged_by")
        return WarningSerializer(active, many=True, context=self.context).data


# --------------------------------------------------------------------------- the life


class TransitionSerializer(serializers.ModelSerializer):
    """One step of a delegation's life, as it was taken."""

    user = serializers.SerializerMethodField()
    action_label = serializers.SerializerMethodField()
    undone = serializers.SerializerMethodField()

    class Meta:
        model = Transition
        fields = [
            "id",
            "action",
            "action_label",
            "from_status",
            "to_status",
            "user",
            "at",
            "reason",
            "document_number",
            "document_date",
            "date",
            "period_start",
            "period_end",
            "undone",
        ]
        read_only_fields = fields

    def get_user(self, obj) -> str | None:
        return obj.user.username if obj.user_id else None

    def get_action_label(self, obj) -> str:
        spec = workflow.action(obj.action)
        return spec.label(obj.delegation) if spec else "Tạo"

    def get_undone(self, obj) -> bool:
        return obj.undone_by_id is not None


class TransitionRequestSerializer(serializers.Serializer):
    """What ``POST /api/delegations/{id}/transitions/`` takes; which values an action needs is the table's."""

    action = serializers.ChoiceField(
        choices=[(name, spec.labels["label"]) for name, spec in workflow.actions().items()],
        error_messages={
            "invalid_choice": "Không có thao tác «{input}».",
            "required": "Phải ghi thao tác (action).",
        },
    )
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    date = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        error_messages={"invalid": "Ngày không hợp lệ; ghi theo dạng 2025-04-17."},
    )
    period_start = MonthField(required=False, allow_null=True, default=None)
    period_end = MonthField(required=False, allow_null=True, default=None)
    document_number = serializers.CharField(required=False, allow_blank=True, default="", max_length=80)
    document_date = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        error_messages={"invalid": "Ngày văn bản không hợp lệ."},
    )
    merged_into = serializers.PrimaryKeyRelatedField(
        queryset=Delegation.objects.none(),
        required=False,
        allow_null=True,
        default=None,
        help_text="Với «reject»: đoàn của đơn vị khác mà đề xuất này đã được nhập vào.",
    )
    version = serializers.IntegerField(required=False, allow_null=True, default=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            from doingoai.accounts.scoping import scope

            self.fields["merged_into"].queryset = scope(Delegation.objects.all(), request.user)


class ReportSerializer(serializers.ModelSerializer):
    """The report after the trip; posting it files it and performs ``report``."""

    members_went = serializers.PrimaryKeyRelatedField(
        many=True, required=False, queryset=DelegationMember.objects.none()
    )
    follow_up_tasks = serializers.ListField(
        child=serializers.DictField(),
        required=False,
        write_only=True,
        help_text='Nhiệm vụ tiếp theo: [{"title", "lead_unit", "coordinating_units", "deadline"}].',
    )
    tasks = serializers.SerializerMethodField()

    class Meta:
        model = DelegationReport
        fields = [
            "id",
            "filed_by",
            "filed_at",
            "activities",
            "participants",
            "members_went",
            "days_actual",
            "agreements",
            "results",
            "proposals",
            "cost",
            "cost_notes",
            "follow_up_tasks",
            "tasks",
            "version",
        ]
        read_only_fields = ["filed_by", "filed_at", "version"]
        extra_kwargs = {
            "activities": {"required": False, "allow_blank": True},
            "days_actual": {"min_value": 0},
            "cost": {"min_value": 0},
        }

    def __init__(self, *args, delegation=None, **kwargs):
        super().__init__(*args, **kwargs)
        from doingoai.agreements.models import Agreement

        if delegation is not None:
            self.fields["members_went"].child_relation.queryset = delegation.members.all()
            self.fields["agreements"].child_relation.queryset = Agreement.objects.filter(
                province=delegation.province, deleted_at__isnull=True
            )

    def get_tasks(self, obj) -> list[int]:
        return list(obj.follow_up_tasks.values_list("pk", flat=True)) if obj.pk else []


class FollowUpTaskSerializer(serializers.Serializer):
    """One follow-up task of a report, parsed the way the task API parses a task."""

    title = serializers.CharField(allow_blank=True)
    lead_unit = serializers.PrimaryKeyRelatedField(
        queryset=Unit.objects.none(), required=False, allow_null=True
    )
    coordinating_units = serializers.PrimaryKeyRelatedField(
        queryset=Unit.objects.none(), many=True, required=False
    )
    deadline = serializers.DateField(required=False, allow_null=True)

    def __init__(self, *args, province=None, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(province=province, deleted_at__isnull=True)
        self.fields["lead_unit"].queryset = units
        self.fields["coordinating_units"].child_relation.queryset = units


class MemberSerializer(serializers.ModelSerializer):
    """A member of the delegation; the passport number only for the office and the owning unit."""

    person_name = serializers.CharField(source="person.full_name", read_only=True)
    person_title = serializers.CharField(source="person.title", read_only=True)
    role_label = serializers.CharField(source="get_role_display", read_only=True)
    passport_due_on = serializers.SerializerMethodField()

    class Meta:
        model = DelegationMember
        fields = [
            "id",
            "person",
            "person_name",
            "person_title",
            "role",
            "role_label",
            "passport_kind",
            "passport_number",
            "passport_handed_out_on",
            "passport_returned_on",
            "passport_due_on",
            "notes",
            "version",
        ]
        read_only_fields = ["passport_handed_out_on", "passport_returned_on", "version"]

    def __init__(self, *args, delegation=None, **kwargs):
        super().__init__(*args, **kwargs)
        from doingoai.people.models import Person

        if delegation is not None:
            self.fields["person"].queryset = Person.objects.filter(
                province=delegation.province, deleted_at__isnull=True
            )

    def get_passport_due_on(self, obj) -> datetime.date | None:
        from doingoai.delegations.selectors import passport_due_on

        return passport_due_on(obj)

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        if request is None or not can_see_passports(request.user, instance.delegation):
            data.pop("passport_number", None)
        return data
