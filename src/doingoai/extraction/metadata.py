"""The document itself as a record: kind, number, date, issuer, province, title.

An official document prints its number ("Số: 65/KH-UBND") and date ("Thái
Nguyên, ngày 09 tháng 4 năm 2024") at the top, its kind as a heading (KẾ
HOẠCH, THÔNG BÁO…) or, for an official letter, in the number's code, and its
appendices refer back to it: "(Kèm theo Kế hoạch số 65/KH-UBND ngày 09/4/2024
của UBND tỉnh Thái Nguyên)". Documents do not always agree with themselves
(an appendix printing another number or date): every value is kept with where
it was printed, and disagreements are listed as conflicts for the officer.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

from doingoai.extraction.cleaning import clean
from doingoai.extraction.document import Line, Row, SourceDocument
from doingoai.extraction.layout import parse_title
from doingoai.extraction.normalize.text import fold

_NUMBER_LINE = re.compile(
    r"^số\s*:?\s*(?P<number>[0-9]*)\s*/\s*(?P<code>[A-ZĐa-zđ0-9]+(?:\s*-\s*[A-ZĐa-zđ0-9]+)*)",
    re.IGNORECASE,
)
_DATE_LINE = re.compile(
    r"^(?P<place>[^\d,]{2,40}),\s*ngày\s*(?P<day>\d{1,2})?\s*tháng\s*(?P<month>\d{1,2})?\s*"
    r"năm\s*(?P<year>\d{4})",
    re.IGNORECASE,
)
_REFERENCE = re.compile(
    r"(?:(?P<kind>kế hoạch|công văn|quyết định|thông báo|tờ trình|báo cáo)\s+)?"
    r"(?:số\s*)?(?P<number>\S*?)\s*/\s*(?P<code>[A-ZĐ]{1,6}(?:-[A-ZĐa-zđ]{1,8}){1,3})\s+"
    r"ngày\s*(?P<day>\d{0,2})\s*/\s*(?P<month>\d{1,2})\s*/\s*(?P<year>\d{4})"
    r"(?:\s+của\s+(?P<issuer>[^)]+))?",
    re.IGNORECASE,
)
_ISSUER_LINE = re.compile(r"^(ủy ban nhân dân|uỷ ban nhân dân|ubnd)\s*(?P<rest>.*)$", re.IGNORECASE)
#: header tables stand among the first items of a document
_HEADER_ITEMS = 12
_MOTTO = ("cong hoa xa hoi chu nghia", "doc lap", "dang cong san viet nam")
_MOTTO_INLINE = re.compile(r"\s*(CỘNG HÒA|CỘNG HOÀ) XÃ HỘI CHỦ NGHĨA VIỆT NAM.*$")
_PROVINCE_IN = re.compile(r"\btỉnh\s+(?P<name>[A-ZĐ][\wÀ-ỹ]*(?:\s+[A-ZĐ][\wÀ-ỹ]*){0,3})")


@cache
def _kinds() -> dict:
    return json.loads(
        resources.files("doingoai.extraction.data").joinpath("document_kinds.json").read_text("utf-8")
    )


@dataclass(slots=True)
class _Seen:
    value: object
    where: str


@cache
def _headings() -> dict[str, str]:
    return {kind["heading"]: kind["name"] for kind in _kinds()["kinds"]}


def _kind_from_heading(text: str) -> str | None:
    if len(text) > 40:
        return None  # a heading is one or two words
    return _headings().get(fold(text).strip(" #*"))


def _kind_from_code(code: str) -> str | None:
    prefix = fold(code.split("-")[0]).upper()
    for kind in _kinds()["kinds"]:
        if prefix in kind["codes"]:
            return kind["name"]
    return _kinds()["default_for_letter"] if code else None


def _title_case_place(text: str) -> str:
    words = clean(text).split()
    return " ".join(w[:1].upper() + w[1:].lower() for w in words)


def _iso(year: str, month: str | None, day: str | None) -> str | None:
    try:
        return date(int(year), int(month), int(day)).isoformat() if month and day else None
    except ValueError:
        return None


def document_record(document: SourceDocument) -> dict:
    """What the text says of the document itself, conflicts flagged."""
    numbers: list[_Seen] = []
    dates: list[_Seen] = []
    record: dict = {
        "record": "document",
        "doc": document.name,
        "format": document.format,
        "kind": None,
        "number": None,
        "date": None,
        "issuer": None,
        "province": None,
        "year": None,
        "title": None,
        "appendix_only": False,
    }
    lines = _lines(document)
    heading_index = None
    number_code = ""
    first_table_title = None
    issuer_parts: list[str] = []
    appendix = None
    reference_kind = None
    reference_issuer = None
    for index, (raw, location) in enumerate(lines):
        for part in raw.splitlines() or [raw]:
            if (
                len(part) > 120
                and index >= _HEADER_ITEMS
                and (first_table_title is not None or "OÀN" not in part)
                and _is_prose(part, index, heading_index, record)
            ):
                continue
            text = clean(part, drop_footnotes=True)
            if not text:
                continue
            folded = fold(text)
            if folded.startswith("phu luc") and len(text) < 40:
                appendix = text
            if first_table_title is None and (title := parse_title(text)):
                first_table_title = title.text
            match = _NUMBER_LINE.match(text)
            if match and record["number"] is None and "code" in match.groupdict():
                code = re.sub(r"\s+", "", match["code"])
                record["number"] = f"{match['number']}/{code}" if match["number"] else None
                record["number_code"] = code
                number_code = code
                record["_code_kind"] = _kind_from_code(code)
                if match["number"]:
                    numbers.append(_Seen(f"{match['number']}/{code}", f"đầu văn bản ({location})"))
                continue
            match = _DATE_LINE.match(text)
            if match and record["date"] is None and record["year"] is None:
                record["province"] = record["province"] or _title_case_place(match["place"])
                record["year"] = int(match["year"])
                iso = _iso(match["year"], match["month"], match["day"])
                record["date"] = iso
                if iso:
                    dates.append(_Seen(iso, f"đầu văn bản ({location})"))
                continue
            if index < 12 and heading_index is None and record["number"] is None:
                header = _header_cell(part)
                if header:
                    issuer_parts.append(header)
                    continue
            kind = _kind_from_heading(text)
            if kind and record["kind"] is None and heading_index is None:
                record["kind"] = kind
                heading_index = index
                continue
            if heading_index is not None and record["title"] is None and index == heading_index + 1:
                record["title"] = text
                continue
            if folded.startswith("v/v") and record["title"] is None:
                record["title"] = text[3:].strip(" :")
                following = lines[index + 1][0] if index + 1 < len(lines) else ""
                if following and len(following) < 80 and not _is_body(following):
                    record["title"] = f"{record['title']} {clean(following)}"
                continue
            if not _is_self_reference(text, folded):
                continue
            for ref in _REFERENCE.finditer(text):
                where = f"{appendix or 'phụ lục'} ({location})"
                if ref["kind"]:
                    reference_kind = reference_kind or ref["kind"].capitalize()
                if ref["issuer"]:
                    issuer = clean(ref["issuer"]).rstrip(".) ")
                    if len(issuer) > len(reference_issuer or ""):
                        reference_issuer = issuer
                if ref["number"] and ref["number"].isdigit():
                    numbers.append(_Seen(f"{ref['number']}/{ref['code']}", where))
                    if record["number"] is None and record.get("number_code") in (None, ref["code"]):
                        record.setdefault("_reference_number", f"{ref['number']}/{ref['code']}")
                iso = _iso(ref["year"], ref["month"], ref["day"])
                if iso:
                    dates.append(_Seen(iso, where))
                elif record["year"] is None:
                    record["_reference_year"] = int(ref["year"])
    code = number_code
    code_kind = record.pop("_code_kind", None)
    record["kind"] = record["kind"] or code_kind
    if record["kind"] is None and reference_kind:
        record["kind"] = reference_kind
        record["appendix_only"] = True
    if record["number"] is None:
        record["number"] = record.pop("_reference_number", None)
    record.pop("_reference_number", None)
    record.pop("number_code", None)
    if record["date"] is None and dates:
        record["date"] = dates[0].value
    if record["year"] is None:
        record["year"] = int(record["date"][:4]) if record["date"] else record.pop("_reference_year", None)
    record.pop("_reference_year", None)
    record["issuer"] = _issuer(issuer_parts, reference_issuer, record)
    if record["issuer"] is None and code and "UBND" in code.upper() and record["province"]:
        record["issuer"] = f"UBND tỉnh {record['province']}"
    if record["title"] is None and first_table_title:
        record["title"] = first_table_title
    if record["province"] is None and record["issuer"]:
        match = _PROVINCE_IN.search(record["issuer"])
        if match:
            record["province"] = match["name"]
    record["conflicts"] = [
        conflict for conflict in (_conflict("number", numbers), _conflict("date", dates)) if conflict
    ]
    record["review"] = [
        {
            "field": c["field"],
            "code": "document_conflict",
            "severity": "review",
            "reason": "Văn bản ghi {} khác nhau: {}".format(
                "số" if c["field"] == "number" else "ngày",
                "; ".join(f"{v['value']} ở {', '.join(v['where'])}" for v in c["values"]),
            ),
        }
        for c in record["conflicts"]
    ]
    return record


def _lines(document: SourceDocument) -> list[tuple[str, str]]:
    """The document's lines, with the cells of a header table read as lines too.

    Word documents usually set the header (agency, number; national motto,
    place and date) in a borderless two-column table above the kind heading:
    its cells are read column by column as the lines they hold. Tables below
    the heading are the plan's own and stay out.
    """
    lines: list[tuple[str, str]] = []
    in_table = False  # the plan's own table started: its short rows (units, sections) are not a letterhead
    for position, item in enumerate(document.items):
        if isinstance(item, Line):
            lines.append((item.text, item.location))
            if len(item.text) <= 80 and _kind_from_heading(clean(item.text)):
                break
        elif isinstance(item, Row) and position < _HEADER_ITEMS and not in_table:
            in_table = sum(1 for cell in item.cells if cell.strip()) > 3
            if len(item.cells) <= 3 and not in_table:
                lines.extend((cell, item.location) for cell in item.cells if cell.strip())
    else:
        return lines
    rest = document.items[position + 1 :]
    return lines + [(item.text, item.location) for item in rest if isinstance(item, Line)]


_REFERENCE_OPENINGS = ("kèm", "kem", "đính", "dinh", "ban hành", "ban hanh", "v/v")
#: finds any of ``_REFERENCE_OPENINGS`` in a text (one search instead of one ``in`` per opening)
_REFERENCE_OPENING = re.compile("|".join(map(re.escape, _REFERENCE_OPENINGS)))


def _is_prose(part: str, index: int, heading_index: int | None, record: dict) -> bool:
    """A long paragraph of the body: no number, date or heading line is that long.

    The line under the kind heading (the title), a table's title (in
    capitals, naming ĐOÀN), a "(Kèm theo …)" or "V/v …" line are read
    whatever their length.
    """
    if heading_index is not None and record["title"] is None and index == heading_index + 1:
        return False
    return _REFERENCE_OPENING.search(part[:40].lower()) is None


def _is_self_reference(text: str, folded: str) -> bool:
    """An appendix's line naming the document it belongs to, not a cited one.

    "(Kèm theo Kế hoạch số 65/KH-UBND ngày 09/4/2024 của UBND tỉnh …)"; scans
    sometimes lose its start ("g0 /KH-UBND ngày 4/3/2024 của UBND tỉnh …)").
    """
    if folded.lstrip("( ").startswith(("kem theo", "dinh kem", "ban hanh kem theo")):
        return True
    return len(text) < 120 and text.rstrip().endswith(")") and "(" not in text and "ngay" in folded


def _is_body(text: str) -> bool:
    folded = fold(clean(text))
    return folded.startswith(("kinh gui", "can cu", "thuc hien", "theo de nghi"))


def _header_cell(text: str) -> str | None:
    """The agency part of a header line ("SỞ CÔNG THƯƠNG"), or None for anything else.

    The header's left block names the issuing agency in capitals, under its
    parent agency when it has one (Nghị định 30/2020/NĐ-CP, Phụ lục I); the
    right block is the national motto, which a conversion may put on the same
    line after a tab. Kind headings ("KẾ HOẠCH") and separator lines are not
    agency names.
    """
    for cell in re.split(r"\t+|\s{3,}", text):
        cell = _MOTTO_INLINE.sub("", clean(cell)).strip(" -_*#")
        if not cell or len(cell) > 80 or cell.upper() != cell or not re.search(r"[A-ZĐÀ-Ỹ]", cell):
            continue
        folded = fold(cell)
        if folded.startswith(_MOTTO + ("phu luc",)) or _kind_from_heading(cell) or parse_title(cell):
            continue
        return cell
    return None


def _issuer(parts: list[str], reference: str | None, record: dict) -> str | None:
    """The issuing agency: the last agency line of the header (its parent above it), else the reference.

    "ỦY BAN NHÂN DÂN" / "TỈNH THÁI NGUYÊN" is one agency on two lines; "UBND
    TỈNH THÁI NGUYÊN" / "SỞ CÔNG THƯƠNG" is a department under its parent,
    and the department is the issuer. The People's Committee of a province
    reads "UBND tỉnh X", of a district "UBND huyện X"; other agencies keep
    their printed name.
    """
    groups: list[str] = []
    for part in parts:
        if groups and fold(part).startswith(("tinh ", "thanh pho ", "huyen ", "thi xa ", "xa ", "quan ")):
            groups[-1] = f"{groups[-1]} {part}"
        else:
            groups.append(part)
    for group in groups:  # the province, from whichever header line names it
        match = _ISSUER_LINE.match(clean(group))
        rest = match["rest"].strip() if match else ""
        if rest and fold(rest).startswith("tinh "):
            record["province"] = record["province"] or _title_case_place(
                re.sub(r"^tỉnh\s+", "", rest, flags=re.IGNORECASE)
            )
    if groups:
        issuer = clean(groups[-1])
        match = _ISSUER_LINE.match(issuer)
        if match is None:
            return issuer
        rest = match["rest"].strip()
        level = re.match(r"^(tỉnh|thành phố|huyện|thị xã|quận|xã)\s+(.+)$", rest, re.IGNORECASE)
        if level:
            return f"UBND {level[1].lower()} {_title_case_place(level[2])}"
    if reference:
        return reference[:1].upper() + reference[1:]
    return None


def _conflict(field: str, seen: list[_Seen]) -> dict | None:
    distinct = list(dict.fromkeys(s.value for s in seen))
    if len(distinct) < 2:
        return None
    return {
        "field": field,
        "values": [
            {"value": value, "where": [s.where for s in seen if s.value == value]} for value in distinct
        ],
    }
