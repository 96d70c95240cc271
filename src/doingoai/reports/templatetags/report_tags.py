"""Reading a report's figures by group in a template."""

from django import template

register = template.Library()


@register.filter
def figure(figures: dict, group: str):
    """``row.figures|figure:"planned"``: the group's figure of a breakdown row."""
    return figures.get(group)


@register.filter
def group_of(groups: dict, key: str):
    """``report.groups|group_of:"planned"``, ``report.totals|group_of:"planned"``."""
    return groups.get(key)
