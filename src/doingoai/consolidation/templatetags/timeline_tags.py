"""The timeline's rows written out in Python: a province's year has a thousand delegations and more.

Each row through the template language (an ``include`` per bar) cost about
0.3 ms, most of the page's time on a busy year; written here it costs a
hundredth of that. Every value is escaped; the markup is the one
``consolidation/timeline.html`` and ``css/timeline.css`` describe.
"""

from __future__ import annotations

from functools import lru_cache

from django import template
from django.urls import get_script_prefix, reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from doingoai.consolidation.timeline import Bar, LeaderRow, Row
from doingoai.delegations.models import Delegation

register = template.Library()

#: a delegation's name in the label column is cut here (its page has it whole)
NAME_LENGTH = 110


def _short(text: str, length: int = NAME_LENGTH) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


@lru_cache(maxsize=8)
def _url_pattern(prefix: str) -> str:
    """A delegation's address with "{}" for its id (``reverse`` once, not once per row and bar)."""
    return reverse("delegations:delegation", args=[987654321]).replace("987654321", "{}")


def _url(delegation: Delegation) -> str:
    return _url_pattern(get_script_prefix()).format(delegation.pk)


@lru_cache(maxsize=64)
def _state(direction: str, status: str, language: str | None) -> str:
    """``Delegation.status_label`` of a direction and status (Django's choice lookup costs per call)."""
    return str(Delegation(direction=direction, status=status).status_label)


def bar_html(bar: Bar, conflict: bool) -> str:
    """A bar: a link to its delegation placed over the months, its label inside or beside it."""
    d = bar.delegation
    classes = ["tl-bar", f"tl-{d.direction}", f"tl-{bar.span.precision}", f"tl-label-{bar.label_side}"]
    if conflict:
        classes.append("tl-conflict")
    if bar.before_year:
        classes.append("tl-before")
    if bar.after_year:
        classes.append("tl-after")
    label = ""
    if bar.label_side != "none":
        style = f' style="{bar.label_style}"' if bar.label_style else ""
        mark = "⚠ " if conflict else ""
        label = f'<span class="tl-text"{style}><span>{mark}{escape(bar.text)}</span></span>'
    return (
        f'<a class="{" ".join(classes)}" style="{bar.style}" href="{escape(_url(d))}" '
        f'title="{escape(bar.description)}" data-delegation="{d.pk}" data-precision="{bar.span.precision}">'
        f"{label}</a>"
    )


@register.filter
def delegation_row(row: Row) -> SafeString:
    """A delegation's row: its name (a link), unit and state, and its bar."""
    d = row.delegation
    meta = f"{escape(d.owner.name)} · " if d.owner_id and d.owner else ""
    warn = ' <span class="tl-warn-text">⚠ trưởng đoàn trùng thời gian</span>' if row.overlapping else ""
    return mark_safe(
        f'<tr data-delegation="{d.pk}"><th scope="row" class="tl-label">'
        f'<a href="{escape(_url(d))}">{escape(_short(d.name))}</a>'
        f'<small><span class="tl-meta">{meta}{escape(_state(d.direction, d.status, get_language()))}</span>'
        f"{warn}</small></th>"
        f'<td colspan="12" class="tl-track">{bar_html(row.bar, bool(row.overlapping))}</td></tr>'
    )


@register.filter
def leader_row(leader: LeaderRow) -> SafeString:
    """A leader's row: their name, how many trips (and how many overlap), a bar per trip in lanes."""
    conflicts = leader.overlap_count
    mark = '<span class="tl-warn" aria-hidden="true">⚠</span> ' if conflicts else ""
    counted = f"{len(leader.bars)} chuyến" + (f" · {conflicts} chuyến trùng thời gian" if conflicts else "")
    bars = "".join(bar_html(bar, bool(bar.overlapping)) for bar in leader.bars)
    return mark_safe(
        f'<tr class="tl-leader{" tl-has-conflict" if conflicts else ""}" data-leader="{escape(leader.key)}">'
        f'<th scope="row" class="tl-label">{mark}{escape(leader.label)}<small>{counted}</small></th>'
        f'<td colspan="12" class="tl-track" style="--lanes:{leader.lanes}">{bars}</td></tr>'
    )
