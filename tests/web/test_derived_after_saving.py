"""An import in the browser answers once its records are saved; the warnings of the plan and the
partners' links it implies are written right after, in a thread of their own (real commits: a
transactional test)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from benchmarks.import_plan import HEADER
from doingoai.core.services import derived_after_saving, wait_for_derived
from doingoai.delegations.models import Delegation
from doingoai.rules.models import Warning
from tests.extraction.builders import write_docx
from tests.web.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def in_background(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DOINGOAI_DERIVED_IN_BACKGROUND = True
    yield
    wait_for_derived()


def _plan(tmp_path) -> bytes:
    rows = [
        HEADER,
        # 25 people and 14 days: over the limits of max_people and max_days
        [
            "1",
            "Đoàn Sở Công Thương đi tỉnh Champasak",
            "Giám đốc Sở",
            "Lào",
            "Sở Công Thương tỉnh Champasak",
            "Xúc tiến thương mại",
            "25",
            "14",
            "Tháng 7/2025",
            "Ngân sách tỉnh",
            "",
        ],
    ]
    table = {"title": ["Phụ lục I", "KẾ HOẠCH ĐOÀN RA NĂM 2025 CỦA CÁC SỞ, BAN, NGÀNH"], "rows": rows}
    return write_docx(
        tmp_path / "ke-hoach.docx",
        [
            "ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN",
            "Số: 41/KH-UBND",
            "Thái Nguyên, ngày 05 tháng 3 năm 2025",
            "KẾ HOẠCH",
            "Đoàn ra năm 2025",
            table,
        ],
    ).read_bytes()


def test_the_import_answers_then_the_warnings_and_partners_follow(client, office_user, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.login(username=office_user.username, password=PASSWORD)
    started = client.post(
        reverse("plans:import_start"), {"files": [SimpleUploadedFile("ke-hoach.docx", _plan(tmp_path))]}
    )
    preview_url = started["Location"]
    answer = client.post(preview_url.rstrip("/") + "/xac-nhan/", {})
    assert answer.status_code == 302
    delegation = Delegation.objects.get(name="Đoàn Sở Công Thương đi tỉnh Champasak")
    wait_for_derived()
    rules = set(Warning.objects.filter(delegation=delegation, active=True).values_list("rule", flat=True))
    assert {"max_people", "max_days"} <= rules
    assert delegation.partner_records.filter(subdivision="LA-CH").exists()
    history = Warning.history.filter(delegation_id=delegation.pk).first()
    assert history is not None and history.history_change_reason == "Kiểm tra theo quy định"


def test_a_failed_block_works_out_nothing(office_user):
    from doingoai.core.services import derived_soon

    done = []
    with pytest.raises(RuntimeError), derived_after_saving():
        derived_soon(("x",), lambda: done.append(1))
        raise RuntimeError("the save failed")
    wait_for_derived()
    assert done == []
    with derived_after_saving():
        derived_soon(("x",), lambda: done.append(1))
        derived_soon(("x",), lambda: done.append(2))  # the same key: once
    wait_for_derived()
    assert done == [1]
