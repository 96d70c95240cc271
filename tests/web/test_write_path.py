"""No write to a delegation, agreement or task happens outside the services.

Every save, delete and queryset update of the guarded models, and every SQL
statement that writes their tables (the importer's bulk writes), is watched while
the test walks the doors a write can come through: the pages' forms, the
API's serializers, the transitions, the report, the importer and the
administration pages. Each write must happen inside a service function
(``doingoai.core.services.in_service``); the test also checks that the walk
did write, so that it cannot pass by writing nothing.
"""

from __future__ import annotations

import datetime
import json
import re

import pytest
from django.db import connection
from django.db.models import QuerySet
from django.db.models.signals import pre_delete, pre_save
from django.urls import reverse

from doingoai.agreements.models import Agreement
from doingoai.core import bulk
from doingoai.core.services import in_service
from doingoai.delegations.models import Delegation, DelegationMember, DelegationReport, Transition
from doingoai.organization.models import Unit
from doingoai.partners.models import Partner
from doingoai.people.models import Person
from doingoai.plans import importer
from doingoai.plans.models import PlanDocument
from doingoai.tasks.models import Task
from tests.conftest import sample

pytestmark = pytest.mark.django_db

GUARDED = (
    Delegation,
    Agreement,
    Task,
    Unit,
    Partner,
    Person,
    PlanDocument,
    DelegationMember,
    DelegationReport,
    Transition,
)


class Writes(list):
    """The writes seen since ``start()``: (model, what, the service it ran in or None)."""

    watching = False

    def start(self) -> Writes:
        """Watch from now on (the test's own data, made before, is not the code under test)."""
        self.clear()
        self.watching = True
        return self

    def see(self, model: str, what: str) -> None:
        if self.watching:
            self.append((model, what, in_service()))


@pytest.fixture
def writes(monkeypatch):
    """Every write to a guarded model once the test calls ``writes.start()``."""
    seen = Writes()

    def on_save(sender, instance, **kwargs):
        seen.see(sender.__name__, "save")

    def on_delete(sender, instance, **kwargs):
        seen.see(sender.__name__, "delete")

    for model in GUARDED:
        pre_save.connect(on_save, sender=model, weak=False)
        pre_delete.connect(on_delete, sender=model, weak=False)
    for name in ("update", "bulk_create", "bulk_update", "delete"):
        original = getattr(QuerySet, name)

        def watched(self, *args, __original=original, __name=name, **kwargs):
            if self.model in GUARDED:
                seen.see(self.model.__name__, __name)
            return __original(self, *args, **kwargs)

        monkeypatch.setattr(QuerySet, name, watched)
    for name in ("_copy", "_insert_statements"):  # the bulk writes' two ways to the database
        original = getattr(bulk, name)

        def sent(connection, model, *args, __original=original, **kwargs):
            if model in GUARDED:
                seen.see(model.__name__, "bulk")
            return __original(connection, model, *args, **kwargs)

        monkeypatch.setattr(bulk, name, sent)
    tables = {model._meta.db_table: model.__name__ for model in GUARDED}
    statement = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)

    def on_sql(execute, sql, params, many, context):
        match = statement.match(sql)
        if match and match.group(1) in tables:
            seen.see(tables[match.group(1)], "sql")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(on_sql):
        yield seen
    for model in GUARDED:
        pre_save.disconnect(on_save, sender=model)
        pre_delete.disconnect(on_delete, sender=model)


def outside(writes) -> list:
    return [write for write in writes if write[2] is None]


def test_pages_write_through_the_services(client, writes, office_user, school_user, units, province):
    client.force_login(office_user)
    writes.start()
    response = client.post(
        reverse("delegations:delegation_add"),
        {
            "direction": "out",
            "level": "department",
            "year": "2026",
            "owner": units["school"].pk,
            "name": "Đoàn cán bộ Trường Cao đẳng",
            "leader": "Lê Kim Anh - Phó Hiệu trưởng",
            "countries": "Lào",
            "delegation_count": "1",
            "duration_unit": "day",
            "period_start": "2026-07",
            "funding": "Ngân sách tỉnh",
        },
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    row = Delegation.objects.get()
    edit = client.get(reverse("delegations:delegation_edit", args=[row.pk])).context["form"]
    data = {name: value for name, value in edit.initial.items() if value is not None}
    data.update(
        countries="Lào",
        period_start="2026-07",
        name="Đoàn đổi tên",
        version=row.version,
        owner=units["school"].pk,
    )
    assert client.post(reverse("delegations:delegation_edit", args=[row.pk]), data).status_code == 302
    for action, values in (
        ("submit", {}),
        ("include", {}),
        ("approve", {"document_number": "1/UBND", "document_date": "2026-01-05"}),
    ):
        assert client.post(f"/doan/{row.pk}/thao-tac/{action}/", values).status_code == 302
    client.post(
        reverse("agreements:agreement_add"),
        {"province": province.pk, "title": "Bản ghi nhớ", "countries": "Lào", "status": "planned"},
    )
    client.post(
        reverse("tasks:task_add"),
        {"province": province.pk, "title": "Nhiệm vụ", "status": "open", "lead_unit": units["school"].pk},
    )
    client.post(
        reverse("organization:unit_add"), {"province": province.pk, "name": "Sở Y tế", "kind": "department"}
    )
    client.post(reverse("people:person_add"), {"province": province.pk, "full_name": "Lê Kim Anh"})
    member_page = client.post(
        reverse("delegations:member_add", args=[row.pk]),
        {
            "person": Person.objects.get().pk,
            "role": "head",
            "passport_kind": "official",
            "passport_number": "C1234567",
        },
    )
    assert member_page.status_code == 302
    assert (
        client.post(reverse("agreements:agreement_delete", args=[Agreement.objects.get().pk])).status_code
        == 302
    )
    assert (Agreement.objects.count(), Task.objects.count()) == (1, 1)
    assert {write[0] for write in writes} >= {
        "Delegation",
        "Agreement",
        "Task",
        "Unit",
        "Person",
        "DelegationMember",
        "Transition",
    }
    assert outside(writes) == []


def test_the_api_writes_through_the_services(client, writes, office_user, units, province):
    client.force_login(office_user)
    writes.start()

    def send(method, path, data):
        return getattr(client, method)(path, json.dumps(data), content_type="application/json")

    response = send(
        "post",
        "/api/delegations/",
        {
            "direction": "out",
            "level": "department",
            "year": 2026,
            "owner": units["school"].pk,
            "name": "Đoàn API",
            "leader": "A - B",
            "countries": ["LA"],
            "period_start": "2026-05",
            "funding": "Ngân sách tỉnh",
        },
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assert send("patch", f"/api/delegations/{pk}/", {"notes": "ghi chú"}).status_code == 200
    for action, values in (
        ("submit", {}),
        ("include", {}),
        ("approve", {"document_number": "1/UBND", "document_date": "2026-01-05"}),
        ("depart", {}),
        ("return", {}),
    ):
        assert (
            send("post", f"/api/delegations/{pk}/transitions/", {"action": action, **values}).status_code
            == 200
        )
    response = send(
        "post",
        f"/api/delegations/{pk}/members/",
        {"new_person": {"full_name": "Trần Văn Quyết"}, "role": "head", "passport_kind": "ordinary"},
    )
    assert response.status_code == 201, response.content
    response = send(
        "post",
        f"/api/delegations/{pk}/report/",
        {
            "activities": "Làm việc với đối tác",
            "follow_up_tasks": [
                {
                    "title": "Theo dõi thỏa thuận",
                    "lead_unit": units["industry"].pk,
                    "deadline": (datetime.date.today() + datetime.timedelta(days=30)).isoformat(),
                }
            ],
        },
    )
    assert response.status_code == 200, response.content
    assert send("post", "/api/agreements/", {"title": "Ý định thư", "countries": ["KR"]}).status_code == 201
    task = send("post", "/api/tasks/", {"title": "Nhiệm vụ API", "lead_unit": units["school"].pk})
    assert task.status_code == 201
    assert send("patch", f"/api/tasks/{task.json()['id']}/", {"status": "done"}).status_code == 200
    assert send("post", "/api/partners/", {"name": "Tỉnh Champasak", "country": "Lào"}).status_code == 201
    assert client.delete(f"/api/delegations/{pk}/").status_code == 204
    assert Task.objects.filter(report__isnull=False).count() == 1
    assert {write[0] for write in writes} >= {
        "Delegation",
        "Agreement",
        "Task",
        "Partner",
        "DelegationReport",
    }
    assert outside(writes) == []


def test_the_importer_writes_through_the_services(writes, office_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    writes.start()
    data = sample("002").read_bytes()
    importer.import_files([("ke-hoach.txt", data)], office_user)
    changed = data.replace(b"\t10\t11\t", b"\t12\t11\t", 1)
    importer.import_files([("ke-hoach-sua.txt", changed)], office_user)  # a re-import that updates
    assert Delegation.objects.count() == 46 and Agreement.objects.count() == 2
    assert {write[0] for write in writes} >= {"Delegation", "Agreement", "PlanDocument", "Unit", "Transition"}
    # a whole document's rows are written a batch at a time, never one statement per row
    assert sum(1 for write in writes if write[:2] == ("Delegation", "bulk")) <= 4, writes
    assert outside(writes) == []


def test_the_administration_pages_never_write(client, writes, delegation, make_user, units):
    from django.contrib.auth import get_user_model

    row = delegation()
    admin = get_user_model().objects.create_superuser("sieu-quan-tri", password="x")
    client.force_login(admin)
    writes.start()
    for model in ("delegation", "agreement", "task"):
        app = {"delegation": "delegations", "agreement": "agreements", "task": "tasks"}[model]
        assert client.get(f"/quan-tri/{app}/{model}/").status_code == 200
    assert client.get(f"/quan-tri/delegations/delegation/{row.pk}/change/").status_code == 200  # to read
    response = client.post(
        f"/quan-tri/delegations/delegation/{row.pk}/change/", {"name": "Sửa trong quản trị"}
    )
    assert response.status_code == 403
    assert client.get("/quan-tri/delegations/delegation/add/").status_code == 403
    assert (
        client.post(f"/quan-tri/delegations/delegation/{row.pk}/delete/", {"post": "yes"}).status_code == 403
    )
    row.refresh_from_db()
    assert row.name != "Sửa trong quản trị" and row.deleted_at is None
    assert [write for write in writes if write[0] in ("Delegation", "Agreement", "Task")] == []


def test_the_watch_sees_a_write_around_the_services(writes, delegation):
    """The check above can fail: a save made directly, as old code did, is caught."""
    row = delegation()
    writes.start()
    row.name = "Sửa thẳng"
    row.save()
    Delegation.objects.filter(pk=row.pk).update(notes="x")
    with connection.cursor() as cursor:
        cursor.execute('UPDATE "delegations_delegation" SET "notes" = %s', ["y"])
    assert [write[:2] for write in outside(writes)] == [
        ("Delegation", "save"),
        ("Delegation", "sql"),
        ("Delegation", "update"),
        ("Delegation", "sql"),
        ("Delegation", "sql"),
    ]
