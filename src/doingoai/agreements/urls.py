"""Pages of international agreements (``agreement`` is the detail page's name for the generic pages)."""

from doingoai.agreements import views
from doingoai.core.urls import object_routes

app_name = "agreements"
urlpatterns = [
    *object_routes(
        "agreement",
        list=views.AgreementListView,
        detail=views.AgreementDetailView,
        edit=views.AgreementEditView,
        delete=views.AgreementDeleteView,
    ),
]
