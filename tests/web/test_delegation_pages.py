"""The delegation pages as officers use them: list, filters, search, detail, forms, permissions.

Everything goes through the Django test client, logged in as a user of each
role, with real rows in the database (no mocks): what is checked is what an
officer would see or be refused.
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse

from doingoai.delegations.models import Delegation
from doingoai.delegations.rules import (
    MSG_COUNTRY,
    MSG_FUNDING,
    MSG_LEADER_IN,
    MSG_LEADER_OUT,
    MSG_PERIOD,
    MSG_PERIOD_ORDER,
)
from tests.web.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LIST = "/doan/"


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def listed(client, params: dict | None = None) -> set[int]:
    """The pks the list page shows for these query parameters (first page)."""
    response = client.get(LIST, params or {})
    assert response.status_code == 200
    return {row.record.pk for row in response.context["table"].paginated_rows}


def month(year: int, m: int) -> datetime.date:
    return datetime.date(year, m, 1)


def valid_post(**overrides) -> dict:
    """A complete, valid form submission (outbound, Laos, Quý II/2025)."""
    data = {
        "direction": "out",
        "level": "department",
        "year": "2025",
        "name": "Đoàn công tác Sở Công Thương",
        "leader": "Nguyễn Văn A - Giám đốc Sở",
        "countries": "Lào",
        "partners": "",
        "activities": "Xúc tiến thương mại",
        "people_min": "5",
        "people_max": "7",
        "delegation_count": "1",
        "duration_min": "5",
        "duration_max": "5",
        "duration_unit": "day",
        "period_text": "",
        "period_start": "2025-04",
        "period_end": "2025-06",
        "funding": "Ngân sách tỉnh",
        "host_unit": "",
        "notes": "",
    }
    data.update(overrides)
    return data


# --------------------------------------------------------------------------- login


def test_pages_require_login(client, delegation):
    row = delegation()
    for url in (LIST, f"/doan/{row.pk}/", "/doan/them/", f"/doan/{row.pk}/sua/", f"/doan/{row.pk}/xoa/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url


# --------------------------------------------------------------------------- list and filters


def test_list_shows_columns_in_vietnamese(client, office_user, delegation):
    delegation(
        period_start=month(2024, 7),
        period_end=month(2024, 9),
        period_tentative=True,
        countries=["LA", "KH"],
        review=[{"field": "countries", "code": "x", "reason": "Tên nước lạ"}],
    )
    response = login(client, office_user).get(LIST)
    text = response.content.decode()
    assert response.context["object_count"] == 1
    assert "Quý III/2024 (dự kiến)" in text
    assert "Lào, Campuchia" in text
    assert "Đoàn ra" in text and "Trường Cao đẳng Thái Nguyên" in text
    assert "Cần xem lại" in text
    assert "Dự thảo" in text  # status badge


def test_list_month_period_label(client, office_user, delegation):
    delegation(period_start=month(2024, 7), period_end=month(2024, 7))
    text = login(client, office_user).get(LIST).content.decode()
    assert "07/2024" in text


def test_filter_year_direction_level_status(client, office_user, delegation, units):
    out_2024 = delegation(year=2024, direction="out", level="department", status="submitted")
    in_2025 = delegation(
        year=2025,
        direction="in",
        level="province",
        status="returned",
        period_start=month(2025, 3),
        period_end=month(2025, 3),
    )
    login(client, office_user)
    assert listed(client, {"year": 2024}) == {out_2024.pk}
    assert listed(client, {"year": 2025}) == {in_2025.pk}
    assert listed(client, {"direction": "in"}) == {in_2025.pk}
    assert listed(client, {"direction": "out"}) == {out_2024.pk}
    assert listed(client, {"level": "province"}) == {in_2025.pk}
    assert listed(client, {"status": "returned"}) == {in_2025.pk}
    assert listed(client, {"status": "submitted"}) == {out_2024.pk}
    assert listed(client, {"status": "cancelled"}) == set()
    assert client.get(LIST, {"status": "carried_out"}).context["object_count"] == 0  # old values are gone


def test_filter_country_owner_funding(client, office_user, delegation, units):
    laos = delegation(countries=["LA"], funding_categories=["partner_pays"])
    route = delegation(
        countries=["KH", "LA", "TH"], owner=units["industry"], funding_categories=["state_budget", "private"]
    )
    japan = delegation(countries=["JP"], owner=units["industry"], funding_categories=["state_budget"])
    login(client, office_user)
    assert listed(client, {"country": "LA"}) == {laos.pk, route.pk}
    assert listed(client, {"country": "JP"}) == {japan.pk}
    assert listed(client, {"country": "TH"}) == {route.pk}
    assert listed(client, {"owner": units["industry"].pk}) == {route.pk, japan.pk}
    assert listed(client, {"owner": units["school"].pk}) == {laos.pk}
    assert listed(client, {"funding": "state_budget"}) == {route.pk, japan.pk}
    assert listed(client, {"funding": "private"}) == {route.pk}
    assert listed(client, {"funding": "partner_pays"}) == {laos.pk}
    assert listed(client, {"country": "LA", "funding": "private"}) == {route.pk}


def test_filter_quarter_matches_every_quarter_a_period_overlaps(client, office_user, delegation):
    q1_q2 = delegation(year=2025, period_start=month(2025, 2), period_end=month(2025, 5))
    q3 = delegation(year=2025, period_start=month(2025, 9), period_end=month(2025, 9))
    whole_year = delegation(year=2025, period_start=month(2025, 1), period_end=month(2025, 12))
    last_year_q2 = delegation(year=2024, period_start=month(2024, 4), period_end=month(2024, 4))
    login(client, office_user)
    assert listed(client, {"year": 2025, "quarter": 1}) == {q1_q2.pk, whole_year.pk}
    assert listed(client, {"year": 2025, "quarter": 2}) == {q1_q2.pk, whole_year.pk}
    assert listed(client, {"year": 2025, "quarter": 3}) == {q3.pk, whole_year.pk}
    assert listed(client, {"year": 2025, "quarter": 4}) == {whole_year.pk}
    assert listed(client, {"year": 2024, "quarter": 2}) == {last_year_q2.pk}
    # without a year, the quarter is taken in each delegation's own plan year
    assert listed(client, {"quarter": 2}) == {q1_q2.pk, whole_year.pk, last_year_q2.pk}


def test_filter_needs_review(client, office_user, delegation):
    flagged = delegation(
        review=[{"field": "period", "code": "period_missing", "reason": "Chưa ghi thời gian"}]
    )
    clean = delegation()
    login(client, office_user)
    assert listed(client, {"needs_review": "true"}) == {flagged.pk}
    assert listed(client, {"needs_review": "false"}) == {clean.pk}


def test_invalid_filter_value_shows_no_rows_and_no_error(client, office_user, delegation):
    delegation()
    response = login(client, office_user).get(LIST, {"year": "abc"})
    assert response.status_code == 200
    assert response.context["object_count"] == 0


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("champasak", "champasak"),
        ("CHAMPASAK", "champasak"),
        ("lao", "laos"),
        ("nhat ban", "japan"),
        ("Nhật bản", "japan"),
        ("ha lan", "netherlands"),
        ("dai hoc", "university"),
        ("ĐẠI HỌC", "university"),
        ("xuc tien dau tu", "japan"),
    ],
)
def test_search_ignores_case_and_diacritics(client, office_user, delegation, query, expected):
    rows = {
        "champasak": delegation(
            name="Đoàn xúc tiến du lịch", countries=["KH"], partners="Chính quyền tỉnh Champasak"
        ),
        "laos": delegation(name="Đoàn giao lưu biên giới", countries=["LA"], partners=""),
        "japan": delegation(name="Đoàn xúc tiến đầu tư", countries=["JP"], partners=""),
        "netherlands": delegation(name="Đoàn nông nghiệp", countries=["NL"], partners=""),
        "university": delegation(name="Đoàn Đại học Thái Nguyên", countries=["KR"], partners=""),
    }
    found = listed(login(client, office_user), {"q": query})
    assert found == {rows[expected].pk}


def test_list_is_sortable_and_paginated(client, office_user, delegation):
    for i in range(55):
        delegation(people_min=i, people_max=i, tt=str(i))
    login(client, office_user)
    response = client.get(LIST, {"sort": "-people"})
    first = [row.record.people_max for row in response.context["table"].paginated_rows]
    assert len(first) == 50 and first[0] == 54 and first == sorted(first, reverse=True)
    assert response.context["object_count"] == 55
    second = client.get(LIST, {"sort": "-people", "page": 2})
    assert [row.record.people_max for row in second.context["table"].paginated_rows] == [4, 3, 2, 1, 0]


def test_list_shows_only_visible_provinces(client, school_user, delegation, other_province):
    mine = delegation()
    delegation(province=other_province, owner=None)
    assert listed(login(client, school_user)) == {mine.pk}


# --------------------------------------------------------------------------- detail


def _row(html: str, field: str) -> str:
    match = re.search(rf'<tr id="field-{field}"[^>]*>(.*?)</tr>', html, re.S)
    assert match, field
    return match.group(1)


def test_detail_shows_source_beside_value_and_review(client, office_user, delegation):
    row = delegation(
        people_min=10,
        people_max=10,
        period_start=month(2025, 4),
        period_end=month(2025, 6),
        period_tentative=True,
        countries=["JP"],
        source={
            "file": "002_kehoach.docx",
            "table": 2,
            "row": "15",
            "cells": ["15", "Đoàn doanh nghiệp", "Nhật Bổn"],
        },
        source_values={
            "people": "10 (bao gồm các doanh nghiệp)",
            "period": "Dự kiến trong Quý II/2025",
            "countries": "Nhật Bổn",
        },
        review=[
            {
                "field": "countries",
                "code": "countries_fuzzy",
                "reason": "Tên nước viết sai, đã đoán: Nhật Bổn",
            },
            {"field": "row", "code": "repaired", "reason": "Các ô của hàng bị lệch"},
        ],
    )
    response = login(client, office_user).get(f"/doan/{row.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    people = _row(html, "people")
    assert ">10<" in people.replace(" ", "").replace("\n", "") or "10\n" in people or ">10" in people
    assert "10 (bao gồm các doanh nghiệp)" in people
    period = _row(html, "period")
    assert "Quý II/2025 (dự kiến)" in period and "Dự kiến trong Quý II/2025" in period
    countries = _row(html, "countries")
    assert "Nhật Bản" in countries and "Nhật Bổn" in countries
    assert "Tên nước viết sai, đã đoán: Nhật Bổn" in countries  # the reason beside its field
    assert "002_kehoach.docx" in html and "Đoàn doanh nghiệp" in html  # file and the row's cells
    assert "Các ô của hàng bị lệch" in html
    assert response.context["can_edit"] is True
    assert f"/doan/{row.pk}/sua/" in html and f"/doan/{row.pk}/xoa/" in html


def test_detail_history_after_edit_shows_who_and_old_new(client, office_user, delegation):
    row = delegation(leader="Lê Kim Anh - Phó Hiệu trưởng", people_min=5, people_max=5)
    login(client, office_user)
    response = client.post(
        f"/doan/{row.pk}/sua/",
        valid_post(
            direction="out",
            year="2024",
            name=row.name,
            leader="Trần Văn B - Hiệu trưởng",
            countries="LA",
            people_min="5",
            people_max="8",
            period_start="2024-07",
            period_end="2024-07",
            funding="Đối tác chi trả",
            owner=str(row.owner_id),
            version=str(row.version),
        ),
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else None
    response = client.get(f"/doan/{row.pk}/")
    history = response.context["history"]
    assert history[0]["user"] == office_user
    changes = {c["field"]: (c["old"], c["new"]) for c in history[0]["changes"]}
    assert changes["leader"] == ("Lê Kim Anh - Phó Hiệu trưởng", "Trần Văn B - Hiệu trưởng")
    assert changes["people_max"] == ("5", "8")
    assert "status" not in changes
    html = response.content.decode()
    assert "sngv" in html
    assert "Lê Kim Anh - Phó Hiệu trưởng" in html and "Trần Văn B - Hiệu trưởng" in html
    assert "Dự thảo" in html


# --------------------------------------------------------------------------- forms


def test_create_by_unit_officer_forces_own_unit_and_normalizes(client, school_user, units, province):
    login(client, school_user)
    assert client.get("/doan/them/").status_code == 200
    response = client.post(
        "/doan/them/",
        valid_post(
            owner=str(units["industry"].pk),
            countries="Lào, Campuchia",
            period_text="Quý II/2025",
            period_start="",
            period_end="",
            funding="Ngân sách tỉnh và xã hội hóa",
        ),
    )
    assert response.status_code == 302
    created = Delegation.objects.get(name="Đoàn công tác Sở Công Thương")
    assert created.owner == units["school"]  # not the unit posted
    assert created.province == province
    assert created.countries == ["LA", "KH"]
    assert created.period_start == month(2025, 4) and created.period_end == month(2025, 6)
    assert created.funding_categories == ["provincial_budget", "private"]
    assert created.history.first().history_user == school_user
    assert response["Location"] == f"/doan/{created.pk}/"


def test_office_chooses_owner_among_province_units(client, office_user, units, other_province):
    from doingoai.organization.models import Unit

    foreign_unit = Unit.objects.create(province=other_province, name="Sở Y tế Đồng Nai")
    login(client, office_user)
    form = client.get("/doan/them/").context["form"]
    assert set(form.fields["owner"].queryset) == set(units.values())
    response = client.post("/doan/them/", valid_post(owner=str(foreign_unit.pk)))
    assert response.status_code == 200
    assert "owner" in response.context["form"].errors
    response = client.post("/doan/them/", valid_post(owner=str(units["industry"].pk), countries="LA, KH"))
    assert response.status_code == 302
    assert Delegation.objects.get().owner == units["industry"]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"direction": "out", "leader": ""}, "leader", MSG_LEADER_OUT),
        ({"direction": "in", "leader": "  "}, "leader", MSG_LEADER_IN),
        ({"countries": ""}, "countries", MSG_COUNTRY),
        ({"period_start": "2025-06", "period_end": "2025-03"}, "period_end", MSG_PERIOD_ORDER),
        ({"period_start": "", "period_end": ""}, "period_start", MSG_PERIOD),
        ({"funding": ""}, "funding", MSG_FUNDING),
        ({"people_min": "-1"}, "people_min", "Không được là số âm."),
        (
            {"people_min": "9", "people_max": "3"},
            "people_max",
            "Số người tối thiểu không được lớn hơn số người tối đa.",
        ),
        (
            {"duration_min": "9", "duration_max": "3"},
            "duration_max",
            "Thời gian tối thiểu không được lớn hơn thời gian tối đa.",
        ),
        ({"countries": "Xứ Sở Thần Tiên"}, "countries", "Không xác định được nước: Xứ Sở Thần Tiên."),
        ({"period_text": "theo lịch đối tác"}, "period_text", "Không hiểu thời gian"),
    ],
)
def test_form_validation_messages(client, office_user, overrides, field, message):
    response = login(client, office_user).post("/doan/them/", valid_post(**overrides))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors, errors
    assert any(message in error for error in errors[field]), errors[field]
    assert message.split(":")[0] in response.content.decode()
    assert not Delegation.objects.exists()


def test_edit_of_document_field_is_recorded_in_edited_fields(client, office_user, delegation):
    row = delegation(
        source={"file": "001.docx", "table": 1, "row": "3"},
        source_values={"name": "Đoàn cán bộ Trường"},
        review=[
            {"field": "leader", "code": "leader_missing_out", "reason": "Thiếu trưởng đoàn"},
            {"field": "funding", "code": "funding_unclassified", "reason": "Không rõ"},
        ],
    )
    login(client, office_user)
    response = client.post(
        f"/doan/{row.pk}/sua/",
        valid_post(
            year="2024",
            name="Đoàn cán bộ Trường (sửa)",
            leader="Lê Kim Anh - Hiệu trưởng",
            countries="LA",
            people_min="5",
            people_max="5",
            duration_min="6",
            duration_max="6",
            period_start="2024-07",
            period_end="2024-07",
            funding="Đối tác chi trả",
            owner=str(row.owner_id),
            partners=row.partners,
            activities=row.activities,
        ),
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert "name" in row.edited_fields and "leader" in row.edited_fields
    assert "funding" not in row.edited_fields  # unchanged
    assert [item["field"] for item in row.review] == ["funding"]  # the leader's reason is dealt with
    html = client.get(f"/doan/{row.pk}/").content.decode()
    assert "đã sửa tay" in _row(html, "name")


def test_status_cannot_be_edited_in_the_form(client, school_user, delegation):
    row = delegation()
    login(client, school_user)
    form = client.get(f"/doan/{row.pk}/sua/").context["form"]
    assert "status" not in form.fields
    response = client.post(
        f"/doan/{row.pk}/sua/",
        valid_post(
            year="2024",
            name=row.name,
            leader=row.leader,
            countries="LA",
            period_start="2024-07",
            period_end="2024-07",
            funding=row.funding,
            status="approved",
        ),
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.status == "draft"  # the posted status is not a field of the form: ignored


def test_unit_officer_cannot_edit_a_sent_proposal(client, school_user, delegation):
    row = delegation(status="submitted")
    login(client, school_user)
    response = client.get(f"/doan/{row.pk}/sua/")
    assert response.status_code == 403
    assert "Rút lại để sửa" in response.content.decode()
    response = client.post(f"/doan/{row.pk}/sua/", valid_post(name="Đoàn sửa sau khi gửi"))
    assert response.status_code == 403
    row.refresh_from_db()
    assert row.name != "Đoàn sửa sau khi gửi"


# --------------------------------------------------------------------------- permissions


def test_unit_officer_cannot_touch_another_units_delegation(client, school_user, delegation, units):
    theirs = delegation(owner=units["industry"], name="Đoàn của Ban Quản lý")
    login(client, school_user)
    assert client.get(f"/doan/{theirs.pk}/").status_code == 200  # the province's plan is readable
    assert client.get(f"/doan/{theirs.pk}/").context["can_edit"] is False
    response = client.get(f"/doan/{theirs.pk}/sua/")
    assert response.status_code == 403
    assert "Không có quyền" in response.content.decode()
    response = client.post(f"/doan/{theirs.pk}/sua/", valid_post(name="Đã bị sửa"))
    assert response.status_code == 403
    assert client.get(f"/doan/{theirs.pk}/xoa/").status_code == 403
    assert client.post(f"/doan/{theirs.pk}/xoa/").status_code == 403
    theirs.refresh_from_db()
    assert theirs.name == "Đoàn của Ban Quản lý" and theirs.deleted_at is None


def test_unit_officer_edits_own_unit_delegation(client, school_user, delegation):
    mine = delegation()
    login(client, school_user)
    assert client.get(f"/doan/{mine.pk}/").context["can_edit"] is True
    assert client.get(f"/doan/{mine.pk}/sua/").status_code == 200


def test_other_province_is_invisible(client, school_user, office_user, delegation, other_province):
    hidden = delegation(province=other_province, owner=None)
    for user in (school_user, office_user):
        login(client, user)
        for url in (f"/doan/{hidden.pk}/", f"/doan/{hidden.pk}/sua/", f"/doan/{hidden.pk}/xoa/"):
            assert client.get(url).status_code == 404, url
        assert client.post(f"/doan/{hidden.pk}/xoa/").status_code == 404
    hidden.refresh_from_db()
    assert hidden.deleted_at is None


def test_leader_reads_but_cannot_edit(client, leader_user, delegation):
    row = delegation()
    login(client, leader_user)
    assert client.get(LIST).status_code == 200
    assert client.get(LIST).context["can_add"] is False
    response = client.get(f"/doan/{row.pk}/")
    assert response.status_code == 200 and response.context["can_edit"] is False
    assert f"/doan/{row.pk}/sua/" not in response.content.decode()
    assert client.get(f"/doan/{row.pk}/sua/").status_code == 403
    assert client.post(f"/doan/{row.pk}/sua/", valid_post()).status_code == 403
    assert client.get("/doan/them/").status_code == 403
    assert client.post("/doan/them/", valid_post()).status_code == 403
    assert client.post(f"/doan/{row.pk}/xoa/").status_code == 403
    assert Delegation.objects.count() == 1


def test_office_edits_every_unit(client, office_user, delegation, units):
    row = delegation(owner=units["industry"])
    login(client, office_user)
    response = client.post(
        f"/doan/{row.pk}/sua/",
        valid_post(
            year="2024",
            name="Đoàn Ban Quản lý (đã sửa)",
            countries="LA",
            owner=str(units["industry"].pk),
            period_start="2024-07",
            period_end="2024-07",
        ),
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.name == "Đoàn Ban Quản lý (đã sửa)"


# --------------------------------------------------------------------------- delete


def test_soft_delete_hides_but_keeps_the_row(client, office_user, delegation):
    row = delegation()
    login(client, office_user)
    response = client.get(f"/doan/{row.pk}/xoa/")
    assert response.status_code == 200 and "Xác nhận xóa" in response.content.decode()
    assert Delegation.objects.get(pk=row.pk).deleted_at is None  # GET deletes nothing
    response = client.post(f"/doan/{row.pk}/xoa/")
    assert response.status_code == 302 and response["Location"] == LIST
    assert listed(client) == set()
    assert client.get(f"/doan/{row.pk}/").status_code == 404
    kept = Delegation.objects.get(pk=row.pk)
    assert kept.deleted_at is not None
    assert kept.history.first().history_user == office_user
