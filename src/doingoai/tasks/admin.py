from django.contrib import admin

from doingoai.core.admin import ReadOnlyAdmin
from doingoai.tasks.models import Task, TaskNote


@admin.register(Task)
class TaskAdmin(ReadOnlyAdmin):
    list_display = ("title", "lead_unit", "deadline", "status", "province")
    list_filter = ("status",)
    search_fields = ("title",)


@admin.register(TaskNote)
class TaskNoteAdmin(ReadOnlyAdmin):
    list_display = ("written_on", "task", "unit", "author", "status")
    search_fields = ("text",)
