"""Pages of international agreements: office staff keep them, everyone of the province reads them.

``scoping.can_edit`` would let unit staff edit the agreements their unit
proposed (as it does delegations); agreements are signed in the province's
name, so only the office changes them (``OfficeEditMixin``).
"""

from __future__ import annotations

from doingoai.agreements.filtersets import AgreementFilterSet
from doingoai.agreements.forms import AgreementForm
from doingoai.agreements.models import Agreement
from doingoai.agreements.tables import AgreementTable
from doingoai.core.views import ObjectDeleteView, ObjectDetailView, ObjectEditView, ObjectListView
from doingoai.organization.forms import countries_text
from doingoai.organization.views import (
    OfficeDeleteMixin,
    OfficeDetailMixin,
    OfficeEditMixin,
    OfficeListMixin,
)


class AgreementListView(OfficeListMixin, ObjectListView):
    queryset = Agreement.objects.select_related("owner", "province")
    filterset_class = AgreementFilterSet
    table_class = AgreementTable
    title = "Thỏa thuận quốc tế"


class AgreementDetailView(OfficeDetailMixin, ObjectDetailView):
    queryset = Agreement.objects.select_related("owner", "province", "partner", "plan_document")
    detail_fields = ("province", "year", "tt", "title", "kind", "owner", "proposer", "signing_capacity",
                     "countries", "partner", "partner_name", "period_start", "period_end", "status",
                     "notes", "plan_document", "source_table", "source_row")

    def format_value(self, name, value):
        if name == "countries" and isinstance(value, list):
            return countries_text(value) or "—"
        return super().format_value(name, value)


class AgreementEditView(OfficeEditMixin, ObjectEditView):
    queryset = Agreement.objects.all()
    form_class = AgreementForm


class AgreementDeleteView(OfficeDeleteMixin, ObjectDeleteView):
    queryset = Agreement.objects.all()
