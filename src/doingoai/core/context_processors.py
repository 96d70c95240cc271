"""Values every page's layout needs: the navigation and the user's role."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _


def navigation(request):
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    items = [
        (_("Đoàn ra, đoàn vào"), reverse("delegations:delegation_list")),
    ]
    return {"navigation": items}
