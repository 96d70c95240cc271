"""API routes of delegations."""

from doingoai.delegations.api.views import DelegationViewSet


def register(router) -> None:
    """Add this domain's viewsets to the API router."""
    router.register("delegations", DelegationViewSet, basename="delegation")
