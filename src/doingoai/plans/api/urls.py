"""API routes of plan documents."""

from doingoai.plans.api import views


def register(router) -> None:
    """Add this domain's viewsets to the API router."""
    router.register("plan-documents", views.PlanDocumentViewSet, basename="plandocument")
