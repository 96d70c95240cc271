"""Cells written for a spreadsheet to open: never run as a formula (no Django: the reader's CSV uses it).

A cell that starts with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage
return before one) is run as a formula by Excel and LibreOffice when the file
is opened ("CSV injection"); a leading apostrophe makes it text, as
spreadsheets themselves do.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    """``value`` as a cell that a spreadsheet shows as text."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text
