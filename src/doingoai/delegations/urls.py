"""Delegation pages under /doan/ (names follow ``doingoai.core.views.viewname``)."""


from doingoai.core.urls import object_routes
from doingoai.delegations import views

app_name = "delegations"
urlpatterns = [
    *object_routes(
        "delegation",
        list=views.DelegationListView,
        detail=views.DelegationView,
        edit=views.DelegationEditView,
        delete=views.DelegationDeleteView,
    ),
]
