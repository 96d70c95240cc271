"""A record read from a document as the values of a model, in the form the preview compares.

Months are "YYYY-MM" strings, durations floats, text never None: the same
form for what the document says (``delegation_values``, ``agreement_values``)
and what is stored (``stored_value``), so that comparing them is ``==``;
``model_value`` turns one back into what the model takes.
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import timezone

from doingoai.delegations.models import Delegation, month_start
from doingoai.extraction.normalize.funding import funding_label
from doingoai.extraction.normalize.places import country_name_vi
from doingoai.extraction.normalize.text import fold


def as_text(value: Any, limit: int | None = None) -> str:
    text = "" if value is None else str(value)
    return text[:limit] if limit else text


def as_month(value: Any) -> str | None:
    """A month as "YYYY-MM", from the records' strings or the models' dates."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date):
        return f"{value.year:04d}-{value.month:02d}"
    return str(value)[:7]


def as_decimal(value: Any) -> float | None:
    if value in (None, ""):
        return None
    try:
        return float(Decimal(str(value)).quantize(Decimal("0.1")))
    except (InvalidOperation, ValueError):
        return None


def _out_of_plan(record: dict) -> bool:
    """ "Đoàn ra phát sinh" in a row's notes or section: a delegation outside the plan."""
    text = fold(" ".join(filter(None, (record.get("notes"), record.get("section")))))
    return "phat sinh" in text


def delegation_values(record: dict, document_year: int | None = None) -> dict:
    """A delegation's model values from its record, in the comparison form.

    Months are "YYYY-MM" strings, durations floats; text fields are never
    None. The year falls back to the document's, then to this year (the
    record then carries its "year unknown" review reason).
    """
    year = record.get("year") or document_year or timezone.localdate().year
    return {
        "direction": record.get("direction") or "",
        "level": record.get("level") or "",
        "year": int(year),
        "section": as_text(record.get("section"), 255),
        "unit_heading": as_text(record.get("unit"), 255),
        "tt": as_text(record.get("tt"), 20),
        "name": as_text(record.get("name")),
        "leader": as_text(record.get("leader")),
        "countries": list(record.get("countries") or []),
        "countries_open": bool(record.get("countries_open")),
        "localities": list(record.get("localities") or []),
        "partners": as_text(record.get("partners")),
        "activities": as_text(record.get("activities")),
        "people_min": record.get("people_min"),
        "people_max": record.get("people_max"),
        "people_per_delegation": bool(record.get("people_per_delegation")),
        "delegation_count": int(record.get("delegations") or 1),
        "duration_min": as_decimal(record.get("duration_min")),
        "duration_max": as_decimal(record.get("duration_max")),
        "duration_unit": record.get("duration_unit") or Delegation.DurationUnit.DAY,
        "period_start": as_month(record.get("period_start")),
        "period_end": as_month(record.get("period_end") or record.get("period_start")),
        "period_tentative": bool(record.get("period_tentative")),
        "funding": as_text(record.get("funding")),
        "funding_categories": list(record.get("funding_categories") or []),
        "notes": as_text(record.get("notes")),
        "host_unit": as_text(record.get("host_unit"), 255),
        "out_of_plan": _out_of_plan(record),
    }


def agreement_values(record: dict, document_year: int | None = None) -> dict:
    """An agreement's model values from its record, in the comparison form."""
    return {
        "year": record.get("year") or document_year,
        "tt": as_text(record.get("tt"), 20),
        "proposer": as_text(record.get("proposer"), 255),
        "signing_capacity": as_text(record.get("signing_capacity"), 255),
        "kind": as_text(record.get("kind"), 120),
        "countries": list(record.get("countries") or []),
        "title": as_text(record.get("title")),
        "partner_name": as_text(record.get("partner")),
        "period_start": as_month(record.get("period_start")),
        "period_end": as_month(record.get("period_end") or record.get("period_start")),
        "notes": as_text(record.get("notes")),
    }


def stored_value(obj, name: str) -> Any:
    """A stored field in the comparison form of ``delegation_values``."""
    value = getattr(obj, name)
    if name in ("period_start", "period_end"):
        return as_month(value)
    if name in ("duration_min", "duration_max"):
        return as_decimal(value)
    if isinstance(value, list):
        return list(value)
    if value is None and name not in ("people_min", "people_max", "year"):
        return ""
    return value


def model_value(name: str, value: Any) -> Any:
    """A comparison-form value as the model field takes it (months as dates, durations as decimals)."""
    if name in ("period_start", "period_end"):
        return month_start(value)
    if name in ("duration_min", "duration_max"):
        return None if value is None else Decimal(str(value))
    return value


def display(name: str, value: Any) -> str:
    """A value as the officer reads it, for the list of changes."""
    if value in (None, "", []):
        return "—"
    if name == "countries":
        return ", ".join(country_name_vi(code) for code in value)
    if name == "funding_categories":
        return ", ".join(funding_label(key) for key in value)
    if name in ("period_start", "period_end") and isinstance(value, str) and len(value) >= 7:
        return f"{value[5:7]}/{value[:4]}"
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return ", ".join(map(str, value))
    if name == "direction":
        return dict(Delegation.Direction.choices).get(value, value)
    if name == "level":
        return dict(Delegation.Level.choices).get(value, value)
    if name == "duration_unit":
        return dict(Delegation.DurationUnit.choices).get(value, value)
    return str(value)


def field_label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # noqa: BLE001 - an unknown name is shown as it is
        return name
