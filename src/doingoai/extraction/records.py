"""Records from table rows: delegations and agreements, normalized, with source.

A record carries the fields of ``shared/gold/SCHEMA.md`` under their names,
and beside them what the scorer ignores but the office needs: where the row
came from (file, table, row, raw cells), the ISO 3166-2 codes of the foreign
localities it names, the funding categories, whether people and days count per
delegation, the unit that proposed it where the document shows it, and for
each field that needs an officer's eye, the reason.
"""

from __future__ import annotations

import re
from typing import Any

from doingoai.extraction.align import align
from doingoai.extraction.cleaning import clean
from doingoai.extraction.layout import TableRow
from doingoai.extraction.normalize.funding import classify_funding
from doingoai.extraction.normalize.periods import parse_period
from doingoai.extraction.normalize.places import find_localities, resolve_countries
from doingoai.extraction.normalize.quantities import (
    count_delegations,
    parse_duration,
    parse_people,
)

_LEAD_UNIT = re.compile(r"(?:^|[;:\-–]\s*|\.\s+)([^;:\-–]{3,120}?)\s+(?:chủ trì|chu tri)\b", re.IGNORECASE)
_UNIT_START = re.compile(
    r"^(?:sở|ubnd|ủy ban|bộ chỉ huy|bộ chqs|công an|ban |liên hiệp|tỉnh đoàn|trường|bệnh viện|"
    r"văn phòng|hội |liên đoàn|khu dự trữ|ban quản lý|đài |báo )",
    re.IGNORECASE,
)

REVIEW = {
    "countries_missing": "Chưa ghi nước đi/đến",
    "countries_unresolved": "Không xác định được nước: {}",
    "countries_fuzzy": "Tên nước viết sai, đã đoán: {}",
    "period_missing": "Chưa ghi thời gian thực hiện (tháng hoặc quý)",
    "period_unclear": "Không hiểu thời gian thực hiện: «{}»",
    "period_year_assumed": "Thời gian không ghi năm, đã lấy năm của kế hoạch",
    "people_unclear": "Không hiểu số người: «{}»",
    "duration_unclear": "Không hiểu số ngày: «{}»",
    "leader_missing_out": "Đoàn ra phải ghi họ tên, chức vụ Trưởng đoàn",
    "leader_missing_in": "Đoàn vào phải ghi cấp Trưởng đoàn dự kiến",
    "funding_missing": "Chưa ghi nguồn kinh phí",
    "funding_unclassified": "Không xếp được nguồn kinh phí vào loại nào",
    "repaired": "Các ô của hàng bị lệch/dính, đã sắp lại: {}",
    "extra_cells": "Hàng có ô thừa không thuộc cột nào: «{}»",
    "direction_unknown": "Không xác định được đoàn ra hay đoàn vào",
    "level_unknown": "Tiêu đề bảng không cho biết cấp (tỉnh hay sở, ngành)",
    "year_unknown": "Không xác định được năm kế hoạch",
    "name_missing": "Chưa ghi tên đoàn",
    "title_missing": "Chưa ghi tên văn bản",
}


def _review(reviews: list[dict], field: str, key: str, *args: Any) -> None:
    reviews.append({"field": field, "code": key, "reason": REVIEW[key].format(*args)})


def _text(values: dict[str, str], role: str) -> str:
    return clean(values.get(role, ""))


def _or_none(text: str) -> str | None:
    return text or None


def _number(value: float | int | None) -> float | int | None:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _source(row: TableRow, doc: str, values: dict[str, str]) -> dict:
    """Where the record came from, and the text each field was read from."""
    return {
        "file": doc,
        "table": row.table.number,
        "physical_table": row.physical_table,
        "row": row.location,
        "cells": list(row.cells),
        "values": {role: text for role, raw in values.items() if role and (text := clean(raw))},
    }


def proposing_unit(row: TableRow, values: dict[str, str]) -> dict | None:
    """The unit that proposed the delegation, where the document shows it.

    In order of how directly the document says it: a host or lead-unit column,
    "X chủ trì" in the notes, the unit header above the row, notes that are
    nothing but a unit's name (a receiving-unit column headed "Ghi chú").
    """
    host = _text(values, "host_unit")
    if host:
        return {"name": host, "source": "cột đơn vị chủ trì/đón tiếp"}
    notes = _text(values, "notes")
    if notes:
        match = _LEAD_UNIT.search(notes)
        if match:
            return {"name": match.group(1).strip(" -;,."), "source": "ghi chú «… chủ trì»"}
    if row.unit:
        return {"name": row.unit, "source": "dòng tiêu đề đơn vị"}
    if notes and len(notes) <= 80 and _UNIT_START.match(notes) and ";" not in notes:
        return {"name": notes, "source": "ghi chú (đơn vị tiếp nhận)"}
    return None


def _period(values, year, reviews, field_name="period"):
    raw = _text(values, "period")
    period = parse_period(raw, year)
    if not raw:
        _review(reviews, field_name, "period_missing")
    elif not period.understood:
        _review(reviews, field_name, "period_unclear", raw)
    elif period.note:
        _review(reviews, field_name, "period_year_assumed")
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


def _repairs(alignment, reviews):
    if alignment.repairs:
        _review(reviews, "row", "repaired", "; ".join(alignment.repairs))
    if alignment.extra:
        _review(reviews, "row", "extra_cells", " | ".join(clean(c) for c in alignment.extra))


def delegation(row: TableRow, doc: str, doc_year: int | None = None) -> dict:
    """One delegation record (schema of shared/gold/SCHEMA.md plus our fields)."""
    table = row.table
    alignment = align(row.cells, table.columns)
    values = alignment.values
    reviews: list[dict] = []
    _repairs(alignment, reviews)

    year = table.year or doc_year
    if year is None:
        _review(reviews, "year", "year_unknown")
    direction = table.direction
    if direction is None:
        _review(reviews, "direction", "direction_unknown")
    level = table.level
    if level is None:
        _review(reviews, "level", "level_unknown")

    name = _text(values, "name")
    if not name:
        _review(reviews, "name", "name_missing")
    leader = _text(values, "leader")
    if not leader:
        _review(reviews, "leader", "leader_missing_in" if direction == "in" else "leader_missing_out")
    resolution = _countries(values, reviews)

    people_raw = _text(values, "people")
    people = parse_people(people_raw)
    if people_raw and not people.understood:
        _review(reviews, "people", "people_unclear", people_raw)
    duration_raw = _text(values, "duration")
    duration = parse_duration(duration_raw)
    if duration_raw and not duration.understood:
        _review(reviews, "duration", "duration_unclear", duration_raw)
    period = _period(values, year, reviews)

    funding_raw = _text(values, "funding")
    funding = classify_funding(funding_raw)
    if not funding_raw:
        _review(reviews, "funding", "funding_missing")
    elif not funding.categories:
        _review(reviews, "funding", "funding_unclassified")

    partners = _text(values, "partners")
    activities = _text(values, "activities")
    notes = _text(values, "notes")
    localities = [locality.code for locality in resolution.localities]
    for text in (partners, name):
        for locality in find_localities(text):
            if locality.code not in localities:
                localities.append(locality.code)

    return {
        "record": "delegation",
        "doc": doc,
        "table": table.number,
        "table_title": table.title.text if table.title else None,
        "direction": direction,
        "level": level,
        "year": year,
        "section": row.section,
        "unit": row.unit,
        "tt": clean(values.get("tt", "")).rstrip("."),
        "name": name,
        "leader": leader,
        "countries": resolution.codes,
        "countries_open": resolution.open,
        "partners": partners if table.has("partners") else None,
        "activities": activities,
        "people_min": people.min,
        "people_max": people.max,
        "delegations": count_delegations(name, people_raw, notes),
        "duration_min": _number(duration.min),
        "duration_max": _number(duration.max),
        "duration_unit": duration.unit,
        "period_start": period.start,
        "period_end": period.end,
        "period_tentative": period.tentative,
        "funding": funding_raw,
        "notes": _or_none(notes),
        "host_unit": _or_none(_text(values, "host_unit")) if table.has("host_unit") else None,
        # Our own fields (the scorer ignores them).
        "people_per_delegation": people.per_delegation,
        "duration_per_delegation": duration.per_delegation,
        "localities": localities,
        "funding_categories": funding.categories,
        "proposing_unit": proposing_unit(row, values),
        "review": reviews,
        "source": _source(row, doc, values),
    }


def agreement(row: TableRow, doc: str, doc_year: int | None = None) -> dict:
    """One international agreement to sign (a row of a list such as Phụ lục V)."""
    table = row.table
    alignment = align(row.cells, table.columns)
    values = alignment.values
    reviews: list[dict] = []
    _repairs(alignment, reviews)
    year = table.year or doc_year
    resolution = _countries(values, reviews)
    period = _period(values, year, reviews)
    title = _text(values, "title")
    if not title:
        _review(reviews, "title", "title_missing")
    localities = [loc.code for loc in find_localities(f"{_text(values, 'partner')}; {title}")]
    return {
        "record": "agreement",
        "doc": doc,
        "table": table.number,
        "table_title": table.title.text if table.title else None,
        "year": year,
        "tt": clean(values.get("tt", "")).rstrip("."),
        "proposer": _text(values, "proposer"),
        "signing_capacity": _text(values, "signing_capacity"),
        "kind": _text(values, "kind"),
        "countries": resolution.codes,
        "title": title,
        "partner": _text(values, "partner"),
        "period_start": period.start,
        "period_end": period.end,
        "period_tentative": period.tentative,
        "notes": _or_none(_text(values, "notes")),
        "localities": list(dict.fromkeys(localities)),
        "review": reviews,
        "source": _source(row, doc, values),
    }
