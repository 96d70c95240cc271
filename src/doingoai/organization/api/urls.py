"""API routes of provinces and units."""

from doingoai.organization.api import views


def register(router) -> None:
    """Add this domain's viewsets to the API router."""
    router.register("provinces", views.ProvinceViewSet, basename="province")
    router.register("units", views.UnitViewSet, basename="unit")
