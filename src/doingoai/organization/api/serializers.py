"""API representations of provinces and units, and what every serializer of the site shares.

A serializer is built for the requesting user: the provinces and units a
client may point to are the ones the user sees, so the API can no more attach
a record to another province than the pages can.
"""

from __future__ import annotations

from rest_framework import serializers

from doingoai.accounts.scoping import scope, visible_provinces
from doingoai.organization.models import Province, Unit

UNIT_OUT_OF_SCOPE = "Đơn vị không có hoặc không nằm trong phạm vi của bạn."


class ScopedModelSerializer(serializers.ModelSerializer):
    """A model serializer whose ``province`` and unit fields offer only what the user sees.

    ``unit_fields`` names the fields pointing to units. ``current(attrs, name)``
    is the value a field will have once saved, for checks that span fields
    (partial updates send only some of them).
    """

    unit_fields: tuple[str, ...] = ()

    def _user(self):
        request = self.context.get("request")
        return getattr(request, "user", None)

    def get_fields(self):
        fields = super().get_fields()
        user = self._user()
        province = fields.get("province")
        if province is not None and not province.read_only:
            province.queryset = visible_provinces(user) if user is not None else Province.objects.none()
            province.error_messages["does_not_exist"] = "Tỉnh không có hoặc không nằm trong phạm vi của bạn."
        units = scope(Unit.objects.all(), user) if user is not None else Unit.objects.none()
        for name in self.unit_fields:
            field = fields.get(name)
            if field is None or field.read_only:
                continue
            relation = getattr(field, "child_relation", field)
            relation.queryset = units
            relation.error_messages["does_not_exist"] = UNIT_OUT_OF_SCOPE
        return fields

    def validate(self, attrs):
        """A new record without a province gets the user's (as on the pages: ``default_province``)."""
        attrs = super().validate(attrs)
        field = self.fields.get("province")
        if self.instance is None and field is not None and not field.read_only and not attrs.get("province"):
            from doingoai.core.views import default_province

            province = default_province(self._user())
            if province is None:
                raise serializers.ValidationError({"province": "Tài khoản của bạn chưa được gán tỉnh nào."})
            attrs["province"] = province
        return attrs

    def current(self, attrs: dict, name: str):
        if name in attrs:
            return attrs[name]
        if self.instance is None:
            return None
        value = getattr(self.instance, name, None)
        return list(value.all()) if hasattr(value, "all") else value


class ProvinceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Province
        fields = ["id", "code", "name", "merged_into", "merged_on"]
        read_only_fields = fields


class UnitSerializer(ScopedModelSerializer):
    province = serializers.PrimaryKeyRelatedField(queryset=Province.objects.none(), required=False)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    aliases = serializers.ListField(child=serializers.CharField(max_length=255), required=False)

    class Meta:
        model = Unit
        fields = ["id", "province", "name", "kind", "kind_display", "aliases", "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]
        # uniqueness is checked in ``validate`` with a Vietnamese message
        validators = []
        extra_kwargs = {"name": {"error_messages": {"required": "Vui lòng nhập tên đơn vị.",
                                                    "blank": "Vui lòng nhập tên đơn vị."}}}

    def validate_name(self, value):
        value = " ".join(value.split())
        if not value:
            raise serializers.ValidationError("Vui lòng nhập tên đơn vị.")
        return value

    def validate(self, attrs):
        attrs = super().validate(attrs)
        province, name = self.current(attrs, "province"), self.current(attrs, "name")
        if province is not None and name:
            clash = Unit.objects.filter(province=province, name__iexact=name)
            if self.instance is not None:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                raise serializers.ValidationError({"name": "Tỉnh này đã có một đơn vị cùng tên."})
        return attrs
