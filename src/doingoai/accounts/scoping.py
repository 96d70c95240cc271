"""Which records a user may see, and the facts about a user every permission rule is made of.

Seeing is one rule for every page and API call (``scope``): a user sees the
active records of the provinces they are granted (their profile's
``provinces``; an administrator without any, or a superuser, sees all).
Another province's record is a 404, never a 403, so its existence is not
revealed.

Changing is decided by each domain's services (``<app>/services.py``), from
the facts below: whether the user is office staff (or an administrator) for
a province, and which unit they work for. The officers of a deleted unit work
for no unit: they write nothing in its name.
"""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist
from django.db.models import QuerySet

from doingoai.accounts.permissions import role_of

#: roles that keep the province's records: the foreign-affairs office, and administrators
EDITORS = ("office", "admin")


def visible_provinces(user):
    """The provinces a user may see, as a queryset."""
    from doingoai.organization.models import Province

    role = role_of(user)
    if role is None:
        return Province.objects.none()
    if role == "admin" and (user.is_superuser or not user.profile.provinces.exists()):
        return Province.objects.active()
    return user.profile.provinces.filter(deleted_at__isnull=True)


def visible_province_ids(user) -> list[int]:
    """``visible_provinces`` as a list of ids (one small query; once per service, which asks it per row)."""
    from doingoai.core.services import memoized

    return memoized(
        ("visible_province_ids", getattr(user, "pk", None)),
        lambda: list(visible_provinces(user).values_list("pk", flat=True)),
    )


def _soft_deleted(model) -> bool:
    """Whether ``model`` hides its rows with ``deleted_at`` (a collection round has no such field)."""
    try:
        model._meta.get_field("deleted_at")
    except FieldDoesNotExist:
        return False
    return True


def scope(queryset: QuerySet, user) -> QuerySet:
    """``queryset`` limited to what ``user`` may see (active rows of their provinces).

    Rows of a model without ``deleted_at`` (a collection round) are never
    hidden: only their province decides.
    """
    if _soft_deleted(queryset.model):
        queryset = queryset.filter(deleted_at__isnull=True)
    # A list of ids, not a subquery: PostgreSQL then uses the ordering indexes.
    ids = visible_province_ids(user)
    if queryset.model._meta.model_name == "province":
        return queryset.filter(pk__in=ids)
    return queryset.filter(province__in=ids)


def sees_province(user, province_id: int | None) -> bool:
    return province_id is not None and province_id in visible_province_ids(user)


def is_office(user) -> bool:
    """Office staff and administrators: those who keep the province's records."""
    return role_of(user) in EDITORS


def office_for(user, province_id: int | None) -> bool:
    """Office staff (or an administrator) who may act for ``province_id``."""
    return is_office(user) and sees_province(user, province_id)


def is_leader_for(user, province_id: int | None) -> bool:
    return role_of(user) == "leader" and sees_province(user, province_id)


def user_unit(user):
    """The active unit a unit officer works for; None for other roles, or when the unit is deleted."""
    if role_of(user) != "unit":
        return None
    unit = user.profile.unit
    if unit is None or unit.deleted_at is not None:
        return None
    return unit


def staff_of(user, unit_id: int | None) -> bool:
    """Whether ``user`` is an officer of the (active) unit ``unit_id``, in a province they may see."""
    unit = user_unit(user)
    return (
        unit is not None
        and unit_id is not None
        and unit.pk == unit_id
        and sees_province(user, unit.province_id)
    )


def default_province(user):
    """The province a record created by ``user`` belongs to.

    Unit staff create for their unit's province; others for the first province
    they may see (a deployment usually serves one; a form may offer a choice).
    """
    provinces = visible_provinces(user)
    profile = getattr(user, "profile", None)
    unit = getattr(profile, "unit", None) if profile else None
    if unit is not None and provinces.filter(pk=unit.province_id).exists():
        return unit.province
    return provinces.order_by("pk").first()
