"""Which records a user may see and change: one rule, used by pages and API alike.

- Every role sees only the provinces it is granted (its profile's
  ``provinces``; an administrator or superuser sees all).
- Office staff and administrators edit everything they see.
- Unit staff edit only what their unit owns (``owner`` of a delegation,
  ``lead_unit`` of a task); units, partners, documents and agreements are the
  office's.
- Leaders edit nothing.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from doingoai.accounts.permissions import role_of

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


def scope(queryset: QuerySet, user) -> QuerySet:
    """``queryset`` limited to what ``user`` may see (active rows of their provinces)."""
    queryset = queryset.filter(deleted_at__isnull=True)
    # A list of ids, not a subquery: PostgreSQL then uses the ordering indexes.
    ids = list(visible_provinces(user).values_list("pk", flat=True))
    if queryset.model._meta.model_name == "province":
        return queryset.filter(pk__in=ids)
    return queryset.filter(province__in=ids)


def owner_unit_id(obj) -> int | None:
    """The unit whose staff may edit ``obj``: only delegations and tasks have one."""
    if obj._meta.model_name not in ("delegation", "task"):
        return None
    for attribute in ("owner_id", "lead_unit_id"):
        if hasattr(obj, attribute):
            return getattr(obj, attribute)
    return None


def can_edit(user, obj=None) -> bool:
    """Whether ``user`` may change ``obj`` (or create such objects, when ``obj`` is None)."""
    role = role_of(user)
    if role in EDITORS:
        return obj is None or visible_provinces(user).filter(pk=obj.province_id).exists()
    if role == "unit":
        unit_id = user.profile.unit_id
        if unit_id is None:
            return False
        if obj is None:
            return True
        return owner_unit_id(obj) == unit_id and visible_provinces(user).filter(
            pk=obj.province_id
        ).exists()
    return False


def require_edit(user, obj=None) -> None:
    if not can_edit(user, obj):
        raise PermissionDenied("Bạn không có quyền sửa bản ghi này.")
