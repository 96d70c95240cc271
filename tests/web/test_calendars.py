"""Calendar feeds: a secret .ics address of a province's, a unit's or a leader's delegations.

The feed parses back with two libraries (icalendar, vobject); its dates are
the trip's own when known, else one all-day item on the first day of the
planned month or quarter, its uncertainty in the title. Who may follow what
is the services' rule, asked again at every read.
"""

from __future__ import annotations

import datetime
import json

import pytest
import vobject
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from doingoai.calendars import services
from doingoai.calendars.models import CalendarFeed
from doingoai.core.errors import InvalidInput, NotAllowed
from doingoai.delegations.models import DelegationMember
from doingoai.people.models import Person, TitleHolding
from tests.web.test_vietnamese_everywhere import english_in, visible_text

pytestmark = pytest.mark.django_db
D = datetime.date


def address(feed: CalendarFeed) -> str:
    return reverse("calendars:feed", args=[feed.token])


def read(client, feed: CalendarFeed):
    """The feed as a calendar app reads it (signed out): its icalendar and vobject parses, and the text."""
    client.logout()
    response = client.get(address(feed))
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content
    parsed = Calendar.from_ical(body)
    again = list(vobject.readComponents(body.decode("utf-8")))
    assert len(again) == 1 and again[0].name == "VCALENDAR"
    events = {str(event["UID"]): event for event in parsed.walk("VEVENT")}
    assert {event.uid.value for event in again[0].contents.get("vevent", [])} == set(events)
    return parsed, again[0], events


def uid(row) -> str:
    return f"delegation-{row.pk}@doingoai"


@pytest.fixture
def rows(delegation, units):
    return {
        "dated": delegation(
            name="Đoàn khảo sát Lào",
            status="under_way",
            year=2027,
            period_start=D(2027, 5, 1),
            period_end=D(2027, 5, 1),
            departed_on=D(2027, 5, 10),
            returned_on=D(2027, 5, 15),
        ),
        "departed_only": delegation(
            name="Đoàn một ngày", status="approved", year=2027, departed_on=D(2027, 3, 2)
        ),
        "quarter": delegation(
            name="Đoàn xúc tiến đầu tư",
            status="in_plan",
            year=2027,
            period_start=D(2027, 4, 1),
            period_end=D(2027, 6, 1),
        ),
        "month": delegation(name="Đoàn tháng Bảy", status="submitted"),
        "inbound": delegation(
            name="Đoàn tỉnh Luông Pha Bông",
            direction="in",
            status="approved",
            owner=units["industry"],
            countries=["LA", "TH"],
        ),
        "undated": delegation(
            name="Đoàn chưa rõ thời gian", status="in_plan", period_start=None, period_end=None
        ),
        "draft": delegation(name="Đoàn dự thảo", status="draft"),
        "cancelled": delegation(name="Đoàn đã hủy", status="cancelled"),
        "rejected": delegation(name="Đoàn không đưa vào kế hoạch", status="rejected"),
        "deleted": delegation(name="Đoàn đã xóa", status="approved", deleted_at=timezone.now()),
    }


# --------------------------------------------------------------------------- the feed


def test_a_province_feed_parses_with_both_libraries_and_holds_the_expected_events(client, rows, office_user):
    feed = services.feed_create(user=office_user, scope="province")
    parsed, again, events = read(client, feed)
    assert str(parsed["VERSION"]) == "2.0" and "doingoai" in str(parsed["PRODID"])
    # a text value, its comma escaped (RFC 5545 3.8.8.2); icalendar hands an X- property back raw
    assert str(parsed["X-WR-CALNAME"]) == "Đoàn ra\\, đoàn vào – Thái Nguyên"
    assert again.contents["x-wr-calname"][0].value == "Đoàn ra, đoàn vào – Thái Nguyên"
    assert parsed.decoded("REFRESH-INTERVAL") == datetime.timedelta(hours=1)
    expected = {uid(rows[name]) for name in ("dated", "departed_only", "quarter", "month", "inbound")}
    assert set(events) == expected
    for event in events.values():
        assert event.get("DTSTAMP") is not None
    # vobject reads the same dates, as dates (all-day), not date-times
    by_uid = {event.uid.value: event for event in again.vevent_list}
    dated = by_uid[uid(rows["dated"])]
    assert type(dated.dtstart.value) is datetime.date and dated.dtstart.value == D(2027, 5, 10)
    assert dated.dtend.value == D(2027, 5, 16)


def test_known_dates_are_exact_and_the_end_is_the_day_after_the_return(client, rows, office_user):
    _, _, events = read(client, services.feed_create(user=office_user, scope="province"))
    dated = events[uid(rows["dated"])]
    assert dated.decoded("DTSTART") == D(2027, 5, 10) and dated.decoded("DTEND") == D(2027, 5, 16)
    assert str(dated["SUMMARY"]) == "Đoàn ra: Đoàn khảo sát Lào"  # no "dự kiến": the dates are the trip's
    one_day = events[uid(rows["departed_only"])]
    assert one_day.decoded("DTSTART") == D(2027, 3, 2) and one_day.decoded("DTEND") == D(2027, 3, 3)


def test_a_quarter_is_one_all_day_event_on_its_first_day_with_the_quarter_in_the_title(
    client, rows, office_user
):
    _, again, events = read(client, services.feed_create(user=office_user, scope="province"))
    quarter = events[uid(rows["quarter"])]
    assert quarter.decoded("DTSTART") == D(2027, 4, 1) and quarter.decoded("DTEND") == D(2027, 4, 2)
    assert str(quarter["SUMMARY"]) == "Đoàn ra: Đoàn xúc tiến đầu tư (dự kiến Quý II/2027)"
    assert "Quý" in str(quarter["SUMMARY"]) and str(quarter["STATUS"]) == "TENTATIVE"
    month = events[uid(rows["month"])]
    assert month.decoded("DTSTART") == D(2024, 7, 1) and month.decoded("DTEND") == D(2024, 7, 2)
    assert str(month["SUMMARY"]).endswith("(dự kiến tháng 07/2024)")
    vquarter = next(e for e in again.vevent_list if e.uid.value == uid(rows["quarter"]))
    assert vquarter.summary.value.endswith("(dự kiến Quý II/2027)")


def test_drafts_cancelled_rejected_deleted_and_undated_delegations_are_left_out(client, rows, office_user):
    _, _, events = read(client, services.feed_create(user=office_user, scope="province"))
    for name in ("draft", "cancelled", "rejected", "undated", "deleted"):
        assert uid(rows[name]) not in events, name


def test_an_event_says_who_leads_where_with_whom_and_links_to_the_delegation(client, rows, office_user):
    _, _, events = read(client, services.feed_create(user=office_user, scope="province"))
    inbound = events[uid(rows["inbound"])]
    assert str(inbound["SUMMARY"]).startswith("Đoàn vào: Đoàn tỉnh Luông Pha Bông")
    assert str(inbound["LOCATION"]) == "Lào, Thái Lan"
    description = str(inbound["DESCRIPTION"])
    assert "Trưởng đoàn: Lê Kim Anh - Phó Hiệu trưởng" in description
    assert "Nước: Lào, Thái Lan" in description
    assert "Đối tác: Sở Giáo dục và Thể thao tỉnh Luông Pha Bông" in description
    assert "Trạng thái: Đã phê duyệt" in description
    assert f"http://testserver/doan/{rows['inbound'].pk}/" in description
    assert str(inbound["URL"]) == f"http://testserver/doan/{rows['inbound'].pk}/"


def test_a_unit_feed_holds_only_the_units_delegations(client, rows, school_user, industry_user, units):
    school = services.feed_create(user=school_user, scope="unit", unit=units["school"])
    _, again, events = read(client, school)
    assert uid(rows["inbound"]) not in events  # the industry zone's
    assert set(events) == {uid(rows[name]) for name in ("dated", "departed_only", "quarter", "month")}
    assert again.contents["x-wr-calname"][0].value == "Đoàn ra, đoàn vào – Trường Cao đẳng Thái Nguyên"
    industry = services.feed_create(user=industry_user, scope="unit", unit=units["industry"])
    assert set(read(client, industry)[2]) == {uid(rows["inbound"])}


# --------------------------------------------------------------------------- who may follow what


def test_a_unit_is_followed_by_its_officers_the_office_and_the_leaders(
    school_user, office_user, leader_user, units, make_user, other_province
):
    with pytest.raises(NotAllowed, match="Chỉ cán bộ của đơn vị, cán bộ Sở Ngoại vụ và lãnh đạo tỉnh"):
        services.feed_create(user=school_user, scope="unit", unit=units["industry"])
    outsider = make_user("office", provinces=[other_province], username="ngoai-tinh")
    with pytest.raises(NotAllowed):
        services.feed_create(user=outsider, scope="unit", unit=units["school"])
    with pytest.raises(InvalidInput, match="Hãy chọn đơn vị"):
        services.feed_create(user=office_user, scope="unit")
    for user in (office_user, leader_user, school_user):
        feed = services.feed_create(user=user, scope="unit", unit=units["school"])
        assert feed.province_id == units["school"].province_id and feed.owner == user


def test_a_province_is_followed_by_whoever_sees_it(school_user, make_user, other_province, province):
    feed = services.feed_create(user=school_user, scope="province")
    assert feed.province == province and len(feed.token) >= 40
    with pytest.raises(NotAllowed, match="Bạn không xem được đoàn ra, đoàn vào của tỉnh này"):
        services.feed_create(user=school_user, scope="province", province=other_province)
    with pytest.raises(InvalidInput, match="Phạm vi phải là"):
        services.feed_create(user=school_user, scope="world")


@pytest.fixture
def chairman(province):
    return Person.objects.create(province=province, full_name="Nguyễn Văn An", title="Chủ tịch UBND tỉnh")


@pytest.fixture
def named_leader(leader_user):
    leader_user.last_name, leader_user.first_name = "Nguyễn Văn", "An"  # as the accounts pages store it
    leader_user.save()
    return leader_user


def test_a_leaders_itinerary_is_the_offices_and_their_own_only(
    chairman, named_leader, office_user, school_user, make_user
):
    with pytest.raises(NotAllowed, match="Lịch công tác của lãnh đạo chỉ do Sở Ngoại vụ của tỉnh theo dõi"):
        services.feed_create(user=school_user, scope="person", person=chairman)
    colleague = make_user("leader", username="pho-chu-tich")
    colleague.last_name, colleague.first_name = "Trần Thị", "Bình"
    colleague.save()
    with pytest.raises(NotAllowed, match="lãnh đạo chỉ theo dõi được lịch công tác của chính mình"):
        services.feed_create(user=colleague, scope="person", person=chairman)
    nameless = make_user("leader", username="lanh-dao-khong-ten")
    with pytest.raises(NotAllowed):
        services.feed_create(user=nameless, scope="person", person=chairman)
    assert services.feed_create(user=office_user, scope="person", person=chairman).person == chairman
    # the leader's own, the name compared without case or diacritics
    chairman.full_name = "NGUYEN VAN  AN"
    chairman.save()
    assert services.feed_create(user=named_leader, scope="person", person=chairman).scope == "person"
    assert services.followable_people(named_leader) == [chairman]
    assert services.followable_people(colleague) == []
    assert services.followable_people(school_user) == []


def test_a_person_feed_holds_their_memberships_and_the_delegations_headed_by_their_title(
    client, chairman, office_user, delegation, province
):
    member_of = delegation(name="Đoàn có ông An", status="approved", year=2027, period_start=D(2027, 9, 1))
    DelegationMember.objects.create(delegation=member_of, person=chairman, role="head")
    holding = TitleHolding.objects.create(province=province, year=2027, title="Chủ tịch UBND tỉnh")
    holding.people.add(chairman)
    headed = delegation(
        name="Đoàn của Chủ tịch", status="in_plan", year=2027, leader="Chủ tịch Ủy ban nhân dân tỉnh"
    )
    deputy = delegation(
        name="Đoàn của Phó Chủ tịch", status="in_plan", year=2027, leader="Phó Chủ tịch UBND tỉnh"
    )
    other_year = delegation(name="Đoàn năm khác", status="in_plan", year=2026, leader="Chủ tịch UBND tỉnh")
    unrelated = delegation(name="Đoàn khác", status="in_plan", year=2027)
    feed = services.feed_create(user=office_user, scope="person", person=chairman)
    _, again, events = read(client, feed)
    assert set(events) == {uid(member_of), uid(headed)}
    for row in (deputy, other_year, unrelated):
        assert uid(row) not in events
    assert again.contents["x-wr-calname"][0].value == "Lịch đoàn ra, đoàn vào – Nguyễn Văn An"


# --------------------------------------------------------------------------- the address as a credential


def test_a_revoked_or_unknown_address_is_a_404(client, rows, school_user, office_user, admin_user):
    feed = services.feed_create(user=school_user, scope="province")
    assert client.get(address(feed)).status_code == 200
    with pytest.raises(NotAllowed, match="Chỉ người tạo địa chỉ lịch"):
        services.feed_revoke(feed, user=office_user)
    services.feed_revoke(feed, user=school_user)
    assert client.get(address(feed)).status_code == 404
    assert client.get("/lich/khong-co-ma-nay-abcdefghijklmnopqrstuvwxyz0123456.ics").status_code == 404
    another = services.feed_create(user=school_user, scope="province")
    services.feed_revoke(another, user=admin_user)  # an administrator may
    assert client.get(address(another)).status_code == 404
    assert feed.history.first().history_change_reason == "Thu hồi địa chỉ lịch"
    assert not hasattr(feed.history.first(), "token")  # the secret stays out of the history


def test_a_deactivated_account_or_one_that_lost_the_right_has_its_feeds_404(
    client, rows, school_user, office_user, units, other_province
):
    unit_feed = services.feed_create(user=school_user, scope="unit", unit=units["school"])
    province_feed = services.feed_create(user=office_user, scope="province")
    assert client.get(address(unit_feed)).status_code == 200
    school_user.profile.unit = units["industry"]  # moved to another unit
    school_user.profile.save()
    assert client.get(address(unit_feed)).status_code == 404
    office_user.is_active = False
    office_user.save()
    assert client.get(address(province_feed)).status_code == 404
    office_user.is_active = True
    office_user.save()
    assert client.get(address(province_feed)).status_code == 200
    office_user.profile.provinces.set([other_province])
    assert client.get(address(province_feed)).status_code == 404


# --------------------------------------------------------------------------- the API


def post(client, data):
    return client.post("/api/calendar-feeds/", json.dumps(data), content_type="application/json")


def test_the_api_creates_lists_and_revokes_feeds(client, rows, school_user, office_user, units, chairman):
    client.force_login(office_user)
    made = post(client, {"scope": "province"})
    assert made.status_code == 201, made.content
    body = made.json()
    feed = CalendarFeed.objects.get(pk=body["id"])
    assert body["scope"] == "province"
    assert body["url"] == f"http://testserver/lich/{feed.token}.ics"
    unit = post(client, {"scope": "unit", "unit": units["school"].pk}).json()
    assert unit["scope"] == "unit" and unit["unit"] == units["school"].pk
    person = post(client, {"scope": "person", "person": chairman.pk}).json()
    assert person["scope"] == "person" and person["person"] == chairman.pk
    listed = client.get("/api/calendar-feeds/").json()["results"]
    assert [row["id"] for row in listed] == [person["id"], unit["id"], body["id"]]
    assert set(listed[0]) >= {"id", "scope", "url"}
    # the URL it gives is the calendar
    assert client.get(body["url"].removeprefix("http://testserver")).status_code == 200
    gone = client.delete(f"/api/calendar-feeds/{body['id']}/")
    assert gone.status_code == 204
    assert [row["id"] for row in client.get("/api/calendar-feeds/").json()["results"]] == [
        person["id"],
        unit["id"],
    ]
    client.logout()
    assert client.get(body["url"].removeprefix("http://testserver")).status_code == 404
    # someone else's feed is not found, and stays
    client.force_login(school_user)
    assert client.get("/api/calendar-feeds/").json()["results"] == []
    assert client.delete(f"/api/calendar-feeds/{unit['id']}/").status_code == 404
    assert CalendarFeed.objects.get(pk=unit["id"]).revoked_at is None


def test_the_api_refuses_in_vietnamese(client, school_user, units, chairman, other_province):
    client.force_login(school_user)
    answers = {
        "person": post(client, {"scope": "person", "person": chairman.pk}),
        "unit": post(client, {"scope": "unit", "unit": units["industry"].pk}),
        "scope": post(client, {"scope": "the-world"}),
        "missing": post(client, {}),
        "no_unit": post(client, {"scope": "unit"}),
        "wrong_id": post(client, {"scope": "unit", "unit": "abc"}),
        "unknown_unit": post(client, {"scope": "unit", "unit": 999999}),
        "province": post(client, {"scope": "province", "province": other_province.pk}),
        "gone": client.delete("/api/calendar-feeds/999999/"),
    }
    assert answers["person"].status_code == 403
    assert "Lịch công tác của lãnh đạo chỉ do Sở Ngoại vụ" in answers["person"].json()["detail"]
    assert answers["unit"].status_code == 403
    assert answers["scope"].json() == {"scope": ["Phạm vi phải là province, unit hoặc person."]}
    assert answers["missing"].status_code == 400
    assert answers["no_unit"].json() == {"unit": ["Hãy chọn đơn vị."]}
    assert answers["wrong_id"].json() == {"unit": ["Phải là số định danh (id) của bản ghi."]}
    assert answers["unknown_unit"].status_code == 400
    assert answers["province"].status_code == 400
    assert answers["gone"].status_code == 404
    for name, response in answers.items():
        found = english_in(visible_text(response.content.decode()))
        assert not found, (name, found)
    assert not CalendarFeed.objects.exists()


def test_the_api_needs_a_sign_in(client):
    assert client.get("/api/calendar-feeds/").status_code in (401, 403)
    assert post(client, {"scope": "province"}).status_code in (401, 403)


# --------------------------------------------------------------------------- the page


def test_the_page_lists_creates_and_revokes_in_vietnamese(client, rows, office_user, units, chairman):
    client.force_login(office_user)
    account = client.get(reverse("accounts:own_account")).content.decode()
    assert 'href="/lich/"' in account and "Lịch đoàn ra, đoàn vào (iCalendar)" in account
    page = client.get("/lich/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Lịch của tôi" in text and "Bạn chưa có địa chỉ lịch nào" in text
    assert "Trường Cao đẳng Thái Nguyên" in text and "Nguyễn Văn An" in text  # the unit and person choices
    response = client.post("/lich/them/", {"scope": "unit", "unit": units["school"].pk}, follow=True)
    feed = CalendarFeed.objects.get()
    assert feed.scope == "unit" and feed.unit == units["school"]
    text = response.content.decode()
    assert "Đã tạo địa chỉ lịch «Đơn vị: Trường Cao đẳng Thái Nguyên»" in text
    assert f"http://testserver/lich/{feed.token}.ics" in text
    assert f"webcal://testserver/lich/{feed.token}.ics" in text
    assert not english_in(visible_text(text))
    response = client.post(f"/lich/{feed.pk}/thu-hoi/", follow=True)
    assert "Đã thu hồi địa chỉ lịch" in response.content.decode()
    feed.refresh_from_db()
    assert feed.revoked_at is not None


def test_the_page_offers_a_unit_officer_only_what_they_may(client, school_user, office_user, units, chairman):
    client.force_login(school_user)
    text = client.get("/lich/").content.decode()
    assert "Trường Cao đẳng Thái Nguyên" in text and "Ban Quản lý các KCN" not in text
    assert "Nguyễn Văn An" not in text
    response = client.post("/lich/them/", {"scope": "person", "person": chairman.pk}, follow=True)
    assert "Chưa tạo được địa chỉ lịch" in response.content.decode()
    response = client.post("/lich/them/", {"scope": "unit", "unit": units["industry"].pk}, follow=True)
    assert "Chưa tạo được địa chỉ lịch: Lựa chọn không hợp lệ" in response.content.decode()
    assert not english_in(visible_text(response.content.decode()))
    assert not CalendarFeed.objects.exists()
    # another's address cannot be revoked from the page: not found
    others = services.feed_create(user=office_user, scope="province")
    assert client.post(f"/lich/{others.pk}/thu-hoi/").status_code == 404
    others.refresh_from_db()
    assert others.revoked_at is None
