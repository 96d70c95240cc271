"""Tables as a person reads them: titles, headers, sections, units, data rows.

A plan document is a stream of prose lines and table rows (see
`doingoai.extraction.document`). Reading it the way an officer does means:

- a title line above a table ("KẾ HOẠCH ĐOÀN RA CỦA SỞ, NGÀNH … NĂM 2025")
  gives the table's direction, level and year;
- the header row names the columns; tables differ (an extra "Đơn vị chủ trì"
  column, no "Đối tác" column for inbound), so columns are found by their
  header, never by position;
- a header repeated after a page break, or rows that simply continue after a
  footnote, belong to the same table;
- the column-number row ("1 2 3 … 10"), rows that say "Không", empty rows and
  separator rows are not records;
- "I. Đoàn sử dụng Ngân sách…" rows open a section, bold "1  UBND huyện Định
  Hóa" rows a unit group; both apply to the rows below them.

`interpret` yields one `TableRow` per record-bearing row, with its table's
context; `doingoai.extraction.records` turns it into a record.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from doingoai.extraction.cleaning import clean, is_bold
from doingoai.extraction.document import Line, Row, SourceDocument
from doingoai.extraction.normalize.text import fold

_ROMAN = re.compile(r"^(?=[IVX])(?:X{0,3})(?:IX|IV|V?I{0,3})\s*[.)/:-]?(?:\s|$)")
_ROMAN_ONLY = re.compile(r"^(?=[IVX])(?:X{0,3})(?:IX|IV|V?I{0,3})\s*[.)/:-]?$")
_TT = re.compile(r"^\d{1,3}(?:\.\d{1,3}){0,3}\.?$")
_NUMBER = re.compile(r"^\d{1,3}$")
_YEAR = re.compile(r"\b(20\d\d|19\d\d)\b")
_DASHES = re.compile(r"^[-–—_=.\s]+$")
_NUMBERED_HEADING = re.compile(r"^(\d{1,3})\.?\s+(\D.*)$")


@cache
def _data(name: str) -> dict:
    return json.loads(resources.files("doingoai.extraction.data").joinpath(name).read_text("utf-8"))


@cache
def _column_patterns(kind: str) -> list[tuple[str, re.Pattern]]:
    return [
        (role, re.compile("|".join(f"(?:{p})" for p in patterns)))
        for role, patterns in _data("columns.json")[kind]
    ]


@cache
def _header_signal() -> re.Pattern:
    """Words without which a row cannot be a header: a cheap first test."""
    return re.compile("|".join(_data("columns.json")["header_signal"]))


@cache
def _title_patterns() -> dict:
    data = _data("titles.json")
    compiled = {}
    for key in (
        "delegation_title",
        "agreement_title",
        "appendix_reference",
        "footnote_end",
        "none_row",
        "title_words",
    ):
        compiled[key] = [re.compile(p) for p in data[key]]
    compiled["direction"] = {
        direction: [re.compile(p) for p in patterns] for direction, patterns in data["direction"].items()
    }
    compiled["level"] = [(level, [re.compile(p) for p in patterns]) for level, patterns in data["level"]]
    return compiled


def _any(patterns: list[re.Pattern], text: str) -> bool:
    return any(p.search(text) for p in patterns)


@dataclass(slots=True)
class Title:
    """What a table's title line says."""

    text: str
    kind: str  # "delegation" | "agreement"
    direction: str | None
    level: str | None
    year: int | None
    appendix: str | None = None
    reference: str | None = None  # the "(Kèm theo Kế hoạch số … )" line under the title


@dataclass(slots=True)
class Table:
    """A logical table: one title and header, possibly over several pages."""

    number: int  # 1-based among the document's tables of the same kind
    kind: str  # "delegation" | "agreement"
    columns: list[str | None]
    title: Title | None
    direction: str | None
    level: str | None
    year: int | None
    header_location: str
    section: str | None = None
    unit: str | None = None
    closed: bool = False
    notes: list[str] = field(default_factory=list)

    def has(self, role: str) -> bool:
        return role in self.columns


@dataclass(slots=True)
class TableRow:
    """A row that stands for a record, with everything needed to read it."""

    table: Table
    cells: tuple[str, ...]
    location: str
    physical_table: int
    section: str | None
    unit: str | None


def parse_title(raw: str) -> Title | None:
    """A table title, or None when the line is not one.

    Titles are short lines mostly in capitals ("BẢNG TỔNG HỢP KẾ HOẠCH ĐOÀN RA
    CẤP TỈNH NĂM 2025"); prose that mentions "kế hoạch đoàn ra" is not.
    """
    if len(raw) > 400 or not ("OÀN" in raw or "THUẬN" in raw or "THUAN" in raw or "OAN" in raw):
        return None  # titles are in capitals and name delegations (ĐOÀN) or agreements
    text = clean(raw, drop_footnotes=True)
    if not text or len(text) > 220:
        return None
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 8 or sum(c.isupper() for c in letters) < 0.6 * len(letters):
        return None
    folded = fold(text)
    patterns = _title_patterns()
    if _any(patterns["agreement_title"], folded):
        kind = "agreement"
    elif _any(patterns["delegation_title"], folded):
        kind = "delegation"
    else:
        return None
    directions = [d for d, ps in patterns["direction"].items() if _any(ps, folded)]
    direction = directions[0] if len(directions) == 1 else None
    level = None
    for candidate, ps in patterns["level"]:
        if _any(ps, folded):
            level = candidate
            break
    years = _YEAR.findall(text)
    return Title(
        text=text,
        kind=kind,
        direction=direction,
        level=level,
        year=int(years[-1]) if years else None,
    )


def _header_roles(cells: tuple[str, ...], kind: str) -> list[str | None]:
    roles: list[str | None] = []
    for cell in cells:
        folded = fold(clean(cell))
        role = None
        if folded:
            for candidate, pattern in _column_patterns(kind):
                if pattern.search(folded):
                    role = candidate
                    break
        roles.append(None if role == "ignore" else role)
    return roles


def match_header(cells: tuple[str, ...]) -> tuple[str, list[str | None]] | None:
    """(kind, column roles) when the row is a table header, else None."""
    non_empty = [c for c in cells if c.strip()]
    if len(non_empty) < 3 or any(len(c) > 120 for c in non_empty):
        return None  # header cells are short: a row with a long cell holds data
    if not _header_signal().search(fold(" ".join(non_empty))):
        return None
    roles = _header_roles(cells, "agreement")
    if "title" in roles and ("signing_capacity" in roles or "proposer" in roles or "kind" in roles):
        return "agreement", roles
    roles = _header_roles(cells, "delegation")
    if "name" in roles and ("leader" in roles or "countries" in roles):
        return "delegation", roles
    return None


def is_column_number_row(cells: tuple[str, ...]) -> bool:
    """The row under a header that numbers the columns: "1 2 3 … 10"."""
    values = [c for c in cells if c.strip()]
    if len(values) < 3 or any(len(v) > 20 for v in values):
        return False
    return all(_NUMBER.match(clean(v)) for v in values)


def _direction_from_columns(roles: list[str | None], cells: tuple[str, ...]) -> str | None:
    for role, cell in zip(roles, cells, strict=False):
        if role == "countries":
            folded = fold(clean(cell))
            if "den tu" in folded or "cu doan" in folded:
                return "in"
            if "nuoc di" in folded or "nuoc den" in folded:
                return "out"
    if "partners" in roles:
        return "out"
    return None


class _Reader:
    """Walks a document's items and keeps the context of the current table."""

    def __init__(self, document: SourceDocument):
        self.items = document.items
        self.pending_title: Title | None = None
        self.pending_appendix: str | None = None
        self.table: Table | None = None
        self.counts = {"delegation": 0, "agreement": 0}

    def rows(self) -> Iterator[TableRow]:
        items = self.items
        for index, item in enumerate(items):
            if isinstance(item, Line):
                self._line(item.text)
                continue
            cells = item.cells
            if not any(c.strip() for c in cells):
                continue
            header = match_header(cells)
            if header:
                self._header(header[0], header[1], cells, item)
                continue
            table = self.table
            if table is None or table.closed:
                # A title inside a one-cell row (Excel, Word): read it as a line.
                self._maybe_line_row(cells)
                continue
            if is_column_number_row(cells):
                continue
            row = self._classify(cells, item, index)
            if row is not None:
                yield row

    # -- lines and titles -------------------------------------------------
    def _line(self, raw: str) -> None:
        title = parse_title(raw)
        if title:
            title.appendix = self.pending_appendix
            self.pending_title = title
            self.pending_appendix = None
            return
        text = clean(raw, drop_footnotes=True)
        folded = fold(text)
        if folded.startswith("phu luc") and len(text) < 40:
            self.pending_appendix = text
            return
        if self.pending_title and _any(_title_patterns()["appendix_reference"], folded):
            self.pending_title.reference = text
            if self.pending_title.year is None:
                years = _YEAR.findall(text)
                if years:
                    self.pending_title.year = int(years[-1])

    def _maybe_line_row(self, cells: tuple[str, ...]) -> None:
        values = [c for c in cells if c.strip()]
        if len(values) == 1:
            self._line(values[0])

    # -- headers ----------------------------------------------------------
    def _header(self, kind: str, roles: list[str | None], cells: tuple[str, ...], row: Row) -> None:
        title = self.pending_title
        current = self.table
        direction = _direction_from_columns(roles, cells) if kind == "delegation" else None
        if (
            title is None
            and current is not None
            and current.kind == kind
            and (direction is None or current.direction in (None, direction))
        ):
            # The header repeated after a page break: same table, same context.
            current.columns = roles
            current.closed = False
            return
        if title is not None and title.kind != kind:
            title = None
        self.pending_title = None
        self.counts[kind] += 1
        if direction is None and title is not None:
            direction = title.direction
        self.table = Table(
            number=self.counts[kind],
            kind=kind,
            columns=roles,
            title=title,
            direction=direction,
            level=title.level if title else None,
            year=title.year if title else None,
            header_location=row.location,
        )

    # -- data rows ----------------------------------------------------------
    def _classify(self, cells: tuple[str, ...], item: Row, index: int) -> TableRow | None:
        table = self.table
        assert table is not None
        texts = [clean(c) for c in cells]
        filled = [i for i, t in enumerate(texts) if t]
        if not filled:
            return None
        patterns = _title_patterns()
        if all(_DASHES.match(texts[i]) for i in filled):
            return None
        first = texts[filled[0]]
        folded_first = fold(first)
        if len(filled) == 1 and parse_title(cells[filled[0]]):
            # The next table's title in a one-cell row (Excel sheets, Word).
            table.closed = True
            self._line(cells[filled[0]])
            return None
        if len(filled) == 1 and _any(patterns["footnote_end"], folded_first):
            table.closed = True
            return None
        # "I. Đoàn sử dụng Ngân sách…", possibly split over two cells, with
        # "Không" after it when the section is empty.
        if _ROMAN.match(first) and filled[0] <= 1:
            parts = [texts[i] for i in filled]
            if len(parts) > 1 and _any(patterns["none_row"], fold(parts[-1])):
                parts = parts[:-1]
            if len(parts) <= 3 and (len(parts) > 1 or not _ROMAN_ONLY.match(first)):
                table.section = " ".join(parts)
                table.unit = None
                return None
        tt_index = table.columns.index("tt") if "tt" in table.columns else 0
        name_index = table.columns.index("name") if "name" in table.columns else 1
        body = [i for i in filled if i != tt_index]
        tt_text = texts[tt_index] if tt_index < len(texts) else ""
        if not body:
            numbered = _NUMBERED_HEADING.match(tt_text)
            if numbered and len(numbered.group(2)) <= 150:
                # "1 UBND huyện Định Hóa" in one cell merged across the row.
                table.unit = numbered.group(2)
            return None  # or "1" with nothing after it: an empty line of the form
        if len(body) == 1 and _any(patterns["none_row"], fold(texts[body[0]])):
            return None  # "1  Không"
        if (
            len(body) == 1
            and body[0] <= name_index + 1
            and _TT.match(tt_text or "0")
            and self._is_group_header(cells, texts, tt_text, body[0], index)
        ):
            table.unit = texts[body[0]]
            return None
        if not tt_text and len(body) == 1 and body[0] <= name_index:
            # A text-only row above a group of rows: a unit or a sub-heading.
            if len(texts[body[0]]) <= 150:
                table.unit = texts[body[0]]
            return None
        return TableRow(
            table=table,
            cells=cells,
            location=item.location,
            physical_table=item.table,
            section=table.section,
            unit=table.unit,
        )

    def _is_group_header(self, cells, texts, tt_text: str, body: int, index: int) -> bool:
        """A "1  UBND huyện Định Hóa" row: bold, or the rows below number "1.1", "1.2"…"""
        if is_bold(cells[body]) or (tt_text and is_bold(cells[0])):
            return True
        prefix = tt_text.rstrip(".") + "."
        for item in self.items[index + 1 : index + 4]:
            if isinstance(item, Row):
                following = [clean(c) for c in item.cells if c.strip()]
                if following:
                    return following[0].startswith(prefix) and following[0] != prefix
        return False


def interpret(document: SourceDocument) -> Iterator[TableRow]:
    """Yield every record-bearing row of the document's tables, in order."""
    return _Reader(document).rows()
