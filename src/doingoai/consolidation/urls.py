"""The consolidation's pages, under /tong-hop/."""

from django.urls import path

from doingoai.consolidation import views, views_timeline

app_name = "consolidation"
urlpatterns = [
    path("", views.consolidation_page, name="consolidation"),
    path("dong-thoi-gian/", views_timeline.timeline_page, name="timeline"),
    path("de-xuat/<int:pk>/", views.proposal_action, name="proposal"),
    path("dua-vao/", views.take_in_many, name="take_in_many"),
    path("phien-ban/", views.version_create, name="version_create"),
    path("phien-ban/<int:pk>/", views.version_page, name="version"),
    path("phien-ban/<int:pk>/van-ban/", views.version_document, name="version_document"),
    path("phien-ban/<int:pk>/phe-duyet/", views.version_approve, name="version_approve"),
]
