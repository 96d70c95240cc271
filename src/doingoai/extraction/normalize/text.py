"""Folding text for matching: lowercase, no diacritics, đ→d, single spaces.

Documents spell the same thing with and without diacritics, with OCR slips
and odd spacing; matching on the folded form makes those equal.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACE = re.compile(r"\s+")
_TRANSLATE = str.maketrans({"đ": "d", "Đ": "d", "\u00a0": " "})


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """``"Đoàn  Lào"`` → ``"doan lao"``."""
    if not text:
        return ""
    if text.isascii():
        return _SPACE.sub(" ", text.lower()).strip()
    decomposed = unicodedata.normalize("NFD", text.translate(_TRANSLATE))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACE.sub(" ", stripped.lower()).strip()
