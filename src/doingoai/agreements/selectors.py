"""Reads of agreements that several places share: those expiring, those whose signing report is owed.

The inbox (``inbox.sections``), the reminders (``collection.reminders``) and
the dashboard read them through these.
"""

from __future__ import annotations

import datetime

from django.db.models import QuerySet

from doingoai.agreements.models import Agreement

#: an agreement in force expiring within this many days is shown as expiring
EXPIRING_DAYS = 90


def expiring(queryset: QuerySet, today: datetime.date, days: int = EXPIRING_DAYS) -> QuerySet:
    """Agreements that bind and expire between ``today`` and ``days`` later, the nearest first."""
    return queryset.filter(
        status__in=Agreement.BINDING_STATES,
        expires_on__gte=today,
        expires_on__lte=today + datetime.timedelta(days=days),
    ).order_by("expires_on", "id")


def signing_reports_owed(queryset: QuerySet) -> QuerySet:
    """Signed in a department's name and not yet reported (NĐ 64/2021/NĐ-CP, Điều 5 khoản 6)."""
    return queryset.filter(signing_report_due_on__isnull=False, signing_reported_on__isnull=True).order_by(
        "signing_report_due_on", "id"
    )
