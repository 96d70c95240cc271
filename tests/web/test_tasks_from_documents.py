"""The importer saves the tasks a plan assigns: leads and coordinating units matched to the province's
units, a group kept as written for the office to name, in the history, and never twice."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from doingoai.accounts.models import Profile
from doingoai.organization.models import Province, Unit
from doingoai.plans import importer
from doingoai.tasks.models import Task
from doingoai.tasks.services import task_update
from tests.conftest import sample

pytestmark = pytest.mark.django_db
UNITS = ["Sở Ngoại vụ", "Sở Công Thương", "Sở Kế hoạch và Đầu tư", "Công an tỉnh", "Sở Tài chính"]


@pytest.fixture
def dong_nai(db):
    province = Province.objects.create(code="dong-nai", name="Đồng Nai")
    units = {name: Unit.objects.create(province=province, name=name) for name in UNITS}
    user = get_user_model().objects.create_user(username="sngv-dn", password="x" * 12)
    Profile.objects.create(user=user, role="office", unit=units["Sở Ngoại vụ"]).provinces.set([province])
    return province, units, user


def _import(user, province):
    data = sample("004").read_bytes()
    _preview, outcome = importer.import_files(
        [(sample("004").name, data)], user, province=province, create_units=False
    )
    return outcome


def test_the_plans_tasks_are_saved_with_their_units(dong_nai):
    province, units, user = dong_nai
    outcome = _import(user, province)
    assert outcome.documents[0].counts["tasks"] == 16
    tasks = {task.tt: task for task in Task.objects.filter(province=province)}
    assert len(tasks) == 16
    economy = tasks["II.3"]
    assert economy.field == "Công tác ngoại giao kinh tế"
    assert economy.lead_unit == units["Sở Công Thương"]
    assert set(economy.joint_leads.all()) == {units["Sở Kế hoạch và Đầu tư"], units["Sở Ngoại vụ"]}
    assert (
        "Ban quản lý các Khu công nghiệp tỉnh" in economy.lead_text
    )  # not a unit of the province: as written
    consular = tasks["II.7"]
    assert list(consular.coordinating_units.all()) == [units["Công an tỉnh"]]
    assert "UBND các huyện, thành phố" in consular.coordinating_text
    group = tasks["IV.2"]
    assert group.lead_unit is None and group.lead_is_a_group
    assert group.lead_text == "Các sở, ban, ngành; UBND các huyện, thành phố"
    record = economy.history.first()
    assert record.history_user == user and record.history_change_reason.startswith("Nhập từ văn bản")


def test_reading_the_plan_again_adds_nothing_and_keeps_the_follow_up(dong_nai):
    province, units, user = dong_nai
    _import(user, province)
    task = Task.objects.get(province=province, tt="IV.3")
    task_update(task, user=user, values={"status": Task.Status.IN_PROGRESS, "notes": "Đã họp triển khai"})
    outcome = _import(user, province)
    assert Task.objects.filter(province=province).count() == 16
    assert outcome.documents[0].counts["tasks"] == 16
    task.refresh_from_db()
    assert (task.status, task.notes) == (Task.Status.IN_PROGRESS, "Đã họp triển khai")


def test_a_units_import_saves_no_task(dong_nai):
    from doingoai.plans.models import PlanDocument
    from doingoai.tasks.services import tasks_save_from_document

    province, units, user = dong_nai
    _import(user, province)
    unit_user = get_user_model().objects.create_user(username="ct", password="x" * 12)
    Profile.objects.create(user=unit_user, role="unit", unit=units["Sở Công Thương"]).provinces.set(
        [province]
    )
    plan = PlanDocument.objects.get(province=province)
    counts = tasks_save_from_document(
        plan, [{"tt": "9", "content": "Việc mới", "lead_units": ["Sở Công Thương"]}], user=unit_user
    )
    assert counts == {"created": 0, "updated": 0, "unchanged": 0}
    assert not Task.objects.filter(tt="9").exists()
