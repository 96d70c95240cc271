"""Delegation pages under /doan/ (names follow ``doingoai.core.views.viewname``)."""

from django.urls import path

from doingoai.delegations import views

app_name = "delegations"
urlpatterns = [
    path("", views.DelegationListView.as_view(), name="delegation_list"),
    path("them/", views.DelegationEditView.as_view(), name="delegation_add"),
    path("<int:pk>/", views.DelegationView.as_view(), name="delegation"),
    path("<int:pk>/", views.DelegationView.as_view(), name="delegation_detail"),
    path("<int:pk>/sua/", views.DelegationEditView.as_view(), name="delegation_edit"),
    path("<int:pk>/xoa/", views.DelegationDeleteView.as_view(), name="delegation_delete"),
]
