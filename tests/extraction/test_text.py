"""Folding: the one text form every matcher compares on."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doingoai.extraction.normalize.text import fold, fold_cell, strip_tags


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đoàn  Lào", "doan lao"),
        ("Ngân sách Đảng", "ngan sach dang"),
        ("Ngân sách Đăng", "ngan sach dang"),  # the OCR slip folds to the same text
        ("  Hòa\u00a0kỳ ", "hoa ky"),
        ("THỜI GIAN THỰC HIỆN", "thoi gian thuc hien"),
        ("ĂÂÊÔƠƯĐ", "aaeooud"),
        ("ắằẳẵặấầẩẫậ éèẻẽẹếềểễệ íìỉĩị", "aaaaaaaaaa eeeeeeeeee iiiii"),
        ("óòỏõọốồổỗộớờởỡợ úùủũụứừửữự ýỳỷỹỵ", "ooooooooooooooo uuuuuuuuuu yyyyy"),
        ("Quý II – III/2025", "quy ii – iii/2025"),  # fold keeps dashes; fold_cell unifies them
        ("Singapore, Malaysia…", "singapore, malaysia…"),
        ("Luông Pha Băng\tLào\n", "luong pha bang lao"),
        ("", ""),
        ("plain ascii", "plain ascii"),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


def test_fold_decomposed_input():
    """Some converters emit decomposed (NFD) text; it folds the same."""
    assert fold(unicodedata.normalize("NFD", "Thời gian thực hiện")) == "thoi gian thuc hien"
    assert fold(unicodedata.normalize("NFD", "Đồng Nai")) == "dong nai"


def test_fold_drops_invisible_characters():
    assert fold("Ngân\u200b sách") == "ngan sach"


def test_strip_tags():
    assert strip_tags("<i>7</i>") == " 7 "
    assert strip_tags("A &amp; B") == "A & B"
    assert strip_tags("") == ""


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Quý II – III/2025", "quy ii - iii/2025"),
        ("10 — 15 người", "10 - 15 nguoi"),
        ("<i>Dự kiến</i> <b>tháng 9/2025</b>", "du kien thang 9/2025"),
        ("Tháng 3 \u2212 4", "thang 3 - 4"),
        ("", ""),
    ],
)
def test_fold_cell(text, folded):
    assert fold_cell(text) == folded


@given(st.text())
def test_fold_is_idempotent_and_single_spaced(text):
    folded = fold(text)
    assert fold(folded) == folded
    assert folded == folded.strip()
    assert "  " not in folded
    assert folded == folded.lower() or not folded.isascii()
    assert "đ" not in folded


@given(st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệ ĐĂÂÊÔƠƯ"))
def test_fold_of_vietnamese_is_ascii(text):
    assert fold(text).isascii()
