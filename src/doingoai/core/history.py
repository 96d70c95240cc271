"""Reading a record's history: values as an officer reads them, entries with who and why.

simple_history keeps a full copy of the record at each save, with the user
and the reason the services set. These functions turn those copies into what
the pages show (``history_entries``: who, when, why, each field's old → new)
and what a refused stale edit tells the officer (``changes_since``: what
others changed after the version they had opened).
"""

from __future__ import annotations

import datetime
import decimal
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import formats, timezone

#: how an empty value reads on every page
EMPTY = "—"
HISTORY_TYPES = {"+": "Tạo mới", "~": "Sửa", "-": "Xóa"}
#: fields that change on every save and say nothing to an officer
NOISE = frozenset({"version", "updated_at", "search_text", "countries_key", "funding_key"})


def format_value(model: type[models.Model], name: str, value: Any) -> str:
    """A stored value as an officer reads it: choice labels, related names, dd/mm/yyyy, Có/Không.

    Used for the generic field table and the history (where foreign keys come
    as ids: the related row is looked up, deleted ones included, so that old
    values in the history still read as names).
    """
    if value is None or value == "" or value == [] or value == {}:
        return EMPTY
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        field = None
    if field is not None and field.is_relation and field.many_to_one:
        if isinstance(value, models.Model):
            return str(value)
        related = field.related_model._base_manager.filter(pk=value).first()
        return str(related) if related is not None else f"#{value}"
    if field is not None and getattr(field, "flatchoices", None):
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, datetime.datetime):
        return formats.date_format(
            timezone.localtime(value) if timezone.is_aware(value) else value, "d/m/Y H:i"
        )
    if isinstance(value, datetime.date):
        return formats.date_format(value, "d/m/Y")
    if isinstance(value, decimal.Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(item) for item in value) or EMPTY
    if isinstance(value, dict):
        return "; ".join(f"{key}: {item}" for key, item in value.items()) or EMPTY
    return str(value)


#: records of one user this close together are one edit (a save, then its many-to-many fields)
SAME_EDIT = datetime.timedelta(seconds=2)


def _m2m_value(model, name: str, value) -> Any:
    """Many-to-many values in a history diff are through rows (dicts): the related rows' names instead."""
    field = model._meta.get_field(name)
    target = field.m2m_reverse_field_name()
    ids = [row.get(target) for row in value or [] if isinstance(row, dict)]
    names = dict(
        field.related_model._base_manager.filter(pk__in=ids).values_list("pk", "name")
        if any(f.name == "name" for f in field.related_model._meta.fields)
        else ((pk, f"#{pk}") for pk in ids)
    )
    return sorted(str(names.get(pk, f"#{pk}")) for pk in ids)


def _same_reason(one: str | None, other: str | None) -> bool:
    """Two records of one edit: the same reason, or one without (a many-to-many change records none)."""
    return not one or not other or one == other


def history_entries(obj: models.Model, formatter=None, limit: int = 100) -> list[dict]:
    """The history of ``obj``, newest first: who, when, what kind, and each field's old → new.

    Each entry is ``{"record", "user", "date", "type", "type_label", "reason",
    "changes": [{"field", "label", "old", "new"}]}``. One query for the
    records (with their users); records are diffed in memory. Records one
    user made within ``SAME_EDIT`` of each other, for the same reason, are one
    entry: saving a form writes the row, then its many-to-many fields, each
    with its own record; two steps taken in a row stay two entries.
    """
    manager = getattr(obj, "history", None)
    if manager is None:
        return []
    model = type(obj)
    formatter = formatter or (lambda name, value: format_value(model, name, value))
    ordered = manager.select_related("history_user").order_by("-history_date", "-history_id")
    records = list(ordered[: limit + 1])

    groups: list[list] = []
    for record in records:
        group = groups[-1] if groups else None
        if (
            group
            and record.history_user_id == group[-1].history_user_id
            and group[-1].history_date - record.history_date <= SAME_EDIT
            and group[-1].history_type != "+"
            and _same_reason(record.history_change_reason, group[-1].history_change_reason)
        ):
            group.append(record)
        else:
            groups.append([record])

    entries = []
    for index, group in enumerate(groups[:limit]):
        newest, oldest = group[0], group[-1]
        previous = groups[index + 1][0] if index + 1 < len(groups) else None
        kind = "+" if oldest.history_type == "+" else newest.history_type
        changes = []
        if previous is not None and kind != "+":
            for change in newest.diff_against(previous).changes:
                if change.field in NOISE:
                    continue
                old, new = change.old, change.new
                try:
                    field = model._meta.get_field(change.field)
                    label = str(field.verbose_name)
                except FieldDoesNotExist:
                    field, label = None, change.field
                if field is not None and field.many_to_many:
                    old, new = _m2m_value(model, change.field, old), _m2m_value(model, change.field, new)
                    if old == new:
                        continue
                changes.append(
                    {
                        "field": change.field,
                        "label": label[:1].upper() + label[1:],
                        "old": formatter(change.field, old),
                        "new": formatter(change.field, new),
                    }
                )
        entries.append(
            {
                "record": newest,
                "user": newest.history_user,
                "date": newest.history_date,
                "type": kind,
                "type_label": HISTORY_TYPES.get(kind, kind),
                "reason": newest.history_change_reason or oldest.history_change_reason,
                "changes": changes,
            }
        )
    return entries


def field_label(model, name: str) -> str:
    """A field's label as a page shows it ("Số người (tối đa)"), its name when the model has none."""
    try:
        label = str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name
    return label[:1].upper() + label[1:]


def user_label(user) -> str:
    """A person's name as Vietnamese write it, family name first ("Hoàng Thu Hà"), else the username."""
    if user is None:
        return "hệ thống"
    name = " ".join(part for part in (user.last_name, user.first_name) if part)
    return name or user.username


def changes_since(obj: models.Model, version: int, formatter=None) -> list[dict]:
    """What was saved on ``obj`` after ``version``: ``[{"label", "old", "new", "user", "date"}]``.

    Read from the history: the record as it stood at ``version`` against each
    later save. Empty when the history does not reach back that far.
    """
    manager = getattr(obj, "history", None)
    if manager is None:
        return []
    model = type(obj)
    formatter = formatter or (lambda name, value: format_value(model, name, value))
    records = list(
        manager.filter(version__gte=version)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    changes: list[dict] = []
    for previous, record in zip(records, records[1:], strict=False):
        for change in record.diff_against(previous).changes:
            if change.field in NOISE:
                continue
            try:
                label = str(model._meta.get_field(change.field).verbose_name)
            except FieldDoesNotExist:
                label = change.field
            user = record.history_user
            changes.append(
                {
                    "field": change.field,
                    "label": label[:1].upper() + label[1:],
                    "old": formatter(change.field, change.old),
                    "new": formatter(change.field, change.new),
                    "user": user_label(user),
                    "date": record.history_date,
                }
            )
    return changes
