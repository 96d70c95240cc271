"""Pages of foreign partners: office staff keep them, everyone of the province reads them."""

from __future__ import annotations

from doingoai.core.views import ObjectDeleteView, ObjectDetailView, ObjectEditView, ObjectListView
from doingoai.extraction.normalize.places import country_name_vi
from doingoai.partners import services
from doingoai.partners.filtersets import PartnerFilterSet
from doingoai.partners.forms import PartnerForm
from doingoai.partners.models import Partner
from doingoai.partners.tables import PartnerTable


class PartnerListView(ObjectListView):
    queryset = Partner.objects.select_related("province")
    operations = services.PARTNERS
    filterset_class = PartnerFilterSet
    table_class = PartnerTable
    title = "Đối tác nước ngoài"


class PartnerDetailView(ObjectDetailView):
    queryset = Partner.objects.select_related("province")
    operations = services.PARTNERS
    detail_fields = ("province", "name", "kind", "country", "subdivision", "relationship")
    template_name = "partners/partner_detail.html"

    def format_value(self, name, value):
        if name == "country" and value:
            return f"{country_name_vi(value)} ({value})"
        return super().format_value(name, value)

    def get_extra_context(self):
        context = super().get_extra_context()
        context["agreements"] = self.object.agreements.filter(deleted_at__isnull=True)
        return context


class PartnerEditView(ObjectEditView):
    queryset = Partner.objects.all()
    operations = services.PARTNERS
    form_class = PartnerForm


class PartnerDeleteView(ObjectDeleteView):
    queryset = Partner.objects.all()
    operations = services.PARTNERS
