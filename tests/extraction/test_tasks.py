"""The tasks a plan assigns to units (``extraction.assignments``): the gold of the seeds scored with
the official scorer, seed 004 (no gold) checked by the labelling rules, and small documents in other
layouts and wordings, in text and in real Word files, that check each rule."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from doingoai.extraction.assignments import deadline_of, extract_tasks, split_units
from doingoai.extraction.pipeline import extract_bytes, extract_path, read_source
from tests.conftest import sample
from tests.extraction.builders import document_from_text, write_docx

GOLD = Path(__file__).resolve().parents[3] / "shared" / "gold" / "tasks"
ROOT = Path(__file__).resolve().parents[2]


def tasks_of(text: str, year: int | None = 2025) -> list[dict]:
    return extract_tasks(read_source(text.encode("utf-8"), "van-ban.txt"), year)


def brief(tasks: list[dict]) -> list[tuple]:
    return [(t["tt"], t["lead_units"], t["coordinating_units"]) for t in tasks]


@pytest.mark.skipif(not GOLD.exists(), reason="the gold of ../shared/gold/tasks is not beside the repository")
def test_the_seeds_gold_scores_at_least_095_with_nothing_missed_or_extra(tmp_path):
    predicted = tmp_path / "tasks.jsonl"
    with predicted.open("w", encoding="utf-8") as out:
        for prefix in ("000", "001", "002", "003"):
            for task in extract_path(sample(prefix)).tasks:
                out.write(json.dumps(task, ensure_ascii=False) + "\n")
    gold = sorted(str(path) for path in GOLD.glob("*.tasks.jsonl"))
    scored = subprocess.run(
        [sys.executable, str(GOLD / "score_tasks.py"), *gold, str(predicted), "--min", "0.95"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert scored.returncode == 0, scored.stdout + scored.stderr
    assert "missed 0, extra 0" in scored.stdout, scored.stdout
    accuracy = float(scored.stdout.strip().splitlines()[-1].split()[-1])
    assert accuracy >= 0.95


def test_seed_004_fields_with_their_lead_and_units_as_headings():
    tasks = extract_path(sample("004")).tasks
    assert [t["tt"] for t in tasks] == [f"II.{n}" for n in range(1, 13)] + ["IV.1", "IV.2", "IV.3", "IV.4"]
    first = tasks[0]
    assert (
        first["field"] == "Tuyên truyền, phổ biến các chủ trương, chính sách đối ngoại của Đảng và Nhà nước"
    )
    assert first["lead_units"] == ["Sở Ngoại vụ"]
    assert first["coordinating_units"] == [
        "Sở Thông tin Truyền thông",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Liên hiệp các tổ chức hữu nghị tỉnh",
        "các sở, ban, ngành",
        "UBND các huyện, thành phố",
    ]
    assert (
        first["content"].startswith("Tăng cường công tác lãnh đạo")
        and "Đẩy mạnh công tác thông tin" in first["content"]
    )
    # a descriptive reference is one entry, kept whole; "Cục Hải quan..." loses its dots
    assert tasks[1]["lead_units"][1].startswith("các đơn vị được phân công trong Kế hoạch số 107/KH-UBND")
    assert tasks[9]["lead_units"][-1] == "Cục Hải quan"
    # the "phối hợp với" of the content does not add units where a "Đơn vị phối hợp" line is printed
    consular = tasks[6]
    assert consular["field"] == "Công tác lãnh sự và bảo hộ công dân"
    assert "Cục Lãnh sự" in consular["content"] and "Cục Lãnh sự" not in " ".join(
        consular["coordinating_units"]
    )
    assert tasks[13]["lead_units"] == ["Các sở, ban, ngành", "UBND các huyện, thành phố"]
    assert tasks[14]["lead_units"] == ["Công an tỉnh"] and tasks[14]["field"] is None
    assert all(t["deadline"] is None for t in tasks)  # "hàng năm", "định kỳ": recurrences, no deadline


OTHER_LAYOUTS = """UỶ BAN NHÂN DÂN TỈNH AN GIANG
Số: 88/KH-UBND
KẾ HOẠCH
Công tác đối ngoại năm 2026
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Các sở, ngành nâng cao hiệu quả công tác đối ngoại.
II. NHIỆM VỤ TRỌNG TÂM
1) **Công tác biên giới**
Phối hợp với tỉnh Takeo (Campuchia) tổ chức giao lưu hữu nghị.
Hoàn thành trong Quý II/2026 việc rà soát các cặp cửa khẩu.
+ Cơ quan chủ trì: Bộ Chỉ huy Bộ đội Biên phòng tỉnh; Công an tỉnh.
+ Cơ quan phối hợp: Sở Ngoại vụ và UBND các huyện biên giới.
III. KINH PHÍ
1. Sở Tài chính bố trí kinh phí theo quy định.
IV. PHÂN CÔNG THỰC HIỆN
UBND tỉnh phân công nhiệm vụ cụ thể như sau:
**1. Sở Ngoại vụ – Cơ quan thường trực Ban Chỉ đạo công tác biên giới**
a) Tham mưu UBND tỉnh tổ chức Hội nghị hợp tác với tỉnh Takeo, hoàn thành trước ngày 30/9.
b) Hướng dẫn các đơn vị liên quan lập kế hoạch đoàn ra; gửi về Sở Ngoại vụ tổng hợp.
c) Các nội dung cụ thể như sau:
+ **Sở Giáo dục và Đào tạo:** Tiếp nhận lưu học sinh Campuchia trong tháng 9/2026.
+ **Trường Đại học An Giang, Bệnh viện Đa khoa tỉnh:** Chủ trì phối hợp với Sở Y tế và các cơ quan liên quan đào tạo cán bộ y tế.
2. Sở Lao động – Thương binh và Xã hội
Chủ động phối hợp cùng Công an tỉnh quản lý lao động người nước ngoài.
tiếp tục theo dõi tình hình lao động.
3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh phối hợp với Liên hiệp các tổ chức hữu nghị tỉnh vận động kiều bào.
4. Ban hành quy chế phối hợp quản lý đoàn ra.
Trên đây là Kế hoạch công tác đối ngoại năm 2026, đề nghị các cơ quan triển khai thực hiện./.
Nơi nhận:
- Sở Ngoại vụ;
"""


def test_other_layouts_and_wordings():
    tasks = tasks_of(OTHER_LAYOUTS, 2026)
    assert brief(tasks) == [
        (
            "II.1",
            ["Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "Công an tỉnh"],
            ["Sở Ngoại vụ", "UBND các huyện biên giới"],
        ),
        ("IV.1.a", ["Sở Ngoại vụ"], []),
        ("IV.1.b", ["Sở Ngoại vụ"], []),
        ("IV.1.c", ["Sở Giáo dục và Đào tạo"], []),
        (
            "IV.1.c",
            ["Trường Đại học An Giang", "Bệnh viện Đa khoa tỉnh"],
            ["Sở Y tế", "các cơ quan liên quan"],
        ),
        ("IV.2", ["Sở Lao động – Thương binh và Xã hội"], ["Công an tỉnh"]),
        ("IV.3", ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"], ["Liên hiệp các tổ chức hữu nghị tỉnh"]),
    ]
    border, advise, students = tasks[0], tasks[1], tasks[3]
    assert border["field"] == "Công tác biên giới"
    assert border["content"].startswith("Phối hợp với tỉnh Takeo")  # a foreign partner, no coordinating unit
    assert (border["deadline"], border["deadline_text"]) == ("2026-06", "Hoàn thành trong Quý II/2026")
    assert advise["deadline"] == "2026-09-30"  # no year printed: the document's
    assert advise["field"] is None
    assert students["deadline"] == "2026-09"
    assert tasks[5]["content"].endswith("tiếp tục theo dõi tình hình lao động.")  # the item goes on
    contents = " ".join(t["content"] for t in tasks)
    for not_a_task in (
        "nâng cao hiệu quả",
        "bố trí kinh phí",
        "phân công nhiệm vụ",
        "Các nội dung",
        "Ban hành quy chế",
    ):
        assert not_a_task not in contents


def test_units_are_split_as_the_labelling_rules_say():
    assert split_units("Sở Văn hóa, Thể thao và Du lịch, Sở Ngoại vụ và các cơ quan, đơn vị liên quan.") == [
        "Sở Văn hóa, Thể thao và Du lịch",
        "Sở Ngoại vụ",
        "các cơ quan, đơn vị liên quan",
    ]
    assert split_units("Các sở, ban, ngành, đoàn thể; UBND các huyện, thành phố") == [
        "Các sở, ban, ngành, đoàn thể",
        "UBND các huyện, thành phố",
    ]
    assert split_units("Sở Ngoại vụ - Cơ quan thường trực Ban Chỉ đạo") == ["Sở Ngoại vụ"]
    assert split_units("Sở Lao động - Thương binh và Xã hội") == ["Sở Lao động - Thương binh và Xã hội"]
    assert split_units("Ban Quản lý các KCN tỉnh, Cục Hải quan...") == [
        "Ban Quản lý các KCN tỉnh",
        "Cục Hải quan",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("gửi báo cáo trước ngày 30/6/2025.", "2025-06-30"),
        ("hoàn thành trước ngày 15/11.", "2026-11-15"),
        ("tổ chức trong tháng 5/2025", "2025-05"),
        ("hoàn thành trong Quý II/2025", "2025-06"),
        ("hoàn thành trong năm 2025", "2025-12"),
        ("triển khai kế hoạch công tác thông tin đối ngoại năm 2024", None),
        ("Đề án giai đoạn 2021-2025, hàng năm báo cáo kết quả", None),
        ("kịp thời, trong thời gian đến", None),
    ],
)
def test_deadlines(text, expected):
    assert deadline_of(text, 2026)[0] == expected


def test_a_real_word_file_reads_as_its_text(tmp_path):
    """The same document as a .docx (bold runs, Word paragraphs) gives the same tasks as its text form."""
    for prefix in ("002", "003"):
        as_text = extract_path(sample(prefix)).tasks
        path = write_docx(tmp_path / f"{prefix}.docx", document_from_text(sample(prefix)))
        as_word = extract_bytes(path.read_bytes(), sample(prefix).name).tasks
        assert brief(as_word) == brief(as_text)
        assert [t["content"] for t in as_word] == [t["content"] for t in as_text]
    labelled = write_docx(
        tmp_path / "nhan.docx",
        ["1. Các sở, ban, ngành liên quan", "- <b>Sở Y tế:</b> Tiếp nhận cán bộ y tế sang tập huấn."],
    )
    tasks = extract_bytes(labelled.read_bytes(), "nhan.docx").tasks
    assert brief(tasks) == [("1", ["Sở Y tế"], [])]
    assert tasks[0]["content"] == "Tiếp nhận cán bộ y tế sang tập huấn."


def test_a_document_without_assignments_has_no_task():
    assert extract_path(sample("001")).tasks == []
    assert tasks_of("KẾ HOẠCH\nI. MỤC ĐÍCH\nCác sở thực hiện tốt.\nNơi nhận:\n- Như trên;\n") == []


def test_the_command_prints_tasks(tmp_path):
    printed = subprocess.run(
        [sys.executable, "-m", "doingoai.cli", "extract", str(sample("000")), "--records", "tasks"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    records = [json.loads(line) for line in printed.stdout.splitlines()]
    assert [(r["record"], r["tt"], r["lead_units"]) for r in records] == [("task", "2", ["Sở Ngoại vụ"])]
