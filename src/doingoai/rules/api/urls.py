"""API routes of the rules' warnings."""

from doingoai.rules.api.views import WarningViewSet


def register(router) -> None:
    router.register("warnings", WarningViewSet, basename="warning")
