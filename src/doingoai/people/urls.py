"""Pages of the register of people under /nguoi/."""

from doingoai.core.urls import object_routes
from doingoai.people import views

app_name = "people"
urlpatterns = [
    *object_routes(
        "person",
        list=views.PersonListView,
        detail=views.PersonDetailView,
        edit=views.PersonEditView,
        delete=views.PersonDeleteView,
    ),
]
