"""Reads of tasks that several places share: the open ones, the overdue ones, those a unit leads.

The inbox (``inbox.sections``), the reminders and the weekly digest
(``collection.reminders``) and the dashboard read tasks through these.
"""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet

from doingoai.accounts.scoping import scope
from doingoai.tasks.models import Task


def open_tasks(user) -> QuerySet:
    """The tasks ``user`` may see that are not done."""
    return scope(Task.objects.select_related("lead_unit"), user).exclude(status=Task.Status.DONE)


def overdue(queryset: QuerySet, today: datetime.date) -> QuerySet:
    """Those of ``queryset`` whose deadline has passed (``queryset`` holds open tasks)."""
    return queryset.filter(deadline__lt=today)


def led_by(queryset: QuerySet, unit) -> QuerySet:
    """The tasks ``unit`` leads, alone or jointly."""
    return queryset.filter(Q(lead_unit=unit) | Q(joint_leads=unit)).distinct()


def led_by_a_group(queryset: QuerySet) -> QuerySet:
    """Led by a group the document did not name unit by unit: the office follows them until it does."""
    return queryset.filter(lead_unit__isnull=True).exclude(lead_text="")
