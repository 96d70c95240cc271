"""API routes of the plan versions."""

from doingoai.consolidation.api.views import PlanVersionViewSet


def register(router) -> None:
    router.register("plan-versions", PlanVersionViewSet, basename="plan-version")
