"""Agreements followed after the plan: signed, in force, expiring, renewed; the report owed within 15 days
of signing (Nghị định 64/2021/NĐ-CP, Điều 5 khoản 6); the signed file; the year's list in Word and Excel."""

from __future__ import annotations

import datetime
import io

import pytest
from docx import Document
from openpyxl import load_workbook

from doingoai.agreements import services
from doingoai.agreements.models import Agreement
from doingoai.cli import main
from doingoai.collection.reminders import send_reminders
from doingoai.core.errors import InvalidInput, NotAllowed
from doingoai.organization.models import Contact
from tests.conftest import sample

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = datetime.date.today()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def planned(office_user, province, units):
    return services.agreement_create(
        user=office_user,
        values={
            "province": province,
            "year": 2026,
            "title": "Biên bản ghi nhớ hợp tác đào tạo với Đại học Quốc gia Lào",
            "kind": "Biên bản ghi nhớ",
            "owner": units["school"],
            "signing_capacity": "Trường Cao đẳng Thái Nguyên",
            "countries": ["LA"],
            "partner_name": "Đại học Quốc gia Lào",
        },
    )


@pytest.mark.parametrize(
    ("capacity", "expected"),
    [
        ("UBND tỉnh Thái Nguyên", True),
        ("Ủy ban nhân dân tỉnh", True),
        ("Tỉnh Thái Nguyên", True),
        ("HĐND tỉnh Thái Nguyên", True),
        ("UBND tỉnh Thái Nguyên, CHXHCN Việt Nam", True),
        ("Sở Giáo dục và Đào tạo tỉnh Thái Nguyên", False),
        ("UBND huyện Đại Từ", False),
        ("UBND thành phố Thái Nguyên", False),  # a city of the province, not the province
        ("UBND tỉnh Lạng Sơn", False),
        ("", None),
    ],
)
def test_who_signs_in_the_provinces_own_name(capacity, expected):
    assert services.signed_in_province_name(capacity, "Thái Nguyên") is expected


def test_a_centrally_run_citys_committee_signs_in_its_own_name():
    assert services.signed_in_province_name("UBND thành phố Đà Nẵng", "Thành phố Đà Nẵng") is True
    assert services.signed_in_province_name("Sở Du lịch thành phố Đà Nẵng", "Đà Nẵng") is False


def test_signing_a_departments_agreement_sets_its_state_expiry_and_report_due(planned, office_user):
    signed_on = TODAY - datetime.timedelta(days=3)
    services.agreement_update(planned, user=office_user, values={"signed_on": signed_on, "term_months": 60})
    planned.refresh_from_db()
    assert planned.status == "signed"  # a signed day makes a planned agreement signed
    five_years = signed_on.replace(year=signed_on.year + 5) - datetime.timedelta(days=1)
    assert planned.expires_on == five_years
    assert planned.signing_report_due_on == signed_on + datetime.timedelta(days=15)
    assert not planned.signing_report_overdue
    latest = planned.history.first()
    assert (
        latest.history_user == office_user and latest.signing_report_due_on == planned.signing_report_due_on
    )
    # the report received: no longer owed; an explicit expiry is kept as written
    services.agreement_update(
        planned,
        user=office_user,
        values={
            "signing_reported_on": TODAY,
            "signing_report_number": "12/BC-TCĐ",
            "expires_on": D(2030, 6, 30),
        },
    )
    planned.refresh_from_db()
    assert planned.signing_reported_on == TODAY and planned.expires_on == D(2030, 6, 30)
    # signed in the province's name: nothing to report
    services.agreement_update(planned, user=office_user, values={"signing_capacity": "UBND tỉnh Thái Nguyên"})
    planned.refresh_from_db()
    assert planned.signing_report_due_on is None


def test_wrong_dates_and_states_are_refused_in_vietnamese(planned, office_user, school_user):
    with pytest.raises(InvalidInput) as error:
        services.agreement_update(
            planned,
            user=office_user,
            values={
                "signed_on": TODAY + datetime.timedelta(days=2),
                "effective_on": TODAY,
                "expires_on": TODAY - datetime.timedelta(days=10),
            },
        )
    assert error.value.errors["signed_on"] == ["Ngày ký không được sau hôm nay."]
    assert "Ngày hết hiệu lực không được trước" in error.value.errors["expires_on"][0]
    with pytest.raises(InvalidInput, match="không thể ở trạng thái dự kiến, hoãn hay hủy"):
        services.agreement_update(
            planned, user=office_user, values={"signed_on": TODAY, "status": "cancelled"}
        )
    with pytest.raises(NotAllowed):
        services.agreement_update(planned, user=school_user, values={"signed_on": TODAY})
    planned.refresh_from_db()
    assert planned.signed_on is None and planned.status == "planned" and planned.history.count() == 1


def test_a_renewal_once_signed_marks_the_old_agreement_renewed(planned, office_user, client):
    services.agreement_update(
        planned,
        user=office_user,
        values={"signed_on": D(2021, 5, 4), "status": "in_force", "term_months": 60},
    )
    client.force_login(office_user)
    response = client.post(f"/thoa-thuan/{planned.pk}/gia-han/")
    renewal = Agreement.objects.get(renews=planned)
    assert response.status_code == 302 and response["Location"] == f"/thoa-thuan/{renewal.pk}/sua/"
    assert renewal.status == "planned" and renewal.title == planned.title and renewal.term_months == 60
    planned.refresh_from_db()
    assert planned.status == "in_force"  # not renewed until the renewal is signed
    services.agreement_update(renewal, user=office_user, values={"signed_on": D(2026, 5, 1)})
    planned.refresh_from_db()
    renewal.refresh_from_db()
    assert planned.status == "renewed" and renewal.status == "signed"
    assert planned.history.first().history_change_reason == "Đã ký gia hạn"
    page = client.get(f"/thoa-thuan/{planned.pk}/").content.decode()
    assert "Gia hạn" in page and f"/thoa-thuan/{renewal.pk}/" in page


def test_the_signed_file_is_kept_and_a_hostile_one_refused(planned, office_user, school_user, client):
    document = Document()
    document.add_paragraph("BIÊN BẢN GHI NHỚ HỢP TÁC")
    data = io.BytesIO()
    document.save(data)
    client.force_login(office_user)
    upload = io.BytesIO(data.getvalue())
    upload.name = "bien-ban-ghi-nho.docx"
    page = client.post(f"/thoa-thuan/{planned.pk}/tep/", {"file": upload}, follow=True).content.decode()
    assert "Đã đính kèm tệp bien-ban-ghi-nho.docx." in page
    from doingoai.core.attachments import attachments_of

    (kept,) = attachments_of(planned)
    assert kept.kind == "agreement" and kept.format == "docx"
    assert b"".join(client.get(f"/tep-dinh-kem/{kept.pk}/").streaming_content) == data.getvalue()
    hostile = io.BytesIO(b"MZ\x90\x00" + b"\x00" * 200)
    hostile.name = "van-ban.pdf"
    page = client.post(f"/thoa-thuan/{planned.pk}/tep/", {"file": hostile}, follow=True).content.decode()
    assert "Đã đính kèm" not in page and len(attachments_of(planned)) == 1
    client.force_login(school_user)  # a unit reads the agreement, does not keep its files
    client.post(f"/thoa-thuan/{planned.pk}/tep/", {"file": io.BytesIO(data.getvalue())})
    client.post(f"/thoa-thuan/{planned.pk}/tep/{kept.pk}/xoa/")
    assert list(attachments_of(planned)) == [kept]
    client.force_login(office_user)  # the office removes it: hidden, kept in the history
    page = client.post(f"/thoa-thuan/{planned.pk}/tep/{kept.pk}/xoa/", follow=True).content.decode()
    assert "Đã xóa tệp bien-ban-ghi-nho.docx." in page and len(attachments_of(planned)) == 0
    assert client.get(f"/tep-dinh-kem/{kept.pk}/").status_code == 404


def test_the_inbox_and_the_list_show_what_to_follow(planned, office_user, school_user, industry_user, client):
    services.agreement_update(
        planned, user=office_user, values={"signed_on": TODAY - datetime.timedelta(days=20)}
    )
    expiring = services.agreement_create(
        user=office_user,
        values={
            "title": "Thỏa thuận hợp tác với tỉnh Chăm-pa-sắc",
            "signing_capacity": "UBND tỉnh Thái Nguyên",
            "signed_on": D(2021, 3, 1),
            "status": "in_force",
            "expires_on": TODAY + datetime.timedelta(days=40),
        },
    )
    client.force_login(office_user)
    sections = {s.key: s for s in client.get("/viec-can-lam/").context["sections"]}
    owed = sections["agreements_report"]
    assert [item.title for item in owed.items] == [planned.title] and owed.items[0].overdue
    assert "Quá hạn 5 ngày" in owed.items[0].note
    assert [item.title for item in sections["agreements_expiring"].items] == [expiring.title]
    for key in ("agreements_report", "agreements_expiring"):  # each section's link lists the same agreements
        listed = client.get(sections[key].list_url).context["table"].data
        assert [row.title for row in listed] == [item.title for item in sections[key].items]
    list_page = client.get("/thoa-thuan/").content.decode()
    assert "Quá hạn báo cáo" in list_page and "/xuat/thoa-thuan/" in list_page
    client.force_login(school_user)  # the unit that proposed it is told too
    sections = {s.key: s for s in client.get("/viec-can-lam/").context["sections"]}
    assert [item.title for item in sections["agreements_report"].items] == [planned.title]
    assert "agreements_expiring" not in sections
    client.force_login(industry_user)
    sections = {s.key: s for s in client.get("/viec-can-lam/").context["sections"]}
    assert sections["agreements_report"].items == []


def test_reminders_of_the_report_owed_and_of_the_expiry(planned, office_user, units, mailoutbox):
    Contact.objects.create(unit=units["school"], name="Chị Lan", email="lan@truong.edu.vn")
    office_user.email = "sngv@thainguyen.gov.vn"
    office_user.save()
    signed_on = D(2026, 3, 2)
    services.agreement_update(
        planned, user=office_user, values={"signed_on": signed_on, "expires_on": D(2026, 12, 31)}
    )

    def sent(day):
        before = len(mailoutbox)
        send_reminders(day, say=lambda line: None)
        return [(m.to[0], m.subject) for m in mailoutbox[before:] if "thỏa thuận" in m.subject.lower()]

    assert sent(D(2026, 3, 5)) == []  # due 17/03: not near yet
    soon = sent(D(2026, 3, 15))
    assert soon == [
        ("lan@truong.edu.vn", f"Sắp đến hạn báo cáo sau khi ký thỏa thuận (17/03/2026): {planned.title}")
    ]
    assert sent(D(2026, 3, 16)) == []  # never twice
    late = sent(D(2026, 3, 20))
    assert [subject.split(":")[0] for _, subject in late] == ["Quá hạn báo cáo sau khi ký thỏa thuận"]
    overdue = next(m for m in mailoutbox if m.subject.startswith("Quá hạn báo cáo sau khi ký"))
    assert "Nghị định 64/2021/NĐ-CP" in overdue.body and "(đã quá 3 ngày)" in overdue.body
    services.agreement_update(planned, user=office_user, values={"signing_reported_on": D(2026, 3, 21)})
    # the expiry: the office and the unit told 90 days before, then 30 days before
    ninety = sent(D(2026, 10, 5))
    assert sorted(to for to, _ in ninety) == ["lan@truong.edu.vn", "sngv@thainguyen.gov.vn"]
    assert all(subject.startswith("Thỏa thuận sắp hết hiệu lực (31/12/2026)") for _, subject in ninety)
    assert sent(D(2026, 10, 20)) == []
    assert len(sent(D(2026, 12, 2))) == 2
    digest = [m for m in mailoutbox if m.subject.startswith("Tổng hợp")][-1]
    assert (
        "Thỏa thuận chưa báo cáo sau khi ký: 0 (0 quá hạn); sắp hết hiệu lực trong 90 ngày: 1." in digest.body
    )


def _table_texts(document) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for table in document.tables[1:] for row in table.rows]


def test_the_years_list_in_word_and_excel_from_the_export_command(
    capsys, admin_user, office_user, province, units, tmp_path
):
    """The two agreements of sample 002 (plan 2024), one signed by the province, one by a department."""
    assert main(["import", str(sample("002")), "--province", "Thái Nguyên", "--yes"]) == 0
    first, second = Agreement.objects.filter(year=2024).order_by("tt")
    services.agreement_update(
        first, user=office_user, values={"signed_on": D(2024, 9, 20), "term_months": 60}
    )
    services.agreement_create(
        user=office_user,
        values={
            "title": "Thỏa thuận hợp tác y tế với Bệnh viện Chợ Rẫy Phnôm Pênh",
            "owner": units["industry"],
            "signing_capacity": "Ban Quản lý các KCN",
            "kind": "Thỏa thuận hợp tác",
            "countries": ["KH"],
            "signed_on": D(2024, 11, 2),
        },
    )
    services.agreement_create(
        user=office_user,
        values={
            "title": "Thỏa thuận cũ còn hiệu lực",
            "signed_on": D(2022, 1, 5),
            "expires_on": D(2027, 1, 4),
        },
    )
    capsys.readouterr()
    word, excel = tmp_path / "thoa-thuan.docx", tmp_path / "thoa-thuan.xlsx"
    options = ["--province", "thai nguyen", "--year", "2024"]
    assert main(["export", "agreements", *options, "--format", "docx", "-o", str(word)]) == 0
    out = capsys.readouterr().out
    assert "4 thỏa thuận (I: 2, II: 1, III: 1)" in out
    document = Document(str(word))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "Danh mục thỏa thuận quốc tế năm 2024 của tỉnh Thái Nguyên" in text
    assert "I. THỎA THUẬN QUỐC TẾ ĐÃ KÝ TRONG NĂM 2024 (2)" in text
    rows = _table_texts(document)
    signed_row = next(row for row in rows if row[1] == first.title)
    assert signed_row[5] == "20/09/2024" and signed_row[6] == "19/09/2029"
    assert signed_row[7] == "Đã ký"  # signed by the province: nothing to report
    department_row = next(row for row in rows if row[1].startswith("Thỏa thuận hợp tác y tế"))
    assert department_row[7] == "Đã ký; chưa báo cáo (hạn 17/11/2024)"
    assert "Campuchia" in department_row[4]
    expected_row = next(row for row in rows if row[1] == second.title)
    assert expected_row[7] == "Dự kiến ký" and expected_row[4].endswith("(Thái Lan)")
    assert main(["export", "agreements", *options, "--format", "xlsx", "-o", str(excel)]) == 0
    sheet = load_workbook(excel).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[3][:2] == ("TT", "Tên thỏa thuận") and sheet.freeze_panes == "A5"
    titles = [row[1] for row in values if isinstance(row[0], int)]
    assert sorted(titles) == sorted(
        [first.title, second.title, department_row[1], "Thỏa thuận cũ còn hiệu lực"]
    )
    assert (
        main(
            [
                "export",
                "agreements",
                "--province",
                "Hà Giang",
                "--year",
                "2024",
                "--format",
                "docx",
                "-o",
                str(word),
            ]
        )
        == 1
    )
    assert "Không có tỉnh «Hà Giang»" in capsys.readouterr().err


def test_the_list_downloads_from_the_page_within_the_users_provinces(
    client, planned, office_user, province, other_province
):
    client.force_login(office_user)
    response = client.get(f"/xuat/thoa-thuan/?province={province.pk}&year=2026&format=xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    assert "thoa-thuan-quoc-te-thai-nguyen-2026.xlsx" in response["Content-Disposition"]
    sheet = load_workbook(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    ).active
    assert any(row[1] == planned.title for row in sheet.iter_rows(values_only=True))
    wrong = client.get(f"/xuat/thoa-thuan/?province={province.pk}&year=2026&format=pdf")
    assert (
        wrong.status_code == 400
        and "Định dạng phải là docx (Word) hoặc xlsx (Excel)." in wrong.content.decode()
    )
    assert (
        client.get(f"/xuat/thoa-thuan/?province={other_province.pk}&year=2026&format=docx").status_code == 404
    )


def test_the_api_follows_the_agreement(client, planned, office_user):
    client.force_login(office_user)
    response = client.patch(
        f"/api/agreements/{planned.pk}/",
        {"signed_on": "2026-11-20", "term_months": 36},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["status"] == "signed" and data["expires_on"] == "2029-11-19"
    assert data["signing_report_due_on"] == "2026-12-05"
    assert data["signing_report_overdue"] is (D(2026, 12, 5) < TODAY)


def test_the_partners_page_shows_the_terms_and_the_renewal(client, planned, office_user, province):
    from doingoai.partners.models import Partner

    partner = Partner.objects.create(
        province=province, name="Đại học Quốc gia Lào", key="org:dhqg-lao", kind="organisation", country="LA"
    )
    services.agreement_update(
        planned,
        user=office_user,
        values={"partner": partner, "signed_on": D(2021, 5, 4), "status": "in_force", "term_months": 60},
    )
    renewal = services.agreement_renew(planned, user=office_user, values={"signed_on": D(2026, 5, 1)})
    client.force_login(office_user)
    page = client.get(f"/doi-tac/{partner.pk}/").content.decode()
    assert "04/05/2021" in page and "03/05/2026" in page and "đã gia hạn" in page
    assert renewal.title in page and "01/05/2026" in page
    country = client.get("/doi-tac/nuoc/LA/").content.decode()
    assert "hiệu lực đến 03/05/2026" in country
