from django.contrib import admin

from doingoai.core.admin import ReadOnlyAdmin
from doingoai.delegations.models import Delegation, DelegationMember, DelegationReport, Transition


@admin.register(Delegation)
class DelegationAdmin(ReadOnlyAdmin):
    list_display = ("name", "direction", "year", "status", "owner", "province")
    list_filter = ("status", "direction", "level", "year")
    search_fields = ("name", "leader")


@admin.register(Transition)
class TransitionAdmin(ReadOnlyAdmin):
    list_display = ("delegation", "action", "from_status", "to_status", "user", "at")
    list_filter = ("action",)


@admin.register(DelegationMember)
class DelegationMemberAdmin(ReadOnlyAdmin):
    list_display = ("delegation", "person", "role", "passport_kind")
    exclude = ("passport_number",)


admin.site.register(DelegationReport, ReadOnlyAdmin)
