"""The dashboard's page, /tong-quan/."""

from django.urls import path

from doingoai.dashboard import views

app_name = "dashboard"
urlpatterns = [path("", views.overview, name="overview")]
