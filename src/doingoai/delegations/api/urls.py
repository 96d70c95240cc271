"""API routes of delegations."""


def register(router) -> None:
    """Add this domain's viewsets to the API router."""
