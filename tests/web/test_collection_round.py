"""The collection round: opened by the office, answered by the units, chased by reminders sent once."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command

from doingoai.collection import services
from doingoai.collection.models import CollectionRound, Reminder, UnitAnswer
from doingoai.collection.reminders import send_reminders
from doingoai.collection.selectors import round_progress
from doingoai.core.errors import InvalidInput, NotAllowed, StateConflict
from doingoai.delegations.models import DelegationMember
from doingoai.organization import services as organization_services
from doingoai.organization.models import Contact, Unit
from doingoai.people.models import Person

pytestmark = pytest.mark.django_db
D = datetime.date
DEADLINE = D(2026, 11, 30)


@pytest.fixture
def police(province):
    return Unit.objects.create(province=province, name="Công an tỉnh", kind=Unit.Kind.POLICE)


@pytest.fixture
def round(province, office_user, units, police):
    return services.round_open(
        user=office_user, province=province, year=2027, deadline=DEADLINE, instructions="Gửi theo Mẫu 04, 05."
    )


@pytest.fixture
def contacts(units, police):
    return {
        "school": Contact.objects.create(unit=units["school"], name="Chị Lan", email="lan@truong.edu.vn"),
        "industry": Contact.objects.create(unit=units["industry"], name="Anh Minh", email="minh@kcn.gov.vn"),
        "police": Contact.objects.create(unit=police, name="Anh Hùng", phone="0208 3855 000"),
    }


def test_only_the_office_opens_a_round_once_a_year(province, office_user, school_user, units):
    with pytest.raises(NotAllowed):
        services.round_open(user=school_user, province=province, year=2027, deadline=DEADLINE)
    services.round_open(user=office_user, province=province, year=2027, deadline=DEADLINE)
    with pytest.raises(InvalidInput, match="Đã có đợt thu thập đề xuất năm 2027"):
        services.round_open(user=office_user, province=province, year=2027, deadline=DEADLINE)
    assert CollectionRound.objects.get().history.first().history_user == office_user


def test_a_unit_sends_its_drafts_or_says_it_has_none(round, delegation, school_user, industry_user, units):
    with pytest.raises(InvalidInput, match="chưa có đề xuất nào"):
        services.round_submit(round, user=school_user)
    drafts = [delegation(year=2027, name=f"Đoàn {n}") for n in range(2)]
    answer = services.round_submit(round, user=school_user, note="Hai đoàn")
    assert answer.kind == "submitted" and answer.answered_by == school_user
    assert {d.status for d in type(drafts[0]).objects.filter(pk__in=[d.pk for d in drafts])} == {"submitted"}
    with pytest.raises(StateConflict, match="đã gửi đề xuất"):
        services.round_declare_none(round, user=school_user)
    with pytest.raises(NotAllowed):
        services.round_submit(round, user=school_user, unit=units["industry"])
    none = services.round_declare_none(round, user=industry_user, note="Năm nay không có đoàn")
    assert none.kind == "none"


def test_the_progress_shows_who_sent_who_has_none_who_is_late(
    round, delegation, school_user, industry_user, police, contacts, office_user
):
    delegation(year=2027)
    services.round_submit(round, user=school_user)
    services.round_declare_none(round, user=industry_user)
    before = round_progress(round, DEADLINE)
    states = {row.unit.name: (row.state, row.late) for row in before.units}
    assert states == {
        "Trường Cao đẳng Thái Nguyên": ("submitted", False),
        "Ban Quản lý các KCN": ("none", False),
        "Công an tỉnh": ("waiting", False),
    }  # the office itself is not asked
    after = round_progress(round, DEADLINE + datetime.timedelta(days=1))
    assert [row.unit.name for row in after.late] == ["Công an tỉnh"]
    assert after.late[0].contacts[0].phone == "0208 3855 000"


def test_units_keep_their_own_contacts(units, school_user, industry_user, office_user):
    contact = organization_services.contact_save(
        units["school"], user=school_user, values={"name": " Chị Lan ", "email": "LAN@truong.edu.vn"}
    )
    assert contact.name == "Chị Lan" and contact.email == "lan@truong.edu.vn"
    with pytest.raises(NotAllowed):
        organization_services.contact_save(
            units["school"], contact, user=industry_user, values={"phone": "1"}
        )
    with pytest.raises(InvalidInput, match="thư điện tử hoặc điện thoại"):
        organization_services.contact_save(
            units["school"], user=office_user, values={"name": "Không liên lạc"}
        )
    organization_services.contact_save(units["school"], contact, user=office_user, values={"phone": "0912"})
    contact.refresh_from_db()
    assert contact.phone == "0912" and contact.history.count() == 2


def test_reminders_go_once_to_the_units_that_have_not_answered(
    round, delegation, school_user, contacts, mailoutbox
):
    delegation(year=2027)
    services.round_submit(round, user=school_user)
    lines = []
    assert send_reminders(DEADLINE - datetime.timedelta(days=5), say=lines.append) == 0  # not near yet
    sent = send_reminders(DEADLINE - datetime.timedelta(days=2), say=lines.append)
    # the industry board has an address; the police only a telephone; the school has answered
    assert sent == 1 and [m.to for m in mailoutbox] == [["minh@kcn.gov.vn"]]
    assert "Sắp đến hạn gửi đề xuất" in mailoutbox[0].subject and "30/11/2026" in mailoutbox[0].body
    assert lines == ["Đã gửi tới minh@kcn.gov.vn: " + mailoutbox[0].subject]
    assert send_reminders(DEADLINE - datetime.timedelta(days=1), say=lines.append) == 0  # never twice
    assert send_reminders(DEADLINE + datetime.timedelta(days=1), say=lines.append) == 1
    assert "Quá hạn gửi đề xuất" in mailoutbox[1].subject and "đã quá 1 ngày" in mailoutbox[1].body
    assert Reminder.objects.count() == 2


def test_the_day_is_vietnams_whatever_the_servers_clock(round, contacts, mailoutbox, monkeypatch):
    from django.utils import timezone

    # 17:30 UTC on 27/11 is already 00:30 on 28/11 in Hà Nội: two days before the deadline
    monkeypatch.setattr(timezone, "now", lambda: datetime.datetime(2026, 11, 27, 17, 30, tzinfo=datetime.UTC))
    assert send_reminders(say=lambda line: None) == 2  # the school and the industry board have addresses
    monkeypatch.setattr(timezone, "now", lambda: datetime.datetime(2026, 11, 26, 16, 30, tzinfo=datetime.UTC))
    Reminder.objects.all().delete()
    assert send_reminders(say=lambda line: None) == 0  # 26/11 23:30 in Hà Nội: four days before


def test_report_and_passport_reminders_and_the_weekly_digest(
    delegation, province, units, contacts, office_user, mailoutbox
):
    office_user.email = "sngv@thainguyen.gov.vn"
    office_user.save()
    back = delegation(status="returned", departed_on=D(2026, 10, 1), returned_on=D(2026, 10, 10))
    member = DelegationMember.objects.create(
        delegation=back,
        person=Person.objects.create(province=province, full_name="Lê Kim Anh"),
        passport_kind="official",
        passport_handed_out_on=D(2026, 9, 28),
    )
    assert member.keeps_passport
    send_reminders(D(2026, 10, 23), say=lambda line: None)  # report due 25/10; passport due 17/10
    subjects = sorted(m.subject for m in mailoutbox)
    assert any(s.startswith("Sắp đến hạn báo cáo sau chuyến đi") for s in subjects)
    assert any(s == "Chưa nộp lại hộ chiếu: Lê Kim Anh" for s in subjects)
    assert any(s.startswith("Tổng hợp công tác đối ngoại tuần 43/2026") for s in subjects)
    digest = next(m for m in mailoutbox if m.subject.startswith("Tổng hợp"))
    assert digest.to == ["sngv@thainguyen.gov.vn"] and "Đoàn đã về chưa nộp báo cáo: 1." in digest.body
    count = len(mailoutbox)
    send_reminders(D(2026, 10, 24), say=lambda line: None)  # same week: no second digest, nothing new
    assert len(mailoutbox) == count
    send_reminders(D(2026, 10, 27), say=lambda line: None)  # report overdue, a new week's digest
    assert any(m.subject.startswith("Quá hạn báo cáo sau chuyến đi") for m in mailoutbox[count:])
    assert any(m.subject.startswith("Tổng hợp công tác đối ngoại tuần 44/2026") for m in mailoutbox[count:])


def test_the_command_prints_a_line_per_message_and_the_count(round, contacts, mailoutbox, capsys):
    call_command("remind", "--date", "28/11/2026")
    out = capsys.readouterr().out.splitlines()
    # two days before the deadline, nobody has answered: the school and the industry board have addresses
    assert sorted(m.to[0] for m in mailoutbox) == ["lan@truong.edu.vn", "minh@kcn.gov.vn"]
    assert out == [f"Đã gửi tới {m.to[0]}: {m.subject}" for m in mailoutbox] + ["Đã gửi 2 thư nhắc việc."]
    call_command("remind", "--date", "28/11/2026")
    assert capsys.readouterr().out.splitlines() == ["Đã gửi 0 thư nhắc việc."]


def test_the_pages_of_the_round(client, round, delegation, school_user, office_user, police, contacts):
    delegation(year=2027)
    client.force_login(school_user)
    page = client.get("/thu-thap/").content.decode()
    assert "Gửi 1 đề xuất" in page and "Báo «không có đoàn»" in page and "Gửi theo Mẫu 04, 05." in page
    client.post(f"/thu-thap/{round.pk}/tra-loi/", {"action": "submit"})
    assert UnitAnswer.objects.get(unit__name="Trường Cao đẳng Thái Nguyên").kind == "submitted"
    client.force_login(office_user)
    client.post(f"/thu-thap/{round.pk}/doi/", {"deadline": "25/11/2026"})
    round.refresh_from_db()
    assert round.deadline == D(2026, 11, 25)
    page = client.get("/thu-thap/").content.decode()
    assert "danh sách gọi điện" in page and "0208 3855 000" in page  # the police is late, call them
    client.post(f"/thu-thap/{round.pk}/tra-loi/", {"action": "none", "unit": police.pk})
    assert UnitAnswer.objects.get(unit=police).kind == "none"
    contacts_page = client.get(f"/thu-thap/don-vi/{police.pk}/lien-he/").content.decode()
    assert "Anh Hùng" in contacts_page
    bad = client.post(f"/thu-thap/don-vi/{police.pk}/lien-he/", {"name": "X", "email": "khong-phai-thu"})
    assert "hợp lệ" in bad.content.decode()


def test_each_person_sees_what_was_sent_to_them(
    client, round, contacts, industry_user, school_user, mailoutbox
):
    send_reminders(DEADLINE - datetime.timedelta(days=1), say=lambda line: None)
    client.force_login(industry_user)
    assert "Sắp đến hạn gửi đề xuất" in client.get("/thu-thap/nhac-viec/").content.decode()
    client.force_login(school_user)
    page = client.get("/thu-thap/nhac-viec/").content.decode()
    assert "Chưa có thư nào" not in page  # the school had not answered either
