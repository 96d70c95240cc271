"""Role rules for the REST API: the same as the pages (``doingoai.accounts.scoping``)."""

from __future__ import annotations

from rest_framework.permissions import SAFE_METHODS, BasePermission


def role_of(user) -> str | None:
    """"office", "unit", "leader", "admin" or None for anonymous or role-less users."""
    if not user or not user.is_authenticated:
        return None
    if user.is_superuser:
        return "admin"
    profile = getattr(user, "profile", None)
    return profile.role if profile else None


class RolePermission(BasePermission):
    """Users with a role read what they may see; writing follows ``scoping.can_edit``."""

    def has_permission(self, request, view):
        from doingoai.accounts.scoping import can_edit

        if role_of(request.user) is None:
            return False
        if request.method in SAFE_METHODS:
            return True
        return can_edit(request.user)

    def has_object_permission(self, request, view, obj):
        from doingoai.accounts.scoping import can_edit

        if request.method in SAFE_METHODS:
            return role_of(request.user) is not None
        return can_edit(request.user, obj)
