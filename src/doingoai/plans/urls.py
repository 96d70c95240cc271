"""Pages of plan documents, and the import pages (``urls_import``, written with the importer).

The import routes live in their own module so that the two parts of this app
can change without touching each other; they are appended here when present.
"""

from django.urls import path

from doingoai.plans import views

try:
    from doingoai.plans.urls_import import import_urlpatterns
except ImportError:  # the importer's pages are not installed
    import_urlpatterns = []

app_name = "plans"
urlpatterns = [
    path("", views.PlanDocumentListView.as_view(), name="plandocument_list"),
    path("<int:pk>/", views.PlanDocumentDetailView.as_view(), name="plandocument_detail"),
    path("<int:pk>/", views.PlanDocumentDetailView.as_view(), name="plandocument"),
    path("<int:pk>/tep/", views.PlanDocumentFileView.as_view(), name="plandocument_file"),
] + import_urlpatterns
