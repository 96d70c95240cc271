from django.contrib import admin

from doingoai.core.admin import ReadOnlyAdmin
from doingoai.people.models import Person

admin.site.register(Person, ReadOnlyAdmin)
