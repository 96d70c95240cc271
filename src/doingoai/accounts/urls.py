"""Account pages, at /tai-khoan/ (administrators only)."""

from django.urls import path

from doingoai.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.AccountListView.as_view(), name="account_list"),
    path("cua-toi/", views.OwnAccountView.as_view(), name="own_account"),
    path("them/", views.AccountEditView.as_view(), name="account_add"),
    path("<int:pk>/", views.AccountView.as_view(), name="account"),
    path("<int:pk>/sua/", views.AccountEditView.as_view(), name="account_edit"),
    path("<int:pk>/kich-hoat/", views.AccountActiveView.as_view(), name="account_active"),
    path("<int:pk>/mat-khau/", views.AccountPasswordView.as_view(), name="account_password"),
]
