from django.contrib import admin

from doingoai.core.admin import ReadOnlyAdmin
from doingoai.plans.models import PlanDocument

admin.site.register(PlanDocument, ReadOnlyAdmin)
