"""The inbox ("Việc cần làm"): what each person has to do now, by kind of work.

The home page after signing in. The sections come from the domains'
selectors (``delegations.selectors.inbox_sections``): for the office the
proposals to consider and the approvals to record, for a leader the
delegations waiting for their approval, for a unit its drafts; for all, the
trips to mark as gone or back, the reports and passports due or overdue;
then the tasks and agreements to follow (``inbox.sections``).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse

from doingoai.delegations import workflow
from doingoai.delegations.selectors import inbox_sections
from doingoai.inbox.sections import record_sections

#: items shown per section; the rest are a link away (the delegation list, filtered)
SHOWN = 10


@login_required
def inbox(request):
    sections = [*inbox_sections(request.user), *record_sections(request.user)]
    for section in sections:
        for item in section.items[:SHOWN]:
            if not hasattr(item, "delegation"):
                continue  # a task, an agreement: its page is where the work is done
            spec = workflow.action(item.action) if item.action else None
            if spec is not None:
                name = (
                    "delegations:delegation_report"
                    if item.action == "report"
                    else "delegations:delegation_action"
                )
                args = [item.delegation.pk] if item.action == "report" else [item.delegation.pk, item.action]
                item.action_url = reverse(name, args=args)
                item.action_label = spec.label(item.delegation, "office")
    return render(
        request,
        "inbox/inbox.html",
        {
            "sections": sections,
            "total": sum(len(section.items) for section in sections),
            "shown": SHOWN,
            "nav_active": "inbox",
        },
    )
