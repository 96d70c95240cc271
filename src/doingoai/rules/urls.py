"""The warnings' pages, under /canh-bao/."""

from django.urls import path

from doingoai.rules import views

app_name = "rules"
urlpatterns = [
    path("", views.warnings_page, name="warning_list"),
    path("<int:pk>/xac-nhan/", views.warning_acknowledge, name="warning_acknowledge"),
    path("quy-dinh/", views.rule_settings, name="rule_settings"),
]
