"""Pages of a delegation's members and of the passports lent to them.

Only the office and the owning unit keep the list (``services.can_keep_trip``);
the passport number appears on these pages and on the delegation's page for
them alone.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect

from doingoai.core.errors import NotAllowed, ServiceError
from doingoai.delegations import services
from doingoai.delegations.forms import MemberForm, PassportForm
from doingoai.delegations.models import DelegationMember
from doingoai.delegations.views.base import DelegationPartView


class MemberMixin(DelegationPartView):
    def member(self) -> DelegationMember | None:
        if "member" not in self.kwargs:
            return None
        member = self.delegation().members.select_related("person").filter(pk=self.kwargs["member"]).first()
        if member is None:
            raise Http404("Không có thành viên này trong đoàn.")
        return member

    def require_keeper(self) -> None:
        if not services.can_keep_trip(self.request.user, self.delegation()):
            raise NotAllowed(
                "Chỉ Sở Ngoại vụ và đơn vị của đoàn được cập nhật danh sách thành viên, hộ chiếu."
            )


class MemberEditView(MemberMixin):
    """Add a member (no ``member`` in the URL) or change one."""

    template_name = "delegations/member_edit.html"

    def context(self, form) -> dict:
        member = self.member()
        return {
            "object": self.delegation(),
            "form": form,
            "member": member,
            "title": f"Sửa thành viên: {member.person}" if member else "Thêm thành viên đoàn",
        }

    def get(self, request, *args, **kwargs):
        self.require_keeper()
        form = MemberForm(instance=self.member() or DelegationMember(), delegation=self.delegation())
        return self.render(self.context(form))

    def post(self, request, *args, **kwargs):
        self.require_keeper()
        member = self.member()
        form = MemberForm(request.POST, instance=member or DelegationMember(), delegation=self.delegation())
        if not form.is_valid():
            return self.render(self.context(form), status=400)
        try:
            if member is None:
                member = services.member_add(
                    self.delegation(),
                    user=request.user,
                    values=form.member_values(),
                    new_person=form.new_person(),
                )
            else:
                member = services.member_update(
                    member, user=request.user, values=form.member_values(), version=form.version
                )
        except ServiceError as error:
            return self.refused(form, error, self.context(form))
        messages.success(request, f"Đã lưu thành viên: {member.person}")
        return redirect(f"{self.delegation().get_absolute_url()}#members")


class MemberRemoveView(MemberMixin):
    template_name = "delegations/member_remove.html"

    def get(self, request, *args, **kwargs):
        self.require_keeper()
        member = self.member()
        return self.render(
            {"object": self.delegation(), "member": member, "title": f"Bỏ khỏi đoàn: {member.person}"}
        )

    def post(self, request, *args, **kwargs):
        member = self.member()
        try:
            services.member_remove(member, user=request.user)
        except ServiceError as error:
            if isinstance(error, NotAllowed):
                raise
            messages.error(request, error.message)
            return self.back()
        messages.success(request, f"Đã bỏ {member.person.full_name} khỏi danh sách đoàn.")
        return redirect(f"{self.delegation().get_absolute_url()}#members")


class PassportView(MemberMixin):
    """Record a kept passport handed out (``out``) or back (``back``)."""

    template_name = "delegations/passport.html"

    def context(self, form, member, event) -> dict:
        label = "Giao hộ chiếu" if event == "out" else "Nhận lại hộ chiếu"
        return {
            "object": self.delegation(),
            "form": form,
            "member": member,
            "event": event,
            "label": label,
            "title": f"{label}: {member.person.full_name}",
        }

    def event(self) -> str:
        event = self.kwargs["event"]
        if event not in ("out", "back"):
            raise Http404("Không có việc này.")
        return event

    def get(self, request, *args, **kwargs):
        self.require_keeper()
        member, event = self.member(), self.event()
        return self.render(self.context(PassportForm(), member, event))

    def post(self, request, *args, **kwargs):
        member, event = self.member(), self.event()
        form = PassportForm(request.POST)
        if not form.is_valid():
            return self.render(self.context(form, member, event), status=400)
        move = services.passport_hand_out if event == "out" else services.passport_take_back
        try:
            move(member, user=request.user, date=form.cleaned_data["date"], notes=form.cleaned_data["notes"])
        except ServiceError as error:
            return self.refused(form, error, self.context(form, member, event))
        messages.success(
            request,
            f"Đã ghi: {self.context(form, member, event)['label'].lower()} của {member.person.full_name}.",
        )
        return redirect(f"{self.delegation().get_absolute_url()}#members")
