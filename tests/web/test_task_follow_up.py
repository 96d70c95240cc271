"""Tasks followed to the end: the journal of progress notes, the inbox, the reminders and the digest."""

from __future__ import annotations

import datetime

import pytest

from doingoai.collection.reminders import send_reminders
from doingoai.core.errors import InvalidInput, NotAllowed
from doingoai.organization.models import Contact, Unit
from doingoai.tasks.models import Task
from doingoai.tasks.services import task_create, task_note_add

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = datetime.date.today()


@pytest.fixture
def police(province):
    return Unit.objects.create(province=province, name="Công an tỉnh", kind=Unit.Kind.POLICE)


@pytest.fixture
def task(office_user, units):
    """Led by the school, coordinated by the industry board, due in five days."""
    return task_create(
        user=office_user,
        values={
            "title": "Xây dựng chương trình trao đổi sinh viên với tỉnh Luông Pha Bông",
            "lead_unit": units["school"],
            "coordinating_units": [units["industry"]],
            "deadline": TODAY + datetime.timedelta(days=5),
        },
    )


# --------------------------------------------------------------------------- the journal


def test_the_lead_unit_writes_progress_and_sets_the_status(task, school_user, units):
    note = task_note_add(task, user=school_user, text="Đã làm việc với đối tác.", status="in_progress")
    task.refresh_from_db()
    assert task.status == "in_progress" and note.status == "in_progress"
    assert note.author == school_user and note.unit == units["school"] and note.written_on == TODAY
    latest = task.history.first()
    assert latest.history_user == school_user and latest.history_change_reason == "Cập nhật tiến độ"
    assert note.history.first().history_user == school_user


def test_a_coordinating_unit_reports_its_part_but_does_not_set_the_status(
    task, industry_user, make_user, police
):
    note = task_note_add(task, user=industry_user, text="Đã cử cán bộ phối hợp.")
    assert note.unit.name == "Ban Quản lý các KCN" and note.status == ""
    with pytest.raises(NotAllowed, match="Chỉ Sở Ngoại vụ và đơn vị chủ trì được đổi trạng thái"):
        task_note_add(task, user=industry_user, text="Xong phần của Ban.", status="done")
    task.refresh_from_db()
    assert task.status == "open" and task.journal.count() == 1  # the refused note left nothing behind
    stranger = make_user("unit", police, username="congan")
    with pytest.raises(NotAllowed, match="Chỉ Sở Ngoại vụ và các đơn vị chủ trì, phối hợp"):
        task_note_add(task, user=stranger, text="Ghi hộ.")


def test_a_note_needs_text_and_a_day_not_in_the_future(task, office_user):
    with pytest.raises(InvalidInput) as error:
        task_note_add(task, user=office_user, text=" \u200b ", written_on=TODAY + datetime.timedelta(days=1))
    assert error.value.errors == {
        "text": ["Vui lòng ghi nội dung tiến độ."],
        "written_on": ["Ngày ghi tiến độ không được sau hôm nay."],
    }
    assert task.journal.count() == 0


def test_the_task_page_shows_the_journal_and_takes_a_note(client, task, school_user, industry_user):
    client.force_login(school_user)
    response = client.post(
        f"/nhiem-vu/{task.pk}/tien-do/",
        {
            "written_on": TODAY.strftime("%d/%m/%Y"),
            "text": "Đã gửi thư mời đối tác.",
            "status": "in_progress",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Đã ghi tiến độ nhiệm vụ." in page and "Đã gửi thư mời đối tác." in page
    assert f"{TODAY:%d/%m/%Y}" in page and "Trường Cao đẳng Thái Nguyên" in page
    assert Task.objects.get(pk=task.pk).status == "in_progress"
    # the coordinating unit's form has no status; an empty note is refused in Vietnamese
    client.force_login(industry_user)
    page = client.get(f"/nhiem-vu/{task.pk}/").content.decode()
    assert 'name="text"' in page and 'name="status"' not in page
    page = client.post(
        f"/nhiem-vu/{task.pk}/tien-do/", {"written_on": TODAY.strftime("%d/%m/%Y"), "text": ""}, follow=True
    ).content.decode()
    assert "Vui lòng ghi nội dung tiến độ." in page and task.journal.count() == 1


def test_the_api_reads_and_writes_the_journal(client, task, school_user, police, make_user):
    client.force_login(school_user)
    created = client.post(
        f"/api/tasks/{task.pk}/journal/",
        {"text": "Đã ký biên bản ghi nhớ.", "status": "done"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["status"] == "done" and created.json()["unit_name"] == "Trường Cao đẳng Thái Nguyên"
    listed = client.get(f"/api/tasks/{task.pk}/journal/").json()
    assert [note["text"] for note in listed] == ["Đã ký biên bản ghi nhớ."]
    assert client.get(f"/api/tasks/{task.pk}/").json()["status"] == "done"
    empty = client.post(f"/api/tasks/{task.pk}/journal/", {"text": ""}, content_type="application/json")
    assert empty.status_code == 400 and "Vui lòng ghi nội dung tiến độ." in empty.content.decode()
    client.force_login(make_user("unit", police, username="congan"))
    refused = client.post(f"/api/tasks/{task.pk}/journal/", {"text": "x"}, content_type="application/json")
    assert refused.status_code == 403 and "phối hợp" in refused.json()["detail"]


def test_a_follow_up_task_links_back_to_its_report(client, office_user, delegation, units):
    from doingoai.delegations.models import DelegationReport

    trip = delegation(status="returned", departed_on=D(2026, 10, 1), returned_on=D(2026, 10, 10))
    report = DelegationReport.objects.create(delegation=trip, filed_by=office_user, activities="Làm việc")
    task = task_create(
        user=office_user, values={"title": "Theo dõi thỏa thuận", "lead_unit": units["school"]}, report=report
    )
    client.force_login(office_user)
    page = client.get(f"/nhiem-vu/{task.pk}/").content.decode()
    assert "Từ báo cáo sau chuyến đi" in page and trip.get_absolute_url() in page


# --------------------------------------------------------------------------- inbox, reminders, digest


def test_overdue_and_group_led_tasks_are_in_the_inbox(client, office_user, school_user, industry_user, units):
    late = task_create(
        user=office_user,
        values={"title": "Báo cáo kết quả hợp tác", "lead_unit": units["school"], "deadline": D(2026, 1, 15)},
    )
    group = task_create(
        user=office_user,
        values={"title": "Tuyên truyền về biên giới", "lead_text": "Các sở, ban, ngành liên quan"},
    )
    task_create(
        user=office_user,
        values={
            "title": "Việc năm sau",
            "lead_unit": units["school"],
            "deadline": TODAY + datetime.timedelta(days=60),
        },
    )
    client.force_login(office_user)
    sections = {section.key: section for section in client.get("/viec-can-lam/").context["sections"]}
    assert [item.url for item in sections["tasks_overdue"].items] == [f"/nhiem-vu/{late.pk}/"]
    assert (
        sections["tasks_overdue"].items[0].overdue
        and sections["tasks_overdue"].list_url == "/nhiem-vu/?overdue=true"
    )
    assert [item.title for item in sections["tasks_groups"].items] == [group.title]
    overdue_listed = client.get("/nhiem-vu/?overdue=true").context["table"].data
    assert [row.pk for row in overdue_listed] == [late.pk]  # the section's link shows the same tasks
    client.force_login(school_user)
    page = client.get("/viec-can-lam/")
    own = {section.key: section for section in page.context["sections"]}["tasks_due"]
    assert [item.title for item in own.items] == [late.title]  # the far one is not near yet
    assert "Báo cáo kết quả hợp tác" in page.content.decode()
    client.force_login(industry_user)  # leads nothing
    own = {section.key: section for section in client.get("/viec-can-lam/").context["sections"]}["tasks_due"]
    assert own.items == []


def test_task_reminders_go_to_the_leads_once_and_the_digest_counts_them(office_user, units, task, mailoutbox):
    Contact.objects.create(unit=units["school"], name="Chị Lan", email="lan@truong.edu.vn")
    Contact.objects.create(unit=units["industry"], name="Anh Minh", email="minh@kcn.gov.vn")
    task.joint_leads.set([units["industry"]])
    office_user.email = "sngv@thainguyen.gov.vn"
    office_user.save()
    deadline = task.deadline
    task_create(  # overdue long ago (an old plan imported): in the inbox and digest, not mailed about
        user=office_user,
        values={
            "title": "Việc của kế hoạch cũ",
            "lead_unit": units["school"],
            "deadline": deadline - datetime.timedelta(days=200),
        },
    )
    send_reminders(deadline - datetime.timedelta(days=10), say=lambda line: None)
    assert not [m for m in mailoutbox if "nhiệm vụ" in m.subject]  # not near yet
    send_reminders(deadline - datetime.timedelta(days=2), say=lambda line: None)
    soon = [m for m in mailoutbox if m.subject.startswith("Sắp đến hạn nhiệm vụ")]
    assert sorted(m.to[0] for m in soon) == ["lan@truong.edu.vn", "minh@kcn.gov.vn"]
    assert "(cùng chủ trì)" in next(m.body for m in soon if m.to == ["minh@kcn.gov.vn"])
    count = len(mailoutbox)
    send_reminders(deadline - datetime.timedelta(days=1), say=lambda line: None)
    assert not [m for m in mailoutbox[count:] if "hạn nhiệm vụ" in m.subject]  # never twice
    send_reminders(deadline + datetime.timedelta(days=8), say=lambda line: None)
    late = [m for m in mailoutbox[count:] if m.subject.startswith("Quá hạn nhiệm vụ")]
    assert len(late) == 2 and "đã quá 8 ngày" in late[0].body
    digest = [m for m in mailoutbox if m.subject.startswith("Tổng hợp")][-1]
    assert "Nhiệm vụ quá hạn chưa hoàn thành: 2;" in digest.body
    assert not [m for m in mailoutbox if "Việc của kế hoạch cũ" in m.subject]
    # a task done is chased no more: the next week's digest counts only the old one
    task_note_add(task, user=office_user, text="Hoàn thành.", status="done")
    send_reminders(deadline + datetime.timedelta(days=30), say=lambda line: None)
    digest = [m for m in mailoutbox if m.subject.startswith("Tổng hợp")][-1]
    assert "Nhiệm vụ quá hạn chưa hoàn thành: 1;" in digest.body
