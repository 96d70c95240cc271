"""The plan year's timeline (/tong-hop/dong-thoi-gian/): bars over the months, quarters as quarters,
leaders' rows and their overlaps (matched as the rules match them), filters, scoping."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse

from doingoai.people.models import Person, TitleHolding
from doingoai.rules.models import Warning
from doingoai.rules.services import warnings_refresh

pytestmark = pytest.mark.django_db

URL = "/tong-hop/dong-thoi-gian/"
YEAR = 2025


def month(m: int, year: int = YEAR) -> datetime.date:
    return datetime.date(year, m, 1)


@pytest.fixture
def make(delegation):
    """A delegation of the plan year; a period of one month unless its end is given."""

    def create(**values):
        return delegation(**{"year": YEAR, "period_end": None, **values})

    return create


@pytest.fixture
def plan(make, units):
    """A plan year: bars known by month, by quarter, by day; what cannot be drawn."""
    return {
        "march_may": make(
            name="Đoàn học tập tại Nhật Bản", year=YEAR, period_start=month(3), period_end=month(5), leader=""
        ),
        "quarter": make(
            name="Đoàn xúc tiến đầu tư tại Hàn Quốc",
            year=YEAR,
            owner=units["industry"],
            level="province",
            period_start=month(4),
            period_end=month(6),
            leader="",
        ),
        "two_quarters": make(
            name="Đoàn đón đối tác Lào",
            direction="in",
            year=YEAR,
            period_start=month(1),
            period_end=month(6),
            leader="",
            status="approved",
        ),
        "gone": make(
            name="Đoàn đã đi Singapore",
            year=YEAR,
            period_start=month(7),
            period_end=month(7),
            departed_on=datetime.date(YEAR, 7, 10),
            returned_on=datetime.date(YEAR, 7, 20),
            status="returned",
            leader="",
        ),
        "no_period": make(name="Đoàn chưa rõ thời gian", year=YEAR, period_start=None, period_end=None),
        "next_year": make(
            name="Đoàn dời sang năm sau",
            year=YEAR,
            period_start=month(2, YEAR + 1),
            period_end=None,
            leader="",
        ),
        "cancelled": make(
            name="Đoàn đã hủy", year=YEAR, period_start=month(8), period_end=month(8), status="cancelled"
        ),
        "other_year": make(name="Đoàn năm trước", year=YEAR - 1, period_start=month(5, YEAR - 1)),
    }


def get(client, user, **params):
    client.force_login(user)
    response = client.get(URL, {"year": YEAR, **params})
    assert response.status_code == 200
    return response


def rows(response) -> dict[int, object]:
    """The delegation rows of the timeline, by delegation id."""
    timeline = response.context["timeline"]
    return {row.delegation.pk: row for group in timeline.groups for row in group.rows}


def test_bars_run_over_their_months(client, office_user, plan):
    response = get(client, office_user)
    shown = rows(response)
    bar = shown[plan["march_may"].pk].bar
    assert (bar.span.start, bar.span.end) == (month(3), datetime.date(YEAR, 5, 31))
    assert bar.span.precision == "month" and bar.span.label == "Tháng 3-5"
    assert round(bar.left, 3) == round(2 / 12 * 100, 3) and round(bar.width, 3) == 25.0
    html = response.content.decode()
    assert 'style="left:16.667%;width:25.000%;--lane:0"' in html  # a dot, never "16,667"
    assert html.count('class="tl-month') == 12
    # each bar is a link to its delegation
    link = re.search(
        rf'<a class="tl-bar[^"]*"[^>]*href="([^"]+)"[^>]*data-delegation="{plan["march_may"].pk}"', html
    )
    assert link and link.group(1) == plan["march_may"].get_absolute_url()


def test_the_days_gone_are_drawn_once_known(client, office_user, plan):
    bar = rows(get(client, office_user))[plan["gone"].pk].bar
    assert bar.span.precision == "day" and bar.span.label == "10/07-20/07"
    assert (bar.span.start, bar.span.end) == (datetime.date(YEAR, 7, 10), datetime.date(YEAR, 7, 20))
    assert round(bar.left, 4) == round((6 + 9 / 31) / 12 * 100, 4)
    assert round(bar.width, 4) == round(11 / 31 / 12 * 100, 4)


def test_quarter_only_delegations_are_drawn_as_quarters(client, office_user, plan):
    response = get(client, office_user)
    shown = rows(response)
    quarter = shown[plan["quarter"].pk].bar
    assert quarter.span.precision == "quarter" and quarter.span.label == "Quý II"
    assert (quarter.span.start, quarter.span.end) == (month(4), datetime.date(YEAR, 6, 30))
    assert shown[plan["two_quarters"].pk].bar.span.label == "Quý I-II"
    assert shown[plan["march_may"].pk].bar.span.precision == "month"  # three months, not a quarter
    assert response.context["timeline"].quarter_only == 2
    html = response.content.decode()
    row = re.search(rf'<tr data-delegation="{plan["quarter"].pk}">(.*?)</tr>', html, re.S).group(1)
    assert "tl-quarter" in row and "Quý II" in row and "chỉ biết theo quý" in row
    other = re.search(rf'<tr data-delegation="{plan["march_may"].pk}">(.*?)</tr>', html, re.S).group(1)
    assert "tl-quarter" not in other
    assert "2 đoàn chỉ biết theo quý" in html


def test_what_cannot_be_placed_is_listed_and_what_no_longer_goes_is_left_out(client, office_user, plan):
    response = get(client, office_user)
    shown, timeline = rows(response), response.context["timeline"]
    unplaced = {d.pk for d in timeline.unplaced}
    assert unplaced == {plan["no_period"].pk, plan["next_year"].pk}
    assert plan["cancelled"].pk not in shown and plan["other_year"].pk not in shown
    assert plan["cancelled"].pk in rows(get(client, office_user, state="all"))
    only = rows(get(client, office_user, state="cancelled"))
    assert set(only) == {plan["cancelled"].pk}
    assert [group.key for group in timeline.groups] == ["out", "in"]


def test_filters_direction_level_unit(client, office_user, plan, units):
    assert set(rows(get(client, office_user, direction="in"))) == {plan["two_quarters"].pk}
    assert set(rows(get(client, office_user, level="province"))) == {plan["quarter"].pk}
    assert set(rows(get(client, office_user, unit=units["industry"].pk))) == {plan["quarter"].pk}
    response = get(client, office_user, direction="sideways", unit="abc")
    assert "timeline" not in response.context
    assert "Giá trị đã chọn không có trong danh sách." in response.content.decode()
    response = get(client, office_user, year="abc")
    assert "Năm phải là một số, ví dụ 2025." in response.content.decode()


@pytest.fixture
def leaders(make, province):
    """Heads named as people, as a title the office says who holds, and as a role."""
    governor = Person.objects.create(province=province, full_name="Trần Văn Bình", title="Chủ tịch UBND tỉnh")
    holding = TitleHolding.objects.create(province=province, year=YEAR, title="Chủ tịch UBND tỉnh")
    holding.people.set([governor])
    common = {"year": YEAR, "status": "in_plan"}
    return {
        "governor": governor,
        "an_march": make(
            name="Đoàn An 1", leader="Nguyễn Văn An - Giám đốc Sở", period_start=month(3), **common
        ),
        "an_march_april": make(
            name="Đoàn An 2",
            leader="NGUYỄN VĂN AN - GIÁM ĐỐC SỞ",
            period_start=month(3),
            period_end=month(4),
            **common,
        ),
        "an_september": make(
            name="Đoàn An 3", leader="nguyen van an - giam doc so", period_start=month(9), **common
        ),
        "governor_q2": make(
            name="Đoàn Chủ tịch 1",
            leader="Đồng chí Chủ tịch UBND tỉnh",
            period_start=month(4),
            period_end=month(6),
            **common,
        ),
        "governor_may": make(
            name="Đoàn Chủ tịch 2", leader="Chủ tịch UBND tỉnh", period_start=month(5), **common
        ),
        "deputy_may": make(
            name="Đoàn Phó Chủ tịch", leader="Phó Chủ tịch UBND tỉnh", period_start=month(5), **common
        ),
        "board_1": make(name="Đoàn Sở 1", leader="Lãnh đạo Sở", period_start=month(10), **common),
        "board_2": make(name="Đoàn Sở 2", leader="Lãnh đạo Sở", period_start=month(10), **common),
        "once": make(name="Đoàn một lần", leader="Hoàng Thị Cúc", period_start=month(11), **common),
        "exact_1": make(
            name="Đoàn Đức 1",
            leader="Lê Minh Đức",
            period_start=month(7),
            departed_on=datetime.date(YEAR, 7, 1),
            returned_on=datetime.date(YEAR, 7, 5),
            status="returned",
            year=YEAR,
        ),
        "exact_2": make(
            name="Đoàn Đức 2",
            leader="Lê Minh Đức",
            period_start=month(7),
            departed_on=datetime.date(YEAR, 7, 10),
            returned_on=datetime.date(YEAR, 7, 15),
            status="returned",
            year=YEAR,
        ),
    }


def test_each_leader_has_a_row_and_overlaps_are_marked_and_listed(client, office_user, leaders):
    response = get(client, office_user)
    timeline = response.context["timeline"]
    by_label = {row.label: row for row in timeline.leaders}
    assert set(by_label) == {
        "Nguyễn Văn An - Giám đốc Sở",
        "Trần Văn Bình (Chủ tịch UBND tỉnh)",
        "Lê Minh Đức",
    }
    an = by_label["Nguyễn Văn An - Giám đốc Sở"]  # one name in any case, with or without diacritics
    assert {bar.delegation.pk for bar in an.bars} == {
        leaders[k].pk for k in ("an_march", "an_march_april", "an_september")
    }
    assert an.lanes == 2 and an.overlap_count == 2
    marked = {bar.delegation.pk for bar in an.bars if bar.overlapping}
    assert marked == {leaders["an_march"].pk, leaders["an_march_april"].pk}
    # the title held that year: both delegations headed "Chủ tịch UBND tỉnh" are Trần Văn Bình's
    governor = by_label["Trần Văn Bình (Chủ tịch UBND tỉnh)"]
    assert governor.key == f"person:{leaders['governor'].pk}"
    assert {bar.delegation.pk for bar in governor.bars} == {
        leaders["governor_q2"].pk,
        leaders["governor_may"].pk,
    }
    # known to the day, in the same month without meeting: no overlap
    assert by_label["Lê Minh Đức"].overlap_count == 0
    pairs = {frozenset((o.first.delegation.pk, o.second.delegation.pk)) for o in timeline.overlaps}
    assert pairs == {
        frozenset((leaders["an_march"].pk, leaders["an_march_april"].pk)),
        frozenset((leaders["governor_q2"].pk, leaders["governor_may"].pk)),
    }
    html = response.content.decode()
    listed = re.search(r'<section class="card tl-overlaps".*?</section>', html, re.S).group(0)
    assert "Trưởng đoàn trùng thời gian (2)" in listed
    assert "Đoàn An 1" in listed and "Đoàn An 2" in listed and "Đoàn Chủ tịch 2" in listed
    assert "Đoàn An 3" not in listed and "Đoàn Sở" not in listed and "Đoàn Đức" not in listed
    leader_rows = re.search(r'<tbody class="tl-leaders".*?</tbody>', html, re.S).group(0)
    assert leader_rows.count("tl-conflict") == 4 and "Lãnh đạo Sở" not in leader_rows
    # the delegation's own row says so too
    row = re.search(rf'<tr data-delegation="{leaders["an_march"].pk}">(.*?)</tr>', html, re.S).group(1)
    assert "tl-conflict" in row and "trưởng đoàn trùng thời gian" in row


def test_leaders_are_matched_as_the_rules_match_them(client, office_user, leaders, province):
    """The leader_overlap rule and the timeline agree on who overlaps (by month: the rule's unit)."""
    warnings_refresh(province.pk, YEAR)
    warned = set(
        Warning.objects.filter(rule="leader_overlap", active=True).values_list("delegation_id", flat=True)
    )
    timeline = get(client, office_user).context["timeline"]
    on_timeline = {bar.delegation.pk for row in timeline.leaders for bar in row.bars if bar.overlapping}
    # the rule compares months; the timeline the days once both trips' days are known
    assert warned - on_timeline == {leaders["exact_1"].pk, leaders["exact_2"].pk}
    assert on_timeline <= warned


def test_leader_rows_follow_the_filters(client, office_user, leaders):
    timeline = get(client, office_user, state="returned").context["timeline"]
    assert [row.label for row in timeline.leaders] == ["Lê Minh Đức"]
    assert timeline.overlaps == []


def test_scoped_like_the_delegation_list(
    client, school_user, make_user, plan, delegation, other_province, units
):
    theirs = delegation(
        province=other_province, owner=None, name="Đoàn của Đồng Nai", year=YEAR, period_start=month(3)
    )
    # a unit's officer reads the province's plan, as on the list, never another province's
    response = get(client, school_user)
    shown = rows(response)
    assert plan["quarter"].pk in shown and theirs.pk not in shown
    assert "Đoàn của Đồng Nai" not in response.content.decode()
    listed = {row.record.pk for row in client.get("/doan/", {"year": YEAR}).context["table"].paginated_rows}
    assert set(shown) | {d.pk for d in response.context["timeline"].unplaced} == listed - {
        plan["cancelled"].pk
    }
    response = get(client, school_user, province=other_province.pk)
    assert "timeline" not in response.context and "Đoàn của Đồng Nai" not in response.content.decode()
    assert "Không có tỉnh này trong phạm vi tài khoản của bạn." in response.content.decode()
    # the unit shortcut offers their own unit
    assert f"unit={units['school'].pk}" in response.content.decode()
    # an officer of the other province sees only theirs
    other = make_user("office", provinces=[other_province], username="dongnai")
    assert set(rows(get(client, other))) == {theirs.pk}
    response = get(client, other, unit=units["school"].pk)
    assert "Không có đơn vị này trong tỉnh đã chọn." in response.content.decode()
    # no province at all: nothing to show
    client.force_login(make_user("office", provinces=[], username="khongtinh"))
    assert client.get(URL).status_code == 404


def test_the_plan_year_pages_have_a_timeline_tab(client, office_user, plan):
    client.force_login(office_user)
    for page in (reverse("consolidation:consolidation"), URL):
        html = client.get(page).content.decode()
        assert f'href="{URL}"' in html and "Dòng thời gian" in html
    html = get(client, office_user).content.decode()
    assert 'href="?year=2024"' in html and 'href="?year=2026"' in html  # the years around
