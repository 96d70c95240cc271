"""Importing plan documents in the browser: preview, decide, confirm, re-import.

Real files only: the sample plans and a Word document written with
python-docx. Every test runs on SQLite and on PostgreSQL (``DATABASE_URL``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from benchmarks.import_plan import HEADER  # the columns of Mẫu 04, as the benchmark writes them
from doingoai.agreements.models import Agreement
from doingoai.delegations.models import Delegation, Transition
from doingoai.organization.models import Unit
from doingoai.plans import importer
from doingoai.plans.models import PlanDocument
from tests.conftest import sample
from tests.extraction.builders import document_from_text, write_docx, write_xlsx
from tests.web.conftest import PASSWORD

THAI_NGUYEN = "002"  # the sample of the conftest's province: 46 delegations, 2 agreements


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STATIC_ROOT = tmp_path  # an existing folder: no warning from the static files' middleware
    return settings.MEDIA_ROOT


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def upload(client, *files, **extra):
    """POST files (path or (name, bytes)) to the upload page; the preview's URL and response."""
    payload = []
    for item in files:
        if isinstance(item, Path):
            payload.append(_named(item.name, item.read_bytes()))
        else:
            payload.append(_named(*item))
    response = client.post(reverse("plans:import_start"), {"files": payload, **extra})
    assert response.status_code == 302, response.content[:2000]
    preview_url = response["Location"]
    return preview_url, client.get(preview_url)


def _named(name: str, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def confirm_url(preview_url: str) -> str:
    return preview_url.rstrip("/") + "/xac-nhan/"


def token_of(preview_url: str) -> str:
    return re.search(r"/nhap/([0-9a-f]{32})/", preview_url).group(1)


def review_docx(tmp_path) -> Path:
    """A Word plan of Thái Nguyên with two rows: one complete, one without country and a vague time."""
    rows = [
        HEADER,
        ["<b>1</b>", "<b>Trường Cao đẳng Thái Nguyên</b>", "", "", "", "", "", "", "", "", ""],
        [
            "1.1",
            "Đoàn cán bộ Trường Cao đẳng Thái Nguyên",
            "Lê Kim Anh - Phó Hiệu trưởng",
            "Lào",
            "Sở Giáo dục và Thể thao tỉnh Luông Pha Bông",
            "Trao đổi tuyển sinh",
            "5",
            "6",
            "Tháng 7/2025",
            "Đối tác chi trả",
            "",
        ],
        [
            "1.2",
            "Đoàn giáo viên Trường Cao đẳng Thái Nguyên",
            "Trần Văn Quyết - Hiệu trưởng",
            "",
            "Các trường nghề",
            "Học tập kinh nghiệm",
            "8",
            "5",
            "sắp tới",
            "Ngân sách tỉnh",
            "",
        ],
    ]
    table = {
        "title": ["Phụ lục I", "KẾ HOẠCH ĐOÀN RA NĂM 2025 CỦA CÁC SỞ, BAN, NGÀNH, ĐỊA PHƯƠNG THUỘC TỈNH"],
        "rows": rows,
    }
    return write_docx(
        tmp_path / "ke-hoach-truong.docx",
        [
            "ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN",
            "Số: 12/KH-UBND",
            "Thái Nguyên, ngày 05 tháng 3 năm 2025",
            "KẾ HOẠCH",
            "Đoàn ra năm 2025 của Trường Cao đẳng Thái Nguyên",
            table,
        ],
    )


def stored_counts():
    return (
        PlanDocument.objects.count(),
        Delegation.objects.count(),
        Agreement.objects.count(),
        Unit.objects.count(),
        Delegation.history.count(),
        PlanDocument.history.count(),
    )


# --------------------------------------------------------------------------- preview


def test_preview_marks_rows_needing_review_with_reasons(client, office_user, tmp_path):
    login(client, office_user)
    _url, response = upload(client, review_docx(tmp_path))
    assert response.status_code == 200
    html = response.content.decode()
    assert "ke-hoach-truong.docx" in html
    rows = re.findall(r'<tr class="([^"]*)" id="hang-0_(\d+)">', html)
    assert [(("review" in classes), index) for classes, index in rows] == [(False, "0"), (True, "1")]
    assert 'class="review-reasons"' in html
    assert "Chưa ghi nước đi/đến" in html
    assert "Không hiểu thời gian thực hiện: «sắp tới»" in html
    # the unit named in the document is proposed: the fixture's school is selected
    assert "Trường Cao đẳng Thái Nguyên" in html
    assert stored_counts()[:4] == (0, 0, 0, 3)  # nothing stored before the confirm


def test_sample_preview_shows_every_record_and_document_conflicts(client, office_user):
    login(client, office_user)
    _url, response = upload(client, sample(THAI_NGUYEN))
    html = response.content.decode()
    assert html.count('id="hang-0_') == 48
    assert "Văn bản ghi số khác nhau" in html  # 65/KH-UBND vs 67/KH-UBND
    # a routine note of the reader is shown with its row, without marking it for review
    assert "Thời gian không ghi năm: đã lấy năm 2024 của kế hoạch" in html
    assert "Thỏa thuận quốc tế" in html
    # a unit the province lacks is offered, never created silently
    assert "Tạo đơn vị mới: UBND huyện Định Hóa" in html


def test_word_and_excel_files_are_recognised_by_content(client, office_user, tmp_path):
    """The sample as a workbook named .bin and as a Word file: the content decides, not the name."""
    blocks = document_from_text(sample(THAI_NGUYEN))
    workbook = write_xlsx(tmp_path / "bang.xlsx", blocks, one_sheet=True)
    login(client, office_user)
    _url, response = upload(client, ("ke-hoach.bin", workbook.read_bytes()), review_docx(tmp_path))
    html = response.content.decode()
    assert "Không đọc được" not in html
    assert html.count('id="hang-0_') >= 40  # the workbook's rows
    assert html.count('id="hang-1_') == 2  # the Word file's two rows


# --------------------------------------------------------------------------- confirm


def test_confirm_saves_everything_with_provenance(client, office_user, units, media):
    login(client, office_user)
    url, _ = upload(client, sample(THAI_NGUYEN))
    preview = importer.build_preview(importer.load_pending(token_of(url), office_user), office_user)
    dinh_hoa = next(r for r in preview.documents[0].rows if r.values["unit_heading"] == "UBND huyện Định Hóa")
    response = client.post(
        confirm_url(url),
        {
            f"r{dinh_hoa.key}_owner": "new:UBND huyện Định Hóa",
            "d0_default_owner": str(units["office"].pk),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == reverse("plans:import_done")

    document = PlanDocument.objects.get()
    data = sample(THAI_NGUYEN).read_bytes()
    import hashlib

    assert document.file_sha256 == hashlib.sha256(data).hexdigest()
    assert document.file and Path(document.file.path).read_bytes() == data
    assert (document.number, document.year, str(document.issued_on)) == ("65/KH-UBND", 2024, "2024-04-09")
    assert {c["field"] for c in document.conflicts} == {"number", "date"}
    assert document.province.name == "Thái Nguyên"

    assert Delegation.objects.filter(plan_document=document).count() == 46
    assert Agreement.objects.filter(plan_document=document).count() == 2
    first = Delegation.objects.get(plan_document=document, source_table=1, source_row="dòng 215")
    assert first.countries == ["RU", "FR", "BE"]
    assert first.source_values["countries"] == "Nga, Pháp, Bỉ"
    assert first.source_values["period"] == "Quý III"
    assert first.source["cells"][3] == "Nga, Pháp, Bỉ"
    assert first.source["file"] == sample(THAI_NGUYEN).name
    assert first.review == []  # a routine note, kept with the source, not a reason to review
    assert [item["code"] for item in first.source["notes"]] == ["period_year_assumed"]
    assert str(first.period_start) == "2024-07-01" and str(first.period_end) == "2024-09-01"

    # owners: matched by name (the KCN board's abbreviation too), created on request, the default for the rest
    school = Delegation.objects.filter(plan_document=document, unit_heading="Trường Cao đẳng Thái Nguyên")
    assert school.count() == 19 and set(school.values_list("owner", flat=True)) == {units["school"].pk}
    board = Delegation.objects.filter(plan_document=document, unit_heading__startswith="Ban Quản lý")
    assert set(board.values_list("owner", flat=True)) == {units["industry"].pk}
    new_unit = Unit.objects.get(name="UBND huyện Định Hóa")
    assert new_unit.kind == Unit.Kind.DISTRICT
    assert Delegation.objects.get(pk=dinh_hoa_pk(document)).owner == new_unit
    # rows left without a unit (the inbound Định Hóa row too: nobody chose) took the default
    assert not Delegation.objects.filter(owner__isnull=True).exists()
    assert (
        Delegation.objects.filter(plan_document=document, unit_heading="", owner=units["office"]).count()
        == 17
    )
    assert Delegation.objects.get(unit_heading="UBND huyện Định Hóa", direction="in").owner == units["office"]

    agreement = Agreement.objects.get(plan_document=document, tt="2")
    assert agreement.countries == ["TH"] and agreement.source["row"] == "dòng 322"
    assert agreement.source["notes"][0]["code"] == "period_year_assumed"
    assert agreement.source_values["title"].startswith("Biên bản ghi nhớ hợp tác")

    # the history records the import as changes by the importing user
    assert first.history.count() == 1
    assert first.history.first().history_user == office_user
    assert document.history.first().history_user == office_user
    assert not (media / importer.PENDING_FOLDER / token_of(url)).exists()

    done = client.get(reverse("plans:import_done"))
    assert (
        "<td>48</td>" in done.content.decode()
        and "UBND huyện Định Hóa (Thái Nguyên)" in done.content.decode()
    )


def dinh_hoa_pk(document) -> int:
    return Delegation.objects.get(
        plan_document=document, unit_heading="UBND huyện Định Hóa", direction="out"
    ).pk


def test_a_failure_mid_save_stores_nothing(client, office_user, media):
    login(client, office_user)
    url, _ = upload(client, sample(THAI_NGUYEN))
    pending = importer.load_pending(token_of(url), office_user)
    records = pending.documents[0]["result"]["delegations"]
    records[-1]["source"] = dict(records[0]["source"])  # two rows claim one source row: a unique clash
    pending.save()
    before = stored_counts()

    # a unit created early in the transaction must disappear with the rest
    response = client.post(confirm_url(url), {"d0_default_owner": "new:UBND huyện Định Hóa"})
    assert response.status_code == 409
    assert "Chưa có gì được lưu" in response.content.decode()
    assert stored_counts() == before
    assert not Unit.objects.filter(name="UBND huyện Định Hóa").exists()
    stored_files = (
        [p for p in (media / "plans").rglob("*") if p.is_file()] if (media / "plans").exists() else []
    )
    assert stored_files == []
    assert (media / importer.PENDING_FOLDER / token_of(url)).exists()  # the officer can still cancel or retry


# --------------------------------------------------------------------------- re-import


def test_reimport_shows_changes_and_does_not_duplicate(client, office_user):
    login(client, office_user)
    url, _ = upload(client, sample(THAI_NGUYEN))
    assert client.post(confirm_url(url)).status_code == 302
    assert Delegation.objects.count() == 46

    # the same file again: everything unchanged, nothing written
    url, response = upload(client, sample(THAI_NGUYEN))
    html = response.content.decode()
    assert "Đã nhập trước đây" in html and "Không đổi: 48" in html
    history = Delegation.history.count()
    assert client.post(confirm_url(url)).status_code == 302
    assert (PlanDocument.objects.count(), Delegation.objects.count(), Agreement.objects.count()) == (1, 46, 2)
    assert Delegation.history.count() == history

    # a corrected version (same number and year, other file): one value changed, one row dropped
    lines = sample(THAI_NGUYEN).read_text(encoding="utf-8").splitlines(keepends=True)
    row_215 = lines[214]
    assert row_215.startswith("1\tĐoàn lãnh đạo tỉnh")
    lines[214] = row_215.replace("\t10\t11\t", "\t12\t11\t")
    dropped = next(i for i, line in enumerate(lines) if line.startswith("1.1\tĐoàn công tác huyện Cheongdo"))
    dropped_name = "Đoàn công tác huyện Cheongdo, tỉnh Gyeongsangbuk-do, Hàn Quốc"
    del lines[dropped]  # the rows below move up one line
    corrected = "".join(lines).encode("utf-8")
    url, response = upload(client, ("65-KH-UBND-ban-sua.txt", corrected))
    html = response.content.decode()
    assert "cùng số 65/KH-UBND, năm 2024" in html
    assert "Có thay đổi" in html
    assert re.search(r"<del>10</del> → <ins>12</ins>", html)
    assert "Không còn trong văn bản: 1" in html and dropped_name in html
    assert "Hàng đã đổi vị trí trong văn bản" in html

    assert client.post(confirm_url(url)).status_code == 302
    assert PlanDocument.objects.count() == 1
    assert Delegation.objects.count() == 46  # no duplicate: 45 kept or updated, 1 hidden
    assert Delegation.objects.active().count() == 45
    changed = Delegation.objects.get(source_table=1, source_row="dòng 215")
    assert (changed.people_min, changed.people_max) == (12, 12)
    assert changed.history.first().history_user == office_user
    gone = Delegation.objects.get(name=dropped_name)
    assert gone.is_deleted
    assert PlanDocument.objects.get().file_name == "65-KH-UBND-ban-sua.txt"


def test_an_officer_edited_field_is_not_overwritten_silently(client, office_user):
    login(client, office_user)
    url, _ = upload(client, sample(THAI_NGUYEN))
    client.post(confirm_url(url))
    row = Delegation.objects.get(source_table=1, source_row="dòng 215")
    original_leader = row.leader
    row.leader = "Đ/c Nguyễn Văn A, Phó Chủ tịch UBND tỉnh"
    row.edited_fields = ["leader"]
    row.save()

    url, response = upload(client, sample(THAI_NGUYEN))
    html = response.content.decode()
    assert "Đã sửa tay" in html and "lấy giá trị của văn bản" in html
    key = next(
        r.key
        for r in importer.build_preview(importer.load_pending(token_of(url), office_user), office_user)
        .documents[0]
        .rows
        if r.source_row == "dòng 215"
    )
    assert f'name="r{key}_overwrite_leader"' in html

    client.post(confirm_url(url))  # not ticked: the officer's value stays
    row.refresh_from_db()
    assert row.leader == "Đ/c Nguyễn Văn A, Phó Chủ tịch UBND tỉnh"
    assert row.edited_fields == ["leader"]

    url, _ = upload(client, sample(THAI_NGUYEN))
    client.post(confirm_url(url), {f"r{key}_overwrite_leader": "on"})  # ticked: the document's value
    row.refresh_from_db()
    assert row.leader == original_leader
    assert row.edited_fields == []


def test_an_officers_edit_of_an_agreement_survives_a_reimport(client, office_user):
    """Edited on its page, through the service: a re-import with the defaults keeps the officer's title."""
    login(client, office_user)
    url, _ = upload(client, sample(THAI_NGUYEN))
    client.post(confirm_url(url))
    agreement = Agreement.objects.order_by("pk").first()
    page = client.get(reverse("agreements:agreement_edit", args=[agreement.pk]))
    data = {name: value for name, value in page.context["form"].initial.items() if value is not None}
    data.update(
        province=agreement.province_id,
        title="Bản ghi nhớ (tên đã sửa)",
        countries="Lào",
        version=agreement.version,
    )
    data["period_start"] = data["period_end"] = ""
    assert client.post(reverse("agreements:agreement_edit", args=[agreement.pk]), data).status_code == 302
    agreement.refresh_from_db()
    assert agreement.title == "Bản ghi nhớ (tên đã sửa)" and "title" in agreement.edited_fields
    url, response = upload(client, sample(THAI_NGUYEN))
    assert "Đã sửa tay" in response.content.decode()
    assert client.post(confirm_url(url)).status_code == 302
    agreement.refresh_from_db()
    assert agreement.title == "Bản ghi nhớ (tên đã sửa)"


def test_corrections_in_the_preview_are_saved_and_remembered(client, office_user, tmp_path):
    login(client, office_user)
    url, _ = upload(client, review_docx(tmp_path))
    response = client.post(
        confirm_url(url),
        {
            "r0_1_countries": "Lào, Campuchia",
            "r0_1_period_start": "2025-09",
            "r0_1_period_end": "2025-10",
            "r0_1_people_max": "10",
            "r0_0_skip": "",
        },
    )
    assert response.status_code == 302
    row = Delegation.objects.get(tt="1.2")
    assert row.countries == ["LA", "KH"]
    assert (str(row.period_start), str(row.period_end)) == ("2025-09-01", "2025-10-01")
    assert (row.people_min, row.people_max) == (8, 10)
    assert set(row.edited_fields) == {"countries", "period_start", "period_end", "people_max"}
    assert row.review == []  # the reasons the corrections answer are gone
    assert row.source_values["period"] == "sắp tới"  # what the document printed is kept


def test_invalid_corrections_are_shown_and_nothing_is_stored(client, office_user, tmp_path):
    login(client, office_user)
    url, _ = upload(client, review_docx(tmp_path))
    response = client.post(confirm_url(url), {"r0_1_countries": "Xứ Sở Thần Tiên", "r0_0_skip": "on"})
    assert response.status_code == 400
    assert "Không nhận ra nước" in response.content.decode()
    assert PlanDocument.objects.count() == 0


def test_skipped_rows_are_not_stored(client, office_user, tmp_path):
    login(client, office_user)
    url, _ = upload(client, review_docx(tmp_path))
    client.post(confirm_url(url), {"r0_1_skip": "on"})
    assert list(Delegation.objects.values_list("tt", flat=True)) == ["1.1"]


# --------------------------------------------------------------------------- bad files, roles


def test_a_bad_file_gets_its_message_and_the_others_are_previewed(client, office_user):
    login(client, office_user)
    url, response = upload(
        client, ("ke-hoach.pdf", b"%PDF-1.7 binary"), ("rong.txt", b""), sample(THAI_NGUYEN)
    )
    html = response.content.decode()
    assert "Tệp ke-hoach.pdf là PDF" in html
    assert "Tệp rong.txt rỗng" in html
    assert html.count('id="hang-2_') == 48
    assert stored_counts()[:3] == (0, 0, 0)

    assert client.post(confirm_url(url)).status_code == 302
    assert list(PlanDocument.objects.values_list("file_name", flat=True)) == [sample(THAI_NGUYEN).name]


def test_only_bad_files_store_nothing(client, office_user):
    login(client, office_user)
    url, response = upload(client, ("bang.xlsx", b"PK\x03\x04 not really a zip"))
    assert response.status_code == 200
    assert "Không có tệp nào đọc được để lưu" in response.content.decode()
    response = client.post(confirm_url(url))
    assert response.status_code == 409
    assert stored_counts()[:3] == (0, 0, 0)


def unit_proposal(unit_header: str = "TRƯỜNG CAO ĐẲNG THÁI NGUYÊN", number: str = "15/KH-CĐTN") -> bytes:
    """A unit's proposal: sample 002's tables under the unit's own header and number."""
    text = sample(THAI_NGUYEN).read_text(encoding="utf-8").replace("Số: 65 /KH-UBND", f"Số: {number}", 1)
    return f"UBND TỈNH THÁI NGUYÊN\n{unit_header}\n{text}".encode()


def test_unit_staff_import_their_own_proposal(client, school_user, units):
    login(client, school_user)
    url, response = upload(client, ("de-xuat-truong.txt", unit_proposal()))
    html = response.content.decode()
    assert "Tạo đơn vị mới" not in html
    assert "Đơn vị không tạo, sửa thỏa thuận quốc tế" in html
    assert client.post(confirm_url(url)).status_code == 302
    assert Delegation.objects.count() == 46
    assert set(Delegation.objects.values_list("owner", flat=True)) == {units["school"].pk}
    assert set(Delegation.objects.values_list("status", flat=True)) == {"submitted"}
    assert not Agreement.objects.exists()  # a unit never creates agreements
    document = PlanDocument.objects.get()
    assert document.owner == units["school"] and document.file_name == "de-xuat-truong.txt"
    assert Unit.objects.count() == 3
    first = Delegation.objects.order_by("pk").first()
    assert [(t.action, t.to_status, t.user) for t in first.transitions.all()] == [
        ("create", "submitted", school_user)
    ]


def test_unit_staff_may_not_import_the_provinces_documents(client, school_user, units):
    login(client, school_user)
    before = stored_counts()
    url, response = upload(client, sample(THAI_NGUYEN))  # the People's Committee's plan
    html = response.content.decode()
    assert "Văn bản do UBND tỉnh Thái Nguyên ban hành: đơn vị chỉ nhập đề xuất của chính đơn vị mình" in html
    response = client.post(confirm_url(url))
    assert response.status_code == 409
    assert stored_counts() == before


def test_unit_staff_may_not_import_another_units_proposal(client, school_user, units):
    login(client, school_user)
    url, response = upload(client, ("kcn.txt", unit_proposal("BAN QUẢN LÝ CÁC KCN", "9/KH-BQL")))
    assert (
        "Văn bản của Ban Quản lý các KCN: đơn vị Trường Cao đẳng Thái Nguyên chỉ nhập được"
        in response.content.decode()
    )
    assert client.post(confirm_url(url)).status_code == 409
    assert not PlanDocument.objects.exists() and not Delegation.objects.exists()


def test_the_offices_document_is_never_replaced_by_a_units_file(client, office_user, school_user, units):
    login(client, office_user)
    url, _ = upload(client, ("ke-hoach-truong.txt", unit_proposal()))
    assert client.post(confirm_url(url)).status_code == 302
    document = PlanDocument.objects.get()
    before = (document.file_sha256, document.file.name, document.version, stored_counts())
    client.logout()
    login(client, school_user)
    changed = unit_proposal().replace(b"\t10\t11\t", b"\t12\t11\t", 1)  # same number and year, other file
    for name, data in (("ban-sua.txt", changed), ("cung-tep.txt", unit_proposal())):
        url, response = upload(client, (name, data))
        assert (
            "đã được Sở Ngoại vụ nhập vào hệ thống: đơn vị không thay thế được" in response.content.decode()
        )
        assert client.post(confirm_url(url)).status_code == 409
    document.refresh_from_db()
    assert (document.file_sha256, document.file.name, document.version, stored_counts()) == before


def test_office_imports_start_by_who_issued_them(client, office_user, units):
    login(client, office_user)
    url, response = upload(client, sample(THAI_NGUYEN))
    assert (
        "Văn bản do UBND tỉnh Thái Nguyên ban hành: các đoàn được coi là đã phê duyệt"
        in response.content.decode()
    )
    assert client.post(confirm_url(url)).status_code == 302
    plan = PlanDocument.objects.get()
    approved = Delegation.objects.filter(plan_document=plan)
    assert set(approved.values_list("status", flat=True)) == {"approved"}
    assert {(d.decision_number, d.decision_date) for d in approved} == {(plan.number, plan.issued_on)}
    steps = Transition.objects.filter(delegation__in=approved)
    assert steps.count() == approved.count()  # one "created" step each, with the approving document
    assert set(
        steps.values_list("action", "from_status", "to_status", "user", "document_number", "document_date")
    ) == {("create", "", "approved", office_user.pk, plan.number, plan.issued_on)}
    assert all(step.changes == {} and step.at <= timezone.now() for step in steps)  # the defaults

    # a unit's proposal brought in by the office: submitted, or what the office chooses
    url, response = upload(client, ("de-xuat.txt", unit_proposal(number="16/KH-CĐTN")))
    assert 'value="submitted" selected' in response.content.decode()
    index = (
        importer.build_preview(importer.load_pending(token_of(url), office_user), office_user)
        .documents[0]
        .index
    )
    assert client.post(confirm_url(url), {f"d{index}_initial_status": "in_plan"}).status_code == 302
    proposal = PlanDocument.objects.exclude(pk=plan.pk).get()
    assert proposal.owner is None and proposal.issuer == "TRƯỜNG CAO ĐẲNG THÁI NGUYÊN"  # the office's copy
    rows = Delegation.objects.filter(plan_document=proposal)
    assert set(rows.values_list("status", flat=True)) == {"in_plan"}
    assert set(rows.values_list("owner", flat=True)) == {units["school"].pk}


def test_leaders_may_not_import(client, leader_user, office_user):
    login(client, office_user)
    url, _ = upload(client, sample(THAI_NGUYEN))
    client.logout()
    login(client, leader_user)
    assert client.get(reverse("plans:import_start")).status_code == 403
    assert client.post(reverse("plans:import_start"), {}).status_code == 403
    assert client.get(url).status_code == 403
    assert client.post(confirm_url(url)).status_code == 403
    assert PlanDocument.objects.count() == 0


def test_someone_elses_pending_import_is_not_reachable(client, office_user, make_user, units):
    login(client, office_user)
    url, _ = upload(client, sample(THAI_NGUYEN))
    client.logout()
    login(client, make_user("office", units["office"], username="sngv2"))
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == reverse("plans:import_start")
    assert client.post(confirm_url(url)).status_code == 302
    assert PlanDocument.objects.count() == 0


def test_a_document_of_another_province_is_refused(client, office_user, other_province):
    login(client, office_user)
    _url, response = upload(client, sample("001"))  # Đồng Nai's plan; the officer sees Thái Nguyên only
    assert "tài khoản của bạn không được nhập cho tỉnh này" in response.content.decode()


def test_cancel_discards_the_upload(client, office_user, media):
    login(client, office_user)
    url, _ = upload(client, sample(THAI_NGUYEN))
    response = client.post(url.rstrip("/") + "/huy/")
    assert response.status_code == 302
    assert not (media / importer.PENDING_FOLDER / token_of(url)).exists()
    assert PlanDocument.objects.count() == 0
