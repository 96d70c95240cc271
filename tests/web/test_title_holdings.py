"""A title such as "Thường trực Tỉnh ủy" resolves, for the year, to the people who hold it.

The office says who holds a title in a year (``TitleHolding``); the rules
about leaders then count those people, not the text the plan wrote.
"""

from __future__ import annotations

import datetime

import pytest

from doingoai.core.errors import InvalidInput, NotAllowed
from doingoai.delegations.models import DelegationMember
from doingoai.people import services as people_services
from doingoai.people.models import Person, TitleHolding, title_key
from doingoai.rules import services
from doingoai.rules.models import Warning
from doingoai.rules.services import names_title

pytestmark = pytest.mark.django_db
D = datetime.date
STANDING = "Thường trực Tỉnh ủy"


@pytest.fixture
def trip(delegation):
    def make(month: int, **values):
        make.count += 1
        defaults = {
            "name": f"Đoàn {make.count}",
            "leader": STANDING,
            "period_start": D(2024, month, 1),
            "period_end": D(2024, month, 1),
        }
        return delegation(**{**defaults, **values})

    make.count = 0
    return make


def person(province, name, *, key=False, body="Tỉnh ủy Thái Nguyên"):
    return Person.objects.create(province=province, full_name=name, key_position=key, body=body)


@pytest.fixture
def leaders(province):
    return {
        "a": person(province, "Nguyễn Văn An", body="Tỉnh ủy Thái Nguyên"),
        "b": person(province, "Trần Thị Bình", body="Tỉnh ủy Thái Nguyên"),
        "c": person(province, "Lê Văn Cường", body="UBND tỉnh Thái Nguyên"),
    }


def hold(user, province, title, people, year=2024):
    return people_services.title_holding_save(
        user=user, province=province, year=year, title=title, people=people
    )


def active(rule, **filters) -> list[Warning]:
    return list(Warning.objects.filter(rule=rule, active=True, **filters).order_by("delegation_id", "key"))


# --------------------------------------------------------------------------- the rules


def test_a_title_heading_three_trips_counts_each_of_its_holders(trip, province, office_user, leaders):
    rows = [trip(month) for month in (3, 6, 9)]
    services.warnings_refresh(province.pk, 2024)
    # "Thường trực Tỉnh ủy" is not a key title by text: no warning without the office's setting
    assert not active("leader_trips_per_year")
    hold(office_user, province, STANDING, [leaders["a"], leaders["b"]])  # the plan year is checked again
    found = active("leader_trips_per_year")
    assert len(found) == 6
    for row in rows:
        keys = {w.key for w in found if w.delegation_id == row.pk}
        assert keys == {f"person:{leaders['a'].pk}", f"person:{leaders['b'].pk}"}
        messages = " ".join(w.message for w in found if w.delegation_id == row.pk)
        assert (
            "Nguyễn Văn An đi nước ngoài 3 lần" in messages
            and "Trần Thị Bình đi nước ngoài 3 lần" in messages
        )
    first = next(w for w in found if w.delegation_id == rows[0].pk)
    assert sorted(first.related) == sorted(r.pk for r in rows[1:])


def test_without_a_holding_the_rule_reads_the_text_as_before(trip, province):
    rows = [trip(month, leader="Đồng chí Chủ tịch UBND tỉnh") for month in (2, 6, 10)]
    services.warnings_refresh(province.pk, 2024)
    found = active("leader_trips_per_year", delegation=rows[0])
    assert [w.key for w in found] == ["text:dong chi chu tich ubnd tinh"]


def test_a_title_counts_the_person_behind_each_way_of_writing_it(trip, province, office_user, leaders):
    """Two ways of writing one person's title are one person; holders of different titles each under the limit."""
    hold(office_user, province, "Chủ tịch UBND tỉnh", [leaders["c"]])
    hold(office_user, province, STANDING, [leaders["a"], leaders["b"]])
    hold(office_user, province, "Bí thư Tỉnh ủy", [leaders["a"]])
    trip(3, leader="Đồng chí Chủ tịch UBND tỉnh")
    trip(5, leader="Chủ tịch Ủy ban nhân dân tỉnh Thái Nguyên")
    trip(7, leader=STANDING)
    trip(8, leader="Bí thư Tỉnh ủy")
    trip(9, leader="Phó Chủ tịch UBND tỉnh")  # the deputy: not the chair's title
    services.warnings_refresh(province.pk, 2024)
    # C twice (two ways of writing the chair), A twice (standing committee, secretary), B once: within the rule
    assert not active("leader_trips_per_year")
    third = trip(11, leader="Đồng chí Bí thư Tỉnh ủy, Trưởng đoàn")
    services.warnings_refresh(province.pk, 2024)
    found = active("leader_trips_per_year")
    assert {w.key for w in found} == {f"person:{leaders['a'].pk}"} and len(found) == 3
    assert third.pk in {w.delegation_id for w in found}


def test_holdings_are_per_year(trip, province, office_user, leaders):
    hold(office_user, province, STANDING, [leaders["a"], leaders["b"]], year=2023)
    for month in (3, 6, 9):
        trip(month)
    services.warnings_refresh(province.pk, 2024)
    assert not active("leader_trips_per_year")


def test_a_linked_member_is_not_counted_twice(trip, province, office_user, leaders):
    hold(office_user, province, STANDING, [leaders["a"], leaders["b"]])
    rows = [trip(month) for month in (3, 6, 9)]
    DelegationMember.objects.create(delegation=rows[0], person=leaders["a"], role="member")
    history = services._trips(province.pk, range(2024, 2025))
    first = next(t for t in history if t.id == rows[0].pk)
    assert [(m.person_id, m.role) for m in first.members] == [
        (leaders["a"].pk, "member"),
        (leaders["b"].pk, "head"),
    ]


def test_the_same_person_through_a_title_on_overlapping_trips(trip, province, office_user, leaders):
    standing = trip(5)
    own = trip(5, leader="Trần Thị Bình", period_end=D(2024, 6, 1))
    DelegationMember.objects.create(delegation=own, person=leaders["b"], role="head")
    services.warnings_refresh(province.pk, 2024)
    assert not active("leader_overlap")  # "Thường trực…" names no one person by itself
    hold(office_user, province, STANDING, [leaders["a"], leaders["b"]])
    found = active("leader_overlap")
    assert sorted((w.delegation_id, tuple(w.related)) for w in found) == sorted(
        [(standing.pk, (own.pk,)), (own.pk, (standing.pk,))]
    )


def test_two_holders_of_one_body_are_two_key_leaders_together(trip, province, office_user, leaders):
    row = trip(5)
    hold(office_user, province, STANDING, [leaders["a"], leaders["b"]])
    (found,) = active("key_leaders_together", delegation=row)
    assert "Nguyễn Văn An" in found.message and "Trần Thị Bình" in found.message


def test_the_top_leaders_rule_counts_one_person_once(trip, province, office_user, leaders):
    from doingoai.rules.models import RuleSetting

    RuleSetting.objects.create(province=province, rule="top_leaders_same_month", enabled=True)
    trip(5, leader="Bí thư Tỉnh ủy")
    trip(5, leader="Đồng chí Bí thư Tỉnh ủy")
    services.warnings_refresh(province.pk, 2024)
    assert len(active("top_leaders_same_month")) == 2  # by the text: two heads
    hold(office_user, province, "Bí thư Tỉnh ủy", [leaders["a"]])
    assert not active("top_leaders_same_month")  # one person


def test_a_deleted_holding_no_longer_counts(trip, province, office_user, leaders):
    for month in (3, 6, 9):
        trip(month)
    holding = hold(office_user, province, STANDING, [leaders["a"]])
    assert len(active("leader_trips_per_year")) == 3
    people_services.title_holding_delete(holding, user=office_user)
    assert not active("leader_trips_per_year")


def test_the_longest_title_wins_and_a_deputy_is_another_title():
    assert title_key("Chủ tịch Ủy ban nhân dân tỉnh") == "chu tich ubnd tinh"
    assert names_title(title_key("Đồng chí Chủ tịch UBND tỉnh"), "chu tich ubnd tinh")
    assert not names_title(title_key("Phó Chủ tịch UBND tỉnh"), "chu tich ubnd tinh")
    assert names_title(title_key("Phó Chủ tịch UBND tỉnh"), "pho chu tich ubnd tinh")
    assert not names_title(title_key("Chủ tịch UBND tỉnhh"), "chu tich ubnd tinh")


def test_the_holdings_are_read_in_a_fixed_number_of_queries(
    trip, province, office_user, leaders, django_assert_max_num_queries
):
    hold(office_user, province, STANDING, [leaders["a"], leaders["b"]])
    hold(office_user, province, "Bí thư Tỉnh ủy", [leaders["a"]])
    for month in range(1, 13):
        trip(month, leader=STANDING if month % 2 else "Bí thư Tỉnh ủy")
    with django_assert_max_num_queries(4):  # delegations, members, holdings, their people
        trips = services._trips(province.pk, range(2021, 2025))
    assert all(len(t.members) in (1, 2) for t in trips)


# --------------------------------------------------------------------------- the service


def test_only_the_office_of_the_province_records_a_holding(
    province, other_province, office_user, school_user, leader_user, make_user, leaders
):
    for user in (school_user, leader_user):
        with pytest.raises(NotAllowed) as refused:
            hold(user, province, STANDING, [leaders["a"]])
        assert "Sở Ngoại vụ" in refused.value.message
    elsewhere = make_user("office", provinces=[other_province], username="sngv-dong-nai")
    with pytest.raises(NotAllowed):
        hold(elsewhere, province, STANDING, [leaders["a"]])
    assert not TitleHolding.objects.exists()
    holding = hold(office_user, province, STANDING, [leaders["a"]])
    with pytest.raises(NotAllowed):
        people_services.title_holding_delete(holding, user=school_user)
    holding.refresh_from_db()
    assert holding.deleted_at is None


def test_the_values_are_checked_in_vietnamese(province, other_province, office_user, leaders):
    stranger = person(other_province, "Phạm Văn Khách")
    gone = person(province, "Hoàng Văn Cũ")
    gone.deleted_at = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
    gone.save()
    cases = [
        ({"title": " \u200b "}, "title", "Vui lòng nhập chức danh."),
        ({"title": "– …"}, "title", "Vui lòng nhập chức danh."),
        ({"year": 1999}, "year", "Năm phải là một số từ 2000 đến 2100."),
        ({"year": "năm nay"}, "year", "Năm phải là một số từ 2000 đến 2100."),
        ({"people": []}, "people", "Chọn ít nhất một người giữ chức danh."),
        ({"people": [stranger]}, "people", "Người giữ chức danh phải là người trong danh sách của tỉnh"),
        ({"people": [gone]}, "people", "Người giữ chức danh phải là người trong danh sách của tỉnh"),
    ]
    for values, field, message in cases:
        arguments = {"year": 2024, "title": STANDING, "people": [leaders["a"]], **values}
        with pytest.raises(InvalidInput) as wrong:
            people_services.title_holding_save(user=office_user, province=province, **arguments)
        assert wrong.value.errors[field][0].startswith(message)
    hold(office_user, province, STANDING, [leaders["a"]])
    with pytest.raises(InvalidInput) as taken:
        hold(office_user, province, "thường  trực tỉnh ủy", [leaders["b"]])
    assert "Năm 2024 đã ghi chức danh" in taken.value.errors["title"][0]
    assert hold(office_user, province, STANDING, [leaders["b"]], year=2025).year == 2025
    assert TitleHolding.objects.count() == 2


def test_the_history_records_who_changed_what(province, office_user, leaders):
    holding = hold(office_user, province, "  Thường trực   Tỉnh ủy ", [leaders["a"]])
    assert (holding.title, holding.title_key) == (STANDING, "thuong truc tinh uy")
    holding = people_services.title_holding_save(
        user=office_user,
        province=province,
        year=2024,
        title=STANDING,
        people=[leaders["a"], leaders["b"]],
        holding=holding,
        version=holding.version,
    )
    assert set(holding.people.all()) == {leaders["a"], leaders["b"]}
    records = list(holding.history.all())
    assert records and all(record.history_user == office_user for record in records)
    assert records[0].history_change_reason == "Sửa người giữ chức danh"
    assert {p.person_id for p in records[0].people.all()} == {leaders["a"].pk, leaders["b"].pk}
    people_services.title_holding_delete(holding, user=office_user)
    latest = holding.history.first()
    assert latest.history_user == office_user and latest.deleted_at is not None
    # a deleted title may be recorded again
    assert hold(office_user, province, STANDING, [leaders["b"]]).pk != holding.pk


# --------------------------------------------------------------------------- the page


def test_the_page_lists_the_year_and_the_office_adds_a_holding(
    client, province, office_user, school_user, leaders
):
    client.force_login(office_user)
    listing = client.get("/nguoi/").content.decode()
    assert "/nguoi/chuc-danh/" in listing
    page = client.get("/nguoi/chuc-danh/?year=2024")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Người giữ chức danh năm 2024" in text and 'name="title"' in text and "Nguyễn Văn An" in text
    done = client.post(
        "/nguoi/chuc-danh/?year=2024",
        {
            "province": province.pk,
            "title": STANDING,
            "year": "2024",
            "people": [leaders["a"].pk, leaders["b"].pk],
        },
    )
    assert done.status_code == 302 and "year=2024" in done["Location"]
    holding = TitleHolding.objects.get()
    assert set(holding.people.all()) == {leaders["a"], leaders["b"]}
    assert holding.history.first().history_user == office_user
    text = client.get(done["Location"]).content.decode()
    assert STANDING in text and "Trần Thị Bình" in text and "Xóa" in text
    wrong = client.post(
        "/nguoi/chuc-danh/",
        {"province": province.pk, "title": "", "year": "2024", "people": [leaders["a"].pk]},
    )
    assert wrong.status_code == 400 and "Vui lòng nhập chức danh." in wrong.content.decode()
    wrong = client.post(
        "/nguoi/chuc-danh/",
        {"province": province.pk, "title": "Bí thư", "year": "1990", "people": [leaders["a"].pk]},
    )
    assert "Năm phải là một số từ 2000 đến 2100." in wrong.content.decode()
    edit = client.get(f"/nguoi/chuc-danh/?sua={holding.pk}").content.decode()
    assert f'name="holding" value="{holding.pk}"' in edit
    client.post(
        "/nguoi/chuc-danh/",
        {
            "province": province.pk,
            "holding": holding.pk,
            "version": holding.version,
            "title": STANDING,
            "year": "2024",
            "people": [leaders["b"].pk],
        },
    )
    assert list(holding.people.all()) == [leaders["b"]]
    # a unit's officer reads the list only
    client.force_login(school_user)
    text = client.get("/nguoi/chuc-danh/?year=2024").content.decode()
    assert STANDING in text and 'name="title"' not in text and "Chỉ cán bộ Sở Ngoại vụ" in text
    refused = client.post(
        "/nguoi/chuc-danh/",
        {"province": province.pk, "title": "Bí thư Tỉnh ủy", "year": "2024", "people": [leaders["a"].pk]},
    )
    assert refused.status_code == 403 and TitleHolding.objects.count() == 1
    assert client.post(f"/nguoi/chuc-danh/{holding.pk}/xoa/").status_code == 403
    client.force_login(office_user)
    holding.refresh_from_db()
    gone = client.post(f"/nguoi/chuc-danh/{holding.pk}/xoa/", {"version": holding.version})
    assert gone.status_code == 302
    assert not TitleHolding.objects.active().exists()
