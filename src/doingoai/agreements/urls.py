"""Pages of international agreements (``agreement`` is the detail page's name for the generic pages)."""

from django.urls import path

from doingoai.agreements import views
from doingoai.core.urls import object_routes

app_name = "agreements"
urlpatterns = [
    *object_routes(
        "agreement",
        list=views.AgreementListView,
        detail=views.AgreementDetailView,
        edit=views.AgreementEditView,
        delete=views.AgreementDeleteView,
    ),
    path("<int:pk>/gia-han/", views.agreement_renew, name="agreement_renew"),
    path("<int:pk>/tep/", views.agreement_attach, name="agreement_attach"),
    path("<int:pk>/tep/<int:attachment>/xoa/", views.agreement_detach, name="agreement_detach"),
]
