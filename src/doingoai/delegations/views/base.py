"""What the pages about one part of a delegation share: the delegation, scoped, and its refusals shown."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect

from doingoai.core.errors import InvalidInput, NotAllowed, ServiceError
from doingoai.core.views import ObjectViewMixin
from doingoai.delegations.models import Delegation


class DelegationPartView(ObjectViewMixin):
    """A page about the delegation of the URL's ``pk`` (404 unless the user sees it)."""

    queryset = Delegation.objects.select_related("owner", "province")
    nav_active = "delegations"
    list_title = "Đoàn ra, đoàn vào"

    def delegation(self) -> Delegation:
        if not hasattr(self, "_delegation"):
            self._delegation = self.get_object()
        return self._delegation

    def back(self):
        return redirect(self.delegation().get_absolute_url())

    def refused(self, form, error: ServiceError, context: dict):
        """A service's refusal: the 403 page, messages beside the fields, or the message on top."""
        if isinstance(error, NotAllowed):
            raise error
        if isinstance(error, InvalidInput):
            form.add_service_errors(error)
            messages.error(self.request, "Chưa lưu được: vui lòng sửa các lỗi bên dưới.")
        else:
            messages.error(self.request, error.message)
        return self.render(context, status=error.status)
