"""The reports' pages, under /bao-cao/."""

from django.urls import path

from doingoai.reports import views

app_name = "reports"
urlpatterns = [path("thuc-hien/", views.execution, name="execution")]
