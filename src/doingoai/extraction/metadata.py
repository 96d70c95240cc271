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
from doingoai.extraction.document import Line, SourceDocument
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


def _kind_from_heading(text: str) -> str | None:
    folded = fold(text).strip(" #*")
    for kind in _kinds()["kinds"]:
        if folded == kind["heading"]:
            return kind["name"]
    return None


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
    lines = [(item.text, item.location) for item in document.items if isinstance(item, Line)]
    heading_index = None
    number_code = ""
    first_table_title = None
    issuer_parts: list[str] = []
    appendix = None
    reference_kind = None
    reference_issuer = None
    for index, (raw, location) in enumerate(lines):
        for part in raw.splitlines() or [raw]:
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
            if (
                len(issuer_parts) < 2
                and (
                    (issuer_parts and folded.startswith(("tinh", "thanh pho", "huyen")))
                    or (not issuer_parts and _ISSUER_LINE.match(text))
                )
                and index < 12
                and len(text) < 60
                and text.upper() == text
            ):
                issuer_parts.append(text)
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
        record["year"] = (
            int(record["date"][:4]) if record["date"] else record.pop("_reference_year", None)
        )
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
        conflict
        for conflict in (_conflict("number", numbers), _conflict("date", dates))
        if conflict
    ]
    record["review"] = [
        {"field": c["field"], "reason": "Văn bản ghi {} khác nhau: {}".format(
            "số" if c["field"] == "number" else "ngày",
            "; ".join(f"{v['value']} ở {', '.join(v['where'])}" for v in c["values"]),
        )}
        for c in record["conflicts"]
    ]
    return record


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


def _issuer(parts: list[str], reference: str | None, record: dict) -> str | None:
    if parts:
        joined = clean(" ".join(parts))
        match = _ISSUER_LINE.match(joined)
        rest = match["rest"].strip() if match else ""
        if rest:
            province = re.sub(r"^tỉnh\s+", "", rest, flags=re.IGNORECASE)
            province = _title_case_place(province.split(" TỈNH")[0])
            record["province"] = record["province"] or province
            return f"UBND tỉnh {province}"
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
            {"value": value, "where": [s.where for s in seen if s.value == value]}
            for value in distinct
        ],
    }
