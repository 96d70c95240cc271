from django.contrib import admin

from doingoai.agreements.models import Agreement
from doingoai.core.admin import ReadOnlyAdmin


@admin.register(Agreement)
class AgreementAdmin(ReadOnlyAdmin):
    list_display = ("title", "kind", "year", "status", "province")
    list_filter = ("status", "year")
    search_fields = ("title", "partner_name")
