"""Pages of a delegation's files: upload one, remove one (downloads are ``core.views.AttachmentView``)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect

from doingoai.core.attachments import attachments_of
from doingoai.core.errors import NotAllowed, ServiceError
from doingoai.delegations import services
from doingoai.delegations.forms import AttachmentForm
from doingoai.delegations.views.base import DelegationPartView


class AttachmentAddView(DelegationPartView):
    template_name = "delegations/attachment_add.html"

    def context(self, form) -> dict:
        return {"object": self.delegation(), "form": form, "title": f"Đính kèm tệp: {self.delegation()}"}

    def get(self, request, *args, **kwargs):
        if not services.can_keep_trip(request.user, self.delegation()):
            raise NotAllowed("Chỉ Sở Ngoại vụ và đơn vị của đoàn được đính kèm tệp.")
        return self.render(self.context(AttachmentForm(initial={"kind": request.GET.get("kind", "other")})))

    def post(self, request, *args, **kwargs):
        form = AttachmentForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render(self.context(form), status=400)
        upload = form.cleaned_data["file"]
        try:
            services.delegation_attach(
                self.delegation(),
                user=request.user,
                kind=form.cleaned_data["kind"],
                name=upload.name,
                data=upload.read(),
                description=form.cleaned_data["description"],
            )
        except ServiceError as error:
            return self.refused(form, error, self.context(form))
        messages.success(request, f"Đã đính kèm tệp {upload.name}.")
        return redirect(f"{self.delegation().get_absolute_url()}#files")


class AttachmentRemoveView(DelegationPartView):
    def post(self, request, *args, **kwargs):
        attachment = attachments_of(self.delegation()).filter(pk=self.kwargs["attachment"]).first()
        if attachment is None:
            raise Http404("Không có tệp này.")
        try:
            services.delegation_detach(attachment, user=request.user)
        except ServiceError as error:
            if isinstance(error, NotAllowed):
                raise
            messages.error(request, error.message)
        else:
            messages.success(request, f"Đã xóa tệp {attachment.name}.")
        return redirect(f"{self.delegation().get_absolute_url()}#files")
