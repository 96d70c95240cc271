"""API routes of foreign partners."""

from doingoai.partners.api import views


def register(router) -> None:
    """Add this domain's viewsets to the API router."""
    router.register("partners", views.PartnerViewSet, basename="partner")
