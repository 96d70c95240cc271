"""The REST API: one router for every object, the OpenAPI schema beside it."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

router = DefaultRouter()
# Each domain registers its viewsets in its own ``api/urls.py`` module.
from doingoai.delegations.api.urls import register as register_delegations  # noqa: E402

register_delegations(router)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("", include(router.urls)),
]
