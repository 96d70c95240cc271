"""What every API serializer of the site shares: it parses, the service decides.

A serializer reads the request into values and writes records out; it holds
no rule of the record (the services do, for the API and the pages alike).
Its ``province`` and unit fields offer only what the user sees, so the API
can no more point a record at another province than the pages can.

Every record goes out with its ``version``; a client that sends it back with
a change has the change refused (409) if someone saved in between, and one
that sends no version changes only the fields it names.
"""

from __future__ import annotations

from rest_framework import serializers

from doingoai.accounts.scoping import scope, visible_provinces

UNIT_OUT_OF_SCOPE = "Đơn vị không có hoặc không nằm trong phạm vi của bạn."
PROVINCE_OUT_OF_SCOPE = "Tỉnh không có hoặc không nằm trong phạm vi của bạn."


class ScopedModelSerializer(serializers.ModelSerializer):
    """A model serializer whose ``province`` and unit fields offer only what the user sees.

    ``unit_fields`` names the fields pointing to units.
    """

    unit_fields: tuple[str, ...] = ()
    version = serializers.IntegerField(
        required=False,
        min_value=0,
        help_text="Phiên bản của bản ghi. Gửi kèm khi sửa: nếu người khác đã lưu sau phiên bản này, "
        "yêu cầu bị từ chối (409) kèm các thay đổi đó.",
    )

    def _user(self):
        request = self.context.get("request")
        return getattr(request, "user", None)

    def get_fields(self):
        from doingoai.organization.models import Province, Unit

        fields = super().get_fields()
        user = self._user()
        province = fields.get("province")
        if province is not None and not province.read_only:
            province.queryset = visible_provinces(user) if user is not None else Province.objects.none()
            province.error_messages["does_not_exist"] = PROVINCE_OUT_OF_SCOPE
        units = scope(Unit.objects.all(), user) if user is not None else Unit.objects.none()
        for name in self.unit_fields:
            field = fields.get(name)
            if field is None or field.read_only:
                continue
            relation = getattr(field, "child_relation", field)
            relation.queryset = units
            relation.error_messages["does_not_exist"] = UNIT_OUT_OF_SCOPE
        return fields

    def service_values(self) -> dict:
        """The values the request named, for the service (the version apart)."""
        return {name: value for name, value in self.validated_data.items() if name != "version"}

    @property
    def sent_version(self) -> int | None:
        return self.validated_data.get("version")

    def create(self, validated_data):  # pragma: no cover - a guard against misuse
        raise NotImplementedError("Serializers do not save: the view calls the app's service function.")

    def update(self, instance, validated_data):  # pragma: no cover - a guard against misuse
        raise NotImplementedError("Serializers do not save: the view calls the app's service function.")
