"""API routes of the reports."""

from doingoai.reports.api.views import ExecutionReportViewSet


def register(router) -> None:
    """Add the reports to the API router: ``/api/reports/execution/``."""
    router.register("reports/execution", ExecutionReportViewSet, basename="execution-report")
