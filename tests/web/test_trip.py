"""What goes with a trip: the people register, members, passports and their return, the report, files, the inbox."""

from __future__ import annotations

import datetime
import io
import json
import zipfile

import pytest
from django.utils import timezone

from doingoai.core.errors import InvalidInput, NotAllowed, StateConflict
from doingoai.core.models import Attachment
from doingoai.core.workdays import add_working_days, is_working_day, working_days_between
from doingoai.delegations import selectors, services
from doingoai.delegations.models import DelegationMember, PassportMovement
from doingoai.people.models import Person
from doingoai.tasks.models import Task

pytestmark = pytest.mark.django_db


def today():
    """Today in Asia/Ho_Chi_Minh, when the test runs."""
    return timezone.localdate()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def person(province, name="Lê Kim Anh", **values) -> Person:
    return Person.objects.create(province=province, full_name=name, **values)


def trip(delegation, status="approved", **values):
    defaults = {"status": status}
    if status in ("under_way", "returned", "reported"):
        defaults["departed_on"] = today() - datetime.timedelta(days=12)
    if status in ("returned", "reported"):
        defaults["returned_on"] = today() - datetime.timedelta(days=8)
    return delegation(**{**defaults, **values})


# --------------------------------------------------------------------------- working days


def test_working_days_skip_weekends_and_tet():
    assert not is_working_day(datetime.date(2026, 2, 17))  # Tết Bính Ngọ
    assert not is_working_day(datetime.date(2026, 9, 2))  # National Day
    assert not is_working_day(datetime.date(2026, 12, 5))  # a Saturday
    # back on Friday 13/02/2026: Tết runs 16–20/02, so the 5th working day after is Friday 27/02
    assert add_working_days(datetime.date(2026, 2, 13), 5) == datetime.date(2026, 2, 27)
    assert add_working_days(datetime.date(2026, 11, 27), 5) == datetime.date(2026, 12, 4)
    assert working_days_between(datetime.date(2026, 12, 4), datetime.date(2026, 12, 7)) == 1


# --------------------------------------------------------------------------- members and passports


def test_members_and_the_passport_log(delegation, office_user, school_user, province):
    row = trip(delegation)
    head = services.member_add(
        row,
        user=school_user,
        values={
            "person": person(province),
            "role": "head",
            "passport_kind": "official",
            "passport_number": "c 123 4567",
        },
    )
    assert head.passport_number == "C1234567"
    newcomer = services.member_add(
        row,
        user=school_user,
        values={"role": "member", "passport_kind": "diplomatic"},
        new_person={"full_name": "  Trần  Văn Quyết ", "title": "Trưởng phòng"},
    )
    assert newcomer.person.full_name == "Trần Văn Quyết" and newcomer.person.unit == row.owner
    with pytest.raises(InvalidInput, match="Đoàn đã có Trưởng đoàn"):
        services.member_add(
            row, user=office_user, values={"person": person(province, "Người khác"), "role": "head"}
        )
    with pytest.raises(InvalidInput, match="đã có trong đoàn"):
        services.member_add(row, user=office_user, values={"person": head.person, "role": "member"})
    services.passport_hand_out(head, user=office_user, date=today() - datetime.timedelta(days=3))
    with pytest.raises(StateConflict, match="đã được giao"):
        services.passport_hand_out(head, user=office_user)
    with pytest.raises(StateConflict, match="chưa nộp lại"):
        services.member_remove(head, user=office_user)
    services.passport_take_back(head, user=school_user)
    kinds = list(PassportMovement.objects.filter(member=head).values_list("kind", "recorded_by"))
    assert kinds == [("out", office_user.pk), ("back", school_user.pk)]
    # the number is personal data: never in the member's history
    assert "passport_number" not in {f.name for f in head.history.model._meta.fields}


def test_only_kept_passports_are_handed_out(delegation, office_user, province):
    row = trip(delegation)
    member = services.member_add(
        row, user=office_user, values={"person": person(province), "passport_kind": "ordinary"}
    )
    with pytest.raises(StateConflict, match="ngoại giao, công vụ"):
        services.passport_hand_out(member, user=office_user)


def test_passport_back_on_the_6th_working_day_is_late(delegation, office_user, province):
    returned_on = datetime.date(2026, 11, 20)  # a Friday
    row = trip(
        delegation,
        status="returned",
        departed_on=returned_on - datetime.timedelta(days=6),
        returned_on=returned_on,
    )
    member = services.member_add(
        row, user=office_user, values={"person": person(province), "passport_kind": "official"}
    )
    DelegationMember.objects.filter(pk=member.pk).update(
        passport_handed_out_on=returned_on - datetime.timedelta(days=8)
    )
    member.refresh_from_db()
    # 23, 25, 26, 27 and 30 November: the 24th is Vietnamese Culture Day, a holiday since 2026
    assert selectors.passport_due_on(member) == datetime.date(2026, 11, 30)
    on_time = selectors.passport_due(member, today=datetime.date(2026, 11, 30))
    assert not on_time.overdue
    sixth = add_working_days(returned_on, 6)
    services.passport_take_back(member, user=office_user, date=sixth)
    member.refresh_from_db()
    due = selectors.passport_due(member)
    assert due.overdue and due.late_days == 1 and "muộn 1 ngày làm việc" in due.label


def test_passports_are_seen_by_the_office_and_the_owning_unit_only(
    client, delegation, office_user, school_user, industry_user, leader_user, province
):
    row = trip(delegation)
    services.member_add(
        row,
        user=office_user,
        values={"person": person(province), "passport_kind": "official", "passport_number": "C7654321"},
    )
    for user, sees in (
        (office_user, True),
        (school_user, True),
        (industry_user, False),
        (leader_user, False),
    ):
        client.force_login(user)
        page = client.get(row.get_absolute_url()).content.decode()
        api = client.get(f"/api/delegations/{row.pk}/members/").json()
        assert ("C7654321" in page) is sees, user
        assert ("passport_number" in api[0]) is sees, user
        assert "C7654321" not in client.get("/doan/").content.decode()  # never in a list
        assert "C7654321" not in json.dumps(client.get("/api/delegations/").json())
        history = client.get(f"/api/delegations/{row.pk}/").content.decode()
        assert "C7654321" not in history


def test_members_are_kept_by_the_office_and_the_owning_unit(delegation, industry_user, leader_user, province):
    row = trip(delegation)
    for user in (industry_user, leader_user):
        with pytest.raises(NotAllowed):
            services.member_add(row, user=user, values={"person": person(province, f"P {user.pk}")})


def test_member_pages(client, delegation, school_user, province):
    row = trip(delegation)
    someone = person(province)
    client.force_login(school_user)
    assert client.get(f"/doan/{row.pk}/thanh-vien/them/").status_code == 200
    response = client.post(
        f"/doan/{row.pk}/thanh-vien/them/",
        {"person": someone.pk, "role": "head", "passport_kind": "official", "passport_number": "B1234567"},
    )
    assert response.status_code == 302
    member = row.members.get()
    response = client.post(
        f"/doan/{row.pk}/thanh-vien/{member.pk}/ho-chieu/out/", {"date": today().isoformat()}
    )
    assert response.status_code == 302
    tomorrow = (today() + datetime.timedelta(days=1)).isoformat()
    response = client.post(f"/doan/{row.pk}/thanh-vien/{member.pk}/ho-chieu/back/", {"date": tomorrow})
    assert response.status_code == 400 and "không được sau hôm nay" in response.content.decode()
    member.refresh_from_db()
    assert member.passport_handed_out_on == today() and member.passport_returned_on is None


# --------------------------------------------------------------------------- the report


def test_report_files_and_creates_follow_up_tasks(client, delegation, school_user, units, province):
    row = trip(delegation, status="returned")
    member = services.member_add(row, user=school_user, values={"person": person(province), "role": "head"})
    client.force_login(school_user)
    page = client.get(f"/doan/{row.pk}/bao-cao/")
    assert page.status_code == 200 and "Nộp báo cáo" in page.content.decode()
    response = client.post(
        f"/doan/{row.pk}/bao-cao/",
        {
            "activities": "Làm việc với Sở Giáo dục tỉnh Champasak",
            "members_went": [member.pk],
            "days_actual": "6",
            "results": "Thống nhất trao đổi giáo viên",
            "cost": "120000000",
            "tasks-TOTAL_FORMS": "2",
            "tasks-INITIAL_FORMS": "0",
            "tasks-0-title": "Chuẩn bị thỏa thuận hợp tác",
            "tasks-0-lead_unit": units["industry"].pk,
            "tasks-0-coordinating_units": [units["office"].pk],
            "tasks-0-deadline": "2027-01-15",
            "tasks-1-title": "",
            "file": _upload("bao-cao.pdf", PDF),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    row.refresh_from_db()
    assert row.status == "reported"
    report = row.report
    assert report.filed_by == school_user and list(report.members_went.all()) == [member]
    task = Task.objects.get()
    assert (task.report, task.lead_unit, list(task.coordinating_units.all())) == (
        report,
        units["industry"],
        [units["office"]],
    )
    assert task.deadline == datetime.date(2027, 1, 15)
    assert Attachment.objects.get().kind == "report"
    assert row.transitions.order_by("-id").first().action == "report"


def test_report_due_and_late(delegation, school_user, province):
    province.report_due_days = 10
    province.save()
    row = trip(delegation, status="returned", returned_on=today() - datetime.timedelta(days=12))
    due = selectors.report_due(row)
    assert due.due_on == today() - datetime.timedelta(days=2) and due.overdue and due.late_days == 2
    services.report_file(row, user=school_user, values={"activities": "Đã làm việc"})
    row.refresh_from_db()
    late = selectors.report_due(row)
    assert late.done_on == today() and late.late_days == 2 and "muộn 2 ngày" in late.label


def test_report_through_the_api(client, delegation, school_user, units):
    row = trip(delegation, status="returned")
    client.force_login(school_user)
    response = client.post(
        f"/api/delegations/{row.pk}/report/", json.dumps({"activities": ""}), content_type="application/json"
    )
    assert response.status_code == 400 and "hoạt động" in response.json()["activities"][0]
    response = client.post(
        f"/api/delegations/{row.pk}/report/",
        json.dumps(
            {
                "activities": "Làm việc",
                "cost": 5000000,
                "follow_up_tasks": [{"title": "Việc", "lead_unit": 999999}],
            }
        ),
        content_type="application/json",
    )
    assert response.status_code == 400 and "follow_up_tasks[0].lead_unit" in response.json()
    response = client.post(
        f"/api/delegations/{row.pk}/report/",
        json.dumps({"activities": "Làm việc"}),
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["status"] == "reported"
    assert client.get(f"/api/delegations/{row.pk}/report/").json()["activities"] == "Làm việc"
    again = client.post(
        f"/api/delegations/{row.pk}/report/",
        json.dumps({"activities": "Lần hai"}),
        content_type="application/json",
    )
    assert again.status_code == 409


def test_undoing_a_report_takes_it_back_for_correction(delegation, school_user, office_user):
    row = trip(delegation, status="returned")
    services.report_file(row, user=school_user, values={"activities": "Bản đầu"})
    services.delegation_transition(row, user=office_user, action="undo", reason="Thiếu kết quả")
    row.refresh_from_db()
    assert row.status == "returned" and row.report.filed_at is None
    services.report_file(row, user=school_user, values={"activities": "Bản sửa", "results": "Có kết quả"})
    row.refresh_from_db()
    assert row.status == "reported" and row.report.activities == "Bản sửa" and row.report.filed_at


# --------------------------------------------------------------------------- files


def _upload(name: str, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def _docx_bytes() -> bytes:
    buffer = io.BytesIO()
    import docx

    docx.Document().save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [("thu-moi.pdf", PDF, "pdf"), ("anh.png", PNG, "png"), ("quyet-dinh.docx", None, "docx")],
)
def test_attachments_recognised_by_content(client, media, delegation, school_user, name, data, kind):
    row = trip(delegation)
    client.force_login(school_user)
    data = data if data is not None else _docx_bytes()
    response = client.post(f"/doan/{row.pk}/tep/them/", {"kind": "invitation", "file": _upload(name, data)})
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert (attachment.format, attachment.name, attachment.uploaded_by) == (kind, name, school_user)
    download = client.get(f"/tep-dinh-kem/{attachment.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == data


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("virus.pdf", b"MZ\x90\x00 not a pdf at all", "không phải PDF, JPEG, PNG"),
        ("rong.pdf", b"", "không có nội dung"),
        ("bom.docx", None, "độc hại"),
    ],
)
def test_bad_attachments_are_refused_in_vietnamese(
    client, media, delegation, school_user, name, data, message
):
    if data is None:  # a zip bomb named .docx
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("[Content_Types].xml", "<x/>")
            archive.writestr("word/document.xml", "<w/>" + " " * (60 * 1024 * 1024))
        data = buffer.getvalue()
    row = trip(delegation)
    client.force_login(school_user)
    response = client.post(f"/doan/{row.pk}/tep/them/", {"kind": "invitation", "file": _upload(name, data)})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Attachment.objects.exists()
    assert not any((media / "attachments").rglob("*")) if (media / "attachments").exists() else True


def test_attachment_size_limit(client, media, settings, delegation, school_user):
    settings.DOINGOAI_ATTACHMENT_MAX_BYTES = 1024
    row = trip(delegation)
    client.force_login(school_user)
    response = client.post(
        f"/doan/{row.pk}/tep/them/", {"kind": "other", "file": _upload("lon.pdf", PDF + b"0" * 2000)}
    )
    assert response.status_code == 400 and "quá lớn" in response.content.decode()


def test_attachments_served_only_to_those_who_see_the_delegation(
    client, media, delegation, school_user, make_user, other_province
):
    row = trip(delegation)
    attachment = services.delegation_attach(row, user=school_user, kind="decision", name="qd.pdf", data=PDF)
    stranger = make_user("office", None, provinces=[other_province], username="ngoai-tinh")
    client.force_login(stranger)
    assert client.get(f"/tep-dinh-kem/{attachment.pk}/").status_code == 404
    client.logout()
    assert client.get(f"/tep-dinh-kem/{attachment.pk}/").status_code == 302  # to the login page
    services.delegation_detach(attachment, user=school_user)
    client.force_login(school_user)
    assert client.get(f"/tep-dinh-kem/{attachment.pk}/").status_code == 404


def test_a_failed_service_leaves_no_file_behind(media, delegation, school_user, office_user, province):
    row = trip(delegation, status="returned")
    with pytest.raises(InvalidInput):  # the report is refused after its file was stored
        services.report_file(
            row, user=school_user, values={"activities": "x", "cost": -1}, file=("bao-cao.pdf", PDF)
        )
    assert not Attachment.objects.exists()
    stored = list((media / "attachments").rglob("*.pdf")) if (media / "attachments").exists() else []
    assert stored == []


# --------------------------------------------------------------------------- the inbox


def test_inbox_per_role(client, delegation, office_user, school_user, leader_user, units, province):
    submitted = trip(delegation, status="submitted", name="Đoàn chờ xem xét")
    in_plan = trip(delegation, status="in_plan", name="Đoàn chờ phê duyệt")
    draft = trip(delegation, status="draft", name="Dự thảo của trường", status_reason="Bổ sung kinh phí")
    gone = trip(
        delegation,
        status="approved",
        name="Đoàn đến kỳ đi",
        period_start=today().replace(day=1),
        period_end=today().replace(day=1),
    )
    late = trip(
        delegation,
        status="returned",
        name="Đoàn chưa báo cáo",
        returned_on=today() - datetime.timedelta(days=30),
    )
    member = services.member_add(
        late, user=office_user, values={"person": person(province), "passport_kind": "official"}
    )
    DelegationMember.objects.filter(pk=member.pk).update(
        passport_handed_out_on=today() - datetime.timedelta(days=40)
    )

    def sections(user):
        client.force_login(user)
        response = client.get("/viec-can-lam/")
        assert response.status_code == 200
        return {
            section.key: [item.delegation.pk for item in section.items]
            for section in response.context["sections"]
        }

    office = sections(office_user)
    assert office["submitted"] == [submitted.pk] and office["approvals"] == [in_plan.pk]
    assert gone.pk in office["trips"] and office["reports"] == [late.pk] and office["passports"] == [late.pk]
    unit = sections(school_user)
    assert unit["drafts"] == [draft.pk] and set(unit["waiting"]) == {submitted.pk, in_plan.pk}
    assert unit["reports"] == [late.pk]
    leader = sections(leader_user)
    assert leader["approvals"] == [in_plan.pk] and "reports" not in leader
    client.force_login(school_user)
    html = client.get("/viec-can-lam/").content.decode()
    assert "Sở Ngoại vụ trả lại: Bổ sung kinh phí" in html and "quá hạn" in html.lower()
