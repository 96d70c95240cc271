"""The demo's tasks followed: one overdue with the unit's progress notes, one led by a group.

Made through the services; idempotent (nothing is done when the first exists).
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from doingoai.tasks import services
from doingoai.tasks.models import Task

OVERDUE = "Xây dựng chương trình trao đổi sinh viên với các trường của Lào (minh họa)"
GROUP = "Tuyên truyền về công tác biên giới, lãnh thổ trong cán bộ, nhân dân (minh họa)"


def seed(office, unit_officer, other_unit) -> list[Task]:
    unit = unit_officer.profile.unit
    if Task.objects.filter(title=OVERDUE, province=unit.province).exists():
        return []
    today = timezone.localdate()
    overdue = services.task_create(
        user=office,
        values={
            "province": unit.province,
            "field": "Giáo dục, đào tạo",
            "title": OVERDUE,
            "lead_unit": unit,
            "coordinating_units": [other_unit],
            "deadline": today - datetime.timedelta(days=6),
        },
        reason="Dữ liệu minh họa",
    )
    services.task_note_add(
        overdue,
        user=unit_officer,
        text="Đã gửi thư đề nghị và dự thảo chương trình cho phía Lào; đang chờ phản hồi.",
        status=Task.Status.IN_PROGRESS,
        written_on=today - datetime.timedelta(days=10),
    )
    group = services.task_create(
        user=office,
        values={
            "province": unit.province,
            "field": "Biên giới, lãnh thổ",
            "title": GROUP,
            "lead_text": "Các sở, ban, ngành liên quan",
            "deadline": today + datetime.timedelta(days=30),
        },
        reason="Dữ liệu minh họa",
    )
    return [overdue, group]
