"""Consolidation: proposals taken in, left out, merged; the plan's tables and sections; versions approved."""

from __future__ import annotations

import datetime
import io

import pytest
from docx import Document

from doingoai.consolidation import services
from doingoai.consolidation.models import PlanVersion
from doingoai.consolidation.sections import section_of
from doingoai.consolidation.selectors import BY_UNIT, consolidation
from doingoai.core.errors import InvalidInput, NotAllowed, StateConflict
from doingoai.delegations.models import Delegation, Transition

pytestmark = pytest.mark.django_db
D = datetime.date
Status = Delegation.Status


@pytest.fixture
def proposals(delegation, units):
    """Three submitted proposals of 2027: two units, one the same trip as another; one province-level."""
    return {
        "school": delegation(
            year=2027, status=Status.SUBMITTED, name="Đoàn Trường đi Lào", period_start=D(2027, 5, 1)
        ),
        "industry": delegation(
            year=2027,
            status=Status.SUBMITTED,
            owner=units["industry"],
            name="Đoàn xúc tiến đầu tư tại Nhật Bản",
            countries=["JP"],
            funding="Ngân sách tỉnh",
            funding_categories=["provincial_budget"],
            period_start=D(2027, 6, 1),
        ),
        "same": delegation(
            year=2027,
            status=Status.SUBMITTED,
            owner=units["office"],
            name="Đoàn công tác xúc tiến đầu tư Nhật Bản",
            countries=["JP"],
            funding="Ngân sách tỉnh",
            funding_categories=["provincial_budget"],
            period_start=D(2027, 6, 1),
        ),
        "province": delegation(
            year=2027,
            status=Status.SUBMITTED,
            owner=None,
            level="province",
            name="Đoàn Lãnh đạo tỉnh thăm Cuba",
            leader="Thường trực Tỉnh ủy",
            countries=["CU"],
            funding="",
            funding_categories=[],
            period_start=D(2027, 3, 1),
        ),
        "draft": delegation(year=2027, name="Đoàn chưa gửi"),
    }


def _docx(text: str) -> bytes:
    document = Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_sections_follow_the_leader_and_the_funding(delegation):
    top = delegation(
        leader="Đồng chí Ủy viên Bộ Chính trị, Bí thư Tỉnh ủy", funding_categories=["provincial_budget"]
    )
    public = delegation(funding_categories=["party_budget"])
    other = delegation(funding_categories=["partner_pays"])
    unknown = delegation(funding_categories=[])
    inbound = delegation(direction="in", funding_categories=["provincial_budget"])
    assert section_of(top).heading.startswith("I. Đoàn ra cấp Ủy viên Bộ Chính trị")
    assert section_of(public).heading == "II. Đoàn sử dụng Ngân sách Đảng, Ngân sách Nhà nước"
    assert section_of(other).heading == "III. Đoàn sử dụng nguồn kinh phí khác"
    assert section_of(unknown).key == "unknown_funding"
    assert section_of(inbound).heading == "I. Đoàn sử dụng Ngân sách Đảng, Ngân sách Nhà nước"


def test_the_consolidation_puts_proposals_in_the_plans_tables(province, proposals):
    plan = consolidation(province, 2027)
    shown = {row.delegation.pk for row in plan.rows}
    assert proposals["draft"].pk not in shown, "a draft not yet sent is no proposal"
    assert shown == {proposals[key].pk for key in ("school", "industry", "same", "province")}
    titles = [table.title for table in plan.tables if table.groups]
    assert titles == ["Đoàn ra cấp tỉnh", "Đoàn ra cấp sở, ngành, địa phương"]
    department = next(table for table in plan.tables if table.title == "Đoàn ra cấp sở, ngành, địa phương")
    assert [group.heading for group in department.groups] == [
        "II. Đoàn sử dụng Ngân sách Đảng, Ngân sách Nhà nước",
        "III. Đoàn sử dụng nguồn kinh phí khác",
    ]
    assert plan.waiting == 4 and plan.taken == 0
    by_unit = consolidation(province, 2027, BY_UNIT)
    headings = [group.heading for table in by_unit.tables for group in table.groups]
    assert "Ban Quản lý các KCN" in headings and "Trường Cao đẳng Thái Nguyên" in headings


def test_take_in_leave_out_and_merge_are_the_delegations_own_steps(proposals, office_user, school_user):
    with pytest.raises(NotAllowed):
        services.proposal_take_in(proposals["school"], user=school_user)
    services.proposal_take_in(proposals["school"], user=office_user)
    assert Delegation.objects.get(pk=proposals["school"].pk).status == Status.IN_PLAN
    assert Transition.objects.filter(
        delegation=proposals["school"], action="include", user=office_user
    ).exists()

    with pytest.raises(InvalidInput, match="Phải ghi lý do"):
        services.proposal_leave_out(proposals["province"], user=office_user, reason="  ")
    services.proposal_leave_out(proposals["province"], user=office_user, reason="Chưa có thư mời")
    left = Delegation.objects.get(pk=proposals["province"].pk)
    assert (left.status, left.status_reason) == (Status.REJECTED, "Chưa có thư mời")

    with pytest.raises(InvalidInput, match="cùng loại đoàn"):
        services.proposal_merge(
            proposals["same"],
            user=office_user,
            into=Delegation.objects.create(
                **{
                    "province": proposals["same"].province,
                    "direction": "in",
                    "level": "department",
                    "year": 2027,
                    "name": "Đoàn vào",
                    "status": Status.SUBMITTED,
                }
            ),
        )
    services.proposal_merge(proposals["same"], user=office_user, into=proposals["industry"])
    merged = Delegation.objects.get(pk=proposals["same"].pk)
    target = Delegation.objects.get(pk=proposals["industry"].pk)
    assert merged.status == Status.REJECTED and merged.merged_into_id == target.pk
    assert "Trùng với đoàn" in merged.status_reason
    assert "Gộp đề xuất của Sở Ngoại vụ" in target.notes
    with pytest.raises(InvalidInput, match="đã bị bỏ khỏi kế hoạch"):
        services.proposal_merge(proposals["school"], user=office_user, into=merged)


def test_a_version_keeps_what_the_plan_said_and_its_approval_approves_each_delegation(
    province, proposals, office_user, school_user, leader_user
):
    with pytest.raises(InvalidInput, match="chưa có đoàn nào"):
        services.version_create(user=office_user, province=province, year=2027, kind="draft")
    for key in ("school", "industry"):
        services.proposal_take_in(proposals[key], user=office_user)
    with pytest.raises(NotAllowed):
        services.version_create(user=school_user, province=province, year=2027, kind="draft")
    draft = services.version_create(user=office_user, province=province, year=2027, kind="draft")
    assert draft.number == 1 and draft.entries.count() == 2
    assert draft.history.first().history_user == office_user
    conclusion = services.version_document_add(
        draft, user=office_user, kind="party_conclusion", number="125-KL/TU", issued_on=D(2026, 11, 20)
    )
    with pytest.raises(StateConflict, match="Dự thảo"):
        services.version_approve(draft, user=office_user, document=conclusion)

    # the school's proposal changes after the draft: the draft still says what was sent
    Delegation.objects.filter(pk=proposals["school"].pk).update(name="Đoàn Trường đi Lào (đã sửa)")
    services.proposal_take_in(proposals["province"], user=office_user)
    plan = services.version_create(
        user=office_user, province=province, year=2027, kind="plan", title="Kế hoạch 2027"
    )
    assert plan.number == 2 and plan.entries.count() == 3
    assert draft.entries.get(delegation=proposals["school"]).values["name"] == "Đoàn Trường đi Lào"
    assert plan.entries.get(delegation=proposals["school"]).values["name"] == "Đoàn Trường đi Lào (đã sửa)"
    assert plan.entries.get(delegation=proposals["province"]).section == "unknown_funding"

    with pytest.raises(InvalidInput, match="Ngày ban hành không được sau hôm nay"):
        services.version_document_add(
            plan, user=office_user, kind="committee_plan", number="9/KH-UBND", issued_on=D(2099, 1, 1)
        )
    with pytest.raises(InvalidInput) as refused:
        services.version_document_add(
            plan,
            user=office_user,
            kind="committee_plan",
            number="9/KH-UBND",
            issued_on=D(2026, 12, 1),
            file_name="ke-hoach.docx",
            data=b"MZ\x90\x00 not a word file",
        )
    assert "file" in refused.value.errors
    assert plan.documents.count() == 0, "a refused file leaves no document behind"
    decision = services.version_document_add(
        plan,
        user=office_user,
        kind="committee_plan",
        number="9/KH-UBND",
        issued_on=D(2026, 12, 1),
        issuer="UBND tỉnh",
        file_name="ke-hoach.docx",
        data=_docx("Kế hoạch đối ngoại năm 2027"),
    )
    assert decision.attachment is not None and decision.attachment.format == "docx"

    with pytest.raises(NotAllowed):
        services.version_approve(plan, user=school_user, document=decision)
    with pytest.raises(InvalidInput):
        services.version_approve(plan, user=office_user, document=conclusion)  # another version's document
    outcome = services.version_approve(plan, user=office_user, document=decision)
    assert len(outcome["approved"]) == 3
    for delegation in Delegation.objects.filter(
        pk__in=[proposals[k].pk for k in ("school", "industry", "province")]
    ):
        assert (delegation.status, delegation.decision_number, delegation.decision_date) == (
            Status.APPROVED,
            "9/KH-UBND",
            D(2026, 12, 1),
        )
        step = Transition.objects.get(delegation=delegation, action="approve")
        assert (step.user, step.document_number) == (office_user, "9/KH-UBND")
    plan.refresh_from_db()
    assert plan.approved and plan.approving_document == decision and plan.approved_by == office_user
    with pytest.raises(StateConflict, match="đã được phê duyệt"):
        services.version_approve(plan, user=leader_user, document=decision)


def test_an_approval_that_fails_on_one_delegation_changes_none(province, proposals, office_user, monkeypatch):
    for key in ("school", "industry"):
        services.proposal_take_in(proposals[key], user=office_user)
    plan = services.version_create(user=office_user, province=province, year=2027, kind="plan")
    document = services.version_document_add(
        plan, user=office_user, kind="committee_letter", number="12/UBND-NC", issued_on=D(2026, 12, 1)
    )
    from doingoai.delegations import services as delegation_services

    real = delegation_services.delegation_transition
    calls = []

    def second_fails(delegation, **kwargs):
        calls.append(delegation.pk)
        if len(calls) == 2:
            raise StateConflict("Đoàn đã đổi trạng thái.")
        return real(delegation, **kwargs)

    monkeypatch.setattr(delegation_services, "delegation_transition", second_fails)
    with pytest.raises(StateConflict):
        services.version_approve(plan, user=office_user, document=document)
    assert set(Delegation.objects.filter(pk__in=calls).values_list("status", flat=True)) == {Status.IN_PLAN}
    assert not PlanVersion.objects.get(pk=plan.pk).approved


def test_the_pages_route_to_the_services(client, province, proposals, office_user, school_user):
    client.force_login(office_user)
    page = client.get("/tong-hop/", {"province": province.pk, "year": 2027})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Đoàn ra cấp sở, ngành, địa phương năm 2027" in text and "II. Đoàn sử dụng Ngân sách Đảng" in text
    response = client.post("/tong-hop/dua-vao/", {"ids": [proposals["school"].pk, proposals["industry"].pk]})
    assert response.status_code == 302
    assert Delegation.objects.get(pk=proposals["industry"].pk).status == Status.IN_PLAN
    client.post(
        f"/tong-hop/de-xuat/{proposals['same'].pk}/", {"action": "merge", "into": proposals["industry"].pk}
    )
    assert Delegation.objects.get(pk=proposals["same"].pk).merged_into_id == proposals["industry"].pk
    response = client.post(
        f"/tong-hop/de-xuat/{proposals['province'].pk}/", {"action": "leave_out", "reason": ""}, follow=True
    )
    assert "Phải ghi lý do không đưa vào kế hoạch." in response.content.decode()
    response = client.post(
        "/tong-hop/phien-ban/",
        {"province": province.pk, "year": 2027, "kind": "plan", "title": ""},
        follow=True,
    )
    version = PlanVersion.objects.get()
    assert "Đã lập phiên bản 1: 2 đoàn." in response.content.decode()
    response = client.post(
        f"/tong-hop/phien-ban/{version.pk}/van-ban/",
        {"kind": "committee_plan", "number": "", "issued_on": "31/02/2026"},
        follow=True,
    )
    assert "Phải ghi số, ký hiệu văn bản." in response.content.decode()
    client.post(
        f"/tong-hop/phien-ban/{version.pk}/van-ban/",
        {"kind": "committee_plan", "number": "15/KH-UBND", "issued_on": "01/12/2026"},
    )
    document = version.documents.get()
    response = client.post(
        f"/tong-hop/phien-ban/{version.pk}/phe-duyet/", {"document": document.pk}, follow=True
    )
    assert "Đã phê duyệt phiên bản 1: 2 đoàn." in response.content.decode()

    client.force_login(school_user)
    page = client.get(f"/tong-hop/phien-ban/{version.pk}/").content.decode()
    assert "Đoàn Trường đi Lào" in page and "Phê duyệt phiên bản" not in page
    response = client.post(
        f"/tong-hop/de-xuat/{proposals['province'].pk}/", {"action": "take_in"}, follow=True
    )
    assert "Chỉ cán bộ Sở Ngoại vụ của tỉnh mới tổng hợp kế hoạch." in response.content.decode()


def test_the_api_lists_versions_and_approves_one(
    client, province, proposals, office_user, school_user, other_province
):
    for key in ("school", "industry"):
        services.proposal_take_in(proposals[key], user=office_user)
    version = services.version_create(user=office_user, province=province, year=2027, kind="plan")
    document = services.version_document_add(
        version, user=office_user, kind="committee_plan", number="20/KH-UBND", issued_on=D(2026, 12, 1)
    )
    client.force_login(school_user)
    listed = client.get("/api/plan-versions/", {"year": 2027}).json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert [row["id"] for row in rows] == [version.pk]
    assert {entry["delegation"] for entry in rows[0]["entries"]} == {
        proposals["school"].pk,
        proposals["industry"].pk,
    }
    assert rows[0]["documents"][0]["number"] == "20/KH-UBND" and rows[0]["approved"] is False
    refused = client.post(
        f"/api/plan-versions/{version.pk}/approve/",
        {"document": document.pk},
        content_type="application/json",
    )
    assert refused.status_code == 403 and "Sở Ngoại vụ" in refused.json()["detail"]

    client.force_login(office_user)
    wrong = client.post(
        f"/api/plan-versions/{version.pk}/approve/", {"document": 0}, content_type="application/json"
    )
    assert wrong.status_code == 400
    done = client.post(
        f"/api/plan-versions/{version.pk}/approve/",
        {"document": document.pk},
        content_type="application/json",
    )
    assert done.status_code == 200 and done.json()["approved"] is True
    assert Delegation.objects.get(pk=proposals["industry"].pk).status == Status.APPROVED
    again = client.post(
        f"/api/plan-versions/{version.pk}/approve/",
        {"document": document.pk},
        content_type="application/json",
    )
    assert again.status_code == 409

    stranger = PlanVersion.objects.create(
        province=other_province, year=2027, number=1, kind="plan", title="Khác"
    )
    assert client.get(f"/api/plan-versions/{stranger.pk}/").status_code == 404
