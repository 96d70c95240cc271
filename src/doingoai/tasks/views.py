"""Pages of the plan's tasks.

Office staff edit every task of their provinces; unit staff edit the tasks
their unit leads (``lead_unit``): the rule is ``tasks.services``'.
"""

from __future__ import annotations

from doingoai.accounts.permissions import role_of
from doingoai.core.views import ObjectDeleteView, ObjectDetailView, ObjectEditView, ObjectListView
from doingoai.tasks import services
from doingoai.tasks.filtersets import TaskFilterSet
from doingoai.tasks.forms import TaskForm
from doingoai.tasks.models import Task
from doingoai.tasks.tables import TaskTable, is_overdue


class TaskListView(ObjectListView):
    queryset = Task.objects.select_related("lead_unit", "province").prefetch_related("coordinating_units")
    operations = services.TASKS
    filterset_class = TaskFilterSet
    table_class = TaskTable
    template_name = "tasks/task_list.html"
    title = "Nhiệm vụ"

    def get_extra_context(self):
        """Unit staff get a shortcut to the tasks their unit leads (the ones they answer for)."""
        context = super().get_extra_context()
        profile = getattr(self.request.user, "profile", None)
        if role_of(self.request.user) == "unit" and profile is not None and profile.unit_id:
            context["own_unit"] = profile.unit
        return context


class TaskDetailView(ObjectDetailView):
    queryset = Task.objects.select_related("lead_unit", "province", "plan_document")
    operations = services.TASKS
    detail_fields = (
        "province",
        "tt",
        "field",
        "title",
        "lead_unit",
        "joint_leads",
        "lead_text",
        "coordinating_units",
        "coordinating_text",
        "deadline",
        "deadline_text",
        "status",
        "notes",
        "plan_document",
    )
    template_name = "tasks/task_detail.html"

    def format_value(self, name, value):
        if name in ("coordinating_units", "joint_leads") and hasattr(value, "all"):
            return "; ".join(str(unit) for unit in value.all()) or "—"
        return super().format_value(name, value)

    def get_extra_context(self):
        context = super().get_extra_context()
        context["overdue"] = is_overdue(self.object)
        return context


class TaskEditView(ObjectEditView):
    queryset = Task.objects.all()
    operations = services.TASKS
    form_class = TaskForm


class TaskDeleteView(ObjectDeleteView):
    queryset = Task.objects.all()
    operations = services.TASKS
