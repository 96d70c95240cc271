"""The REST API: one router for every object, the OpenAPI schema beside it.

Each domain registers its viewsets in its own ``api/urls.py`` (``register(router)``).
"""

from django.contrib.auth.decorators import login_required
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from doingoai.agreements.api.urls import register as register_agreements
from doingoai.api.token import ObtainTokenView
from doingoai.calendars.api.urls import register as register_calendars
from doingoai.consolidation.api.urls import register as register_consolidation
from doingoai.dashboard.api.urls import register as register_dashboard
from doingoai.delegations.api.urls import register as register_delegations
from doingoai.organization.api.urls import register as register_organization
from doingoai.partners.api.urls import register as register_partners
from doingoai.people.api.urls import register as register_people
from doingoai.plans.api.urls import register as register_plans
from doingoai.reports.api.urls import register as register_reports
from doingoai.rules.api.urls import register as register_rules
from doingoai.tasks.api.urls import register as register_tasks

router = DefaultRouter()
for register in (
    register_organization,
    register_plans,
    register_partners,
    register_people,
    register_delegations,
    register_agreements,
    register_tasks,
    register_reports,
    register_rules,
    register_consolidation,
    register_calendars,
    register_dashboard,
):
    register(router)

urlpatterns = [
    path("token/", ObtainTokenView.as_view(), name="api-token"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", login_required(SpectacularSwaggerView.as_view(url_name="api-schema")), name="api-docs"),
    path("", include("doingoai.documents.api.urls")),
    path("", include("doingoai.search.api.urls")),
    path("", include(router.urls)),
]
