"""A large plan in the browser: the preview paged, every field correctable, the upload's limits, bulk saving.

The plans are real Excel files written with openpyxl by the import
benchmark's builder (``benchmarks/import_plan.py``): a title block and the
outbound table of Mẫu 04, every row different.
"""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from benchmarks.import_plan import plan_xlsx
from doingoai.delegations.models import Delegation, Transition
from doingoai.plans import importer
from tests.conftest import sample
from tests.web.test_import import confirm_url, login, review_docx, token_of, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STATIC_ROOT = tmp_path
    return settings.MEDIA_ROOT


def rows_shown(html: str) -> list[str]:
    return re.findall(r'id="hang-(\d+_\d+)"', html)


def preview_post(client, preview_url: str, data: dict):
    return client.post(preview_url.split("?")[0], data)


def test_a_large_plan_is_previewed_a_page_at_a_time(client, office_user, units):
    login(client, office_user)
    url, response = upload(client, ("ke-hoach-120.xlsx", plan_xlsx(120, 31)))
    html = response.content.decode()
    assert response.status_code == 200
    assert rows_shown(html) == [f"0_{i}" for i in range(50)]
    assert "120 hàng · trang 1/3" in html
    assert "10/01/2025" in html  # the document's date as the officer writes it, not 2025-01-10

    page3 = client.get(url + "?trang=3")
    assert rows_shown(page3.content.decode()) == [f"0_{i}" for i in range(100, 120)]
    # a page out of range shows the nearest one
    assert rows_shown(client.get(url + "?trang=99").content.decode()) == rows_shown(page3.content.decode())


def test_each_pages_decisions_are_kept_and_saved_together(client, office_user, units):
    login(client, office_user)
    url, _ = upload(client, ("ke-hoach-120.xlsx", plan_xlsx(120, 32)))
    school = units["school"]

    # page 1: a corrected name, a skipped row, the unit for rows without one; then to page 3
    response = preview_post(
        client,
        url,
        {
            "trang": "1",
            "r0_0_name": "Đoàn đã sửa tên",
            "r0_1_skip": "on",
            "d0_default_owner": str(school.pk),
            "sang_trang": "3",
        },
    )
    assert response.status_code == 302 and response["Location"].endswith("?trang=3")
    pending = importer.load_pending(token_of(url), office_user)
    assert pending.choices == {
        "r0_0_name": "Đoàn đã sửa tên",
        "r0_1_skip": "on",
        "d0_default_owner": str(school.pk),
    }

    # back on page 1, the decisions are shown as they were left
    html = client.get(url + "?trang=1").content.decode()
    assert "Đoàn đã sửa tên</textarea>" in html
    assert re.search(r'name="r0_1_skip"[^>]*checked', html)

    # the confirm from page 3 takes that page's correction and every kept one
    response = client.post(confirm_url(url), {"trang": "3", "r0_110_people_max": "7"})
    assert response.status_code == 302, response.content.decode()[:3000]
    saved = Delegation.objects.filter(plan_document__number="32/KH-UBND")
    assert saved.count() == 119
    assert saved.get(tt="1").name == "Đoàn đã sửa tên"
    assert not saved.filter(tt="2").exists()
    assert saved.get(tt="111").people_max == 7
    assert set(saved.values_list("owner", flat=True)) == {school.pk}
    assert "people_max" in saved.get(tt="111").edited_fields


def test_a_wrong_value_keeps_the_officer_on_the_page(client, office_user, units):
    login(client, office_user)
    url, _ = upload(client, ("ke-hoach-60.xlsx", plan_xlsx(60, 33)))
    response = preview_post(
        client, url, {"trang": "1", "r0_3_period_start": "tháng mười ba", "sang_trang": "2"}
    )
    assert response.status_code == 400
    assert "Tháng không hợp lệ" in response.content.decode()
    assert importer.load_pending(token_of(url), office_user).choices == {}


def test_a_decision_no_longer_valid_is_shown_on_its_page_at_the_confirm(client, office_user, units):
    from doingoai.organization.models import Unit

    login(client, office_user)
    url, _ = upload(client, ("ke-hoach-80.xlsx", plan_xlsx(80, 34)))
    doomed = Unit.objects.create(province=units["school"].province, name="Trường Trung cấp Nghề")
    # decided on page 2 before someone deleted the unit
    assert (
        preview_post(
            client, url, {"trang": "2", "r0_60_owner": str(doomed.pk), "sang_trang": "1"}
        ).status_code
        == 302
    )
    Unit.objects.filter(pk=doomed.pk).update(deleted_at="2026-01-01T00:00:00Z")
    response = client.post(confirm_url(url), {"trang": "1"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Có giá trị chưa hợp lệ ở trang 2" in html
    assert "0_60" in rows_shown(html)
    assert not Delegation.objects.filter(plan_document__number="34/KH-UBND").exists()


def test_the_filters_show_the_rows_to_look_at(client, office_user, units):
    login(client, office_user)
    url, _ = upload(client, sample("002"))
    pending = importer.load_pending(token_of(url), office_user)
    preview = importer.build_preview(pending, office_user)
    expected = [row.key for doc in preview.importable for row in doc.rows if row.needs_look(True)]
    assert 0 < len(expected) < 48
    html = client.get(url + "?loc=xem-lai").content.decode()
    assert rows_shown(html) == expected
    # choosing a filter keeps the page's decisions and starts at its first page
    response = preview_post(client, url, {"trang": "1", "r0_0_leader": "Giám đốc Sở", "sang_loc": "xem-lai"})
    assert response.status_code == 302 and response["Location"].endswith("?trang=1&loc=xem-lai")
    assert importer.load_pending(token_of(url), office_user).choices == {"r0_0_leader": "Giám đốc Sở"}


def test_every_field_read_can_be_corrected(client, office_user, units, tmp_path):
    login(client, office_user)
    url, response = upload(client, review_docx(tmp_path))
    html = response.content.decode()
    for name in importer.EDITABLE_FIELDS["delegation"]:
        assert f'name="r0_0_{name}"' in html, name
    response = client.post(
        confirm_url(url),
        {
            "r0_0_direction": "in",
            "r0_0_level": "province",
            "r0_0_year": "2026",
            "r0_0_partners": "Đại học Quốc gia Lào",
            "r0_0_activities": "Ký biên bản ghi nhớ",
            "r0_0_duration_min": "4",
            "r0_0_duration_max": "5.5",
            "r0_0_notes": "Chờ thư mời",
            "r0_0_host_unit": "Sở Giáo dục và Đào tạo",
            "r0_1_countries": "Lào",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    row = Delegation.objects.get(tt="1.1")
    assert (row.direction, row.level, row.year) == ("in", "province", 2026)
    assert row.partners == "Đại học Quốc gia Lào" and row.activities == "Ký biên bản ghi nhớ"
    assert (float(row.duration_min), float(row.duration_max)) == (4.0, 5.5)
    assert row.notes == "Chờ thư mời" and row.host_unit == "Sở Giáo dục và Đào tạo"
    assert {"direction", "level", "year", "partners", "activities", "duration_min", "notes"} <= set(
        row.edited_fields
    )
    # a correction answers the reader's doubt about that field
    other = Delegation.objects.get(tt="1.2")
    assert other.countries == ["LA"] and not [r for r in other.review if r.get("field") == "countries"]


def test_wrong_durations_and_years_are_refused_in_vietnamese(client, office_user, units, tmp_path):
    login(client, office_user)
    url, _ = upload(client, review_docx(tmp_path))
    response = client.post(
        confirm_url(url), {"r0_0_duration_min": "9", "r0_0_duration_max": "3", "r0_0_year": "20255"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Số ngày tối thiểu không được lớn hơn số ngày tối đa." in html
    assert "Giá trị phải nhỏ hơn hoặc bằng 2100." in html
    assert not Delegation.objects.exists()


# --------------------------------------------------------------------------- limits


def test_too_many_files_are_refused(client, office_user, settings):
    login(client, office_user)
    files = [_upload(f"tep-{i}.txt", b"x") for i in range(importer.MAX_FILES + 1)]
    response = client.post(reverse("plans:import_start"), {"files": files})
    assert response.status_code == 400
    assert f"mỗi lần tối đa {importer.MAX_FILES} tệp" in response.content.decode()


def test_files_too_heavy_together_are_refused(client, office_user, monkeypatch):
    monkeypatch.setattr(importer, "MAX_UPLOAD_BYTES", 1024 * 1024)
    login(client, office_user)
    files = [_upload(f"tep-{i}.txt", b"x" * 600 * 1024) for i in range(2)]
    response = client.post(reverse("plans:import_start"), {"files": files})
    assert response.status_code == 400
    assert "mỗi lần tối đa 1 MB" in response.content.decode()


def test_too_many_rows_are_refused_and_nothing_is_kept(client, office_user, units, media, monkeypatch):
    monkeypatch.setattr(importer, "MAX_IMPORT_ROWS", 100)
    login(client, office_user)
    response = client.post(
        reverse("plans:import_start"),
        {"files": [_upload("a.xlsx", plan_xlsx(60, 35)), _upload("b.xlsx", plan_xlsx(60, 36))]},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "mỗi lần nhập trên trình duyệt tối đa 100 hàng" in html
    assert "b.xlsx" in html
    pending = media / importer.PENDING_FOLDER
    assert not pending.exists() or not any(pending.iterdir())


def _upload(name: str, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


# --------------------------------------------------------------------------- saving


def _save(office_user, count: int, number: int):
    """The import's outcome, and its queries but those of the rules' warnings (counted apart below)."""
    pending = importer.stage([(f"ke-hoach-{number}.xlsx", plan_xlsx(count, number))], office_user)
    with CaptureQueriesContext(connection) as queries:
        outcome = importer.apply(pending, office_user, importer.Decisions())
    importer.discard(pending)
    rules = [q for q in queries.captured_queries if "rules_" in q["sql"]]
    # the warnings of the plan year: read, then added, changed and cleared in bulk (each at most once)
    assert len(rules) <= 10, [q["sql"][:80] for q in rules]
    return outcome, len(queries) - len(rules)


def test_saving_takes_the_same_queries_for_30_rows_as_for_150(office_user, units, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    small, small_queries = _save(office_user, 30, 41)
    large, large_queries = _save(office_user, 150, 42)
    assert (small.total("created"), large.total("created")) == (30, 150)
    assert large_queries == small_queries, (small_queries, large_queries)
    # the history and the life of every row are written all the same
    saved = Delegation.objects.filter(plan_document__number="42/KH-UBND")
    assert Delegation.history.filter(id__in=saved.values("id"), history_type="+").count() == 150
    history = Delegation.history.filter(id=saved.first().pk).get()
    assert (
        history.history_user == office_user
        and history.history_change_reason == "Nhập từ văn bản ke-hoach-42.xlsx"
    )
    assert Transition.objects.filter(delegation__in=saved, action="create", user=office_user).count() == 150
    assert all(row.search_text and row.countries_key for row in saved)


def test_each_history_record_holds_exactly_what_its_row_holds(office_user, units, settings, tmp_path):
    """The bulk history shares the values sent for the rows: read back, every tracked field is equal."""
    settings.MEDIA_ROOT = tmp_path
    _save(office_user, 20, 43)
    saved = Delegation.objects.filter(plan_document__number="43/KH-UBND").order_by("pk")
    tracked = [field.attname for field in Delegation.history.model.tracked_fields]
    assert {"source", "countries", "period_start", "created_at", "owner_id", "id"} <= set(tracked)
    records = {record.id: record for record in Delegation.history.filter(id__in=saved.values("id"))}
    assert len(records) == 20
    for row in saved:
        record = records[row.pk]
        differing = [name for name in tracked if getattr(record, name) != getattr(row, name)]
        assert differing == [], differing
        assert row.source and record.source == row.source


def test_more_files_than_the_server_takes_get_a_vietnamese_page(client, office_user, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 3
    login(client, office_user)
    files = [_upload(f"tep-{i}.txt", b"x") for i in range(4)]
    response = client.post(reverse("plans:import_start"), {"files": files})
    assert response.status_code == 400
    assert "Gửi quá nhiều tệp trong một lần" in response.content.decode()


def test_the_confirmed_preview_is_used_only_while_nothing_was_written(office_user, units, monkeypatch):
    """Saving takes the preview the officer confirmed when the provinces' records are as they were;
    when another import saved the same document in between, it computes the preview again, and
    the rows already stored are recognised, not stored twice."""
    from doingoai.plans.importer import saving

    built = []
    original = saving.build_preview
    monkeypatch.setattr(saving, "build_preview", lambda *a, **k: built.append(1) or original(*a, **k))
    first = importer.stage([("ke-hoach-40.xlsx", plan_xlsx(40, 40))], office_user)
    second = importer.stage([("ke-hoach-40.xlsx", plan_xlsx(40, 40))], office_user)
    stale = importer.build_preview(second, office_user, stamped=True)
    assert stale.stamp is not None and stale.documents[0].existing is None
    importer.apply(first, office_user, importer.Decisions())  # someone else saves it first
    assert importer.stored_stamp([units["office"].province_id]) != stale.stamp
    built.clear()
    outcome = importer.apply(second, office_user, importer.Decisions(), preview=stale)
    assert built == [1]  # computed again under the lock
    assert outcome.total("created") == 0 and outcome.total("unchanged") == 40
    assert Delegation.objects.filter(plan_document__number="40/KH-UBND").count() == 40

    # nothing written since: the preview confirmed is the one saved
    third = importer.stage([("ke-hoach-41.xlsx", plan_xlsx(5, 41))], office_user)
    fresh = importer.build_preview(third, office_user, stamped=True)
    built.clear()
    outcome = importer.apply(third, office_user, importer.Decisions(), preview=fresh)
    assert built == [] and outcome.total("created") == 5
    for pending in (first, second, third):
        importer.discard(pending)
