"""The execution report: every figure checked against counts made here, from what each delegation went through.

The delegations of a plan year are taken through their life by the real
services (submitted, put in the plan, approved with the People's Committee's
document, gone, back, reported, postponed, cancelled, rejected), each with
the group the report must put it in; the test counts the groups itself and
compares the report of the page and of the API with them.
"""

from __future__ import annotations

import datetime
from collections import Counter
from decimal import Decimal

import pytest

from doingoai.delegations import services
from doingoai.organization.models import Unit
from doingoai.reports.selectors import execution_report

pytestmark = pytest.mark.django_db

YEAR = 2026
D = datetime.date


@pytest.fixture
def officers(make_user, units):
    return {
        "office": make_user("office", units["office"], username="sngv"),
        "school": make_user("unit", units["school"], username="truong"),
    }


def _through(row, officers, *steps):
    """Take ``row`` through ``steps`` ((action, values)), as the office or its unit would."""
    for action, values in steps:
        user = officers["school"] if action == "submit" else officers["office"]
        row = services.delegation_transition(row, user=user, action=action, **values)
    return row


APPROVE = ("approve", {"document_number": "123/KH-UBND", "document_date": D(YEAR, 1, 15)})
PLANNED = (("submit", {}), ("include", {}), APPROVE)


@pytest.fixture
def year(delegation, officers, units, other_province):
    """The plan year: name → (delegation, the groups the report must put it in, is it in the first half)."""

    def make(name, *, month=5, **values):
        start = D(values.pop("year", YEAR), month, 1)
        return delegation(name=name, year=start.year, period_start=start, period_end=start, **values)

    rows = {}

    def add(name, groups, first_half, row):
        rows[name] = (row, groups, first_half)

    add(
        "A",
        {"planned", "carried_out"},
        True,
        _through(
            make("A", month=3),
            officers,
            *PLANNED,
            ("depart", {"date": D(YEAR, 3, 10)}),
            ("return", {"date": D(YEAR, 3, 16)}),
        ),
    )
    services.report_file(
        rows["A"][0], user=officers["school"], values={"activities": "Làm việc", "days_actual": 7}
    )
    add(
        "B",
        {"planned", "carried_out"},
        False,
        _through(make("B", month=8), officers, *PLANNED, ("depart", {"date": D(YEAR, 8, 1)})),
    )
    add(
        "C",
        {"planned", "postponed"},
        True,
        _through(make("C", month=5), officers, *PLANNED, ("postpone", {"reason": "Đối tác đề nghị lùi"})),
    )
    add(
        "D",
        {"planned", "postponed"},
        True,
        _through(
            make("D", month=4),
            officers,
            *PLANNED,
            ("postpone", {"reason": "Sang năm sau", "period_start": D(YEAR + 1, 2, 1)}),
        ),
    )
    add(
        "E",
        {"planned", "cancelled"},
        False,
        _through(
            make("E", month=9), officers, *PLANNED, ("cancel", {"reason": "Không bố trí được kinh phí"})
        ),
    )
    add(
        "F",
        {"planned", "pending"},
        True,
        _through(
            make("F", month=2, delegation_count=3, people_min=4, people_max=4, people_per_delegation=True),
            officers,
            *PLANNED,
        ),
    )
    add(
        "G",
        {"rejected"},
        False,
        _through(make("G", month=10), officers, ("submit", {}), ("reject", {"reason": "Trùng nội dung"})),
    )
    add(
        "H",
        {"out_of_plan", "out_of_plan_carried_out"},
        True,
        _through(
            make("H", month=6, out_of_plan=True),
            officers,
            ("submit", {}),
            APPROVE,
            ("depart", {"date": D(YEAR, 6, 20)}),
        ),
    )
    # counted nowhere: a draft, a plan not yet approved, one postponed before its approval,
    # another year's, another province's
    add("I", set(), True, make("I"))
    add("J", set(), True, _through(make("J"), officers, ("submit", {}), ("include", {})))
    add(
        "M",
        set(),
        True,
        _through(
            make("M"), officers, ("submit", {}), ("include", {}), ("postpone", {"reason": "Chờ ý kiến"})
        ),
    )
    add("L", set(), True, _through(make("L", year=YEAR - 1), officers, *PLANNED))
    foreign = Unit.objects.create(province=other_province, name="Sở Ngoại vụ Đồng Nai")
    add("K", set(), True, make("K", province=other_province, owner=foreign, status="approved"))
    return rows


def _expected(rows, first_half_only=False):
    """The counts the report must give, made from the groups each delegation was given above."""
    delegations, records = Counter(), Counter()
    for row, groups, first_half in rows.values():
        if first_half_only and not first_half:
            continue
        for group in groups:
            records[group] += 1
            delegations[group] += row.delegation_count
    return delegations, records


@pytest.mark.parametrize("half", [None, 1])
def test_the_figures_are_those_of_each_delegations_life(year, officers, province, half):
    delegations, records = _expected(year, first_half_only=half == 1)
    report = execution_report(officers["office"], province, YEAR, half)
    for group, figure in report.totals.items():
        assert (figure.delegations, figure.records) == (delegations[group], records[group]), group
    names = {group: sorted(d.name for d in members) for group, members in report.groups.items()}
    wanted = {
        group: sorted(
            name for name, (_, groups, first) in year.items() if group in groups and (first or not half)
        )
        for group in report.groups
    }
    assert names == wanted
    assert report.totals["planned"].delegations == (6 if half else 8)  # F stands for three delegations


def test_people_and_days_planned_and_actual(year, officers, province):
    report = execution_report(officers["office"], province, YEAR)
    # planned: A–E 5 people, 6 days each; F three delegations of 4 people, 6 days each
    assert report.people["planned"] == 5 * 5 + 3 * 4
    assert report.days["planned"] == Decimal(5 * 6 + 3 * 6)
    # actual: A's report says 7 days; B is under way (the plan's 6); both the plan's 5 people
    assert report.people["actual"] == 10
    assert report.days["actual"] == Decimal(7 + 6)


def test_the_tables_by_level_unit_and_country(year, officers, province, units):
    report = execution_report(officers["office"], province, YEAR)
    (school,) = [row for row in report.by_unit if row.label == units["school"].name]
    assert school.figures["planned"].delegations == 8 and school.figures["out_of_plan"].delegations == 1
    (laos,) = report.by_country
    assert laos.label == "Lào" and laos.figures["carried_out"].records == 2
    (level,) = report.by_level
    assert level.label == "Cấp sở, ngành, địa phương" and level.figures["rejected"].records == 1


def test_the_api_answers_the_same_figures(client, year, officers, province):
    delegations, records = _expected(year)
    client.force_login(officers["office"])
    answer = client.get(f"/api/reports/execution/?province={province.pk}&year={YEAR}").json()
    for group in ("planned", "carried_out", "postponed", "cancelled", "rejected", "out_of_plan"):
        assert answer["totals"][group] == delegations[group], group
        assert answer["records"][group] == records[group], group
    assert [d["name"] for d in answer["groups"]["cancelled"]] == ["E"]
    assert answer["groups"]["cancelled"][0]["status_label"] == "Hủy"
    half = client.get(f"/api/reports/execution/?province={province.pk}&year={YEAR}&half=1").json()
    assert half["half"] == 1 and half["totals"]["carried_out"] == 1 and half["totals"]["out_of_plan"] == 1


def test_the_api_refuses_what_it_cannot_answer_in_vietnamese(
    client, year, officers, province, other_province
):
    client.force_login(officers["office"])
    missing = client.get("/api/reports/execution/?year=2026")
    assert missing.status_code == 400 and "province" in missing.json()
    wrong = client.get(f"/api/reports/execution/?province={province.pk}&year=abc&half=2")
    assert wrong.status_code == 400
    assert "số nguyên" in str(wrong.json()["year"]) and "hợp lệ" in str(wrong.json()["half"])
    assert client.get(f"/api/reports/execution/?province={other_province.pk}&year=2026").status_code == 404
    client.logout()
    assert client.get(f"/api/reports/execution/?province={province.pk}&year=2026").status_code in (401, 403)


def test_the_page_shows_the_figures_and_the_lists(client, year, officers, province):
    delegations, _ = _expected(year)
    client.force_login(officers["school"])
    page = client.get(f"/bao-cao/thuc-hien/?year={YEAR}")
    html = page.content.decode()
    assert page.status_code == 200 and "Báo cáo kết quả thực hiện kế hoạch" in html
    for group in ("planned", "carried_out", "postponed", "cancelled", "rejected", "out_of_plan"):
        assert (
            f'href="#nhom-{group}" data-group="{group}">\n    <strong>{delegations[group]}</strong>' in html
        )
    assert 'data-figure="people-planned">37<' in html and "1 hàng" in html  # F: one row, three delegations
    half = client.get(f"/bao-cao/thuc-hien/?year={YEAR}&half=1").content.decode()
    assert "6 tháng đầu năm 2026" in half
    wrong = client.get("/bao-cao/thuc-hien/?year=20x6")
    assert wrong.status_code == 200 and "Hãy nhập một số nguyên" in wrong.content.decode()


def test_the_reports_after_the_trips_on_time_late_overdue(year, officers, province, delegation, client):
    from django.utils import timezone

    today = timezone.localdate()
    due_days = province.report_due_days

    def back_on(name, returned):
        start = today.replace(day=1)  # this year's plan, whenever the trip came back
        row = delegation(name=name, year=today.year, period_start=start, period_end=start)
        return _through(
            row, officers, *PLANNED, ("depart", {"date": returned}), ("return", {"date": returned})
        )

    recent = back_on("N", today - datetime.timedelta(days=max(due_days - 2, 0)))
    forgotten = back_on("O", today - datetime.timedelta(days=due_days + 3))
    fresh = back_on("P", today - datetime.timedelta(days=1))
    services.report_file(fresh, user=officers["school"], values={"activities": "Làm việc", "days_actual": 2})
    report = execution_report(officers["office"], province, today.year)
    names = {state: sorted(d.name for d in rows) for state, rows in report.reports.items()}
    late = ["A"] if today.year == YEAR else []  # A came back in March, its report filed today
    assert names == {"on_time": ["P"], "late": late, "overdue": ["O"], "not_due": ["N"]}
    assert recent.pk and forgotten.pk
    client.force_login(officers["office"])
    page = client.get("/bao-cao/thuc-hien/", {"province": province.pk, "year": today.year}).content.decode()
    assert 'data-reports="overdue"><strong>1</strong>' in page
    data = client.get("/api/reports/execution/", {"province": province.pk, "year": today.year}).json()
    assert data["reports_after_trips"]["overdue"] == [forgotten.pk]
