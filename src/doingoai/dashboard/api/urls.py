"""API route of the dashboard."""

from doingoai.dashboard.api.views import DashboardViewSet


def register(router) -> None:
    """``/api/dashboard/``."""
    router.register("dashboard", DashboardViewSet, basename="dashboard")
