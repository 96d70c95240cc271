"""Cell and line text as a person reads it: tags and marks removed, lists joined.

The gold records' convention (``shared/gold/SCHEMA.md``): remove HTML tags,
turn list items into text separated by "; ", collapse whitespace, keep the
words as printed (OCR mistakes included).
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

_LIST_ITEM = re.compile(r"<li\b[^>]*>(.*?)(?:</li>|(?=<li\b)|$)", re.IGNORECASE | re.DOTALL)
_SUP = re.compile(r"<sup\b[^>]*>.*?</sup>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_MARKDOWN = re.compile(r"~~|\*\*|__|(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w)|^#{1,6}\s+|\\(?=[-*_#.])")
_BOLD_CELL = re.compile(r"^\s*(?:<b>|<strong>|\*\*)(.*)(?:</b>|</strong>|\*\*)\s*$", re.DOTALL)
_ITALIC_CELL = re.compile(r"^\s*(?:<i>|<em>)(.*)(?:</i>|</em>)\s*$", re.DOTALL)


@lru_cache(maxsize=16384)
def clean(raw: str, *, drop_footnotes: bool = False) -> str:
    """Plain text of a cell or line: tags out, list items joined by "; "."""
    if not raw:
        return ""
    text = raw
    if "<" in text:
        if drop_footnotes:
            text = _SUP.sub("", text)
        if "<li" in text.lower():
            items = [_strip_tags(m.group(1)) for m in _LIST_ITEM.finditer(text)]
            items = [item for item in items if item]
            # The "; " separator takes the place of an item's own closing mark.
            items = [item.rstrip(";").rstrip() for item in items[:-1]] + items[-1:]
            head = _strip_tags(text[: text.lower().find("<li")])
            text = "; ".join(([head] if head else []) + items)
        else:
            text = _strip_tags(text)
    elif "&" in text:
        text = html.unescape(text)
    if "*" in text or "~" in text or "#" in text or "_" in text or "\\" in text:
        text = _MARKDOWN.sub("", text)
    return " ".join(text.split())


def _strip_tags(text: str) -> str:
    # Every tag becomes a space (line breaks <br>, </p>, </div> included).
    text = _TAG.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    return " ".join(text.split())


def is_bold(raw: str) -> bool:
    """Whether the whole cell is bold (unit and section headers often are)."""
    return bool(raw) and bool(_BOLD_CELL.match(raw))


def is_italic(raw: str) -> bool:
    """Whether the whole cell is italic (column-number rows, notes)."""
    return bool(raw) and bool(_ITALIC_CELL.match(raw))
