"""The command line: formats, record kinds, review listing, bad input."""

import csv
import io
import json
import os
import subprocess
import sys

from doingoai.cli import main
from tests.conftest import sample


def run(capsys, *args):
    code = main(["extract", *map(str, args)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_default_prints_delegations_as_json_lines(capsys):
    code, out, err = run(capsys, sample("000"))
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and err == ""
    assert len(records) == 20 and all(r["record"] == "delegation" for r in records)
    assert records[0]["doc"] == sample("000").name


def test_json_and_csv_formats(capsys):
    code, out, _ = run(capsys, sample("002"), "--format", "json", "--records", "agreements")
    agreements = json.loads(out)
    assert code == 0 and [a["tt"] for a in agreements] == ["1", "2"]
    code, out, _ = run(capsys, sample("000"), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 20 and rows[0]["countries"] == "LA" and rows[0]["direction"] == "out"


def test_all_records(capsys):
    _, out, _ = run(capsys, sample("002"), "--records", "all")
    kinds = [json.loads(line)["record"] for line in out.splitlines()]
    assert kinds.count("document") == 1 and kinds.count("agreement") == 2
    assert kinds.count("delegation") == 46


def test_review_lists_rows_and_reasons(capsys):
    code, out, _ = run(capsys, sample("004"), "--review")
    assert code == 0
    assert "hàng cần xem lại" in out
    assert "Các ô của hàng bị lệch/dính" in out


def test_bad_files_get_one_line_each_and_the_others_are_read(capsys, tmp_path):
    empty = tmp_path / "rong.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "anh.docx"
    binary.write_bytes(os.urandom(2048))
    code, out, err = run(capsys, empty, binary, tmp_path / "khong-co.txt", sample("000"))
    assert code == 1
    assert len(out.splitlines()) == 20
    lines = err.splitlines()
    assert len(lines) == 4  # one per bad file, then the summary
    assert "rong.txt" in lines[0] and "rỗng" in lines[0]
    assert "anh.docx" in lines[1]
    assert "khong-co.txt" in lines[2] and "Không tìm thấy" in lines[2]
    assert "Traceback" not in err


def test_console_script_runs():
    result = subprocess.run(
        [sys.executable, "-m", "doingoai.cli", "extract", str(sample("001")), "--format", "csv"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    assert len(result.stdout.splitlines()) == 35  # header and 34 delegations


def test_several_processes_print_what_one_prints_in_the_same_order(capsys, tmp_path):
    """``--jobs 2`` reads the files in two processes; the output and the messages are those of one."""
    broken = tmp_path / "hong.docx"
    broken.write_bytes(b"PK\x03\x04" + os.urandom(512))
    files = [sample("004"), sample("000"), broken, sample("002"), sample("001"), sample("003")]
    for options in ((), ("--records", "all"), ("--format", "csv"), ("--format", "json"), ("--review",)):
        one = run(capsys, *files, *options, "--jobs", "1")
        two = run(capsys, *files, *options, "--jobs", "2")
        assert one == two
        code, out, err = two
        assert code == 1 and out
        assert err.splitlines()[0].startswith(f"doingoai: {broken}: ")
        assert err.splitlines()[-1] == "doingoai: 1/6 tệp không đọc được."
    out = run(capsys, *files, "--records", "documents", "--jobs", "2")[1]
    assert [json.loads(line)["doc"] for line in out.splitlines()] == [p.name for p in files if p != broken]
