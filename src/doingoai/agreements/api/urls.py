"""API routes of international agreements."""

from doingoai.agreements.api import views


def register(router) -> None:
    """Add this domain's viewsets to the API router."""
    router.register("agreements", views.AgreementViewSet, basename="agreement")
