"""``doingoai demo --no-serve``: provinces, units, the five sample plans and the demo accounts, idempotent."""

from __future__ import annotations

import io

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from doingoai.agreements.models import Agreement
from doingoai.core.management.commands.demo import DEMO_PASSWORD
from doingoai.delegations.models import Delegation, DelegationMember, DelegationReport, Transition
from doingoai.organization.models import Province, Unit
from doingoai.plans.models import PlanDocument

#: delegations and agreements of each sample, as the reader finds them
EXPECTED = {"000": (20, 0), "001": (34, 0), "002": (46, 2), "003": (0, 0), "004": (35, 0)}


@pytest.fixture(autouse=True)
def folders(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STATIC_ROOT = tmp_path / "static"


def counts() -> dict[str, int]:
    """Every row of the project's tables (history included): a second run must change none."""
    labels = (
        "organization",
        "accounts",
        "plans",
        "delegations",
        "agreements",
        "partners",
        "people",
        "tasks",
        "auth",
        "collection",
        "consolidation",
        "rules",
    )
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in labels
    }


def run_demo() -> str:
    out = io.StringIO()
    call_command("demo", "--no-serve", stdout=out, stderr=out)
    return out.getvalue()


@pytest.mark.django_db
def test_demo_prepares_everything_and_a_second_run_changes_nothing():
    output = run_demo()
    first = counts()
    assert "Tên đăng nhập" in output and DEMO_PASSWORD in output

    # provinces, Bình Định merged into Gia Lai
    names = set(Province.objects.values_list("name", flat=True))
    assert {"Bình Định", "Đồng Nai", "Thái Nguyên", "Gia Lai"} <= names
    assert Province.objects.get(name="Bình Định").merged_into.name == "Gia Lai"

    # every sample's records, stored with their document
    for prefix, (delegations, agreements) in EXPECTED.items():
        document = PlanDocument.objects.get(file_name__startswith=prefix)
        assert document.delegations.count() == delegations, prefix
        assert document.agreements.count() == agreements, prefix
        assert document.file_sha256 and document.file
    assert Delegation.objects.filter(plan_document__isnull=False).count() == 135
    assert Agreement.objects.filter(plan_document__isnull=False).count() == 2

    # agreements and tasks followed: a report after signing overdue, an agreement expiring, a task's journal
    from doingoai.agreements import selectors as agreement_selectors
    from doingoai.tasks.models import TaskNote

    today = timezone.localdate()
    owed = agreement_selectors.signing_reports_owed(Agreement.objects.all())
    assert [a.signing_report_overdue for a in owed] == [True]
    assert agreement_selectors.expiring(Agreement.objects.all(), today).count() == 1
    note = TaskNote.objects.get()
    assert note.task.deadline < today and note.unit.name == "Trường Cao đẳng Thái Nguyên"

    # a delegation in every state of its life, with members, passports and a report
    demo = Delegation.objects.filter(name__endswith="(minh họa)")
    assert set(demo.values_list("status", flat=True)) == set(Delegation.Status.values)
    assert DelegationMember.objects.filter(delegation__in=demo).count() >= 6
    assert DelegationMember.objects.filter(
        passport_handed_out_on__isnull=False, passport_returned_on__isnull=True
    ).exists()  # a passport overdue
    assert DelegationReport.objects.filter(delegation__in=demo, filed_at__isnull=False).count() == 1
    assert Transition.objects.filter(delegation__in=demo).values("action").distinct().count() >= 10

    # units from the documents' proposals, owning their rows
    assert Unit.objects.filter(province__name="Thái Nguyên", name="Trường Cao đẳng Thái Nguyên").exists()
    military = Unit.objects.get(province__name="Đồng Nai", name="Bộ Chỉ huy quân sự tỉnh")
    assert military.kind == Unit.Kind.MILITARY
    assert Delegation.objects.filter(owner=military).count() >= 7  # "Bộ CHQS tỉnh" rows of 004 too
    assert Unit.objects.filter(name="Sở Ngoại vụ").count() == 3

    # the accounts, one per role, with the printed password
    User = get_user_model()
    roles = {}
    for user in User.objects.select_related("profile"):
        assert user.check_password(DEMO_PASSWORD), user.username
        roles.setdefault(user.profile.role, []).append(user)
        assert user.username in output
    assert len(roles["office"]) == 3 and len(roles["unit"]) == 1
    assert len(roles["leader"]) == 1 and len(roles["admin"]) == 1
    assert roles["admin"][0].is_superuser
    assert roles["unit"][0].profile.unit.name == "Trường Cao đẳng Thái Nguyên"
    office = User.objects.get(username="ngoaivu.thainguyen")
    history = Delegation.history.filter(plan_document__file_name__startswith="002").first()
    assert history.history_user == office

    # the plan year: an open round, this year's plan approved as a version, next year's being built,
    # a warning of every rule on by default in the demo's province
    from doingoai.collection.models import CollectionRound, UnitAnswer
    from doingoai.consolidation.models import PlanVersion
    from doingoai.rules.checks import rules
    from doingoai.rules.models import Warning

    round = CollectionRound.objects.get(province__name="Thái Nguyên", status="open")
    assert UnitAnswer.objects.filter(round=round, kind="none").exists()
    from doingoai.core.attachments import attachments_of

    assert sorted(f.format for f in attachments_of(round)) == ["docx", "docx"]  # Mẫu 04, Mẫu 05
    approved = PlanVersion.objects.get(province__name="Thái Nguyên", approved_at__isnull=False)
    assert approved.approving_document.number == "2150/UBND-KGVX" and approved.approving_document.attachment
    assert approved.entries.count() == 6
    for entry in approved.entries.select_related("delegation"):
        step = Transition.objects.get(delegation=entry.delegation, action="approve")
        assert step.document_number == "2150/UBND-KGVX"
    assert PlanVersion.objects.filter(province__name="Thái Nguyên", year=round.year, kind="draft").exists()
    on = {rule for rule, spec in rules().items() if spec["enabled"]}
    found = set(
        Warning.objects.filter(province__name="Thái Nguyên", active=True).values_list("rule", flat=True)
    )
    assert on <= found, on - found
    assert Warning.objects.filter(province__name="Thái Nguyên", acknowledged_at__isnull=False).exists()

    second = run_demo()
    assert counts() == first
    assert "mới 0" in second and "cập nhật 0" in second
