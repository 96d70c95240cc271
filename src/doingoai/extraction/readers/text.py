"""The text form of plan documents: prose lines and tab-separated table rows.

This is what Word and scanned plans look like after conversion (the seeds in
``samples/plans``): a table row is one line whose cells are separated by tabs,
cells keep HTML fragments (``<b>``, ``<ul><li>``, ``<i>``, ``<sup>``) and prose
keeps Markdown marks. Blank lines between rows do not end a table; a line of
prose does (the next rows are a new physical table, which the interpretation
may still join to the same logical table).
"""

from __future__ import annotations

from doingoai.extraction.document import Line, Row, SourceDocument


def read_text(text: str, name: str) -> SourceDocument:
    """Split ``text`` into Lines and Rows, numbering physical tables."""
    document = SourceDocument(name=name, format="text")
    items = document.items
    table = 0
    in_table = False
    for number, raw in enumerate(text.splitlines(), 1):
        if "\t" in raw:
            if not in_table:
                table += 1
                in_table = True
            cells = tuple(map(str.strip, raw.split("\t")))
            items.append(Row(cells, f"dòng {number}", table))  # positional: faster than keywords
            continue
        stripped = raw.strip()
        if not stripped:
            continue
        in_table = False
        items.append(Line(stripped, f"dòng {number}"))
    return document
