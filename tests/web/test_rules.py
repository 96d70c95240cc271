"""The checks against the rules: each rule on a case that trips it and one that does not.

The delegations are real rows, their members linked to the register of
people; the warnings are those ``warnings_refresh`` keeps, as the delegation
services ask for it after each change.
"""

from __future__ import annotations

import datetime
import json

import pytest

from doingoai.delegations import services as delegation_services
from doingoai.delegations.models import DelegationMember
from doingoai.people.models import Person
from doingoai.rules import services
from doingoai.rules.checks import rules
from doingoai.rules.models import RuleSetting, Warning

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def trip(delegation):
    """A delegation of 2024 that trips no rule unless told to."""

    def make(**values):
        defaults = {"year": 2024, "leader": f"Leader {make.count}", "countries": ["LA"]}
        make.count += 1
        return delegation(**{**defaults, **values})

    make.count = 0
    return make


def person(province, name, *, key=False, body="Tỉnh ủy Thái Nguyên"):
    return Person.objects.create(province=province, full_name=name, key_position=key, body=body)


def member(row, who, role="member"):
    return DelegationMember.objects.create(delegation=row, person=who, role=role)


def tripped(row, rule, province) -> list[Warning]:
    services.warnings_refresh(province.pk, row.year)
    return list(Warning.objects.filter(delegation=row, rule=rule, active=True))


def test_every_rule_has_its_source_and_the_default_ones_are_on():
    defined = rules()
    assert set(defined) == {
        "leader_trips_per_year",
        "key_leaders_together",
        "max_people",
        "max_days",
        "max_countries",
        "same_place_within_3_years",
        "leader_overlap",
        "duplicate_trip",
        "vague_field",
        "top_leaders_same_month",
    }
    assert all(spec["source"] and spec["clear"] and spec["title"] for spec in defined.values())
    assert [rule for rule, spec in defined.items() if not spec["enabled"]] == ["top_leaders_same_month"]


def test_a_clean_delegation_trips_nothing(trip, province):
    row = trip()
    services.warnings_refresh(province.pk, 2024)
    assert not Warning.objects.filter(delegation=row).exists()


@pytest.mark.parametrize(
    ("rule", "bad", "good"),
    [
        ("max_people", {"people_min": 12, "people_max": 12}, {"people_min": 10, "people_max": 10}),
        ("max_days", {"duration_min": 14, "duration_max": 14}, {"duration_min": 10, "duration_max": 10}),
        ("max_countries", {"countries": ["LA", "KH", "TH", "MM"]}, {"countries": ["LA", "KH", "TH"]}),
        ("vague_field", {"leader": ""}, {"leader": "Phó Chủ tịch UBND tỉnh"}),
        ("vague_field", {"period_start": D(2024, 1, 1), "period_end": D(2024, 12, 1)}, {}),
        ("vague_field", {"funding": "", "funding_categories": []}, {}),
        (
            "max_people",
            {"direction": "out", "people_max": 11, "people_min": 11},
            {"direction": "in", "people_max": 11},
        ),
    ],
)
def test_rules_about_one_delegation(trip, province, rule, bad, good):
    tripping, clean = trip(**bad), trip(**good)
    found = tripped(tripping, rule, province)
    assert len(found) == 1
    assert found[0].source == rules()[rule]["source"] and found[0].message
    assert not tripped(clean, rule, province)


def test_a_key_leader_going_abroad_a_third_time(trip, province):
    chief = person(province, "Nguyễn Văn An", key=True)
    rows = [trip(name=f"Đoàn {n}", period_start=D(2024, n, 1), period_end=D(2024, n, 1)) for n in (3, 5, 8)]
    for row in rows[:2]:
        member(row, chief, "head")
    assert not tripped(rows[0], "leader_trips_per_year", province)  # twice: within the rule
    member(rows[2], chief, "member")
    found = tripped(rows[2], "leader_trips_per_year", province)
    assert len(found) == 1 and "Nguyễn Văn An đi nước ngoài 3 lần" in found[0].message
    assert sorted(found[0].related) == sorted(r.pk for r in rows[:2])
    # not a key leader: any number of trips
    clerk = person(province, "Trần Văn Bình")
    others = [trip(name=f"Đoàn khác {n}") for n in range(3)]
    for row in others:
        member(row, clerk)
    assert not tripped(others[0], "leader_trips_per_year", province)


def test_a_key_title_counts_when_no_member_is_linked(trip, province):
    rows = [
        trip(leader="Đồng chí Chủ tịch UBND tỉnh", period_start=D(2024, m, 1), period_end=D(2024, m, 1))
        for m in (2, 6, 10)
    ]
    assert tripped(rows[1], "leader_trips_per_year", province)
    plain = [trip(leader="Giám đốc Sở Công Thương") for _ in range(3)]
    assert not tripped(plain[0], "leader_trips_per_year", province)


def test_two_key_leaders_of_one_body(trip, province):
    row, other = trip(), trip()
    member(row, person(province, "A", key=True), "head")
    member(row, person(province, "B", key=True))
    member(other, person(province, "C", key=True), "head")
    member(other, person(province, "D", key=True, body="UBND tỉnh Thái Nguyên"))
    assert len(tripped(row, "key_leaders_together", province)) == 1
    assert not tripped(other, "key_leaders_together", province)


def test_the_same_head_on_two_overlapping_trips(trip, province):
    first = trip(leader="Ông Lê Văn C, Giám đốc Sở", period_start=D(2024, 5, 1), period_end=D(2024, 5, 1))
    second = trip(leader="ông lê văn c, giám đốc sở", period_start=D(2024, 5, 1), period_end=D(2024, 6, 1))
    later = trip(leader="Ông Lê Văn C, Giám đốc Sở", period_start=D(2024, 9, 1), period_end=D(2024, 9, 1))
    found = tripped(first, "leader_overlap", province)
    assert [w.related for w in found] == [[second.pk]]
    assert not tripped(later, "leader_overlap", province)


def test_the_same_place_and_subject_within_three_years(trip, province, units):
    subject = {"localities": ["LA-CH"], "activities": "Trao đổi tuyển sinh đào tạo nghề"}
    earlier = trip(year=2022, period_start=D(2022, 7, 1), period_end=D(2022, 7, 1), **subject)
    again = trip(**subject)
    # the same place and subject in 2018: more than three years before both others, never named
    trip(year=2018, period_start=D(2018, 7, 1), period_end=D(2018, 7, 1), **subject)
    other_subject = trip(localities=["LA-CH"], activities="Hội chợ thương mại nông sản")
    found = tripped(again, "same_place_within_3_years", province)
    assert [w.related for w in found] == [[earlier.pk]]
    assert not tripped(other_subject, "same_place_within_3_years", province)
    assert not tripped(earlier, "same_place_within_3_years", province)


def test_two_units_planning_the_same_trip(trip, province, units):
    partner = "Sở Giáo dục và Thể thao tỉnh Luông Pha Bông"
    school = trip(owner=units["school"], partners=partner)
    industry = trip(owner=units["industry"], partners=partner, countries=["LA"])
    elsewhere = trip(
        owner=units["industry"],
        partners="Đại học Quốc gia Seoul",
        countries=["KR"],
        period_start=D(2024, 11, 1),
        period_end=D(2024, 11, 1),
    )
    assert [w.related for w in tripped(school, "duplicate_trip", province)] == [[industry.pk]]
    assert not tripped(elsewhere, "duplicate_trip", province)


def test_top_leaders_in_one_month_is_off_unless_the_province_turns_it_on(trip, province):
    rows = [trip(leader="Chủ tịch UBND tỉnh"), trip(leader="Bí thư Tỉnh ủy")]
    assert not tripped(rows[0], "top_leaders_same_month", province)
    RuleSetting.objects.create(province=province, rule="top_leaders_same_month", enabled=True)
    assert len(tripped(rows[0], "top_leaders_same_month", province)) == 1


def test_a_province_sets_its_own_limits(trip, province):
    row = trip(people_min=8, people_max=8)
    assert not tripped(row, "max_people", province)
    RuleSetting.objects.create(province=province, rule="max_people", params={"limit": 6})
    assert "quá 6 người" in tripped(row, "max_people", province)[0].message


def test_warnings_follow_the_changes_made_through_the_services(trip, province, office_user):
    row = trip(people_min=12, people_max=12)
    delegation_services.delegation_update(row, user=office_user, values={"leader": "Giám đốc Sở Y tế"})
    (warning,) = Warning.objects.filter(delegation=row, rule="max_people")
    assert warning.active
    services.warning_acknowledge(warning, user=office_user, comment="Đoàn có phiên dịch và lái xe.")
    delegation_services.delegation_update(row, user=office_user, values={"people_min": 9, "people_max": 9})
    warning.refresh_from_db()
    assert not warning.active and warning.acknowledged and warning.comment == "Đoàn có phiên dịch và lái xe."
    delegation_services.delegation_update(row, user=office_user, values={"people_max": 15})
    warning.refresh_from_db()
    assert warning.active and warning.acknowledged  # the same warning again: its acknowledgement kept
    assert warning.history.count() >= 4


def test_acknowledging_needs_the_office_and_a_comment(trip, province, office_user, school_user):
    from doingoai.core.errors import InvalidInput, NotAllowed

    row = trip(people_min=12, people_max=12)
    services.warnings_refresh(province.pk, 2024)
    warning = Warning.objects.get(delegation=row)
    with pytest.raises(NotAllowed):
        services.warning_acknowledge(warning, user=school_user, comment="Đồng ý")
    with pytest.raises(InvalidInput):
        services.warning_acknowledge(warning, user=office_user, comment=" \u200b ")
    warning.refresh_from_db()
    assert not warning.acknowledged


def test_the_api_lists_warnings_and_acknowledges_one(client, trip, province, office_user, school_user):
    row = trip(people_min=12, people_max=12, countries=["LA", "KH", "TH", "MM"])
    services.warnings_refresh(province.pk, 2024)
    client.force_login(school_user)
    detail = client.get(f"/api/delegations/{row.pk}/").json()
    assert sorted(w["rule"] for w in detail["warnings"]) == ["max_countries", "max_people"]
    assert set(detail["warnings"][0]) >= {"id", "rule", "message", "source", "acknowledged"}
    listed = client.get("/api/warnings/?year=2024&rule=max_people").json()
    assert [w["delegation"] for w in listed["results"]] == [row.pk]
    warning_id = listed["results"][0]["id"]
    refused = client.post(f"/api/warnings/{warning_id}/acknowledge/", {"comment": "Đồng ý"})
    assert refused.status_code == 403 and "Sở Ngoại vụ" in refused.json()["detail"]
    client.force_login(office_user)
    empty = client.post(f"/api/warnings/{warning_id}/acknowledge/", {"comment": ""})
    assert empty.status_code == 400
    done = client.post(
        f"/api/warnings/{warning_id}/acknowledge/",
        json.dumps({"comment": "Đoàn có phiên dịch."}),
        content_type="application/json",
    )
    assert done.status_code == 200 and done.json()["acknowledged"] is True
    assert client.get("/api/warnings/?year=2024&acknowledged=true").json()["count"] == 1
    assert client.get("/api/warnings/?year=2024&rule=nope").status_code == 400


def test_a_head_written_as_a_role_is_not_a_person(trip, province):
    first = trip(leader="Lãnh đạo Sở Y tế")
    trip(leader="Lãnh đạo Sở Y tế")  # the same month: by name, the same head
    named = trip(leader="Nguyễn Văn A, Giám đốc Sở Y tế")
    trip(leader="Nguyễn Văn A, Giám đốc Sở Y tế")
    assert not tripped(first, "leader_overlap", province)
    assert tripped(named, "leader_overlap", province)  # a person's name: the same person


def test_the_pages_show_warnings_and_take_an_acknowledgement(
    client, trip, province, office_user, school_user
):
    row = trip(people_min=12, people_max=12)
    services.warnings_refresh(province.pk, 2024)
    warning = Warning.objects.get(delegation=row)
    client.force_login(school_user)
    page = client.get(row.get_absolute_url()).content.decode()
    assert "Cảnh báo theo quy định" in page and "Đoàn có 12 người, quá 10 người mỗi đoàn." in page
    assert rules()["max_people"]["source"] in page and 'name="comment"' not in page  # a unit reads only
    refused = client.post(f"/canh-bao/{warning.pk}/xac-nhan/", {"comment": "Đồng ý", "next": "/canh-bao/"})
    assert refused.status_code == 302
    warning.refresh_from_db()
    assert not warning.acknowledged
    client.force_login(office_user)
    listing = client.get("/canh-bao/?year=2024&rule=max_people&xac_nhan=chua").content.decode()
    assert row.name in listing and 'name="comment"' in listing
    assert "Không có cảnh báo nào" in client.get("/canh-bao/?year=2023").content.decode()
    empty = client.post(f"/canh-bao/{warning.pk}/xac-nhan/", {"comment": " "}, follow=True)
    assert "Phải ghi ý kiến" in empty.content.decode()
    done = client.post(
        f"/canh-bao/{warning.pk}/xac-nhan/", {"comment": "Có phiên dịch", "next": "https://evil.example/"}
    )
    assert done.status_code == 302 and done["Location"] == row.get_absolute_url()
    warning.refresh_from_db()
    assert warning.acknowledged and warning.acknowledged_by == office_user
    assert "Ý kiến của" in client.get(row.get_absolute_url()).content.decode()


def test_the_same_country_is_the_same_trip_only_on_the_same_subject(trip, province, units):
    visit = trip(owner=units["school"], countries=["KH"], partners="", activities="Khảo sát đào tạo nghề")
    same = trip(owner=units["industry"], countries=["KH"], partners="", activities="Khảo sát đào tạo nghề")
    other = trip(owner=units["industry"], countries=["KH"], partners="", activities="Dự hội chợ thương mại")
    assert [w.related for w in tripped(visit, "duplicate_trip", province)] == [[same.pk]]
    assert not tripped(other, "duplicate_trip", province)


def test_the_office_sets_its_rules_on_their_page(client, trip, province, office_user, school_user):
    row = trip(people_min=8, people_max=8)
    client.force_login(school_user)
    page = client.get("/canh-bao/quy-dinh/").content.decode()
    assert "Đoàn ra quá số người cho phép" in page and "Lưu thiết lập" not in page  # a unit reads only
    client.post("/canh-bao/quy-dinh/", {"rule": "max_people", "enabled": "on", "param_limit": "5"})
    assert not RuleSetting.objects.exists()
    client.force_login(office_user)
    assert "Lưu thiết lập" in client.get("/canh-bao/quy-dinh/").content.decode()
    wrong = client.post(
        "/canh-bao/quy-dinh/", {"rule": "max_people", "enabled": "on", "param_limit": "mười"}, follow=True
    )
    assert "Phải là một số nguyên" in wrong.content.decode() and not RuleSetting.objects.exists()
    client.post(
        "/canh-bao/quy-dinh/",
        {"rule": "max_people", "enabled": "on", "param_limit": "6", "param_directions": "out\nin"},
    )
    setting = RuleSetting.objects.get(province=province, rule="max_people")
    assert setting.params == {"limit": 6, "directions": ["out", "in"]} and setting.history.count() == 1
    services.warnings_refresh(province.pk, 2024)
    assert Warning.objects.filter(delegation=row, rule="max_people", active=True).exists()
    client.post("/canh-bao/quy-dinh/", {"rule": "max_people", "param_limit": "6", "param_directions": "out"})
    assert not Warning.objects.filter(delegation=row, rule="max_people", active=True).exists()  # turned off


def test_a_warning_follows_its_delegation_postponed_into_the_next_year(trip, province, office_user):
    row = trip(people_min=12, people_max=12, status="approved")
    services.warnings_refresh(province.pk, 2024)
    assert Warning.objects.get(delegation=row, rule="max_people").year == 2024
    delegation_services.delegation_transition(
        row, user=office_user, action="postpone", reason="Đối tác lùi lịch", period_start=D(2025, 3, 1)
    )
    warning = Warning.objects.get(delegation=row, rule="max_people")
    assert (warning.year, warning.active) == (2025, True)
    assert not Warning.objects.filter(year=2024, active=True).exists()
