"""Records from table rows: delegations and agreements, normalized, with source.

A record carries the fields of ``shared/gold/SCHEMA.md`` under their names,
and beside them what the scorer ignores but the office needs: where the row
came from (file, table, row, raw cells), the ISO 3166-2 codes of the foreign
localities it names, the funding categories, whether people and days count per
delegation, the unit that proposed it where the document shows it, and for
each field the reader guessed, repaired or could not read, the reason.

Review items are ``{"field", "code", "reason", "severity"}``. The severity is
"review" when an officer must look (a value guessed or repaired, a
contradiction, something missing or not understood) and "note" for routine
information on how a value was read (the year taken from the plan's title, a
row that stands for several delegations). ``needs_review`` tells them apart.
"""

from __future__ import annotations

import re
from typing import Any

from doingoai.extraction.align import align
from doingoai.extraction.cleaning import clean
from doingoai.extraction.layout import TableRow, looks_like_unit
from doingoai.extraction.normalize.funding import classify_funding
from doingoai.extraction.normalize.periods import Period, parse_period
from doingoai.extraction.normalize.places import (
    country_name_vi,
    find_localities,
    foreign_places,
    resolve_countries,
)
from doingoai.extraction.normalize.quantities import (
    count_delegations,
    parse_duration,
    parse_people,
)
from doingoai.extraction.normalize.text import fold

_LEAD_UNIT = re.compile(r"(?:^|[;:\-–]\s*|\.\s+)([^;:\-–]{3,120}?)\s+(?:chủ trì|chu tri)\b", re.IGNORECASE)
_MAY_LEAD = re.compile(r"ch[uủ] tr[iì]", re.IGNORECASE)  # what _LEAD_UNIT needs, found fast
_UNIT_START = re.compile(
    r"^(?:sở|ubnd|ủy ban|bộ chỉ huy|bộ chqs|công an|ban |liên hiệp|tỉnh đoàn|trường|bệnh viện|"
    r"văn phòng|hội |liên đoàn|khu dự trữ|ban quản lý|đài |báo )",
    re.IGNORECASE,
)

#: Severities of a review item: "review" an officer must look (a guessed or
#: repaired value, a contradiction, something missing or not understood);
#: "note" routine information on how a value was read.
REVIEW_SEVERITY = "review"
NOTE_SEVERITY = "note"

#: code → (severity, reason); the reason is formatted with the item's arguments.
REVIEW: dict[str, tuple[str, str]] = {
    "countries_missing": (REVIEW_SEVERITY, "Chưa ghi nước đi/đến"),
    "countries_unresolved": (REVIEW_SEVERITY, "Không xác định được nước: {}"),
    "countries_fuzzy": (REVIEW_SEVERITY, "Tên nước viết sai, đã đoán: {}"),
    "country_conflict": (REVIEW_SEVERITY, "«{}» thuộc {}, nhưng cột nước ghi {}"),
    "period_missing": (REVIEW_SEVERITY, "Chưa ghi thời gian thực hiện (tháng hoặc quý)"),
    "period_unclear": (REVIEW_SEVERITY, "Không hiểu thời gian thực hiện: «{}»"),
    "period_approximate": (REVIEW_SEVERITY, "Thời gian «{}» không ghi rõ tháng: đã hiểu là {}"),
    "period_outside_year": (REVIEW_SEVERITY, "Thời gian {} nằm ngoài năm kế hoạch {}"),
    "period_year_assumed": (NOTE_SEVERITY, "Thời gian không ghi năm: đã lấy năm {} của kế hoạch"),
    "people_unclear": (REVIEW_SEVERITY, "Không hiểu số người: «{}»"),
    "people_per_delegation": (NOTE_SEVERITY, "Số người ghi cho mỗi đoàn: «{}»"),
    "duration_unclear": (REVIEW_SEVERITY, "Không hiểu số ngày: «{}»"),
    "duration_per_delegation": (NOTE_SEVERITY, "Số ngày ghi cho mỗi đoàn: «{}»"),
    "delegations_counted": (NOTE_SEVERITY, "Hàng này gồm {} đoàn"),
    "leader_missing_out": (REVIEW_SEVERITY, "Đoàn ra phải ghi họ tên, chức vụ Trưởng đoàn"),
    "leader_missing_in": (REVIEW_SEVERITY, "Đoàn vào phải ghi cấp Trưởng đoàn dự kiến"),
    "leader_from_members": (NOTE_SEVERITY, "Bảng không có cột Trưởng đoàn: Trưởng đoàn lấy từ cột «{}»"),
    "funding_missing": (REVIEW_SEVERITY, "Chưa ghi nguồn kinh phí"),
    "funding_unclassified": (REVIEW_SEVERITY, "Không xếp được nguồn kinh phí vào loại nào"),
    "repaired": (REVIEW_SEVERITY, "Các ô của hàng bị lệch/dính, đã sắp lại: {}"),
    "cell_repaired": (REVIEW_SEVERITY, "Hàng bị lệch/dính: ô này đã được sắp lại, đọc là «{}»"),
    "cell_emptied": (REVIEW_SEVERITY, "Hàng bị lệch/dính: ô này để trống sau khi sắp lại các ô"),
    "extra_cells": (REVIEW_SEVERITY, "Hàng có ô thừa không thuộc cột nào: «{}»"),
    "direction_unknown": (REVIEW_SEVERITY, "Không xác định được đoàn ra hay đoàn vào"),
    "direction_conflict": (
        REVIEW_SEVERITY,
        "Tiêu đề bảng ghi {} nhưng tên cột nước cho thấy {}: đã theo tên cột",
    ),
    "direction_guessed": (REVIEW_SEVERITY, "Tiêu đề bảng không ghi đoàn ra hay đoàn vào: đã đoán là {}"),
    "direction_from_columns": (
        NOTE_SEVERITY,
        "Tiêu đề bảng không ghi đoàn ra hay đoàn vào: theo tên cột nước, là {}",
    ),
    "level_unknown": (REVIEW_SEVERITY, "Tiêu đề bảng không cho biết cấp (tỉnh hay sở, ngành)"),
    "level_from_issuer": (
        NOTE_SEVERITY,
        "Tiêu đề bảng không ghi cấp: là cấp sở, ngành theo đơn vị ban hành ({})",
    ),
    "year_unknown": (REVIEW_SEVERITY, "Không xác định được năm kế hoạch"),
    "year_from_document": (NOTE_SEVERITY, "Tiêu đề bảng không ghi năm: đã lấy năm {} của văn bản"),
    "name_missing": (REVIEW_SEVERITY, "Chưa ghi tên đoàn"),
    "title_missing": (REVIEW_SEVERITY, "Chưa ghi tên văn bản"),
}
_DIRECTION_LABEL = {"out": "đoàn ra", "in": "đoàn vào"}
_COLUMN_LABEL = {
    "tt": "TT",
    "name": "Tên đoàn",
    "leader": "Trưởng đoàn",
    "members": "Thành phần đoàn",
    "countries": "Nước",
    "partners": "Đối tác",
    "activities": "Nội dung",
    "people": "Số người",
    "duration": "Số ngày",
    "period": "Thời gian",
    "funding": "Kinh phí",
    "notes": "Ghi chú",
    "host_unit": "Đơn vị chủ trì/đón tiếp",
    "coordinating": "Đơn vị phối hợp",
}


def _review(reviews: list[dict], field: str, key: str, *args: Any) -> None:
    severity, reason = REVIEW[key]
    reviews.append({"field": field, "code": key, "reason": reason.format(*args), "severity": severity})


def needs_review(record: dict) -> bool:
    """Whether an officer must look at a record: one of its items is a "review", not only notes."""
    items = record.get("review") or ()
    return any(item.get("severity", REVIEW_SEVERITY) == REVIEW_SEVERITY for item in items)


class _Texts(dict):
    """A row's cells as plain text by column role, each cleaned once, when first asked for."""

    __slots__ = ("raw",)

    def __init__(self, raw: dict[str, str]) -> None:
        super().__init__()
        self.raw = raw

    def __missing__(self, role: str) -> str:
        text = self[role] = clean(self.raw.get(role, ""))
        return text


def _text(texts: _Texts, role: str) -> str:
    return texts[role]


def _or_none(text: str) -> str | None:
    return text or None


def _number(value: float | int | None) -> float | int | None:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _source(row: TableRow, doc: str, texts: _Texts) -> dict:
    """Where the record came from, and the text each field was read from."""
    return {
        "file": doc,
        "table": row.table.number,
        "physical_table": row.physical_table,
        "row": row.location,
        "cells": list(row.cells),
        "values": {role: text for role in texts.raw if role and (text := texts[role])},
    }


def _issuing_unit(document: dict | None) -> str | None:
    """The document's issuer when it is a unit (a department, a district), not the province."""
    issuer = (document or {}).get("issuer")
    if not issuer:
        return None
    folded = fold(issuer)
    if folded.startswith(("ubnd tinh", "uy ban nhan dan tinh", "tinh uy", "hdnd tinh")):
        return None
    return issuer if looks_like_unit(issuer) else None


def proposing_unit(row: TableRow, values: dict[str, str], document: dict | None = None) -> dict | None:
    """The unit that proposed the delegation, where the document shows it.

    In order of how directly the document says it: a host or lead-unit column,
    "X chủ trì" in the notes, the unit header above the row, notes that are
    nothing but a unit's name (a receiving-unit column headed "Ghi chú"), the
    unit that issued the document (a unit's own proposal).
    """
    if not isinstance(values, _Texts):
        values = _Texts(values)
    host = _text(values, "host_unit")
    if host:
        return {"name": host, "source": "cột đơn vị chủ trì/đón tiếp"}
    notes = _text(values, "notes")
    if notes and _MAY_LEAD.search(notes):
        match = _LEAD_UNIT.search(notes)
        if match:
            return {"name": match.group(1).strip(" -;,."), "source": "ghi chú «… chủ trì»"}
    if row.unit:
        return {"name": row.unit, "source": "dòng tiêu đề đơn vị"}
    if notes and len(notes) <= 80 and _UNIT_START.match(notes) and ";" not in notes:
        return {"name": notes, "source": "ghi chú (đơn vị tiếp nhận)"}
    issuer = _issuing_unit(document)
    if issuer:
        return {"name": issuer, "source": "đơn vị ban hành văn bản"}
    return None


def _months(period: Period) -> str:
    start, end = period.start or "", period.end or ""
    first = f"{start[5:]}/{start[:4]}"
    return first if start == end else f"{first}–{end[5:]}/{end[:4]}"


def _period(values, year, reviews, field_name="period") -> Period:
    raw = _text(values, "period")
    period = parse_period(raw, year)
    if not raw:
        _review(reviews, field_name, "period_missing")
    elif not period.understood:
        _review(reviews, field_name, "period_unclear", raw)
    else:
        if period.approximate:
            _review(reviews, field_name, "period_approximate", raw, _months(period))
        if period.note:
            _review(reviews, field_name, "period_year_assumed", year)
        if year and period.start and (int(period.end[:4]) < year or int(period.start[:4]) > year):
            _review(reviews, field_name, "period_outside_year", _months(period), year)
    return period


def _countries(values, reviews):
    raw = _text(values, "countries")
    resolution = resolve_countries(raw)
    if not raw:
        _review(reviews, "countries", "countries_missing")
    elif not resolution.codes:
        _review(reviews, "countries", "countries_unresolved", raw)
    else:
        if resolution.unresolved:
            _review(reviews, "countries", "countries_unresolved", ", ".join(resolution.unresolved))
        if resolution.fuzzy:
            _review(reviews, "countries", "countries_fuzzy", ", ".join(resolution.fuzzy))
    return resolution


def _conflicts(codes: list[str], texts: tuple[str, ...], reviews: list[dict]) -> None:
    """Foreign provinces and cities named in the row that lie in a country the countries cell does not name.

    "Nam Kinh, tỉnh Giang Tô, Trung Quốc" among the partners of a row whose
    country is "Hàn Quốc" contradicts it; a region ("Châu Âu") is not checked.
    """
    if not codes or any(code.isdigit() for code in codes):
        return
    named = set(codes)
    reported: set[str] = set()
    for text in texts:
        for place, country in foreign_places(text):
            if country not in named and country not in reported:
                reported.add(country)
                _review(
                    reviews,
                    "countries",
                    "country_conflict",
                    place,
                    country_name_vi(country),
                    ", ".join(country_name_vi(code) for code in codes),
                )


def _repairs(alignment, reviews):
    if alignment.repairs:
        _review(reviews, "row", "repaired", "; ".join(alignment.repairs))
    for role in alignment.changed:
        value = clean(alignment.values.get(role, ""))
        if value:
            _review(reviews, role, "cell_repaired", value)
        else:
            _review(reviews, role, "cell_emptied")
    if alignment.extra:
        _review(reviews, "row", "extra_cells", " | ".join(clean(c) for c in alignment.extra))


def _table_notes(row: TableRow, reviews: list[dict]) -> None:
    """What the table's title and header said that every record of it carries."""
    table = row.table
    for field, code, argument in (*table.notes, *table.header_notes):
        if code == "direction_conflict":
            said = _DIRECTION_LABEL.get(table.direction, "")
            _review(reviews, field, code, _DIRECTION_LABEL[argument], said)
        elif code in ("direction_from_columns", "direction_guessed"):
            _review(reviews, field, code, _DIRECTION_LABEL.get(table.direction, ""))
        else:
            _review(reviews, field, code, argument)


def _year(table, doc_year, reviews) -> int | None:
    if table.year:
        return table.year
    if doc_year:
        _review(reviews, "year", "year_from_document", doc_year)
        return doc_year
    _review(reviews, "year", "year_unknown")
    return None


def delegation(row: TableRow, doc: str, doc_year: int | None = None, document: dict | None = None) -> dict:
    """One delegation record (schema of shared/gold/SCHEMA.md plus our fields)."""
    table = row.table
    alignment = align(row.cells, table.columns, table.labels)
    values = _Texts(alignment.values)
    reviews: list[dict] = []
    _repairs(alignment, reviews)
    _table_notes(row, reviews)

    year = _year(table, doc_year, reviews)
    direction = table.direction
    if direction is None:
        _review(reviews, "direction", "direction_unknown")
    level = table.level
    if level is None:
        issuer = _issuing_unit(document)
        if issuer:
            level = "department"
            _review(reviews, "level", "level_from_issuer", issuer)
        else:
            _review(reviews, "level", "level_unknown")

    name = values["name"]
    if not name:
        _review(reviews, "name", "name_missing")
    leader = values["leader"]
    if not leader:
        _review(reviews, "leader", "leader_missing_in" if direction == "in" else "leader_missing_out")
    resolution = _countries(values, reviews)

    people_raw = values["people"]
    people = parse_people(people_raw)
    if people_raw and not people.understood:
        _review(reviews, "people", "people_unclear", people_raw)
    elif people.per_delegation:
        _review(reviews, "people", "people_per_delegation", people_raw)
    duration_raw = values["duration"]
    duration = parse_duration(duration_raw)
    if duration_raw and not duration.understood:
        _review(reviews, "duration", "duration_unclear", duration_raw)
    elif duration.per_delegation:
        _review(reviews, "duration", "duration_per_delegation", duration_raw)
    period = _period(values, year, reviews)

    funding_raw = values["funding"]
    funding = classify_funding(funding_raw)
    if not funding_raw:
        _review(reviews, "funding", "funding_missing")
    elif not funding.categories:
        _review(reviews, "funding", "funding_unclassified")

    partners = values["partners"]
    activities = values["activities"]
    notes = values["notes"]
    localities = [locality.code for locality in resolution.localities]
    for text in (partners, name):
        for locality in find_localities(text):
            if locality.code not in localities:
                localities.append(locality.code)
    _conflicts(resolution.codes, (partners, name), reviews)
    delegations = count_delegations(name, people_raw, notes)
    if delegations > 1:
        _review(reviews, "delegations", "delegations_counted", delegations)

    record = {
        "record": "delegation",
        "doc": doc,
        "table": table.number,
        "table_title": table.title.text if table.title else None,
        "direction": direction,
        "level": level,
        "year": year,
        "section": row.section,
        "unit": row.unit,
        "tt": values["tt"].rstrip("."),
        "name": name,
        "leader": leader,
        "countries": resolution.codes,
        "countries_open": resolution.open,
        "partners": partners if table.has("partners") else None,
        "activities": activities,
        "people_min": people.min,
        "people_max": people.max,
        "delegations": delegations,
        "duration_min": _number(duration.min),
        "duration_max": _number(duration.max),
        "duration_unit": duration.unit,
        "period_start": period.start,
        "period_end": period.end,
        "period_tentative": period.tentative,
        "funding": funding_raw,
        "notes": _or_none(notes),
        "host_unit": _or_none(values["host_unit"]) if table.has("host_unit") else None,
        # Our own fields (the scorer ignores them).
        "people_per_delegation": people.per_delegation,
        "duration_per_delegation": duration.per_delegation,
        "localities": localities,
        "funding_categories": funding.categories,
        "proposing_unit": proposing_unit(row, values, document),
        "review": reviews,
        "source": _source(row, doc, values),
    }
    if table.has("members"):
        record["members"] = _or_none(values["members"])
    if table.has("coordinating"):
        record["coordinating_units"] = _or_none(values["coordinating"])
    return record


def agreement(row: TableRow, doc: str, doc_year: int | None = None, document: dict | None = None) -> dict:
    """One international agreement to sign (a row of a list such as Phụ lục V)."""
    table = row.table
    alignment = align(row.cells, table.columns, table.labels)
    values = _Texts(alignment.values)
    reviews: list[dict] = []
    _repairs(alignment, reviews)
    year = _year(table, doc_year, reviews)
    resolution = _countries(values, reviews)
    period = _period(values, year, reviews)
    title = values["title"]
    if not title:
        _review(reviews, "title", "title_missing")
    partner = values["partner"]
    localities = [loc.code for loc in find_localities(f"{partner}; {title}")]
    _conflicts(resolution.codes, (partner,), reviews)
    return {
        "record": "agreement",
        "doc": doc,
        "table": table.number,
        "table_title": table.title.text if table.title else None,
        "year": year,
        "tt": values["tt"].rstrip("."),
        "proposer": values["proposer"],
        "signing_capacity": values["signing_capacity"],
        "kind": values["kind"],
        "countries": resolution.codes,
        "title": title,
        "partner": partner,
        "period_start": period.start,
        "period_end": period.end,
        "period_tentative": period.tentative,
        "notes": _or_none(values["notes"]),
        "localities": list(dict.fromkeys(localities)),
        "review": reviews,
        "source": _source(row, doc, values),
    }
