"""Kinh phí → funding categories, in the order the cell names them.

Values marked "seed" are printed in the sample plans; the others are of the
same kinds, for documents we have not seen.
"""

import json
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doingoai.extraction.normalize.funding import (
    Funding,
    categories,
    classify_funding,
    funding_label,
    looks_like_funding,
)

KEYS = {
    "party_budget",
    "state_budget",
    "provincial_budget",
    "district_budget",
    "unit_funds",
    "partner_pays",
    "private",
    "self_funded",
    "trade_union",
    "defence",
}

LONG_OUT = (  # seed 002, Phụ lục III
    "Chi phí vé máy bay khứ hồi từ nguồn kinh phí đã cấp cho Trường Cao đẳng Thái Nguyên để "
    "thực hiện Kế hoạch đoàn ra năm 2024. Chi phí ăn ở và sinh hoạt tại Lào do đối tác chi trả."
)
LONG_IN = (  # seed 002, Phụ lục IV
    "Chi phí ăn ở và sinh hoạt tại Việt Nam từ nguồn kinh phí đã cấp cho Trường Cao đẳng Thái "
    "Nguyên năm 2024. Chi phí di chuyển sang Việt Nam do phía Lào chi trả."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # seed
        ("Ngân sách nhà nước", ["state_budget"]),
        ("Ngân sách Nhà nước", ["state_budget"]),
        ("Ngân sách nhà nước, Ngân sách Công đoàn", ["state_budget", "trade_union"]),
        ("Kinh phí của Trường", ["unit_funds"]),
        ("Ngân sách tỉnh", ["provincial_budget"]),
        ("Trường Cao đẳng Kỹ thuật Công nghệ Quy Nhơn và phía bạn", ["unit_funds", "partner_pays"]),
        ("Tự túc", ["self_funded"]),
        ("Bệnh viện Đa khoa tỉnh", ["unit_funds"]),
        (
            "Một phần ngân sách tỉnh, một phần chi phí BQL các khu DTSQ Thái Lan đài thọ",
            ["provincial_budget", "partner_pays"],
        ),
        ("Ngân sách thành phố Biên Hoà", ["district_budget"]),
        ("Ngân sách thành phố Biên Hòa", ["district_budget"]),
        ("Ngân sách thành phố", ["district_budget"]),
        ("Kinh phí Đối ngoại quốc phòng địa phương", ["defence"]),
        ("Ngân sách UBND huyện Nhơn Trạch", ["district_budget"]),
        ("Nguồn ngân sách", ["state_budget"]),
        ("Ngân sách", ["state_budget"]),
        (
            "Ngân sách tỉnh đảm bảo chi phí ăn, nghỉ, đi lại của đoàn trong thời gian đoàn thăm, "
            "làm việc tại tỉnh Thái Nguyên.",
            ["provincial_budget"],
        ),
        ("Nguồn ngân sách và xã hội hóa", ["state_budget", "private"]),
        ("Xã hội hóa", ["private"]),
        (LONG_OUT, ["unit_funds", "partner_pays"]),
        (LONG_IN, ["unit_funds", "partner_pays"]),
        ("Ngân sách Đăng, Ngân sách Nhà nước", ["party_budget", "state_budget"]),  # OCR
        # made up, same kinds
        ("Ngân sách Đảng", ["party_budget"]),
        ("NGÂN SÁCH ĐẢNG", ["party_budget"]),
        ("Ngan sach Dang", ["party_budget"]),
        ("NSNN", ["state_budget"]),
        ("Ngân sách trung ương", ["state_budget"]),
        ("ngân sách cấp tỉnh", ["provincial_budget"]),
        ("Ngân sách địa phương", ["provincial_budget"]),
        ("Kinh phí của tỉnh", ["provincial_budget"]),
        ("Ngân sách địa phương cấp huyện", ["district_budget"]),
        ("Ngân sách huyện Định Quán", ["district_budget"]),
        ("Ngân sách thị xã Long Khánh", ["district_budget"]),
        ("Ngân sách TP. Biên Hòa", ["district_budget"]),
        ("UBND huyện Định Hóa", ["district_budget"]),
        ("Kinh phí của Bệnh viện", ["unit_funds"]),
        ("Kinh phí hoạt động thường xuyên của đơn vị", ["unit_funds"]),
        ("Nguồn thu sự nghiệp", ["unit_funds"]),
        ("Trường Đại học Quy Nhơn", ["unit_funds"]),
        ("Sở Y tế", ["unit_funds"]),
        ("Trường Cao đẳng Thái Nguyên chi trả", ["unit_funds"]),
        ("Đối tác chi trả", ["partner_pays"]),
        ("Phía bạn đài thọ", ["partner_pays"]),
        ("Do phía Lào chi trả", ["partner_pays"]),
        ("Phía Hàn Quốc chi trả toàn bộ", ["partner_pays"]),
        ("BQL các khu DTSQ Thái Lan đài thọ", ["partner_pays"]),
        ("UBND tỉnh Champasak đài thọ", ["partner_pays"]),
        ("Chi phí ăn ở do đối tác chi trả", ["partner_pays"]),
        ("Đối tác tự chi trả", ["partner_pays"]),
        ("Doanh nghiệp tài trợ", ["private"]),
        ("Tài trợ của tổ chức FHI 360", ["private"]),
        ("Nguồn kinh phí khác", ["private"]),
        ("Sponsorship", ["private"]),
        ("Tự chi trả", ["self_funded"]),
        ("Cá nhân tự túc", ["self_funded"]),
        ("Hai bên tự chi trả", ["self_funded"]),
        ("Kinh phí công đoàn", ["trade_union"]),
        ("Liên đoàn Lao động tỉnh", ["trade_union"]),
        ("Ngân sách quốc phòng", ["defence"]),
        ("Bộ Chỉ huy quân sự tỉnh", ["defence"]),
        ("Ngân sách tỉnh đài thọ", ["provincial_budget"]),
        ("Ngân sách tỉnh; phía bạn chi trả vé máy bay", ["provincial_budget", "partner_pays"]),
        ("Xã hội hóa, Ngân sách tỉnh", ["private", "provincial_budget"]),
        ("<b>Ngân sách tỉnh</b>", ["provincial_budget"]),
        ("  Ngân   sách\u00a0tỉnh ", ["provincial_budget"]),
        ("Ngân sách tỉnh – xã hội hóa", ["provincial_budget", "private"]),
    ],
)
def test_classify(text, expected):
    funding = classify_funding(text)
    assert funding.categories == expected
    assert funding.text == text


@pytest.mark.parametrize("text", ["", "   ", "Theo quy định", "Phía Việt Nam chi trả vé máy bay", "---"])
def test_unclassified(text):
    assert classify_funding(text).categories == []


def test_text_is_kept_as_given():
    text = "Ngân sách Đăng, Ngân sách Nhà nước"
    assert classify_funding(text) == Funding(["party_budget", "state_budget"], text)


def test_no_duplicates():
    funding = classify_funding("Ngân sách tỉnh, ngân sách tỉnh và ngân sách tỉnh")
    assert funding.categories == ["provincial_budget"]


def test_results_are_independent_lists():
    first = classify_funding("Ngân sách tỉnh")
    first.categories.append("mutated")
    assert classify_funding("Ngân sách tỉnh").categories == ["provincial_budget"]


def test_none_ish_input():
    assert classify_funding(None).categories == []  # type: ignore[arg-type]
    assert looks_like_funding(None) is False  # type: ignore[arg-type]


def test_labels():
    assert funding_label("party_budget") == "Ngân sách Đảng"
    assert funding_label("state_budget") == "Ngân sách nhà nước"
    assert funding_label("provincial_budget") == "Ngân sách tỉnh"
    assert funding_label("unknown_key") == "unknown_key"
    assert {key for key, _ in categories()} == KEYS
    assert all(label for _, label in categories())


def test_data_file_is_consistent():
    """Every category has its key, label and triggers; every pattern compiles."""
    import re

    data = json.loads(resources.files("doingoai.extraction.data").joinpath("funding.json").read_text("utf-8"))
    assert [item["key"] for item in data["categories"]] == [key for key, _ in categories()]
    foreign = "(?:" + "|".join(data["foreign_words"]) + ")"
    for item in data["categories"]:
        assert item["label"] and item["triggers"]
        for pattern in item["patterns"] + item["weak_patterns"]:
            re.compile(pattern.replace("{foreign}", foreign))


@pytest.mark.parametrize(
    "text",
    [
        "Ngân sách tỉnh",
        "Ngân sách nhà nước",
        "Nguồn ngân sách và xã hội hóa",
        "Tự túc",
        "Kinh phí của Trường",
        LONG_OUT,
        "Do phía Lào chi trả",
        "Ngân sách Đăng",
        "Kinh phí Đối ngoại quốc phòng địa phương",
    ],
)
def test_looks_like_funding(text):
    assert looks_like_funding(text)


@pytest.mark.parametrize("text", ["", "10", "Quý II/2025", "Lào", "Thăm và làm việc", "Thường trực Tỉnh ủy"])
def test_does_not_look_like_funding(text):
    assert not looks_like_funding(text)


@given(st.text(max_size=120))
def test_classify_never_raises(text):
    funding = classify_funding(text)
    assert set(funding.categories) <= KEYS
    assert len(funding.categories) == len(set(funding.categories))
    looks_like_funding(text)


funding_words = st.lists(
    st.sampled_from(
        [
            "Ngân sách",
            "ngân sách",
            "Đảng",
            "Đăng",
            "nhà nước",
            "tỉnh",
            "huyện",
            "thành phố",
            "Kinh phí",
            "của",
            "Trường",
            "Bệnh viện",
            "phía bạn",
            "đối tác",
            "chi trả",
            "đài thọ",
            "xã hội hóa",
            "tài trợ",
            "tự túc",
            "Công đoàn",
            "quốc phòng",
            "Thái Lan",
            "Lào",
            "và",
            ",",
            ";",
            ".",
            "một phần",
            "do",
            "phía",
            "Việt Nam",
            "UBND",
            "<i>",
            "</i>",
            "–",
        ]
    ),
    max_size=12,
).map(" ".join)


@given(funding_words)
def test_funding_like_noise_never_raises(text):
    funding = classify_funding(text)
    assert set(funding.categories) <= KEYS
