"""Pages of international agreements: office staff keep them, everyone of the province reads them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from doingoai.accounts.scoping import default_province, scope, visible_provinces
from doingoai.agreements import services
from doingoai.agreements.filtersets import AgreementFilterSet
from doingoai.agreements.forms import AgreementForm
from doingoai.agreements.models import Agreement
from doingoai.agreements.tables import AgreementTable
from doingoai.core.attachments import attachments_of
from doingoai.core.errors import ServiceError
from doingoai.core.parsing import countries_text, month_text
from doingoai.core.views import ObjectDeleteView, ObjectDetailView, ObjectEditView, ObjectListView


class AgreementListView(ObjectListView):
    queryset = Agreement.objects.select_related("owner", "province")
    operations = services.AGREEMENTS
    filterset_class = AgreementFilterSet
    table_class = AgreementTable
    template_name = "agreements/agreement_list.html"
    title = "Thỏa thuận quốc tế"

    def get_extra_context(self):
        """The year's list for the ministry, of the province chosen in the filter or the user's own."""
        context = super().get_extra_context()
        chosen = self.request.GET.get("province", "")
        provinces = visible_provinces(self.request.user)
        province = provinces.filter(pk=chosen).first() if chosen.isdigit() else None
        context["export_province"] = province or default_province(self.request.user)
        year = self.request.GET.get("year", "")
        context["export_year"] = int(year) if year.isdigit() else timezone.localdate().year
        return context


class AgreementDetailView(ObjectDetailView):
    queryset = Agreement.objects.select_related(
        "owner", "province", "partner", "plan_document", "delegation", "renews"
    )
    operations = services.AGREEMENTS
    template_name = "agreements/agreement_detail.html"
    detail_fields = (
        "province",
        "year",
        "tt",
        "title",
        "kind",
        "owner",
        "proposer",
        "signing_capacity",
        "countries",
        "partner",
        "partner_name",
        "period_start",
        "period_end",
        "status",
        "signed_on",
        "effective_on",
        "term_months",
        "expires_on",
        "delegation",
        "renews",
        "signing_report_due_on",
        "signing_reported_on",
        "signing_report_number",
        "notes",
        "plan_document",
        "source_table",
        "source_row",
        "edited_fields",
    )

    def format_value(self, name, value):
        if name in ("period_start", "period_end") and hasattr(value, "month"):
            return month_text(value)
        if name == "countries" and isinstance(value, list):
            return countries_text(value) or "—"
        if name == "edited_fields" and isinstance(value, list):
            labels = [
                str(Agreement._meta.get_field(field).verbose_name)
                for field in value
                if field in Agreement.sourced_fields
            ]
            return ", ".join(labels) or "—"
        if name == "term_months" and value:
            return f"{value // 12} năm" if value % 12 == 0 else f"{value} tháng"
        if name == "signing_report_due_on":
            return self._report_due(value)
        return super().format_value(name, value)

    def _report_due(self, due) -> str:
        agreement = self.object
        if due is None:
            if agreement.signed_on is None:
                return "—"
            if services.signed_in_province_name(agreement.signing_capacity, agreement.province.name) is None:
                return "Chưa rõ danh nghĩa ký: ghi danh nghĩa ký để biết có phải báo cáo không."
            return "Không phải báo cáo (ký nhân danh UBND tỉnh)."
        text = f"{due:%d/%m/%Y}"
        if agreement.signing_reported_on:
            return f"{text} (đã báo cáo)"
        return (
            f"{text} (quá hạn, chưa báo cáo)"
            if agreement.signing_report_overdue
            else f"{text} (chưa báo cáo)"
        )

    def get_extra_context(self):
        context = super().get_extra_context()
        agreement = self.object
        context["files"] = attachments_of(agreement)
        context["renewals"] = agreement.renewals.active().order_by("-signed_on", "-id")
        context["can_renew"] = context.get("can_edit") and agreement.status in Agreement.SIGNED_STATES
        return context


@login_required
@require_POST
def agreement_renew(request, pk):
    """A new agreement renewing this one, opened for the officer to complete."""
    agreement = get_object_or_404(scope(Agreement.objects.all(), request.user), pk=pk)
    try:
        renewal = services.agreement_renew(agreement, user=request.user)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("agreements:agreement_detail", pk=pk)
    messages.success(request, "Đã tạo thỏa thuận gia hạn; hãy ghi ngày ký và thời hạn mới.")
    return redirect("agreements:agreement_edit", pk=renewal.pk)


@login_required
@require_POST
def agreement_attach(request, pk):
    """Keep the signed text of the agreement (Word, PDF, a scan)."""
    agreement = get_object_or_404(scope(Agreement.objects.all(), request.user), pk=pk)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, "Hãy chọn tệp văn bản thỏa thuận đã ký.")
    else:
        try:
            services.agreement_attach(
                agreement,
                user=request.user,
                name=upload.name,
                data=upload.read(),
                description=request.POST.get("description", ""),
            )
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"Đã đính kèm tệp {upload.name}.")
    return redirect(f"{reverse('agreements:agreement_detail', args=[pk])}#van-ban")


@login_required
@require_POST
def agreement_detach(request, pk, attachment):
    agreement = get_object_or_404(scope(Agreement.objects.all(), request.user), pk=pk)
    file = attachments_of(agreement).filter(pk=attachment).first()
    if file is not None:
        try:
            services.agreement_detach(file, user=request.user)
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"Đã xóa tệp {file.name}.")
    return redirect(f"{reverse('agreements:agreement_detail', args=[pk])}#van-ban")


class AgreementEditView(ObjectEditView):
    queryset = Agreement.objects.all()
    operations = services.AGREEMENTS
    form_class = AgreementForm


class AgreementDeleteView(ObjectDeleteView):
    queryset = Agreement.objects.all()
    operations = services.AGREEMENTS
