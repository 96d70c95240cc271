from django.contrib import admin

from doingoai.core.admin import ReadOnlyAdmin
from doingoai.partners.models import Partner

admin.site.register(Partner, ReadOnlyAdmin)
