"""The web application's command line: ``doingoai import``, and Vietnamese help and errors."""

from __future__ import annotations

import csv
import io
import re

import pytest

from doingoai.agreements.models import Agreement
from doingoai.cli import main
from doingoai.delegations.models import Delegation
from doingoai.plans.models import PlanDocument
from tests.conftest import sample

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_import_previews_then_saves_with_yes(capsys, admin_user, province, tmp_path):
    plan = sample("002")
    assert main(["import", str(plan), "--province", "thai nguyen"]) == 0
    out = capsys.readouterr().out
    assert "Thái Nguyên · Kế hoạch 65/KH-UBND (2024) · văn bản mới" in out
    new = int(re.search(r"mới (\d+)", out).group(1))
    assert new > 40 and "Chưa lưu gì (xem trước)" in out and "Hàng cần xem lại:" in out
    assert not Delegation.objects.exists() and not PlanDocument.objects.exists()

    assert main(["import", str(plan), "--province", "Thái Nguyên", "--yes"]) == 0
    out = capsys.readouterr().out
    assert f"Đã lưu: {new} mới" in out
    assert Delegation.objects.count() + Agreement.objects.count() == new
    assert set(Delegation.objects.values_list("status", flat=True)) == {"approved"}
    assert Delegation.objects.first().history.last().history_user == admin_user  # as the administrator

    assert main(["import", str(plan), "--province", "Thái Nguyên"]) == 0
    assert "đã nhập trước đây" in capsys.readouterr().out


def test_a_bad_file_gets_one_line_and_the_others_are_imported(capsys, admin_user, province, tmp_path):
    bad = tmp_path / "hong.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    code = main(
        [
            "import",
            str(bad),
            str(tmp_path / "khong-co.txt"),
            str(sample("002")),
            "--province",
            "Thái Nguyên",
            "--yes",
        ]
    )
    captured = capsys.readouterr()
    assert code == 1
    assert "hong.docx" in captured.err and "khong-co.txt: không mở được tệp" in captured.err
    assert "2/3 tệp không nhập được" in captured.err
    assert PlanDocument.objects.count() == 1


def test_import_as_a_unit_officer_follows_the_units_rules(capsys, school_user, province):
    code = main(
        ["import", str(sample("002")), "--province", "Thái Nguyên", "--as", school_user.username, "--yes"]
    )
    assert code == 1  # the People's Committee's plan is not a unit's to bring in
    assert "đơn vị chỉ nhập đề xuất của chính đơn vị mình" in capsys.readouterr().err
    assert not PlanDocument.objects.exists()


def test_import_without_an_administrator_says_what_to_do(capsys, province):
    assert main(["import", str(sample("002")), "--province", "Thái Nguyên"]) == 1
    assert "Chưa có tài khoản quản trị hệ thống" in capsys.readouterr().err


def test_an_unknown_province_is_named(capsys, admin_user, province):
    assert main(["import", str(sample("002")), "--province", "Atlantis"]) == 1
    assert "Không có tỉnh «Atlantis» (các tỉnh: Thái Nguyên)" in capsys.readouterr().err


def test_help_and_errors_in_vietnamese(capsys):
    with pytest.raises(SystemExit):
        main(["import", "--help"])
    out = capsys.readouterr().out
    assert "show this help message" not in out and "positional arguments" not in out and "usage:" not in out
    assert "TỆP" in out and "--province TỈNH" in out
    with pytest.raises(SystemExit) as exit_info:
        main(["import", "a.txt"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "--province" in err and "the following arguments are required" not in err


def test_csv_never_carries_a_formula(tmp_path, capsys):
    plan = tmp_path / "cong-thuc.txt"
    plan.write_text(
        "KẾ HOẠCH ĐOÀN RA NĂM 2025\n"
        "TT\tTên đoàn\tTrưởng đoàn\tNước đi\tĐối tác làm việc\tNội dung hoạt động\tSố người\tSố ngày\t"
        "Thời gian thực hiện\tKinh phí\tGhi chú\n"
        '1\t=HYPERLINK("http://x","Đoàn")\t+Nguyễn Văn A\tLào\t@đối tác\t-làm việc\t5\t6\tQuý II/2025\t'
        "Ngân sách tỉnh\t\n",
        encoding="utf-8",
    )
    assert main(["extract", str(plan), "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    cells = [cell for row in rows for cell in row]
    assert '\'=HYPERLINK("http://x","Đoàn")' in cells and "'+Nguyễn Văn A" in cells
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@"))]


def test_export_appendix_takes_the_issues_options_a_version_included(capsys, admin_user, province, tmp_path):
    """``doingoai export appendix … --version N``: Django keeps ``--version`` for itself, the CLI maps it."""
    from doingoai.consolidation import services as consolidation

    assert main(["import", str(sample("002")), "--province", "Thái Nguyên", "--yes"]) == 0
    version = consolidation.version_create(user=admin_user, province=province, year=2024, kind="plan")
    expected = version.entries.filter(level="department", direction="out").count()
    assert expected
    capsys.readouterr()
    out = tmp_path / "phu-luc.xlsx"
    options = ["--province", "thai nguyen", "--year", "2024", "--direction", "out", "--level", "department"]
    assert main(["export", "appendix", *options, "--format", "xlsx", "-o", str(out), "--version", "1"]) == 0
    assert f"{expected} đoàn" in capsys.readouterr().out and out.stat().st_size
    assert main(["export", "appendix", *options, "--format", "xlsx", "-o", str(out), "--version", "7"]) == 1
    assert "không có phiên bản số 7" in capsys.readouterr().err
