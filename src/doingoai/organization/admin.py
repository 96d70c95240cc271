"""Units are read here; a province's settings (report days) are changed here, through its service."""

from django.contrib import admin, messages

from doingoai.core.admin import ReadOnlyAdmin
from doingoai.core.errors import ServiceError
from doingoai.organization.models import Province, Unit
from doingoai.organization.services import province_update

admin.site.register(Unit, ReadOnlyAdmin)


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "report_due_days", "merged_into")
    fields = ("name", "report_due_days")
    readonly_fields = ("name",)

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        try:
            province_update(
                obj, user=request.user, values={name: form.cleaned_data[name] for name in form.changed_data}
            )
        except ServiceError as error:
            messages.error(request, error.message)
