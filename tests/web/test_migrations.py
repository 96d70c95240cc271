"""Existing delegations move to the states of their life (migration ``delegations.0005_life_states``)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("delegations", "0004_life")]
AFTER = [("delegations", "0005_life_states")]


@pytest.mark.django_db(transaction=True)
def test_old_states_move_to_the_new_ones():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Province = apps.get_model("organization", "Province")
    PlanDocument = apps.get_model("plans", "PlanDocument")
    Delegation = apps.get_model("delegations", "Delegation")
    province = Province.objects.create(code="thai-nguyen", name="Thái Nguyên")
    issued = PlanDocument.objects.create(
        province=province,
        kind="Kế hoạch",
        number="65/KH-UBND",
        issuer="UBND tỉnh Thái Nguyên",
        file_name="002.txt",
        issued_on="2024-04-09",
    )
    proposal = PlanDocument.objects.create(
        province=province,
        kind="Kế hoạch",
        number="15/KH-CĐTN",
        issuer="TRƯỜNG CAO ĐẲNG THÁI NGUYÊN",
        file_name="de-xuat.txt",
    )

    def make(status, document=None, row=""):
        return Delegation.objects.create(
            province=province,
            plan_document=document,
            source_row=row,
            direction="out",
            level="department",
            year=2024,
            name=status,
            status=status,
        ).pk

    ids = {
        "from_plan": make("proposed", issued, "1"),
        "from_proposal": make("proposed", proposal, "1"),
        "typed": make("proposed"),
        "carried_out": make("carried_out"),
        "approved": make("approved"),
        "postponed": make("postponed"),
        "cancelled": make("cancelled"),
    }
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    Delegation = apps.get_model("delegations", "Delegation")
    Transition = apps.get_model("delegations", "Transition")
    status = {key: Delegation.objects.get(pk=pk).status for key, pk in ids.items()}
    assert status == {
        "from_plan": "approved",
        "from_proposal": "submitted",
        "typed": "submitted",
        "carried_out": "returned",
        "approved": "approved",
        "postponed": "postponed",
        "cancelled": "cancelled",
    }
    approved = Delegation.objects.get(pk=ids["from_plan"])
    assert (approved.decision_number, str(approved.decision_date)) == ("65/KH-UBND", "2024-04-09")
    assert Transition.objects.filter(action="create").count() == len(ids)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # back to the latest for the other tests
