"""The search page, under /tim-kiem/."""

from django.urls import path

from doingoai.search import views

app_name = "search"
urlpatterns = [
    path("", views.results_page, name="results"),
]
