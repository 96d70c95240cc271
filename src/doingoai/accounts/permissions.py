"""Role rules, enforced on every page and API endpoint."""

from __future__ import annotations

from rest_framework.permissions import SAFE_METHODS, BasePermission


def role_of(user) -> str | None:
    if not user or not user.is_authenticated:
        return None
    if user.is_superuser:
        return "admin"
    profile = getattr(user, "profile", None)
    return profile.role if profile else None


class RolePermission(BasePermission):
    """Authenticated users with a role read; writing depends on the role and the object."""

    def has_permission(self, request, view):
        role = role_of(request.user)
        if role is None:
            return False
        if request.method in SAFE_METHODS:
            return True
        return role in ("office", "unit", "admin")

    def has_object_permission(self, request, view, obj):
        role = role_of(request.user)
        if request.method in SAFE_METHODS:
            return role is not None
        if role in ("office", "admin"):
            return True
        if role == "unit":
            owner_id = getattr(obj, "owner_id", None) or getattr(obj, "lead_unit_id", None)
            return owner_id is not None and owner_id == request.user.profile.unit_id
        return False
