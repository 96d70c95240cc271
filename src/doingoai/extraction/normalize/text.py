"""Folding text for matching: lowercase, no diacritics, đ→d, single spaces.

Documents spell the same thing with and without diacritics, with OCR slips
("Ngân sách Đăng" for "Đảng") and odd spacing; matching on the folded form
makes those equal. Every reader and normalizer folds almost every cell, so
folding avoids per-character Python work (see ``fold``) and is cached for the
many repeated cells ("Ngân sách tỉnh", "Quý II/2025").
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

_TAG = re.compile(r"<[^>]*>")
# Combining marks (diacritics once decomposed) and invisible characters some
# converters leave behind.
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\u200b\ufeff]+")
# Anything left after decomposition that is neither ASCII nor a mark.
_OTHER = re.compile("[^\x00-\x7f\u0300-\u036f]")
_DASH_TABLE = str.maketrans(
    dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-")
)


@lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """``"Đoàn  Lào"`` → ``"doan lao"``: lowercase, no diacritics, đ→d, one space.

    Vietnamese letters decompose (NFD) into a base letter and marks; when
    nothing but ASCII and marks remains (nearly every cell), dropping every
    non-ASCII byte is the fastest way to drop the marks. Other characters
    ("…", "–", Lao script) are kept, and then only the marks are removed.
    """
    if not text:
        return ""
    if text.isascii():
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d").replace("ð", "d"))
    if _OTHER.search(decomposed) is None:
        return " ".join(decomposed.encode("ascii", "ignore").decode("ascii").split())
    return " ".join(_MARKS.sub("", decomposed).replace("\u00a0", " ").split())


def strip_tags(text: str) -> str:
    """Cell text without HTML tags or entities (``"<i>7</i>"`` → ``"7"``).

    The converted documents keep ``<b>``, ``<i>``, ``<sup>`` inside cells; a
    value must read the same with or without them.
    """
    if not text:
        return ""
    if "<" in text:
        text = _TAG.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    return text


@lru_cache(maxsize=16384)
def fold_cell(text: str) -> str:
    """A cell ready for value parsing: tags out, folded, every dash written ``-``.

    Cells mix hyphens with en and em dashes ("Quý II – III/2025", "10 – 15
    người"); the parsers only need to know one.
    """
    if not text:
        return ""
    folded = fold(strip_tags(text))
    return folded if folded.isascii() else folded.translate(_DASH_TABLE)
