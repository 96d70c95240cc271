"""API routes of tasks."""

from doingoai.tasks.api import views


def register(router) -> None:
    """Add this domain's viewsets to the API router."""
    router.register("tasks", views.TaskViewSet, basename="task")
