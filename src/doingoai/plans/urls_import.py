"""The import pages' routes, appended to ``plans/urls.py`` (app "plans", under /van-ban/)."""

from django.urls import path

from doingoai.plans import views_import

import_urlpatterns = [
    path("nhap/", views_import.import_start, name="import_start"),
    path("nhap/ket-qua/", views_import.import_done, name="import_done"),
    path("nhap/<slug:token>/", views_import.import_preview, name="import_preview"),
    path("nhap/<slug:token>/xac-nhan/", views_import.import_confirm, name="import_confirm"),
    path("nhap/<slug:token>/huy/", views_import.import_cancel, name="import_cancel"),
]
