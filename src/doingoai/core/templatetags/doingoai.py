"""Template filters of the site: how a person's name reads."""

from __future__ import annotations

from django import template

from doingoai.core.history import user_label

register = template.Library()


@register.filter
def display_name(user) -> str:
    """A user's name in Vietnamese order (family name first), else their username; "hệ thống" for none."""
    return user_label(user)
