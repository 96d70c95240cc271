from django.urls import path

from doingoai.delegations import views

app_name = "delegations"
urlpatterns = [
    path("", views.DelegationListView.as_view(), name="delegation_list"),
]
