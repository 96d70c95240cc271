"""Thời gian thực hiện → month range, tentative flag, review signals.

Values marked "seed" are printed in the sample plans; the others are of the
same kinds, for documents we have not seen.
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doingoai.extraction.normalize.periods import (
    NOTE_PLAN_YEAR,
    Period,
    looks_like_period,
    parse_period,
)


def _range(text, plan_year=2025):
    period = parse_period(text, plan_year)
    return period.start, period.end


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        # quarters (seed)
        ("Quý I-II/2025", "2025-01", "2025-06"),
        ("Quý II – III/2025", "2025-04", "2025-09"),
        ("Quý III- IV/2025", "2025-07", "2025-12"),
        ("Quý III-IV/2025", "2025-07", "2025-12"),
        ("Quý II- III/2024", "2024-04", "2024-09"),
        ("Quý II/2025", "2025-04", "2025-06"),
        ("Quý IV/2025", "2025-10", "2025-12"),
        ("quý IV/2024", "2024-10", "2024-12"),
        # quarters (made up)
        ("Quý I, II/2025", "2025-01", "2025-06"),
        ("Quý I và II/2025", "2025-01", "2025-06"),
        ("Quý II, III và IV/2024", "2024-04", "2024-12"),
        ("Q2/2025", "2025-04", "2025-06"),
        ("Q.3/2025", "2025-07", "2025-09"),
        ("QIV/2025", "2025-10", "2025-12"),
        ("Quý 2 năm 2025", "2025-04", "2025-06"),
        ("Quý II năm 2024", "2024-04", "2024-06"),
        ("Quý III - 2025", "2025-07", "2025-09"),
        ("Quí III/2024", "2024-07", "2024-09"),
        ("QUÝ II/2025", "2025-04", "2025-06"),
        ("Quý II/ 2025", "2025-04", "2025-06"),
        ("Quý II/25", "2025-04", "2025-06"),
        ("Quý II hoặc Quý III/2025", "2025-04", "2025-09"),
        # months (seed)
        ("Tháng 8/2025", "2025-08", "2025-08"),
        ("Tháng 4/2025", "2025-04", "2025-04"),
        ("tháng 01/2024", "2024-01", "2024-01"),
        ("Tháng 1/2025", "2025-01", "2025-01"),
        ("Tháng 11/2024", "2024-11", "2024-11"),
        # months (made up)
        ("Tháng 3-4/2025", "2025-03", "2025-04"),
        ("Tháng 3, 4/2025", "2025-03", "2025-04"),
        ("Tháng 9 – 10/2025", "2025-09", "2025-10"),
        ("Tháng 5 năm 2025", "2025-05", "2025-05"),
        ("T5/2025", "2025-05", "2025-05"),
        ("T.12/2024", "2024-12", "2024-12"),
        ("từ tháng 5 đến tháng 7/2025", "2025-05", "2025-07"),
        ("Từ tháng 5/2025 đến tháng 7/2025", "2025-05", "2025-07"),
        ("Tháng 4/2025 và tháng 9/2025", "2025-04", "2025-09"),
        ("Tháng 5/2025, tháng 7", "2025-05", "2025-07"),
        # across the new year
        ("Tháng 12/2024 - Tháng 1/2025", "2024-12", "2025-01"),
        ("Quý IV/2024 – Quý I/2025", "2024-10", "2025-03"),
        ("Quý IV - Quý I/2025", "2024-10", "2025-03"),
        ("Tháng 12 - tháng 1/2025", "2024-12", "2025-01"),
        ("Tháng 11 đến Quý I/2025", "2024-11", "2025-03"),
        # bare month/year (seed) and dates
        ("4/2024", "2024-04", "2024-04"),
        ("11/2024", "2024-11", "2024-11"),
        ("12/2024", "2024-12", "2024-12"),
        ("05/2025", "2025-05", "2025-05"),
        ("4-6/2024", "2024-04", "2024-06"),
        ("05-2025", "2025-05", "2025-05"),
        ("15/5/2025", "2025-05", "2025-05"),
        ("Ngày 15/5/2025", "2025-05", "2025-05"),
        ("10-15/5/2025", "2025-05", "2025-05"),
        ("15.5.2025", "2025-05", "2025-05"),
        ("15/5/2025 - 20/6/2025", "2025-05", "2025-06"),
        ("2025-05-15", "2025-05", "2025-05"),
        # whole years (seed)
        ("Trong năm 2025", "2025-01", "2025-12"),
        ("2024", "2024-01", "2024-12"),
        # whole years (made up)
        ("Năm 2025", "2025-01", "2025-12"),
        ("Cả năm 2024", "2024-01", "2024-12"),
        ("Trong năm", "2025-01", "2025-12"),
        ("Hằng năm", "2025-01", "2025-12"),
        ("Thường xuyên", "2025-01", "2025-12"),
        ("2024-2025", "2024-01", "2025-12"),
        # parts of a year
        ("6 tháng đầu năm", "2025-01", "2025-06"),
        ("6 tháng cuối năm", "2025-07", "2025-12"),
        ("06 tháng cuối năm 2024", "2024-07", "2024-12"),
        ("Sáu tháng đầu năm 2025", "2025-01", "2025-06"),
        ("3 tháng cuối năm", "2025-10", "2025-12"),
        ("Nửa đầu năm 2025", "2025-01", "2025-06"),
        ("Đầu năm 2025", "2025-01", "2025-03"),
        ("Cuối năm 2024", "2024-10", "2024-12"),
        ("Giữa năm", "2025-05", "2025-08"),
        ("Cuối năm 2024 - đầu năm 2025", "2024-10", "2025-03"),
    ],
)
def test_ranges(text, start, end):
    assert _range(text) == (start, end)
    assert parse_period(text, 2025).understood


@pytest.mark.parametrize(
    ("text", "tentative"),
    [
        ("Dự kiến trong Quý II/2025", True),  # seed
        ("Dự kiến Quý II/2025", True),  # seed
        ("Dự kiến tổ chức vào tháng 9/2025", True),  # seed
        ("Dự kiến tháng 10/2024", True),  # seed
        ("Dự kiến trong tháng 04/2025", True),  # seed
        ("Tháng 4/2025 (dự kiến)", True),
        ("Khoảng tháng 6/2025", True),
        ("Dự tính Quý III/2025", True),
        ("Quý III (tentative)", True),
        ("<i>Dự kiến</i> Quý IV/2025", True),
        ("Quý II/2025", False),
        ("Cả năm", False),
        ("Quý II hoặc Quý III/2025", False),  # uncertain, but the cell does not say "dự kiến"
        ("", False),
    ],
)
def test_tentative(text, tentative):
    assert parse_period(text, 2025).tentative is tentative


def test_tentative_keeps_the_range():
    assert parse_period("Dự kiến trong tháng 04/2025", 2025) == Period("2025-04", "2025-04", True, True)
    assert _range("Dự kiến trong Quý II/2025") == ("2025-04", "2025-06")


def test_plan_year_is_assumed_and_noted():
    for text, start, end in [
        ("Quý I", "2024-01", "2024-03"),  # seed 002
        ("Quý III", "2024-07", "2024-09"),  # seed 002
        ("Cả năm", "2024-01", "2024-12"),  # seed 000
        ("Tháng 5", "2024-05", "2024-05"),
        ("6 tháng đầu năm", "2024-01", "2024-06"),
    ]:
        period = parse_period(text, 2024)
        assert (period.start, period.end) == (start, end), text
        assert period.understood
        assert period.note == NOTE_PLAN_YEAR


def test_a_written_year_is_not_noted():
    assert parse_period("Quý I/2025", 2024).note is None
    assert _range("Quý I/2025", 2024) == ("2025-01", "2025-03")


def test_year_written_elsewhere_in_the_cell_wins_over_the_plan_year():
    assert _range("Tháng 5/2026, tháng 7", 2025) == ("2026-05", "2026-07")
    assert parse_period("Tháng 5/2026, tháng 7", 2025).note is None


def test_no_year_and_no_plan_year_is_not_understood():
    period = parse_period("Quý I", None)
    assert (period.start, period.end, period.understood) == (None, None, False)
    assert parse_period("Cả năm", None).understood is False
    assert _range("Quý I/2025", None) == ("2025-01", "2025-03")


@pytest.mark.parametrize("text", ["", "   ", "---", "-", "--------", "<i></i>"])
def test_empty_is_understood_and_has_no_range(text):
    assert parse_period(text, 2025) == Period(None, None, False, True)


def test_none_ish_input():
    assert parse_period(None, 2025) == Period(None, None, False, True)  # type: ignore[arg-type]
    assert looks_like_period(None) is False  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        "abc xyz",
        "Theo lịch của đối tác",
        "8",  # a column-number row
        "<i>8</i>",
        "Quý V/2025",
        "Tháng 13/2025",
        "Tháng Mười ba",  # no such month (a month in words is read: "Tháng Tư" is April)
        "Quý",
    ],
)
def test_unreadable_is_flagged(text):
    period = parse_period(text, 2025)
    assert not period.understood
    assert (period.start, period.end) == (None, None)


@pytest.mark.parametrize(
    "text",
    [
        "<b>Quý II/2025</b>",
        "  Quý   II / 2025 ",
        "Quý II\u00a0/2025",
        "Quý II — 2025",
        "QUÝ  II/2025",
    ],
)
def test_tags_dashes_and_spaces(text):
    assert _range(text) == ("2025-04", "2025-06")


@pytest.mark.parametrize(
    "text",
    [
        "Quý II/2024",
        "Quý I-II/2025",
        "Quý II – III/2025",
        "Quý I",
        "Tháng 4/2024",
        "tháng 01/2024",
        "4/2024",
        "11/2024",
        "2024",
        "Cả năm",
        "Trong năm 2025",
        "Dự kiến trong Quý II/2025",
        "Dự kiến tổ chức vào tháng 9/2025",
        "6 tháng đầu năm",
        "<i>Quý III</i>",
        "15/5/2025",
        "T5/2025",
    ],
)
def test_looks_like_period(text):
    assert looks_like_period(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "8",
        "10",
        "05",
        "20-40",
        "10 người/đoàn",
        "06 tháng",
        "Ngân sách tỉnh",
        "Lào",
        "Hợp tác giai đoạn 2024-2025 theo Bản ghi nhớ",
        "Đánh giá kết quả thực hiện hợp tác năm 2024 và kế hoạch năm 2025 với các tỉnh Nam Lào",
        "Thường trực Tỉnh ủy",
    ],
)
def test_does_not_look_like_period(text):
    assert not looks_like_period(text)


@given(st.text(max_size=80), st.one_of(st.none(), st.integers(min_value=1900, max_value=2100)))
def test_parse_period_never_raises(text, plan_year):
    period = parse_period(text, plan_year)
    assert isinstance(period, Period)
    if period.start is not None:
        assert period.end is not None and period.start <= period.end
        assert len(period.start) == 7 and period.start[4] == "-"
    looks_like_period(text)


period_words = st.lists(
    st.sampled_from(
        [
            "Quý",
            "quý",
            "Q",
            "I",
            "II",
            "III",
            "IV",
            "V",
            "1",
            "2",
            "12",
            "13",
            "Tháng",
            "T",
            "năm",
            "2024",
            "2025",
            "/",
            "-",
            "–",
            ",",
            "và",
            "đến",
            "từ",
            "Dự kiến",
            "Cả năm",
            "đầu",
            "cuối",
            "6 tháng",
            "(",
            ")",
            "<i>",
            "</i>",
            " ",
        ]
    ),
    max_size=10,
).map(" ".join)


@given(period_words)
def test_period_like_noise_never_raises(text):
    period = parse_period(text, 2025)
    if period.understood and period.start is not None:
        assert "1899-12" < period.start <= period.end < "2101-01"
