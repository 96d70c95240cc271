"""Pages of a delegation's life: one action with its confirmation, the same action on many, the report.

Nothing changes on a GET: each action opens a short form (the reason, the
date, the approving document it needs), and only its POST calls
``delegations.services``. A refusal shows the service's message: the 403
page for a role that may not, the message for a state that does not allow it
(409), the messages beside the fields for a missing value (400).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect

from doingoai.accounts.scoping import scope
from doingoai.core.errors import NotAllowed, ServiceError, StaleVersion, StateConflict
from doingoai.core.views import ObjectViewMixin, permission_denied, safe_return_url
from doingoai.delegations import selectors, services, workflow
from doingoai.delegations.forms import BulkActionForm, FollowUpTaskFormSet, ReportForm, TransitionForm
from doingoai.delegations.models import Delegation, DelegationReport
from doingoai.delegations.views.base import DelegationPartView

#: at most this many delegations in one bulk action (a page of the list is 50)
BULK_LIMIT = 200


class DelegationActionView(DelegationPartView):
    """GET: the action's confirmation form; POST: the action, through ``delegation_transition``."""

    template_name = "delegations/delegation_action.html"

    def setup_action(self):
        delegation = self.delegation()
        self.spec = workflow.action(self.kwargs["action"])
        if self.spec is None or self.spec.name == "report":
            raise Http404("Không có thao tác này.")
        self.roles = workflow.roles_for(self.request.user, delegation)
        return delegation

    def context(self, form, delegation) -> dict:
        role = self.spec.acting_role(self.roles)
        last = workflow.last_undoable(delegation) if self.spec.name == "undo" else None
        last_spec = workflow.action(last.action) if last is not None else None
        return {
            "object": delegation,
            "form": form,
            "spec": self.spec,
            "title": f"{self.spec.label(delegation, role)}: {delegation}",
            "label": self.spec.label(delegation, role),
            "danger": self.spec.name in ("reject", "cancel", "undo"),
            "last_step": last,
            "last_step_label": last_spec.label(delegation) if last_spec else "",
        }

    def form(self, delegation, data=None):
        return TransitionForm(
            data, spec=self.spec, roles=self.roles, delegation=delegation, user=self.request.user
        )

    def get(self, request, *args, **kwargs):
        delegation = self.setup_action()
        refused = workflow.refusal(delegation, request.user, self.spec.name, roles=self.roles)
        if isinstance(refused, NotAllowed):
            raise refused
        if refused is not None:
            messages.warning(request, refused.message)
            return self.back()
        return self.render(self.context(self.form(delegation), delegation))

    def post(self, request, *args, **kwargs):
        delegation = self.setup_action()
        form = self.form(delegation, request.POST)
        context = self.context(form, delegation)
        refused = workflow.refusal(delegation, request.user, self.spec.name, roles=self.roles)
        if isinstance(refused, NotAllowed):  # the role first, the state next, the values last
            raise refused
        if refused is not None:
            messages.error(request, refused.message)
            return self.render(context, status=refused.status)
        if not form.is_valid():
            messages.error(request, "Chưa thực hiện được: vui lòng sửa các lỗi bên dưới.")
            return self.render(context, status=400)
        try:
            done = services.delegation_transition(
                delegation,
                user=request.user,
                action=self.spec.name,
                version=form.version,
                **form.transition_values(),
            )
        except ServiceError as error:
            if isinstance(error, (StateConflict, StaleVersion)):
                messages.error(request, error.message)
                return self.render(context, status=409)
            return self.refused(form, error, context)
        messages.success(request, f"{self.spec.done(done)}: {done}")
        return redirect(done.get_absolute_url())


class DelegationBulkView(ObjectViewMixin):
    """One action on the rows selected in the list; each row checked and its outcome shown.

    GET (from the list's form, ``?pk=…&pk=…&action=…``): the rows and the
    action's form; POST: the action on each row, each in its own transaction,
    and a page with every row's outcome.
    """

    queryset = Delegation.objects.select_related("owner", "province")
    template_name = "delegations/delegation_bulk.html"
    nav_active = "delegations"
    list_title = "Đoàn ra, đoàn vào"

    def selected(self, data) -> list[Delegation]:
        ids = [value for value in data.getlist("pk") if value.isdigit()][:BULK_LIMIT]
        rows = {row.pk: row for row in scope(self.queryset.all(), self.request.user).filter(pk__in=ids)}
        return [rows[int(pk)] for pk in dict.fromkeys(ids) if int(pk) in rows]

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        data = request.POST if request.method == "POST" else request.GET
        self.spec = workflow.action(data.get("action", ""))

    def form(self, rows, data=None):
        # the values asked are those the action needs as this user's broadest role would take it
        roles = set()
        for row in rows:
            roles |= workflow.roles_for(self.request.user, row)
        sample = rows[0]
        form = BulkActionForm(data, spec=self.spec, roles=roles, delegation=sample, user=self.request.user)
        del form.fields["version"]
        form.fields.pop("merged_into", None)
        return form

    def context(self, rows, form, outcomes=None) -> dict:
        return {
            "rows": rows,
            "form": form,
            "spec": self.spec,
            "outcomes": outcomes,
            "title": f"{self.spec.label(role='office')}: {len(rows)} đoàn",
            "return_url": safe_return_url(
                self.request.POST.get("return_url") or self.request.GET.get("return_url")
            )
            or "/doan/",
        }

    def get(self, request, *args, **kwargs):
        if self.spec is None or self.spec.name in ("report", "undo"):
            messages.warning(request, "Hãy chọn một thao tác để áp dụng cho các đoàn đã chọn.")
            return redirect(safe_return_url(request.GET.get("return_url")) or "delegations:delegation_list")
        rows = self.selected(request.GET)
        if not rows:
            messages.warning(request, "Hãy chọn ít nhất một đoàn trong danh sách.")
            return redirect(safe_return_url(request.GET.get("return_url")) or "delegations:delegation_list")
        return self.render(self.context(rows, self.form(rows)))

    def post(self, request, *args, **kwargs):
        if self.spec is None or self.spec.name in ("report", "undo"):
            raise Http404("Không có thao tác này.")
        rows = self.selected(request.POST)
        if not rows:
            messages.warning(request, "Hãy chọn ít nhất một đoàn trong danh sách.")
            return redirect("delegations:delegation_list")
        form = self.form(rows, request.POST)
        if not form.is_valid():
            return self.render(self.context(rows, form), status=400)
        values = form.transition_values()
        outcomes = services.bulk_transition(rows, user=request.user, action=self.spec.name, **values)
        done = sum(1 for outcome in outcomes if outcome["ok"])
        (messages.success if done == len(outcomes) else messages.warning)(
            request, f"Đã thực hiện cho {done}/{len(outcomes)} đoàn."
        )
        return self.render(self.context(rows, form, outcomes))


class DelegationReportView(DelegationPartView):
    """The report after the trip: GET the form (or the filed report), POST files it."""

    template_name = "delegations/delegation_report.html"

    def context(self, delegation, form, tasks) -> dict:
        return {
            "object": delegation,
            "form": form,
            "tasks": tasks,
            "title": f"Báo cáo sau chuyến đi: {delegation}",
            "due": selectors.report_due(delegation),
            "members": selectors.members_of(delegation),
        }

    def forms(self, delegation, data=None, files=None):
        report = DelegationReport.objects.filter(delegation=delegation).first()
        form = ReportForm(
            data, files, instance=report or DelegationReport(delegation=delegation), delegation=delegation
        )
        if report is None and data is None:
            form.initial["members_went"] = [member.pk for member in delegation.members.all()]
        tasks = FollowUpTaskFormSet(data, prefix="tasks", form_kwargs={"province": delegation.province})
        return form, tasks

    def get(self, request, *args, **kwargs):
        delegation = self.delegation()
        refused = workflow.refusal(delegation, request.user, "report")
        if isinstance(refused, NotAllowed):
            return permission_denied(request, refused)
        if refused is not None:
            messages.warning(request, refused.message)
            return self.back()
        form, tasks = self.forms(delegation)
        return self.render(self.context(delegation, form, tasks))

    def post(self, request, *args, **kwargs):
        delegation = self.delegation()
        form, tasks = self.forms(delegation, request.POST, request.FILES)
        context = self.context(delegation, form, tasks)
        if not (form.is_valid() & tasks.is_valid()):
            messages.error(request, "Chưa nộp được: vui lòng sửa các lỗi bên dưới.")
            return self.render(context, status=400)
        upload = form.cleaned_data.get("file")
        try:
            services.report_file(
                delegation,
                user=request.user,
                values=form.report_values(),
                members_went=form.cleaned_data.get("members_went"),
                agreements=form.cleaned_data.get("agreements"),
                tasks=[task.cleaned_data for task in tasks.forms if task.cleaned_data.get("title")],
                file=(upload.name, upload.read()) if upload else None,
            )
        except ServiceError as error:
            return self.refused(form, error, context)
        messages.success(request, f"Đã nộp báo cáo sau chuyến đi: {delegation}")
        return redirect(delegation.get_absolute_url())
