"""The inbox, at /viec-can-lam/."""

from django.urls import path

from doingoai.inbox import views

app_name = "inbox"
urlpatterns = [path("", views.inbox, name="inbox")]
