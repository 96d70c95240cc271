"""The collection's pages, under /thu-thap/ (and the contacts of a unit, the reminders sent)."""

from django.urls import path

from doingoai.collection import views

app_name = "collection"
urlpatterns = [
    path("", views.round_page, name="round"),
    path("mo/", views.round_open, name="round_open"),
    path("<int:pk>/doi/", views.round_change, name="round_change"),
    path("<int:pk>/tra-loi/", views.round_answer, name="round_answer"),
    path("<int:pk>/tep/them/", views.round_file_add, name="round_file_add"),
    path("<int:pk>/tep/<int:attachment>/xoa/", views.round_file_remove, name="round_file_remove"),
    path("don-vi/<int:pk>/lien-he/", views.contacts_page, name="contacts"),
    path("nhac-viec/", views.reminders_page, name="reminders"),
]
