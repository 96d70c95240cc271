"""Pages of foreign partners (``partner`` is the detail page's name for the generic pages)."""

from django.urls import path

from doingoai.partners import views

app_name = "partners"
urlpatterns = [
    path("", views.PartnerListView.as_view(), name="partner_list"),
    path("them/", views.PartnerEditView.as_view(), name="partner_add"),
    path("<int:pk>/", views.PartnerDetailView.as_view(), name="partner_detail"),
    path("<int:pk>/", views.PartnerDetailView.as_view(), name="partner"),
    path("<int:pk>/sua/", views.PartnerEditView.as_view(), name="partner_edit"),
    path("<int:pk>/xoa/", views.PartnerDeleteView.as_view(), name="partner_delete"),
]
