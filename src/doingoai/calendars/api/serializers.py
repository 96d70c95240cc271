"""Calendar feeds in the API: what a new address serves (parsed here, decided by the service), and a feed."""

from __future__ import annotations

from django.urls import reverse
from rest_framework import serializers

from doingoai.accounts.scoping import scope, visible_provinces
from doingoai.calendars.models import CalendarFeed
from doingoai.core.api.serializers import PROVINCE_OUT_OF_SCOPE, UNIT_OUT_OF_SCOPE
from doingoai.organization.models import Province, Unit
from doingoai.people.models import Person

PERSON_OUT_OF_SCOPE = "Người không có hoặc không nằm trong phạm vi của bạn."
WRONG_ID = "Phải là số định danh (id) của bản ghi."


def _related(queryset, label: str, missing: str, help_text: str) -> serializers.PrimaryKeyRelatedField:
    return serializers.PrimaryKeyRelatedField(
        queryset=queryset,
        required=False,
        allow_null=True,
        label=label,
        help_text=help_text,
        error_messages={"does_not_exist": missing, "incorrect_type": WRONG_ID},
    )


class CalendarFeedSerializer(serializers.ModelSerializer):
    """An address: ``id``, ``scope``, what it serves, and ``url``, the .ics a calendar app subscribes to."""

    label = serializers.CharField(read_only=True, help_text="lịch này là gì, như trang «Lịch của tôi» ghi")
    url = serializers.SerializerMethodField(help_text="địa chỉ .ics (bí mật: ai có nó đều xem được lịch)")

    class Meta:
        model = CalendarFeed
        fields = ["id", "scope", "label", "province", "unit", "person", "url", "created_at"]
        read_only_fields = fields

    def get_url(self, obj) -> str:
        path = reverse("calendars:feed", args=[obj.token])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


class CalendarFeedCreateSerializer(serializers.Serializer):
    """What a new address serves: ``{"scope": "province"}`` (``province`` optional),
    ``{"scope": "unit", "unit": id}`` or ``{"scope": "person", "person": id}``."""

    scope = serializers.ChoiceField(
        choices=CalendarFeed.Scope.choices,
        help_text="province: cả tỉnh; unit: một đơn vị; person: lịch công tác của một lãnh đạo",
        error_messages={
            "required": "Hãy chọn phạm vi của lịch (province, unit hoặc person).",
            "invalid_choice": "Phạm vi phải là province, unit hoặc person.",
        },
    )
    province = _related(
        Province.objects.none(),
        "Tỉnh",
        PROVINCE_OUT_OF_SCOPE,
        "tỉnh (phạm vi province; mặc định: tỉnh của bạn)",
    )
    unit = _related(Unit.objects.none(), "Đơn vị", UNIT_OUT_OF_SCOPE, "đơn vị (phạm vi unit)")
    person = _related(Person.objects.none(), "Người", PERSON_OUT_OF_SCOPE, "người (phạm vi person)")

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is not None:
            fields["province"].queryset = visible_provinces(user)
            fields["unit"].queryset = scope(Unit.objects.all(), user)
            fields["person"].queryset = scope(Person.objects.all(), user)
        return fields
