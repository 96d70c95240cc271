"""Pages of foreign partners (``partner`` is the detail page's name for the generic pages)."""

from doingoai.core.urls import object_routes
from doingoai.partners import views

app_name = "partners"
urlpatterns = [
    *object_routes(
        "partner",
        list=views.PartnerListView,
        detail=views.PartnerDetailView,
        edit=views.PartnerEditView,
        delete=views.PartnerDeleteView,
    ),
]
