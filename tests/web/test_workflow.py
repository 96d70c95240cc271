"""A delegation's life: every action, by every role, through the page and through the API.

For each action of the table (``delegations/data/transitions.json``):

- each role the table names may take it, and every other role is refused
  (403), through the page (``/doan/<pk>/thao-tac/<action>/``) and the API
  (``POST /api/delegations/<pk>/transitions/``);
- a state the table does not list answers 409;
- a missing reason, date or approving document answers 400 in Vietnamese;
- each step leaves its entry: who, from, to, the reason, the document.
"""

from __future__ import annotations

import datetime
import json

import pytest
from django.utils import timezone

from doingoai.delegations import services
from doingoai.delegations.models import Delegation, Transition

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()  # for tables built at import; tests ask today() (a run may cross midnight)
YESTERDAY = TODAY - datetime.timedelta(days=1)


def today():
    """Today in Asia/Ho_Chi_Minh, when the test runs."""
    return timezone.localdate()


ROLES = ("office", "admin", "owner", "other_unit", "leader")

#: action → (the state it starts from, the roles that may take it, values that make it complete)
ACTIONS = {
    "submit": ("draft", {"office", "admin", "owner"}, {}),
    "withdraw": ("submitted", {"owner"}, {}),
    "revise": ("submitted", {"office", "admin"}, {"reason": "Bổ sung nguồn kinh phí"}),
    "include": ("submitted", {"office", "admin"}, {}),
    "reject": ("in_plan", {"office", "admin"}, {"reason": "Trùng với đoàn của Sở Giáo dục"}),
    "approve": (
        "in_plan",
        {"office", "admin", "leader"},
        {"document_number": "2150/UBND-KGVX", "document_date": YESTERDAY.isoformat()},
    ),
    "depart": ("approved", {"office", "admin", "owner"}, {"date": YESTERDAY.isoformat()}),
    "return": ("under_way", {"office", "admin", "owner"}, {"date": TODAY.isoformat()}),
    "postpone": (
        "approved",
        {"office", "admin"},
        {"reason": "Đối tác đề nghị lùi", "period_start": "2027-03"},
    ),
    "resume": ("postponed", {"office", "admin"}, {"period_start": "2027-05", "period_end": "2027-05"}),
    "cancel": ("approved", {"office", "admin"}, {"reason": "Đối tác hủy chương trình"}),
    "undo": ("submitted", {"office", "admin"}, {"reason": "Gửi nhầm"}),
}
#: action → a state it may not start from
WRONG_STATE = {
    "submit": "approved",
    "withdraw": "in_plan",
    "revise": "approved",
    "include": "draft",
    "reject": "approved",
    "approve": "draft",
    "depart": "in_plan",
    "return": "approved",
    "report": "under_way",
    "postpone": "submitted",
    "resume": "approved",
    "cancel": "reported",
    "undo": "draft",
}
#: action → the value whose absence is refused, and the words of the refusal
MISSING = {
    "revise": ("reason", "Phải ghi lý do"),
    "reject": ("reason", "Phải ghi lý do"),
    "postpone": ("reason", "Phải ghi lý do"),
    "cancel": ("reason", "Phải ghi lý do"),
    "undo": ("reason", "Phải ghi lý do"),
    "approve": ("document_number", "Phải ghi số văn bản phê duyệt"),
    "resume": ("period_start", "Phải ghi thời gian thực hiện mới"),
}


@pytest.fixture
def people(make_user, units, admin_user, leader_user):
    return {
        "office": make_user("office", units["office"], username="sngv"),
        "admin": admin_user,
        "owner": make_user("unit", units["school"], username="truong"),
        "other_unit": make_user("unit", units["industry"], username="kcn"),
        "leader": leader_user,
    }


def in_state(delegation, status: str, **extra) -> Delegation:
    """A delegation of the college in ``status`` (set directly: the state under test, not how it got there)."""
    values = {"status": status}
    if status in ("under_way", "returned", "reported"):
        values["departed_on"] = today() - datetime.timedelta(days=5)
    if status in ("returned", "reported"):
        values["returned_on"] = today() - datetime.timedelta(days=2)
    values.update(extra)
    return delegation(**values)


def prepared(delegation, action: str, people) -> Delegation:
    state = ACTIONS[action][0]
    row = in_state(delegation, "draft" if action == "undo" else state)
    if action == "undo":  # a step to undo: the college sent it
        services.delegation_transition(row, user=people["owner"], action="submit")
        row.refresh_from_db()
    return row


def api_post(client, user, row, data: dict):
    client.force_login(user)
    return client.post(
        f"/api/delegations/{row.pk}/transitions/", json.dumps(data), content_type="application/json"
    )


def page_post(client, user, row, action: str, data: dict):
    client.force_login(user)
    return client.post(f"/doan/{row.pk}/thao-tac/{action}/", data)


def page_values(values: dict) -> dict:
    """The form's inputs: months as the month picker sends them ("2027-03")."""
    return dict(values)


# --------------------------------------------------------------------------- who may


@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_through_the_api(client, delegation, people, action, role):
    row = prepared(delegation, action, people)
    state, allowed, values = ACTIONS[action]
    before = row.status
    response = api_post(client, people[role], row, {"action": action, **values})
    row.refresh_from_db()
    if role in allowed:
        assert response.status_code == 200, response.content
        body = response.json()
        assert body["status"] == row.status != before and body["version"] == row.version
        entry = row.transitions.order_by("-at", "-id").first()
        assert (entry.action, entry.from_status, entry.to_status, entry.user) == (
            action,
            before,
            row.status,
            people[role],
        )
        assert entry.reason == values.get("reason", "")
        if action == "approve" and role != "leader":
            assert (entry.document_number, row.decision_number) == ("2150/UBND-KGVX", "2150/UBND-KGVX")
            assert row.decision_date == (today() - datetime.timedelta(days=1))
        history = row.history.first()
        assert history.history_user == people[role] and history.status == row.status
    else:
        assert response.status_code == 403, response.content
        assert "Chỉ " in response.json()["detail"]  # says who may, in Vietnamese
        assert row.status == before


@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_through_the_page(client, delegation, people, action, role):
    row = prepared(delegation, action, people)
    _, allowed, values = ACTIONS[action]
    before = row.status
    client.force_login(people[role])
    confirm = client.get(f"/doan/{row.pk}/thao-tac/{action}/")
    row.refresh_from_db()
    assert row.status == before  # nothing changes on a GET
    response = page_post(client, people[role], row, action, page_values(values))
    row.refresh_from_db()
    if role in allowed:
        assert confirm.status_code == 200
        assert response.status_code == 302, response.content.decode()[:3000]
        assert response["Location"] == row.get_absolute_url()
        assert row.status != before
        entry = row.transitions.order_by("-at", "-id").first()
        assert (entry.action, entry.user, entry.reason) == (action, people[role], values.get("reason", ""))
    else:
        assert confirm.status_code == 403
        assert response.status_code == 403
        assert row.status == before


def test_the_page_offers_exactly_the_actions_the_user_may_take(client, delegation, people):
    row = in_state(delegation, "in_plan")
    offered = {}
    for role in ROLES:
        client.force_login(people[role])
        page = client.get(row.get_absolute_url())
        offered[role] = [action["name"] for action in page.context["actions"]]
        api = client.get(f"/api/delegations/{row.pk}/").json()
        assert (
            api["actions"] == offered[role] and api["status"] == "in_plan" and api["version"] == row.version
        )
        for name in offered[role]:
            assert f'data-action="{name}"' in page.content.decode()
    assert offered["office"] == offered["admin"] == ["reject", "approve", "postpone", "cancel"]
    assert offered["leader"] == ["approve"]
    assert offered["owner"] == offered["other_unit"] == []


# --------------------------------------------------------------------------- states and values


@pytest.mark.parametrize("action", list(WRONG_STATE))
def test_a_state_the_table_does_not_list_answers_409(client, delegation, people, action):
    row = in_state(delegation, WRONG_STATE[action])
    user = people["owner"] if action == "withdraw" else people["office"]
    values = {
        "reason": "x",
        "date": today().isoformat(),
        "document_number": "1/UBND",
        "document_date": today().isoformat(),
        "period_start": "2027-01",
    }
    response = api_post(client, user, row, {"action": action, **values})
    assert response.status_code == 409, response.content
    assert "Không thể" in response.json()["detail"] or "hoàn tác" in response.json()["detail"]
    if action == "report":  # the report has its own page
        client.force_login(user)
        assert client.get(f"/doan/{row.pk}/bao-cao/").status_code == 302  # back to the delegation, with why
        response = client.post(
            f"/doan/{row.pk}/bao-cao/",
            {"activities": "x", "tasks-TOTAL_FORMS": "0", "tasks-INITIAL_FORMS": "0"},
        )
    else:
        response = page_post(client, user, row, action, values)
    assert response.status_code == 409
    row.refresh_from_db()
    assert row.status == WRONG_STATE[action] and not row.transitions.exists()


def test_approve_from_submitted_only_outside_the_plan(client, delegation, people):
    planned = in_state(delegation, "submitted")
    outside = in_state(delegation, "submitted", out_of_plan=True, name="Đoàn phát sinh")
    assert api_post(client, people["leader"], planned, {"action": "approve"}).status_code == 409
    response = api_post(client, people["leader"], outside, {"action": "approve", "reason": "Đồng ý"})
    assert response.status_code == 200, response.content
    outside.refresh_from_db()
    assert (
        outside.status == "approved" and outside.decision_date == today()
    )  # the leader's approval is the decision


@pytest.mark.parametrize("action", list(MISSING))
def test_a_missing_value_answers_400_in_vietnamese(client, delegation, people, action):
    row = prepared(delegation, action, people)
    field, words = MISSING[action]
    values = {name: value for name, value in ACTIONS[action][2].items() if name != field}
    response = api_post(client, people["office"], row, {"action": action, **values})
    assert response.status_code == 400, response.content
    assert words in response.json()[field][0]
    response = page_post(client, people["office"], row, action, values)
    assert response.status_code == 400
    assert words in response.content.decode()
    row.refresh_from_db()
    assert row.status == (ACTIONS[action][0] if action != "undo" else "submitted")


@pytest.mark.parametrize("action", ["depart", "return"])
def test_a_date_defaults_to_today_and_may_not_be_in_the_future(client, delegation, people, action):
    row = prepared(delegation, action, people)
    tomorrow = (today() + datetime.timedelta(days=1)).isoformat()
    response = api_post(client, people["owner"], row, {"action": action, "date": tomorrow})
    assert response.status_code == 400 and "không được sau hôm nay" in response.json()["date"][0]
    response = api_post(client, people["owner"], row, {"action": action})
    assert response.status_code == 200
    row.refresh_from_db()
    assert (row.departed_on if action == "depart" else row.returned_on) == today()


def test_report_needs_the_report(client, delegation, people):
    row = in_state(delegation, "returned")
    response = api_post(client, people["owner"], row, {"action": "report"})
    assert response.status_code == 400 and "báo cáo" in response.json()["report"][0]
    assert api_post(client, people["leader"], row, {"action": "report"}).status_code == 403


def test_unknown_action_answers_400(client, delegation, people):
    row = in_state(delegation, "draft")
    response = api_post(client, people["office"], row, {"action": "teleport"})
    assert response.status_code == 400 and "Không có thao tác" in response.json()["action"][0]


# --------------------------------------------------------------------------- what the steps change


def test_postpone_to_another_year_moves_it_to_that_years_plan_and_resume(client, delegation, people):
    row = in_state(
        delegation,
        "approved",
        year=2026,
        period_start=datetime.date(2026, 9, 1),
        period_end=datetime.date(2026, 9, 1),
    )
    response = api_post(
        client,
        people["office"],
        row,
        {"action": "postpone", "reason": "Lùi sang năm sau", "period_start": "2027-03"},
    )
    assert response.status_code == 200, response.content
    row.refresh_from_db()
    assert (row.status, row.year, row.period_start, row.status_reason) == (
        "postponed",
        2027,
        datetime.date(2027, 3, 1),
        "Lùi sang năm sau",
    )
    response = api_post(client, people["office"], row, {"action": "resume", "period_start": "2027-05"})
    assert response.status_code == 200
    row.refresh_from_db()
    assert (row.status, row.period_start, row.period_end, row.status_reason) == (
        "approved",
        datetime.date(2027, 5, 1),
        datetime.date(2027, 5, 1),
        "",
    )


def test_postpone_without_a_new_period_keeps_the_period(client, delegation, people):
    row = in_state(delegation, "in_plan")
    assert (
        api_post(
            client, people["office"], row, {"action": "postpone", "reason": "Chưa rõ thời gian"}
        ).status_code
        == 200
    )
    row.refresh_from_db()
    assert row.status == "postponed" and row.period_start == datetime.date(2024, 7, 1)


def test_reject_names_the_delegation_it_joined(client, delegation, people, units):
    joined = in_state(delegation, "in_plan", owner=units["industry"], name="Đoàn chung")
    row = in_state(delegation, "submitted")
    response = api_post(
        client,
        people["office"],
        row,
        {"action": "reject", "reason": "Nhập vào đoàn chung", "merged_into": joined.pk},
    )
    assert response.status_code == 200, response.content
    row.refresh_from_db()
    assert row.merged_into == joined and row.status == "rejected"
    assert "Đã nhập vào đoàn" in client.get(row.get_absolute_url()).content.decode()


def test_undo_puts_back_the_state_and_the_values(client, delegation, people):
    row = in_state(delegation, "under_way")
    api_post(
        client,
        people["owner"],
        row,
        {"action": "return", "date": (today() - datetime.timedelta(days=1)).isoformat()},
    )
    row.refresh_from_db()
    assert row.returned_on == (today() - datetime.timedelta(days=1))
    response = api_post(client, people["office"], row, {"action": "undo", "reason": "Đoàn chưa về"})
    assert response.status_code == 200, response.content
    row.refresh_from_db()
    assert row.status == "under_way" and row.returned_on is None
    steps = list(row.transitions.order_by("at", "id"))
    assert [s.action for s in steps] == ["return", "undo"] and steps[0].undone_by == steps[1]
    assert steps[1].reason == "Đoàn chưa về" and steps[1].user == people["office"]
    # the undone step cannot be undone twice, and an undo is not undone
    assert api_post(client, people["office"], row, {"action": "undo", "reason": "lần nữa"}).status_code == 409


def test_undo_only_within_30_days(client, delegation, people):
    row = in_state(delegation, "draft")
    services.delegation_transition(row, user=people["owner"], action="submit")
    Transition.objects.filter(delegation=row).update(at=timezone.now() - datetime.timedelta(days=31))
    response = api_post(client, people["office"], row, {"action": "undo", "reason": "muộn"})
    assert response.status_code == 409 and "30 ngày" in response.json()["detail"]


def test_a_stale_version_is_refused(client, delegation, people):
    row = in_state(delegation, "submitted")
    response = api_post(
        client, people["office"], row, {"action": "include", "version": row.version - 1 or 99}
    )
    assert response.status_code == 409
    row.refresh_from_db()
    assert row.status == "submitted"


def test_the_page_shows_the_whole_history_of_steps(client, delegation, people):
    row = in_state(delegation, "draft")
    for user, action, values in [
        (people["owner"], "submit", {}),
        (people["office"], "include", {}),
        (
            people["office"],
            "approve",
            {"document_number": "65/KH-UBND", "document_date": (today() - datetime.timedelta(days=1))},
        ),
        (people["owner"], "depart", {"date": (today() - datetime.timedelta(days=1))}),
        (people["owner"], "return", {"date": today()}),
    ]:
        services.delegation_transition(row, user=user, action=action, **values)
    client.force_login(people["leader"])
    response = client.get(row.get_absolute_url())
    steps = [entry["label"] for entry in response.context["transitions"]]
    assert steps == ["Gửi Sở Ngoại vụ", "Đưa vào kế hoạch", "Phê duyệt", "Đoàn đã xuất cảnh", "Đoàn đã về"]
    html = response.content.decode()
    assert "Văn bản 65/KH-UBND" in html and "Quá trình xử lý" in html
    api = client.get(f"/api/delegations/{row.pk}/transitions/").json()
    assert [(t["action"], t["user"]) for t in api] == [
        ("submit", "truong"),
        ("include", "sngv"),
        ("approve", "sngv"),
        ("depart", "truong"),
        ("return", "truong"),
    ]
    assert api[2]["document_number"] == "65/KH-UBND"


def test_inbound_delegations_say_arrived_and_left(client, delegation, people):
    row = in_state(delegation, "approved", direction="in")
    client.force_login(people["office"])
    labels = [action["label"] for action in client.get(row.get_absolute_url()).context["actions"]]
    assert "Đoàn đã đến" in labels
    services.delegation_transition(row, user=people["office"], action="depart")
    row.refresh_from_db()
    assert row.status_label == "Đang ở Việt Nam"


# --------------------------------------------------------------------------- many at once


def test_bulk_action_checks_each_row_and_shows_each_outcome(client, delegation, people, units):
    mine = [in_state(delegation, "submitted", name=f"Đoàn {n}") for n in range(3)]
    wrong = in_state(delegation, "approved", name="Đoàn đã duyệt")
    client.force_login(people["office"])
    ids = [str(row.pk) for row in [*mine, wrong]]
    page = client.get("/doan/thao-tac/", {"action": "include", "pk": ids})
    assert page.status_code == 200 and len(page.context["rows"]) == 4
    for row in mine:
        row.refresh_from_db()
        assert row.status == "submitted"  # nothing on a GET
    response = client.post("/doan/thao-tac/", {"action": "include", "pk": ids})
    assert response.status_code == 200
    outcomes = {outcome["delegation"].pk: outcome for outcome in response.context["outcomes"]}
    assert all(outcomes[row.pk]["ok"] for row in mine)
    assert not outcomes[wrong.pk]["ok"] and "Không thể" in outcomes[wrong.pk]["message"]
    assert set(Delegation.objects.filter(pk__in=[r.pk for r in mine]).values_list("status", flat=True)) == {
        "in_plan"
    }
    assert "3/4" in response.content.decode()


def test_bulk_action_of_a_unit_officer(client, delegation, people, units):
    mine = in_state(delegation, "draft")
    theirs = in_state(delegation, "draft", owner=units["industry"])
    client.force_login(people["owner"])
    response = client.post("/doan/thao-tac/", {"action": "submit", "pk": [mine.pk, theirs.pk]})
    outcomes = {outcome["delegation"].pk: outcome for outcome in response.context["outcomes"]}
    assert outcomes[mine.pk]["ok"] and not outcomes[theirs.pk]["ok"]
    assert outcomes[theirs.pk]["status"] == 403
    theirs.refresh_from_db()
    assert theirs.status == "draft"


def test_bulk_action_needs_the_values_of_the_action(client, delegation, people):
    row = in_state(delegation, "approved")
    client.force_login(people["office"])
    response = client.post("/doan/thao-tac/", {"action": "cancel", "pk": [row.pk]})
    assert response.status_code == 400 and "Phải ghi lý do" in response.content.decode()
    response = client.post("/doan/thao-tac/", {"action": "cancel", "pk": [row.pk], "reason": "Hủy cả đợt"})
    assert response.status_code == 200
    row.refresh_from_db()
    assert row.status == "cancelled" and row.status_reason == "Hủy cả đợt"


def test_the_officers_of_a_deleted_unit_write_nothing_in_its_name(client, delegation, people, units):
    row = in_state(delegation, "draft")
    from doingoai.organization.services import unit_delete

    unit_delete(units["school"], user=people["office"])
    response = api_post(client, people["owner"], row, {"action": "submit"})
    assert response.status_code == 403
    client.force_login(people["owner"])
    response = client.patch(
        f"/api/delegations/{row.pk}/", json.dumps({"name": "Tên mới"}), content_type="application/json"
    )
    assert response.status_code == 403
    response = client.post(
        "/api/delegations/", json.dumps({"name": "Đoàn mới"}), content_type="application/json"
    )
    assert response.status_code == 403
    assert client.get("/van-ban/nhap/").status_code == 403  # nor import for it
    row.refresh_from_db()
    assert row.status == "draft" and row.name != "Tên mới"
