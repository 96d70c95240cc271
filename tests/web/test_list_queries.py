"""The delegation list and the API read each thing once, and count no more than they need to."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from doingoai.core.api import pagination

pytestmark = pytest.mark.django_db


def test_the_list_page_reads_the_units_and_provinces_once(client, office_user, delegation, other_province):
    for _ in range(3):
        delegation()
    office_user.profile.provinces.add(other_province)  # two provinces: the province filter is drawn too
    client.force_login(office_user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/doan/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="owner"' in html and 'name="province"' in html
    units = [q["sql"] for q in queries if q["sql"].startswith('SELECT "organization_unit"."id" AS "pk"')]
    assert len(units) == 1, units
    names = [q["sql"] for q in queries if '"organization_province"."name" AS "name"' in q["sql"]]
    assert len(names) == 1, names


def test_the_api_counts_no_further_than_its_cap(client, office_user, delegation, monkeypatch):
    for _ in range(7):
        delegation()
    monkeypatch.setattr(pagination.CappedLimitOffsetPagination, "cap", 4)
    client.force_login(office_user)
    with CaptureQueriesContext(connection) as queries:
        answer = client.get("/api/delegations/?limit=2").json()
    assert (answer["count"], answer["count_capped"]) == (4, True)
    assert len(answer["results"]) == 2 and answer["next"]
    counts = [q["sql"] for q in queries if "COUNT(" in q["sql"]]
    assert len(counts) == 1 and "LIMIT 5" in counts[0], counts
    # past the cap the next page is still offered while there are rows
    page = client.get("/api/delegations/?limit=2&offset=4").json()
    assert page["count_capped"] and page["next"] and len(page["results"]) == 2
    last = client.get("/api/delegations/?limit=2&offset=6").json()
    assert (last["count"], last["count_capped"], last["next"]) == (7, False, None)
    # below the cap the count is exact
    monkeypatch.setattr(pagination.CappedLimitOffsetPagination, "cap", 100)
    assert client.get("/api/delegations/?limit=2").json()["count"] == 7


def test_the_province_filter_is_only_for_those_who_see_several(client, office_user, other_province):
    client.force_login(office_user)
    html = client.get("/doan/").content.decode()
    assert "Mọi tỉnh" not in html and 'type="hidden" name="province"' in html
    office_user.profile.provinces.add(other_province)
    html = client.get("/doan/").content.decode()
    assert "Mọi tỉnh" in html and "Đồng Nai" in html
