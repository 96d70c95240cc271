"""Pages of units, and the provinces list.

Every detail page answers to two names: ``<model>_detail``, and ``<model>``,
the name the generic pages (``doingoai.core.views``) link to after a save.
"""

from django.urls import path

from doingoai.organization import views

app_name = "organization"
urlpatterns = [
    path("", views.UnitListView.as_view(), name="unit_list"),
    path("them/", views.UnitEditView.as_view(), name="unit_add"),
    path("<int:pk>/", views.UnitDetailView.as_view(), name="unit_detail"),
    path("<int:pk>/", views.UnitDetailView.as_view(), name="unit"),
    path("<int:pk>/sua/", views.UnitEditView.as_view(), name="unit_edit"),
    path("<int:pk>/xoa/", views.UnitDeleteView.as_view(), name="unit_delete"),
    path("tinh/", views.ProvinceListView.as_view(), name="province_list"),
]
