"""A task's coordinating units are in its history, with who changed them and why."""

from __future__ import annotations

import pytest

from doingoai.tasks.services import task_create, task_update

pytestmark = pytest.mark.django_db


def test_coordinating_units_changes_are_in_the_history(client, office_user, units):
    task = task_create(
        user=office_user,
        values={
            "title": "Tổ chức hội nghị xúc tiến đầu tư",
            "lead_unit": units["school"],
            "coordinating_units": [units["industry"]],
        },
    )
    task_update(
        task,
        user=office_user,
        values={"coordinating_units": [units["office"], units["industry"]]},
        reason="Bổ sung Sở Ngoại vụ phối hợp",
    )
    client.force_login(office_user)
    history = client.get(f"/nhiem-vu/{task.pk}/").context["history"]
    latest = history[0]
    assert latest["user"] == office_user and latest["reason"] == "Bổ sung Sở Ngoại vụ phối hợp"
    assert [(c["label"], c["old"], c["new"]) for c in latest["changes"]] == [
        ("Đơn vị phối hợp", "Ban Quản lý các KCN", "Ban Quản lý các KCN, Sở Ngoại vụ")
    ]
    assert history[-1]["type_label"] == "Tạo mới"
