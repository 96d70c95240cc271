"""Pages of the plan's tasks.

Office staff edit every task of their provinces; unit staff edit the tasks
their unit leads (``lead_unit``): the rule is ``tasks.services``'.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from doingoai.accounts.permissions import role_of
from doingoai.accounts.scoping import scope
from doingoai.core.errors import ServiceError
from doingoai.core.views import ObjectDeleteView, ObjectDetailView, ObjectEditView, ObjectListView
from doingoai.tasks import services
from doingoai.tasks.filtersets import TaskFilterSet
from doingoai.tasks.forms import TaskForm, TaskNoteForm
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
    queryset = Task.objects.select_related("lead_unit", "province", "plan_document", "report__delegation")
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
        task, user = self.object, self.request.user
        context["overdue"] = is_overdue(task)
        context["journal"] = task.journal.select_related("author", "unit")
        if services.can_write_note(user, task):
            context["note_form"] = TaskNoteForm(
                initial={"written_on": timezone.localdate()},
                can_set_status=services.can_change_task(user, task),
            )
        return context


@login_required
@require_POST
def task_note(request, pk):
    """Write a progress note in the task's journal (the service says who may)."""
    task = get_object_or_404(scope(Task.objects.all(), request.user), pk=pk)
    form = TaskNoteForm(request.POST, can_set_status=services.can_change_task(request.user, task))
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, errors[0])
    else:
        try:
            services.task_note_add(task, user=request.user, **form.cleaned_data)
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "Đã ghi tiến độ nhiệm vụ.")
    return redirect(f"{reverse('tasks:task_detail', args=[task.pk])}#tien-do")


class TaskEditView(ObjectEditView):
    queryset = Task.objects.all()
    operations = services.TASKS
    form_class = TaskForm


class TaskDeleteView(ObjectDeleteView):
    queryset = Task.objects.all()
    operations = services.TASKS
