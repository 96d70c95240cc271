# ruff: noqa: F811 -- the ``data`` and ``document`` fixtures are imported from the page tests
"""The REST API of provinces, units, plan documents, partners, agreements and tasks.

The same rules as the pages, through real requests: rows scoped to the user's
provinces (others are 404), filters and the diacritics-insensitive ``q``,
writes refused by role (403), Vietnamese validation messages, DELETE as a
soft delete, token authentication, and the OpenAPI schema.
"""

from __future__ import annotations

import datetime

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from doingoai.agreements.models import Agreement
from doingoai.organization.models import Unit
from doingoai.partners.models import Partner
from doingoai.plans.models import PlanDocument
from doingoai.tasks.models import Task

# the fixture ``data`` (rows of both provinces) is shared with the page tests
from tests.web.test_objects_pages import FUTURE, PAST, data, document  # noqa: F401

ENDPOINTS = {
    "units": "/api/units/",
    "plan-documents": "/api/plan-documents/",
    "partners": "/api/partners/",
    "agreements": "/api/agreements/",
    "tasks": "/api/tasks/",
    "provinces": "/api/provinces/",
}


@pytest.fixture
def api():
    return APIClient()


def as_user(api, user):
    api.force_authenticate(user)
    return api


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


# --------------------------------------------------------------------------- reading


@pytest.mark.parametrize("name", sorted(ENDPOINTS))
def test_lists_are_scoped_to_the_users_provinces(api, data, leader_user, province, name):
    response = as_user(api, leader_user).get(ENDPOINTS[name])
    assert response.status_code == 200
    results = response.json()["results"]
    assert results
    if name == "provinces":
        assert [row["id"] for row in results] == [province.pk]
    else:
        assert {row["province"] for row in results} == {province.pk}


def test_anonymous_requests_are_refused(api, data):
    for url in ENDPOINTS.values():
        assert api.get(url).status_code in (401, 403)


def test_other_provinces_rows_are_not_found(api, data, office_user, other_province):
    as_user(api, office_user)
    for key, url in [
        ("other_unit", "units"),
        ("other_partner", "partners"),
        ("other_agreement", "agreements"),
        ("other_task", "tasks"),
        ("other_document", "plan-documents"),
    ]:
        detail = f"{ENDPOINTS[url]}{data[key].pk}/"
        assert api.get(detail).status_code == 404, url
        assert api.patch(detail, {"notes": "x"}, format="json").status_code == 404, url
        assert api.delete(detail).status_code == 404, url
    assert api.get(f"/api/provinces/{other_province.pk}/").status_code == 404
    data["other_task"].refresh_from_db()
    assert data["other_task"].deleted_at is None


def test_search_without_diacritics(api, data, leader_user, units):
    as_user(api, leader_user)
    assert ids(api.get("/api/units/", {"q": "truong cao dang"})) == {units["school"].pk}
    assert ids(api.get("/api/tasks/", {"q": "hoi nghi xuc tien"})) == {data["done"].pk}
    assert ids(api.get("/api/agreements/", {"q": "y dinh thu"})) == {data["loi"].pk}
    assert ids(api.get("/api/partners/", {"q": "champasak"})) == {data["laos"].pk}
    assert len(ids(api.get("/api/plan-documents/", {"q": "ke hoach hoat dong"}))) == 1
    assert ids(api.get("/api/provinces/", {"q": "thai nguyen"})) == {units["school"].province_id}


def test_filters(api, data, leader_user, units, document):
    as_user(api, leader_user)
    assert ids(api.get("/api/units/", {"kind": "foreign_affairs"})) == {units["office"].pk}
    assert ids(api.get("/api/plan-documents/", {"year": 2025, "kind": "Kế hoạch"})) == {document.pk}
    assert ids(api.get("/api/plan-documents/", {"issuer": "khác"})) == set()
    assert ids(api.get("/api/partners/", {"country": "Hàn Quốc"})) == {data["korea"].pk}
    assert ids(api.get("/api/partners/", {"kind": "locality"})) == {data["laos"].pk}
    assert ids(api.get("/api/agreements/", {"country": "JP"})) == {data["loi"].pk}
    assert ids(api.get("/api/agreements/", {"year": 2025, "status": "planned"})) == {data["mou"].pk}
    assert ids(api.get("/api/agreements/", {"owner": units["industry"].pk})) == {data["loi"].pk}
    assert ids(api.get("/api/tasks/", {"overdue": "true"})) == {data["late"].pk}
    assert ids(api.get("/api/tasks/", {"lead_unit": units["industry"].pk, "status": "open"})) == {
        data["future"].pk
    }
    assert ids(api.get("/api/tasks/", {"coordinating_unit": units["office"].pk})) == {data["late"].pk}
    assert ids(api.get("/api/tasks/", {"deadline_before": PAST.isoformat()})) == {
        data["late"].pk,
        data["done"].pk,
    }
    assert ids(api.get("/api/tasks/", {"deadline_after": FUTURE.isoformat()})) == {data["future"].pk}
    # a unit of another province is not a valid choice
    assert api.get("/api/tasks/", {"lead_unit": data["other_unit"].pk}).status_code == 400


def test_representations(api, data, leader_user, document, settings, tmp_path):
    as_user(api, leader_user)
    task = api.get(f"/api/tasks/{data['late'].pk}/").json()
    assert task["overdue"] is True and task["status_display"] == "Đang thực hiện"
    assert task["lead_unit_name"] == "Trường Cao đẳng Thái Nguyên"
    agreement = api.get(f"/api/agreements/{data['loi'].pk}/").json()
    assert agreement["countries"] == ["KR", "JP"] and agreement["countries_names"] == ["Hàn Quốc", "Nhật Bản"]
    plan = api.get(f"/api/plan-documents/{document.pk}/").json()
    assert plan["conflicts"][0]["field"] == "number" and plan["file_url"] is None


# --------------------------------------------------------------------------- writing


def test_office_creates_updates_and_soft_deletes(api, data, office_user, units, province):
    as_user(api, office_user)
    response = api.post(
        "/api/tasks/",
        {
            "title": "Tổng kết công tác đối ngoại",
            "lead_unit": units["office"].pk,
            "coordinating_units": [units["school"].pk],
            "deadline": "2025-12-15",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    task = Task.objects.get(pk=response.json()["id"])
    assert task.province == province  # the user's province when none is given
    assert task.history.first().history_user == office_user

    response = api.patch(f"/api/tasks/{task.pk}/", {"status": "done"}, format="json")
    assert response.status_code == 200
    record = task.history.first()
    assert record.history_user == office_user and record.prev_record.status == "open"

    response = api.post(
        "/api/agreements/",
        {"title": "Bản ghi nhớ với tỉnh Gyeongnam", "countries": ["Hàn Quốc", "LA"]},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert Agreement.objects.get(pk=response.json()["id"]).countries == ["KR", "LA"]

    response = api.post(
        "/api/units/", {"name": "Sở Y tế", "kind": "department", "aliases": ["SYT"]}, format="json"
    )
    assert response.status_code == 201, response.content
    response = api.post(
        "/api/partners/", {"name": "Tỉnh Gyeongsangnam", "country": "Hàn Quốc"}, format="json"
    )
    assert response.status_code == 201 and response.json()["country"] == "KR"
    response = api.patch(
        f"/api/plan-documents/{data['mou'].plan_document_id}/", {"number": "66/KH-UBND"}, format="json"
    )
    assert response.status_code == 200
    assert api.post("/api/plan-documents/", {"file_name": "x.docx"}, format="json").status_code == 405

    for url, obj in [
        ("/api/tasks/", task),
        ("/api/agreements/", data["loi"]),
        ("/api/units/", units["industry"]),
        ("/api/partners/", data["korea"]),
    ]:
        assert api.delete(f"{url}{obj.pk}/").status_code == 204
        obj.refresh_from_db()
        assert obj.deleted_at is not None  # kept, hidden
        assert api.get(f"{url}{obj.pk}/").status_code == 404


def test_validation_messages(api, data, make_user, units, province, other_province):
    both = make_user("office", units["office"], provinces=[province, other_province], username="both")
    as_user(api, both)
    response = api.post(
        "/api/tasks/", {"province": province.pk, "title": " ", "deadline": "31/12/2025"}, format="json"
    )
    assert response.status_code == 400
    body = response.json()
    assert body["title"] == ["Vui lòng nhập nội dung nhiệm vụ."]
    assert "deadline" in body

    response = api.post(
        "/api/tasks/",
        {
            "province": province.pk,
            "title": "Nhiệm vụ",
            "lead_unit": data["other_unit"].pk,
            "coordinating_units": [data["other_unit"].pk],
        },
        format="json",
    )
    assert response.json() == {
        "lead_unit": ["Đơn vị chủ trì phải thuộc tỉnh của nhiệm vụ."],
        "coordinating_units": ["Đơn vị phối hợp phải thuộc tỉnh của nhiệm vụ."],
    }
    response = api.patch(
        f"/api/tasks/{data['late'].pk}/", {"coordinating_units": [units["school"].pk]}, format="json"
    )
    assert response.json() == {
        "coordinating_units": ["Đơn vị chủ trì không thể đồng thời là đơn vị phối hợp."]
    }

    response = api.post("/api/agreements/", {"title": "", "countries": ["Xứ Sở Thần Tiên"]}, format="json")
    body = response.json()
    assert response.status_code == 400
    assert body["title"] == ["Vui lòng nhập tên văn bản thỏa thuận."]
    assert body["countries"] == ["Không nhận ra tên nước: Xứ Sở Thần Tiên."]
    response = api.post("/api/units/", {"province": province.pk, "name": "Sở Ngoại vụ"}, format="json")
    assert response.json() == {"name": ["Tỉnh này đã có một đơn vị cùng tên."]}


def test_a_user_cannot_write_into_a_province_they_do_not_see(api, data, office_user, other_province):
    as_user(api, office_user)
    response = api.post("/api/tasks/", {"province": other_province.pk, "title": "Lấn sân"}, format="json")
    assert response.status_code == 400
    assert response.json()["province"] == ["Tỉnh không có hoặc không nằm trong phạm vi của bạn."]
    assert not Task.objects.filter(title="Lấn sân").exists()


def test_unit_staff_write_only_their_units_tasks(api, data, school_user, units):
    as_user(api, school_user)
    own, others = data["late"], data["future"]
    assert api.patch(f"/api/tasks/{own.pk}/", {"status": "done"}, format="json").status_code == 200
    assert api.patch(f"/api/tasks/{others.pk}/", {"status": "done"}, format="json").status_code == 403
    assert api.delete(f"/api/tasks/{others.pk}/").status_code == 403
    others.refresh_from_db()
    assert others.status == "open" and others.deleted_at is None

    # not handing their task over, not creating one for another unit
    response = api.patch(f"/api/tasks/{own.pk}/", {"lead_unit": units["industry"].pk}, format="json")
    assert response.status_code == 400
    own.refresh_from_db()
    assert own.lead_unit == units["school"]
    response = api.post(
        "/api/tasks/", {"title": "Việc của KCN", "lead_unit": units["industry"].pk}, format="json"
    )
    assert response.status_code == 400
    response = api.post(
        "/api/tasks/", {"title": "Việc của trường", "lead_unit": units["school"].pk}, format="json"
    )
    assert response.status_code == 201


def test_unit_staff_may_not_write_office_data(api, data, school_user, units, document):
    as_user(api, school_user)
    # even the agreement their own unit proposed
    assert data["mou"].owner == units["school"]
    for url in (
        f"/api/agreements/{data['mou'].pk}/",
        f"/api/units/{units['school'].pk}/",
        f"/api/partners/{data['laos'].pk}/",
        f"/api/plan-documents/{document.pk}/",
    ):
        assert api.patch(url, {"notes": "x", "name": "x", "title": "x"}, format="json").status_code == 403, (
            url
        )
        assert api.delete(url).status_code == 403, url
    for url in ("/api/agreements/", "/api/units/", "/api/partners/"):
        assert api.post(url, {"title": "x", "name": "x"}, format="json").status_code == 403, url
    assert Unit.objects.filter(name="x").count() == 0
    assert api.get(f"/api/agreements/{data['mou'].pk}/").status_code == 200


def test_leaders_read_only(api, data, leader_user, units):
    as_user(api, leader_user)
    for url in ENDPOINTS.values():
        assert api.get(url).status_code == 200
        assert api.post(url, {"title": "x", "name": "x"}, format="json").status_code in (403, 405), url
    assert api.patch(f"/api/tasks/{data['late'].pk}/", {"status": "done"}, format="json").status_code == 403
    assert api.delete(f"/api/agreements/{data['mou'].pk}/").status_code == 403


def test_provinces_are_read_only(api, data, admin_user, province):
    as_user(api, admin_user)
    assert api.get(f"/api/provinces/{province.pk}/").json()["name"] == "Thái Nguyên"
    assert api.post("/api/provinces/", {"code": "x", "name": "x"}, format="json").status_code == 405
    assert api.delete(f"/api/provinces/{province.pk}/").status_code == 405


# --------------------------------------------------------------------------- token, schema


def test_token_authentication(data, office_user, units):
    token = Token.objects.create(user=office_user)
    api = APIClient()
    assert api.get("/api/tasks/").status_code in (401, 403)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert len(ids(api.get("/api/tasks/"))) == 3
    response = api.patch(f"/api/tasks/{data['done'].pk}/", {"notes": "Đã gửi báo cáo"}, format="json")
    assert response.status_code == 200
    assert Task.objects.get(pk=data["done"].pk).history.first().history_user == office_user

    # a wrong token is refused, not taken as anonymous (403: session authentication comes first)
    api.credentials(HTTP_AUTHORIZATION="Token sai-ma")
    response = api.get("/api/tasks/")
    assert response.status_code in (401, 403)
    assert response.json()["detail"] != ""


def test_schema_lists_every_endpoint(api, office_user):
    response = as_user(api, office_user).get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    for url in ENDPOINTS.values():
        assert url in paths and f"{url}{{id}}/" in paths, url
    parameters = {p["name"] for p in paths["/api/tasks/"]["get"]["parameters"]}
    assert {
        "q",
        "status",
        "lead_unit",
        "coordinating_unit",
        "deadline_before",
        "deadline_after",
        "overdue",
    } <= parameters
    assert "post" not in paths["/api/plan-documents/"] and "post" not in paths["/api/provinces/"]


def test_deleted_rows_are_hidden_everywhere(api, data, leader_user):
    Partner.objects.filter(pk=data["korea"].pk).update(
        deleted_at=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    )
    PlanDocument.objects.update(deleted_at=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC))
    as_user(api, leader_user)
    assert data["korea"].pk not in ids(api.get("/api/partners/"))
    assert ids(api.get("/api/plan-documents/")) == set()
