"""Số người, Số ngày and the number of delegations a row stands for.

Values marked "seed" are printed in the sample plans; the others are of the
same kinds, for documents we have not seen.
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doingoai.extraction.normalize.quantities import (
    Count,
    Duration,
    count_delegations,
    looks_like_count,
    parse_duration,
    parse_people,
)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("10", 10, 10),  # seed
        ("01", 1, 1),  # seed
        ("07", 7, 7),  # seed
        ("6", 6, 6),  # seed
        ("<i>6</i>", 6, 6),  # seed (a column-number cell in italics)
        ("10 (bao gồm các doanh nghiệp)", 10, 10),  # seed
        ("20-40", 20, 40),  # seed
        ("10-20", 10, 20),  # seed
        ("10-15", 10, 15),  # seed
        ("05-10", 5, 10),  # seed
        ("10 – 15 người", 10, 15),
        ("10 — 15", 10, 15),
        ("10 - 15 người", 10, 15),
        ("10 người - 15 người", 10, 15),
        ("từ 10 đến 15", 10, 15),
        ("Từ 10 đến 15 người", 10, 15),
        ("15-10", 10, 15),
        ("khoảng 20", 20, 20),
        ("Khoảng 20 người", 20, 20),
        ("20 người", 20, 20),
        ("  20   người ", 20, 20),
        ("Dưới 10", None, 10),
        ("tối đa 10", None, 10),
        ("Không quá 10 người", None, 10),
        ("trên 20", 20, None),
        ("Ít nhất 20 người", 20, None),
        ("20+", 20, None),
        ("Từ 20 người trở lên", 20, None),
        ("40 (10 người/đoàn)", 40, 40),  # the printed total, not the bracket
        ("05 người + 02 phiên dịch", 7, 7),
        ("Tổng cộng 12 người (mỗi đoàn 3 người)", 12, 12),
        ("(10)", 10, 10),
        ("Hai người", 2, 2),
        ("1.000", 1000, 1000),
    ],
)
def test_people(text, low, high):
    count = parse_people(text)
    assert (count.min, count.max) == (low, high)
    assert count.understood


@pytest.mark.parametrize(
    ("text", "low", "per"),
    [
        ("10 người/đoàn", 10, True),  # seed
        ("10 người / đoàn", 10, True),
        ("10 người/1 đoàn", 10, True),
        ("mỗi đoàn 10 người", 10, True),
        ("Mỗi đoàn 10", 10, True),
        ("10 người mỗi đoàn", 10, True),
        ("40 (10 người/đoàn)", 40, False),
        ("10", 10, False),
    ],
)
def test_people_per_delegation(text, low, per):
    count = parse_people(text)
    assert count.min == low
    assert count.per_delegation is per


@pytest.mark.parametrize("text", ["", "   ", "---", "-", "<i></i>"])
def test_people_empty_is_understood(text):
    assert parse_people(text) == Count(None, None, False, True)


@pytest.mark.parametrize("text", ["abc", "Chưa xác định", "2024", "1,5", "Lãnh đạo tỉnh"])
def test_people_unreadable_is_flagged(text):
    count = parse_people(text)
    assert not count.understood
    assert (count.min, count.max) == (None, None)


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("08 (mỗi tỉnh 02 ngày)", 8, 8, "day"),  # seed: the printed total
        ("10 ngày (mỗi đoàn dự kiến từ 02-03 ngày)", 10, 10, "day"),  # seed
        ("06 tháng", 6, 6, "month"),  # seed
        ("01 năm", 1, 1, "year"),  # seed
        ("05", 5, 5, "day"),  # seed
        ("14", 14, 14, "day"),  # seed
        ("<i>7</i>", 7, 7, "day"),  # seed
        ("3-5 ngày", 3, 5, "day"),
        ("03 – 05 ngày", 3, 5, "day"),
        ("từ 3 đến 5 ngày", 3, 5, "day"),
        ("1 tuần", 7, 7, "day"),
        ("2 tuần", 14, 14, "day"),
        ("1-2 tuần", 7, 14, "day"),
        ("Khoảng 1 tuần", 7, 7, "day"),
        ("Dự kiến 05 ngày", 5, 5, "day"),
        ("05 ngày", 5, 5, "day"),
        ("3 ngày 2 đêm", 3, 3, "day"),
        ("2 đêm 3 ngày", 3, 3, "day"),
        ("4 đêm", 5, 5, "day"),
        ("1,5 tháng", 1.5, 1.5, "month"),
        ("1 tháng rưỡi", 1.5, 1.5, "month"),
        ("2 năm", 2, 2, "year"),
        ("3-6 tháng", 3, 6, "month"),
        ("01 buổi", 0.5, 0.5, "day"),
        ("mỗi tỉnh 02 ngày, tổng 08 ngày", 8, 8, "day"),
        ("Dưới 5 ngày", None, 5, "day"),
        ("10 days", 10, 10, "day"),
    ],
)
def test_duration(text, low, high, unit):
    duration = parse_duration(text)
    assert (duration.min, duration.max, duration.unit) == (low, high, unit)
    assert duration.understood


def test_duration_whole_values_are_ints():
    duration = parse_duration("2 tuần")
    assert isinstance(duration.min, int) and isinstance(duration.max, int)
    assert isinstance(parse_duration("1,5 tháng").min, float)


@pytest.mark.parametrize(
    ("text", "per"),
    [
        ("05 ngày/đoàn", True),
        ("mỗi đoàn 3 ngày", True),
        ("10 ngày (mỗi đoàn dự kiến từ 02-03 ngày)", False),
        ("05", False),
    ],
)
def test_duration_per_delegation(text, per):
    assert parse_duration(text).per_delegation is per


@pytest.mark.parametrize("text", ["", " ", "---"])
def test_duration_empty_is_understood(text):
    assert parse_duration(text) == Duration(None, None, "day", False, True)


@pytest.mark.parametrize("text", ["không rõ", "4 giờ", "2024", "Theo lịch"])
def test_duration_unreadable_is_flagged(text):
    duration = parse_duration(text)
    assert not duration.understood
    assert (duration.min, duration.max) == (None, None)


def test_none_ish_input():
    assert parse_people(None) == Count(None, None, False, True)  # type: ignore[arg-type]
    assert parse_duration(None) == Duration(None, None, "day", False, True)  # type: ignore[arg-type]
    assert looks_like_count(None) is False  # type: ignore[arg-type]
    assert count_delegations(None) == 1  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        "10",
        "20-40",
        "10 người/đoàn",
        "06 tháng",
        "01 năm",
        "08 (mỗi tỉnh 02 ngày)",
        "10 (bao gồm các doanh nghiệp)",
        "10 ngày (mỗi đoàn dự kiến từ 02-03 ngày)",
        "<i>7</i>",
        "05",
        "10 – 15 người",
        "khoảng 20",
        "mỗi đoàn 10 người",
        "2 tuần",
        "3 ngày 2 đêm",
    ],
)
def test_looks_like_count(text):
    assert looks_like_count(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "2024",
        "11/2024",
        "Quý II/2025",
        "Cả năm",
        "Ngân sách tỉnh",
        "Lào",
        "---",
        "Thăm và làm việc",
        "Đoàn công tác 10 người đi Lào",
    ],
)
def test_does_not_look_like_count(text):
    assert not looks_like_count(text)


@pytest.mark.parametrize(
    ("name", "people", "notes", "expected"),
    [
        (  # seed 000, T2 tt 3
            "1. Đoàn Sở Công Thương tỉnh Champasak; 2. Đoàn Sở Công Thương tỉnh Attapue; "
            "3. Đoàn Sở Công Thương tỉnh Sekong; 4. Đoàn Sở Công Thương tỉnh Salavan.",
            "10 người/đoàn",
            "",
            4,
        ),
        ("Đoàn cán bộ các Sở ngành 04 tỉnh Nam Lào", "15", "", 1),  # seed: one delegation
        ("Đoàn lãnh đạo, giáo viên các trường nghề thuộc 04 tỉnh Nam Lào", "10-20", "", 1),  # seed
        ("Đoàn công tác Sở Công Thương Bình Định", "10 (bao gồm các doanh nghiệp)", "", 1),  # seed
        ("1) Đoàn tỉnh Champasak 2) Đoàn tỉnh Salavan", "", "", 2),
        ("Đoàn A; Đoàn B; Đoàn C", "", "", 3),
        ("Đoàn công tác (gồm 03 đoàn)", "", "", 3),
        ("02 đoàn công tác của Sở Y tế", "", "", 2),
        ("Đoàn công tác của Sở Y tế", "10 người/đoàn x 2 đoàn", "", 2),
        ("Đoàn công tác của Sở Y tế", "10", "Gồm 02 đoàn", 2),
        ("Đoàn công tác của Sở Y tế", "10", "02 lượt đoàn", 2),
        ("Giao lưu với 10 đoàn viên thanh niên", "10", "", 1),
        ("Đoàn công tác năm 2025", "", "", 1),
        ("Đoàn thăm Quý 2. Hợp tác", "", "", 1),
        ("", "", "", 1),
    ],
)
def test_count_delegations(name, people, notes, expected):
    assert count_delegations(name, people, notes) == expected


@given(st.text(max_size=80))
def test_parsers_never_raise(text):
    count = parse_people(text)
    assert isinstance(count, Count)
    if count.min is not None and count.max is not None:
        assert count.min <= count.max
    duration = parse_duration(text)
    assert duration.unit in ("day", "month", "year")
    if duration.min is not None and duration.max is not None:
        assert duration.min <= duration.max
    looks_like_count(text)
    assert count_delegations(text, text, text) >= 1


count_words = st.lists(
    st.sampled_from(
        [
            "10",
            "01",
            "2,5",
            "1.000",
            "-",
            "–",
            "~",
            "+",
            "người",
            "ngày",
            "tuần",
            "tháng",
            "năm",
            "đêm",
            "rưỡi",
            "/",
            "đoàn",
            "mỗi",
            "từ",
            "đến",
            "khoảng",
            "dưới",
            "trên",
            "(",
            ")",
            "tổng",
            "giờ",
            "<i>",
            "</i>",
            "1.",
            "2.",
            ";",
        ]
    ),
    max_size=10,
).map(" ".join)


@given(count_words)
def test_count_like_noise_never_raises(text):
    parse_people(text)
    parse_duration(text)
    looks_like_count(text)
    count_delegations(text, text, text)
