"""Pages of the register of people under /nguoi/, and who holds a title each year (/nguoi/chuc-danh/)."""

from django.urls import path

from doingoai.core.urls import object_routes
from doingoai.people import views

app_name = "people"
urlpatterns = [
    path("chuc-danh/", views.title_holdings, name="title_holdings"),
    path("chuc-danh/<int:pk>/xoa/", views.title_holding_delete, name="title_holding_delete"),
    *object_routes(
        "person",
        list=views.PersonListView,
        detail=views.PersonDetailView,
        edit=views.PersonEditView,
        delete=views.PersonDeleteView,
    ),
]
