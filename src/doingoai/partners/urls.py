"""Pages of foreign partners (``partner`` is the detail page's name for the generic pages)."""

from django.urls import path

from doingoai.core.urls import object_routes
from doingoai.partners import views

app_name = "partners"
urlpatterns = [
    *object_routes(
        "partner",
        list=views.PartnerListView,
        detail=views.PartnerDetailView,
        edit=views.PartnerEditView,
        delete=views.PartnerDeleteView,
    ),
    path("<int:pk>/gop/", views.partner_merge, name="partner_merge"),
    path("gop/<int:pk>/hoan-tac/", views.partner_merge_undo, name="partner_merge_undo"),
    path("nuoc/<str:code>/", views.country_detail, name="country_detail"),
]
