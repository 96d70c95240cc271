"""API views of provinces and units, and the base every domain's viewset builds on.

The API follows the pages' rules exactly (``doingoai.accounts.scoping``):
a client sees only its user's provinces (other rows are 404), writes only
what ``can_edit`` allows, checked on the row as stored and as it would be
saved, and a DELETE hides the row (soft delete) instead of removing it.
"""

from __future__ import annotations

from django.db import transaction
from rest_framework import viewsets
from rest_framework.permissions import SAFE_METHODS, BasePermission

from doingoai.accounts.permissions import role_of
from doingoai.accounts.scoping import EDITORS, require_edit, scope
from doingoai.organization.api.serializers import ProvinceSerializer, UnitSerializer
from doingoai.organization.filtersets import ProvinceFilterSet, UnitFilterSet
from doingoai.organization.models import Province, Unit
from doingoai.organization.views import OFFICE_ONLY


class OfficeWritePermission(BasePermission):
    """Writing is for office staff and administrators (reference data of the province).

    Checked on the object for detail routes, so that another province's row
    is still a 404 rather than a 403.
    """

    message = OFFICE_ONLY

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS or getattr(view, "action", None) != "create":
            return True
        return role_of(request.user) in EDITORS

    def has_object_permission(self, request, view, obj):
        return request.method in SAFE_METHODS or role_of(request.user) in EDITORS


class ScopedModelViewSet(viewsets.ModelViewSet):
    """A model's rows the user may see; writes checked with ``scoping``; delete is soft.

    ``office_only`` adds ``OfficeWritePermission`` to the default role permission.
    """

    office_only = False

    def get_permissions(self):
        permissions = super().get_permissions()
        if self.office_only:
            permissions.append(OfficeWritePermission())
        return permissions

    def get_queryset(self):
        return scope(self.queryset.all(), self.request.user)

    def perform_create(self, serializer):
        # saved, then checked as it stands: a refusal rolls the row (and its history) back
        with transaction.atomic():
            instance = serializer.save()
            require_edit(self.request.user, instance)

    def perform_update(self, serializer):
        with transaction.atomic():
            instance = serializer.save()
            require_edit(self.request.user, instance)

    def perform_destroy(self, instance):
        instance.soft_delete()


class ProvinceViewSet(viewsets.ReadOnlyModelViewSet):
    """The provinces the user may see (read-only: provinces are set up by administrators)."""

    queryset = Province.objects.all()
    serializer_class = ProvinceSerializer
    filterset_class = ProvinceFilterSet
    ordering_fields = ["name", "code"]

    def get_queryset(self):
        return scope(self.queryset.all(), self.request.user)


class UnitViewSet(ScopedModelViewSet):
    queryset = Unit.objects.select_related("province")
    serializer_class = UnitSerializer
    filterset_class = UnitFilterSet
    ordering_fields = ["name", "kind", "province__name"]
    office_only = True
