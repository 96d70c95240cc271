"""The dashboard: its figures checked against counts taken from the database here, each figure's link
showing exactly what it counts, scoping, the API, and the world map's outline (Hoàng Sa and Trường Sa
part of Viet Nam, the sea named Biển Đông)."""

from __future__ import annotations

import datetime
import random
from collections import Counter

import pytest
from django.urls import reverse
from django.utils import timezone

from doingoai.agreements.models import Agreement
from doingoai.dashboard.world import geometry, outline
from doingoai.delegations.models import Delegation
from doingoai.tasks.models import Task
from tests.web.conftest import PASSWORD

pytestmark = pytest.mark.django_db
YEAR = 2025
STATES = ["draft", "submitted", "in_plan", "approved", "under_way", "returned", "postponed", "cancelled"]
PLACES = [["LA"], ["KR"], ["LA", "KH"], ["JP"], []]
FUNDINGS = [["provincial_budget"], ["partner_pays"], ["unit_funds", "partner_pays"], []]


@pytest.fixture
def plan(province, other_province, units, delegation):
    """Forty delegations of the year in every state, quarter, level, unit, funding and country, both
    ways; some of the year before; one of another province; an overdue task; an expiring agreement."""
    rng = random.Random(5)
    made = []
    for number in range(40):
        month = rng.choice([None, 1, 2, 4, 6, 7, 9, 11, 12])
        start = datetime.date(YEAR, month, 1) if month else None
        end = datetime.date(YEAR, min(12, month + rng.choice([0, 0, 2])), 1) if month else None
        made.append(
            delegation(
                year=YEAR,
                tt=str(number),
                name=f"Đoàn số {number}",
                direction=rng.choice(["out", "in"]),
                level=rng.choice(["province", "department"]),
                status=rng.choice(STATES),
                owner=rng.choice([units["school"], units["industry"], None]),
                countries=rng.choice(PLACES),
                funding_categories=rng.choice(FUNDINGS),
                period_start=start,
                period_end=end,
            )
        )
    for number in range(3):
        delegation(year=YEAR - 1, tt=f"p{number}", name=f"Năm trước {number}", direction="out")
    delegation(province=other_province, owner=None, year=YEAR, tt="x", name="Tỉnh khác", direction="out")
    today = timezone.localdate()
    Task.objects.create(
        province=province, title="Nhiệm vụ quá hạn", deadline=today - datetime.timedelta(days=3)
    )
    Task.objects.create(
        province=province, title="Đã xong", deadline=today - datetime.timedelta(days=3), status="done"
    )
    signed = {"status": "in_force", "signed_on": today - datetime.timedelta(days=700)}
    Agreement.objects.create(
        province=province,
        title="Thỏa thuận sắp hết hạn",
        expires_on=today + datetime.timedelta(days=20),
        **signed,
    )
    Agreement.objects.create(
        province=province, title="Còn lâu", expires_on=today + datetime.timedelta(days=400), **signed
    )
    Agreement.objects.create(  # already renewed: its expiry no longer matters
        province=province,
        title="Đã gia hạn",
        expires_on=today + datetime.timedelta(days=10),
        **{**signed, "status": "renewed"},
    )
    Agreement.objects.create(  # planned to be signed within the period: not an expiry
        province=province, title="Dự kiến ký", period_end=today + datetime.timedelta(days=20)
    )
    return made


def _api(client, user, **params):
    client.login(username=user.username, password=PASSWORD)
    return client.get("/api/dashboard/", params)


def test_the_figures_are_the_databases_counts(client, office_user, province, plan):
    data = _api(client, office_user, province=province.pk, year=YEAR).json()
    rows = Delegation.objects.filter(province=province, year=YEAR)
    assert data["total"] == rows.count() == 40
    assert {f["key"]: f["count"] for f in data["by_direction"]} == dict(
        Counter(rows.values_list("direction", flat=True))
    )
    assert {f["key"]: f["count"] for f in data["by_status"]} == dict(
        Counter(rows.values_list("status", flat=True))
    )
    assert {f["key"]: f["count"] for f in data["by_level"]} == dict(
        Counter(rows.values_list("level", flat=True))
    )
    units = Counter(rows.values_list("owner__name", flat=True))
    assert {f["label"]: f["count"] for f in data["by_unit"]} == {
        (name or "Chưa rõ đơn vị"): n for name, n in units.items()
    }
    countries = Counter(code for codes in rows.values_list("countries", flat=True) for code in codes)
    assert {f["key"]: f["count"] for f in data["by_country"]} == dict(countries)
    funding = Counter(key for keys in rows.values_list("funding_categories", flat=True) for key in keys)
    assert {f["key"]: f["count"] for f in data["by_funding"]} == dict(funding)
    for direction in ("out", "in"):
        own = rows.filter(direction=direction)
        quarters = {f["key"]: f["count"] for f in data["by_quarter"][direction]}
        for quarter in range(1, 5):
            first, last = datetime.date(YEAR, quarter * 3 - 2, 1), datetime.date(YEAR, quarter * 3, 1)
            expected = own.filter(period_start__lte=last, period_end__gte=first).count()
            assert quarters[str(quarter)] == expected, (direction, quarter)
        assert quarters[""] == own.filter(period_start__isnull=True).count()
    from doingoai.reports.selectors import execution_report

    report = execution_report(office_user, province, YEAR)
    assert data["people"] == report.people
    assert data["days"] == {key: float(value) for key, value in report.days.items()}
    assert data["overdue"]["reports"] == len(report.reports["overdue"])
    assert data["overdue"]["tasks"] == 1
    assert [a["title"] for a in data["agreements_expiring"]] == ["Thỏa thuận sắp hết hạn"]
    assert data["previous_year"] == {"year": YEAR - 1, "by_direction": {"out": 3, "in": 0}}


def test_every_figure_links_to_the_list_of_what_it_counts(client, office_user, province, plan):
    data = _api(client, office_user, province=province.pk, year=YEAR).json()
    figures = [
        *data["by_direction"],
        *data["by_status"],
        *data["by_level"],
        *data["by_funding"],
        *(f for d in data["by_country_direction"].values() for f in d),
        *(f for d in data["by_quarter"].values() for f in d if f["list_query"]),
        *(f for f in data["by_unit"] if f["list_query"]),
    ]
    assert len(figures) > 20
    for figure in figures:
        page = client.get(f"{reverse('delegations:delegation_list')}?{figure['list_query']}")
        assert page.status_code == 200
        assert page.context["object_count"] == figure["count"], figure


def test_the_page_shows_the_figures_with_their_links(client, office_user, province, plan):
    client.login(username=office_user.username, password=PASSWORD)
    page = client.get(reverse("dashboard:overview"), {"province": province.pk, "year": YEAR})
    html = page.content.decode()
    board = page.context["board"]
    assert board.total == 40
    out = next(f for f in board.by_direction if f.key == "out")
    assert f'href="{out.url}"'.replace("&", "&amp;") in html
    assert "Biển Đông" in html and "Hoàng Sa" in html and "Trường Sa" in html
    laos = next(f for f in board.by_country_direction["out"] if f.key == "LA")
    assert f'aria-label="Lào: {laos.count} đoàn"' in html


def test_each_sees_what_the_delegation_list_shows_them_and_no_other_province(
    client, school_user, office_user, province, other_province, plan
):
    """The dashboard counts what the list shows the user (a unit's officer reads the province's plan)."""
    data = _api(client, school_user, province=province.pk, year=YEAR).json()
    listed = client.get(reverse("delegations:delegation_list"), {"province": province.pk, "year": YEAR})
    assert data["total"] == listed.context["object_count"] == 40
    assert _api(client, school_user, province=other_province.pk, year=YEAR).status_code == 404
    client.logout()
    assert _api(client, office_user, province=other_province.pk, year=YEAR).status_code == 404


def test_wrong_queries_are_answered_in_vietnamese(client, office_user, province):
    answer = _api(client, office_user, province=province.pk, year="abc")
    assert answer.status_code == 400 and "Năm phải là một số" in answer.content.decode()
    assert "Cần chọn tỉnh" in _api(client, office_user, year=YEAR).content.decode()
    page = client.get(reverse("dashboard:overview"), {"year": "abc"})
    assert page.status_code == 400 and "Năm phải là một số" in page.content.decode()


def _inside(point, ring) -> bool:
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


@pytest.mark.parametrize(
    "point", [(112.0, 16.5), (114.3, 10.4), (113.8, 9.9)], ids=["hoang-sa", "truong-sa", "sinh-ton"]
)
def test_the_archipelagos_belong_to_viet_nam_and_to_nobody_else(point):
    countries = outline()["countries"]
    near = [
        (code, ring)
        for code, rings in countries.items()
        for ring in rings
        if _inside(point, ring)
        or any(abs(lon - point[0]) < 0.6 and abs(lat - point[1]) < 0.6 for lon, lat in ring)
    ]
    assert near and {code for code, _ in near} == {"VN"}, point


def test_the_outline_draws_no_boundary_viet_nam_does_not_recognise():
    countries = outline()["countries"]
    assert "TW" not in countries and "XK" not in countries  # Taiwan is China's; Kosovo Serbia's
    assert "CN" in countries and "RS" in countries
    assert 'id="country-VN"' in geometry()
