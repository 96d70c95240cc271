"""Pages of units, and the provinces list.

Every detail page answers to two names: ``<model>_detail``, and ``<model>``,
the name the generic pages (``doingoai.core.views``) link to after a save.
"""

from django.urls import path

from doingoai.core.urls import object_routes
from doingoai.organization import views

app_name = "organization"
urlpatterns = [
    *object_routes(
        "unit",
        list=views.UnitListView,
        detail=views.UnitDetailView,
        edit=views.UnitEditView,
        delete=views.UnitDeleteView,
    ),
    path("tinh/", views.ProvinceListView.as_view(), name="province_list"),
]
