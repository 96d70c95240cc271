"""API routes of the register of people."""

from doingoai.people.api import views


def register(router) -> None:
    """Add this domain's viewsets to the API router."""
    router.register("people", views.PersonViewSet, basename="person")
