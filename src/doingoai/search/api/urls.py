"""API route of the search: ``/api/search/``."""

from django.urls import path

from doingoai.search.api.views import SearchView

urlpatterns = [
    path("search/", SearchView.as_view(), name="api-search"),
]
