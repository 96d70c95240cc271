"""Table of the task list: overdue tasks stand out."""

from __future__ import annotations

import django_tables2 as tables
from django.utils import timezone
from django.utils.html import format_html

from doingoai.organization.tables import badge, link_to
from doingoai.tasks.models import Task

STATUS_BADGES = {"open": "", "in_progress": "out", "done": "ok", "late": "danger"}


def is_overdue(task: Task) -> bool:
    """Past its deadline and not done, whatever status was last recorded."""
    return bool(task.deadline and task.deadline < timezone.localdate() and task.status != Task.Status.DONE)


class TaskTable(tables.Table):
    title = tables.Column(verbose_name="Nhiệm vụ", linkify=link_to("tasks:task_detail"))
    field = tables.Column(verbose_name="Lĩnh vực")
    lead_unit = tables.Column(verbose_name="Đơn vị chủ trì", order_by=("lead_unit__name",))
    coordinating_units = tables.ManyToManyColumn(verbose_name="Đơn vị phối hợp", separator="; ")
    deadline = tables.Column(verbose_name="Thời hạn")
    status = tables.Column(verbose_name="Trạng thái")

    class Meta:
        model = Task
        fields = ("title", "field", "lead_unit", "coordinating_units", "deadline", "status")
        attrs = {"class": "data"}
        empty_text = "Chưa có nhiệm vụ nào."

    def render_deadline(self, record, value):
        text = value.strftime("%d/%m/%Y")
        if is_overdue(record):
            return format_html("{} {}", text, badge("Quá hạn", "danger"))
        return text

    def render_status(self, record):
        return badge(record.get_status_display(), STATUS_BADGES.get(record.status, ""))
