"""Delegation pages under /doan/ (names follow ``doingoai.core.views.viewname``)."""

from django.urls import path

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
    path("thao-tac/", views.DelegationBulkView.as_view(), name="delegation_bulk"),
    path("<int:pk>/thao-tac/<slug:action>/", views.DelegationActionView.as_view(), name="delegation_action"),
    path("<int:pk>/bao-cao/", views.DelegationReportView.as_view(), name="delegation_report"),
    path("<int:pk>/thanh-vien/them/", views.MemberEditView.as_view(), name="member_add"),
    path("<int:pk>/thanh-vien/<int:member>/sua/", views.MemberEditView.as_view(), name="member_edit"),
    path("<int:pk>/thanh-vien/<int:member>/xoa/", views.MemberRemoveView.as_view(), name="member_remove"),
    path(
        "<int:pk>/thanh-vien/<int:member>/ho-chieu/<slug:event>/",
        views.PassportView.as_view(),
        name="passport",
    ),
    path("<int:pk>/tep/them/", views.AttachmentAddView.as_view(), name="attachment_add"),
    path(
        "<int:pk>/tep/<int:attachment>/xoa/", views.AttachmentRemoveView.as_view(), name="attachment_remove"
    ),
]
