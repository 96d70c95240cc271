"""Reads of the warnings that several places share: a delegation's, a plan year's."""

from __future__ import annotations

from django.db.models import QuerySet

from doingoai.accounts.scoping import visible_province_ids
from doingoai.rules.models import Warning


def warnings_of(delegation) -> list[Warning]:
    """A delegation's warnings still in force, for its page."""
    return list(delegation.warnings.filter(active=True).select_related("acknowledged_by"))


def warning_list(user) -> QuerySet:
    """The warnings in force of the provinces ``user`` sees, with their delegation."""
    return (
        Warning.objects.filter(
            province__in=visible_province_ids(user), active=True, delegation__deleted_at__isnull=True
        )
        .select_related("delegation", "delegation__owner", "acknowledged_by")
        .order_by("-year", "rule", "delegation__name", "pk")
    )
