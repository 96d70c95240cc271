"""The base of every domain's API viewset: scoped reads, writes through the services.

A viewset lists and shows what the user may see (``scoping.scope``: their
provinces, active rows; another province's row is a 404) and hands every
write to the service functions of its domain (``operations``), which check
the permission and the rules and record the history. A DELETE hides the
row (soft delete) through the same service.
"""

from __future__ import annotations

from rest_framework import viewsets

from doingoai.accounts.scoping import scope
from doingoai.core.errors import NotAllowed
from doingoai.core.services import Operations


class ScopedModelViewSet(viewsets.ModelViewSet):
    """A model's rows the user may see; create, update and delete through ``operations``."""

    operations: Operations

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset.none()
        return scope(self.queryset.all(), self.request.user)

    def create(self, request, *args, **kwargs):
        """Refused before the request is parsed when the role may never create (the service checks again)."""
        if self.operations.create is None or not self.operations.can_create(request.user):
            raise NotAllowed(self.operations.denied)
        return super().create(request, *args, **kwargs)

    def update(self, request, *args, **kwargs):
        if self.operations.update is None or not self.operations.can_change(request.user, self.get_object()):
            raise NotAllowed(self.operations.denied)
        return super().update(request, *args, **kwargs)

    def destroy(self, request, *args, **kwargs):
        if not self.operations.may_delete(request.user, self.get_object()):
            raise NotAllowed(self.operations.denied)
        return super().destroy(request, *args, **kwargs)

    def perform_create(self, serializer):
        serializer.instance = self.operations.create(
            user=self.request.user, values=serializer.service_values()
        )

    def perform_update(self, serializer):
        serializer.instance = self.operations.update(
            serializer.instance,
            user=self.request.user,
            values=serializer.service_values(),
            version=serializer.sent_version,
        )

    def perform_destroy(self, instance):
        self.operations.delete(
            instance, user=self.request.user, version=self.request.query_params.get("version")
        )
