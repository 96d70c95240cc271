"""A collection round's files: the blank forms and the instruction letter the office attaches, every officer downloads."""

from __future__ import annotations

import datetime
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from doingoai.accounts.scoping import scope
from doingoai.collection import services
from doingoai.collection.models import CollectionRound
from doingoai.core.errors import NotAllowed
from doingoai.core.models import Attachment
from doingoai.delegations.models import Delegation

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def round(province, office_user, units):
    return services.round_open(
        user=office_user, province=province, year=2027, deadline=datetime.date(2026, 11, 30)
    )


def docx_bytes(text: str = "Mẫu 04") -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def upload(client, round, name: str, data: bytes, description: str = ""):
    return client.post(
        f"/thu-thap/{round.pk}/tep/them/",
        {"file": SimpleUploadedFile(name, data), "description": description},
        follow=True,
    )


def stored_files(media) -> list:
    folder = media / "attachments"
    return [path for path in folder.rglob("*") if path.is_file()] if folder.exists() else []


def listed(html: str) -> list[str]:
    """The names of the files the round's page lists."""
    return re.findall(r'<li data-file="\d+">\s*<a href="/tep-dinh-kem/\d+/">([^<]+)</a>', html)


def test_the_office_attaches_a_form_every_officer_of_the_province_downloads(
    client, media, round, office_user, school_user, make_user, other_province
):
    data = docx_bytes()
    client.force_login(office_user)
    response = upload(client, round, "Mau-04.docx", data, description="Mẫu 04: đoàn ra")
    html = response.content.decode()
    assert "Đã đính kèm tệp Mau-04.docx." in html
    attachment = Attachment.objects.get()
    assert (attachment.kind, attachment.format, attachment.uploaded_by) == ("form", "docx", office_user)
    assert attachment.target == round and attachment.description == "Mẫu 04: đoàn ra"
    assert listed(html) == ["Mau-04.docx"]
    assert f"/thu-thap/{round.pk}/tep/{attachment.pk}/xoa/" in html  # the office may remove it

    client.force_login(school_user)  # a unit officer of the province
    page = client.get("/thu-thap/").content.decode()
    assert listed(page) == ["Mau-04.docx"] and "Mẫu 04: đoàn ra" in page
    assert "/tep/them/" not in page and "/xoa/" not in page  # neither upload form nor remove button
    download = client.get(f"/tep-dinh-kem/{attachment.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == data
    assert "attachment" in download["Content-Disposition"]  # Word files download

    stranger = make_user("office", None, provinces=[other_province], username="ngoai-tinh")
    client.force_login(stranger)
    assert client.get(f"/tep-dinh-kem/{attachment.pk}/").status_code == 404
    assert (
        client.post(f"/thu-thap/{round.pk}/tep/them/", {"file": SimpleUploadedFile("a.pdf", PDF)}).status_code
        == 404
    )
    assert Attachment.objects.count() == 1


def test_a_unit_officer_cannot_attach(client, media, round, school_user):
    client.force_login(school_user)
    response = upload(client, round, "Mau-05.docx", docx_bytes("Mẫu 05"))
    assert services.OFFICE_ONLY in response.content.decode()
    assert not Attachment.objects.exists() and stored_files(media) == []
    with pytest.raises(NotAllowed):
        services.round_attach(round, user=school_user, name="Mau-05.docx", data=docx_bytes())
    assert not Attachment.objects.exists() and stored_files(media) == []


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("Mau-04.docx", b"MZ\x90\x00\x03 this is a program, not a Word file", "không phải PDF, JPEG, PNG"),
        ("Mau-04.docx", b"PK\x03\x04 broken zip", "bị hỏng"),
        ("rong.pdf", b"", "không có nội dung"),
    ],
)
def test_a_bad_file_is_refused_in_vietnamese(client, media, round, office_user, name, data, message):
    client.force_login(office_user)
    response = upload(client, round, name, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Chưa đính kèm được" in html and message in html
    assert not Attachment.objects.exists() and stored_files(media) == []
    assert listed(html) == []


def test_a_file_too_big_is_refused(client, media, settings, round, office_user):
    settings.DOINGOAI_ATTACHMENT_MAX_BYTES = 1024
    client.force_login(office_user)
    html = upload(client, round, "huong-dan.pdf", PDF + b"0" * 2000).content.decode()
    assert "quá lớn" in html and not Attachment.objects.exists() and stored_files(media) == []


def test_removing_a_file_hides_it(client, media, round, office_user, school_user):
    letter = services.round_attach(
        round, user=office_user, name="Cong-van.pdf", data=PDF, description="Hướng dẫn"
    )
    form = services.round_attach(round, user=office_user, name="Mau-04.docx", data=docx_bytes())

    client.force_login(school_user)  # a unit officer may not remove
    response = client.post(f"/thu-thap/{round.pk}/tep/{letter.pk}/xoa/", follow=True)
    assert services.OFFICE_ONLY in response.content.decode()
    assert listed(response.content.decode()) == ["Cong-van.pdf", "Mau-04.docx"]

    client.force_login(office_user)
    response = client.post(f"/thu-thap/{round.pk}/tep/{letter.pk}/xoa/", follow=True)
    html = response.content.decode()
    assert "Đã xóa tệp Cong-van.pdf." in html and listed(html) == ["Mau-04.docx"]
    letter.refresh_from_db()
    assert letter.deleted_at is not None and letter.file.storage.exists(letter.file.name)  # kept, hidden
    assert client.get(f"/tep-dinh-kem/{letter.pk}/").status_code == 404
    assert client.post(f"/thu-thap/{round.pk}/tep/{letter.pk}/xoa/").status_code == 404  # already gone
    client.force_login(school_user)
    assert listed(client.get("/thu-thap/").content.decode()) == ["Mau-04.docx"]
    assert client.get(f"/tep-dinh-kem/{form.pk}/").status_code == 200


def test_a_round_file_is_removed_only_through_its_round(client, media, round, office_user, delegation):
    """The remove URL of one round does not reach a file of another record."""
    other = services.round_attach(round, user=office_user, name="Mau-05.docx", data=docx_bytes())
    later = services.round_open(
        user=office_user, province=round.province, year=2028, deadline=datetime.date(2027, 11, 30)
    )
    client.force_login(office_user)
    assert client.post(f"/thu-thap/{later.pk}/tep/{other.pk}/xoa/").status_code == 404
    other.refresh_from_db()
    assert other.deleted_at is None


def test_scope_filters_deleted_rows_only_of_models_that_hide_them(
    office_user, round, delegation, make_user, other_province
):
    assert list(scope(CollectionRound.objects.all(), office_user)) == [round]
    stranger = make_user("office", None, provinces=[other_province], username="ngoai-tinh")
    assert not scope(CollectionRound.objects.all(), stranger).exists()
    kept, hidden = delegation(name="Đoàn còn"), delegation(name="Đoàn đã xóa")
    Delegation.objects.filter(pk=hidden.pk).update(
        deleted_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    )
    assert list(scope(Delegation.objects.all(), office_user)) == [kept]
