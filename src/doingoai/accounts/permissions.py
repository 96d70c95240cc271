"""Roles, and the REST API's entry rule.

The API lets in any signed-in user with a role; what they then see is scoped
(``doingoai.accounts.scoping.scope``) and what they may change is decided by
the services, which answer a refusal the API turns into 403 (the same rule
as the pages, since both call the same service).
"""

from __future__ import annotations

from rest_framework.permissions import BasePermission


def role_of(user) -> str | None:
    """ "office", "unit", "leader", "admin" or None for anonymous or role-less users."""
    if not user or not user.is_authenticated:
        return None
    if user.is_superuser:
        return "admin"
    profile = getattr(user, "profile", None)
    return profile.role if profile else None


class RolePermission(BasePermission):
    """Signed in, with a role."""

    message = "Tài khoản của bạn chưa được gán vai trò trong hệ thống."

    def has_permission(self, request, view):
        return role_of(request.user) is not None

    def has_object_permission(self, request, view, obj):
        return role_of(request.user) is not None
