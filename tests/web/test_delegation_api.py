"""``/api/delegations/``: the same scope, rules, filters and soft delete as the pages.

Through the Django test client with a session login (the API also accepts
tokens): each role reads and writes exactly what it may on the pages.
"""

from __future__ import annotations

import datetime
import json

import pytest

from doingoai.delegations.models import Delegation
from doingoai.delegations.rules import (
    MSG_COUNTRY,
    MSG_FUNDING,
    MSG_LEADER_IN,
    MSG_LEADER_OUT,
    MSG_PERIOD_ORDER,
)
from tests.web.conftest import PASSWORD

pytestmark = pytest.mark.django_db

API = "/api/delegations/"


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def ids(client, params: dict | None = None) -> set[int]:
    response = client.get(API, params or {})
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["results"]}


def patch(client, pk: int, data: dict):
    return client.patch(f"{API}{pk}/", json.dumps(data), content_type="application/json")


def post(client, data: dict):
    return client.post(API, json.dumps(data), content_type="application/json")


def payload(**overrides) -> dict:
    data = {
        "direction": "out",
        "level": "department",
        "year": 2025,
        "name": "Đoàn xúc tiến đầu tư",
        "leader": "Nguyễn Văn A - Phó Chủ tịch UBND tỉnh",
        "countries": ["JP"],
        "people_min": 5,
        "people_max": 5,
        "period_start": "2025-04",
        "period_end": "2025-06",
        "funding": "Ngân sách tỉnh",
    }
    data.update(overrides)
    return data


def test_login_required(client, delegation):
    row = delegation()
    assert client.get(API).status_code in (401, 403)
    assert client.get(f"{API}{row.pk}/").status_code in (401, 403)


def test_list_exposes_normalized_fields_source_review_owner(client, office_user, delegation, units):
    row = delegation(
        countries=["LA", "KH"],
        period_start=datetime.date(2024, 7, 1),
        period_end=datetime.date(2024, 9, 1),
        source={"file": "a.docx", "table": 1, "row": "3"},
        source_values={"period": "Quý III/2024"},
        review=[{"field": "period", "code": "x", "reason": "Xem lại"}],
    )
    response = login(client, office_user).get(API)
    body = response.json()
    assert body["count"] == 1 and "next" in body  # LimitOffsetPagination
    item = body["results"][0]
    assert item["id"] == row.pk
    assert item["countries"] == ["LA", "KH"] and item["country_names"] == ["Lào", "Campuchia"]
    assert item["period_start"] == "2024-07" and item["period_end"] == "2024-09"
    assert item["period_label"] == "Quý III/2024"
    assert (
        item["owner"] == units["school"].pk and item["owner_detail"]["name"] == "Trường Cao đẳng Thái Nguyên"
    )
    assert item["source"]["file"] == "a.docx" and item["source_values"] == {"period": "Quý III/2024"}
    assert item["review"][0]["reason"] == "Xem lại"
    assert item["plan_document"] is None
    assert item["funding_categories"] == ["partner_pays"]


def test_filters_and_search(client, office_user, delegation, units):
    a = delegation(
        year=2025,
        countries=["LA"],
        partners="Tỉnh Champasak",
        funding_categories=["private"],
        period_start=datetime.date(2025, 2, 1),
        period_end=datetime.date(2025, 5, 1),
    )
    b = delegation(
        year=2025,
        direction="in",
        countries=["JP"],
        owner=units["industry"],
        partners="",
        funding_categories=["state_budget"],
        status="cancelled",
        period_start=datetime.date(2025, 9, 1),
        period_end=datetime.date(2025, 9, 1),
    )
    c = delegation(year=2024, countries=["NL"], partners="", name="Đoàn nông nghiệp")
    login(client, office_user)
    assert ids(client, {"year": 2025}) == {a.pk, b.pk}
    assert ids(client, {"direction": "in"}) == {b.pk}
    assert ids(client, {"country": "LA"}) == {a.pk}
    assert ids(client, {"owner": units["industry"].pk}) == {b.pk}
    assert ids(client, {"status": "cancelled"}) == {b.pk}
    assert ids(client, {"year": 2025, "quarter": 2}) == {a.pk}
    assert ids(client, {"year": 2025, "quarter": 3}) == {b.pk}
    assert ids(client, {"funding": "state_budget"}) == {b.pk}
    assert ids(client, {"q": "CHAMPASAK"}) == {a.pk}
    assert ids(client, {"q": "nhat ban"}) == {b.pk}
    assert ids(client, {"q": "ha lan"}) == {c.pk}
    assert ids(client, {"q": "lao"}) == {a.pk}
    response = client.get(API, {"limit": 1, "offset": 1, "ordering": "year"})
    assert response.json()["count"] == 3 and len(response.json()["results"]) == 1


def test_other_province_is_invisible(client, office_user, delegation, other_province):
    hidden = delegation(province=other_province, owner=None)
    login(client, office_user)
    assert ids(client) == set()
    assert client.get(f"{API}{hidden.pk}/").status_code == 404
    assert patch(client, hidden.pk, {"name": "Đổi tên"}).status_code == 404
    assert client.post(f"{API}{hidden.pk}/transitions/", {"action": "submit"}).status_code == 404
    assert client.delete(f"{API}{hidden.pk}/").status_code == 404
    hidden.refresh_from_db()
    assert hidden.status == "draft" and hidden.deleted_at is None and hidden.name != "Đổi tên"


def test_unit_officer_cannot_change_another_units_delegation(client, school_user, delegation, units):
    theirs = delegation(owner=units["industry"])
    login(client, school_user)
    assert client.get(f"{API}{theirs.pk}/").status_code == 200  # readable
    response = patch(client, theirs.pk, {"name": "Đoàn bị sửa"})
    assert response.status_code == 403 and "đơn vị mình" in response.json()["detail"]
    assert client.delete(f"{API}{theirs.pk}/").status_code == 403
    theirs.refresh_from_db()
    assert theirs.name != "Đoàn bị sửa" and theirs.deleted_at is None


def test_status_is_never_written_by_editing(client, school_user, office_user, delegation):
    mine = delegation()
    for user in (school_user, office_user):
        login(client, user)
        for method in (
            patch,
            lambda c, pk, data: c.put(f"{API}{pk}/", json.dumps(data), content_type="application/json"),
        ):
            response = method(client, mine.pk, {"status": "approved", "name": "Tên khác"})
            assert response.status_code == 400, response.content
            assert "thao tác" in response.json()["status"][0]
    mine.refresh_from_db()
    assert mine.status == "draft" and mine.name != "Tên khác"


def test_unit_officer_edits_own_draft_with_history(client, school_user, delegation, units):
    mine = delegation(source={"file": "x.docx"})
    login(client, school_user)
    response = patch(client, mine.pk, {"name": "Đoàn đổi tên"})
    assert response.status_code == 200, response.content
    mine.refresh_from_db()
    assert mine.name == "Đoàn đổi tên" and mine.version == 2
    assert mine.history.first().history_user == school_user
    # nor can they hand it to another unit
    response = patch(client, mine.pk, {"owner": units["industry"].pk})
    assert response.status_code in (400, 403)
    mine.refresh_from_db()
    assert mine.owner == units["school"]


def test_unit_officer_creates_for_own_unit_only(client, school_user, units, province):
    login(client, school_user)
    response = post(client, payload())
    assert response.status_code == 201, response.content
    created = Delegation.objects.get(pk=response.json()["id"])
    assert created.owner == units["school"] and created.province == province
    response = post(client, payload(owner=units["industry"].pk))
    assert response.status_code == 400  # not a unit they may choose


def test_leader_reads_but_cannot_write(client, leader_user, delegation):
    row = delegation()
    login(client, leader_user)
    assert ids(client) == {row.pk}
    assert patch(client, row.pk, {"name": "Lãnh đạo sửa"}).status_code == 403
    assert client.delete(f"{API}{row.pk}/").status_code == 403
    assert post(client, payload()).status_code == 403
    row.refresh_from_db()
    assert row.status == "draft" and row.deleted_at is None and row.name != "Lãnh đạo sửa"


def test_office_creates_with_names_resolved_and_categories_computed(client, office_user, units, province):
    login(client, office_user)
    response = post(
        client,
        payload(
            countries=["Lào", "KH"],
            owner=units["industry"].pk,
            funding="Ngân sách tỉnh và xã hội hóa",
            period_end=None,
        ),
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["countries"] == ["LA", "KH"]
    assert body["funding_categories"] == ["provincial_budget", "private"]
    assert body["period_start"] == "2025-04" and body["period_end"] == "2025-04"
    created = Delegation.objects.get(pk=body["id"])
    assert created.owner == units["industry"] and created.province == province
    assert created.countries_key == ",LA,KH,"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"leader": ""}, "leader", MSG_LEADER_OUT),
        ({"direction": "in", "leader": ""}, "leader", MSG_LEADER_IN),
        ({"countries": []}, "countries", MSG_COUNTRY),
        ({"period_start": "2025-06", "period_end": "2025-03"}, "period_end", MSG_PERIOD_ORDER),
        ({"funding": ""}, "funding", MSG_FUNDING),
        ({"countries": ["Xứ Sở Thần Tiên"]}, "countries", "Không xác định được nước"),
        ({"period_start": "tháng sau"}, "period_start", "Tháng không hợp lệ"),
    ],
)
def test_create_validation_messages(client, office_user, overrides, field, message):
    response = post(login(client, office_user), payload(**overrides))
    assert response.status_code == 400
    errors = response.json()
    assert field in errors, errors
    assert any(message in error for error in errors[field]), errors
    assert not Delegation.objects.exists()


def test_partial_update_checks_only_what_it_changes(client, office_user, delegation):
    imported = delegation(funding="", funding_categories=[], source={"file": "x.docx"})
    login(client, office_user)
    assert (
        patch(client, imported.pk, {"activities": "Làm việc"}).status_code == 200
    )  # gaps elsewhere don't block
    response = patch(client, imported.pk, {"leader": ""})
    assert response.status_code == 400 and MSG_LEADER_OUT in response.json()["leader"]
    response = patch(client, imported.pk, {"name": "Tên mới"})
    assert response.status_code == 200
    imported.refresh_from_db()
    assert "name" in imported.edited_fields and "activities" in imported.edited_fields
    assert "funding" not in imported.edited_fields


def test_destroy_is_a_soft_delete(client, office_user, delegation):
    row = delegation()
    login(client, office_user)
    assert client.delete(f"{API}{row.pk}/").status_code == 204
    assert ids(client) == set()
    assert client.get(f"{API}{row.pk}/").status_code == 404
    kept = Delegation.objects.get(pk=row.pk)
    assert kept.deleted_at is not None


def test_schema_builds_without_delegation_warnings(client, office_user):
    from drf_spectacular.drainage import GENERATOR_STATS
    from drf_spectacular.generators import SchemaGenerator

    GENERATOR_STATS.reset()
    schema = SchemaGenerator().get_schema(request=None, public=True)
    warnings = [w for w in [*GENERATOR_STATS._warn_cache, *GENERATOR_STATS._error_cache] if "elegation" in w]
    assert warnings == []
    assert "/api/delegations/" in schema["paths"]
    params = {p["name"] for p in schema["paths"]["/api/delegations/"]["get"]["parameters"]}
    assert {"q", "year", "country", "quarter", "funding", "owner", "limit", "offset"} <= params
    response = login(client, office_user).get("/api/schema/")
    assert response.status_code == 200


def test_fast_representation_equals_drf(rf, office_user, delegation, units):
    """The serializer's shortcut must give exactly what DRF's own ``to_representation`` gives."""
    from rest_framework import serializers
    from rest_framework.request import Request

    from doingoai.delegations.api.serializers import DelegationSerializer

    rows = [
        delegation(),
        delegation(
            direction="in",
            level="province",
            status="postponed",
            owner=None,
            countries=[],
            people_min=None,
            people_max=None,
            duration_min=None,
            duration_max=None,
            period_start=None,
            period_end=None,
            review=[{"field": "x", "reason": "y"}],
            source={"file": "a.docx", "cells": ["1", "2"]},
            duration_unit="month",
        ),
    ]
    request = Request(rf.get(API))
    request.user = office_user
    serializer = DelegationSerializer(context={"request": request})
    for row in Delegation.objects.select_related("owner").filter(pk__in=[r.pk for r in rows]):
        assert serializer.to_representation(row) == serializers.ModelSerializer.to_representation(
            serializer, row
        )
