"""Tables as a person reads them: titles, headers, sections, units, data rows.

A plan document is a stream of prose lines and table rows (see
`doingoai.extraction.document`). Reading it the way an officer does means:

- a title line above a table ("KẾ HOẠCH ĐOÀN RA CỦA SỞ, NGÀNH … NĂM 2025")
  gives the table's direction, level and year;
- the header row names the columns; tables differ (an extra "Đơn vị chủ trì"
  column, no "Đối tác" column for inbound) and offices name and order the
  columns their own way ("Số TT", "Quốc gia", "Thời điểm", "Dự toán kinh
  phí"…), so columns are found by the meaning of their header
  (``data/columns.json``), never by position;
- a two-row header sets a group heading over sub-headings ("Thời gian" over
  "Số ngày" | "Thời điểm", "Kinh phí" over "Phía Việt Nam" | "Phía đối tác"):
  the sub-headings name the columns, the group heading gives their meaning
  where a sub-heading only names a side;
- a header repeated after a page break, or rows that simply continue in the
  next Word table or after a footnote, belong to the same table;
- the column-number row ("1 2 3 … 10", "(1) (2)", "[1]", "Cột 1"), rows that
  say "Không", empty rows and separator rows are not records;
- "I. Đoàn sử dụng Ngân sách…" and "A  Đoàn vào của …" rows open a section;
  "1  UBND huyện Định Hóa" (bold, numbered above "1.1", or naming a unit) and
  a unit's name alone in its row open a unit group; both apply to the rows
  below them.

`interpret` yields one `TableRow` per record-bearing row, with its table's
context; `doingoai.extraction.records` turns it into a record.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

from doingoai.extraction.cleaning import clean, is_bold
from doingoai.extraction.document import Line, Row, SourceDocument
from doingoai.extraction.normalize.text import fold

_ROMAN = re.compile(r"^(?=[IVX])(?:X{0,3})(?:IX|IV|V?I{0,3})\s*[.)/:-]?(?:\s|$)")
_ROMAN_ONLY = re.compile(r"^(?=[IVX])(?:X{0,3})(?:IX|IV|V?I{0,3})\s*[.)/:-]?$")
_TT = re.compile(r"^\d{1,5}(?:\.\d{1,3}){0,3}\.?$")  # archives number tens of thousands of rows
_NUMBER = re.compile(r"^\d{1,3}$")
_YEAR = re.compile(r"\b(20\d\d|19\d\d)\b")
_DASHES = re.compile(r"^[-–—_=.\s]+$")
_NUMBERED_HEADING = re.compile(r"^(\d{1,3})\.?\s+(\D.*)$")


@cache
def _data(name: str) -> dict:
    return json.loads(resources.files("doingoai.extraction.data").joinpath(name).read_text("utf-8"))


@cache
def _column_patterns(
    kind: str,
) -> tuple[tuple[tuple[str, re.Pattern], ...], tuple[tuple[str, re.Pattern], ...]]:
    """(decisive, ordinary) patterns of a kind of table, in the data file's order."""
    decisive, ordinary = [], []
    for role, patterns in _data("columns.json")[kind]:
        for pattern in patterns:
            if pattern.startswith("!"):
                decisive.append((role, re.compile(pattern[1:])))
            else:
                ordinary.append((role, re.compile(pattern)))
    return tuple(decisive), tuple(ordinary)


@cache
def _header_signal() -> re.Pattern:
    """Words without which a row cannot be a header: a cheap first test."""
    return re.compile("|".join(_data("columns.json")["header_signal"]))


@cache
def _sub_qualifier() -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in _data("columns.json")["sub_qualifiers"]["patterns"]))


@cache
def _column_number_cell() -> re.Pattern:
    return re.compile(_data("columns.json")["column_number_cell"])


@lru_cache(maxsize=4096)
def column_role(folded: str, kind: str = "delegation") -> str | None:
    """The role of a header cell (folded text) in a table of ``kind``; None if unknown.

    A decisive pattern wins wherever it is; otherwise the role whose pattern
    matches earliest, the longest match at the same place, then the first
    role of the data file (see ``data/columns.json``).
    """
    if not folded:
        return None
    decisive, ordinary = _column_patterns(kind)
    for role, pattern in decisive:
        if pattern.search(folded):
            return role
    best: tuple[int, int, int] | None = None
    chosen = None
    for order, (role, pattern) in enumerate(ordinary):
        match = pattern.search(folded)
        if match is not None:
            key = (match.start(), match.start() - match.end(), order)
            if best is None or key < best:
                best, chosen = key, role
    return chosen


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
    #: what the table's title and header say that every record should mention: (field, code, argument)
    notes: list[tuple[str, str, str]] = field(default_factory=list)
    #: per column, the sub-heading that names one of several columns of one role
    #: ("Phía Việt Nam" | "Phía đối tác" under "Kinh phí"), else None
    labels: list[str | None] = field(default_factory=list)
    #: what reading the header decided that every record should mention:
    #: (field, review code, argument)
    header_notes: list[tuple[str, str, str]] = field(default_factory=list)
    tt_index: int = 0
    name_index: int = 1

    def has(self, role: str) -> bool:
        return role in self.columns

    def set_columns(self, header: Header) -> None:
        self.columns = header.roles
        self.labels = header.labels
        self.header_notes = header.notes
        self.tt_index = header.roles.index("tt") if "tt" in header.roles else 0
        self.name_index = header.roles.index("name") if "name" in header.roles else 1


@dataclass(slots=True)
class Header:
    """A table header as read: the role and label of each column, what was decided."""

    kind: str
    roles: list[str | None]
    labels: list[str | None]
    notes: list[tuple[str, str, str]]
    direction: str | None = None  # what the column names say ("Đến từ nước": in)
    strong_direction: bool = False  # said by the countries column, not only guessed
    rows: int = 1  # header rows read (2 for a group heading over sub-headings)


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


def _header_text(cell: str) -> str:
    if not cell:
        return ""
    return fold(clean(cell, drop_footnotes=True) if "<sup" in cell else clean(cell))


def _header_roles(cells: tuple[str, ...], kind: str, texts: list[str] | None = None) -> list[str | None]:
    roles: list[str | None] = []
    for text in texts if texts is not None else map(_header_text, cells):
        role = column_role(text, kind) if len(text) <= _HEADER_CELL else None
        roles.append(None if role == "ignore" else role)
    return roles


_HEADER_CELL = 120  # a header cell is at most this long; a longer cell holds data


def _valid(kind: str, roles: list[str | None]) -> bool:
    if kind == "agreement":
        return "title" in roles and ("signing_capacity" in roles or "proposer" in roles or "kind" in roles)
    return "name" in roles and ("leader" in roles or "countries" in roles or "members" in roles)


def _looks_like_header(cells: tuple[str, ...]) -> list[str] | None:
    """Cheap test: at least 3 short cells, a header word among them. The cells' folded texts if so."""
    filled = 0
    for cell in cells:
        if cell:
            if len(cell) > _HEADER_CELL:
                return None  # header cells are short: a row with a long cell holds data
            filled += 1
    if filled < 3 or not _header_signal().search(fold(" ".join(cells))):
        return None
    texts = [_header_text(cell) for cell in cells]
    if sum(1 for text in texts if text) < 3:
        return None
    return texts


def _finish(kind: str, roles: list[str | None], labels: list[str | None], cells, rows: int) -> Header:
    """The header's roles settled: "Thành phần đoàn" without a Trưởng đoàn column is the leader's."""
    notes: list[tuple[str, str, str]] = []
    if "members" in roles and "leader" not in roles:
        index = roles.index("members")
        roles = [*roles]
        roles[index] = "leader"
        notes.append(("leader", "leader_from_members", clean(cells[index], drop_footnotes=True)))
    header = Header(kind=kind, roles=roles, labels=labels, notes=notes, rows=rows)
    if kind == "delegation":
        header.direction, header.strong_direction = _direction_from_columns(roles, cells)
    return header


def match_header(cells: tuple[str, ...]) -> tuple[str, list[str | None]] | None:
    """(kind, column roles) when the row alone is a table header, else None."""
    header = read_header(cells)
    return (header.kind, header.roles) if header else None


def read_header(cells: tuple[str, ...], following: tuple[str, ...] | None = None) -> Header | None:
    """The header that starts with this row, with the next row when it holds sub-headings.

    A two-row header sets a group heading over several columns ("Thời gian"
    over "Số ngày" | "Thời điểm", "Kinh phí" over "Phía Việt Nam" | "Phía đối
    tác"): the second row's cells name the columns, and the group heading
    gives their meaning where the sub-heading alone does not.
    """
    texts = _looks_like_header(cells)
    if texts is None:
        return None
    for kind in ("agreement", "delegation"):
        roles = _header_roles(cells, kind, texts)
        if sum(1 for role in roles if role) < 2:
            continue  # a header names its columns
        if following is not None:
            combined = _combine(cells, roles, following, kind)
            if combined is not None and _valid(kind, combined[0]):
                return _finish(kind, combined[0], combined[1], combined[2], 2)
        if _valid(kind, roles):
            return _finish(kind, roles, [None] * len(roles), cells, 1)
    return None


def _combine(
    top: tuple[str, ...], top_roles: list[str | None], bottom: tuple[str, ...], kind: str
) -> tuple[list[str | None], list[str | None], tuple[str, ...]] | None:
    """Roles, labels and effective cells of a two-row header, or None if ``bottom`` holds no sub-headings."""
    width = max(len(top), len(bottom))
    top_texts = [clean(c, drop_footnotes=True) for c in top] + [""] * (width - len(top))
    bottom_texts = [clean(c, drop_footnotes=True) for c in bottom] + [""] * (width - len(bottom))
    new = [i for i, text in enumerate(bottom_texts) if text and text != top_texts[i]]
    if not any(not top_texts[i] for i in new):
        return None  # a group heading spans columns: some sub-heading stands under an empty cell
    if any(len(text) > 80 for text in bottom_texts) or is_column_number_row(bottom):
        return None
    qualifier = _sub_qualifier()
    roles: list[str | None] = []
    labels: list[str | None] = []
    cells: list[str] = []
    group = ""
    for index in range(width):
        above, below = top_texts[index], bottom_texts[index]
        if above:
            group = above
        elif not below:
            group = ""
        if index not in new:
            role = top_roles[index] if index < len(top_roles) else None
            roles.append(role)
            labels.append(None)
            cells.append(above or below)
            continue
        if _TT.match(below):
            return None  # a row number: the row holds data
        sub = fold(below)
        sub_role = column_role(sub, kind)
        group_role = column_role(fold(group), kind) if group else None
        if group_role and qualifier.search(sub):
            role = group_role
        elif sub_role:
            role = sub_role
        else:
            return None  # not a sub-heading: the row holds data
        roles.append(None if role == "ignore" else role)
        labels.append(below)
        cells.append(f"{group} {below}".strip())
    counts = {role: roles.count(role) for role in roles if role}
    labels = [label if role and counts[role] > 1 else None for role, label in zip(roles, labels, strict=True)]
    return roles, labels, tuple(cells)


def is_column_number_row(cells: tuple[str, ...]) -> bool:
    """The row under a header that numbers the columns: "1 2 3 … 10", "(1) (2)", "[1]", "Cột 1"."""
    if max(map(len, cells), default=0) > 30:
        return False  # a data row has a longer cell
    values = [c for c in cells if c.strip()]
    if len(values) < 3:
        return False
    pattern = _column_number_cell()
    previous = None
    increasing = 0
    for value in values:
        match = pattern.match(fold(clean(value)))
        if match is None:
            return False
        token = match.group(1)
        number = int(token) if token.isdigit() else ord(token) - 96
        if previous is not None and number > previous:
            increasing += 1
        previous = number
    return increasing >= len(values) - 2  # merged cells may repeat a number once


def _direction_from_columns(roles: list[str | None], cells: tuple[str, ...]) -> tuple[str | None, bool]:
    """(direction, said by the countries column) from the column names."""
    for role, cell in zip(roles, cells, strict=False):
        if role == "countries":
            folded = _header_text(cell)
            if "den tu" in folded or "cu doan" in folded or "quoc tich" in folded or "xuat xu" in folded:
                return "in", True
            if "nuoc di" in folded or "nuoc den" in folded or "di nuoc" in folded or "noi den" in folded:
                return "out", True
    if "partners" in roles:
        return "out", False
    return None, False


def looks_like_unit(text: str) -> bool:
    """Whether a row's only text names a unit ("Sở Y tế", "UBND huyện …") rather than a delegation."""
    folded = fold(text)
    return folded.startswith(_unit_words()) and not folded.startswith(("doan ", "doan:"))


@cache
def _unit_words() -> tuple[str, ...]:
    return tuple(_data("cues.json")["unit_words"])


_LETTER = re.compile(r"^[A-ZĐa-zđ]\s*[.)/:-]?$")


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
        skip = -1
        for index, item in enumerate(items):
            if index <= skip:
                continue
            if isinstance(item, Line):
                self._line(item.text)
                continue
            cells = item.cells
            if not "".join(cells).strip():
                continue
            table = self.table
            open_table = table is not None and not table.closed
            if not (
                open_table and _TT.match(clean(cells[table.tt_index]) if table.tt_index < len(cells) else "")
            ):
                # A data row of an open table starts with its number; anything else may be a header.
                position, following = self._next_row(index)
                header = read_header(cells, following.cells if following is not None else None)
                if header:
                    if header.rows == 2:
                        skip = position
                    self._header(header, item)
                    continue
            if not open_table:
                # A title inside a one-cell row (Excel, Word): read it as a line.
                self._maybe_line_row(cells)
                continue
            if is_column_number_row(cells):
                continue
            row = self._classify(cells, item, index)
            if row is not None:
                yield row

    def _next_row(self, index: int) -> tuple[int, Row | None]:
        """The row right after ``index`` (no line between), and its position."""
        position = index + 1
        if position < len(self.items):
            item = self.items[position]
            if isinstance(item, Row) and "".join(item.cells).strip():
                return position, item
        return position, None

    # -- lines and titles -------------------------------------------------
    def _line(self, raw: str) -> None:
        title = parse_title(raw)
        if title:
            title.appendix = self.pending_appendix
            self.pending_title = title
            self.pending_appendix = None
            return
        if self.pending_title is None and len(raw) > 120:
            return  # prose: neither an appendix heading ("Phụ lục II") nor a title's reference line
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
    def _header(self, header: Header, row: Row) -> None:
        kind = header.kind
        title = self.pending_title
        current = self.table
        direction = header.direction if kind == "delegation" else None
        if (
            title is None
            and current is not None
            and current.kind == kind
            and (direction is None or current.direction in (None, direction))
        ):
            # The header repeated after a page break: same table, same context.
            current.set_columns(header)
            current.closed = False
            return
        if title is not None and title.kind != kind:
            title = None
        self.pending_title = None
        self.counts[kind] += 1
        notes = []
        title_direction = title.direction if title is not None else None
        if kind == "delegation":
            if title_direction and direction and direction != title_direction and header.strong_direction:
                notes.append(("direction", "direction_conflict", title_direction))
            elif title_direction:
                direction = title_direction
            elif direction:
                notes.append(
                    (
                        "direction",
                        "direction_from_columns" if header.strong_direction else "direction_guessed",
                        "",
                    )
                )
        table = Table(
            number=self.counts[kind],
            kind=kind,
            columns=header.roles,
            title=title,
            direction=direction,
            level=title.level if title else None,
            year=title.year if title else None,
            header_location=row.location,
        )
        table.set_columns(header)
        table.notes = notes
        self.table = table

    # -- data rows ----------------------------------------------------------
    def _classify(self, cells: tuple[str, ...], item: Row, index: int) -> TableRow | None:
        table = self.table
        assert table is not None
        texts = list(map(clean, cells))
        filled = [i for i, t in enumerate(texts) if t]
        if not filled:
            return None
        patterns = _title_patterns()
        if all(_DASHES.match(texts[i]) for i in filled):
            return None
        first = texts[filled[0]]
        if len(filled) == 1 and parse_title(cells[filled[0]]):
            # The next table's title in a one-cell row (Excel sheets, Word).
            table.closed = True
            self._line(cells[filled[0]])
            return None
        if len(filled) == 1 and _any(patterns["footnote_end"], fold(first)):
            table.closed = True
            return None
        tt_index, name_index = table.tt_index, table.name_index
        # "I. Đoàn sử dụng Ngân sách…", possibly split over two cells, with
        # "Không" after it when the section is empty.
        if _ROMAN.match(first) and filled[0] <= 1:
            parts = [texts[i] for i in filled]
            if len(parts) > 1 and _any(patterns["none_row"], fold(parts[-1])):
                parts = parts[:-1]
            if len(parts) <= 3 and (len(parts) > 1 or not _ROMAN_ONLY.match(first)):
                body = _ROMAN.sub("", parts[0]).strip() if len(parts) == 1 else " ".join(parts[1:])
                if looks_like_unit(body):
                    table.unit = body  # "II  Sở Y tế": a unit numbered like a section
                else:
                    table.section = " ".join(parts)
                    table.unit = None
                return None
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
        if len(body) == 1 and body[0] <= name_index + 1 and len(texts[body[0]]) <= 150:
            text = texts[body[0]]
            if _LETTER.match(tt_text):
                # "A  Sở Y tế" / "B  Đoàn vào": a lettered group heading.
                if looks_like_unit(text):
                    table.unit = text
                else:
                    table.section = f"{tt_text} {text}"
                    table.unit = None
                return None
            if _TT.match(tt_text or "0") and (
                looks_like_unit(text) or self._is_group_header(cells, texts, tt_text, body[0], index)
            ):
                table.unit = text
                return None
            if not tt_text and body[0] <= name_index:
                # A text-only row above a group of rows: a unit or a sub-heading.
                table.unit = text
                return None
        elif not tt_text and len(body) == 1 and body[0] <= name_index:
            return None  # a long text-only row: a note across the table
        # table, cells, location, physical_table, section, unit (positional: faster than keywords)
        return TableRow(table, cells, item.location, item.table, table.section, table.unit)

    def _is_group_header(self, cells, texts, tt_text: str, body: int, index: int) -> bool:
        """A "1  UBND huyện Định Hóa" row: bold, or the rows below number "1.1", "1.2"…"""
        if is_bold(cells[body]) or (tt_text and is_bold(cells[0])):
            return True
        if not tt_text:
            return False
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
