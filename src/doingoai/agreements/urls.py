"""Pages of international agreements (``agreement`` is the detail page's name for the generic pages)."""

from django.urls import path

from doingoai.agreements import views

app_name = "agreements"
urlpatterns = [
    path("", views.AgreementListView.as_view(), name="agreement_list"),
    path("them/", views.AgreementEditView.as_view(), name="agreement_add"),
    path("<int:pk>/", views.AgreementDetailView.as_view(), name="agreement_detail"),
    path("<int:pk>/", views.AgreementDetailView.as_view(), name="agreement"),
    path("<int:pk>/sua/", views.AgreementEditView.as_view(), name="agreement_edit"),
    path("<int:pk>/xoa/", views.AgreementDeleteView.as_view(), name="agreement_delete"),
]
