"""Pages of international agreements: office staff keep them, everyone of the province reads them."""

from __future__ import annotations

from doingoai.agreements import services
from doingoai.agreements.filtersets import AgreementFilterSet
from doingoai.agreements.forms import AgreementForm
from doingoai.agreements.models import Agreement
from doingoai.agreements.tables import AgreementTable
from doingoai.core.parsing import countries_text, month_text
from doingoai.core.views import ObjectDeleteView, ObjectDetailView, ObjectEditView, ObjectListView


class AgreementListView(ObjectListView):
    queryset = Agreement.objects.select_related("owner", "province")
    operations = services.AGREEMENTS
    filterset_class = AgreementFilterSet
    table_class = AgreementTable
    title = "Thỏa thuận quốc tế"


class AgreementDetailView(ObjectDetailView):
    queryset = Agreement.objects.select_related("owner", "province", "partner", "plan_document")
    operations = services.AGREEMENTS
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
        return super().format_value(name, value)


class AgreementEditView(ObjectEditView):
    queryset = Agreement.objects.all()
    operations = services.AGREEMENTS
    form_class = AgreementForm


class AgreementDeleteView(ObjectDeleteView):
    queryset = Agreement.objects.all()
    operations = services.AGREEMENTS
