"""The site's URLs: pages by domain, the API under /api/, its schema."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from doingoai.core.views import AttachmentView

handler400 = "doingoai.core.views.bad_request"
handler403 = "doingoai.core.views.permission_denied"
handler404 = "doingoai.core.views.page_not_found"
handler500 = "doingoai.core.views.server_error"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="inbox:inbox"), name="home"),
    path("dang-nhap/", auth_views.LoginView.as_view(template_name="core/login.html"), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("viec-can-lam/", include("doingoai.inbox.urls")),
    path("doan/", include("doingoai.delegations.urls")),
    path("nguoi/", include("doingoai.people.urls")),
    path("tai-khoan/", include("doingoai.accounts.urls")),
    path("van-ban/", include("doingoai.plans.urls")),
    path("don-vi/", include("doingoai.organization.urls")),
    path("doi-tac/", include("doingoai.partners.urls")),
    path("thoa-thuan/", include("doingoai.agreements.urls")),
    path("nhiem-vu/", include("doingoai.tasks.urls")),
    path("bao-cao/", include("doingoai.reports.urls")),
    path("canh-bao/", include("doingoai.rules.urls")),
    path("thu-thap/", include("doingoai.collection.urls")),
    path("tong-hop/", include("doingoai.consolidation.urls")),
    path("lich/", include("doingoai.calendars.urls")),
    path("xuat/", include("doingoai.documents.urls")),
    path("tong-quan/", include("doingoai.dashboard.urls")),
    path("tim-kiem/", include("doingoai.search.urls")),
    path("tep-dinh-kem/<int:pk>/", AttachmentView.as_view(), name="attachment"),
    path("api/", include("doingoai.api.urls")),
    path("quan-tri/", admin.site.urls),
]
