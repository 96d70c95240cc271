"""What every reader returns: a document as a stream of lines and table rows.

Word, Excel and the text form of the seeds look different, but a person
reads them the same way: title lines, then tables whose rows are cells of
text. Readers turn each format into this one shape, and the interpretation
(`doingoai.extraction.layout`) works on it alone.

Cell text keeps light inline markup the interpretation relies on: ``<b>``
around bold text, ``<i>`` around italic text, ``<li>`` for list items, as the
seeds' text form already has it. Readers of other formats write the same tags.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Line:
    """A line of prose outside any table (a title, a paragraph, a footnote)."""

    text: str
    location: str


@dataclass(frozen=True, slots=True)
class Row:
    """One row of a table, its cells in column order.

    ``table`` numbers the physical tables of the source (a Word table, an
    Excel sheet, a run of tab-separated lines); a header row repeated after a
    page break may start a new physical table that is still the same logical
    table for the reader.
    """

    cells: tuple[str, ...]
    location: str
    table: int


Item = Line | Row


@dataclass(slots=True)
class SourceDocument:
    """A document as read from its file: its name, format and items in order."""

    name: str
    format: str
    items: list[Item] = field(default_factory=list)
